//! Reading a filled form back: the hidden sheet (a Word form: the custom
//! properties) says which plan and which version, the visible sheet (the
//! table) what the school typed, cell by cell. Nothing is judged here beyond
//! what a cell holds; `import` turns it into marks.

use crate::diagnostic::cell::{Cell, Grid};
use crate::form::docx::{PROP_HASH, PROP_MAGIC, PROP_PLAN, PROP_ROWS};
use crate::form::layout::*;
use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use quick_xml::events::Event;
use std::io::Read as _;
use std::path::Path;

/// Why a file cannot be read as a form at all.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot open the workbook: {0}")]
    Open(String),
    #[error("the workbook has no hidden sheet `{META}` written by `roadmap form`")]
    NoMeta,
    #[error("the workbook has no sheet `{SHEET}`")]
    NoSheet,
    #[error("the form is of version {0}, this tool reads version {VERSION}")]
    Version(String),
    #[error("cannot open the document: {0}")]
    Document(String),
    #[error("the document has no properties `{PROP_MAGIC}` written by `roadmap form`")]
    NoProperties,
    #[error("the document's properties `{PROP_ROWS}…` are damaged: {0}")]
    Records(String),
    #[error("the document has no table")]
    NoTable,
}

impl ReadError {
    pub fn ru(&self) -> String {
        match self {
            ReadError::Open(e) => format!("книгу нельзя открыть: {e}"),
            ReadError::NoMeta => {
                format!("в книге нет скрытого листа «{META}», который пишет «roadmap form»")
            }
            ReadError::NoSheet => format!("в книге нет листа «{SHEET}»"),
            ReadError::Version(v) => {
                format!("форма версии {v}, а эта программа читает версию {VERSION}")
            }
            ReadError::Document(e) => format!("документ нельзя открыть: {e}"),
            ReadError::NoProperties => {
                format!("в документе нет свойств «{PROP_MAGIC}», которые пишет «roadmap form»")
            }
            ReadError::Records(e) => {
                format!("свойства документа «{PROP_ROWS}…» повреждены: {e}")
            }
            ReadError::NoTable => "в документе нет таблицы".to_string(),
        }
    }
}

/// A cell as the reader saw it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    /// A date cell (or a number in a date column): an Excel serial day.
    Serial(f64),
}

impl Value {
    fn of(data: Option<&Data>) -> Value {
        match data {
            None | Some(Data::Empty) => Value::Empty,
            Some(Data::String(s)) if s.trim().is_empty() => Value::Empty,
            Some(Data::String(s)) | Some(Data::DateTimeIso(s)) | Some(Data::DurationIso(s)) => {
                Value::Text(s.trim().to_string())
            }
            Some(Data::Int(i)) => Value::Number(*i as f64),
            Some(Data::Float(x)) => Value::Number(*x),
            Some(Data::Bool(b)) => Value::Text(b.to_string()),
            Some(Data::DateTime(d)) => Value::Serial(d.as_f64()),
            Some(Data::Error(e)) => Value::Text(format!("#{e:?}")),
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Value::Empty
    }

    /// As a person would read the cell.
    pub fn shown(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(s) => s.clone(),
            Value::Number(x) => number(*x),
            Value::Serial(x) => serial_date(*x).map_or_else(|| number(*x), dmy),
        }
    }

    pub fn text(&self) -> String {
        self.shown()
    }

    /// A date: a date cell, a serial number, or text `DD.MM.YYYY`/`YYYY-MM-DD`.
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            Value::Serial(x) | Value::Number(x) => serial_date(*x),
            Value::Text(s) => crate::model::timing::parse_date(s.get(..10).unwrap_or(s))
                .or_else(|| crate::model::timing::parse_date(s)),
            Value::Empty => None,
        }
    }

    /// A number: a number cell or text `12,5`.
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Number(x) => Some(*x),
            Value::Text(s) => s
                .replace(['\u{a0}', ' '], "")
                .replace(',', ".")
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite()),
            _ => None,
        }
    }
}

pub fn dmy(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// `85`, `12.5`: no trailing zeros, a dot (as the roadmap language writes numbers).
pub fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        let s = format!("{x:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Excel's serial day (1900 system, after February 1900) as a date.
fn serial_date(x: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&x) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(x.floor() as u64))
}

/// One row of the visible sheet with its record from the hidden sheet.
#[derive(Debug, Clone)]
pub struct FilledRow {
    /// 0-based row of the visible sheet.
    pub row: u32,
    pub activity: String,
    pub indicator: Option<usize>,
    /// The title and timing as the form was written with them.
    pub title: String,
    pub timing: String,
    pub allowed: Option<(NaiveDate, NaiveDate)>,
    /// Every cell of the row, by column.
    pub cells: Vec<Value>,
}

impl FilledRow {
    pub fn cell(&self, column: u16) -> &Value {
        self.cells.get(column as usize).unwrap_or(&Value::Empty)
    }
}

/// A filled form.
#[derive(Debug, Clone)]
pub struct Filled {
    pub plan: String,
    pub hash: String,
    /// Where the hash was read: the place of a finding on the form's version.
    pub hash_cell: Cell,
    /// What holds the rows: the sheet «Отметки», or the document's table.
    pub grid: Grid,
    pub rows: Vec<FilledRow>,
}

/// The cell at a row and column of a form's grid; a table's column is named
/// by the form's header.
pub fn cell_at(grid: &Grid, row: u32, column: u16) -> Cell {
    match grid {
        Grid::Sheet(sheet) => Cell::new(sheet, row, column),
        Grid::Table(n) => {
            let header = COLUMNS.get(column as usize).map_or("", |(name, _)| *name);
            Cell::in_table(*n, row, column, header)
        }
        Grid::Property(name) => Cell::property(name),
    }
}

/// Reads a form: a Word document by its `.docx` name, else a workbook.
pub fn read(path: &Path) -> Result<Filled, ReadError> {
    let docx = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
    if docx {
        read_docx(path)
    } else {
        read_xlsx(path)
    }
}

fn read_xlsx(path: &Path) -> Result<Filled, ReadError> {
    let mut book: Xlsx<_> = calamine::open_workbook(path)
        .map_err(|e: calamine::XlsxError| ReadError::Open(e.to_string()))?;
    let meta = book.worksheet_range(META).map_err(|_| ReadError::NoMeta)?;
    let at = |r: u32, c: u16| Value::of(meta.get_value((r, u32::from(c))));
    if at(0, 0) != Value::Text(MAGIC.into()) {
        return Err(ReadError::NoMeta);
    }
    let version = at(0, 1);
    if version.number() != Some(f64::from(VERSION)) {
        return Err(ReadError::Version(version.shown()));
    }
    let sheet = book
        .worksheet_range(SHEET)
        .map_err(|_| ReadError::NoSheet)?;
    let mut rows = Vec::new();
    let mut r = META_ROWS;
    while let Some(sheet_row) = at(r, ROW_SHEET_ROW).number() {
        // The record holds the 1-based row a person sees.
        let row = (sheet_row as u32).saturating_sub(1);
        let allowed = at(r, ROW_FROM).date().zip(at(r, ROW_TO).date());
        rows.push(FilledRow {
            row,
            activity: at(r, ROW_ACTIVITY).shown(),
            indicator: at(r, ROW_INDICATOR).number().map(|n| n as usize),
            title: at(r, ROW_TITLE).shown(),
            timing: at(r, ROW_TIMING).shown(),
            allowed,
            cells: (0..COLUMNS.len() as u32)
                .map(|c| Value::of(sheet.get_value((row, c))))
                .collect(),
        });
        r += 1;
    }
    Ok(Filled {
        plan: at(META_PLAN, 1).shown(),
        hash: at(META_HASH, 1).shown(),
        hash_cell: Cell::new(META, META_HASH, 1),
        grid: Grid::Sheet(SHEET.to_string()),
        rows,
    })
}

/// A Word form: the custom properties name the plan and hold the rows'
/// records; the first table whose header is the form's holds the rows (read
/// by the importer's reader of Word tables).
fn read_docx(path: &Path) -> Result<Filled, ReadError> {
    let bytes = std::fs::read(path).map_err(|e| ReadError::Document(e.to_string()))?;
    let properties = custom_properties(&bytes)?;
    let property = |name: &str| {
        properties
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.trim().to_string())
    };
    let version = property(PROP_MAGIC).ok_or(ReadError::NoProperties)?;
    if version != VERSION.to_string() {
        return Err(ReadError::Version(version));
    }
    let mut records = String::new();
    for i in 1.. {
        match properties
            .iter()
            .find(|(n, _)| *n == format!("{PROP_ROWS}{i}"))
        {
            Some((_, chunk)) => records.push_str(chunk),
            None => break,
        }
    }
    type Record = (String, Option<usize>, String, String, String, String);
    let records: Vec<Record> = if records.is_empty() {
        Vec::new()
    } else {
        serde_json::from_str(&records).map_err(|e| ReadError::Records(e.to_string()))?
    };
    let tables = crate::import::docx::read(path, &bytes)
        .map_err(|e| ReadError::Document(e.message(crate::lang::Lang::En)))?;
    let header: Vec<&str> = COLUMNS.iter().map(|(name, _)| *name).collect();
    let (number, table) = tables
        .iter()
        .enumerate()
        .find(|(_, t)| {
            t.rows
                .first()
                .is_some_and(|r| r.iter().map(|c| c.text.trim()).collect::<Vec<_>>() == header)
        })
        .ok_or(ReadError::NoTable)?;
    let rows = records
        .into_iter()
        .enumerate()
        .map(|(i, (activity, indicator, from, to, title, timing))| {
            // The header is the table's first row.
            let row = i as u32 + 1;
            let parse = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
            FilledRow {
                row,
                activity,
                indicator,
                title,
                timing,
                allowed: parse(&from).zip(parse(&to)),
                cells: (0..COLUMNS.len())
                    .map(|c| match table.cell(row as usize, c) {
                        Some(cell) if !cell.own().is_empty() => Value::Text(cell.own().to_string()),
                        _ => Value::Empty,
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(Filled {
        plan: property(PROP_PLAN).unwrap_or_default(),
        hash: property(PROP_HASH).unwrap_or_default(),
        hash_cell: Cell::property(PROP_HASH),
        grid: Grid::Table(number as u32 + 1),
        rows,
    })
}

/// The custom properties of a Word document (`docProps/custom.xml`): each
/// name with its text; none when the part is missing.
fn custom_properties(bytes: &[u8]) -> Result<Vec<(String, String)>, ReadError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| ReadError::Document(e.to_string()))?;
    let mut xml = String::new();
    match archive.by_name("docProps/custom.xml") {
        Ok(mut part) => part
            .read_to_string(&mut xml)
            .map_err(|e| ReadError::Document(e.to_string()))?,
        Err(_) => return Err(ReadError::NoProperties),
    };
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut out: Vec<(String, String)> = Vec::new();
    let mut inside = false;
    loop {
        match reader.read_event() {
            Err(e) => return Err(ReadError::Document(format!("docProps/custom.xml: {e}"))),
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) if e.local_name().as_ref() == "property" => {
                let name = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == "name")
                    .map(|a| a.value.to_string())
                    .unwrap_or_default();
                out.push((name, String::new()));
                inside = true;
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == "property" => inside = false,
            Ok(Event::Text(t)) if inside => {
                if let Some((_, value)) = out.last_mut() {
                    value.push_str(&t.xml10_content());
                }
            }
            Ok(Event::GeneralRef(r)) if inside => {
                if let (Some((_, value)), Some(c)) =
                    (out.last_mut(), crate::import::docx::reference(&r))
                {
                    value.push(c);
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_from_date_cells_serials_and_text() {
        let d = NaiveDate::from_ymd_opt(2022, 3, 15).unwrap();
        assert_eq!(Value::Serial(44635.0).date(), Some(d));
        assert_eq!(Value::Number(44635.0).date(), Some(d));
        assert_eq!(Value::Text("15.03.2022".into()).date(), Some(d));
        assert_eq!(Value::Text("2022-03-15T00:00:00".into()).date(), Some(d));
        assert_eq!(Value::Text("31.02.2022".into()).date(), None);
        assert_eq!(Value::Text("вчера".into()).date(), None);
        assert_eq!(Value::Serial(44635.0).shown(), "15.03.2022");
    }

    #[test]
    fn numbers_are_read_with_a_comma_or_a_dot() {
        assert_eq!(Value::Text("12,5".into()).number(), Some(12.5));
        assert_eq!(Value::Text("1 200".into()).number(), Some(1200.0));
        assert_eq!(Value::Number(85.0).number(), Some(85.0));
        assert_eq!(Value::Text("много".into()).number(), None);
        assert_eq!(number(85.0), "85");
        assert_eq!(number(12.5), "12.5");
    }
}

//! Reading a filled form back: the hidden sheet says which plan and which
//! version, the visible sheet what the school typed, cell by cell. Nothing
//! is judged here beyond what a cell holds; `import` turns it into marks.

use crate::form::layout::*;
use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
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
    pub rows: Vec<FilledRow>,
}

pub fn read(path: &Path) -> Result<Filled, ReadError> {
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
        rows,
    })
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

//! Workbooks (`.xlsx`, `.ods`) read with `calamine`: one table per sheet
//! that holds anything, merged cells spread over the cells they cover,
//! dates written `DD.MM.YYYY`.

use super::limits::{self, Exceeded};
use super::table::{Cell, Table};
use super::ImportError;
use calamine::{Data, DataRef, Dimensions, Ods, Range, Reader, Xlsx, XlsxCellReader, XlsxError};
use std::io::Cursor;
use std::path::Path;

/// Which kind of workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Xlsx,
    Ods,
}

/// Reads every sheet with cells as a table.
pub fn read(path: &Path, bytes: &[u8], kind: Kind) -> Result<Vec<Table>, ImportError> {
    let damaged = |detail: String| ImportError::Damaged {
        path: path.to_path_buf(),
        detail,
    };
    let too_large = |exceeded: Exceeded| ImportError::TooLarge {
        path: path.to_path_buf(),
        exceeded,
    };
    let mut counter = limits::Counter::default();
    let mut sheets = Vec::new();
    match kind {
        Kind::Xlsx => {
            let mut book: Xlsx<_> =
                Xlsx::new(Cursor::new(bytes)).map_err(|e| damaged(e.to_string()))?;
            for (i, name) in book.sheet_names().into_iter().enumerate() {
                let range = match book.worksheet_cells_reader(&name) {
                    Ok(mut cells) => {
                        sparse(&mut cells, i + 1, &mut counter).map_err(|e| match e {
                            Stop::Xlsx(e) => damaged(e.to_string()),
                            Stop::TooLarge(exceeded) => too_large(exceeded),
                        })?
                    }
                    // A chart sheet holds no cells.
                    Err(XlsxError::NotAWorksheet(_)) => Range::default(),
                    Err(e) => return Err(damaged(e.to_string())),
                };
                let merged = book.merge_cells_by_sheet_name(&name).unwrap_or_default();
                sheets.push((name, range, merged));
            }
        }
        Kind::Ods => {
            let mut book: Ods<_> =
                Ods::new(Cursor::new(bytes)).map_err(|e| damaged(e.to_string()))?;
            for name in book.sheet_names() {
                let range = book
                    .worksheet_range(&name)
                    .map_err(|e| damaged(e.to_string()))?;
                sheets.push((name, range, Vec::new()));
            }
        }
    }
    let mut tables = Vec::new();
    for (name, range, merged) in sheets {
        let table = table(name, &range, &merged, &mut counter).map_err(too_large)?;
        if !table.is_empty() {
            tables.push(table);
        }
    }
    Ok(tables)
}

/// Why reading a sheet's cells stopped.
enum Stop {
    Xlsx(XlsxError),
    TooLarge(Exceeded),
}

/// A sheet's cells that hold something, as a range over the rectangle
/// they span: counted as they are read, and the rectangle checked before
/// it is made, so that two cells far apart (A1 and XFD1048576) cannot ask
/// for billions of empty ones.
fn sparse<R: std::io::Read + std::io::Seek>(
    reader: &mut XlsxCellReader<'_, R>,
    sheet: usize,
    counter: &mut limits::Counter,
) -> Result<Range<Data>, Stop> {
    let mut cells = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(Stop::Xlsx)? {
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        counter.add(1).map_err(Stop::TooLarge)?;
        let position = cell.get_position();
        cells.push(calamine::Cell::new(
            position,
            Data::from(cell.get_value().clone()),
        ));
    }
    let (Some(top), Some(bottom)) = (
        cells.iter().map(|c| c.get_position().0).min(),
        cells.iter().map(|c| c.get_position().0).max(),
    ) else {
        return Ok(Range::default());
    };
    let left = cells.iter().map(|c| c.get_position().1).min().unwrap_or(0);
    let right = cells.iter().map(|c| c.get_position().1).max().unwrap_or(0);
    let width = (right - left) as usize + 1;
    let height = (bottom - top) as usize + 1;
    if width > limits::COLUMNS {
        // The first row that reaches past the limit.
        let row = cells
            .iter()
            .map(|c| c.get_position())
            .filter(|&(_, c)| (c - left) as usize >= limits::COLUMNS)
            .map(|(r, _)| r)
            .min()
            .unwrap_or(top);
        return Err(Stop::TooLarge(Exceeded::Row {
            table: sheet,
            row: (row - top) as usize + 1,
        }));
    }
    if width.saturating_mul(height) > limits::CELLS {
        return Err(Stop::TooLarge(Exceeded::Cells));
    }
    Ok(Range::from_sparse(cells))
}

fn table(
    name: String,
    range: &Range<Data>,
    merged: &[Dimensions],
    counter: &mut limits::Counter,
) -> Result<Table, Exceeded> {
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut rows: Vec<Vec<Cell>> = range
        .rows()
        .map(|r| r.iter().map(|d| Cell::new(text(d))).collect())
        .collect();
    // Rows and columns in the range are counted from its first cell.
    for m in merged {
        let (r0, c0) = (
            m.start.0.saturating_sub(top) as usize,
            m.start.1.saturating_sub(left) as usize,
        );
        let (r1, c1) = (
            m.end.0.saturating_sub(top) as usize,
            m.end.1.saturating_sub(left) as usize,
        );
        let Some(first) = rows.get(r0).and_then(|r| r.get(c0)).map(|c| c.text.clone()) else {
            continue;
        };
        // Merges do not overlap in a sheet a program saved; many that do
        // would each walk the whole sheet.
        let height = r1.min(rows.len().saturating_sub(1)).saturating_sub(r0) + 1;
        let width = c1.min(rows[r0].len().saturating_sub(1)).saturating_sub(c0) + 1;
        counter.add(height.saturating_mul(width))?;
        for (r, row) in rows.iter_mut().enumerate().take(r1 + 1).skip(r0) {
            for (c, cell) in row.iter_mut().enumerate().take(c1 + 1).skip(c0) {
                if (r, c) != (r0, c0) {
                    // A merge across a row repeats the text (a header over
                    // several columns); down a column it leaves it empty.
                    *cell = Cell::covered(if r == r0 { first.as_str() } else { "" });
                }
            }
        }
    }
    Ok(Table {
        above: Vec::new(),
        rows,
        name: Some(name),
    })
}

/// A cell's text as a person reads it: whole numbers without «.0», dates
/// as `DD.MM.YYYY`.
fn text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.replace("\r\n", "\n"),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => dt
            .as_datetime()
            .map(|d| d.format("%d.%m.%Y").to_string())
            .unwrap_or_else(|| dt.to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

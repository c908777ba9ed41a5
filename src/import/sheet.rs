//! Workbooks (`.xlsx`, `.ods`) read with `calamine`: one table per sheet
//! that holds anything, merged cells spread over the cells they cover,
//! dates written `DD.MM.YYYY`.

use super::table::{Cell, Table};
use super::ImportError;
use calamine::{Data, Dimensions, Ods, Range, Reader, Xlsx};
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
    let mut sheets = Vec::new();
    match kind {
        Kind::Xlsx => {
            let mut book: Xlsx<_> =
                Xlsx::new(Cursor::new(bytes)).map_err(|e| damaged(e.to_string()))?;
            for name in book.sheet_names() {
                let range = book
                    .worksheet_range(&name)
                    .map_err(|e| damaged(e.to_string()))?;
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
    Ok(sheets
        .into_iter()
        .map(|(name, range, merged)| table(name, &range, &merged))
        .filter(|t| !t.is_empty())
        .collect())
}

fn table(name: String, range: &Range<Data>, merged: &[Dimensions]) -> Table {
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
    Table {
        above: Vec::new(),
        rows,
        name: Some(name),
    }
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

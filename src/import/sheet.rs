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
            if let Some(exceeded) = ods_size(bytes) {
                return Err(too_large(exceeded));
            }
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

/// An OpenDocument sheet says how many times a row or a cell repeats
/// (`table:number-rows-repeated`, `table:number-columns-repeated`), and its
/// reader spreads every repeat that holds a value into cells of their own: a
/// few bytes could ask for billions of them. So the repeats are added up
/// first, without keeping a cell, and a sheet whose values would span more
/// than the limits is refused before it is read.
fn ods_size(bytes: &[u8]) -> Option<Exceeded> {
    use quick_xml::events::{BytesStart, Event};
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut xml = Vec::new();
    // The archive is within the limits (checked before), content.xml too.
    std::io::Read::read_to_end(&mut zip.by_name("content.xml").ok()?, &mut xml).ok()?;
    let repeats = |e: &BytesStart<'_>, name: &str| -> u64 {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .and_then(|a| a.value.trim().parse().ok())
            .unwrap_or(1)
    };
    let valued = |e: &BytesStart<'_>| {
        e.attributes()
            .flatten()
            .any(|a| a.key.local_name().as_ref() == "value-type")
    };
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut buf = Vec::new();
    let (mut table, mut rows, mut first, mut last, mut widest) = (0usize, 0u64, None, 0u64, 0u64);
    // In the current row: its repeats, its cells so far, the end of its last value.
    let (mut row_repeats, mut cells, mut filled) = (1u64, 0u64, 0u64);
    let mut total: u64 = 0;
    loop {
        let (event, empty) = match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => (e.into_owned(), false),
            Ok(Event::Empty(e)) => (e.into_owned(), true),
            Ok(Event::End(e)) if e.name().as_ref() == "table:table-row" => {
                if filled > 0 {
                    first.get_or_insert(rows);
                    last = rows.saturating_add(row_repeats);
                    widest = widest.max(filled);
                }
                rows = rows.saturating_add(row_repeats);
                buf.clear();
                continue;
            }
            Ok(Event::End(e)) if e.name().as_ref() == "table:table" => {
                let height = last.saturating_sub(first.unwrap_or(last));
                total = total.saturating_add(height.saturating_mul(widest));
                if total > limits::CELLS as u64 {
                    return Some(Exceeded::Cells);
                }
                buf.clear();
                continue;
            }
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => {
                buf.clear();
                continue;
            }
        };
        buf.clear();
        match event.name().as_ref() {
            "table:table" => {
                table += 1;
                (rows, first, last, widest) = (0, None, 0, 0);
            }
            "table:table-row" => {
                row_repeats = repeats(&event, "table:number-rows-repeated");
                (cells, filled) = (0, 0);
                if empty {
                    rows = rows.saturating_add(row_repeats);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                cells = cells.saturating_add(repeats(&event, "table:number-columns-repeated"));
                // A cell with content (text, a value) is not empty.
                if !empty || valued(&event) {
                    filled = cells;
                }
                if filled > limits::COLUMNS as u64 {
                    let row = rows.saturating_sub(first.unwrap_or(0)) + 1;
                    return Some(Exceeded::Row {
                        table: table.max(1),
                        row: usize::try_from(row).unwrap_or(usize::MAX),
                    });
                }
            }
            _ => {}
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zipped(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        for (name, text) in parts {
            out.start_file(*name, options).unwrap();
            out.write_all(text.as_bytes()).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    fn workbook(sheet: &str) -> Vec<u8> {
        zipped(&[
            (
                "[Content_Types].xml",
                r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
            ),
            (
                "_rels/.rels",
                r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
            ),
            (
                "xl/workbook.xml",
                r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Лист1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
            ),
            (
                "xl/_rels/workbook.xml.rels",
                r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
            ),
            ("xl/worksheets/sheet1.xml", sheet),
        ])
    }

    fn sheet(cells: &str) -> String {
        format!(
            r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{cells}</sheetData></worksheet>"#
        )
    }

    #[test]
    fn two_cells_far_apart_in_a_workbook_are_refused_not_spread_out() {
        let far = sheet(
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>№</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#,
        );
        let err = read(Path::new("t.xlsx"), &workbook(&far), Kind::Xlsx).unwrap_err();
        assert!(
            matches!(
                err,
                ImportError::TooLarge {
                    exceeded: Exceeded::Row { table: 1, .. },
                    ..
                }
            ),
            "{err:?}"
        );
        let tall = sheet(
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>№</t></is></c><c r="Z1"><v>1</v></c></row><row r="1048576"><c r="A1048576"><v>1</v></c></row>"#,
        );
        let err = read(Path::new("t.xlsx"), &workbook(&tall), Kind::Xlsx).unwrap_err();
        assert!(
            matches!(
                err,
                ImportError::TooLarge {
                    exceeded: Exceeded::Cells,
                    ..
                }
            ),
            "{err:?}"
        );
        let small = sheet(
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>№</t></is></c><c r="B1"><v>2</v></c></row>"#,
        );
        let tables = read(Path::new("t.xlsx"), &workbook(&small), Kind::Xlsx).unwrap();
        assert_eq!(tables[0].rows[0][1].text, "2");
    }

    #[test]
    fn repeated_cells_of_an_opendocument_sheet_are_counted_before_they_are_spread() {
        let content = |row: &str| {
            format!(
                r#"<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:spreadsheet><table:table table:name="Лист1">{row}<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#
            )
        };
        let bomb = content(
            r#"<table:table-row table:number-rows-repeated="6000"><table:table-cell table:number-columns-repeated="900" office:value-type="float" office:value="1"/></table:table-row>"#,
        );
        let ods = zipped(&[("content.xml", &bomb)]);
        assert_eq!(ods_size(&ods), Some(Exceeded::Cells));
        let wide = content(
            r#"<table:table-row><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/></table:table-row>"#,
        );
        let ods = zipped(&[("content.xml", &wide)]);
        assert_eq!(ods_size(&ods), Some(Exceeded::Row { table: 1, row: 1 }));
        // The empty rows and cells LibreOffice writes to the sheet's end count for nothing.
        let plain = content(
            r#"<table:table-row><table:table-cell office:value-type="string"><text:p>№</text:p></table:table-cell></table:table-row>"#,
        );
        let ods = zipped(&[("content.xml", &plain)]);
        assert_eq!(ods_size(&ods), None);
    }
}

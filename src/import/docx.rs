//! Word documents (`.docx`): `word/document.xml` read with `zip` and
//! `quick-xml`. Body paragraphs become the text above each table; a table's
//! cells keep their paragraphs, horizontal merges (`w:gridSpan`), vertical
//! merges (`w:vMerge`) and automatic list numbering (`w:numPr`).

use super::limits::{self, Exceeded};
use super::table::{Cell, Table};
use super::ImportError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

/// Reads every top-level table of a Word document.
pub fn read(path: &Path, bytes: &[u8]) -> Result<Vec<Table>, ImportError> {
    let damaged = |detail: String| ImportError::Damaged {
        path: path.to_path_buf(),
        detail,
    };
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| damaged(e.to_string()))?;
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .map_err(|_| damaged("word/document.xml is missing".into()))?
        .read_to_string(&mut xml)
        .map_err(|e| damaged(e.to_string()))?;
    parse(&xml).map_err(|stop| match stop {
        Stop::Xml(detail) => damaged(detail),
        Stop::TooLarge(exceeded) => ImportError::TooLarge {
            path: path.to_path_buf(),
            exceeded,
        },
    })
}

/// Why reading the document's XML stopped.
#[derive(Debug)]
enum Stop {
    Xml(String),
    TooLarge(Exceeded),
}

/// What the reader is inside of.
#[derive(Default)]
struct State {
    tables: Vec<Table>,
    above: Vec<String>,
    /// Nested tables: depth 1 is a top-level table.
    depth: usize,
    row: Vec<Cell>,
    cell: Option<CellState>,
    paragraph: Option<String>,
    in_text: bool,
    /// Numbers given so far per list and level.
    numbering: HashMap<(String, usize), usize>,
    paragraph_number: Option<(String, usize)>,
    /// The columns a row's vertically merged cells started at, by grid column.
    column: usize,
    /// The cells made so far; a merged cell makes one per column it spans.
    cells: limits::Counter,
    too_large: Option<Exceeded>,
}

#[derive(Default)]
struct CellState {
    paragraphs: Vec<String>,
    span: usize,
    continues: bool,
    auto_number: Option<String>,
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| a.value.to_string())
}

/// The character of a reference in text: `&#1040;`, `&amp;` and the other
/// four XML names; `None` for any other name.
pub fn reference(r: &quick_xml::events::BytesRef<'_>) -> Option<char> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => Some(c),
        _ => match &**r {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => None,
        },
    }
}

fn parse(xml: &str) -> Result<Vec<Table>, Stop> {
    let mut reader = Reader::from_str(xml);
    let mut s = State::default();
    loop {
        if let Some(exceeded) = s.too_large.take() {
            return Err(Stop::TooLarge(exceeded));
        }
        let event = reader.read_event().map_err(|e| {
            Stop::Xml(format!(
                "word/document.xml at byte {}: {e}",
                reader.buffer_position()
            ))
        })?;
        match event {
            Event::Eof => break,
            Event::Start(e) => s.start(&e, false),
            Event::Empty(e) => s.start(&e, true),
            Event::End(e) => s.end(e.local_name().as_ref()),
            Event::Text(t) if s.in_text => {
                if let Some(p) = s.paragraph.as_mut() {
                    p.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if s.in_text => {
                if let (Some(p), Some(c)) = (s.paragraph.as_mut(), reference(&r)) {
                    p.push(c);
                }
            }
            _ => {}
        }
    }
    if !s.above.is_empty() {
        // Text after the last table is kept with an empty table, so that
        // nothing written in the document is lost.
        s.tables.push(Table {
            above: std::mem::take(&mut s.above),
            rows: Vec::new(),
            name: None,
        });
    }
    Ok(s.tables)
}

impl State {
    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        let name = e.local_name();
        match name.as_ref() {
            "tbl" if !empty => {
                self.depth += 1;
                if self.depth == 1 {
                    self.tables.push(Table {
                        above: std::mem::take(&mut self.above),
                        rows: Vec::new(),
                        name: None,
                    });
                }
            }
            "tr" if self.depth == 1 && !empty => {
                self.row.clear();
                self.column = 0;
            }
            "tc" if self.depth == 1 && !empty => {
                self.cell = Some(CellState {
                    span: 1,
                    ..CellState::default()
                });
            }
            "gridSpan" if self.depth == 1 => {
                if let (Some(c), Some(v)) = (self.cell.as_mut(), attr(e, "val")) {
                    c.span = v.parse::<usize>().unwrap_or(1).clamp(1, 64);
                }
            }
            "vMerge" if self.depth == 1 => {
                if let Some(c) = self.cell.as_mut() {
                    c.continues = attr(e, "val").is_none_or(|v| v == "continue");
                }
            }
            "p" if !empty => {
                self.paragraph = Some(String::new());
                self.paragraph_number = None;
            }
            "numId" => {
                if let (Some(v), Some(n)) = (attr(e, "val"), self.paragraph_number.as_mut()) {
                    n.0 = v;
                } else if let Some(v) = attr(e, "val") {
                    self.paragraph_number = Some((v, 0));
                }
            }
            "ilvl" => {
                let level = attr(e, "val").and_then(|v| v.parse().ok()).unwrap_or(0);
                match self.paragraph_number.as_mut() {
                    Some(n) => n.1 = level,
                    None => self.paragraph_number = Some((String::new(), level)),
                }
            }
            "t" if !empty => self.in_text = true,
            "tab" => self.push(' '),
            "br" | "cr" => self.push('\n'),
            _ => {}
        }
    }

    fn push(&mut self, c: char) {
        if let Some(p) = self.paragraph.as_mut() {
            p.push(c);
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "t" => self.in_text = false,
            "p" => {
                let text = self.paragraph.take().unwrap_or_default();
                let number = self
                    .paragraph_number
                    .take()
                    .filter(|(id, _)| !id.is_empty() && id != "0");
                if self.cell.is_some() {
                    let unnumbered = self.cell.as_ref().is_some_and(|c| c.auto_number.is_none());
                    let auto = match (number, unnumbered) {
                        (Some(key), true) => Some(self.next_number(key)),
                        _ => None,
                    };
                    if let Some(cell) = self.cell.as_mut() {
                        if auto.is_some() {
                            cell.auto_number = auto;
                        }
                        cell.paragraphs.push(text);
                    }
                } else if self.depth == 0 {
                    let line = text.trim();
                    if !line.is_empty() {
                        self.above.push(line.to_string());
                    }
                }
            }
            "tc" if self.depth == 1 => {
                if let Some(c) = self.cell.take() {
                    let row = self.tables.last().map_or(0, |t| t.rows.len()) + 1;
                    let counted = limits::width(self.tables.len(), row, self.row.len() + c.span)
                        .and_then(|()| self.cells.add(c.span));
                    if let Err(exceeded) = counted {
                        self.too_large = Some(exceeded);
                        return;
                    }
                    let text = c.paragraphs.join("\n").trim().to_string();
                    let first = if c.continues {
                        Cell::covered("")
                    } else {
                        Cell {
                            text: text.clone(),
                            covered: false,
                            auto_number: c.auto_number,
                        }
                    };
                    self.row.push(first);
                    for _ in 1..c.span {
                        self.row
                            .push(Cell::covered(if c.continues { "" } else { &text }));
                    }
                    self.column += c.span;
                }
            }
            "tr" if self.depth == 1 => {
                let row = std::mem::take(&mut self.row);
                if let Some(t) = self.tables.last_mut() {
                    t.rows.push(row);
                }
            }
            "tbl" => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
    }

    /// «1», «1.1», «1.1.1»: the next number at this level of this list;
    /// the levels below start again.
    fn next_number(&mut self, (list, level): (String, usize)) -> String {
        let level = level.min(8);
        *self.numbering.entry((list.clone(), level)).or_default() += 1;
        for deeper in level + 1..9 {
            self.numbering.remove(&(list.clone(), deeper));
        }
        (0..=level)
            .map(|l| {
                self.numbering
                    .get(&(list.clone(), l))
                    .copied()
                    .unwrap_or(1)
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join(".")
    }
}

#[cfg(test)]
mod tests {
    use super::{parse, Exceeded, Stop};

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    #[test]
    fn merged_cells_paragraphs_and_text_above_are_kept() {
        let xml = format!(
            r#"<w:document {W}><w:body>
<w:p><w:r><w:t>УТВЕРЖДЕНА</w:t></w:r></w:p>
<w:tbl>
<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>№</w:t></w:r></w:p></w:tc>
<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>Сроки</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>
<w:tc><w:p><w:r><w:t>2020</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2021 &amp; далее</w:t></w:r></w:p><w:p><w:r><w:t>вторая</w:t></w:r></w:p></w:tc></w:tr>
</w:tbl></w:body></w:document>"#
        );
        let tables = parse(&xml).unwrap();
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].above, ["УТВЕРЖДЕНА"]);
        let rows = &tables[0].rows;
        assert_eq!(rows[0].len(), 3);
        assert!(rows[0][2].covered && rows[0][2].text == "Сроки");
        assert!(rows[1][0].covered && rows[1][0].text.is_empty());
        assert_eq!(rows[1][2].text, "2021 & далее\nвторая");
    }

    #[test]
    fn automatic_numbers_count_per_level() {
        let p = |level: u8| {
            format!(
                r#"<w:tr><w:tc><w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="3"/></w:numPr></w:pPr></w:p></w:tc></w:tr>"#
            )
        };
        let xml = format!(
            "<w:document {W}><w:body><w:tbl>{}{}{}{}</w:tbl></w:body></w:document>",
            p(0),
            p(1),
            p(1),
            p(0)
        );
        let tables = parse(&xml).unwrap();
        let numbers: Vec<_> = tables[0]
            .rows
            .iter()
            .map(|r| r[0].auto_number.clone().unwrap())
            .collect();
        assert_eq!(numbers, ["1", "1.1", "1.2", "2"]);
    }

    #[test]
    fn a_row_wider_than_the_limit_stops_the_reading() {
        // Sixteen cells, each merged over 64 columns: 1 024 cells.
        let cell = r#"<w:tc><w:tcPr><w:gridSpan w:val="64"/></w:tcPr><w:p/></w:tc>"#;
        let xml = format!(
            "<w:document {W}><w:body><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr><w:tr>{}</w:tr></w:tbl></w:body></w:document>",
            cell.repeat(16)
        );
        assert!(matches!(
            parse(&xml),
            Err(Stop::TooLarge(Exceeded::Row { table: 1, row: 2 }))
        ));
    }

    #[test]
    fn broken_xml_is_an_error_not_a_panic() {
        assert!(parse("<w:document><w:body><w:tbl></w:body>").is_err());
    }
}

//! Word documents (`.docx`) for officials who print and sign them: the
//! schedule as the approved form and the progress report sent up. This
//! module writes the package (a zip of a few XML parts) and the pieces both
//! documents are made of: paragraphs and bordered tables on landscape A4,
//! with page numbers in the footer.

pub mod schedule;

use crate::lang::Lang;
use std::fmt::Write as _;
use std::io::Write as _;

/// A4 landscape in twentieths of a point, and its margins (2 cm).
const PAGE_WIDTH: u32 = 16838;
const PAGE_HEIGHT: u32 = 11906;
const MARGIN: u32 = 1134;

/// The width a table may take between the margins.
pub const TEXT_WIDTH: u32 = PAGE_WIDTH - 2 * MARGIN;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

/// How a paragraph looks.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    pub bold: bool,
    /// In points; the document's 12 when not given.
    pub size: Option<u32>,
    pub align: Align,
    /// Space after it, in points.
    pub after: u32,
}

impl Style {
    pub fn right() -> Style {
        Style {
            align: Align::Right,
            ..Style::default()
        }
    }

    pub fn heading() -> Style {
        Style {
            bold: true,
            size: Some(14),
            align: Align::Center,
            after: 6,
        }
    }
}

/// A table cell: its lines (one paragraph each), how many columns it spans.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub lines: Vec<String>,
    pub span: usize,
    pub bold: bool,
    /// Background colour, `RRGGBB`.
    pub shade: Option<&'static str>,
}

impl Cell {
    pub fn new(lines: Vec<String>) -> Cell {
        Cell {
            lines,
            span: 1,
            ..Cell::default()
        }
    }

    pub fn text(text: impl Into<String>) -> Cell {
        Cell::new(vec![text.into()])
    }
}

/// A table row; a header row is repeated at the top of every page.
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub header: bool,
}

impl Row {
    /// The column headings, bold and shaded.
    pub fn header(headings: &[String]) -> Row {
        Row {
            cells: headings
                .iter()
                .map(|h| Cell {
                    bold: true,
                    shade: Some("D9E1F2"),
                    ..Cell::text(h.clone())
                })
                .collect(),
            header: true,
        }
    }

    /// One cell across `columns`, bold and shaded: a section's row.
    pub fn spanning(text: impl Into<String>, columns: usize) -> Row {
        Row {
            cells: vec![Cell {
                span: columns,
                bold: true,
                shade: Some("EDEDED"),
                ..Cell::text(text)
            }],
            header: false,
        }
    }
}

/// A document being written: its body, in order.
#[derive(Debug, Default)]
pub struct Document {
    body: String,
}

impl Document {
    pub fn paragraph(&mut self, text: &str, style: Style) {
        paragraph(&mut self.body, text, style);
    }

    /// What checking the roadmap found, when it found anything: a printed
    /// document never hides it.
    pub fn findings(&mut self, findings: &[super::findings::Finding], lang: Lang) {
        if findings.is_empty() {
            return;
        }
        self.paragraph(
            &super::findings::heading(findings, lang),
            Style {
                bold: true,
                after: 3,
                ..Style::default()
            },
        );
        for f in findings {
            self.paragraph(&f.line(lang), Style::default());
        }
    }

    /// A table of fixed column `widths` (twentieths of a point), with
    /// borders or without (a signature block).
    pub fn table(&mut self, widths: &[u32], rows: &[Row], bordered: bool) {
        let total: u32 = widths.iter().sum();
        let b = &mut self.body;
        let _ = write!(
            b,
            "<w:tbl><w:tblPr><w:tblW w:w=\"{total}\" w:type=\"dxa\"/><w:tblBorders>"
        );
        let line = if bordered { "single" } else { "none" };
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            let _ = write!(
                b,
                "<w:{side} w:val=\"{line}\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
            );
        }
        b.push_str(
            "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar>\
             <w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/>\
             </w:tblCellMar></w:tblPr><w:tblGrid>",
        );
        for w in widths {
            let _ = write!(b, "<w:gridCol w:w=\"{w}\"/>");
        }
        b.push_str("</w:tblGrid>");
        for row in rows {
            // A row is not broken across pages: each activity reads whole.
            b.push_str("<w:tr><w:trPr><w:cantSplit/>");
            if row.header {
                b.push_str("<w:tblHeader/>");
            }
            b.push_str("</w:trPr>");
            let mut column = 0;
            for cell in &row.cells {
                let span = cell.span.max(1);
                let width: u32 = widths.iter().skip(column).take(span).sum();
                column += span;
                let _ = write!(b, "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>");
                if span > 1 {
                    let _ = write!(b, "<w:gridSpan w:val=\"{span}\"/>");
                }
                if let Some(fill) = cell.shade {
                    let _ = write!(
                        b,
                        "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{fill}\"/>"
                    );
                }
                b.push_str("</w:tcPr>");
                let style = Style {
                    bold: cell.bold,
                    size: Some(10),
                    align: if row.header {
                        Align::Center
                    } else {
                        Align::Left
                    },
                    after: 0,
                };
                // A cell holds at least one paragraph.
                if cell.lines.is_empty() {
                    paragraph(b, "", style);
                }
                for line in &cell.lines {
                    paragraph(b, line, style);
                }
                b.push_str("</w:tc>");
            }
            b.push_str("</w:tr>");
        }
        // Word wants a paragraph between a table and what follows it.
        b.push_str("</w:tbl>");
        paragraph(b, "", Style::default());
    }

    /// The `.docx` file: landscape A4, «Страница N из M» in the footer.
    pub fn finish(self, title: &str, lang: Lang) -> Result<Vec<u8>, super::Error> {
        let (page, of) = match lang {
            Lang::Ru => ("Страница ", " из "),
            Lang::En => ("Page ", " of "),
        };
        let footer = format!(
            "{XML_HEAD}<w:ftr {NS}><w:p><w:pPr><w:jc w:val=\"right\"/></w:pPr>{}\
             <w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple>{}\
             <w:fldSimple w:instr=\" NUMPAGES \"><w:r><w:t>1</w:t></w:r></w:fldSimple>\
             </w:p></w:ftr>",
            run(page, Style::default()),
            run(of, Style::default()),
        );
        let document = format!(
            "{XML_HEAD}<w:document {NS}><w:body>{}<w:sectPr>\
             <w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>\
             <w:pgSz w:w=\"{PAGE_WIDTH}\" w:h=\"{PAGE_HEIGHT}\" w:orient=\"landscape\"/>\
             <w:pgMar w:top=\"{MARGIN}\" w:right=\"{MARGIN}\" w:bottom=\"{MARGIN}\" \
             w:left=\"{MARGIN}\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>\
             </w:sectPr></w:body></w:document>",
            self.body
        );
        let language = match lang {
            Lang::Ru => "ru-RU",
            Lang::En => "en-GB",
        };
        let styles = format!(
            "{XML_HEAD}<w:styles {NS}><w:docDefaults><w:rPrDefault><w:rPr>\
             <w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" \
             w:cs=\"Times New Roman\" w:eastAsia=\"Times New Roman\"/>\
             <w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/><w:lang w:val=\"{language}\"/>\
             </w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>\
             <w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>\
             </w:pPr></w:pPrDefault></w:docDefaults>\
             <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">\
             <w:name w:val=\"Normal\"/></w:style></w:styles>"
        );
        let core = format!(
            "{XML_HEAD}<cp:coreProperties \
             xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
             xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\
             <dc:title>{}</dc:title><dc:creator>roadmap</dc:creator></cp:coreProperties>",
            xml_text(title)
        );
        let parts: [(&str, &str); 7] = [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", PACKAGE_RELS),
            ("docProps/core.xml", &core),
            ("word/document.xml", &document),
            ("word/styles.xml", &styles),
            ("word/footer1.xml", &footer),
            ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ];
        zip(&parts).map_err(|e| super::Error::Output {
            what: "docx",
            message: e.to_string(),
        })
    }
}

fn zip(parts: &[(&str, &str)]) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // A fixed time: the same roadmap makes the same file.
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, text) in parts {
        zip.start_file(*name, options)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

const NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
     xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
</Types>";

const PACKAGE_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
</Relationships>";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rIdFooter\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>\
</Relationships>";

fn paragraph(out: &mut String, text: &str, style: Style) {
    out.push_str("<w:p><w:pPr>");
    if style.after > 0 {
        let _ = write!(out, "<w:spacing w:after=\"{}\"/>", style.after * 20);
    }
    match style.align {
        Align::Left => {}
        Align::Center => out.push_str("<w:jc w:val=\"center\"/>"),
        Align::Right => out.push_str("<w:jc w:val=\"right\"/>"),
    }
    out.push_str("</w:pPr>");
    if !text.is_empty() {
        out.push_str(&run(text, style));
    }
    out.push_str("</w:p>");
}

fn run(text: &str, style: Style) -> String {
    let mut out = String::from("<w:r>");
    if style.bold || style.size.is_some() {
        out.push_str("<w:rPr>");
        if style.bold {
            out.push_str("<w:b/>");
        }
        if let Some(pt) = style.size {
            let _ = write!(out, "<w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/>", pt * 2);
        }
        out.push_str("</w:rPr>");
    }
    let _ = write!(
        out,
        "<w:t xml:space=\"preserve\">{}</w:t></w:r>",
        xml_text(text)
    );
    out
}

/// Text as XML character data: escaped, and without the characters XML
/// cannot hold (control characters a roadmap file might carry), which would
/// make Word refuse the whole file.
fn xml_text(text: &str) -> String {
    let kept: String = text
        .chars()
        .map(|c| match c {
            '\t' => ' ',
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => ' ',
            c => c,
        })
        .collect();
    quick_xml::escape::escape(kept.as_str()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        assert_eq!(xml_text("a < b & \u{1}«c»\u{FFFF}"), "a &lt; b &amp;  «c» ");
    }

    #[test]
    fn a_cell_spanning_columns_is_as_wide_as_they_are() {
        let mut doc = Document::default();
        doc.table(
            &[100, 200, 300],
            &[
                Row::header(&["a".into(), "b".into(), "c".into()]),
                Row::spanning("section", 3),
            ],
            true,
        );
        assert!(doc.body.contains("<w:tblHeader/>"));
        assert!(doc
            .body
            .contains("<w:tcW w:w=\"600\" w:type=\"dxa\"/><w:gridSpan w:val=\"3\"/>"));
    }
}

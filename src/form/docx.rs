//! A form as a Word document, for schools that report in Word: landscape
//! A4, a heading naming the plan, the school and the date, and one table
//! with the columns of the workbook. The cells a school fills are content
//! controls (a drop-down list for the state, a date picker for the date,
//! plain text for the rest); the others are plain text. The plan's path,
//! version and the activity of every row travel in the document's custom
//! properties (`docProps/custom.xml`), which Word and LibreOffice keep.

use super::layout::*;
use super::{Form, Mark, Row};
use chrono::NaiveDate;
use quick_xml::escape::escape;
use std::fmt::Write as _;
use std::io::Write as _;

/// Word keeps a custom property's text to 255 characters: the rows' records
/// are cut into properties this long, read back joined in their order.
pub const CHUNK: usize = 240;
/// The custom properties' names; the rows' records are `roadmap-rows-1`, …
pub const PROP_MAGIC: &str = MAGIC;
pub const PROP_PLAN: &str = "roadmap-plan";
pub const PROP_HASH: &str = "roadmap-hash";
pub const PROP_AS_OF: &str = "roadmap-as-of";
pub const PROP_ROWS: &str = "roadmap-rows-";

/// Column widths in twentieths of a point, in the order of
/// [`COLUMNS`]: the page is A4 landscape with 1.5 cm margins, 15,138 wide.
const WIDTHS: [u32; 10] = [600, 3000, 1300, 1700, 1700, 1400, 1150, 1700, 1000, 1588];
/// The document's bytes.
pub fn render(form: &Form) -> Result<Vec<u8>, zip::result::ZipError> {
    let parts = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", PACKAGE_RELS.to_string()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/styles.xml", STYLES.to_string()),
        ("word/document.xml", document(form)),
        ("docProps/core.xml", core(form)),
        ("docProps/app.xml", APP.to_string()),
        ("docProps/custom.xml", custom(form)),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // The fastest deflate: most of the time writing a region's forms went
    // to compressing them harder, for a few kilobytes a form.
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .last_modified_time(zip::DateTime::default());
    for (name, xml) in parts {
        zip.start_file(name, options)?;
        zip.write_all(xml.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

/// The rows' records as the reader takes them back: one JSON array per row,
/// `[activity, indicator, from, to, title, timing]`.
pub fn records(form: &Form) -> String {
    let rows: Vec<serde_json::Value> = form
        .rows
        .iter()
        .map(|row| {
            let (from, to) = bounded(row.allowed)
                .map(|(f, t)| (f.to_string(), t.to_string()))
                .unwrap_or_default();
            let (title, timing) = if row.first {
                (row.title.as_str(), row.timing.as_str())
            } else {
                ("", "")
            };
            serde_json::json!([
                row.activity,
                row.indicator.as_ref().map(|(n, _)| n),
                from,
                to,
                title,
                timing
            ])
        })
        .collect();
    serde_json::Value::Array(rows).to_string()
}

fn bounded((from, to): (NaiveDate, NaiveDate)) -> Option<(NaiveDate, NaiveDate)> {
    (from != NaiveDate::MIN && to != NaiveDate::MAX).then_some((from, to))
}

fn dmy(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

fn custom(form: &Form) -> String {
    let mut props = vec![
        (PROP_MAGIC.to_string(), VERSION.to_string()),
        (PROP_PLAN.to_string(), form.plan.clone()),
        (PROP_HASH.to_string(), form.hash.clone()),
        (
            PROP_AS_OF.to_string(),
            form.as_of.map(|d| d.to_string()).unwrap_or_default(),
        ),
    ];
    let records: Vec<char> = records(form).chars().collect();
    for (i, chunk) in records.chunks(CHUNK).enumerate() {
        props.push((format!("{PROP_ROWS}{}", i + 1), chunk.iter().collect()));
    }
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#,
    );
    for (i, (name, value)) in props.iter().enumerate() {
        let _ = write!(
            xml,
            r#"<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{}" name="{}"><vt:lpwstr>{}</vt:lpwstr></property>"#,
            i + 2,
            escape(name.as_str()),
            escape(value.as_str())
        );
    }
    xml.push_str("</Properties>");
    xml
}

fn core(form: &Form) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>roadmap</dc:creator></cp:coreProperties>"#,
        escape(TITLE_TEXT),
        escape(form.title.as_str())
    )
}

const TITLE_TEXT: &str = "Отчёт о выполнении дорожной карты";

/// A paragraph of one run; `bold` and a size in half-points.
fn paragraph(text: &str, bold: bool, size: Option<u32>) -> String {
    let mut props = String::new();
    if bold {
        props.push_str("<w:b/>");
    }
    if let Some(s) = size {
        let _ = write!(props, r#"<w:sz w:val="{s}"/><w:szCs w:val="{s}"/>"#);
    }
    format!(
        r#"<w:p><w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
        escape(text)
    )
}

/// The runs of a text, a line break for each line of it.
fn runs(text: &str) -> String {
    let mut out = String::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:r><w:br/></w:r>");
        }
        let _ = write!(
            out,
            r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r>"#,
            escape(line)
        );
    }
    out
}

/// What a cell a school fills holds: a content control of its kind.
enum Control<'a> {
    States(Option<Mark>),
    Date(Option<NaiveDate>),
    Text(&'a str),
}

fn control(id: usize, tag: &str, what: Control<'_>) -> String {
    let (kind, value) = match what {
        Control::States(mark) => {
            let mut list = String::from("<w:dropDownList>");
            for m in Mark::ALL {
                let _ = write!(
                    list,
                    r#"<w:listItem w:displayText="{0}" w:value="{0}"/>"#,
                    m.ru()
                );
            }
            list.push_str("</w:dropDownList>");
            (list, mark.map(|m| m.ru().to_string()).unwrap_or_default())
        }
        Control::Date(date) => (
            format!(
                r#"<w:date{}><w:dateFormat w:val="dd.MM.yyyy"/><w:lid w:val="ru-RU"/><w:storeMappedDataAs w:val="text"/><w:calendar w:val="gregorian"/></w:date>"#,
                date.map(|d| format!(r#" w:fullDate="{d}T00:00:00Z""#))
                    .unwrap_or_default()
            ),
            date.map(dmy).unwrap_or_default(),
        ),
        Control::Text(text) => (r#"<w:text w:multiLine="1"/>"#.to_string(), text.to_string()),
    };
    format!(
        r#"<w:sdt><w:sdtPr><w:alias w:val="{tag}"/><w:tag w:val="{tag}"/><w:id w:val="{}"/>{kind}</w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>"#,
        id + 1,
        if value.is_empty() {
            r#"<w:r><w:t xml:space="preserve"></w:t></w:r>"#.to_string()
        } else {
            runs(&value)
        }
    )
}

const PLAIN_SHADE: &str = "F2F2F2";
const OPEN_SHADE: &str = "FFF2CC";
const HEADER_SHADE: &str = "D9E1F2";

fn cell(width: u32, shade: &str, content: &str) -> String {
    format!(
        r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:shd w:val="clear" w:color="auto" w:fill="{shade}"/></w:tcPr><w:p>{content}</w:p></w:tc>"#
    )
}

fn document(form: &Form) -> String {
    let widths = WIDTHS;
    let mut body = String::new();
    body.push_str(&paragraph(TITLE_TEXT, true, Some(28)));
    body.push_str(&paragraph(&form.title, false, None));
    let mut line = form.subject.clone().unwrap_or_default();
    if let Some(as_of) = form.as_of {
        if !line.is_empty() {
            line.push_str(" — ");
        }
        line.push_str(&format!("мероприятия со сроком по {}", dmy(as_of)));
    }
    if !line.is_empty() {
        body.push_str(&paragraph(&line, true, None));
    }
    body.push_str(&paragraph(
        "Заполните жёлтые ячейки: отметку (из списка), дату, документ, фактическое значение, \
         комментарий. Верните файл, не меняя остальные ячейки.",
        false,
        Some(18),
    ));
    body.push_str(r#"<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblLayout w:type="fixed"/><w:tblBorders>"#);
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        let _ = write!(
            body,
            r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>"#
        );
    }
    body.push_str(r#"</w:tblBorders><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>"#);
    for w in &widths {
        let _ = write!(body, r#"<w:gridCol w:w="{w}"/>"#);
    }
    body.push_str("</w:tblGrid>");
    // The header repeats on every printed page.
    body.push_str(r#"<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"#);
    for ((name, _), w) in COLUMNS.iter().zip(&widths) {
        let _ = write!(
            body,
            r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:shd w:val="clear" w:color="auto" w:fill="{HEADER_SHADE}"/><w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>{}</w:t></w:r></w:p></w:tc>"#,
            escape(*name)
        );
    }
    body.push_str("</w:tr>");
    let mut id = 0;
    for row in &form.rows {
        body.push_str(r#"<w:tr><w:trPr><w:cantSplit/></w:trPr>"#);
        body.push_str(&row_cells(row, &widths, &mut id));
        body.push_str("</w:tr>");
    }
    body.push_str("</w:tbl>");
    let states: Vec<&str> = Mark::ALL.iter().map(|m| m.ru()).collect();
    body.push_str(&paragraph(
        &format!(
            "Отметка о выполнении — одно из слов: {}. Дата — в виде ДД.ММ.ГГГГ: день выполнения, \
             начала, отмены или новый срок для «перенесено». Фактическое значение — число: 85 или 12,5.",
            states.join(", ")
        ),
        false,
        Some(18),
    ));
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/><w:pgMar w:top="850" w:right="850" w:bottom="850" w:left="850" w:header="425" w:footer="425" w:gutter="0"/></w:sectPr></w:body></w:document>"#
    )
}

fn row_cells(row: &Row, widths: &[u32], id: &mut usize) -> String {
    let mut next = |tag: &str, what: Control<'_>| {
        *id += 1;
        control(*id, tag, what)
    };
    let plain = |text: &str| runs(text);
    let indicator = row.indicator.as_ref().map_or("", |(_, t)| t.as_str());
    let (title, timing, responsible) = if row.first {
        (
            row.title.as_str(),
            row.timing.as_str(),
            row.responsible.as_str(),
        )
    } else {
        ("", "", "")
    };
    let mut cells: Vec<(String, &str)> = vec![
        (plain(&row.activity), PLAIN_SHADE),
        (plain(title), PLAIN_SHADE),
        (plain(timing), PLAIN_SHADE),
        (plain(responsible), PLAIN_SHADE),
        (plain(indicator), PLAIN_SHADE),
    ];
    if row.first {
        let known = row.known.as_ref();
        cells.push((
            next("Отметка", Control::States(known.map(|k| k.mark))),
            OPEN_SHADE,
        ));
        cells.push((
            next("Дата", Control::Date(known.and_then(|k| k.date))),
            OPEN_SHADE,
        ));
        cells.push((
            next(
                "Документ",
                Control::Text(known.map_or("", |k| k.document.as_str())),
            ),
            OPEN_SHADE,
        ));
    } else {
        for _ in [STATE, DATE, DOCUMENT] {
            cells.push((String::new(), PLAIN_SHADE));
        }
    }
    if row.indicator.is_some() {
        cells.push((next("Факт", Control::Text("")), OPEN_SHADE));
    } else {
        cells.push((String::new(), PLAIN_SHADE));
    }
    if row.first {
        cells.push((next("Комментарий", Control::Text("")), OPEN_SHADE));
    } else {
        cells.push((String::new(), PLAIN_SHADE));
    }
    cells
        .iter()
        .zip(widths)
        .map(|((content, shade), w)| cell(*w, shade, content))
        .collect()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/><Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

const APP: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>roadmap</Application></Properties>"#;

/// Times New Roman 10 pt, Russian, no space after paragraphs: a table that
/// fits the page.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman"/><w:sz w:val="20"/><w:szCs w:val="20"/><w:lang w:val="ru-RU"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#;

//! CSV for Russian Excel: UTF-8 with a byte-order mark (so Excel does not
//! read it as Windows-1251), `;` between fields, CRLF line ends, dates as
//! DD.MM.YYYY; one line per activity in its group (the first column).

use super::view::Document;
use super::xlsx::{critical_cell, header_cells, indicators_and_results, notes, stage_lines};
use super::{fields, progress, text, By};
use crate::lang::Lang;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A cell as Excel and LibreOffice show it: text. A cell beginning with `=`,
/// `+`, `-`, `@`, a tab or a carriage return would be read as a formula (CSV
/// injection, OWASP), so it gets a leading apostrophe, which both show as
/// the start of text and do not display. A number (`-3` days of slack) is
/// not a formula and stays a number.
fn as_text(cell: &str) -> std::borrow::Cow<'_, str> {
    let number = |rest: &str| {
        !rest.is_empty()
            && rest
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    };
    match cell.chars().next() {
        Some('-' | '+') if number(&cell[1..]) => cell.into(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

pub fn render(doc: &Document<'_>, lang: Lang) -> Result<Vec<u8>, super::Error> {
    write(doc, lang).map_err(|e| super::Error::Output {
        what: "CSV",
        message: e.to_string(),
    })
}

fn write(doc: &Document<'_>, lang: Lang) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(BOM.to_vec());
    let group = match (doc.by, lang) {
        (By::Section, Lang::Ru) => "Раздел",
        (By::Month, Lang::Ru) => "Месяц",
        (By::Party, Lang::Ru) => "Участник",
        (By::Section, Lang::En) => "Section",
        (By::Month, Lang::En) => "Month",
        (By::Party, Lang::En) => "Party",
    };
    // A plan's rows say where each activity comes from; a roadmap that
    // extends nothing has no such column.
    let with_progress = doc.entries.iter().any(|r| r.progress.is_some());
    let mut header = vec![group.to_string()];
    header.extend(header_cells(
        lang,
        doc.roadmap.extends.is_some(),
        with_progress,
    ));
    out.write_record(header.iter().map(|c| as_text(c).into_owned()))?;
    let date =
        |d: Option<chrono::NaiveDate>| d.map(|d| text::date_numeric(d, lang)).unwrap_or_default();
    let first_field = header.len()
        - usize::from(doc.roadmap.extends.is_some())
        - if with_progress { 3 } else { 0 }
        - 3;
    for g in &doc.groups {
        if let Some(cells) = fields::section_cells(doc, &g.key) {
            let mut record = vec![String::new(); header.len()];
            record[0] = g.title.clone();
            record[2] = fields::section_row_title(lang).to_string();
            for (i, cell) in cells.into_iter().enumerate() {
                record[first_field + i] = cell.join("; ");
            }
            out.write_record(&record)?;
        }
        for m in &g.members {
            let r = &doc.entries[m.row];
            let (indicators, results) = indicators_and_results(r, lang);
            let checkpoints: Vec<String> = r
                .checkpoints
                .iter()
                .map(|c| format!("{} — {}", text::date_numeric(c.date, lang), c.text))
                .collect();
            let slack_days = r
                .entry
                .free_slack_days
                .map(|s| s.to_string())
                .unwrap_or_default();
            let mut record: Vec<String> = vec![
                g.title.clone(),
                r.entry.number.clone(),
                r.entry.title.clone(),
                stage_lines(r, lang).join("; "),
                r.dates_cell(m.when.as_deref(), lang),
                date(r.entry.start),
                date(r.entry.end),
                r.responsible_names(),
                indicators.join("; "),
                results.join("; "),
                checkpoints.join("; "),
                notes(r, lang).join("; "),
                slack_days,
                critical_cell(r, lang).to_string(),
            ];
            record.extend(fields::cells(r, lang).map(|c| c.join("; ")));
            record.extend(r.origin_text.map(str::to_string));
            if with_progress {
                record.extend(progress::cells(r.progress.as_ref()).map(|c| c.join("; ")));
            }
            out.write_record(record.iter().map(|c| as_text(c).into_owned()))?;
        }
    }
    // The funding per year and per source, after the activities: the group
    // column says so, the number and title columns hold the year and the
    // source, the funding column the sum.
    let funding_column = first_field + 1;
    let heading = super::labels(lang)["funding_totals"];
    for (year, source, _, amount) in fields::summary_rows(doc, lang) {
        let mut record = vec![String::new(); header.len()];
        record[0] = heading.to_string();
        record[1] = year;
        record[2] = source;
        record[funding_column] = amount;
        out.write_record(&record)?;
    }
    // The findings of the check follow the table: a heading row, then one
    // row per finding (severity, code, place, message, help).
    if !doc.findings.is_empty() {
        out.write_record([""])?;
        out.write_record([super::findings::heading(&doc.findings, lang)])?;
        for f in &doc.findings {
            out.write_record([
                f.severity_word(lang),
                f.code.as_str(),
                f.place().as_str(),
                f.message.as_str(),
                f.help.as_deref().unwrap_or_default(),
            ])?;
        }
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

#[cfg(test)]
mod tests {
    use super::as_text;

    #[test]
    fn formula_cells_become_text() {
        for cell in ["=1+1", "+7 999", "-2+3", "-", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(as_text(cell), format!("'{cell}"));
        }
        for cell in ["", "План", "1.2", "17.01.2022", "a=b", "-3", "+2,5"] {
            assert_eq!(as_text(cell), cell);
        }
    }
}

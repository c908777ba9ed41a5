//! `roadmap schedule --format docx`: the roadmap as the form an order
//! approves — «Приложение к приказу … от … № …», «УТВЕРЖДЕНА», the title and
//! the table with the approved document's columns, a row per section across
//! the table, and the state of each activity when its marks are known.

use super::{Cell, Document, Row, Style, TEXT_WIDTH};
use crate::lang::Lang;
use crate::render::view::{self, Row as Activity};
use crate::render::{labels, text, xlsx, Error};

/// The approval block's lines, blanks where the roadmap leaves them out:
/// «Приложение к приказу от 14.03.2022 № 52-а», «УТВЕРЖДЕНА», the line as
/// written and who signed it.
fn approval(doc: &view::Document<'_>, lang: Lang) -> Vec<(String, bool)> {
    let approval = doc.roadmap.approval.as_ref();
    let date = approval
        .and_then(|a| a.date)
        .map(|d| text::date_short(d, lang));
    let number = approval.and_then(|a| a.number.clone());
    let mut lines = match lang {
        Lang::Ru => vec![
            (
                format!(
                    "Приложение к приказу от {} № {}",
                    date.unwrap_or_else(|| "«___» ____________ 20__ г.".into()),
                    number.unwrap_or_else(|| "____".into())
                ),
                false,
            ),
            ("УТВЕРЖДЕНА".to_string(), true),
        ],
        Lang::En => vec![
            (
                format!(
                    "Annex to order No. {} of {}",
                    number.unwrap_or_else(|| "____".into()),
                    date.unwrap_or_else(|| "__ ________ 20__".into())
                ),
                false,
            ),
            ("APPROVED".to_string(), true),
        ],
    };
    if let Some(a) = approval {
        lines.push((a.text.clone(), false));
    }
    if let Some(signed) = &doc.roadmap.order.signed_by {
        lines.push((signed.clone(), false));
    }
    lines
}

/// The «Срок» cell as the Markdown table writes it: as written, then the
/// dates in words when they say more.
fn timing(r: &Activity<'_>, when: Option<&str>) -> Vec<String> {
    let written = r.timing_text.as_str();
    match (written.is_empty(), when) {
        (false, Some(when)) => vec![written.to_string(), format!("→ {when}")],
        (false, None) if written != r.resolved => {
            vec![written.to_string(), format!("→ {}", r.resolved)]
        }
        (false, None) => vec![written.to_string()],
        (true, Some(when)) => vec![when.to_string()],
        (true, None) => vec![r.resolved.clone()],
    }
}

/// The column headings: the approved document's, and the state when known.
fn headings(lang: Lang, with_state: bool) -> Vec<String> {
    let l = labels(lang);
    let (result, document, state) = match lang {
        Lang::Ru => ("Ожидаемый результат", "Документ", "Состояние"),
        Lang::En => ("Expected result", "Document", "State"),
    };
    let mut cells: Vec<String> = [
        l["number"],
        l["activity"],
        l["timing"],
        l["responsible"],
        l["indicator"],
        result,
        document,
    ]
    .into_iter()
    .map(str::to_string)
    .collect();
    if with_state {
        cells.push(state.to_string());
    }
    cells
}

/// The document; with a «Состояние» column when the roadmap's marks are
/// shown (each row's progress, in the words `status` uses).
pub fn render(doc: &view::Document<'_>, lang: Lang) -> Result<Vec<u8>, Error> {
    let with_state = doc.entries.iter().any(|r| r.progress.is_some());
    let l = labels(lang);
    let title = doc
        .roadmap
        .title
        .clone()
        .unwrap_or_else(|| doc.roadmap.file.clone());
    let mut out = Document::default();
    for (line, bold) in approval(doc, lang) {
        out.paragraph(
            &line,
            Style {
                bold,
                ..Style::right()
            },
        );
    }
    out.paragraph("", Style::default());
    out.paragraph(&title, Style::heading());
    if let Some(party) = &doc.party {
        let name = doc
            .parties
            .iter()
            .find(|p| &p.id == party)
            .map_or(party.as_str(), |p| p.name.as_str());
        out.paragraph(
            &format!("{}: {name}", l["only_party"]),
            Style {
                after: 6,
                ..Style::default()
            },
        );
    }
    let widths: &[u32] = match with_state {
        false => &[700, 3600, 1900, 2100, 2300, 2300, 1670],
        true => &[700, 3200, 1800, 1900, 2100, 2100, 1500, 1270],
    };
    debug_assert_eq!(widths.iter().sum::<u32>(), TEXT_WIDTH);
    let mut rows = vec![Row::header(&headings(lang, with_state))];
    for g in &doc.groups {
        let heading = match &g.subtitle {
            Some(sub) => format!("{} ({sub})", g.title),
            None => g.title.clone(),
        };
        rows.push(Row::spanning(heading, widths.len()));
        for m in &g.members {
            let r = &doc.entries[m.row];
            let mut activity = vec![r.entry.title.clone()];
            match r.entry.cancelled.as_deref() {
                Some("") => activity.push(l["cancelled"].to_string()),
                Some(reason) => activity.push(format!("{}: {reason}", l["cancelled"])),
                None => {}
            }
            let (indicators, results) = xlsx::indicators_and_results(r, lang);
            let [documents, ..] = crate::render::fields::cells(r, lang);
            let mut cells = vec![
                Cell::text(r.entry.number.trim_end_matches('.')),
                Cell::new(activity),
                Cell::new(timing(r, m.when.as_deref())),
                Cell::new(r.responsible.iter().map(|p| p.name.clone()).collect()),
                Cell::new(indicators),
                Cell::new(results),
                Cell::new(documents),
            ];
            if with_state {
                cells.push(Cell::new(
                    r.progress.iter().map(|p| p.text.clone()).collect(),
                ));
            }
            rows.push(Row {
                cells,
                header: false,
            });
        }
    }
    out.table(widths, &rows, true);
    out.findings(&doc.findings, lang);
    out.finish(&title, lang)
}

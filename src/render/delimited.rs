//! CSV for Russian Excel: UTF-8 with a byte-order mark (so Excel does not
//! read it as Windows-1251), `;` between fields, CRLF line ends, dates as
//! DD.MM.YYYY; one line per activity in its group (the first column).

use super::view::Document;
use super::xlsx::stage_lines;
use super::{labels, text, By};
use crate::lang::Lang;

const BOM: &[u8] = b"\xEF\xBB\xBF";

pub fn render(doc: &Document<'_>, lang: Lang) -> Result<Vec<u8>, super::Error> {
    write(doc, lang).map_err(|e| super::Error::Output {
        what: "CSV",
        message: e.to_string(),
    })
}

fn write(doc: &Document<'_>, lang: Lang) -> Result<Vec<u8>, csv::Error> {
    let l = labels(lang);
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.to_vec());
    let group = match (doc.by, lang) {
        (By::Section, Lang::Ru) => "Раздел",
        (By::Month, Lang::Ru) => "Месяц",
        (By::Party, Lang::Ru) => "Участник",
        (By::Section, Lang::En) => "Section",
        (By::Month, Lang::En) => "Month",
        (By::Party, Lang::En) => "Party",
    };
    let (written, slack) = match lang {
        Lang::Ru => ("Срок (как в карте)", "Резерв, дней"),
        Lang::En => ("When (as written)", "Slack, days"),
    };
    // A plan's rows say where each activity comes from; a roadmap that
    // extends nothing has no such column.
    let plan = doc.roadmap.extends.is_some();
    let mut header = vec![
        group,
        l["number"],
        l["activity"],
        written,
        l["dates"],
        l["start"],
        l["end"],
        l["responsible"],
        l["indicator"],
        l["result"],
        l["checkpoints"],
        slack,
        l["critical"],
    ];
    if plan {
        header.push(l["origin"]);
    }
    out.write_record(&header)?;
    let date =
        |d: Option<chrono::NaiveDate>| d.map(|d| text::date_numeric(d, lang)).unwrap_or_default();
    for g in &doc.groups {
        for m in &g.members {
            let r = &doc.entries[m.row];
            let mut indicators = r.indicators.clone();
            let mut results = r.results.clone();
            for s in &r.stages {
                indicators.extend(
                    s.indicators
                        .iter()
                        .map(|x| format!("{} {}: {x}", l["stage"], s.label)),
                );
                results.extend(
                    s.results
                        .iter()
                        .map(|x| format!("{} {}: {x}", l["stage"], s.label)),
                );
            }
            let checkpoints: Vec<String> = r
                .checkpoints
                .iter()
                .map(|c| format!("{} — {}", text::date_numeric(c.date, lang), c.text))
                .collect();
            let slack_days = r
                .entry
                .slack_days
                .map(|s| s.to_string())
                .unwrap_or_default();
            let critical = match (r.entry.critical, lang) {
                (true, Lang::Ru) => "да",
                (true, Lang::En) => "yes",
                (false, _) => "",
            };
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
                slack_days,
                critical.to_string(),
            ];
            record.extend(r.origin_text.map(str::to_string));
            out.write_record(&record)?;
        }
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

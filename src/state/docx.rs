//! `roadmap status --format docx`: «Информация о ходе реализации дорожной
//! карты … по состоянию на …» as an official sends it up — the counts per
//! state, then each activity in the plan's order with its state, what was
//! done and by which document, why it is late or cancelled (the comments of
//! its marks), and a signature block to sign.

use super::report::{labels, Report};
use super::{ActivityState, State};
use crate::lang::Lang;
use crate::model::Roadmap;
use crate::render::docx::{Cell, Document, Row, Style, TEXT_WIDTH};
use crate::render::findings::Finding;
use crate::render::text;
use crate::render::Error;
use crate::syntax::LineKind;
use std::collections::HashMap;

/// The comments of a status file by activity number: the `#` lines right
/// above an activity's line and those among its marks («# Список утверждён
/// на два дня позже срока: ждали согласия кандидатов»).
pub fn comments(status: &str) -> HashMap<String, Vec<String>> {
    let (doc, _) = crate::syntax::parse(crate::source::FileId(0), status);
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    let mut pending: Vec<String> = Vec::new();
    let mut current: Option<String> = None;
    for line in &doc.lines {
        let at = line.span.start;
        let slice = |r: &std::ops::Range<usize>| {
            status
                .get(at + r.start..at + r.end)
                .unwrap_or_default()
                .trim()
                .to_string()
        };
        match &line.kind {
            LineKind::Comment { text } => {
                let text = slice(text);
                match &current {
                    Some(number) if line.indent > 0 && !text.is_empty() => {
                        out.entry(number.clone()).or_default().push(text);
                    }
                    _ if !text.is_empty() => pending.push(text),
                    _ => {}
                }
            }
            LineKind::Activity { number, .. } => {
                let number = slice(number).trim_end_matches('.').to_string();
                if !pending.is_empty() {
                    out.entry(number.clone()).or_default().append(&mut pending);
                }
                current = Some(number);
            }
            LineKind::Blank => {
                pending.clear();
            }
            LineKind::Keyed { .. } if line.indent > 0 => {}
            _ => {
                pending.clear();
                current = None;
            }
        }
    }
    out
}

/// The summary's rows: each state with its count, as `status` text lists them.
fn summary(report: &Report, lang: Lang) -> Vec<Row> {
    let l = labels(lang);
    let t = &report.totals;
    let mut rows: Vec<Row> = [
        ("activities", t.activities),
        ("done_on_time", t.done_on_time),
        ("done_late", t.done_late),
        ("overdue", t.overdue),
        ("cancelled", t.cancelled),
        ("due_soon", t.due_soon),
        ("in_progress", t.in_progress),
        ("ready", t.ready),
        ("planned", t.planned),
        ("undated", t.undated),
    ]
    .into_iter()
    .map(|(key, n)| Row {
        cells: vec![Cell::text(l[key]), Cell::text(n.to_string())],
        header: false,
    })
    .collect();
    let share = super::helpers::percent(t.share_on_time, lang);
    let of = match lang {
        Lang::Ru => "из",
        Lang::En => "of",
    };
    rows.push(Row {
        cells: vec![
            Cell::text(l["share_on_time"]),
            Cell::text(format!("{share} ({} {of} {})", t.done_on_time, t.due)),
        ],
        header: false,
    });
    rows
}

/// What was done: the `выполнено:` date and its evidence, or the start.
fn done(a: &ActivityState, lang: Lang) -> Vec<String> {
    let l = labels(lang);
    let mut lines = Vec::new();
    if let Some(d) = a.done {
        let mut line = format!("{} {}", l["done"], text::date_short(d, lang));
        if let Some(evidence) = a.evidence.as_deref().filter(|e| !e.is_empty()) {
            line = format!("{line} — {evidence}");
        }
        lines.push(line);
    } else if let Some(d) = a.started {
        let started = match lang {
            Lang::Ru => "Начато",
            Lang::En => "Started",
        };
        lines.push(format!("{started} {}", text::date_short(d, lang)));
    }
    if let Some(o) = &a.occurrences {
        lines.push(match lang {
            Lang::Ru => format!(
                "{}: {}, выполнено {}, пропущено {}",
                l["occurrences"], o.due, o.done, o.missed
            ),
            Lang::En => format!(
                "{}: {}, done {}, missed {}",
                l["occurrences"], o.due, o.done, o.missed
            ),
        });
    }
    lines
}

/// The state in words, with the days late or left.
fn state(a: &ActivityState, lang: Lang) -> Vec<String> {
    let l = labels(lang);
    let mut lines = vec![l[a.state.key()].to_string()];
    match (a.state, a.days_late, a.days_left) {
        (State::Overdue | State::DoneLate, Some(n), _) if n > 0 => {
            lines.push(format!("{} {}", l["lateness"], text::days(n, lang)));
        }
        (State::DueSoon, _, Some(n)) => {
            lines.push(format!("{}: {}", l["left"], text::days(n, lang)));
        }
        _ => {}
    }
    lines
}

/// Why it is late, moved or cancelled: the reason of `отменено:`, the
/// moved deadline, and the comments its marks carry.
fn reason(a: &ActivityState, comments: Option<&Vec<String>>, lang: Lang) -> Vec<String> {
    let l = labels(lang);
    let mut lines = Vec::new();
    if let Some(c) = &a.cancelled {
        if !c.reason.is_empty() {
            lines.push(c.reason.clone());
        }
    }
    if let Some(b) = &a.baseline {
        let moved = match (b.end, lang) {
            (Some(end), Lang::Ru) => format!(
                "{}: {} (было {})",
                l["rescheduled"],
                b.to.join("; "),
                text::date_short(end, lang)
            ),
            (Some(end), Lang::En) => format!(
                "{}: {} (was {})",
                l["rescheduled"],
                b.to.join("; "),
                text::date_short(end, lang)
            ),
            (None, _) => format!("{}: {}", l["rescheduled"], b.to.join("; ")),
        };
        lines.push(moved);
    }
    lines.extend(comments.into_iter().flatten().cloned());
    lines
}

/// The column headings of the report's table.
fn headings(lang: Lang) -> Vec<String> {
    let l = labels(lang);
    let (state, what, document, why) = match lang {
        Lang::Ru => (
            "Состояние",
            "Что сделано",
            "Документ",
            "Причина отклонения, комментарий",
        ),
        Lang::En => (
            "State",
            "What was done",
            "Document",
            "Reason for a delay, comment",
        ),
    };
    [
        l["number"],
        l["activity"],
        l["deadline"],
        l["responsible"],
        state,
        what,
        document,
        why,
    ]
    .into_iter()
    .map(str::to_string)
    .collect()
}

/// The block to sign under a report: position, signature, name, date.
pub fn signature(out: &mut Document, lang: Lang) {
    let (blanks, captions) = match lang {
        Lang::Ru => (
            "«___» ____________ 20__ г.",
            [
                "(должность)",
                "(подпись)",
                "(расшифровка подписи)",
                "(дата)",
            ],
        ),
        Lang::En => (
            "____ ____________ 20__",
            ["(position)", "(signature)", "(name)", "(date)"],
        ),
    };
    let line = "______________________________";
    let rows = [
        Row {
            cells: [line, "________________", line, blanks]
                .map(Cell::text)
                .to_vec(),
            header: false,
        },
        Row {
            cells: captions.map(Cell::text).to_vec(),
            header: false,
        },
    ];
    out.paragraph("", Style::default());
    out.table(&[4600, 2800, 4200, 2970], &rows, false);
}

/// The Word report; `findings` (what checking the roadmap found) follow it.
pub fn render(
    report: &Report,
    roadmap: &Roadmap,
    comments: &HashMap<String, Vec<String>>,
    findings: &[Finding],
    lang: Lang,
) -> Result<Vec<u8>, Error> {
    let l = labels(lang);
    let title = report
        .roadmap
        .title
        .clone()
        .unwrap_or_else(|| report.roadmap.file.clone());
    let as_of = text::date_short(report.as_of, lang);
    let mut out = Document::default();
    let heading = match lang {
        Lang::Ru => {
            format!("Информация о ходе реализации дорожной карты «{title}» по состоянию на {as_of}")
        }
        Lang::En => format!("Progress of the roadmap “{title}” as of {as_of}"),
    };
    out.paragraph(&heading, Style::heading());
    if let Some(a) = &report.roadmap.approval {
        out.paragraph(
            &format!("{}: {a}", crate::render::labels(lang)["approved"]),
            Style::default(),
        );
    }
    if let Some(p) = &report.party {
        out.paragraph(&format!("{}: {}", l["party"], p.name), Style::default());
    }
    out.paragraph("", Style::default());
    out.paragraph(
        l["totals"],
        Style {
            bold: true,
            after: 3,
            ..Style::default()
        },
    );
    out.table(&[5000, 2000], &summary(report, lang), true);

    let names: HashMap<&str, &str> = roadmap
        .parties
        .iter()
        .map(|p| (p.id.text.as_str(), p.name.as_str()))
        .collect();
    let widths = [700, 3300, 1300, 1900, 1400, 2400, 1500, 2070];
    debug_assert_eq!(widths.iter().sum::<u32>(), TEXT_WIDTH);
    let mut rows = vec![Row::header(&headings(lang))];
    let mut section: Option<Option<&str>> = None;
    for a in &report.activities {
        if section != Some(a.section.as_deref()) {
            section = Some(a.section.as_deref());
            let heading = report
                .by_section
                .iter()
                .find(|g| g.key == a.section.clone().unwrap_or_default())
                .map(|g| match a.section.as_deref() {
                    Some(n) => crate::render::view::section_heading(n, &g.title),
                    None => g.title.clone(),
                })
                .unwrap_or_default();
            rows.push(Row::spanning(heading, widths.len()));
        }
        let documents: Vec<String> = roadmap
            .activities
            .get(a.index)
            .into_iter()
            .flat_map(|x| x.all_facts())
            .flat_map(|f| f.documents.iter().map(|d| d.text.clone()))
            .collect();
        rows.push(Row {
            cells: vec![
                Cell::text(a.number.trim_end_matches('.')),
                Cell::text(a.title.clone()),
                Cell::text(
                    a.due
                        .map_or_else(|| l["none"].to_string(), |d| text::date_short(d, lang)),
                ),
                Cell::new(
                    a.responsible
                        .iter()
                        .map(|id| names.get(id.as_str()).map_or(id.clone(), |n| n.to_string()))
                        .collect(),
                ),
                Cell::new(state(a, lang)),
                Cell::new(done(a, lang)),
                Cell::new(documents),
                Cell::new(reason(
                    a,
                    comments.get(a.number.trim_end_matches('.')),
                    lang,
                )),
            ],
            header: false,
        });
    }
    out.table(&widths, &rows, true);

    signature(&mut out, lang);
    out.findings(findings, lang);
    out.finish(&heading, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comment_goes_with_the_activity_below_it_or_among_its_marks() {
        let status = "# Отметки\nотметки к: a.roadmap\n\n# Раздел 1\n\n\
                      # ждали согласия кандидатов\nмероприятие 1.4\n  выполнено: 26.01.2022\n\n\
                      мероприятие 2.2\n  перенесено: 11.02.2022\n  # по письму координатора\n";
        let comments = comments(status);
        assert_eq!(comments["1.4"], ["ждали согласия кандидатов"]);
        assert_eq!(comments["2.2"], ["по письму координатора"]);
        assert_eq!(comments.len(), 2);
    }
}

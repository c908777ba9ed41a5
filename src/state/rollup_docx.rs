//! `roadmap status DIR --format docx`: the regional roll-up as a Word
//! document an official signs and sends up — per template, the schools'
//! plans (the most behind first), the schools without a plan, the mandatory
//! activities with the share of schools that did each, and a signature block.

use super::helpers::{late, percent};
use super::report::labels;
use super::rollup::{rollup_labels, Rollup, TemplateRollup};
use crate::lang::Lang;
use crate::render::docx::{Cell, Document, Row, Style, TEXT_WIDTH};
use crate::render::text;
use crate::render::Error;
use std::collections::BTreeMap;

type Labels = BTreeMap<&'static str, &'static str>;

/// A bold line above a table.
fn caption(out: &mut Document, text: &str) {
    out.paragraph("", Style::default());
    out.paragraph(
        text,
        Style {
            bold: true,
            after: 3,
            ..Style::default()
        },
    );
}

fn number(n: usize) -> Cell {
    Cell::text(n.to_string())
}

/// The schools' plans, the most behind first, each with its overdue activities.
fn schools(t: &TemplateRollup, files: bool, l: &Labels, lang: Lang) -> (Vec<u32>, Vec<Row>) {
    let mut headings = vec![l["school"]];
    let mut widths = vec![5270];
    if files {
        headings.push(l["file"]);
        widths[0] -= 2000;
        widths.push(2000);
    }
    headings.extend([
        l["overdue"],
        l["due"],
        l["done_on_time"],
        l["done_late"],
        l["share_on_time"],
        l["own"],
    ]);
    widths.extend([1700, 1500, 1600, 1600, 1500, 1400]);
    debug_assert_eq!(widths.iter().sum::<u32>(), TEXT_WIDTH);
    let headings: Vec<String> = headings.into_iter().map(str::to_string).collect();
    let mut rows = vec![Row::header(&headings)];
    for s in &t.schools {
        let mut school = vec![s.school.clone()];
        school.extend(s.overdue.iter().map(|o| {
            let due = o.due.map(|d| text::date_short(d, lang)).unwrap_or_default();
            let days = o.days_late.map(|d| late(d, lang)).unwrap_or_default();
            format!("{}. {} — {due}, {days}", o.number, o.title)
        }));
        let mut cells = vec![Cell::new(school)];
        if files {
            cells.push(Cell::text(s.file.clone()));
        }
        cells.extend([
            number(s.counts.overdue),
            number(s.counts.due),
            number(s.counts.done_on_time),
            number(s.counts.done_late),
            Cell::text(percent(s.counts.share_on_time, lang)),
            number(s.own),
        ]);
        rows.push(Row {
            cells,
            header: false,
        });
    }
    (widths, rows)
}

/// The mandatory activities: how many schools did each, and who is behind.
fn activities(t: &TemplateRollup, l: &Labels, lang: Lang) -> Vec<Row> {
    let headings: Vec<String> = [
        l["number"],
        l["activity"],
        l["deadline"],
        l["completed"],
        l["share_done"],
        l["done_late"],
        l["behind"],
    ]
    .into_iter()
    .map(str::to_string)
    .collect();
    let mut rows = vec![Row::header(&headings)];
    for a in &t.activities {
        let due = match (a.due_first, a.due_last) {
            (Some(first), Some(last)) if first != last => format!(
                "{}–{}",
                text::date_short(first, lang),
                text::date_short(last, lang)
            ),
            (_, Some(last)) => text::date_short(last, lang),
            _ => "—".to_string(),
        };
        let mut cells = vec![
            Cell::text(a.number.clone()),
            Cell::text(a.title.clone()),
            Cell::text(due),
        ];
        if a.not_yet_due {
            cells.push(Cell {
                span: 3,
                ..Cell::text(l["not_yet_due"])
            });
        } else {
            cells.extend([
                Cell::text(format!("{} {} {}", a.completed, l["of"], a.expected)),
                Cell::text(percent(a.share_completed, lang)),
                number(a.states.done_late),
            ]);
        }
        cells.push(Cell::new(
            a.behind
                .iter()
                .map(|b| {
                    let days = b.days_late.map(|d| late(d, lang)).unwrap_or_default();
                    format!("{} — {days}", b.school)
                })
                .collect(),
        ));
        rows.push(Row {
            cells,
            header: false,
        });
    }
    rows
}

/// One template's part: its figures, its schools, those without a plan, its
/// mandatory activities.
fn template(out: &mut Document, t: &TemplateRollup, rollup: &Rollup, l: &Labels, lang: Lang) {
    if rollup.heading.is_none() {
        out.paragraph("", Style::default());
        out.paragraph(
            t.heading.as_deref().unwrap_or(&t.file),
            Style {
                bold: true,
                size: Some(13),
                after: 3,
                ..Style::default()
            },
        );
    }
    if rollup.files {
        out.paragraph(&format!("{}: {}", l["template"], t.file), Style::default());
    }
    let listed = match (t.listed, &t.data) {
        (Some(n), Some(data)) => format!(" {} {n} ({} {data})", l["of"], l["listed_in"]),
        (Some(n), None) => format!(" {} {n}", l["of"]),
        _ => String::new(),
    };
    out.paragraph(
        &format!("{}: {}{listed}", l["plans"], t.plans),
        Style::default(),
    );
    out.paragraph(
        &format!("{}: {}", l["plans_behind"], t.plans_behind),
        Style::default(),
    );
    out.paragraph(
        &format!(
            "{}: {} ({} {} {})",
            l["share_on_time"],
            percent(t.totals.share_on_time, lang),
            t.totals.done_on_time,
            l["of"],
            t.totals.due
        ),
        Style::default(),
    );

    caption(out, l["schools"]);
    let (widths, rows) = schools(t, rollup.files, l, lang);
    out.table(&widths, &rows, true);

    if !t.no_plan.is_empty() {
        caption(
            out,
            &format!(
                "{}: {} {} {}",
                l["no_plan"],
                t.no_plan.len(),
                l["of"],
                t.listed.unwrap_or(0)
            ),
        );
        out.paragraph(&t.no_plan.join(", "), Style::default());
    }

    caption(out, l["mandatory"]);
    let widths = [800, 4570, 1900, 1500, 1500, 1400, 2900];
    debug_assert_eq!(widths.iter().sum::<u32>(), TEXT_WIDTH);
    out.table(&widths, &activities(t, l, lang), true);
}

/// The Word roll-up: the heading and date, each template's part, the
/// roadmaps of their own, the files not judged, and the signature block.
pub fn render(rollup: &Rollup) -> Result<Vec<u8>, Error> {
    let lang = if rollup.lang == "ru" {
        Lang::Ru
    } else {
        Lang::En
    };
    let mut l = labels(lang);
    l.extend(rollup_labels(lang));
    let mut out = Document::default();
    let heading = rollup
        .heading
        .clone()
        .unwrap_or_else(|| l["rollup_heading"].to_string());
    out.paragraph(&heading, Style::heading());
    let as_of = text::date_short(rollup.as_of, lang);
    let mut line = match lang {
        Lang::Ru => format!("По состоянию на {as_of}"),
        Lang::En => format!("As of {as_of}"),
    };
    if let Some(end) = rollup.period_ended {
        line = format!(
            "{line} ({} {})",
            l["period_ended"],
            text::date_short(end, lang)
        );
    }
    out.paragraph(&line, Style::default());
    out.paragraph(
        &format!("{}: {}", l["folder"], rollup.folder),
        Style::default(),
    );
    if let Some(party) = &rollup.party {
        out.paragraph(&format!("{}: {party}", l["party"]), Style::default());
    }
    if rollup.templates.is_empty() && rollup.roadmaps.is_empty() && rollup.not_judged.is_empty() {
        out.paragraph(l["no_plans"], Style::default());
    }
    for t in &rollup.templates {
        template(&mut out, t, rollup, &l, lang);
    }
    if !rollup.roadmaps.is_empty() {
        caption(&mut out, l["other_roadmaps"]);
        let headings: Vec<String> = [
            l["file"],
            l["activity"],
            l["due"],
            l["done_on_time"],
            l["done_late"],
            l["overdue"],
            l["share_on_time"],
        ]
        .into_iter()
        .map(str::to_string)
        .collect();
        let mut rows = vec![Row::header(&headings)];
        rows.extend(rollup.roadmaps.iter().map(|r| Row {
            cells: vec![
                Cell::text(r.file.clone()),
                Cell::text(r.title.clone().unwrap_or_default()),
                number(r.counts.due),
                number(r.counts.done_on_time),
                number(r.counts.done_late),
                number(r.counts.overdue),
                Cell::text(percent(r.counts.share_on_time, lang)),
            ],
            header: false,
        }));
        let widths = [3000, 5070, 1300, 1300, 1300, 1300, 1300];
        debug_assert_eq!(widths.iter().sum::<u32>(), TEXT_WIDTH);
        out.table(&widths, &rows, true);
    }
    if !rollup.not_judged.is_empty() {
        caption(&mut out, l["not_judged"]);
        for n in &rollup.not_judged {
            let errors = match lang {
                Lang::Ru => format!("ошибок: {}", n.errors),
                Lang::En => format!("errors: {}", n.errors),
            };
            out.paragraph(&format!("{}: {errors}", n.file), Style::default());
        }
    }
    super::docx::signature(&mut out, lang);
    out.finish(&heading, lang)
}

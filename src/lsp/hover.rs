//! What a hover shows: for a timing, the dates it resolves to and the
//! activity's place in the schedule; for a party, its name and contacts;
//! for `после: 4.2`, that activity; for an indicator, how it was read.

use super::symbol::{self, Symbol};
use super::workspace::Analysis;
use crate::graph::Graph;
use crate::lang::Lang;
use crate::model::timing::LengthUnit;
use crate::model::{Activity, Comparator, Indicator, Interval, Roadmap, Timing};
use crate::schedule::{self, calendar::Calendar, Entry};
use crate::source::{FileId, Span};
use crate::syntax::Key;
use chrono::NaiveDate;
use std::fmt::Write;

/// The hover text (Markdown) at `offset` of file `id`, with the span it is about.
pub fn at(
    analysis: &Analysis,
    id: FileId,
    offset: usize,
    today: NaiveDate,
    lang: Lang,
) -> Option<(String, Span)> {
    let doc = analysis.document(id);
    let inside = |s: &Span| s.start <= offset && offset <= s.end;
    // A timing or an indicator of an activity.
    for activity in &doc.activities {
        let properties = activity
            .properties
            .iter()
            .chain(activity.stages.iter().flat_map(|s| &s.properties));
        for property in properties.filter(|p| inside(&p.value.span)) {
            match property.key {
                Key::When | Key::Rescheduled => {
                    let (roadmap, graph) = roadmap_with(analysis, id, &activity.number.text)?;
                    let text = timing(
                        roadmap,
                        graph,
                        &activity.number.text,
                        property.value.span,
                        today,
                        lang,
                    );
                    return Some((text, property.value.span));
                }
                Key::Indicator | Key::Actual => {
                    let indicator = Indicator::parse(property.value.clone());
                    return Some((self::indicator(&indicator, lang), property.value.span));
                }
                _ => {}
            }
        }
    }
    let path = analysis.path(id);
    let (symbol, span) = symbol::at(&doc, analysis.text(id), &path, offset)?;
    match symbol {
        Symbol::Party(party_id) => {
            let folded = crate::syntax::fold_case(&party_id);
            let party = analysis
                .roadmaps_of(id)
                .flat_map(|(r, _)| &r.parties)
                .find(|p| crate::syntax::fold_case(&p.id.text) == folded)?;
            let mut text = format!("**{}** — {}", party.id.text, party.name);
            if let Some(email) = &party.email {
                let _ = write!(text, "\n\n{}: {email}", tr(lang, "почта", "email"));
            }
            for contact in &party.contacts {
                let _ = write!(text, "\n\n{}: {contact}", tr(lang, "контакты", "contacts"));
            }
            Some((text, span))
        }
        Symbol::Activity(number) => {
            let (roadmap, graph) = roadmap_with(analysis, id, &number)?;
            let index = roadmap.activity(&number)?;
            let activity = &roadmap.activities[index];
            let mut text = format!(
                "**{} {}** {}",
                tr(lang, "мероприятие", "activity"),
                number,
                activity.title
            );
            let schedule = schedule_of(roadmap, graph);
            if let Some(entry) = schedule.entries.iter().find(|e| e.activity == index) {
                text.push_str("\n\n");
                text.push_str(&place(entry, activity, today, lang));
            }
            Some((text, span))
        }
        Symbol::Parameter(name) => {
            let value = analysis
                .roadmaps_of(id)
                .filter_map(|(r, _)| r.extension.as_ref())
                .flat_map(|e| &e.parameters)
                .find(|(n, _)| *n == name)
                .and_then(|(_, v)| v.clone());
            let text = match value {
                Some(value) => format!("`{{{name}}}` = {value}"),
                None => format!("`{{{name}}}`: {}", tr(lang, "без значения", "no value")),
            };
            Some((text, span))
        }
        Symbol::File(file) => Some((format!("`{}`", file.display()), span)),
    }
}

fn tr(lang: Lang, ru: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Ru => ru,
        Lang::En => en,
    }
}

/// A roadmap built from file `id` that has activity `number`.
fn roadmap_with<'a>(
    analysis: &'a Analysis,
    id: FileId,
    number: &str,
) -> Option<&'a (Roadmap, Graph)> {
    let mut roadmaps = analysis.roadmaps_of(id).collect::<Vec<_>>();
    if roadmaps.is_empty() {
        // A status file: the roadmap it marks.
        roadmaps = analysis.run.roadmaps.iter().collect();
    }
    roadmaps
        .into_iter()
        .find(|(r, _)| r.activity(number).is_some())
}

fn schedule_of(roadmap: &Roadmap, graph: &Graph) -> schedule::Schedule {
    let calendar = Calendar::russia().with_days_off(roadmap.days_off.iter().copied());
    schedule::compute(roadmap, graph, &calendar)
}

/// The timing at `span`: its windows, and the activity's place in the schedule.
fn timing(
    roadmap: &Roadmap,
    graph: &Graph,
    number: &str,
    span: Span,
    today: NaiveDate,
    lang: Lang,
) -> String {
    let Some(index) = roadmap.activity(number) else {
        return String::new();
    };
    let activity = &roadmap.activities[index];
    let cell = activity
        .all_facts()
        .flat_map(|f| f.timing.iter().chain(f.marks.rescheduled.iter()))
        .find(|c| c.span.start <= span.start && span.end <= c.span.end.max(span.end));
    let mut text = String::new();
    match cell.and_then(|c| c.resolved.as_ref()) {
        Some(resolved) => {
            let written = cell.map_or("", |c| c.text.as_str());
            let _ = writeln!(text, "**{written}** → {}", describe(resolved, lang));
            let intervals = resolved.intervals();
            if intervals.len() > 1 {
                text.push('\n');
                for interval in intervals.iter().take(12) {
                    let _ = writeln!(text, "- {interval}");
                }
                if intervals.len() > 12 {
                    let _ = writeln!(text, "- … ({})", intervals.len());
                }
            }
        }
        None => {
            let _ = writeln!(
                text,
                "{}",
                tr(lang, "Срок не прочитан.", "The timing cannot be read.")
            );
        }
    }
    let schedule = schedule_of(roadmap, graph);
    if let Some(entry) = schedule.entries.iter().find(|e| e.activity == index) {
        text.push('\n');
        text.push_str(&place(entry, activity, today, lang));
    }
    text
}

fn describe(timing: &Timing, lang: Lang) -> String {
    let bounds = timing.bounds().map(|b| b.to_string()).unwrap_or_default();
    match timing {
        Timing::Window(_) => bounds,
        Timing::Deadline { by, .. } => {
            format!("{} {}", tr(lang, "не позднее", "by"), Interval::day(*by))
        }
        Timing::Windows(ws) => format!("{} {}: {bounds}", ws.len(), tr(lang, "окон", "windows")),
        Timing::Recurring { occurrences, .. } => format!(
            "{} {}: {bounds}",
            occurrences.len(),
            tr(lang, "раз", "occurrences")
        ),
        Timing::NoDate { .. } => tr(lang, "без дат", "no dates").to_string(),
        Timing::Labelled(ls) => ls
            .iter()
            .map(|l| format!("{}: {}", l.label, l.window))
            .collect::<Vec<_>>()
            .join("; "),
        Timing::Length { amount, unit } => {
            let unit = match unit {
                LengthUnit::Days => tr(lang, "дн.", "days"),
                LengthUnit::Weeks => tr(lang, "нед.", "weeks"),
                LengthUnit::Months => tr(lang, "мес.", "months"),
                LengthUnit::Years => tr(lang, "г.", "years"),
            };
            format!("{} {amount} {unit}", tr(lang, "длительность", "lasts"))
        }
    }
}

/// Earliest and latest, slack and state as of `today`.
fn place(entry: &Entry, activity: &Activity, today: NaiveDate, lang: Lang) -> String {
    let span = |a: Option<NaiveDate>, b: Option<NaiveDate>| match (a, b) {
        (Some(a), Some(b)) if a <= b => Interval::new(a, b).to_string(),
        _ => "—".to_string(),
    };
    let mut text = String::new();
    if entry.start.is_some() {
        let _ = writeln!(
            text,
            "{}: {}  ",
            tr(lang, "Сроки", "Dates"),
            span(entry.start, entry.end)
        );
    }
    if entry.earliest_start.is_some() {
        let _ = writeln!(
            text,
            "{}: {}  ",
            tr(lang, "Раньше всего", "Earliest"),
            span(entry.earliest_start, entry.earliest_finish)
        );
        let _ = writeln!(
            text,
            "{}: {}  ",
            tr(lang, "Позже всего", "Latest"),
            span(entry.latest_start, entry.latest_finish)
        );
    }
    if let Some(slack) = entry.slack_days {
        let _ = writeln!(
            text,
            "{}: {slack}  ",
            tr(lang, "Резерв, дней", "Slack, days")
        );
    }
    let done = activity
        .facts
        .marks
        .done
        .iter()
        .map(|d| d.date)
        .filter(|d| *d <= today)
        .max();
    let state = if entry.cancelled.is_some() {
        tr(lang, "отменено", "cancelled").to_string()
    } else if let Some(done) = done {
        format!("{} {}", tr(lang, "выполнено", "done"), Interval::day(done))
    } else {
        match (entry.start, entry.end) {
            (_, Some(end)) if end < today => tr(lang, "просрочено", "overdue"),
            (Some(start), _) if start <= today => tr(lang, "идёт", "under way"),
            (Some(_), _) => tr(lang, "впереди", "ahead"),
            _ => tr(lang, "без дат", "no dates"),
        }
        .to_string()
    };
    let _ = writeln!(
        text,
        "{} {}: {state}",
        tr(lang, "На", "As of"),
        today.format("%d.%m.%Y")
    );
    text
}

fn indicator(indicator: &Indicator, lang: Lang) -> String {
    let mut text = format!("**{}**", tr(lang, "Показатель", "Indicator"));
    if indicator.targets.is_empty() {
        let _ = write!(
            text,
            "\n\n{}",
            tr(
                lang,
                "Без числа: только описание",
                "No number: a description only"
            )
        );
    }
    for target in &indicator.targets {
        let comparator = match target.comparator {
            Comparator::AtLeast => tr(lang, "не менее", "at least"),
            Comparator::More => tr(lang, "более", "more than"),
            Comparator::AtMost => tr(lang, "не более", "at most"),
            Comparator::Less => tr(lang, "менее", "less than"),
            Comparator::Exactly => tr(lang, "ровно", "exactly"),
            Comparator::Between => tr(lang, "от … до", "between"),
            Comparator::Coverage => tr(lang, "охват", "coverage"),
        };
        let mut number = target.value.to_string();
        if let Some(upper) = target.upper {
            let _ = write!(number, " – {upper}");
        }
        if let Some(out_of) = target.out_of {
            let _ = write!(number, " {} {out_of}", tr(lang, "из", "of"));
        }
        let unit = target.unit.clone().unwrap_or_else(|| "—".to_string());
        let _ = write!(
            text,
            "\n\n{}: {comparator}  \n{}: {number}  \n{}: {unit}",
            tr(lang, "Сравнение", "Comparator"),
            tr(lang, "Число", "Number"),
            tr(lang, "Единица", "Unit"),
        );
    }
    text
}

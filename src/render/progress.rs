//! Progress on the plan's outputs: where an activity stands on the as-of date
//! as `roadmap status` judges it ([`crate::state::assess`]), told in the same
//! words, with the share of a series done, the actual values against the
//! indicators and the evidence of its `выполнено:` mark. Every output of
//! `roadmap schedule` (md, html, the chart, csv, xlsx, JSON) shows what this
//! module makes of the assessment, and nothing else.

use super::text;
use crate::lang::Lang;
use crate::model::{Roadmap, Target};
use crate::state::{helpers, ActivityState, Assessment, Attainment, IndicatorState, State};
use chrono::NaiveDate;
use serde::Serialize;

/// One activity's progress on the as-of date.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    /// As `roadmap status --format json` names it: `done_on_time`,
    /// `done_late`, `overdue`, `due_soon`, `in_progress`, `ready`,
    /// `planned`, `cancelled`, `undated`.
    pub state: State,
    /// The state in words, with its days and date: «просрочено на 14 дней»,
    /// «выполнено с опозданием на 2 дня (26.01.2022)».
    pub text: String,
    /// The day it is judged against.
    pub due: Option<NaiveDate>,
    /// The last `выполнено:` date known on the as-of date.
    pub done: Option<NaiveDate>,
    /// Overdue: days past `due`; done late: days from `due` to `done`.
    pub days_late: Option<i64>,
    /// What the `выполнено:` mark cites as evidence (the confirming document).
    pub evidence: Option<String>,
    /// A series (or several windows): occurrences done, and in all.
    pub series_done: Option<usize>,
    pub series_total: Option<usize>,
    /// «5 из 14» / "5 of 14".
    pub series_text: Option<String>,
    /// Each indicator with a `факт:`: «факт 0,5 раза в месяц (план ≥ 1 раз в
    /// месяц) — не достигнуто».
    pub actuals: Vec<String>,
    /// The share of its bar the chart draws as done, 0 to 1.
    pub share: f64,
}

/// Whether anything in the roadmap (or its status file) is marked: only
/// then do the outputs show progress.
pub fn has_marks(roadmap: &Roadmap) -> bool {
    roadmap
        .activities
        .iter()
        .any(|a| a.all_facts().any(|f| !f.marks.is_empty()))
}

/// The progress of activity `index` (into the roadmap's activities).
pub fn of(assessment: &Assessment, index: usize, lang: Lang) -> Option<Progress> {
    let s = assessment.activities.iter().find(|s| s.index == index)?;
    let (series_done, series_total) = match &s.occurrences {
        Some(o) if o.total > 0 => (Some(o.done), Some(o.total)),
        _ => (None, None),
    };
    let share = if s.state.is_done() {
        1.0
    } else {
        match (series_done, series_total) {
            (Some(done), Some(total)) => (done as f64 / total as f64).min(1.0),
            _ => 0.0,
        }
    };
    Some(Progress {
        state: s.state,
        text: words(s, lang),
        due: s.due,
        done: s.done,
        days_late: s.days_late,
        evidence: s.evidence.clone().filter(|e| !e.trim().is_empty()),
        series_done,
        series_total,
        series_text: series_done.zip(series_total).map(|(d, t)| match lang {
            Lang::Ru => format!("{d} из {t}"),
            Lang::En => format!("{d} of {t}"),
        }),
        actuals: assessment
            .indicators
            .iter()
            .filter(|i| i.index == index && i.actual_text.is_some())
            .map(|i| actual(i, lang))
            .collect(),
        share,
    })
}

/// The state as `roadmap status` words it, with the days that go with it.
fn words(s: &ActivityState, lang: Lang) -> String {
    let name = helpers::state(s.state.key(), lang).unwrap_or_default();
    let on = |text: String| match s.done {
        Some(d) => format!("{text} ({})", text::date_short(d, lang)),
        None => text,
    };
    match (s.state, s.days_late, s.days_left) {
        (State::Overdue, Some(days), _) => helpers::late(days, lang),
        (State::DoneLate, Some(days), _) => on(match lang {
            Lang::Ru => format!("выполнено {}", helpers::done_late(days, lang)),
            Lang::En => format!("done {}", helpers::done_late(days, lang)),
        }),
        (State::DueSoon, _, Some(days)) => format!("{name}: {}", helpers::due_in(days, lang)),
        (State::DoneOnTime | State::DoneLate, _, _) => on(name),
        (State::Cancelled, _, _) => match s.cancelled.as_ref().and_then(|c| c.date) {
            Some(d) => format!("{name} {}", text::date_short(d, lang)),
            None => name,
        },
        _ => name,
    }
}

/// «факт 0,5 раза в месяц (план ≥ 1 раз в месяц) — не достигнуто».
fn actual(i: &IndicatorState, lang: Lang) -> String {
    let target = Target {
        comparator: i.comparator,
        value: i.target,
        upper: i.upper,
        unit: i.unit.clone(),
        out_of: None,
        at: 0..0,
    };
    let plan = text::targets(&[target], lang).unwrap_or_default();
    let value = i.actual_text.as_deref().unwrap_or_default();
    let (fact, planned, met, not_met) = match lang {
        Lang::Ru => ("факт", "план", "достигнуто", "не достигнуто"),
        Lang::En => ("actual", "target", "met", "not met"),
    };
    let verdict = match i.attainment {
        Attainment::Met => format!(" — {met}"),
        Attainment::NotMet => format!(" — {not_met}"),
        Attainment::NoActual => String::new(),
    };
    let stage = i
        .stage
        .as_deref()
        .map(|s| format!("{s}: "))
        .unwrap_or_default();
    format!("{stage}{fact} {value} ({planned} {plan}){verdict}")
}

/// The spreadsheet columns of progress (csv, xlsx), after the plan's.
pub fn headings(lang: Lang) -> [&'static str; 3] {
    match lang {
        Lang::Ru => ["Исполнение", "Факт", "Подтверждение выполнения"],
        Lang::En => ["Progress", "Actual", "Evidence of completion"],
    }
}

/// The cells under [`headings`]: the state (and the share of a series), the
/// actual values, the evidence.
pub fn cells(progress: Option<&Progress>) -> [Vec<String>; 3] {
    let Some(p) = progress else {
        return Default::default();
    };
    let mut state = vec![p.text.clone()];
    state.extend(p.series_text.clone());
    [
        state,
        p.actuals.clone(),
        p.evidence.iter().cloned().collect(),
    ]
}

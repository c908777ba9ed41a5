//! Workflow state: where every activity stands on a given date, judged from
//! its plan (the schedule) and its status marks (`начато:`, `выполнено:`,
//! `отменено:`, `перенесено:`, `факт:`). The same date always gives the same
//! answer: marks dated after it are not yet known. `docs/state.md` states the
//! rules; the monitoring report ([`report`]) and the reminders ([`remind`])
//! are built from what [`assess`] returns.

pub mod docx;
pub mod helpers;
pub mod lock;
pub mod mail;
mod parents;
pub mod remind;
pub mod report;
pub mod rollup;
pub mod rollup_docx;
pub mod workbook;

use crate::model::timing::NoDate;
use crate::model::{Activity, Comparator, Facts, Roadmap, Timing};
use crate::schedule::{Entry, Schedule, Undated};
use chrono::NaiveDate;
use serde::Serialize;

/// Days ahead a deadline counts as «скоро срок» unless told otherwise.
pub const DEFAULT_WITHIN: i64 = 14;

/// Where an activity stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Its window has not begun and it cannot start yet (or need not).
    Planned,
    /// Not begun, but everything it comes after is done (or it has only a
    /// deadline and nothing to wait for): it can be started now.
    Ready,
    /// Started (`начато:`), or its window has begun.
    InProgress,
    /// Not done, due within the `within` days.
    DueSoon,
    /// Its window ended (or an occurrence ended) and it is not done.
    Overdue,
    /// Done by its due date (the rescheduled one, when rescheduled).
    DoneOnTime,
    /// Done after its due date.
    DoneLate,
    /// `отменено:`.
    Cancelled,
    /// No fixed date («по заявкам», «постоянно», «по графику», or no timing):
    /// reported apart.
    Undated,
}

impl State {
    pub const ALL: [State; 9] = [
        State::Planned,
        State::Ready,
        State::InProgress,
        State::DueSoon,
        State::Overdue,
        State::DoneOnTime,
        State::DoneLate,
        State::Cancelled,
        State::Undated,
    ];

    /// The snake_case name used in JSON and in the reminder log.
    pub fn key(self) -> &'static str {
        match self {
            State::Planned => "planned",
            State::Ready => "ready",
            State::InProgress => "in_progress",
            State::DueSoon => "due_soon",
            State::Overdue => "overdue",
            State::DoneOnTime => "done_on_time",
            State::DoneLate => "done_late",
            State::Cancelled => "cancelled",
            State::Undated => "undated",
        }
    }

    pub fn is_done(self) -> bool {
        matches!(self, State::DoneOnTime | State::DoneLate)
    }

    /// Finished one way or another: nothing waits for it any more.
    pub fn is_closed(self) -> bool {
        self.is_done() || self == State::Cancelled
    }

    /// Someone can act on it now (what `roadmap next` lists).
    pub fn is_actionable(self) -> bool {
        matches!(
            self,
            State::Ready | State::InProgress | State::DueSoon | State::Overdue
        )
    }
}

/// What a judgement needs besides the roadmap.
/// How many days ahead a deadline is «скоро срок» unless asked otherwise.
pub const DUE_SOON_DAYS: i64 = 14;

#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub as_of: NaiveDate,
    /// A deadline this many days ahead (or fewer) is «скоро срок».
    pub within: i64,
}

/// The plan an activity is judged against, when it was rescheduled.
#[derive(Debug, Clone, Serialize)]
pub struct Baseline {
    /// The first and last day of the `срок:` as approved.
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    /// The `перенесено:` cells as written.
    pub to: Vec<String>,
    /// New last day minus the baseline's, in calendar days.
    pub slip_days: Option<i64>,
}

/// The occurrences of a recurring activity (or the separate windows of one
/// held in several), as of the date.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Occurrences {
    pub total: usize,
    /// Begun by the date: `done + missed + pending`.
    pub due: usize,
    /// Marked by a `выполнено:` date (inside the occurrence, or after it as a
    /// late catch-up, or before it as an early one).
    pub done: usize,
    /// Of those done, after the occurrence ended.
    pub late: usize,
    /// Ended without a mark.
    pub missed: usize,
    /// Running on the date, not yet marked.
    pub pending: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct CancelledView {
    pub date: Option<NaiveDate>,
    pub reason: String,
}

/// One activity's state on the date.
#[derive(Debug, Clone, Serialize)]
pub struct ActivityState {
    /// Index into the roadmap's activities.
    #[serde(skip)]
    pub index: usize,
    pub number: String,
    pub title: String,
    /// The number of its section, if it stands in one.
    pub section: Option<String>,
    /// Party ids, first seen first (the activity's, then its stages').
    pub responsible: Vec<String>,
    pub state: State,
    /// First day of the (rescheduled) window, when it has one.
    pub start: Option<NaiveDate>,
    /// The day it is judged against: the end of the window, the deadline, the
    /// end of the earliest missed occurrence (overdue) or of the next one.
    pub due: Option<NaiveDate>,
    /// Overdue: days since `due`; done late: days from `due` to `done`.
    pub days_late: Option<i64>,
    /// Not done and `due` not passed: days from the date to `due` (0 = today).
    pub days_left: Option<i64>,
    /// The last `выполнено:` date known on the date (for done activities).
    pub done: Option<NaiveDate>,
    /// What that mark cites as evidence.
    pub evidence: Option<String>,
    pub started: Option<NaiveDate>,
    pub cancelled: Option<CancelledView>,
    /// Set when `перенесено:` moved it: the approved plan.
    pub baseline: Option<Baseline>,
    /// For a recurring activity, or one held in several windows.
    pub occurrences: Option<Occurrences>,
    /// Activities it comes after that are neither done nor cancelled.
    pub waiting_for: Vec<String>,
    /// Why it has no fixed date.
    pub undated: Option<Undated>,
    /// How many `выполнено:` marks it has by the date (an activity «по
    /// заявкам» may be done many times).
    pub marks_done: usize,
}

impl ActivityState {
    /// Whether `party` (an id) is responsible for it; any party will do when
    /// none is named.
    pub fn is_for(&self, party: Option<&str>) -> bool {
        party.is_none_or(|p| self.responsible.iter().any(|r| r == p))
    }
}

/// One target indicator with its actual value.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorState {
    /// The activity's number.
    pub activity: String,
    /// Index into the roadmap's activities.
    #[serde(skip)]
    pub index: usize,
    /// The activity's title.
    pub title: String,
    /// The stage's label, for a stage's indicator.
    pub stage: Option<String>,
    /// As written.
    pub text: String,
    pub description: String,
    /// `at_least` (also for a bare number), `more`, `at_most`, `less`,
    /// `exactly`, `between`, `coverage`.
    pub comparator: Comparator,
    pub target: f64,
    /// The upper bound of `between` («от 5 до 10»).
    pub upper: Option<f64>,
    pub unit: Option<String>,
    pub actual: Option<f64>,
    /// The `факт:` line as written.
    pub actual_text: Option<String>,
    pub attainment: Attainment,
    /// Actual divided by target, for a target other than zero.
    pub ratio: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Attainment {
    Met,
    NotMet,
    /// No `факт:` yet.
    NoActual,
}

/// Every activity's state and every target's attainment on one date.
#[derive(Debug, Clone, Serialize)]
pub struct Assessment {
    pub as_of: NaiveDate,
    pub within_days: i64,
    pub activities: Vec<ActivityState>,
    pub indicators: Vec<IndicatorState>,
}

/// One dated piece of an activity: its only window, a stage's window, an
/// occurrence of a series.
#[derive(Debug, Clone)]
struct Part {
    /// `None` for a deadline with nothing known about when it may start.
    start: Option<NaiveDate>,
    end: NaiveDate,
    done: Option<NaiveDate>,
    evidence: Option<String>,
    cancelled: bool,
    /// Part of a series (or of several windows): reported as occurrences.
    occurrence: bool,
}

impl Part {
    fn late_by(&self) -> i64 {
        self.done.map_or(0, |d| (d - self.end).num_days().max(0))
    }
}

/// Judges every activity of `roadmap` on `options.as_of`.
pub fn assess(roadmap: &Roadmap, schedule: &Schedule, options: &Options) -> Assessment {
    let as_of = options.as_of;
    // First what each activity's own marks and dates say; then whether what
    // it comes after is finished, which only Ready/Planned need.
    let mut states: Vec<ActivityState> = roadmap
        .activities
        .iter()
        .enumerate()
        .map(|(i, a)| {
            // Entries are in the roadmap's order; look further only if not.
            let entry = schedule
                .entries
                .get(i)
                .filter(|e| e.activity == i)
                .or_else(|| schedule.entries.iter().find(|e| e.activity == i));
            judge(roadmap, entry, i, a, options)
        })
        .collect();
    parents::roll_up(roadmap, &mut states);
    let by_number: std::collections::HashMap<&str, usize> = roadmap
        .activities
        .iter()
        .enumerate()
        .map(|(i, a)| (a.number.text.as_str(), i))
        .collect();
    let closed: Vec<bool> = states.iter().map(|s| s.state.is_closed()).collect();
    for (i, activity) in roadmap.activities.iter().enumerate() {
        let waiting: Vec<String> = activity
            .after
            .iter()
            .filter(|d| {
                by_number
                    .get(d.number.text.as_str())
                    .is_some_and(|&j| !closed[j])
            })
            .map(|d| d.number.text.clone())
            .collect();
        let state = &mut states[i];
        let ready = if activity.after.is_empty() {
            // Nothing to wait for: a deadline-only activity may be done any
            // day before its deadline; a window is kept to.
            state.start.is_none()
        } else {
            waiting.is_empty()
        };
        if state.state == State::Planned && ready {
            state.state = State::Ready;
        }
        if !state.state.is_closed() {
            state.waiting_for = waiting;
        }
    }
    Assessment {
        as_of,
        within_days: options.within,
        activities: states,
        indicators: indicators(roadmap),
    }
}

fn known(date: Option<NaiveDate>, as_of: NaiveDate) -> bool {
    date.is_none_or(|d| d <= as_of)
}

fn judge(
    roadmap: &Roadmap,
    entry: Option<&Entry>,
    index: usize,
    activity: &Activity,
    options: &Options,
) -> ActivityState {
    let as_of = options.as_of;
    let mut parts = Vec::new();
    let mut baseline: Option<Baseline> = None;
    let mut undated = None;
    let mut evidence_last: Option<(NaiveDate, String)> = None;
    let mut marks_done = 0;
    let mut started: Option<NaiveDate> = None;
    for (k, facts) in activity.all_facts().enumerate() {
        let done: Vec<(NaiveDate, &str)> = facts
            .marks
            .done
            .iter()
            .filter(|d| d.date <= as_of)
            .map(|d| (d.date, d.evidence.as_str()))
            .collect();
        marks_done += done.len();
        for &(d, e) in &done {
            if evidence_last.as_ref().is_none_or(|(l, _)| d >= *l) {
                evidence_last = Some((d, e.to_string()));
            }
        }
        if let Some((d, _)) = facts.marks.started.filter(|(d, _)| *d <= as_of) {
            started = Some(started.map_or(d, |s| s.min(d)));
        }
        let stage_cancelled = k > 0
            && facts
                .marks
                .cancelled
                .as_ref()
                .is_some_and(|c| known(c.date, as_of));
        let planned = facts.timing.as_ref().and_then(|t| t.resolved.as_ref());
        let moved = facts
            .marks
            .rescheduled
            .as_ref()
            .and_then(|t| t.resolved.as_ref());
        let timing = moved.or(planned);
        let placed = (k == 0 && facts.duration.is_some())
            .then(|| entry.and_then(|e| Some((e.start?, e.end?))))
            .flatten();
        let own = pieces(timing, placed);
        let Some(pieces) = own else {
            if let Some(Timing::NoDate { kind, .. }) = timing {
                undated = Some(match kind {
                    NoDate::Schedule { owner } => Undated::Schedule {
                        owner: owner.clone(),
                    },
                    NoDate::OnDemand => Undated::OnDemand,
                    NoDate::Continuous => Undated::Continuous,
                });
            }
            continue;
        };
        if let (Some(_), Some(planned)) = (moved, planned) {
            let was = pieces_bounds(&self::pieces(Some(planned), placed).unwrap_or_default());
            let now = pieces_bounds(&pieces);
            let b = baseline.get_or_insert(Baseline {
                start: None,
                end: None,
                to: Vec::new(),
                slip_days: None,
            });
            if let Some(text) = &facts.marks.rescheduled {
                b.to.push(text.text.clone());
            }
            b.start = min_opt(b.start, was.0);
            b.end = max_opt(b.end, was.1);
            if let (Some(new), Some(old)) = (now.1, b.end) {
                b.slip_days = Some((new - old).num_days());
            }
        }
        let occurrence = pieces.len() > 1 || matches!(timing, Some(Timing::Recurring { .. }));
        let mut these: Vec<Part> = pieces
            .into_iter()
            .map(|(start, end)| Part {
                start,
                end,
                done: None,
                evidence: None,
                cancelled: stage_cancelled,
                occurrence,
            })
            .collect();
        if occurrence {
            assign(&mut these, &done);
        } else if let Some(&(d, e)) = done.iter().max_by_key(|(d, _)| *d) {
            these[0].done = Some(d);
            these[0].evidence = Some(e.to_string());
        }
        parts.extend(these);
    }
    let cancelled = activity
        .facts
        .marks
        .cancelled
        .as_ref()
        .filter(|c| known(c.date, as_of))
        .or_else(|| {
            // Every stage cancelled cancels the activity.
            let stages: Vec<_> = activity.stages.iter().map(|s| &s.facts).collect();
            (!stages.is_empty() && stages.iter().all(|f| f.marks.cancelled.is_some()))
                .then(|| stages[0].marks.cancelled.as_ref())
                .flatten()
                .filter(|c| known(c.date, as_of))
        })
        .map(|c| CancelledView {
            date: c.date,
            reason: c.reason.clone(),
        });
    let mut out = ActivityState {
        index,
        number: activity.number.text.clone(),
        title: activity.title.clone(),
        section: activity
            .section
            .map(|s| roadmap.sections[s].number.text.clone()),
        responsible: responsible(activity),
        state: State::Planned,
        start: parts.iter().filter_map(|p| p.start).min(),
        due: None,
        days_late: None,
        days_left: None,
        done: None,
        evidence: None,
        started,
        cancelled,
        baseline,
        occurrences: None,
        waiting_for: Vec::new(),
        undated: None,
        marks_done,
    };
    let occurrence_parts: Vec<&Part> = parts.iter().filter(|p| p.occurrence).collect();
    if !occurrence_parts.is_empty() {
        let begun = |p: &&&Part| p.start.is_none_or(|s| s <= as_of);
        let mut o = Occurrences {
            total: occurrence_parts.len(),
            ..Occurrences::default()
        };
        for p in &occurrence_parts {
            if p.done.is_some() {
                o.done += 1;
                if p.late_by() > 0 {
                    o.late += 1;
                }
            }
            if begun(&p) {
                o.due += 1;
                match p.done {
                    Some(_) => {}
                    None if p.end < as_of => o.missed += 1,
                    None => o.pending += 1,
                }
            }
        }
        // `due` counts what has begun: a mark made early for a later
        // occurrence is done but not yet due.
        o.due = o.due.max(o.missed + o.pending);
        out.occurrences = Some(o);
    }
    if out.cancelled.is_some() {
        out.state = State::Cancelled;
        out.due = parts.iter().map(|p| p.end).max();
        return out;
    }
    let active: Vec<&Part> = parts.iter().filter(|p| !p.cancelled).collect();
    if active.is_empty() {
        if !parts.is_empty() {
            out.state = State::Cancelled;
            return out;
        }
        out.state = State::Undated;
        out.undated = undated;
        if let Some((d, e)) = evidence_last {
            out.done = Some(d);
            out.evidence = Some(e);
        }
        return out;
    }
    if active.iter().all(|p| p.done.is_some()) {
        let last = active.iter().filter_map(|p| p.done).max();
        let latest = active
            .iter()
            .max_by_key(|p| (p.late_by(), p.end))
            .expect("not empty");
        let late = latest.late_by();
        out.done = last;
        out.evidence = active
            .iter()
            .filter(|p| p.done == last)
            .find_map(|p| p.evidence.clone())
            .filter(|e| !e.is_empty());
        if late > 0 {
            out.state = State::DoneLate;
            out.due = Some(latest.end);
            out.days_late = Some(late);
        } else {
            out.state = State::DoneOnTime;
            out.due = active.iter().map(|p| p.end).max();
        }
        return out;
    }
    if let Some(missed) = active
        .iter()
        .filter(|p| p.done.is_none() && p.end < as_of)
        .min_by_key(|p| p.end)
    {
        out.state = State::Overdue;
        out.due = Some(missed.end);
        out.days_late = Some((as_of - missed.end).num_days());
        return out;
    }
    let next = active
        .iter()
        .filter(|p| p.done.is_none())
        .min_by_key(|p| p.end)
        .expect("not all done");
    out.due = Some(next.end);
    let left = (next.end - as_of).num_days();
    out.days_left = Some(left);
    let begun = out.started.is_some()
        || active
            .iter()
            .any(|p| p.done.is_some() || p.start.is_some_and(|s| s <= as_of));
    out.state = if left <= options.within {
        State::DueSoon
    } else if begun {
        State::InProgress
    } else {
        State::Planned
    };
    out
}

/// The dated pieces of a timing: one window, or several, or the occurrences
/// of a series; `None` when it has no fixed date. An activity placed by its
/// duration uses where the schedule put it; a deadline starts where the
/// schedule lets it (after what it comes after), or is open.
fn pieces(timing: Option<&Timing>, placed: Option<(NaiveDate, NaiveDate)>) -> Option<Vec<Piece>> {
    match (timing, placed) {
        (Some(Timing::Deadline { by, .. }), Some((start, _))) => Some(vec![(Some(start), *by)]),
        (None, Some((start, end))) => Some(vec![(Some(start), end)]),
        (Some(Timing::Window(w)), _) => Some(vec![(Some(w.start), w.end)]),
        (Some(Timing::Deadline { by, .. }), None) => Some(vec![(None, *by)]),
        (Some(Timing::Windows(ws)), _) => Some(ws.iter().map(|w| (Some(w.start), w.end)).collect()),
        (Some(Timing::Labelled(ls)), _) => Some(
            ls.iter()
                .map(|l| (Some(l.window.start), l.window.end))
                .collect(),
        ),
        (
            Some(Timing::Recurring {
                occurrences,
                window,
                ..
            }),
            _,
        ) => Some(if occurrences.is_empty() {
            vec![(Some(window.start), window.end)]
        } else {
            occurrences.iter().map(|w| (Some(w.start), w.end)).collect()
        }),
        (Some(Timing::NoDate { .. } | Timing::Length { .. }), _) | (None, None) => None,
    }
}

/// A dated piece: its first day (`None`: open) and its last.
type Piece = (Option<NaiveDate>, NaiveDate);

fn pieces_bounds(pieces: &[Piece]) -> (Option<NaiveDate>, Option<NaiveDate>) {
    (
        pieces.iter().filter_map(|p| p.0).min(),
        pieces.iter().map(|p| p.1).max(),
    )
}

fn min_opt(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn max_opt(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// Gives each `выполнено:` date (in date order) to an occurrence: the
/// unmarked one it falls inside; else the earliest unmarked one that has
/// already ended (a late catch-up); else the earliest unmarked one still to
/// come (done early). A date with nothing left to mark is extra.
fn assign(parts: &mut [Part], done: &[(NaiveDate, &str)]) {
    let mut done = done.to_vec();
    done.sort_by_key(|(d, _)| *d);
    let inside = |p: &Part, d: NaiveDate| p.start.is_none_or(|s| s <= d) && d <= p.end;
    // Marks inside an occurrence claim it first, so that a catch-up for an
    // old occurrence never takes the place of a mark that is on time.
    let mut rest = Vec::new();
    for (d, e) in done {
        match parts.iter_mut().find(|p| p.done.is_none() && inside(p, d)) {
            Some(p) => {
                p.done = Some(d);
                p.evidence = Some(e.to_string());
            }
            None => rest.push((d, e)),
        }
    }
    for (d, e) in rest {
        let target = parts
            .iter()
            .position(|p| p.done.is_none() && p.end < d)
            .or_else(|| {
                parts
                    .iter()
                    .position(|p| p.done.is_none() && p.start.is_some_and(|s| s > d))
            });
        if let Some(i) = target {
            parts[i].done = Some(d);
            parts[i].evidence = Some(e.to_string());
        }
    }
}

/// Party ids responsible for an activity or any of its stages, first seen first.
pub fn responsible(activity: &Activity) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for facts in activity.all_facts() {
        for r in &facts.responsible {
            if !ids.contains(&r.text) {
                ids.push(r.text.clone());
            }
        }
    }
    ids
}

fn indicators(roadmap: &Roadmap) -> Vec<IndicatorState> {
    let mut out = Vec::new();
    for (index, activity) in roadmap.activities.iter().enumerate() {
        let stages = std::iter::once(None).chain(activity.stages.iter().map(Some));
        for (facts, stage) in activity.all_facts().zip(stages) {
            out.extend(facts_indicators(
                facts,
                index,
                activity,
                stage.map(|s| s.label.text.clone()),
            ));
        }
    }
    out
}

fn facts_indicators(
    facts: &Facts,
    index: usize,
    activity: &Activity,
    stage: Option<String>,
) -> Vec<IndicatorState> {
    let targets = facts
        .indicators
        .iter()
        .flat_map(|i| i.targets.iter().map(move |t| (i, t)));
    let mut actuals = facts.marks.actuals.iter();
    targets
        .map(|(indicator, target)| {
            let actual = actuals.next();
            let got = actual.and_then(|a| a.targets.first()).map(|t| t.value);
            IndicatorState {
                activity: activity.number.text.clone(),
                index,
                title: activity.title.clone(),
                stage: stage.clone(),
                text: indicator.source.text.clone(),
                description: indicator.description.clone(),
                comparator: target.comparator,
                target: target.value,
                upper: target.upper,
                unit: target.unit.clone(),
                actual: got,
                actual_text: actual.map(|a| a.source.text.clone()),
                attainment: match got {
                    None => Attainment::NoActual,
                    Some(g) if target.attained_by(g) => Attainment::Met,
                    Some(_) => Attainment::NotMet,
                },
                ratio: got
                    .filter(|_| target.value != 0.0)
                    .map(|g| g / target.value),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;

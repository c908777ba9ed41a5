//! Dates for every activity: its windows and occurrences, activities given a
//! duration placed after their dependencies, earliest and latest dates
//! against the roadmap's end, slack, and the critical path.

pub mod calendar;

use crate::graph::Graph;
use crate::model::timing::{Frequency, Labelled, LengthUnit, NoDate, Repeat};
use crate::model::{Activity, Interval, Lag, Origin, Roadmap, Timing};
use crate::syntax::LagUnit;
use calendar::Calendar;
use chrono::{Days, NaiveDate};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::Serialize;

/// How an activity is dated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// One window: a date, a range, a month, a quarter…
    Window,
    /// Several windows («февраль, март, октябрь»).
    Windows,
    /// Only a deadline («до 01.03.2022»).
    Deadline,
    /// A series of occurrences («еженедельно»).
    Recurring,
    /// Placed by the schedule from its duration and dependencies.
    Duration,
    /// Someone else's schedule, on demand, or continuous: no dates to place.
    NoDate,
    /// No timing at all (a warning) or one that could not be resolved (an error).
    Unknown,
}

/// Why an activity has no fixed date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Undated {
    /// «по графику СОИРО»
    Schedule { owner: Option<String> },
    /// «по заявкам», «по потребности»
    OnDemand,
    /// «постоянно»
    Continuous,
}

/// An activity on the schedule.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// Index into the roadmap's activities.
    #[serde(skip)]
    pub activity: usize,
    pub number: String,
    pub title: String,
    /// The section's number, if the activity stands in one.
    pub section: Option<String>,
    pub kind: Kind,
    /// The `срок:` cells as written (the activity's own, then each stage's).
    pub timing: Vec<String>,
    /// First and last day, when the activity has dates.
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    /// The separate windows, or the occurrences of a series.
    pub windows: Vec<Interval>,
    /// Set for a recurring activity.
    pub every: Option<Frequency>,
    /// The day inside each unit of a series («по понедельникам», «до 5 числа»).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repeat: Option<Repeat>,
    /// The labels of labelled windows («входной мониторинг — сентябрь 2020»).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<Labelled>,
    /// «срок реализации 5 лет»: how long, when the timing says no more.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub length: Option<(u32, LengthUnit)>,
    pub undated: Option<Undated>,
    pub deadline: Option<NaiveDate>,
    pub earliest_start: Option<NaiveDate>,
    pub earliest_finish: Option<NaiveDate>,
    pub latest_start: Option<NaiveDate>,
    pub latest_finish: Option<NaiveDate>,
    /// Calendar days the end can slip without moving a dependent activity or
    /// passing the roadmap's end (or its own deadline).
    pub slack_days: Option<i64>,
    /// Calendar days the end can slip without moving any activity that comes
    /// after it (`после:`), those keeping their dates; `None` when nothing
    /// comes after it. What a page shows as «резерв».
    pub free_slack_days: Option<i64>,
    pub critical: bool,
    /// Placed later than its deadline allows.
    pub late: bool,
    /// Numbers of the activities it comes after.
    pub after: Vec<String>,
    /// The roadmap's own, its template's, or its template's changed by it.
    pub origin: Origin,
    /// `отменено:`: the reason (empty when none is given).
    pub cancelled: Option<String>,
}

/// The resolved schedule of one roadmap.
#[derive(Debug, Clone, Serialize)]
pub struct Schedule {
    pub period: Option<Interval>,
    /// Every activity in the roadmap's order.
    pub entries: Vec<Entry>,
    /// Activity numbers, first to last.
    pub critical_path: Vec<String>,
}

impl Schedule {
    /// Entries with dates, and those without («по заявкам», «постоянно»…).
    pub fn split(&self) -> (Vec<&Entry>, Vec<&Entry>) {
        self.entries.iter().partition(|e| e.start.is_some())
    }
}

/// `date` moved by whole calendar months (the month's last day when the day is missing).
fn add_months(date: NaiveDate, months: i64) -> NaiveDate {
    let n = chrono::Months::new(u32::try_from(months.unsigned_abs()).unwrap_or(u32::MAX));
    let result = if months >= 0 {
        date.checked_add_months(n)
    } else {
        date.checked_sub_months(n)
    };
    result.unwrap_or(if months >= 0 {
        NaiveDate::MAX
    } else {
        NaiveDate::MIN
    })
}

fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    let result = if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    };
    result.unwrap_or(if days >= 0 {
        NaiveDate::MAX
    } else {
        NaiveDate::MIN
    })
}

/// The first day an activity may start when what it comes after ends on `end`
/// (the same day, or later by the lag).
pub fn after_lag(calendar: &Calendar, end: NaiveDate, lag: Option<Lag>) -> NaiveDate {
    match lag {
        None => end,
        Some(Lag { amount, unit }) => match unit {
            LagUnit::Days => add_days(end, amount.into()),
            LagUnit::Weeks => add_days(end, i64::from(amount) * 7),
            LagUnit::Months => add_months(end, amount.into()),
            LagUnit::Years => add_months(end, i64::from(amount) * 12),
            LagUnit::WorkingDays => calendar.add_working_days(end, amount),
        },
    }
}

/// The latest day an activity may end so that `start` is still allowed
/// after the lag: the inverse of [`after_lag`].
fn before_lag(calendar: &Calendar, start: NaiveDate, lag: Option<Lag>) -> NaiveDate {
    match lag {
        None => start,
        Some(Lag { amount, unit }) => match unit {
            LagUnit::Days => add_days(start, -i64::from(amount)),
            LagUnit::Weeks => add_days(start, -i64::from(amount) * 7),
            LagUnit::Months => add_months(start, -i64::from(amount)),
            LagUnit::Years => add_months(start, -i64::from(amount) * 12),
            LagUnit::WorkingDays => calendar.sub_working_days(start, amount),
        },
    }
}

/// The last day of an activity of `duration` starting on `start`.
fn finish(calendar: &Calendar, start: NaiveDate, duration: Lag) -> (NaiveDate, NaiveDate) {
    let n = duration.amount.max(1);
    match duration.unit {
        LagUnit::Days => (start, add_days(start, i64::from(n) - 1)),
        LagUnit::Weeks => (start, add_days(start, i64::from(n) * 7 - 1)),
        LagUnit::Months => (start, add_days(add_months(start, n.into()), -1)),
        LagUnit::Years => (start, add_days(add_months(start, i64::from(n) * 12), -1)),
        LagUnit::WorkingDays => {
            let first = calendar.add_working_days(start, 0);
            (first, calendar.add_working_days(first, n - 1))
        }
    }
}

/// What an activity's timings say, gathered over its stages.
struct Dated {
    kind: Kind,
    fixed: Option<Interval>,
    windows: Vec<Interval>,
    every: Option<Frequency>,
    deadline: Option<NaiveDate>,
    undated: Option<Undated>,
    labels: Vec<Labelled>,
    length: Option<(u32, LengthUnit)>,
    repeat: Option<Repeat>,
}

fn dated(activity: &Activity) -> Dated {
    let mut d = Dated {
        kind: Kind::Unknown,
        fixed: None,
        windows: Vec::new(),
        every: None,
        deadline: None,
        undated: None,
        labels: Vec::new(),
        length: None,
        repeat: None,
    };
    let mut kinds = Vec::new();
    for timing in activity.timings() {
        let kind = match timing {
            Timing::Window(_) => Kind::Window,
            Timing::Windows(_) => Kind::Windows,
            Timing::Labelled(ls) => {
                d.labels.extend(ls.iter().cloned());
                Kind::Windows
            }
            // How long, not when: placed like an activity without a timing.
            Timing::Length { amount, unit } => {
                d.length = Some((*amount, *unit));
                continue;
            }
            Timing::Deadline { by, .. } => {
                d.deadline = Some(d.deadline.map_or(*by, |x: NaiveDate| x.min(*by)));
                kinds.push(Kind::Deadline);
                continue;
            }
            Timing::Recurring { every, repeat, .. } => {
                d.every = Some(*every);
                if matches!(
                    repeat,
                    Repeat::OnWeekday(_) | Repeat::ByDay(_) | Repeat::ByDate(_)
                ) {
                    d.repeat = Some(repeat.clone());
                }
                Kind::Recurring
            }
            Timing::NoDate {
                kind,
                window,
                written,
                ..
            } => {
                d.undated = Some(match kind {
                    NoDate::Schedule { owner } => Undated::Schedule {
                        owner: owner.clone(),
                    },
                    NoDate::OnDemand => Undated::OnDemand,
                    NoDate::Continuous => Undated::Continuous,
                });
                kinds.push(Kind::NoDate);
                // «сентябрь 2021 (по запросу)»: the window the user wrote is
                // kept; the period a bare «постоянно» falls back on is not.
                if let (true, Some(w)) = (*written, window) {
                    d.windows.push(*w);
                    d.fixed = Some(d.fixed.map_or(*w, |f: Interval| f.hull(w)));
                }
                continue;
            }
        };
        kinds.push(kind);
        d.windows.extend(timing.intervals());
        if let Some(b) = timing.bounds() {
            d.fixed = Some(d.fixed.map_or(b, |f: Interval| f.hull(&b)));
        }
    }
    // An activity with sub-items and no timing of its own spans theirs.
    if let (true, Some(hull)) = (kinds.is_empty(), activity.children_hull) {
        d.fixed = Some(hull);
        d.windows.push(hull);
    }
    d.windows.sort();
    if kinds.contains(&Kind::Recurring) {
        // Occurrences stay apart; only the same one written twice goes.
        d.windows.dedup();
    } else {
        d.windows = merged(std::mem::take(&mut d.windows));
    }
    let has_duration = activity.all_facts().any(|f| f.duration.is_some());
    d.kind = if d.fixed.is_some() {
        if !kinds.is_empty() && kinds.iter().all(|k| *k == Kind::NoDate) {
            // Dated by its window, still marked as on request or on a schedule.
            Kind::NoDate
        } else if kinds.contains(&Kind::Recurring) {
            Kind::Recurring
        } else if d.windows.len() > 1 {
            Kind::Windows
        } else {
            Kind::Window
        }
    } else if has_duration {
        Kind::Duration
    } else if d.deadline.is_some() {
        Kind::Deadline
    } else if d.undated.is_some() {
        Kind::NoDate
    } else {
        Kind::Unknown
    };
    d
}

/// Computes the schedule. Activities on a dependency cycle keep their own
/// dates but take no part in placing others.
pub fn compute(roadmap: &Roadmap, graph: &Graph, calendar: &Calendar) -> Schedule {
    let n = roadmap.activities.len();
    let info: Vec<Dated> = roadmap.activities.iter().map(dated).collect();
    let durations: Vec<Option<Lag>> = roadmap
        .activities
        .iter()
        .map(|a| a.all_facts().find_map(|f| f.duration.map(|(d, _)| d)))
        .collect();
    let order = topological(graph);
    let period = roadmap.period.map(|(p, _)| p);
    let mut es: Vec<Option<NaiveDate>> = vec![None; n];
    let mut ef: Vec<Option<NaiveDate>> = vec![None; n];
    let mut late = vec![false; n];
    for &a in &order {
        let constraint = graph
            .graph
            .edges_directed(graph.node(a), Direction::Incoming)
            .filter(|e| !graph.cyclic[e.source().index()])
            .filter_map(|e| {
                let p = e.source().index();
                Some(after_lag(calendar, ef[p]?, e.weight().lag))
            })
            .max();
        let d = &info[a];
        match (d.kind, d.fixed, durations[a]) {
            (Kind::Duration, _, Some(duration)) => {
                let Some(from) = constraint.or(period.map(|p| p.start)) else {
                    continue;
                };
                let (start, end) = finish(calendar, from, duration);
                es[a] = Some(start);
                ef[a] = Some(end);
                late[a] = d.deadline.is_some_and(|by| end > by);
            }
            (_, Some(fixed), _) => {
                // A dependency narrows the window: it starts at the later of
                // its own start and the end of what it comes after (E0304
                // when that is after the window's end).
                let from = constraint.map_or(fixed.start, |c| c.max(fixed.start));
                es[a] = Some(from.min(fixed.end));
                ef[a] = Some(fixed.end);
                late[a] = from > fixed.end;
            }
            (Kind::Deadline, None, _) => {
                ef[a] = d.deadline;
                es[a] = constraint.or(period.map(|p| p.start)).min(d.deadline);
            }
            _ => {}
        }
    }
    let horizon = period
        .map(|p| p.end)
        .or_else(|| ef.iter().flatten().max().copied());
    let mut ls: Vec<Option<NaiveDate>> = vec![None; n];
    let mut lf: Vec<Option<NaiveDate>> = vec![None; n];
    for &a in order.iter().rev() {
        let (Some(start), Some(end)) = (es[a], ef[a]) else {
            continue;
        };
        let successors = successors_need(graph, calendar, a, &ls);
        let latest = [horizon, info[a].deadline, successors]
            .into_iter()
            .flatten()
            .min();
        let Some(latest) = latest else {
            continue;
        };
        lf[a] = Some(latest);
        ls[a] = Some(add_days(latest, -(end - start).num_days()));
    }
    let slack: Vec<Option<i64>> = (0..n).map(|a| Some((lf[a]? - ef[a]?).num_days())).collect();
    let free_slack: Vec<Option<i64>> = (0..n)
        .map(|a| {
            let end = ef[a]?;
            successors_need(graph, calendar, a, &es).map(|start| (start - end).num_days())
        })
        .collect();
    let critical_path = critical_path(graph, &slack, &ef);
    let on_path: std::collections::HashSet<usize> = critical_path.iter().copied().collect();
    let entries = roadmap
        .activities
        .iter()
        .enumerate()
        .map(|(a, activity)| {
            let d = &info[a];
            Entry {
                activity: a,
                number: activity.number.text.clone(),
                title: activity.title.clone(),
                section: activity
                    .section
                    .map(|s| roadmap.sections[s].number.text.clone()),
                kind: d.kind,
                timing: activity
                    .all_facts()
                    .filter_map(|f| f.timing.as_ref().map(|t| t.text.clone()))
                    .collect(),
                start: es[a],
                end: ef[a],
                windows: if d.windows.len() > 1 || d.kind == Kind::Recurring {
                    narrowed(&d.windows, es[a])
                } else {
                    Vec::new()
                },
                every: d.every,
                repeat: d.repeat.clone(),
                labels: d.labels.clone(),
                length: d.length,
                undated: d.undated.clone(),
                deadline: d.deadline,
                earliest_start: es[a],
                earliest_finish: ef[a],
                latest_start: ls[a],
                latest_finish: lf[a],
                slack_days: slack[a],
                free_slack_days: free_slack[a],
                critical: on_path.contains(&a),
                late: late[a],
                after: activity
                    .after
                    .iter()
                    .map(|d| d.number.text.clone())
                    .collect(),
                origin: activity.origin,
                cancelled: activity
                    .facts
                    .marks
                    .cancelled
                    .as_ref()
                    .map(|c| c.reason.clone()),
            }
        })
        .collect();
    Schedule {
        period,
        entries,
        critical_path: critical_path
            .iter()
            .map(|&a| roadmap.activities[a].number.text.clone())
            .collect(),
    }
}

/// The last day `a` may end on so that every activity after it (outside a
/// cycle) can start on its day in `starts`, lag included; `None` when none
/// of them has a start.
fn successors_need(
    graph: &Graph,
    calendar: &Calendar,
    a: usize,
    starts: &[Option<NaiveDate>],
) -> Option<NaiveDate> {
    graph
        .graph
        .edges_directed(graph.node(a), Direction::Outgoing)
        .filter(|e| !graph.cyclic[e.target().index()])
        .filter_map(|e| {
            Some(before_lag(
                calendar,
                starts[e.target().index()]?,
                e.weight().lag,
            ))
        })
        .min()
}

/// Sorted windows with those that overlap (a window repeated in two stages,
/// «II квартал» and «июнь – август») joined into one, so no day is counted
/// twice; windows that only touch («февраль, март») stay apart, as written.
fn merged(windows: Vec<Interval>) -> Vec<Interval> {
    let mut out: Vec<Interval> = Vec::with_capacity(windows.len());
    for w in windows {
        match out.last_mut() {
            Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
            _ => out.push(w),
        }
    }
    out
}

/// The windows (or occurrences) from `start` on: those that end before it
/// are dropped, the one it falls in is cut to begin on it.
fn narrowed(windows: &[Interval], start: Option<NaiveDate>) -> Vec<Interval> {
    let Some(start) = start else {
        return windows.to_vec();
    };
    let kept: Vec<Interval> = windows
        .iter()
        .filter(|w| w.end >= start)
        .map(|w| Interval {
            start: w.start.max(start),
            end: w.end,
        })
        .collect();
    if kept.is_empty() {
        // Cannot fit (E0304): the windows stay as written.
        windows.to_vec()
    } else {
        kept
    }
}

/// Activities not on a cycle, each after everything it comes after (Kahn).
fn topological(graph: &Graph) -> Vec<usize> {
    let n = graph.cyclic.len();
    let mut indegree = vec![0usize; n];
    for e in graph.graph.raw_edges() {
        let (s, t) = (e.source().index(), e.target().index());
        if !graph.cyclic[s] && !graph.cyclic[t] {
            indegree[t] += 1;
        }
    }
    let mut ready: std::collections::VecDeque<usize> = (0..n)
        .filter(|&a| !graph.cyclic[a] && indegree[a] == 0)
        .collect();
    let mut order = Vec::with_capacity(n);
    while let Some(a) = ready.pop_front() {
        order.push(a);
        for e in graph
            .graph
            .edges_directed(graph.node(a), Direction::Outgoing)
        {
            let t = e.target().index();
            if graph.cyclic[t] {
                continue;
            }
            indegree[t] -= 1;
            if indegree[t] == 0 {
                ready.push_back(t);
            }
        }
    }
    order
}

/// The chain of least slack: from the least-slack activity that ends last,
/// back through least-slack predecessors, each time the one that ends last.
/// Only activities linked by `после:` count: a year-long activity that
/// nothing depends on has no slack, but it is not a path through the plan;
/// a roadmap with no dependencies has no critical path.
fn critical_path(graph: &Graph, slack: &[Option<i64>], ef: &[Option<NaiveDate>]) -> Vec<usize> {
    let linked = |a: usize| {
        let node = graph.node(a);
        graph.graph.neighbors_undirected(node).next().is_some()
    };
    let least_of = || {
        (0..slack.len())
            .filter(|&a| !graph.cyclic[a] && linked(a))
            .filter_map(|a| slack[a])
            .min()
    };
    // Without a single `после:` there is no path through the plan: every
    // activity stands alone, and none is more critical than another.
    let Some(least) = least_of() else {
        return Vec::new();
    };
    let is_critical = |a: usize| slack[a] == Some(least) && !graph.cyclic[a] && linked(a);
    let Some(mut at) = (0..slack.len())
        .filter(|&a| is_critical(a))
        .max_by_key(|&a| (ef[a], std::cmp::Reverse(a)))
    else {
        return Vec::new();
    };
    let mut path = vec![at];
    let mut visited = vec![false; slack.len()];
    visited[at] = true;
    while let Some(previous) = graph
        .graph
        .edges_directed(graph.node(at), Direction::Incoming)
        .map(|e| e.source().index())
        .filter(|&p| is_critical(p) && !visited[p])
        .max_by_key(|&p| (ef[p], std::cmp::Reverse(p)))
    {
        visited[previous] = true;
        path.push(previous);
        at = previous;
    }
    path.reverse();
    path
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::Severity;

    fn schedule(text: &str) -> Schedule {
        let run = crate::run::check_bytes("t.roadmap".into(), text.as_bytes().to_vec());
        let errors: Vec<_> = run
            .diagnostics
            .iter()
            .filter(|d| d.severity() == Severity::Error)
            .map(|d| d.message.en.clone())
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
        let (roadmap, graph) = &run.roadmaps[0];
        compute(roadmap, graph, Calendar::russia())
    }

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%d.%m.%Y").unwrap()
    }

    fn entry<'a>(s: &'a Schedule, number: &str) -> &'a Entry {
        s.entries.iter().find(|e| e.number == number).unwrap()
    }

    /// Worked out by hand:
    /// 1 is fixed 10.01–14.01. 2 starts when 1 ends (14.01) and lasts five
    /// days: 14.01–18.01. 3 waits two days more (20.01), lasts three days:
    /// 20.01–22.01, and must be done by 31.01. 5 is fixed on 20.01, 4 on
    /// 01.02–10.02. Backwards from the deadline of 3: it may finish 31.01
    /// (slack 9), so may start 29.01; 2 may finish 27.01 (29.01 − 2 days,
    /// slack 9) and start 23.01; 1 may finish 23.01 (slack 9). 5 and 4 may
    /// slip to the roadmap's end, 31.12: slack 345 and 324. The least slack
    /// is 9, on 1 → 2 → 3.
    const HAND_MADE: &str = "\
дорожная карта: Проверка расписания
период: 2022
участник P: Исполнитель
мероприятие 1. A
  срок: 10.01.2022 – 14.01.2022
  ответственный: P
мероприятие 2. B
  длительность: 5 дней
  ответственный: P
  после: 1
мероприятие 3. C
  срок: до 31.01.2022
  длительность: 3 дня
  ответственный: P
  после: 2 + 2 дня
мероприятие 4. D
  срок: 01.02.2022 – 10.02.2022
  ответственный: P
мероприятие 5. E
  срок: 20.01.2022
  ответственный: P
  после: 1
";

    #[test]
    fn earliest_and_latest_dates_match_hand_computation() {
        let s = schedule(HAND_MADE);
        let b = entry(&s, "2");
        assert_eq!(
            (b.start, b.end),
            (Some(date("14.01.2022")), Some(date("18.01.2022")))
        );
        assert_eq!(b.kind, Kind::Duration);
        let c = entry(&s, "3");
        assert_eq!(
            (c.start, c.end),
            (Some(date("20.01.2022")), Some(date("22.01.2022")))
        );
        assert_eq!(c.latest_finish, Some(date("31.01.2022")));
        assert_eq!(c.latest_start, Some(date("29.01.2022")));
        assert_eq!(b.latest_finish, Some(date("27.01.2022")));
        assert_eq!(b.latest_start, Some(date("23.01.2022")));
        assert_eq!(entry(&s, "1").latest_finish, Some(date("23.01.2022")));
        let slack: Vec<_> = s.entries.iter().map(|e| e.slack_days).collect();
        assert_eq!(slack, [Some(9), Some(9), Some(9), Some(324), Some(345)]);
        assert!(!c.late);
    }

    #[test]
    fn critical_path_matches_hand_computation() {
        let s = schedule(HAND_MADE);
        assert_eq!(s.critical_path, ["1", "2", "3"]);
        let critical: Vec<_> = s
            .entries
            .iter()
            .filter(|e| e.critical)
            .map(|e| e.number.as_str())
            .collect();
        assert_eq!(critical, ["1", "2", "3"]);
    }

    #[test]
    fn deadline_missed_by_placement_is_late() {
        let text = HAND_MADE.replace("до 31.01.2022", "до 21.01.2022");
        let run = crate::run::check_bytes("t.roadmap".into(), text.into_bytes());
        let codes: Vec<&str> = run.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["E0304"], "the check says why it is late");
        let (roadmap, graph) = &run.roadmaps[0];
        let s = compute(roadmap, graph, Calendar::russia());
        assert!(entry(&s, "3").late);
        assert_eq!(entry(&s, "3").slack_days, Some(-1));
    }

    #[test]
    fn working_day_lag_skips_new_year_holidays() {
        // 31.12.2021 is a transferred day off, 1–9 January 2022 are holidays:
        // three working days after 30.12.2021 are 10, 11 and 12 January.
        let s = schedule(
            "дорожная карта: Т\nпериод: 2021–2022\nучастник P: П\nмероприятие 1. A\n  срок: 27.12.2021 – 30.12.2021\n  ответственный: P\nмероприятие 2. B\n  длительность: 1 день\n  после: 1 + 3 рабочих дня\n  ответственный: P\n",
        );
        assert_eq!(entry(&s, "2").start, Some(date("12.01.2022")));
    }

    #[test]
    fn working_day_lag_counts_a_working_saturday_and_skips_a_transferred_monday() {
        // Saturday 05.03.2022 was a working day; Monday 07.03 a day off moved
        // from it; 08.03 a holiday. Two working days after Friday 04.03: 05.03, 09.03.
        let s = schedule(
            "дорожная карта: Т\nпериод: 2022\nучастник P: П\nмероприятие 1. A\n  срок: 04.03.2022\n  ответственный: P\nмероприятие 2. B\n  длительность: 2 рабочих дня\n  после: 1 + 2 рабочих дня\n  ответственный: P\n",
        );
        let b = entry(&s, "2");
        assert_eq!(b.start, Some(date("09.03.2022")));
        // Two working days from 09.03: 09.03 and 10.03.
        assert_eq!(b.end, Some(date("10.03.2022")));
    }

    #[test]
    fn a_dependency_narrows_a_window_to_start_when_it_ends() {
        // 1 ends 11.02; 2, «февраль – март» after 1, runs 11.02–31.03; 3, a
        // monthly series February to April after 1 + 3 weeks (04.03), keeps
        // the March (from 04.03) and April occurrences.
        let s = schedule(
            "дорожная карта: Т\nпериод: 2022\nучастник P: П\nмероприятие 1. A\n  срок: 01.02.2022 – 11.02.2022\n  ответственный: P\nмероприятие 2. B\n  срок: февраль – март 2022 года\n  после: 1\n  ответственный: P\nмероприятие 3. C\n  срок: ежемесячно, февраль – апрель 2022\n  после: 1 + 3 недели\n  ответственный: P\n",
        );
        let b = entry(&s, "2");
        assert_eq!(
            (b.start, b.end, b.late),
            (Some(date("11.02.2022")), Some(date("31.03.2022")), false)
        );
        let c = entry(&s, "3");
        let windows: Vec<_> = c.windows.iter().map(|w| (w.start, w.end)).collect();
        assert_eq!(
            windows,
            [
                (date("04.03.2022"), date("31.03.2022")),
                (date("01.04.2022"), date("30.04.2022"))
            ]
        );
        assert_eq!(c.start, Some(date("04.03.2022")));
    }

    #[test]
    fn a_roadmap_without_dependencies_has_no_critical_path() {
        let s = schedule(
            &HAND_MADE
                .replace("  после: 1\n", "")
                .replace("  после: 2 + 2 дня\n", ""),
        );
        assert!(s.critical_path.is_empty(), "{:?}", s.critical_path);
        assert!(s.entries.iter().all(|e| !e.critical));
    }

    #[test]
    fn windows_repeated_across_stages_are_merged() {
        // Moscow region 2020, activity 7: «II квартал» in one stage,
        // «июнь – август» in the next; June is one month, not two. A stage
        // repeating the other's window adds nothing.
        let s = schedule(
            "дорожная карта: Т\nпериод: 2020\nучастник P: П\nмероприятие 1. A\n  ответственный: P\n  этап 1:\n    срок: II квартал 2020 года\n  этап 2:\n    срок: июнь – август 2020 года\nмероприятие 2. B\n  ответственный: P\n  этап 1:\n    срок: март 2020\n  этап 2:\n    срок: март 2020\n  этап 3:\n    срок: май 2020\n",
        );
        let a = entry(&s, "1");
        assert_eq!(a.kind, Kind::Window);
        assert_eq!(
            (a.start, a.end),
            (Some(date("01.04.2020")), Some(date("31.08.2020")))
        );
        let b = entry(&s, "2");
        let windows: Vec<_> = b.windows.iter().map(|w| (w.start, w.end)).collect();
        assert_eq!(
            windows,
            [
                (date("01.03.2020"), date("31.03.2020")),
                (date("01.05.2020"), date("31.05.2020"))
            ]
        );
    }

    #[test]
    fn recurring_and_undated_activities() {
        let s = schedule(
            "дорожная карта: Т\nпериод: 2022\nучастник P: П\nмероприятие 1. A\n  срок: ежеквартально\n  ответственный: P\nмероприятие 2. B\n  срок: по заявкам\n  ответственный: P\n",
        );
        let a = entry(&s, "1");
        assert_eq!(a.kind, Kind::Recurring);
        assert_eq!(a.windows.len(), 4);
        let b = entry(&s, "2");
        assert_eq!((b.kind, b.start), (Kind::NoDate, None));
        assert_eq!(b.undated, Some(Undated::OnDemand));
        let (dated, undated) = s.split();
        assert_eq!((dated.len(), undated.len()), (1, 1));
    }
}

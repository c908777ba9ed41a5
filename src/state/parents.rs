//! An activity with sub-items (`2.1` over `2.1.1` and `2.1.2`) and no
//! timing of its own is judged by them: done when every sub-item is closed
//! and one is done, else as its most pressing open sub-item.

use super::{ActivityState, State};
use crate::model::{Activity, Roadmap};

/// Whether the activity is a summary of its sub-items: no timing or
/// duration of its own, in it or in its stages.
fn is_summary(activity: &Activity) -> bool {
    activity
        .all_facts()
        .all(|f| f.timing.is_none() && f.duration.is_none())
}

/// How pressing an open state is.
fn urgency(state: State) -> u8 {
    match state {
        State::Overdue => 5,
        State::DueSoon => 4,
        State::InProgress => 3,
        State::Ready => 2,
        State::Planned => 1,
        _ => 0,
    }
}

/// Replaces the state of every summary activity with its sub-items'.
/// Its own `выполнено:` or `отменено:` mark still decides.
pub(super) fn roll_up(roadmap: &Roadmap, states: &mut [ActivityState]) {
    let depth = |i: usize| roadmap.activities[i].number.text.matches('.').count();
    let mut parents: Vec<usize> = (0..roadmap.activities.len())
        .filter(|&i| roadmap.activities.iter().any(|a| a.parent == Some(i)))
        .filter(|&i| is_summary(&roadmap.activities[i]))
        .collect();
    // Deepest first, so that a summary of summaries sees them judged.
    parents.sort_by_key(|&i| std::cmp::Reverse(depth(i)));
    for i in parents {
        if states[i].state.is_closed() {
            continue;
        }
        let children: Vec<&ActivityState> = roadmap
            .activities
            .iter()
            .enumerate()
            .filter(|(_, a)| a.parent == Some(i))
            .map(|(j, _)| &states[j])
            .collect();
        let open: Vec<&ActivityState> = children
            .iter()
            .copied()
            .filter(|c| !c.state.is_closed())
            .collect();
        let done: Vec<&ActivityState> = children
            .iter()
            .copied()
            .filter(|c| c.state.is_done())
            .collect();
        let start = children.iter().filter_map(|c| c.start).min();
        let mut rolled = states[i].clone();
        rolled.start = start;
        if open.is_empty() && !done.is_empty() {
            let late = done.iter().any(|c| c.state == State::DoneLate);
            rolled.state = if late {
                State::DoneLate
            } else {
                State::DoneOnTime
            };
            rolled.done = done.iter().filter_map(|c| c.done).max();
            rolled.due = children.iter().filter_map(|c| c.due).max();
            rolled.days_late = done.iter().filter_map(|c| c.days_late).max();
            rolled.days_left = None;
            rolled.undated = None;
        } else if let Some(worst) = open
            .iter()
            .filter(|c| urgency(c.state) > 0)
            .max_by_key(|c| (urgency(c.state), std::cmp::Reverse(c.due)))
        {
            rolled.state = worst.state;
            rolled.due = worst.due;
            rolled.days_late = worst.days_late;
            rolled.days_left = worst.days_left;
            rolled.undated = None;
        } else {
            continue;
        }
        states[i] = rolled;
    }
}

#[cfg(test)]
mod tests {
    use crate::schedule::calendar::Calendar;
    use crate::state::{assess, ActivityState, Options, State, DUE_SOON_DAYS};
    use chrono::NaiveDate;

    /// Activity 2.1 over 2.1.1 (March) and 2.1.2 (October); `math` and
    /// `russian` are the sub-items' marks.
    fn summary(math: &str, russian: &str, as_of: (u32, u32)) -> ActivityState {
        let text = format!(
            "дорожная карта: Т\nпериод: 2022\nучастник ОО: Школа\nмероприятие 2.1. Курсы\nмероприятие 2.1.1. Математика\n  срок: март 2022\n  ответственный: ОО\n{math}мероприятие 2.1.2. Русский язык\n  срок: октябрь 2022\n  ответственный: ОО\n{russian}"
        );
        let run = crate::run::check_bytes("t.roadmap".into(), text.into_bytes());
        assert!(run.diagnostics.is_empty(), "{:?}", run.diagnostics);
        let (roadmap, graph) = &run.roadmaps[0];
        let schedule = crate::schedule::compute(roadmap, graph, Calendar::russia());
        let options = Options {
            as_of: date(as_of.0, as_of.1).unwrap(),
            within: DUE_SOON_DAYS,
        };
        assess(roadmap, &schedule, &options).activities[0].clone()
    }

    fn date(m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2022, m, d)
    }

    const MATH_DONE: &str = "  выполнено: 30.03.2022\n";

    #[test]
    fn a_summary_is_as_its_most_pressing_sub_item() {
        let s = summary("", "", (4, 5));
        assert_eq!(
            (s.state, s.due, s.days_late),
            (State::Overdue, date(3, 31), Some(5))
        );
        let s = summary(MATH_DONE, "", (4, 5));
        assert_eq!((s.state, s.due), (State::Planned, date(10, 31)));
        assert_eq!(s.start, date(3, 1));
    }

    #[test]
    fn a_summary_is_done_when_its_sub_items_are() {
        let s = summary(MATH_DONE, "  выполнено: 05.11.2022\n", (12, 1));
        assert_eq!(
            (s.state, s.done, s.days_late),
            (State::DoneLate, date(11, 5), Some(5))
        );
        let s = summary(MATH_DONE, "  выполнено: 20.10.2022\n", (12, 1));
        assert_eq!((s.state, s.done), (State::DoneOnTime, date(10, 20)));
    }
}

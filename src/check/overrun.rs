//! A `длительность:` that, placed where the schedule puts it, ends after the
//! activity's own `до …` deadline: the schedule marks it late, the check says why.

use super::fmt;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::graph::Graph;
use crate::model::Roadmap;
use crate::schedule::calendar::Calendar;
use crate::schedule::{self, after_lag, Kind};
use crate::text;
use petgraph::visit::EdgeRef;
use petgraph::Direction;

/// Reports every activity with a duration placed past its deadline: E0304
/// when an activity it comes after pushes it there, E0407 otherwise.
pub fn check(
    roadmap: &Roadmap,
    graph: &Graph,
    calendar: &Calendar,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // Only a duration can be placed past its deadline: most roadmaps have none.
    let has_duration = roadmap
        .activities
        .iter()
        .any(|a| a.all_facts().any(|f| f.duration.is_some()));
    if !has_duration {
        return;
    }
    let plan = schedule::compute(roadmap, graph, calendar);
    for entry in &plan.entries {
        if entry.kind != Kind::Duration || !entry.late {
            continue;
        }
        let (Some(start), Some(end), Some(by)) = (entry.start, entry.end, entry.deadline) else {
            continue;
        };
        let activity = &roadmap.activities[entry.activity];
        let Some((_, duration_span)) = activity.all_facts().find_map(|f| f.duration) else {
            continue;
        };
        let deadline_span = activity
            .all_facts()
            .find_map(|f| f.timing.as_ref().map(|t| t.span))
            .unwrap_or(activity.number.span);
        // The activity it comes after that ends last, lag included.
        let driver = graph
            .graph
            .edges_directed(graph.node(entry.activity), Direction::Incoming)
            .filter(|e| !graph.cyclic[e.source().index()])
            .filter_map(|e| {
                let p = e.source().index();
                let ends = plan.entries[p].end?;
                Some((
                    after_lag(calendar, ends, e.weight().lag),
                    ends,
                    p,
                    e.weight().item,
                ))
            })
            .max_by_key(|(earliest, ..)| *earliest);
        match driver {
            // A deadline before that end is E0304 of the dependency rule already.
            Some((_, _, _, item))
                if diagnostics.iter().any(|d| {
                    d.code == Code::StartsBeforeDependency
                        && d.span == activity.after[item].number.span
                }) => {}
            Some((earliest, ends, p, item)) => {
                let dependency = &roadmap.activities[p];
                let dep = &activity.after[item];
                let dep_span = dependency
                    .facts
                    .timing
                    .as_ref()
                    .map_or(dependency.number.span, |t| t.span);
                diagnostics.push(
                    Diagnostic::new(
                        Code::StartsBeforeDependency,
                        duration_span,
                        text!(
                            ru: "Мероприятие {} должно завершиться до {}, но начинается не раньше {} — после мероприятия {}, которое заканчивается {}, — и с этой длительностью заканчивается {}",
                            activity.number.text, fmt(by), fmt(earliest), dependency.number.text, fmt(ends), fmt(end);
                            en: "Activity {} must be done by {}, but it starts {} at the earliest — after activity {}, which ends {} — and with this duration ends {}",
                            activity.number.text, fmt(by), fmt(earliest), dependency.number.text, fmt(ends), fmt(end)
                        ),
                    )
                    .with_label(text!(ru: "кончается {}", fmt(end); en: "ends {}", fmt(end)))
                    .with_secondary(deadline_span, text!(ru: "срок: до {}", fmt(by); en: "due by {}", fmt(by)))
                    .with_secondary(dep.number.span, text!(ru: "идёт после {}", dependency.number.text; en: "comes after {}", dependency.number.text))
                    .with_secondary(dep_span, text!(ru: "заканчивается {}", fmt(ends); en: "ends {}", fmt(ends)))
                    .with_help(text!(
                        ru: "Сократите длительность, перенесите срок на {} или позже, сдвиньте {} раньше или уберите зависимость", fmt(end), dependency.number.text;
                        en: "Shorten the duration, move the deadline to {} or later, move {} earlier, or remove the dependency", fmt(end), dependency.number.text
                    )),
                );
            }
            None => diagnostics.push(
                Diagnostic::new(
                    Code::DurationPastDeadline,
                    duration_span,
                    text!(
                        ru: "Мероприятие {} должно завершиться до {}, но с этой длительностью идёт с {} по {}",
                        activity.number.text, fmt(by), fmt(start), fmt(end);
                        en: "Activity {} must be done by {}, but with this duration it runs {} to {}",
                        activity.number.text, fmt(by), fmt(start), fmt(end)
                    ),
                )
                .with_label(text!(ru: "кончается {}", fmt(end); en: "ends {}", fmt(end)))
                .with_secondary(deadline_span, text!(ru: "срок: до {}", fmt(by); en: "due by {}", fmt(by)))
                .with_help(text!(
                    ru: "Сократите длительность так, чтобы она уложилась с {} по {}, или перенесите срок на {} или позже", fmt(start), fmt(by), fmt(end);
                    en: "Shorten the duration to fit {} to {}, or move the deadline to {} or later", fmt(start), fmt(by), fmt(end)
                )),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    /// The codes `check` reports for `activities` in a 2022 roadmap, with
    /// the line and column of each.
    fn codes(activities: &str) -> Vec<(String, usize, usize)> {
        let text = format!(
            "дорожная карта: Тест\nпериод: 2022\nвладелец: ОО\n\nучастник ОО: Школа\n\nраздел 1. Раздел\n\n{activities}"
        );
        let run = crate::run::check_bytes("t.roadmap".into(), text.into_bytes());
        run.diagnostics
            .iter()
            .map(|d| {
                let at = run
                    .workspace
                    .sources
                    .get(d.span.file)
                    .position(d.span.start);
                (d.code.as_str().to_string(), at.line, at.column)
            })
            .collect()
    }

    #[test]
    fn a_duration_longer_than_its_deadline_allows() {
        assert_eq!(
            codes("мероприятие 1. Одно\n  срок: до 01.03.2022\n  длительность: 6 месяцев\n  ответственный: ОО\n"),
            [("E0407".to_string(), 11, 17)]
        );
    }

    #[test]
    fn a_duration_that_fits_its_deadline() {
        assert_eq!(
            codes("мероприятие 1. Одно\n  срок: до 01.03.2022\n  длительность: 2 месяца\n  ответственный: ОО\n"),
            []
        );
    }

    #[test]
    fn a_duration_pushed_past_its_deadline_by_another_placed_by_its_own() {
        let found = codes(
            "мероприятие 1. Первое\n  длительность: 2 месяца\n  ответственный: ОО\n\n\
             мероприятие 2. Второе\n  срок: до 01.03.2022\n  длительность: 1 месяц\n  после: 1\n  ответственный: ОО\n",
        );
        assert_eq!(found, [("E0304".to_string(), 15, 17)]);
    }

    #[test]
    fn a_deadline_before_the_dependency_ends_is_reported_once() {
        let found = codes(
            "мероприятие 1. Первое\n  срок: январь 2022\n  ответственный: ОО\n\n\
             мероприятие 2. Второе\n  срок: до 20.01.2022\n  длительность: 2 недели\n  после: 1\n  ответственный: ОО\n",
        );
        assert_eq!(found, [("E0304".to_string(), 16, 10)]);
    }
}

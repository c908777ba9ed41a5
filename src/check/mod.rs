//! Rules over a resolved roadmap and its graph: dates against dependencies,
//! the period and checkpoints; activities without owners; empty sections.

use crate::code::{Code, Severity};
use crate::diagnostic::Diagnostic;
use crate::graph::Graph;
use crate::model::timing;
use crate::model::{Activity, Facts, Interval, Roadmap, Timing};
use crate::schedule::after_lag;
use crate::schedule::calendar::Calendar;
use crate::source::Span;
use crate::text;
use chrono::{Datelike, NaiveDate, Weekday};
use std::borrow::Cow;

mod address;
mod overrun;

/// Runs every rule.
pub fn check(roadmap: &Roadmap, graph: &Graph, diagnostics: &mut Vec<Diagnostic>) {
    let calendar = calendar(roadmap);
    dependencies(roadmap, graph, &calendar, diagnostics);
    overrun::check(roadmap, graph, &calendar, diagnostics);
    // An activity with sub-items may leave its party and timing to them.
    let parents: std::collections::HashSet<usize> =
        roadmap.activities.iter().filter_map(|a| a.parent).collect();
    for (i, activity) in roadmap.activities.iter().enumerate() {
        if let Some((period, period_span)) = roadmap.period {
            for facts in activity.all_facts() {
                outside_period(facts, period, period_span, diagnostics);
            }
            lag_outside_period(activity, period, diagnostics);
        }
        for facts in activity.all_facts() {
            checkpoints(facts, diagnostics);
            non_working(facts, &calendar, diagnostics);
        }
        if !parents.contains(&i) {
            missing(activity, diagnostics);
        }
    }
    empty_sections(roadmap, diagnostics);
    marks(roadmap, graph, diagnostics);
    address::check(roadmap, diagnostics);
}

/// The day an activity was finished: the last `выполнено:` when it (and each
/// of its stages) has one; `None` while anything is not done.
pub fn completed(activity: &Activity) -> Option<NaiveDate> {
    let mut last = None;
    for facts in activity.all_facts() {
        let stage_has_plan = facts.timing.is_some() || facts.duration.is_some();
        match facts.marks.done.iter().map(|d| d.date).max() {
            Some(d) => last = Some(last.map_or(d, |l: NaiveDate| l.max(d))),
            None if stage_has_plan && facts.marks.cancelled.is_none() => return None,
            None => {}
        }
    }
    last
}

/// Status marks against each other, the dependencies and the indicators.
fn marks(roadmap: &Roadmap, graph: &Graph, diagnostics: &mut Vec<Diagnostic>) {
    for activity in &roadmap.activities {
        for facts in activity.all_facts() {
            let marks = &facts.marks;
            if let Some(cancelled) = marks
                .cancelled
                .as_ref()
                .filter(|c| c.reason.trim().is_empty())
            {
                if activity.mandatory {
                    diagnostics.push(
                        Diagnostic::new(
                            Code::MandatoryCancelled,
                            cancelled.span,
                            text!(
                                ru: "Обязательное мероприятие {} отменено без причины", activity.number.text;
                                en: "Mandatory activity {} is cancelled without a reason", activity.number.text
                            ),
                        )
                        .with_help(text!(
                            ru: "Укажите причину: «отменено: 01.03.2022 — причина»";
                            en: "Give the reason: `cancelled: 01.03.2022 — reason`"
                        )),
                    );
                }
            }
            if let Some((started, started_span)) = marks.started {
                for done in marks.done.iter().filter(|d| d.date < started) {
                    diagnostics.push(
                        Diagnostic::new(
                            Code::DoneBeforeStarted,
                            done.span,
                            text!(
                                ru: "Мероприятие {} выполнено {}, раньше, чем начато ({})", activity.number.text, fmt(done.date), fmt(started);
                                en: "Activity {} is marked done on {}, before it was started ({})", activity.number.text, fmt(done.date), fmt(started)
                            ),
                        )
                        .with_secondary(started_span, text!(ru: "начато"; en: "started"))
                        .with_help(text!(ru: "Исправьте одну из дат"; en: "Correct one of the dates")),
                    );
                }
            }
            let targets = facts
                .indicators
                .iter()
                .flat_map(|i| i.targets.iter().map(move |t| (i, t)));
            for ((target, wanted), actual) in targets.zip(&marks.actuals) {
                let got = actual.targets.first().and_then(|t| t.unit.as_ref());
                let (Some(want), Some(got)) = (&wanted.unit, got) else {
                    continue;
                };
                if !crate::model::same_unit(want, got) {
                    diagnostics.push(
                        Diagnostic::new(
                            Code::UnitMismatch,
                            actual.source.span,
                            text!(
                                ru: "Факт в «{}», а показатель — в «{}»", got, want;
                                en: "The actual value is in `{}`, the target in `{}`", got, want
                            ),
                        )
                        .with_secondary(
                            target.span_of(wanted),
                            text!(ru: "показатель"; en: "the target"),
                        )
                        .with_help(text!(
                            ru: "Запишите факт в тех же единицах, что и показатель: «факт: … {}»", want;
                            en: "Write the actual value in the target's unit: `actual: … {}`", want
                        )),
                    );
                }
            }
        }
    }
    for edge in graph.graph.raw_edges() {
        let (dependency, activity) = (
            &roadmap.activities[edge.source().index()],
            &roadmap.activities[edge.target().index()],
        );
        let Some(first_done) = activity
            .all_facts()
            .flat_map(|f| f.marks.done.iter())
            .min_by_key(|d| d.date)
        else {
            continue;
        };
        if dependency.all_facts().all(|f| f.marks.cancelled.is_some()) {
            continue;
        }
        let message = match completed(dependency) {
            Some(done) if done > first_done.date => text!(
                ru: "Мероприятие {} отмечено выполненным {}, а мероприятие {}, после которого оно идёт, выполнено только {}",
                activity.number.text, fmt(first_done.date), dependency.number.text, fmt(done);
                en: "Activity {} is marked done on {}, but activity {}, which it comes after, was done only on {}",
                activity.number.text, fmt(first_done.date), dependency.number.text, fmt(done)
            ),
            Some(_) => continue,
            None => text!(
                ru: "Мероприятие {} отмечено выполненным {}, а мероприятие {}, после которого оно идёт, не выполнено",
                activity.number.text, fmt(first_done.date), dependency.number.text;
                en: "Activity {} is marked done on {}, but activity {}, which it comes after, is not done",
                activity.number.text, fmt(first_done.date), dependency.number.text
            ),
        };
        diagnostics.push(
            Diagnostic::new(Code::DoneBeforeDependency, first_done.span, message).with_help(text!(
                ru: "Отметьте выполнение мероприятия {} или проверьте дату", dependency.number.text;
                en: "Mark activity {} done, or check the date", dependency.number.text
            )),
        );
    }
}

fn fmt(date: NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

/// When a dated activity starts and ends; deadlines have no start, and
/// activities with no fixed date take no part.
struct Dates {
    start: Option<NaiveDate>,
    end: NaiveDate,
}

fn dates(activity: &Activity) -> Option<Dates> {
    let mut start: Option<NaiveDate> = None;
    let mut end: Option<NaiveDate> = None;
    for timing in activity.timings() {
        let (s, e) = match timing {
            Timing::NoDate { .. } => continue,
            Timing::Deadline { by, .. } => (None, *by),
            other => match other.bounds() {
                Some(b) => (Some(b.start), b.end),
                None => continue,
            },
        };
        start = match (start, s) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        end = Some(end.map_or(e, |x| x.max(e)));
    }
    end.map(|end| Dates { start, end })
}

/// The federal calendar with the roadmap's own days off (`нерабочие дни:`).
pub fn calendar(roadmap: &Roadmap) -> Cow<'static, Calendar> {
    if roadmap.days_off.is_empty() {
        Cow::Borrowed(Calendar::russia())
    } else {
        Cow::Owned(Calendar::russia().with_days_off(roadmap.days_off.iter().copied()))
    }
}

fn dependencies(
    roadmap: &Roadmap,
    graph: &Graph,
    calendar: &Calendar,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let all: Vec<Option<Dates>> = roadmap.activities.iter().map(dates).collect();
    for edge in graph.graph.raw_edges() {
        let (from, to) = (edge.source().index(), edge.target().index());
        if graph.cyclic[from] && graph.cyclic[to] {
            // E0303 already says the order cannot hold.
            continue;
        }
        let (Some(before), Some(after)) = (&all[from], &all[to]) else {
            continue;
        };
        let activity = &roadmap.activities[to];
        let dep = &activity.after[edge.weight.item];
        let earliest = after_lag(calendar, before.end, edge.weight.lag);
        let lag_text = match edge.weight.lag {
            Some(_) => {
                text!(ru: " с учётом задержки — не раньше {}", fmt(earliest); en: " plus the lag: not before {}", fmt(earliest))
            }
            None => text!(ru: ""; en: ""),
        };
        // A dependency narrows the window: the activity starts at the later
        // of its own start and `earliest`. Only a window (or deadline) that
        // ends before `earliest` cannot hold.
        if after.end >= earliest {
            continue;
        }
        let (message, label) = match after.start {
            Some(_) => (
                text!(
                    ru: "Срок мероприятия {} кончается {}, а мероприятие {}, после которого оно идёт, заканчивается {}{}",
                    activity.number.text, fmt(after.end), roadmap.activities[from].number.text, fmt(before.end), lag_text.ru;
                    en: "The window of activity {} ends {}, but activity {}, which it comes after, ends {}{}",
                    activity.number.text, fmt(after.end), roadmap.activities[from].number.text, fmt(before.end), lag_text.en
                ),
                text!(ru: "кончается {}", fmt(after.end); en: "ends {}", fmt(after.end)),
            ),
            None => (
                text!(
                    ru: "Мероприятие {} должно завершиться до {}, а мероприятие {}, после которого оно идёт, заканчивается {}{}",
                    activity.number.text, fmt(after.end), roadmap.activities[from].number.text, fmt(before.end), lag_text.ru;
                    en: "Activity {} must be done by {}, but activity {}, which it comes after, ends {}{}",
                    activity.number.text, fmt(after.end), roadmap.activities[from].number.text, fmt(before.end), lag_text.en
                ),
                text!(ru: "срок: до {}", fmt(after.end); en: "due by {}", fmt(after.end)),
            ),
        };
        let dependency = &roadmap.activities[from];
        let own_span = activity
            .facts
            .timing
            .as_ref()
            .map_or(activity.number.span, |t| t.span);
        let dep_span = dependency
            .facts
            .timing
            .as_ref()
            .map_or(dependency.number.span, |t| t.span);
        diagnostics.push(
            Diagnostic::new(Code::StartsBeforeDependency, dep.number.span, message)
            .with_label(text!(ru: "идёт после {}", dependency.number.text; en: "comes after {}", dependency.number.text))
            .with_secondary(own_span, label)
            .with_secondary(dep_span, text!(ru: "заканчивается {}", fmt(before.end); en: "ends {}", fmt(before.end)))
            .with_help(text!(
                ru: "Мероприятие {} не помещается после {}: продлите его срок до {} или позже, сдвиньте {} раньше или уберите зависимость", activity.number.text, dependency.number.text, fmt(earliest), dependency.number.text;
                en: "Activity {} cannot fit after {}: extend its timing to {} or later, move {} earlier, or remove the dependency", activity.number.text, dependency.number.text, fmt(earliest), dependency.number.text
            )),
        );
    }
}

/// A lag longer than the whole period (`после: 1 + 999999 дней`) places the
/// activity outside it, whatever the activity it follows.
fn lag_outside_period(activity: &Activity, period: Interval, diagnostics: &mut Vec<Diagnostic>) {
    let period_days = (period.end - period.start).num_days().max(0) as u64 + 1;
    for dep in &activity.after {
        let Some(lag) = &dep.lag else { continue };
        let days = match lag.unit {
            crate::syntax::LagUnit::Days => u64::from(lag.amount),
            crate::syntax::LagUnit::Weeks => u64::from(lag.amount) * 7,
            // Five working days take a week at the least.
            crate::syntax::LagUnit::WorkingDays => u64::from(lag.amount) * 7 / 5,
            // The shortest month and year, so only a lag surely too long is reported.
            crate::syntax::LagUnit::Months => u64::from(lag.amount) * 28,
            crate::syntax::LagUnit::Years => u64::from(lag.amount) * 365,
        };
        if days <= period_days {
            continue;
        }
        diagnostics.push(
            Diagnostic::new(
                Code::OutsidePeriod,
                dep.number.span,
                text!(
                    ru: "Задержка после {} — {} дн. — длиннее всего периода карты ({} дн.)", dep.number.text, days, period_days;
                    en: "The lag after {} — {} days — is longer than the roadmap's whole period ({} days)", dep.number.text, days, period_days
                ),
            )
            .with_label(text!(ru: "после этого мероприятия"; en: "after this activity"))
            .with_help(text!(
                ru: "Проверьте число дней в «после:»: мероприятие окажется за пределами периода";
                en: "Check the number of days in `after:`: the activity would fall outside the period"
            )),
        );
    }
}

fn outside_period(
    facts: &Facts,
    period: Interval,
    period_span: Span,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(cell) = &facts.timing else {
        return;
    };
    let Some(timing) = cell.resolved.as_ref() else {
        return;
    };
    let Some(bounds) = timing.bounds() else {
        return;
    };
    if !timing.lies_outside(&period) {
        return;
    }
    let shown = |i: Interval| {
        if i.start == i.end {
            fmt(i.start)
        } else {
            format!("{} – {}", fmt(i.start), fmt(i.end))
        }
    };
    diagnostics.push(
        Diagnostic::new(
            Code::OutsidePeriod,
            cell.span,
            text!(
                ru: "Срок «{}» ({}) выходит за период карты ({})", cell.text, shown(bounds), shown(period);
                en: "The timing `{}` ({}) lies outside the roadmap's period ({})", cell.text, shown(bounds), shown(period)
            ),
        )
        .with_label(text!(ru: "{}", shown(bounds); en: "{}", shown(bounds)))
        .with_secondary(period_span, text!(ru: "период карты"; en: "the roadmap's period"))
        .with_help(text!(
            ru: "Исправьте срок или расширьте период в заголовке «период:»";
            en: "Correct the timing or widen the `period:` header"
        )),
    );
}

fn checkpoints(facts: &Facts, diagnostics: &mut Vec<Diagnostic>) {
    let Some(cell) = &facts.timing else {
        return;
    };
    let Some(window) = cell.resolved.as_ref().and_then(Timing::bounds) else {
        return;
    };
    for checkpoint in &facts.checkpoints {
        if window.contains(checkpoint.date) {
            continue;
        }
        diagnostics.push(
            Diagnostic::new(
                Code::CheckpointOutside,
                checkpoint.span,
                text!(
                    ru: "Контрольная точка {} вне срока мероприятия ({} – {})", fmt(checkpoint.date), fmt(window.start), fmt(window.end);
                    en: "Checkpoint {} is outside its activity's window ({} – {})", fmt(checkpoint.date), fmt(window.start), fmt(window.end)
                ),
            )
            .with_label(text!(ru: "вне срока"; en: "outside the window"))
            .with_secondary(cell.span, text!(ru: "срок мероприятия"; en: "the activity's timing"))
            .with_help(text!(
                ru: "Контрольная точка проверяет ход мероприятия, поэтому её дата лежит внутри срока";
                en: "A checkpoint marks progress of the activity, so its date lies within the window"
            )),
        );
    }
}

/// Exact dates and deadlines that fall on a day off: only a day the user
/// wrote («до 01.03.2022»), not the last day of a month or year a deadline
/// runs to by rule («к 2025 году»), and not on a timing already in error.
fn non_working(facts: &Facts, calendar: &Calendar, diagnostics: &mut Vec<Diagnostic>) {
    let Some(cell) = &facts.timing else {
        return;
    };
    // The calendar first: reading the text again is the dearer test.
    let day = match &cell.resolved {
        Some(Timing::Deadline { by, .. }) if !calendar.is_working_day(*by) => {
            if !timing::names_its_day(&cell.text) {
                return;
            }
            *by
        }
        Some(Timing::Window(w)) if w.start == w.end && !calendar.is_working_day(w.start) => w.start,
        _ => return,
    };
    let in_error = diagnostics
        .iter()
        .any(|d| d.span == cell.span && d.code.severity() == Severity::Error);
    if in_error {
        return;
    }
    let reason = match calendar.holiday(day) {
        Some(reason) => {
            text!(ru: "{}", reason; en: "{}", crate::schedule::calendar::in_english(reason))
        }
        None if calendar.is_extra_day_off(day) => {
            text!(ru: "нерабочий день карты"; en: "a day off of the roadmap")
        }
        None if day.weekday() == Weekday::Sat => text!(ru: "суббота"; en: "Saturday"),
        None => text!(ru: "воскресенье"; en: "Sunday"),
    };
    let next = calendar.add_working_days(day, 0);
    diagnostics.push(
        Diagnostic::new(
            Code::NonWorkingDay,
            cell.span,
            text!(
                ru: "Срок {} приходится на нерабочий день ({})", fmt(day), reason.ru;
                en: "The date {} falls on a non-working day ({})", fmt(day), reason.en
            ),
        )
        .with_help(text!(
            ru: "Ближайший рабочий день — {}; если день выбран нарочно, предупреждение можно оставить", fmt(next);
            en: "The next working day is {}; if the day is meant, the warning can stay", fmt(next)
        )),
    );
}

fn missing(activity: &Activity, diagnostics: &mut Vec<Diagnostic>) {
    if activity.all_facts().all(|f| f.responsible.is_empty()) {
        diagnostics.push(
            Diagnostic::new(
                Code::NoResponsible,
                activity.number.span,
                text!(ru: "У мероприятия {} нет ответственного", activity.number.text; en: "Activity {} has no responsible party", activity.number.text),
            )
            .with_help(text!(
                ru: "Добавьте строку «ответственный: ID» — иначе некому напоминать о сроке";
                en: "Add a line `by: ID`, or nobody can be reminded of it"
            )),
        );
    }
    if activity
        .all_facts()
        .all(|f| f.timing.is_none() && f.duration.is_none())
    {
        diagnostics.push(
            Diagnostic::new(
                Code::NoTiming,
                activity.number.span,
                text!(ru: "У мероприятия {} нет срока", activity.number.text; en: "Activity {} has no timing", activity.number.text),
            )
            .with_help(text!(
                ru: "Добавьте строку «срок: …» (например, «срок: март 2022 года» или «срок: по заявкам»)";
                en: "Add a line `when: …` (for example `when: March 2022` or `when: on request`)"
            )),
        );
    }
}

fn empty_sections(roadmap: &Roadmap, diagnostics: &mut Vec<Diagnostic>) {
    let mut used = vec![false; roadmap.sections.len()];
    for activity in &roadmap.activities {
        let mut at = activity.section;
        // Walk up the parents; each step goes to an earlier section, so it ends.
        while let Some(s) = at {
            if used[s] {
                break;
            }
            used[s] = true;
            at = roadmap.sections[s].parent.filter(|&p| p < s);
        }
    }
    for (section, used) in roadmap.sections.iter().zip(used) {
        if !used {
            diagnostics.push(
                Diagnostic::new(
                    Code::EmptySection,
                    section.number.span,
                    text!(ru: "В разделе {} нет мероприятий", section.number.text; en: "Section {} has no activities", section.number.text),
                )
                .with_help(text!(ru: "Добавьте мероприятия или удалите раздел"; en: "Add activities or delete the section")),
            );
        }
    }
}

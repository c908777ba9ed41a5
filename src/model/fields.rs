//! The fields real tables have around an activity's timing and result:
//! the roadmap's goal, tasks, controller and signatory; confirming
//! documents, risk factors and funding of sections, activities and stages;
//! sub-items (`2.1.1` under `2.1`); and the period a roadmap without
//! `период:` takes from its timings.

use super::timing::{self, Context};
use super::{funding, risk, Activity, Funding, Interval, Risk, Task};
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lang::{Lang, Text};
use crate::source::Span;
use crate::syntax::{Document, Key, Property, Spanned};
use crate::text;

/// The `задача N:` lines in order; a task without a number takes its place
/// among the tasks.
pub(super) fn tasks(doc: &Document) -> Vec<Task> {
    doc.headers
        .iter()
        .filter(|h| h.key == Key::Task)
        .enumerate()
        .map(|(i, h)| Task {
            number: h
                .number
                .as_ref()
                .map_or_else(|| (i + 1).to_string(), |n| n.text.clone()),
            text: h.value.clone(),
        })
        .collect()
}

/// A `риск:` line: one of the ten factors, or the roadmap's own wording.
pub(super) fn risk(value: &Spanned, diagnostics: &mut Vec<Diagnostic>) -> Risk {
    let factor = match risk::parse(&value.text) {
        Ok(factor) => factor,
        Err(risk::UnknownNumber(n)) => {
            diagnostics.push(
                Diagnostic::new(
                    Code::UnknownRisk,
                    value.span,
                    text!(
                        ru: "Фактора риска № {} нет: факторов риска проекта «500+» десять", n;
                        en: "There is no risk factor {}: the «500+» project has ten", n
                    ),
                )
                .with_label(text!(ru: "номер от 1 до 10"; en: "a number from 1 to 10"))
                .with_help(Text::new(factor_list(Lang::Ru), factor_list(Lang::En))),
            );
            None
        }
    };
    Risk {
        source: value.clone(),
        factor,
    }
}

fn factor_list(lang: Lang) -> String {
    let (first, last) = (risk::FACTORS[0], risk::FACTORS[risk::FACTORS.len() - 1]);
    match lang {
        Lang::Ru => format!(
            "Факторы риска пронумерованы от 1 («{}») до 10 («{}»), список — в описании языка; риск не из списка пишется словами, без номера",
            first.0, last.0
        ),
        Lang::En => format!(
            "The risk factors are numbered from 1 (“{}”) to 10 (“{}”), listed in the language reference; a risk of your own is written in words, without a number",
            first.1, last.1
        ),
    }
}

/// A `финансирование:` line, read; what cannot be read is a finding and the
/// line stays as written, counted in no sum.
pub(super) fn funding(value: &Spanned, diagnostics: &mut Vec<Diagnostic>) -> Funding {
    let parsed = funding::parse(&value.text).unwrap_or_else(|err| {
        diagnostics.push(
            Diagnostic::new(
                Code::BadFunding,
                value.span,
                text!(
                    ru: "Финансирование «{}» нельзя прочитать", value.text;
                    en: "The funding `{}` cannot be read", value.text
                ),
            )
            .with_label(Text::new(err.message(Lang::Ru), err.message(Lang::En)))
            .with_help(text!(
                ru: "Пишите сумму с единицей и источник, по строке на источник и год: «финансирование: 2023: 1 200,5 тыс. руб., региональный бюджет»; «-», если средства не нужны";
                en: "Write the amount with its unit and the source, one line per source and year: `funding: 2023: 1 200.5 thousand RUB, regional budget`; `-` when no money is needed"
            )),
        );
        funding::Parsed::default()
    });
    Funding {
        source: value.clone(),
        year: parsed.year,
        amount: parsed.amount,
        budget: parsed.budget,
        not_applicable: parsed.not_applicable,
    }
}

/// The `риск:` and `финансирование:` lines of a section.
pub(super) fn section_fields(
    properties: &[Property],
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Risk>, Vec<Funding>) {
    let mut risks = Vec::new();
    let mut lines = Vec::new();
    for p in properties {
        match p.key {
            Key::Risk => risks.push(risk(&p.value, diagnostics)),
            Key::Funding => lines.push(funding(&p.value, diagnostics)),
            _ => {}
        }
    }
    (risks, lines)
}

/// Links every sub-item to its parent (`2.1.1` to `2.1`, or to `2` when
/// there is no `2.1`), gives a parent without a timing of its own the hull
/// of its sub-items' windows, and reports a sub-item outside its parent's
/// own window.
pub(super) fn sub_items(activities: &mut [Activity], diagnostics: &mut Vec<Diagnostic>) {
    let index: std::collections::HashMap<String, usize> = activities
        .iter()
        .enumerate()
        .rev()
        .map(|(i, a)| (a.number.text.clone(), i))
        .collect();
    for (i, activity) in activities.iter_mut().enumerate() {
        activity.parent =
            std::iter::successors(activity.number.text.rsplit_once('.').map(|(p, _)| p), |p| {
                p.rsplit_once('.').map(|(p, _)| p)
            })
            .find_map(|prefix| index.get(prefix).copied())
            .filter(|&p| p != i);
    }
    // Deepest first, so that a hull reaches up through every level.
    let mut order: Vec<usize> = (0..activities.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(activities[i].number.text.matches('.').count()));
    for &i in &order {
        let Some(parent) = activities[i].parent else {
            continue;
        };
        let Some(child) = activities[i].window() else {
            continue;
        };
        if let Some(own) = activities[parent].own_window() {
            if child.start < own.start || child.end > own.end {
                diagnostics.push(outside_parent(
                    &activities[i],
                    &activities[parent],
                    child,
                    own,
                ));
            }
            continue;
        }
        let hull = match activities[parent].children_hull {
            Some(h) => Interval::new(h.start.min(child.start), h.end.max(child.end)),
            None => child,
        };
        activities[parent].children_hull = Some(hull);
    }
}

fn outside_parent(
    child: &Activity,
    parent: &Activity,
    window: Interval,
    own: Interval,
) -> Diagnostic {
    let fmt = |i: Interval| {
        format!(
            "{} – {}",
            i.start.format("%d.%m.%Y"),
            i.end.format("%d.%m.%Y")
        )
    };
    let span = child
        .facts
        .timing
        .as_ref()
        .map(|t| t.span)
        .or_else(|| {
            child
                .stages
                .iter()
                .find_map(|s| s.facts.timing.as_ref().map(|t| t.span))
        })
        .unwrap_or(child.number.span);
    let mut d = Diagnostic::new(
        Code::OutsideParent,
        span,
        text!(
            ru: "Подпункт {} ({}) выходит за срок мероприятия {} ({})", child.number.text, fmt(window), parent.number.text, fmt(own);
            en: "Sub-item {} ({}) falls outside the window of activity {} ({})", child.number.text, fmt(window), parent.number.text, fmt(own)
        ),
    )
    .with_label(text!(ru: "{}", fmt(window); en: "{}", fmt(window)));
    if let Some(t) = &parent.facts.timing {
        d = d.with_secondary(t.span, text!(ru: "срок мероприятия {}", parent.number.text; en: "the window of activity {}", parent.number.text));
    }
    d.with_help(text!(
        ru: "Подпункт выполняется в сроки своего мероприятия: исправьте один из сроков или уберите срок мероприятия {}, чтобы он складывался из сроков подпунктов", parent.number.text;
        en: "A sub-item is done within its activity's window: correct one of the timings, or drop activity {}'s timing so that it is made of its sub-items'", parent.number.text
    ))
}

/// The period of a roadmap without `период:`: the hull of every timing that
/// resolves without one. `None` when none does.
pub(super) fn hull_of_timings(doc: &Document) -> Option<Interval> {
    let context = Context::new(None);
    doc.activities
        .iter()
        .flat_map(|a| {
            a.properties
                .iter()
                .chain(a.stages.iter().flat_map(|s| &s.properties))
        })
        .filter(|p| p.key == Key::When)
        .filter_map(|p| timing::resolve(&p.value.text, &context).ok()?.bounds())
        .reduce(|a, b| Interval::new(a.start.min(b.start), a.end.max(b.end)))
}

/// `hull` joined with every activity's window: a timing resolved against
/// the hull («в течение года») may reach beyond it.
pub(super) fn widen(hull: Interval, activities: &[Activity]) -> Interval {
    activities
        .iter()
        .filter_map(Activity::own_window)
        .fold(hull, |a, b| {
            Interval::new(a.start.min(b.start), a.end.max(b.end))
        })
}

/// The warning that the period was taken from the timings.
pub(super) fn inferred_period(at: Span, hull: Interval) -> Diagnostic {
    let (start, end) = (hull.start.format("%d.%m.%Y"), hull.end.format("%d.%m.%Y"));
    Diagnostic::new(
        Code::PeriodInferred,
        at,
        text!(
            ru: "В карте нет строки «период:»: период взят по срокам мероприятий, {} – {}", start, end;
            en: "The roadmap has no `period:` line: its period is taken from the activities' timings, {} – {}", start, end
        ),
    )
    .with_help(text!(
        ru: "Если период в приказе другой, добавьте в начало файла строку «период: {} – {}» с его датами", start, end;
        en: "If the order states another period, add a line `period: {} – {}` with its dates at the top of the file", start, end
    ))
}

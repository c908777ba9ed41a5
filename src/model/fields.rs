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

#[cfg(test)]
mod tests {
    use crate::code::Code;
    use crate::model::{Budget, Money, Roadmap};
    use chrono::NaiveDate;

    /// The roadmap in `text` and the codes of what checking it found.
    fn read(text: &str) -> (Roadmap, Vec<Code>) {
        let run = crate::run::check_bytes("t.roadmap".into(), text.as_bytes().to_vec());
        let codes = run.diagnostics.iter().map(|d| d.code).collect();
        let roadmap = run.roadmaps.into_iter().next().expect("a roadmap").0;
        (roadmap, codes)
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_order_around_the_table_in_russian() {
        let (r, codes) = read("дорожная карта: Т\nпериод: 2022\nцель: Повысить качество\nзадача 1: Анализ\nзадача 3: План\nзадача: Отчёт\nконтроль исполнения: ОтделОбр\nподписал: Т.А. Дё\nучастник ОтделОбр: Отдел образования\n");
        assert!(codes.is_empty(), "{codes:?}");
        assert_eq!(r.goal.unwrap().text, "Повысить качество");
        let tasks: Vec<(&str, &str)> = r
            .tasks
            .iter()
            .map(|t| (t.number.as_str(), t.text.text.as_str()))
            .collect();
        assert_eq!(tasks, [("1", "Анализ"), ("3", "План"), ("3", "Отчёт")]);
        assert_eq!(r.controlled_by.unwrap().text, "ОтделОбр");
        assert_eq!(r.signed_by.unwrap().text, "Т.А. Дё");
    }

    #[test]
    fn the_order_around_the_table_in_english() {
        let (r, codes) = read("roadmap: T\nperiod: 2022\ngoal: Better results\ntask 1: Analyse\ntask 2: Plan\ncontrolled by: Deputy head\nsigned by: Head\n");
        assert!(codes.is_empty(), "{codes:?}");
        assert_eq!(r.goal.unwrap().text, "Better results");
        assert_eq!(r.tasks.len(), 2);
        assert_eq!(r.tasks[1].number, "2");
        assert_eq!(r.controlled_by.unwrap().text, "Deputy head");
        assert_eq!(r.signed_by.unwrap().text, "Head");
    }

    #[test]
    fn documents_risks_and_funding_in_russian() {
        let (r, codes) = read("дорожная карта: Т\nпериод: 2022\nучастник ОО: Школа\nраздел 1. Кадры\n  риск: дефицит пед. кадров\n  финансирование: 10 тыс. руб., МБ\nмероприятие 1.1. Курсы\n  срок: март 2022\n  ответственный: ОО\n  документ: Приказ\n  документ: Протокол\n  риск: Низкая учебная мотивация\n  финансирование: -\n  финансирование: 1 200,5 тыс. руб., региональный бюджет\n");
        assert!(codes.is_empty(), "{codes:?}");
        let section = &r.sections[0];
        assert_eq!(section.risks[0].factor.map(|f| f.number()), Some(2));
        assert_eq!(section.funding[0].budget, Some(Budget::Municipal));
        let facts = &r.activities[0].facts;
        assert_eq!(facts.documents.len(), 2);
        assert_eq!(facts.risks[0].factor, None);
        assert!(facts.funding[0].not_applicable);
        assert_eq!(facts.funding[1].amount, Some(Money(120_050_000)));
    }

    #[test]
    fn documents_risks_and_funding_in_english() {
        let (r, codes) = read("roadmap: T\nperiod: 2022\nparty S: School\nsection 1. Staff\n  risk: 2\nactivity 1.1. Training\n  when: March 2022\n  by: S\n  document: Order\n  risk: Low level of parental involvement\n  funding: 2.5 million RUB, federal budget\n");
        assert!(codes.is_empty(), "{codes:?}");
        assert_eq!(r.sections[0].risks[0].factor.map(|f| f.number()), Some(2));
        let facts = &r.activities[0].facts;
        assert_eq!(facts.documents[0].text, "Order");
        assert_eq!(facts.risks[0].factor.map(|f| f.number()), Some(10));
        assert_eq!(facts.funding[0].budget, Some(Budget::Federal));
        assert_eq!(facts.funding[0].amount, Some(Money(250_000_000)));
    }

    #[test]
    fn what_cannot_be_read_is_a_finding() {
        let (_, codes) = read("дорожная карта: Т\nпериод: 2022\nучастник ОО: Школа\nмероприятие 1. М\n  срок: май\n  ответственный: ОО\n  риск: 11\n  финансирование: 150,0\n");
        assert_eq!(codes, [Code::UnknownRisk, Code::BadFunding]);
        let (_, codes) = read("roadmap: T\nperiod: 2022\nparty S: School\nactivity 1. A\n  when: May\n  by: S\n  risk: 0\n  funding: 100 RUB and 200 RUB\n");
        assert_eq!(codes, [Code::UnknownRisk, Code::BadFunding]);
    }

    #[test]
    fn funding_is_summed_per_year_and_source() {
        let (r, _) = read("дорожная карта: Т\nпериод: 2022–2024\nучастник ОО: Школа\nраздел 1. Р\n  финансирование: 2024: 5 руб., ФБ\nмероприятие 1. М\n  ответственный: ОО\n  финансирование: 2023: 100 руб., региональный бюджет\n  этап 2022:\n    срок: май 2022\n    финансирование: 50 руб., региональный бюджет\n  этап осень:\n    срок: сентябрь 2023\n    финансирование: 7 руб.\nмероприятие 2. Н\n  срок: 2022–2023\n  ответственный: ОО\n  финансирование: 1 руб.\n");
        let totals = super::funding::totals(&r).unwrap();
        let years: Vec<(Option<i32>, i64)> =
            totals.years.iter().map(|y| (y.year, y.total.0)).collect();
        assert_eq!(
            years,
            [
                (Some(2022), 5_000),
                (Some(2023), 10_700),
                (Some(2024), 500),
                (None, 100)
            ]
        );
        assert_eq!(totals.total, Money(16_300));
        let sources: Vec<(Option<Budget>, i64)> =
            totals.by_budget.iter().map(|(b, m)| (*b, m.0)).collect();
        assert_eq!(
            sources,
            [
                (Some(Budget::Federal), 500),
                (Some(Budget::Regional), 15_000),
                (None, 800)
            ]
        );
    }

    #[test]
    fn a_parent_spans_its_sub_items() {
        let (r, codes) = read("дорожная карта: Т\nпериод: 2022\nучастник ОО: Школа\nмероприятие 2.1. Курсы\nмероприятие 2.1.1. Математика\n  срок: март 2022\n  ответственный: ОО\nмероприятие 2.1.2. Русский язык\nмероприятие 2.1.2.1. Выездные\n  срок: ноябрь 2022\n  ответственный: ОО\nмероприятие 2.1.2.2. Очные\n  срок: октябрь 2022\n  ответственный: ОО\n");
        assert!(codes.is_empty(), "{codes:?}");
        let parent = |n: &str| {
            r.activities[r.activity(n).unwrap()]
                .parent
                .map(|p| r.activities[p].number.text.clone())
        };
        assert_eq!(parent("2.1.1").as_deref(), Some("2.1"));
        assert_eq!(parent("2.1.2.1").as_deref(), Some("2.1.2"));
        assert_eq!(parent("2.1"), None);
        let window = |n: &str| {
            let w = r.activities[r.activity(n).unwrap()].window().unwrap();
            (w.start, w.end)
        };
        assert_eq!(window("2.1.2"), (date(2022, 10, 1), date(2022, 11, 30)));
        assert_eq!(window("2.1"), (date(2022, 3, 1), date(2022, 11, 30)));
    }

    #[test]
    fn a_sub_item_outside_its_parent_in_english() {
        let (_, codes) = read("roadmap: T\nperiod: 2022\nparty S: School\nactivity 3. Courses\n  when: March 2022\n  by: S\nactivity 3.1. Maths\n  when: April 2022\n  by: S\nactivity 3.2. Russian\n  when: 15.03.2022\n  by: S\n");
        assert_eq!(codes, [Code::OutsideParent]);
    }

    #[test]
    fn a_roadmap_without_a_period_takes_the_hull_of_its_timings() {
        let (r, codes) = read("дорожная карта: Т\nучастник ОО: Школа\nмероприятие 1. А\n  срок: 17.01. – 04.02.2022\n  ответственный: ОО\nмероприятие 2. Б\n  срок: март\n  ответственный: ОО\n");
        assert_eq!(codes, [Code::PeriodInferred]);
        assert!(r.period_inferred);
        let (period, _) = r.period.unwrap();
        assert_eq!(
            (period.start, period.end),
            (date(2022, 1, 17), date(2022, 3, 31))
        );
        let (r, codes) = read("roadmap: T\nparty S: School\nactivity 1. A\n  when: Q2 2021\n  by: S\nactivity 2. B\n  when: during the year\n  by: S\n");
        assert_eq!(codes, [Code::PeriodInferred]);
        let (period, _) = r.period.unwrap();
        assert_eq!(
            (period.start, period.end),
            (date(2021, 1, 1), date(2021, 12, 31))
        );
        let (_, codes) = read("roadmap: T\nparty S: School\nactivity 1. A\n  when: May\n  by: S\n");
        assert!(codes.contains(&Code::MissingHeader), "{codes:?}");
    }
}

//! Every state, worked out by hand on small roadmaps.

use super::*;
use crate::code::Severity;
use crate::schedule::calendar::Calendar;

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%d.%m.%Y").unwrap()
}

const HEADER: &str = "дорожная карта: Проверка состояний\nпериод: 2022\nучастник P: Исполнитель\nучастник Q: Другой\n";

/// Assesses `body` (activities after a common header) on `as_of`.
fn assess_on(body: &str, as_of: &str) -> Assessment {
    assess_with(body, as_of, &[])
}

/// The same, with more marks added to the model: `("1", "выполнено", "05.01.2022")`
/// or `("1", "факт", "75 %")`. (The syntax takes `выполнено:` and `факт:` only
/// once per activity for now, though the language allows one per occurrence.)
fn assess_with(body: &str, as_of: &str, marks: &[(&str, &str, &str)]) -> Assessment {
    let text = format!("{HEADER}{body}");
    let run = crate::run::check_bytes("t.roadmap".into(), text.into_bytes());
    let errors: Vec<_> = run
        .diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .map(|d| d.message.en.clone())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let (roadmap, graph) = &run.roadmaps[0];
    let mut roadmap = roadmap.clone();
    let span = crate::source::Span::new(crate::source::FileId(0), 0, 0);
    for &(number, kind, value) in marks {
        let i = roadmap.activity(number).unwrap();
        let m = &mut roadmap.activities[i].facts.marks;
        match kind {
            "выполнено" => m.done.push(crate::model::Done {
                date: date(value),
                evidence: String::new(),
                span,
            }),
            "факт" => m
                .actuals
                .push(crate::model::Indicator::parse(crate::syntax::Spanned {
                    text: value.to_string(),
                    span,
                })),
            other => panic!("{other}"),
        }
    }
    let roadmap = &roadmap;
    let schedule = crate::schedule::compute(roadmap, graph, Calendar::russia());
    assess(
        roadmap,
        &schedule,
        &Options {
            as_of: date(as_of),
            within: DEFAULT_WITHIN,
        },
    )
}

fn one(body: &str, as_of: &str, number: &str) -> ActivityState {
    assess_on(body, as_of)
        .activities
        .into_iter()
        .find(|a| a.number == number)
        .unwrap()
}

const WINDOW: &str = "мероприятие 1. Окно\n  срок: 01.03.2022 – 31.03.2022\n  ответственный: P\n";

#[test]
fn planned_before_the_window() {
    let a = one(WINDOW, "01.02.2022", "1");
    assert_eq!(a.state, State::Planned);
    assert_eq!(a.due, Some(date("31.03.2022")));
    assert_eq!(a.days_left, Some(58));
}

#[test]
fn in_progress_once_the_window_begins() {
    let a = one(WINDOW, "02.03.2022", "1");
    assert_eq!(a.state, State::InProgress);
    assert_eq!(a.days_left, Some(29));
}

#[test]
fn in_progress_when_started_early() {
    let body = format!("{WINDOW}  начато: 20.02.2022\n");
    assert_eq!(one(&body, "21.02.2022", "1").state, State::InProgress);
    // A start not yet made on the date is not known.
    assert_eq!(one(&body, "19.02.2022", "1").state, State::Planned);
}

#[test]
fn due_soon_within_the_days_and_on_the_day() {
    // 31.03 − 17.03 = 14 days: still «скоро срок»; 16.03 is 15 days before.
    assert_eq!(one(WINDOW, "17.03.2022", "1").state, State::DueSoon);
    assert_eq!(one(WINDOW, "16.03.2022", "1").state, State::InProgress);
    let today = one(WINDOW, "31.03.2022", "1");
    assert_eq!((today.state, today.days_left), (State::DueSoon, Some(0)));
}

#[test]
fn overdue_the_day_after() {
    let a = one(WINDOW, "01.04.2022", "1");
    assert_eq!((a.state, a.days_late), (State::Overdue, Some(1)));
    let a = one(WINDOW, "21.04.2022", "1");
    assert_eq!(a.days_late, Some(21));
}

#[test]
fn done_on_time_and_late() {
    let body = format!("{WINDOW}  выполнено: 31.03.2022 — протокол № 3\n");
    let a = one(&body, "10.04.2022", "1");
    assert_eq!(a.state, State::DoneOnTime);
    assert_eq!(a.done, Some(date("31.03.2022")));
    assert_eq!(a.evidence.as_deref(), Some("протокол № 3"));
    let body = format!("{WINDOW}  выполнено: 05.04.2022\n");
    let a = one(&body, "10.04.2022", "1");
    assert_eq!((a.state, a.days_late), (State::DoneLate, Some(5)));
    // On 03.04 the mark of 05.04 is not made yet: overdue by 3 days.
    let a = one(&body, "03.04.2022", "1");
    assert_eq!((a.state, a.days_late), (State::Overdue, Some(3)));
}

#[test]
fn done_early_is_on_time() {
    let body = format!("{WINDOW}  выполнено: 20.02.2022\n");
    assert_eq!(one(&body, "25.02.2022", "1").state, State::DoneOnTime);
}

#[test]
fn cancelled_with_and_without_a_date() {
    let body = format!("{WINDOW}  отменено: 15.03.2022 — не требуется\n");
    let a = one(&body, "20.04.2022", "1");
    assert_eq!(a.state, State::Cancelled);
    assert_eq!(a.cancelled.as_ref().unwrap().reason, "не требуется");
    // Before the day it was cancelled, it was still running.
    assert_eq!(one(&body, "10.03.2022", "1").state, State::InProgress);
    let body = format!("{WINDOW}  отменено: не требуется\n");
    assert_eq!(one(&body, "01.01.2022", "1").state, State::Cancelled);
}

const CHAIN: &str = "\
мероприятие 1. Первое
  срок: 01.02.2022 – 10.02.2022
  ответственный: P
мероприятие 2. Второе
  срок: 01.04.2022 – 30.04.2022
  ответственный: Q
  после: 1
";

#[test]
fn ready_when_what_it_comes_after_is_done() {
    let a = one(CHAIN, "15.02.2022", "2");
    assert_eq!(a.state, State::Planned);
    assert_eq!(a.waiting_for, ["1"]);
    let body = CHAIN.replace(
        "  ответственный: P\n",
        "  ответственный: P\n  выполнено: 09.02.2022\n",
    );
    let a = one(&body, "15.02.2022", "2");
    assert_eq!(a.state, State::Ready);
    assert!(a.waiting_for.is_empty());
    // A cancelled dependency does not hold it back either.
    let body = CHAIN.replace(
        "  ответственный: P\n",
        "  ответственный: P\n  отменено: не нужно\n",
    );
    assert_eq!(one(&body, "15.02.2022", "2").state, State::Ready);
}

#[test]
fn a_deadline_with_nothing_to_wait_for_is_ready() {
    let body = "мероприятие 1. Срок\n  срок: до 30.06.2022\n  ответственный: P\n";
    let a = one(body, "01.02.2022", "1");
    assert_eq!(
        (a.state, a.start, a.due),
        (State::Ready, None, Some(date("30.06.2022")))
    );
    assert_eq!(one(body, "20.06.2022", "1").state, State::DueSoon);
    assert_eq!(one(body, "01.07.2022", "1").state, State::Overdue);
}

#[test]
fn rescheduled_is_judged_by_the_new_timing_and_keeps_the_baseline() {
    let body = format!("{WINDOW}  перенесено: до 15.04.2022\n");
    let a = one(&body, "05.04.2022", "1");
    assert_eq!(a.state, State::DueSoon);
    assert_eq!(a.due, Some(date("15.04.2022")));
    let b = a.baseline.unwrap();
    assert_eq!(
        (b.start, b.end),
        (Some(date("01.03.2022")), Some(date("31.03.2022")))
    );
    assert_eq!(b.to, ["до 15.04.2022"]);
    assert_eq!(b.slip_days, Some(15));
    let late = format!("{body}  выполнено: 10.04.2022\n");
    assert_eq!(one(&late, "20.04.2022", "1").state, State::DoneOnTime);
}

const WEEKLY: &str =
    "мероприятие 1. Планёрка\n  срок: еженедельно, январь 2022 года\n  ответственный: P\n";

#[test]
fn recurring_counts_occurrences() {
    // January 2022 in weeks from the 1st: 01–07, 08–14, 15–21, 22–28, 29–31.
    let all = one(WEEKLY, "01.01.2022", "1");
    assert_eq!(all.occurrences.unwrap().total, 5);
    let marks = [
        ("1", "выполнено", "10.01.2022"),
        ("1", "выполнено", "17.01.2022"),
        ("1", "выполнено", "26.01.2022"),
    ];
    let a = assess_with(WEEKLY, "23.01.2022", &marks).activities[0].clone();
    let o = a.occurrences.clone().unwrap();
    // Begun by 23.01: weeks 1–4. 10.01 marks week 2, 17.01 week 3; 26.01 is
    // not made yet. Week 1 is missed, week 4 pending.
    assert_eq!((o.due, o.done, o.missed, o.pending), (4, 2, 1, 1));
    assert_eq!(a.state, State::Overdue);
    assert_eq!((a.due, a.days_late), (Some(date("07.01.2022")), Some(16)));
}

#[test]
fn recurring_catch_up_marks_the_missed_occurrence_late() {
    let weeks =
        "мероприятие 1. Планёрка\n  срок: еженедельно, февраль 2022 года\n  ответственный: P\n";
    // February 2022: 01–07, 08–14, 15–21, 22–28.
    let mut marks = vec![
        ("1", "выполнено", "03.02.2022"),
        ("1", "выполнено", "16.02.2022"),
        ("1", "выполнено", "17.02.2022"),
    ];
    let a = assess_with(weeks, "18.02.2022", &marks).activities[0].clone();
    let o = a.occurrences.clone().unwrap();
    // 03.02 marks week 1 and 16.02 week 3; 17.02 falls in week 3 too, which
    // is taken, so it catches up week 2 (ended 14.02): 3 days late.
    assert_eq!(
        (o.due, o.done, o.late, o.missed, o.pending),
        (3, 3, 1, 0, 0)
    );
    // The next one ends 28.02, 10 days away: «скоро срок».
    assert_eq!(
        (a.state, a.due, a.days_left),
        (State::DueSoon, Some(date("28.02.2022")), Some(10))
    );
    marks.push(("1", "выполнено", "24.02.2022"));
    let a = assess_with(weeks, "01.03.2022", &marks).activities[0].clone();
    assert_eq!((a.state, a.days_late), (State::DoneLate, Some(3)));
}

#[test]
fn several_windows_are_occurrences_too() {
    let body = "мероприятие 1. Отчёт\n  срок: февраль, апрель 2022 года\n  ответственный: P\n  выполнено: 20.02.2022\n";
    let a = one(body, "10.04.2022", "1");
    let o = a.occurrences.clone().unwrap();
    assert_eq!((o.total, o.due, o.done, o.pending), (2, 2, 1, 1));
    assert_eq!(
        (a.state, a.due),
        (State::InProgress, Some(date("30.04.2022")))
    );
}

#[test]
fn undated_activities_stand_apart() {
    let body = "мероприятие 1. По заявкам\n  срок: по заявкам\n  ответственный: P\n  выполнено: 10.02.2022 — заявка № 1\nмероприятие 2. Постоянно\n  срок: постоянно\n  ответственный: P\n";
    let s = assess_on(body, "01.03.2022");
    assert_eq!(s.activities[0].state, State::Undated);
    assert_eq!(s.activities[0].undated, Some(Undated::OnDemand));
    assert_eq!(s.activities[0].marks_done, 1);
    assert_eq!(s.activities[1].undated, Some(Undated::Continuous));
    assert!(!State::Undated.is_actionable());
}

#[test]
fn stages_are_each_judged() {
    let body = "\
мероприятие 1. По годам
  ответственный: P
  этап 2022-1:
    срок: январь 2022 года
    выполнено: 28.01.2022
  этап 2022-2:
    срок: март 2022 года
";
    let a = one(body, "10.03.2022", "1");
    assert_eq!(
        (a.state, a.due),
        (State::InProgress, Some(date("31.03.2022")))
    );
    let a = one(body, "02.04.2022", "1");
    assert_eq!((a.state, a.days_late), (State::Overdue, Some(2)));
}

#[test]
fn indicators_against_actual_values() {
    let body = "\
мероприятие 1. Охват
  срок: 01.03.2022
  ответственный: P
  показатель: не менее 80 %
  показатель: не более 5 дней
  показатель: = 100 %
  показатель: 350 ОО
  показатель: увеличение доли учителей
";
    let actuals = [
        ("1", "факт", "75 %"),
        ("1", "факт", "5 дней"),
        ("1", "факт", "100 %"),
    ];
    let s = assess_with(body, "10.03.2022", &actuals);
    let got: Vec<Attainment> = s.indicators.iter().map(|i| i.attainment).collect();
    assert_eq!(
        got,
        [
            Attainment::NotMet,
            Attainment::Met,
            Attainment::Met,
            Attainment::NoActual
        ]
    );
    assert_eq!(s.indicators[0].ratio, Some(75.0 / 80.0));
}

#[test]
fn each_target_of_a_cell_takes_its_own_actual_value() {
    let body = "\
мероприятие 1. Охват
  срок: 01.03.2022
  ответственный: P
  показатель: 45 школ и 32 куратора
  показатель: более 80 %
  показатель: менее 5 %
  показатель: от 5 до 10 человек
";
    let actuals = [
        ("1", "факт", "45 школ"),
        ("1", "факт", "30 кураторов"),
        ("1", "факт", "80 %"),
        ("1", "факт", "4 %"),
        ("1", "факт", "11 человек"),
    ];
    let s = assess_with(body, "10.03.2022", &actuals);
    let got: Vec<(f64, Attainment)> = s
        .indicators
        .iter()
        .map(|i| (i.target, i.attainment))
        .collect();
    assert_eq!(
        got,
        [
            (45.0, Attainment::Met),
            (32.0, Attainment::NotMet),
            (80.0, Attainment::NotMet),
            (5.0, Attainment::Met),
            (5.0, Attainment::NotMet),
        ]
    );
    assert_eq!(s.indicators[4].upper, Some(10.0));
}

#[test]
fn the_same_date_gives_the_same_answer() {
    let body =
        format!("{CHAIN}{WEEKLY}").replace("мероприятие 1. Планёрка", "мероприятие 3. Планёрка");
    let a = serde_json::to_string(&assess_on(&body, "15.02.2022")).unwrap();
    let b = serde_json::to_string(&assess_on(&body, "15.02.2022")).unwrap();
    assert_eq!(a, b);
}

#[test]
fn every_state_has_a_name() {
    for s in State::ALL {
        assert_eq!(
            serde_json::to_value(s).unwrap(),
            serde_json::Value::String(s.key().into())
        );
        assert!(helpers::state(s.key(), crate::lang::Lang::Ru).is_ok());
    }
}

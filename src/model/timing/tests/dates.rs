//! Exact dates, deadlines and date ranges.

use super::*;

// ------------------------------------------------------------ 1. exact dates

#[test]
fn exact_date_dotted() {
    assert_eq!(
        window("24.01.2022", year(2022)),
        Interval::day(d(2022, 1, 24))
    );
}

#[test]
fn exact_date_iso() {
    assert_eq!(
        window("2022-01-24", year(2022)),
        Interval::day(d(2022, 1, 24))
    );
}

#[test]
fn exact_date_with_year_letter_seed_spelling() {
    assert_eq!(
        window("01.03.2022г.", year(2022)),
        Interval::day(d(2022, 3, 1))
    );
    assert_eq!(
        window("01.03.2022 г.", none()),
        Interval::day(d(2022, 3, 1))
    );
}

#[test]
fn exact_date_loose_spacing_and_trailing_dot() {
    assert_eq!(
        window("  24 . 01 . 2022 .  ", none()),
        Interval::day(d(2022, 1, 24))
    );
    assert_eq!(
        window("on 24.01.2022", none()),
        Interval::day(d(2022, 1, 24))
    );
}

#[test]
fn exact_date_february_31_is_invalid() {
    let e = err("31.02.2022", year(2022));
    assert_eq!(
        e.kind,
        TimingErrorKind::InvalidDate {
            text: "31.02.2022".into()
        }
    );
    assert_eq!(e.span, 0..10);
    let e = err("срок 31.02.2022", year(2022));
    assert!(matches!(e.kind, TimingErrorKind::Syntax { .. }));
}

#[test]
fn exact_date_leap_day() {
    assert_eq!(window("29.02.2024", none()), Interval::day(d(2024, 2, 29)));
    let e = err("29.02.2023", none());
    assert_eq!(
        e.kind,
        TimingErrorKind::InvalidDate {
            text: "29.02.2023".into()
        }
    );
}

#[test]
fn exact_date_month_13_is_invalid() {
    let e = err("01.13.2022", none());
    assert_eq!(
        e.kind,
        TimingErrorKind::InvalidDate {
            text: "01.13.2022".into()
        }
    );
}

#[test]
fn year_outside_1900_2200_is_invalid() {
    for (text, bad) in [
        ("99999999", "99999999"),
        ("1899", "1899"),
        ("2201 год", "2201"),
        ("24.01.99999", "99999"),
        ("99999-01-01", "99999"),
    ] {
        let e = err(text, none());
        assert_eq!(
            e.kind,
            TimingErrorKind::InvalidDate { text: bad.into() },
            "{text}"
        );
        assert_eq!(pointed(text, &e), bad, "{text}");
    }
}

#[test]
fn year_out_of_range_message() {
    let e = err("1899", none());
    assert_eq!(
        e.message(Lang::Ru),
        "Год «1899» не подходит: годы пишутся от 1900 до 2200."
    );
    assert_eq!(
        e.message(Lang::En),
        "The year “1899” is out of range: years run from 1900 to 2200."
    );
}

#[test]
fn short_year_asks_for_four_digits() {
    let e = err("24.01.22", none());
    assert_eq!(
        e.kind,
        TimingErrorKind::Syntax {
            found: "22".into(),
            expected: vec![Expected::Year]
        }
    );
    assert_eq!(pointed("24.01.22", &e), "22");
    let e = err("сентябрь 20", year(2022));
    assert_eq!(pointed("сентябрь 20", &e), "20");
}

// ------------------------------------------------------------ 2. deadlines

#[test]
fn deadline_full_date() {
    assert_eq!(
        ok("до 01.03.2022", year(2022)),
        Timing::Deadline {
            by: d(2022, 3, 1),
            window: iv((2022, 1, 1), (2022, 3, 1))
        }
    );
}

#[test]
fn deadline_day_and_month_takes_the_roadmap_year() {
    assert_eq!(
        ok("до 28.12", year(2022)),
        Timing::Deadline {
            by: d(2022, 12, 28),
            window: iv((2022, 1, 1), (2022, 12, 28))
        }
    );
    assert_eq!(
        ok("до 1 марта", year(2022)),
        Timing::Deadline {
            by: d(2022, 3, 1),
            window: iv((2022, 1, 1), (2022, 3, 1))
        }
    );
}

#[test]
fn deadline_english_and_other_russian_words() {
    let want = Timing::Deadline {
        by: d(2022, 3, 1),
        window: iv((2022, 1, 1), (2022, 3, 1)),
    };
    for text in [
        "by 01.03.2022",
        "no later than 01.03.2022",
        "until 01.03.2022",
        "не позднее 01.03.2022",
        "До 01.03.2022.",
    ] {
        assert_eq!(ok(text, year(2022)), want, "{text}");
    }
    assert_eq!(
        ok("until 28.12", year(2022)),
        Timing::Deadline {
            by: d(2022, 12, 28),
            window: iv((2022, 1, 1), (2022, 12, 28))
        }
    );
}

#[test]
fn deadline_without_period_is_the_day_itself() {
    assert_eq!(
        ok("до 01.03.2022", none()),
        Timing::Deadline {
            by: d(2022, 3, 1),
            window: Interval::day(d(2022, 3, 1))
        }
    );
    assert_eq!(
        err("до 28.12", none()).kind,
        TimingErrorKind::NoYear {
            text: "28.12".into()
        }
    );
}

#[test]
fn deadline_before_the_period_is_the_day_itself() {
    assert_eq!(
        ok("до 01.03.2021", year(2022)),
        Timing::Deadline {
            by: d(2021, 3, 1),
            window: Interval::day(d(2021, 3, 1))
        }
    );
}

#[test]
fn deadline_end_of_a_window() {
    assert_eq!(
        ok("до конца года", year(2022)),
        Timing::Deadline {
            by: d(2022, 12, 31),
            window: Interval::year(2022)
        }
    );
    assert_eq!(
        ok("до конца I квартала 2022 года", year(2022)),
        Timing::Deadline {
            by: d(2022, 3, 31),
            window: iv((2022, 1, 1), (2022, 3, 31))
        }
    );
    assert_eq!(
        ok("by the end of Q1 2022", year(2022)),
        Timing::Deadline {
            by: d(2022, 3, 31),
            window: iv((2022, 1, 1), (2022, 3, 31))
        }
    );
}

// ------------------------------------------------------------ 3. date ranges

#[test]
fn date_range_shared_year_seed_spellings() {
    assert_eq!(
        window("17.01. – 04.02.2022", none()),
        iv((2022, 1, 17), (2022, 2, 4))
    );
    assert_eq!(
        window("17.01.–04.02.2022", none()),
        iv((2022, 1, 17), (2022, 2, 4))
    );
    assert_eq!(
        window("18.01. – 04.02.2022", none()),
        iv((2022, 1, 18), (2022, 2, 4))
    );
    assert_eq!(
        window("10.03. – 24.03.2022", none()),
        iv((2022, 3, 10), (2022, 3, 24))
    );
}

#[test]
fn date_range_any_dash_any_spacing() {
    for text in [
        "17.01-04.02.2022",
        "17.01 — 04.02.2022",
        "17.01.  -  04.02.2022",
        "17.01.−04.02.2022",
    ] {
        assert_eq!(
            window(text, none()),
            iv((2022, 1, 17), (2022, 2, 4)),
            "{text}"
        );
    }
}

#[test]
fn date_range_full_dates() {
    assert_eq!(
        window("01.09.2020 – 31.08.2021", none()),
        iv((2020, 9, 1), (2021, 8, 31))
    );
    assert_eq!(
        window("2020-09-01 – 2021-08-31", none()),
        iv((2020, 9, 1), (2021, 8, 31))
    );
}

#[test]
fn date_range_month_names_russian() {
    assert_eq!(
        window("21 октября – 10 ноября 2022", none()),
        iv((2022, 10, 21), (2022, 11, 10))
    );
    assert_eq!(
        window("21 октября – 10 ноября 2022 года", none()),
        iv((2022, 10, 21), (2022, 11, 10))
    );
}

#[test]
fn date_range_month_names_english() {
    assert_eq!(
        window("21 October – 10 November 2022", none()),
        iv((2022, 10, 21), (2022, 11, 10))
    );
}

#[test]
fn date_range_from_to() {
    assert_eq!(
        window("с 01.02.2022 по 28.02.2022", none()),
        iv((2022, 2, 1), (2022, 2, 28))
    );
    assert_eq!(
        window("from 01.02.2022 to 28.02.2022", none()),
        iv((2022, 2, 1), (2022, 2, 28))
    );
    assert_eq!(
        window("с 1 по 15 марта 2022 года", none()),
        iv((2022, 3, 1), (2022, 3, 15))
    );
    assert_eq!(
        window("from 1 to 15 March 2022", none()),
        iv((2022, 3, 1), (2022, 3, 15))
    );
}

#[test]
fn day_range_in_one_month() {
    assert_eq!(
        window("14–16 октября 2021", none()),
        iv((2021, 10, 14), (2021, 10, 16))
    );
    assert_eq!(
        window("14-16 October", year(2021)),
        iv((2021, 10, 14), (2021, 10, 16))
    );
    let e = err("30–31 февраля 2022", none());
    assert!(
        matches!(e.kind, TimingErrorKind::InvalidDate { .. }),
        "{e:?}"
    );
}

#[test]
fn date_range_reversed() {
    let e = err("20.12. – 10.01.2022", none());
    assert_eq!(
        e.kind,
        TimingErrorKind::Reversed {
            start: d(2022, 12, 20),
            end: d(2022, 1, 10)
        }
    );
    assert_eq!(e.span, 0.."20.12. – 10.01.2022".len());
    // Both years written: fine.
    assert_eq!(
        window("20.12.2021 – 10.01.2022", none()),
        iv((2021, 12, 20), (2022, 1, 10))
    );
}

#[test]
fn open_range_runs_to_the_end_of_the_period() {
    assert_eq!(
        window("с 01.09.2022", year(2022)),
        iv((2022, 9, 1), (2022, 12, 31))
    );
    assert_eq!(
        window("from September 2022", year(2022)),
        iv((2022, 9, 1), (2022, 12, 31))
    );
    assert_eq!(
        err("с 01.09.2022", none()).kind,
        TimingErrorKind::NoPeriod {
            text: "с 01.09.2022".into()
        }
    );
    assert_eq!(
        err("с 2023 года", year(2022)).kind,
        TimingErrorKind::OutsidePeriod {
            text: "с 2023 года".into(),
            period: Interval::year(2022)
        }
    );
}

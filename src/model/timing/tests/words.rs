//! The words that surround a timing in real tables: prepositions, year words,
//! lists without commas, a month range over a pair of years, deadlines at a
//! year's end, and the words of no-date timings kept as written.

use super::*;

#[test]
fn prepositions_and_year_words_around_a_range_of_years() {
    for text in [
        "на 2023–2026 годы",
        "за период 2023–2026 годов",
        "на 2023-2026 год",
        "2023–2026 гг.",
        "на 2023-2026 г.г.",
        "в период 2023 - 2026 годов",
        "for 2023–2026",
        "for the period 2023-2026 years",
    ] {
        assert_eq!(
            window(text, none()),
            iv((2023, 1, 1), (2026, 12, 31)),
            "{text}"
        );
    }
}

#[test]
fn years_in_the_prepositional_case_are_a_list() {
    let both = vec![Interval::year(2021), Interval::year(2022)];
    assert_eq!(windows("в 2021 и 2022 годах", none()), both);
    assert_eq!(windows("in 2021 and 2022", none()), both);
}

#[test]
fn a_year_after_k_or_do_is_a_deadline_at_its_end() {
    for (text, by) in [
        ("к 2025 году", d(2025, 12, 31)),
        ("до 2026 года", d(2026, 12, 31)),
        ("by 2025", d(2025, 12, 31)),
        ("until 2026", d(2026, 12, 31)),
        ("к 01.09.2025", d(2025, 9, 1)),
    ] {
        match ok(text, none()) {
            Timing::Deadline { by: got, .. } => assert_eq!(got, by, "{text}"),
            other => panic!("{text:?} is not a deadline: {other:?}"),
        }
    }
}

#[test]
fn a_list_may_be_separated_by_spaces_or_line_breaks() {
    let may_nov = vec![month(2021, 5), month(2021, 11)];
    assert_eq!(windows("Май 2021 Ноябрь 2021", none()), may_nov);
    assert_eq!(windows("Май 2021\nНоябрь 2021", none()), may_nov);
    assert_eq!(windows("May 2021 November 2021", none()), may_nov);
    assert_eq!(
        windows("II квартал 2020 года Июнь-август 2020 года", none()),
        vec![
            iv((2020, 4, 1), (2020, 6, 30)),
            iv((2020, 6, 1), (2020, 8, 31))
        ]
    );
}

#[test]
fn a_month_range_over_a_pair_of_years_is_that_range_in_each_year() {
    let each = vec![
        iv((2021, 3, 1), (2021, 5, 31)),
        iv((2022, 3, 1), (2022, 5, 31)),
    ];
    assert_eq!(windows("март–май 2021–2022", none()), each);
    assert_eq!(windows("March–May 2021–2022", none()), each);
    assert_eq!(
        windows("сентябрь 2020-2021 гг.", none()),
        vec![month(2020, 9), month(2021, 9)]
    );
    let e = err("март–май 2022–2021", none());
    assert!(matches!(e.kind, TimingErrorKind::Reversed { .. }), "{e:?}");
}

#[test]
fn september_to_may_in_a_school_year_crosses_the_new_year() {
    let sy = iv((2020, 9, 1), (2021, 5, 31));
    assert_eq!(window("сентябрь – май", school(2020)), sy);
    assert_eq!(window("September – May", school(2020)), sy);
    // In one calendar year a range that ends before it starts is a mistake.
    let e = err("сентябрь – май", year(2020));
    assert!(matches!(e.kind, TimingErrorKind::Reversed { .. }), "{e:?}");
    // Over several years nobody can tell which September.
    let e = err("сентябрь – май", years(2020, 2022));
    assert!(
        matches!(e.kind, TimingErrorKind::AmbiguousYear { .. }),
        "{e:?}"
    );
}

#[test]
fn no_date_timings_keep_their_words() {
    for (text, kind) in [
        ("по отдельному графику", "schedule"),
        ("по плану ОО", "schedule"),
        ("По графику СОИРО", "schedule"),
        ("as scheduled by SOIRO", "schedule"),
        ("по мере поступления", "on_demand"),
        ("по запросу", "on_demand"),
        ("по необходимости", "on_demand"),
        ("при необходимости", "on_demand"),
        ("по требованию", "on_demand"),
        ("on request", "on_demand"),
        ("Постоянно", "continuous"),
        ("ongoing", "continuous"),
    ] {
        assert_eq!(
            ok(text, year(2022)).notation(),
            format!("nodate {kind} \"{text}\""),
            "{text}"
        );
    }
    assert_eq!(
        undated("по плану ОО", year(2022)).0,
        NoDate::Schedule {
            owner: Some("ОО".into())
        }
    );
}

#[test]
fn a_note_in_brackets_keeps_the_window() {
    assert_eq!(
        ok("сентябрь 2021 (по запросу)", none()).notation(),
        "nodate on_demand \"по запросу\" 01.09.2021–30.09.2021"
    );
    assert_eq!(
        ok("September 2021 (on request)", none()).notation(),
        "nodate on_demand \"on request\" 01.09.2021–30.09.2021"
    );
}

#[test]
fn notation_of_each_kind() {
    assert_eq!(
        ok("17.01. – 04.02.2022", none()).notation(),
        "window 17.01.2022–04.02.2022"
    );
    assert_eq!(ok("24.01.2022", none()).notation(), "window 24.01.2022");
    assert_eq!(ok("до 01.03.2022", none()).notation(), "by 01.03.2022");
    assert_eq!(
        ok("не реже 2 раз в квартал", year(2022)).notation(),
        "every quarterly x2 01.01.2022–31.12.2022"
    );
    assert_eq!(
        ok("ежегодно в мае", years(2021, 2022)).notation(),
        "every yearly 01.05–31.05 01.01.2021–31.12.2022"
    );
    assert_eq!(
        ok("ежеквартально: март, июнь", year(2022)).notation(),
        "windows 01.03.2022–31.03.2022; 01.06.2022–30.06.2022"
    );
    assert_eq!(
        ok("2020-2021 годы (по графику)", none()).notation(),
        "nodate schedule \"по графику\" 01.01.2020–31.12.2021"
    );
}

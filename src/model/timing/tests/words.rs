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

#[test]
fn labelled_windows_keep_their_labels() {
    let t = ok(
        "входной мониторинг — сентябрь 2020; итоговый — май 2021",
        none(),
    );
    assert_eq!(
        t.notation(),
        "windows входной мониторинг: 01.09.2020–30.09.2020; итоговый: 01.05.2021–31.05.2021"
    );
    assert_eq!(
        ok("entry test: September 2020; final test: May 2021", none()).notation(),
        "windows entry test: 01.09.2020–30.09.2020; final test: 01.05.2021–31.05.2021"
    );
    assert_eq!(
        ok(
            "Математика – 5 декабря 2023г Русский язык – 6 декабря 2023г",
            none()
        )
        .notation(),
        "windows Математика: 05.12.2023; Русский язык: 06.12.2023"
    );
}

#[test]
fn one_label_before_or_after_the_dates_leaves_the_window() {
    for (text, ctx) in [
        ("I четверть: 01.09.2018 – 28.10.2018", none()),
        ("1 сентября — 28 октября – 1 четверть", school(2018)),
        ("First term: 01.09.2018 – 28.10.2018", none()),
        ("1 September – 28 October – term 1", school(2018)),
    ] {
        assert_eq!(
            window(text, ctx),
            iv((2018, 9, 1), (2018, 10, 28)),
            "{text}"
        );
    }
}

#[test]
fn a_misspelt_month_is_not_taken_for_a_label() {
    let e = err("Сентбярь 2021 года", none());
    assert_eq!(
        e.help(Lang::Ru).as_deref(),
        Some("Возможно, имелось в виду «Сентябрь».")
    );
    let e = err("Setpember 2021", none());
    assert_eq!(
        e.help(Lang::En).as_deref(),
        Some("Perhaps “September” was meant.")
    );
}

#[test]
fn notes_and_counts_around_the_dates_do_not_change_them() {
    for (text, ctx, want) in [
        (
            "1 сентября (вт.) —\n27 октября (вт.)",
            school(2020),
            iv((2020, 9, 1), (2020, 10, 27)),
        ),
        (
            "30 декабря (ср.) – 10 января (вс.)",
            school(2020),
            iv((2020, 12, 30), (2021, 1, 10)),
        ),
        (
            "29.10.2018 — 04.11.2018 (7 дней)",
            none(),
            iv((2018, 10, 29), (2018, 11, 4)),
        ),
        (
            "9 дней с 30 октября 2022 г. по 7 ноября 2022 г. включительно;",
            none(),
            iv((2022, 10, 30), (2022, 11, 7)),
        ),
        (
            "(30 октября — 5 ноября)",
            school(2017),
            iv((2017, 10, 30), (2017, 11, 5)),
        ),
        ("(2024-2026)", none(), iv((2024, 1, 1), (2026, 12, 31))),
        (
            "Сроки реализации: 01.01.2019 — 30.12.2024",
            none(),
            iv((2019, 1, 1), (2024, 12, 30)),
        ),
        (
            "9 days from 30 October 2022 to 7 November 2022 inclusive",
            none(),
            iv((2022, 10, 30), (2022, 11, 7)),
        ),
        (
            "30 October – 5 November (Mon–Sun)",
            school(2017),
            iv((2017, 10, 30), (2017, 11, 5)),
        ),
    ] {
        assert_eq!(window(text, ctx), want, "{text}");
    }
}

#[test]
fn during_the_year_in_a_school_year_plan_is_the_school_year() {
    assert_eq!(
        window("В течение года", school(2020)),
        Interval::school_year(2020).expect("a school year")
    );
    assert_eq!(
        window("throughout the year", school(2020)),
        Interval::school_year(2020).expect("a school year")
    );
    assert_eq!(
        windows("сентябрь, в течение года", school(2023)),
        vec![month(2023, 9), iv((2023, 9, 1), (2024, 8, 31))]
    );
}

#[test]
fn a_deadline_for_a_period_is_at_its_year_end() {
    for text in [
        "на период до 2020 года",
        "на среднесрочный период до 2020 года",
        "for the period until 2020",
    ] {
        match ok(text, none()) {
            Timing::Deadline { by, .. } => assert_eq!(by, d(2020, 12, 31), "{text}"),
            other => panic!("{text:?} is not a deadline: {other:?}"),
        }
    }
    match ok("до 5 сентября этого года", year(2022)) {
        Timing::Deadline { by, .. } => assert_eq!(by, d(2022, 9, 5)),
        other => panic!("not a deadline: {other:?}"),
    }
}

#[test]
fn lengths_in_years_months_weeks_and_days() {
    for (text, want) in [
        ("Срок реализации 5 лет", "length 5y"),
        ("сроком на 1 год.", "length 1y"),
        ("6 месяцев", "length 6m"),
        ("2 недели", "length 2w"),
        ("10 дней", "length 10d"),
        ("5 years", "length 5y"),
        ("for 6 months", "length 6m"),
        ("2 weeks", "length 2w"),
    ] {
        assert_eq!(ok(text, none()).notation(), want, "{text}");
    }
    let t = ok("6 месяцев", year(2022));
    assert_eq!((t.bounds(), t.intervals()), (None, vec![]));
    // One week agrees with «неделя»: «1 неделя», «21 неделя» are lengths.
    assert_eq!(ok("1 неделя", none()).notation(), "length 1w");
    assert_eq!(ok("21 неделя", none()).notation(), "length 21w");
}

#[test]
fn a_week_by_its_number_without_a_month_is_an_error() {
    for (text, week) in [
        ("3 неделя", 3),
        ("2 неделя", 2),
        ("11 неделю", 11),
        ("3 week", 3),
    ] {
        let e = err(text, year(2022));
        assert_eq!(
            e.kind,
            TimingErrorKind::WeekWithoutMonth {
                text: text.into(),
                week
            },
            "{text}"
        );
        assert_eq!(e.kind.code().as_str(), "E0401");
        assert_eq!(pointed(text, &e), text);
    }
    let help = err("3 неделя", year(2022))
        .help(Lang::Ru)
        .unwrap_or_default();
    assert!(help.contains("«3 неделя сентября»"), "{help}");
    assert!(help.contains("«3 недели»"), "{help}");
    let help = err("3 week", year(2022)).help(Lang::En).unwrap_or_default();
    assert!(help.contains("“3rd week of September”"), "{help}");
    // What the help suggests is read.
    assert_eq!(
        window("3 неделя сентября", year(2022)),
        iv((2022, 9, 15), (2022, 9, 21))
    );
    assert_eq!(
        window("3rd week of September", year(2022)),
        iv((2022, 9, 15), (2022, 9, 21))
    );
    assert_eq!(
        window("1–2 неделя сентября", year(2022)),
        iv((2022, 9, 1), (2022, 9, 14))
    );
}

#[test]
fn in_accordance_with_is_someone_elses_schedule() {
    assert_eq!(
        ok("В соответствии с\nКТП рабочих\nпрограмм", school(2022)).notation(),
        "nodate schedule \"В соответствии с КТП рабочих программ\""
    );
}

#[test]
fn a_year_and_a_period_until_another_is_one_window() {
    for text in [
        "на 2011 год и на среднесрочный период до 2013 года",
        "в 2011 году и на период до 2013 года",
        "2011 and until 2013",
        "in 2011 and for the period until 2013",
    ] {
        assert_eq!(
            window(text, none()),
            iv((2011, 1, 1), (2013, 12, 31)),
            "{text}"
        );
    }
}

#[test]
fn days_of_one_month_in_a_list() {
    let both = vec![Interval::day(d(2022, 5, 30)), Interval::day(d(2022, 5, 31))];
    assert_eq!(windows("30 и 31 мая", year(2022)), both);
    assert_eq!(windows("30 и 31 мая — русский язык;", year(2022)), both);
    assert_eq!(windows("30 and 31 May 2022", none()), both);
    assert_eq!(windows("5, 6 и 7 декабря 2022", none()).len(), 3);
    let e = err("30 и 31 февраля", year(2022));
    assert!(
        matches!(e.kind, TimingErrorKind::InvalidDate { .. }),
        "{e:?}"
    );
}

#[test]
fn windows_each_followed_by_its_label() {
    assert_eq!(
        ok(
            "- 2017 год - 1 этап;\n- 2018 - 2021 годы - 2 этап.",
            years(2017, 2021)
        )
        .notation(),
        "windows 1 этап: 01.01.2017–31.12.2017; 2 этап: 01.01.2018–31.12.2021"
    );
    assert_eq!(
        ok("2017 - stage 1; 2018 - 2021 - stage 2", none()).notation(),
        "windows stage 1: 01.01.2017–31.12.2017; stage 2: 01.01.2018–31.12.2021"
    );
}

#[test]
fn a_deadline_names_its_day_only_when_a_day_is_written() {
    for text in [
        "до 01.03.2022",
        "к 5 сентября 2022",
        "до 2022-03-01",
        "не позднее 01.03",
    ] {
        assert!(super::super::names_its_day(text), "{text}");
    }
    for text in [
        "к 2025 году",
        "до 2026 года",
        "до конца марта 2022",
        "до конца 2022 года",
        "март 2022",
        "не прочитать",
    ] {
        assert!(!super::super::names_its_day(text), "{text}");
    }
}

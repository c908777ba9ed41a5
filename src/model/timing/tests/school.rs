//! The school calendar: quarters, holidays, the days after a term, every term.

use super::super::{calendar_line, SchoolCalendar, Term};
use super::*;

#[test]
fn quarters_of_the_school_year() {
    for (text, want) in [
        ("I четверть", iv((2022, 9, 1), (2022, 10, 27))),
        ("2 четверть", iv((2022, 11, 6), (2022, 12, 28))),
        ("III четверть", iv((2023, 1, 9), (2023, 3, 22))),
        ("в IV четверти", iv((2023, 4, 1), (2023, 5, 26))),
        ("I–II четверти", iv((2022, 9, 1), (2022, 12, 28))),
        ("first term", iv((2022, 9, 1), (2022, 10, 27))),
        ("3rd term", iv((2023, 1, 9), (2023, 3, 22))),
    ] {
        assert_eq!(window(text, school(2022)), want, "{text}");
    }
    assert_eq!(
        window("II четверть 2021/2022 учебного года", none()),
        iv((2021, 11, 6), (2021, 12, 28))
    );
    assert_eq!(
        window("second term of school year 2021/2022", none()),
        iv((2021, 11, 6), (2021, 12, 28))
    );
    // A calendar year names the term that begins in it.
    assert_eq!(
        window("III четверть 2022 года", none()),
        iv((2022, 1, 9), (2022, 3, 22))
    );
}

#[test]
fn a_term_without_its_school_year_takes_the_only_one_that_fits() {
    assert_eq!(
        window("III четверть", year(2022)),
        iv((2022, 1, 9), (2022, 3, 22))
    );
    assert_eq!(
        window("I четверть", year(2022)),
        iv((2022, 9, 1), (2022, 10, 27))
    );
    for text in ["I четверть", "first term"] {
        let e = err(text, years(2020, 2022));
        assert!(
            matches!(
                e.kind,
                TimingErrorKind::AmbiguousYear {
                    first: 2020,
                    last: 2022,
                    ..
                }
            ),
            "{e:?}"
        );
        assert_eq!(e.kind.code().as_str(), "E0402");
    }
    let e = err("I четверть", none());
    assert!(matches!(e.kind, TimingErrorKind::NoYear { .. }), "{e:?}");
    let e = err("V четверть", school(2022));
    assert!(
        matches!(e.kind, TimingErrorKind::InvalidDate { .. }),
        "{e:?}"
    );
}

#[test]
fn holidays() {
    for (text, want) in [
        ("осенние каникулы", iv((2022, 10, 28), (2022, 11, 5))),
        ("в зимние каникулы", iv((2022, 12, 29), (2023, 1, 8))),
        (
            "во время весенних каникул",
            iv((2023, 3, 23), (2023, 3, 31)),
        ),
        ("летние каникулы", iv((2023, 5, 27), (2023, 8, 31))),
        ("autumn holidays", iv((2022, 10, 28), (2022, 11, 5))),
        ("winter break", iv((2022, 12, 29), (2023, 1, 8))),
        ("summer holidays", iv((2023, 5, 27), (2023, 8, 31))),
    ] {
        assert_eq!(window(text, school(2022)), want, "{text}");
    }
    assert_eq!(
        window("летние каникулы 2022", none()),
        iv((2022, 5, 27), (2022, 8, 31))
    );
}

#[test]
fn after_a_term_is_the_week_after_it_ends() {
    for (text, want) in [
        ("по итогам I четверти", iv((2022, 10, 28), (2022, 11, 3))),
        ("по итогам 1 четверти", iv((2022, 10, 28), (2022, 11, 3))),
        ("по итогам I полугодия", iv((2022, 12, 29), (2023, 1, 4))),
        ("по итогам учебного года", iv((2023, 5, 27), (2023, 6, 2))),
        (
            "after the end of the first term",
            iv((2022, 10, 28), (2022, 11, 3)),
        ),
        (
            "after the end of the school year",
            iv((2023, 5, 27), (2023, 6, 2)),
        ),
    ] {
        assert_eq!(window(text, school(2022)), want, "{text}");
    }
    assert_eq!(
        window("по итогам 2021/2022 учебного года", none()),
        iv((2022, 5, 27), (2022, 6, 2))
    );
}

#[test]
fn after_every_term() {
    let four = vec![
        iv((2022, 10, 28), (2022, 11, 3)),
        iv((2022, 12, 29), (2023, 1, 4)),
        iv((2023, 3, 23), (2023, 3, 29)),
        iv((2023, 5, 27), (2023, 6, 2)),
    ];
    for text in [
        "по итогам четверти",
        "по итогам каждой четверти",
        "after the end of each term",
    ] {
        assert_eq!(windows(text, school(2022)), four, "{text}");
    }
    assert_eq!(
        windows("по итогам полугодия", school(2022)),
        vec![
            iv((2022, 12, 29), (2023, 1, 4)),
            iv((2023, 5, 27), (2023, 6, 2))
        ]
    );
    // Over several school years it is a series.
    let t = ok("по итогам четверти", years(2022, 2023));
    assert_eq!(t.notation(), "every term 01.01.2022–31.12.2023");
    // Two terms of 2021/2022 end in 2022, four of 2022/2023, one of 2023/2024.
    assert_eq!(t.intervals().len(), 7);
}

#[test]
fn once_a_term() {
    for text in [
        "1 раз в четверть",
        "не реже 1 раза в четверть",
        "ежечетвертно",
        "каждую четверть",
        "once a term",
        "every term",
    ] {
        let t = ok(text, school(2022));
        assert_eq!(t.notation(), "every term 01.09.2022–31.08.2023", "{text}");
        assert_eq!(
            t.intervals(),
            vec![
                iv((2022, 9, 1), (2022, 10, 27)),
                iv((2022, 11, 6), (2022, 12, 28)),
                iv((2023, 1, 9), (2023, 3, 22)),
                iv((2023, 4, 1), (2023, 5, 26)),
            ],
            "{text}"
        );
    }
    assert_eq!(
        ok("2 раза в четверть", school(2022)).notation(),
        "every term x2 01.09.2022–31.08.2023"
    );
}

#[test]
fn a_calendar_line_names_a_term_and_its_days() {
    for (text, term, days) in [
        (
            "I четверть: 01.09 – 28.10",
            Term::Quarter(1),
            ((1, 9), (28, 10)),
        ),
        (
            "осенние каникулы 29.10 – 06.11",
            Term::AutumnHolidays,
            ((29, 10), (6, 11)),
        ),
        (
            "II полугодие: 10.01 – 25.05",
            Term::Half(2),
            ((10, 1), (25, 5)),
        ),
        (
            "second term: 7 November – 29 December",
            Term::Quarter(2),
            ((7, 11), (29, 12)),
        ),
        (
            "winter holidays 30.12 – 09.01",
            Term::WinterHolidays,
            ((30, 12), (9, 1)),
        ),
    ] {
        assert_eq!(calendar_line(text), Ok((term, days)), "{text}");
    }
    for bad in [
        "V четверть: 01.09 – 28.10",
        "I четверть: 32.09 – 28.10",
        "I четверть",
        "fifth term: 1.09 – 2.09",
    ] {
        assert!(calendar_line(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_roadmaps_own_calendar_moves_its_terms() {
    let calendar = SchoolCalendar::default()
        .with(Term::Quarter(1), ((1, 9), (28, 10)))
        .with(Term::AutumnHolidays, ((29, 10), (6, 11)));
    let ctx = school(2023).with_calendar(calendar);
    assert_eq!(window("I четверть", ctx), iv((2023, 9, 1), (2023, 10, 28)));
    assert_eq!(window("first term", ctx), iv((2023, 9, 1), (2023, 10, 28)));
    assert_eq!(
        window("осенние каникулы", ctx),
        iv((2023, 10, 29), (2023, 11, 6))
    );
    assert_eq!(
        window("по итогам I четверти", ctx),
        iv((2023, 10, 29), (2023, 11, 4))
    );
    // What the roadmap does not name keeps its default days.
    assert_eq!(
        window("II четверть", ctx),
        iv((2023, 11, 6), (2023, 12, 28))
    );
}

#[test]
fn a_school_half_year_is_named_with_its_school_year() {
    assert_eq!(
        window("I полугодие учебного года", school(2022)),
        iv((2022, 9, 1), (2022, 12, 28))
    );
    assert_eq!(
        window("II полугодие 2021/2022 учебного года", none()),
        iv((2022, 1, 9), (2022, 5, 26))
    );
    assert_eq!(
        window("first half of school year 2021/2022", none()),
        iv((2021, 9, 1), (2021, 12, 28))
    );
    // Without «учебного года» a half-year is the calendar's.
    assert_eq!(
        window("I полугодие 2022", none()),
        iv((2022, 1, 1), (2022, 6, 30))
    );
}

#[test]
fn holidays_in_a_one_year_roadmap_name_the_two_school_years() {
    let e = err("зимние каникулы", year(2022));
    assert_eq!(
        e.kind,
        TimingErrorKind::AmbiguousYear {
            text: "зимние каникулы".into(),
            first: 2022,
            last: 2022,
            school: Some((2021, 2022)),
        }
    );
    assert_eq!(e.kind.code().as_str(), "E0402");
    let ru = e.message(Lang::Ru);
    assert!(ru.contains("на 2022 год"), "{ru}");
    assert!(!ru.contains("2022–2022"), "{ru}");
    assert!(!e.message(Lang::En).contains("2022–2022"));
    let help = e.help(Lang::Ru).unwrap_or_default();
    assert!(
        help.contains("«зимние каникулы 2021/2022 учебного года» или «зимние каникулы 2022/2023 учебного года»"),
        "{help}"
    );
    let help = err("winter holidays", year(2022))
        .help(Lang::En)
        .unwrap_or_default();
    assert!(
        help.contains("“winter holidays of school year 2021/2022” or “winter holidays of school year 2022/2023”"),
        "{help}"
    );
    // Both suggestions are read, each as its own school year's holidays.
    assert_eq!(
        window("зимние каникулы 2021/2022 учебного года", none()),
        iv((2021, 12, 29), (2022, 1, 8))
    );
    assert_eq!(
        window("winter holidays of school year 2022/2023", none()),
        iv((2022, 12, 29), (2023, 1, 8))
    );
}

#[test]
fn a_year_without_a_period_is_not_made_up() {
    let e = err("I четверть", none());
    for lang in [Lang::Ru, Lang::En] {
        let help = e.help(lang).unwrap_or_default();
        assert!(!help.contains("20"), "{help}");
    }
    assert!(e.help(Lang::Ru).unwrap_or_default().contains("ГГГГ"));
    assert!(e.help(Lang::En).unwrap_or_default().contains("YYYY"));
}

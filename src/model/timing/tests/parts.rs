//! Quarters, half-years, years, «в течение года» and school years.

use super::*;

// ------------------------------------------------------------ 7. quarters and half-years

#[test]
fn quarter_roman_with_year_word() {
    assert_eq!(
        window("II квартал 2020 года", none()),
        iv((2020, 4, 1), (2020, 6, 30))
    );
    assert_eq!(
        window("IV квартал 2021 года", none()),
        iv((2021, 10, 1), (2021, 12, 31))
    );
}

#[test]
fn quarter_arabic_seed_spellings() {
    assert_eq!(
        window("4 квартал 2021 г.", none()),
        iv((2021, 10, 1), (2021, 12, 31))
    );
    assert_eq!(
        window("1-й квартал 2022", none()),
        iv((2022, 1, 1), (2022, 3, 31))
    );
    assert_eq!(
        window("3 кв. 2022", none()),
        iv((2022, 7, 1), (2022, 9, 30))
    );
}

#[test]
fn quarter_english() {
    assert_eq!(window("Q2 2020", none()), iv((2020, 4, 1), (2020, 6, 30)));
    assert_eq!(
        window("2nd quarter 2020", none()),
        iv((2020, 4, 1), (2020, 6, 30))
    );
    assert_eq!(
        window("second quarter of 2020", none()),
        iv((2020, 4, 1), (2020, 6, 30))
    );
}

#[test]
fn quarter_needs_year() {
    assert_eq!(
        window("III квартал", year(2022)),
        iv((2022, 7, 1), (2022, 9, 30))
    );
    assert_eq!(window("Q3", year(2022)), iv((2022, 7, 1), (2022, 9, 30)));
    assert_eq!(
        err("III квартал", none()).kind,
        TimingErrorKind::NoYear {
            text: "III квартал".into()
        }
    );
}

#[test]
fn quarter_range() {
    assert_eq!(
        window("I–II квартал 2021 года", none()),
        iv((2021, 1, 1), (2021, 6, 30))
    );
    assert_eq!(
        window("III-IV кварталы 2021 г.", none()),
        iv((2021, 7, 1), (2021, 12, 31))
    );
    assert_eq!(
        window("Q1–Q2 2022", none()),
        iv((2022, 1, 1), (2022, 6, 30))
    );
    assert!(matches!(
        err("II–I квартал 2021", none()).kind,
        TimingErrorKind::Reversed { .. }
    ));
}

#[test]
fn quarter_v_is_invalid() {
    let e = err("V квартал 2021", none());
    assert_eq!(
        e.kind,
        TimingErrorKind::InvalidDate {
            text: "V квартал 2021".into()
        }
    );
    assert!(matches!(
        err("5 квартал 2021", none()).kind,
        TimingErrorKind::InvalidDate { .. }
    ));
    assert!(matches!(
        err("Q5 2021", none()).kind,
        TimingErrorKind::InvalidDate { .. }
    ));
}

#[test]
fn half_year_russian() {
    assert_eq!(
        window("I полугодие 2021", none()),
        iv((2021, 1, 1), (2021, 6, 30))
    );
    assert_eq!(
        window("2 полугодие 2021 года", none()),
        iv((2021, 7, 1), (2021, 12, 31))
    );
    assert_eq!(
        window("первое полугодие 2021 года", none()),
        iv((2021, 1, 1), (2021, 6, 30))
    );
    assert_eq!(
        window("во II полугодии", year(2021)),
        iv((2021, 7, 1), (2021, 12, 31))
    );
}

#[test]
fn half_year_english() {
    assert_eq!(window("H1 2021", none()), iv((2021, 1, 1), (2021, 6, 30)));
    assert_eq!(
        window("first half of 2021", none()),
        iv((2021, 1, 1), (2021, 6, 30))
    );
    assert_eq!(
        window("second half 2021", none()),
        iv((2021, 7, 1), (2021, 12, 31))
    );
    assert_eq!(
        window("2nd half-year 2021", none()),
        iv((2021, 7, 1), (2021, 12, 31))
    );
}

#[test]
fn half_year_three_is_invalid() {
    assert!(matches!(
        err("3 полугодие 2021", none()).kind,
        TimingErrorKind::InvalidDate { .. }
    ));
}

// ------------------------------------------------------------ 8. years

#[test]
fn years_single() {
    assert_eq!(window("2020 год", none()), Interval::year(2020));
    assert_eq!(window("2021", none()), Interval::year(2021));
    assert_eq!(window("в 2021 году", none()), Interval::year(2021));
    assert_eq!(window("in 2021", none()), Interval::year(2021));
}

#[test]
fn years_range() {
    assert_eq!(
        window("2020-2021 годы", none()),
        iv((2020, 1, 1), (2021, 12, 31))
    );
    assert_eq!(
        window("2020–2022 гг.", none()),
        iv((2020, 1, 1), (2022, 12, 31))
    );
    assert_eq!(
        window("2020–2021", none()),
        iv((2020, 1, 1), (2021, 12, 31))
    );
    assert_eq!(
        window("2020-2022 years", none()),
        iv((2020, 1, 1), (2022, 12, 31))
    );
    assert!(matches!(
        err("2022–2020", none()).kind,
        TimingErrorKind::Reversed { .. }
    ));
}

// ------------------------------------------------------------ 9. «в течение года»

#[test]
fn during_the_year() {
    for text in [
        "в течение года",
        "В течение года",
        "throughout the year",
        "during the year",
        "в течении года",
    ] {
        assert_eq!(window(text, year(2022)), Interval::year(2022), "{text}");
    }
}

#[test]
fn during_the_year_in_multi_year_period_is_ambiguous() {
    let e = err("в течение года", years(2020, 2021));
    assert_eq!(
        e.kind,
        TimingErrorKind::AmbiguousYear {
            text: "в течение года".into(),
            first: 2020,
            last: 2021,
            school: None,
        }
    );
    assert_eq!(e.span, 0.."в течение года".len());
    assert_eq!(
        err("в течение года", none()).kind,
        TimingErrorKind::NoYear {
            text: "в течение года".into()
        }
    );
}

#[test]
fn during_a_named_year() {
    assert_eq!(
        window("в течение 2021 года", years(2020, 2022)),
        Interval::year(2021)
    );
    assert_eq!(window("during 2021", none()), Interval::year(2021));
    assert_eq!(
        window("в течение I квартала 2022 года", none()),
        iv((2022, 1, 1), (2022, 3, 31))
    );
}

#[test]
fn during_the_whole_period() {
    assert_eq!(
        window("в течение всего периода", years(2020, 2022)),
        iv((2020, 1, 1), (2022, 12, 31))
    );
    assert_eq!(
        window("throughout the period", years(2020, 2022)),
        iv((2020, 1, 1), (2022, 12, 31))
    );
    assert_eq!(
        err("весь период", none()).kind,
        TimingErrorKind::NoPeriod {
            text: "весь период".into()
        }
    );
}

// ------------------------------------------------------------ 10. school years

#[test]
fn school_year_current() {
    assert_eq!(
        window("в течение учебного года", school(2021)),
        iv((2021, 9, 1), (2022, 8, 31))
    );
    assert_eq!(
        window("throughout the school year", school(2021)),
        iv((2021, 9, 1), (2022, 8, 31))
    );
    assert_eq!(
        err("в течение учебного года", year(2022)).kind,
        TimingErrorKind::AmbiguousSchoolYear
    );
    assert_eq!(
        err("during the academic year", none()).kind,
        TimingErrorKind::AmbiguousSchoolYear
    );
}

#[test]
fn school_year_named() {
    let want = iv((2021, 9, 1), (2022, 8, 31));
    for text in [
        "в течение 2021/2022 учебного года",
        "2021/2022 учебный год",
        "2021-2022 учебный год",
        "2021/22 уч. год",
        "school year 2021/2022",
        "2021/2022 academic year",
        "2021/2022",
    ] {
        assert_eq!(window(text, none()), want, "{text}");
    }
}

#[test]
fn school_year_with_a_gap_is_invalid() {
    let e = err("2021/2023 учебный год", none());
    assert_eq!(
        e.kind,
        TimingErrorKind::InvalidSchoolYear {
            text: "2021/2023".into()
        }
    );
    assert_eq!(
        e.message(Lang::Ru),
        "Учебный год «2021/2023» невозможен: второй год должен идти сразу за первым."
    );
}

//! Months, month ranges and lists.

use super::*;

// ------------------------------------------------------------ 4. months

#[test]
fn month_with_year_russian() {
    assert_eq!(window("март 2022 года", none()), month(2022, 3));
    assert_eq!(window("Июнь 2020 года", none()), month(2020, 6));
    assert_eq!(window("декабрь 2022 года", none()), month(2022, 12));
    assert_eq!(window("в сентябре 2021 г.", none()), month(2021, 9));
}

#[test]
fn month_with_year_english() {
    assert_eq!(window("March 2022", none()), month(2022, 3));
    assert_eq!(window("in September of 2021", none()), month(2021, 9));
}

#[test]
fn month_abbreviations() {
    assert_eq!(window("янв. 2022", none()), month(2022, 1));
    assert_eq!(window("февр. 2022", none()), month(2022, 2));
    assert_eq!(window("сент. 2021", none()), month(2021, 9));
    assert_eq!(window("Sept 2021", none()), month(2021, 9));
    assert_eq!(window("Dec. 2021", none()), month(2021, 12));
}

#[test]
fn month_case_insensitive_cyrillic() {
    for text in ["Сентябрь", "СЕНТЯБРЬ", "сентябрь", "сЕнТяБрЬ"] {
        assert_eq!(window(text, year(2022)), month(2022, 9), "{text}");
    }
    assert_eq!(
        window("ВО ВТОРОМ ПОЛУГОДИИ 2021 ГОДА", none()),
        iv((2021, 7, 1), (2021, 12, 31))
    );
}

#[test]
fn month_with_yo_and_without() {
    assert_eq!(
        window("в четвёртом квартале 2021", none()),
        iv((2021, 10, 1), (2021, 12, 31))
    );
    assert_eq!(
        window("в четвертом квартале 2021", none()),
        iv((2021, 10, 1), (2021, 12, 31))
    );
}

#[test]
fn month_without_year_takes_the_roadmap_year() {
    assert_eq!(window("сентябрь", year(2022)), month(2022, 9));
    assert_eq!(
        window("February", year(2024)),
        iv((2024, 2, 1), (2024, 2, 29))
    );
}

#[test]
fn month_without_year_in_multi_year_period_is_ambiguous() {
    let e = err("сентябрь", years(2020, 2021));
    assert_eq!(
        e.kind,
        TimingErrorKind::AmbiguousYear {
            text: "сентябрь".into(),
            first: 2020,
            last: 2021,
            school: None,
        }
    );
    assert_eq!(pointed("сентябрь", &e), "сентябрь");
    let text = "март 2021, сентябрь";
    let e = err(text, years(2020, 2021));
    assert_eq!(pointed(text, &e), "сентябрь");
}

#[test]
fn month_without_year_or_period() {
    assert_eq!(
        err("сентябрь", none()).kind,
        TimingErrorKind::NoYear {
            text: "сентябрь".into()
        }
    );
}

#[test]
fn month_in_school_year_period_picks_the_only_year() {
    assert_eq!(window("сентябрь", school(2020)), month(2020, 9));
    assert_eq!(window("май", school(2020)), month(2021, 5));
    assert_eq!(
        ok("до 28.12", school(2020)),
        Timing::Deadline {
            by: d(2020, 12, 28),
            window: iv((2020, 9, 1), (2020, 12, 28))
        }
    );
}

// ------------------------------------------------------------ 5. month ranges

#[test]
fn month_range_seed_spelling_moscow() {
    assert_eq!(
        window("Сентябрь- октябрь 2020 года", none()),
        iv((2020, 9, 1), (2020, 10, 31))
    );
    assert_eq!(
        window("Сентябрь-ноябрь 2021 ГОДА", none()),
        iv((2021, 9, 1), (2021, 11, 30))
    );
}

#[test]
fn month_range_needs_year() {
    assert_eq!(
        window("Июнь - август", year(2022)),
        iv((2022, 6, 1), (2022, 8, 31))
    );
    assert_eq!(
        window("Март-июнь", year(2022)),
        iv((2022, 3, 1), (2022, 6, 30))
    );
    assert_eq!(
        window("Сентябрь - октябрь", year(2022)),
        iv((2022, 9, 1), (2022, 10, 31))
    );
    let e = err("Июнь - август", years(2020, 2022));
    assert_eq!(
        e.kind,
        TimingErrorKind::AmbiguousYear {
            text: "Июнь - август".into(),
            first: 2020,
            last: 2022,
            school: None,
        }
    );
}

#[test]
fn month_range_english() {
    assert_eq!(
        window("September–October 2020", none()),
        iv((2020, 9, 1), (2020, 10, 31))
    );
    assert_eq!(
        window("June - August", year(2022)),
        iv((2022, 6, 1), (2022, 8, 31))
    );
}

#[test]
fn month_range_across_new_year() {
    assert_eq!(
        window("ноябрь 2021 – февраль 2022", none()),
        iv((2021, 11, 1), (2022, 2, 28))
    );
    assert_eq!(
        window("November 2021 – February 2022", none()),
        iv((2021, 11, 1), (2022, 2, 28))
    );
    let e = err("ноябрь – февраль 2022", none());
    assert_eq!(
        e.kind,
        TimingErrorKind::Reversed {
            start: d(2022, 11, 1),
            end: d(2022, 2, 28)
        }
    );
}

// ------------------------------------------------------------ 6. lists

#[test]
fn list_of_months_seed_spellings() {
    assert_eq!(
        windows("Февраль, март, октябрь", year(2022)),
        vec![month(2022, 2), month(2022, 3), month(2022, 10)]
    );
    assert_eq!(
        windows("Июнь, ноябрь", year(2022)),
        vec![month(2022, 6), month(2022, 11)]
    );
    assert_eq!(
        windows("Февраль, март", year(2022)),
        vec![month(2022, 2), month(2022, 3)]
    );
}

#[test]
fn list_of_months_english() {
    assert_eq!(
        windows("February, March and October", year(2022)),
        vec![month(2022, 2), month(2022, 3), month(2022, 10)]
    );
}

#[test]
fn list_of_mixed_forms() {
    assert_eq!(
        windows("март, апрель – июнь, август", year(2022)),
        vec![
            month(2022, 3),
            iv((2022, 4, 1), (2022, 6, 30)),
            month(2022, 8)
        ]
    );
    assert_eq!(
        windows("24.01.2022; 17.02. – 20.02.2022, II квартал 2022", none()),
        vec![
            Interval::day(d(2022, 1, 24)),
            iv((2022, 2, 17), (2022, 2, 20)),
            iv((2022, 4, 1), (2022, 6, 30))
        ]
    );
}

#[test]
fn list_of_months_with_their_own_years() {
    assert_eq!(
        windows("август 2022 года, август 2023 года", none()),
        vec![month(2022, 8), month(2023, 8)]
    );
}

#[test]
fn list_month_with_several_years() {
    assert_eq!(
        windows("Сентябрь 2020, 2021", none()),
        vec![month(2020, 9), month(2021, 9)]
    );
    assert_eq!(
        windows("Сентябрь 2020 и 2021 годов", none()),
        vec![month(2020, 9), month(2021, 9)]
    );
    assert_eq!(
        windows("September 2020, 2021, 2022", none()),
        vec![month(2020, 9), month(2021, 9), month(2022, 9)]
    );
}

#[test]
fn list_trailing_year_applies_to_the_whole_list() {
    assert_eq!(
        windows("февраль, март 2021 года", years(2020, 2022)),
        vec![month(2021, 2), month(2021, 3)]
    );
    assert_eq!(
        windows("February, March 2021", none()),
        vec![month(2021, 2), month(2021, 3)]
    );
}

#[test]
fn list_of_years_and_trailing_comma() {
    assert_eq!(
        windows("2020, 2021", none()),
        vec![Interval::year(2020), Interval::year(2021)]
    );
    assert_eq!(
        windows("Февраль, март,", year(2022)),
        vec![month(2022, 2), month(2022, 3)]
    );
    // Repeats collapse.
    assert_eq!(window("март, март", year(2022)), month(2022, 3));
}

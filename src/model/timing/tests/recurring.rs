//! Series and their occurrences.

use super::*;
use chrono::Datelike as _;

// ------------------------------------------------------------ 12. recurrences

#[test]
fn recurring_weekly_over_the_period() {
    let (every, times, w, occ) = recurring("еженедельно", year(2022));
    assert_eq!(
        (every, times, w),
        (Frequency::Weekly, 1, Interval::year(2022))
    );
    assert_eq!(occ.len(), 53);
    assert_eq!(occ[0], iv((2022, 1, 1), (2022, 1, 7)));
    assert_eq!(occ[1], iv((2022, 1, 8), (2022, 1, 14)));
    assert_eq!(occ[52], Interval::day(d(2022, 12, 31)));
    assert_eq!(recurring("weekly", year(2022)).3, occ);
}

#[test]
fn recurring_weekly_with_window_seed_spelling() {
    for text in ["еженедельно 10.02.–23.06.2022", "weekly 10.02.–23.06.2022"] {
        let (every, _, w, occ) = recurring(text, year(2022));
        assert_eq!(every, Frequency::Weekly);
        assert_eq!(w, iv((2022, 2, 10), (2022, 6, 23)));
        assert_eq!(occ.len(), 20);
        assert_eq!(occ[0], iv((2022, 2, 10), (2022, 2, 16)));
        assert_eq!(occ[19], Interval::day(d(2022, 6, 23)));
    }
}

#[test]
fn recurring_monthly_during_the_year() {
    let (every, _, w, occ) = recurring("ежемесячно в течение года", year(2022));
    assert_eq!((every, w), (Frequency::Monthly, Interval::year(2022)));
    assert_eq!(occ, (1..=12).map(|m| month(2022, m)).collect::<Vec<_>>());
    assert_eq!(recurring("monthly", year(2022)).3, occ);
}

#[test]
fn recurring_monthly_clips_to_the_window() {
    let (_, _, _, occ) = recurring("ежемесячно 15.01.–10.03.2022", none());
    assert_eq!(
        occ,
        vec![
            iv((2022, 1, 15), (2022, 1, 31)),
            month(2022, 2),
            iv((2022, 3, 1), (2022, 3, 10))
        ]
    );
}

#[test]
fn recurring_quarterly_half_yearly_yearly() {
    let q: Vec<_> = (1..=4)
        .map(|q| Interval::quarter(2022, q).expect("quarter"))
        .collect();
    for text in [
        "ежеквартально",
        "quarterly",
        "раз в квартал",
        "every quarter",
    ] {
        let (every, _, _, occ) = recurring(text, year(2022));
        assert_eq!((every, occ), (Frequency::Quarterly, q.clone()), "{text}");
    }
    let h = vec![
        iv((2022, 1, 1), (2022, 6, 30)),
        iv((2022, 7, 1), (2022, 12, 31)),
    ];
    for text in [
        "раз в полугодие",
        "ежеполугодно",
        "every half-year",
        "semi-annually",
        "раз в полгода",
    ] {
        let (every, _, _, occ) = recurring(text, year(2022));
        assert_eq!((every, occ), (Frequency::HalfYearly, h.clone()), "{text}");
    }
    for text in ["ежегодно", "yearly", "annually", "раз в год"] {
        let (every, _, _, occ) = recurring(text, years(2021, 2022));
        assert_eq!(
            (every, occ),
            (
                Frequency::Yearly,
                vec![Interval::year(2021), Interval::year(2022)]
            ),
            "{text}"
        );
    }
}

#[test]
fn recurring_without_period_has_no_year() {
    let e = err("еженедельно", none());
    assert_eq!(
        e.kind,
        TimingErrorKind::NoYear {
            text: "еженедельно".into()
        }
    );
    assert_eq!(pointed("еженедельно", &e), "еженедельно");
}

#[test]
fn recurring_yearly_from_a_year() {
    for text in [
        "ежегодно с 2023",
        "ежегодно с 2023 года",
        "annually from 2023",
    ] {
        let (every, _, w, occ) = recurring(text, years(2022, 2024));
        assert_eq!(every, Frequency::Yearly);
        assert_eq!(w, iv((2023, 1, 1), (2024, 12, 31)), "{text}");
        assert_eq!(
            occ,
            vec![Interval::year(2023), Interval::year(2024)],
            "{text}"
        );
    }
    assert_eq!(
        err("ежегодно с 2023", none()).kind,
        TimingErrorKind::NoPeriod {
            text: "с 2023".into()
        }
    );
    assert_eq!(
        err("ежегодно с 2023", years(2020, 2022)).kind,
        TimingErrorKind::OutsidePeriod {
            text: "с 2023".into(),
            period: iv((2020, 1, 1), (2022, 12, 31))
        }
    );
}

#[test]
fn recurring_yearly_in_a_month() {
    let want = vec![month(2022, 5), month(2023, 5), month(2024, 5)];
    for text in [
        "май, ежегодно",
        "ежегодно в мае",
        "every May",
        "May, annually",
        "Май — ежегодно",
    ] {
        let (every, times, w, occ) = recurring(text, years(2022, 2024));
        assert_eq!((every, times), (Frequency::Yearly, 1), "{text}");
        assert_eq!(w, iv((2022, 1, 1), (2024, 12, 31)), "{text}");
        assert_eq!(occ, want, "{text}");
    }
    let (_, _, w, occ) = recurring("ежегодно в мае с 2023 года", years(2022, 2024));
    assert_eq!(
        (w, occ),
        (
            iv((2023, 1, 1), (2024, 12, 31)),
            vec![month(2023, 5), month(2024, 5)]
        )
    );
    let (_, _, _, occ) = recurring("ежегодно в мае, с 2024", years(2022, 2024));
    assert_eq!(occ, vec![month(2024, 5)]);
    let e = err(
        "ежегодно в мае",
        Context::new(Some(iv((2022, 6, 1), (2022, 12, 31)))),
    );
    assert!(
        matches!(e.kind, TimingErrorKind::OutsidePeriod { .. }),
        "{e:?}"
    );
}

#[test]
fn recurring_at_least_n_times() {
    let cases = [
        ("не реже 1 раза в месяц", Frequency::Monthly, 1),
        ("не реже 2 раз в квартал", Frequency::Quarterly, 2),
        ("не реже одного раза в полугодие", Frequency::HalfYearly, 1),
        (
            "не реже 1 раза в месяц в течение года",
            Frequency::Monthly,
            1,
        ),
        ("at least once a month", Frequency::Monthly, 1),
        ("at least 2 times a quarter", Frequency::Quarterly, 2),
        ("дважды в год", Frequency::Yearly, 2),
        ("twice a year", Frequency::Yearly, 2),
        ("не менее трёх раз в год", Frequency::Yearly, 3),
        ("3 times per week", Frequency::Weekly, 3),
    ];
    for (text, every, times) in cases {
        let (e, t, w, _) = recurring(text, year(2022));
        assert_eq!((e, t, w), (every, times, Interval::year(2022)), "{text}");
    }
    let (_, _, _, occ) = recurring("не реже 2 раз в квартал", year(2022));
    assert_eq!(occ[1], iv((2022, 4, 1), (2022, 6, 30)));
}

#[test]
fn recurring_with_listed_occurrences() {
    let want = vec![
        month(2022, 3),
        iv((2022, 4, 1), (2022, 6, 30)),
        month(2022, 8),
        month(2022, 10),
    ];
    for text in [
        "ежеквартально: март, апрель – июнь, август, октябрь",
        "quarterly: March, April – June, August, October",
    ] {
        let (every, times, w, occ) = recurring(text, year(2022));
        assert_eq!((every, times), (Frequency::Quarterly, 1));
        assert_eq!(w, iv((2022, 3, 1), (2022, 10, 31)), "{text}");
        assert_eq!(occ, want, "{text}");
    }
}

#[test]
fn recurring_with_too_many_occurrences_is_an_error() {
    let e = err("еженедельно 2000–2200 годы", none());
    assert_eq!(
        e.kind,
        TimingErrorKind::TooManyOccurrences {
            text: "еженедельно 2000–2200 годы".into(),
            count: 10_488
        }
    );
    let (_, _, _, occ) = recurring("ежемесячно 1900–2200 годы", none());
    assert_eq!(occ.len(), 301 * 12);
}

#[test]
fn recurring_on_a_weekday() {
    for text in [
        "каждый понедельник",
        "Каждый\nпонедельник",
        "по понедельникам",
        "еженедельно по понедельникам",
        "every Monday",
        "on Mondays",
    ] {
        let t = ok(text, year(2022));
        assert_eq!(
            t.notation(),
            "every weekly on monday 01.01.2022–31.12.2022",
            "{text}"
        );
        let days = t.intervals();
        assert_eq!(days.first(), Some(&Interval::day(d(2022, 1, 3))), "{text}");
        assert_eq!(days.len(), 52, "{text}");
        assert!(days
            .iter()
            .all(|w| w.start == w.end && w.start.weekday() == chrono::Weekday::Mon));
    }
    assert_eq!(
        ok("каждую среду", year(2022)).notation(),
        "every weekly on wednesday 01.01.2022–31.12.2022"
    );
}

#[test]
fn recurring_by_a_day_of_every_month() {
    for text in [
        "до 5 числа каждого месяца",
        "ежемесячно до 5 числа",
        "ежемесячно, до 5-го числа",
        "monthly by the 5th",
        "by the 5th of each month",
    ] {
        let t = ok(text, year(2022));
        assert_eq!(
            t.notation(),
            "every monthly by day 5 01.01.2022–31.12.2022",
            "{text}"
        );
        assert_eq!(t.intervals().len(), 12, "{text}");
        assert_eq!(t.intervals()[1], iv((2022, 2, 1), (2022, 2, 5)), "{text}");
    }
    // A month shorter than the day ends on its last day.
    let t = ok("до 31 числа каждого месяца", year(2022));
    assert_eq!(t.intervals()[1], iv((2022, 2, 1), (2022, 2, 28)));
    // «до 01.06.2022» is still a deadline for the whole series.
    assert_eq!(
        ok("ежемесячно до 01.06.2022", year(2022)).notation(),
        "every monthly 01.01.2022–01.06.2022"
    );
}

#[test]
fn recurring_by_a_date_of_every_year() {
    for text in [
        "ежегодно, до 25 декабря отчетного года",
        "ежегодно до 25 декабря",
        "annually by 25 December",
    ] {
        let t = ok(text, years(2015, 2018));
        assert_eq!(
            t.notation(),
            "every yearly by 25.12 01.01.2015–31.12.2018",
            "{text}"
        );
        assert_eq!(t.intervals().len(), 4, "{text}");
    }
}

#[test]
fn weeks_of_a_month() {
    for (text, want) in [
        ("1–2 неделя сентября", iv((2022, 9, 1), (2022, 9, 14))),
        ("3 неделя сентября", iv((2022, 9, 15), (2022, 9, 21))),
        ("1-я неделя мая", iv((2022, 5, 1), (2022, 5, 7))),
        ("5 неделя мая", iv((2022, 5, 29), (2022, 5, 31))),
        ("first week of September", iv((2022, 9, 1), (2022, 9, 7))),
        (
            "1st–2nd weeks of September 2022",
            iv((2022, 9, 1), (2022, 9, 14)),
        ),
    ] {
        assert_eq!(window(text, year(2022)), want, "{text}");
    }
    let e = err("6 неделя мая", year(2022));
    assert!(
        matches!(e.kind, TimingErrorKind::InvalidDate { .. }),
        "{e:?}"
    );
}

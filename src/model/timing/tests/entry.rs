//! The period header, plain dates and the public types.

use super::*;

// ------------------------------------------------------------ period header and plain dates

#[test]
fn period_header_forms() {
    let cases = [
        ("2022", iv((2022, 1, 1), (2022, 12, 31))),
        ("2020–2022", iv((2020, 1, 1), (2022, 12, 31))),
        ("2020-2022 годы", iv((2020, 1, 1), (2022, 12, 31))),
        ("01.09.2020 – 31.08.2021", iv((2020, 9, 1), (2021, 8, 31))),
        ("2020/2021 учебный год", iv((2020, 9, 1), (2021, 8, 31))),
        ("school year 2020/2021", iv((2020, 9, 1), (2021, 8, 31))),
    ];
    for (text, want) in cases {
        assert_eq!(resolve_period(text), Ok(want), "{text}");
    }
    assert!(matches!(
        resolve_period("сентябрь").map_err(|e| e.kind),
        Err(TimingErrorKind::NoYear { .. })
    ));
    assert!(matches!(
        resolve_period("по графику").map_err(|e| e.kind),
        Err(TimingErrorKind::Syntax { .. })
    ));
    assert!(matches!(
        resolve_period("2022, 2023").map_err(|e| e.kind),
        Err(TimingErrorKind::Syntax { .. })
    ));
}

#[test]
fn parse_date_forms() {
    assert_eq!(parse_date("24.01.2022"), Some(d(2022, 1, 24)));
    assert_eq!(parse_date(" 2022-01-24 "), Some(d(2022, 1, 24)));
    assert_eq!(parse_date("01.03.2022г."), Some(d(2022, 3, 1)));
    assert_eq!(parse_date("1.3.2022"), Some(d(2022, 3, 1)));
    assert_eq!(parse_date("31.02.2022"), None);
    assert_eq!(parse_date("24.01"), None);
    assert_eq!(parse_date("24.01.2022 – 25.01.2022"), None);
    assert_eq!(parse_date("15/03/2022"), None);
    assert_eq!(parse_date("24.01.1800"), None);
    assert_eq!(parse_date(""), None);
}

// ------------------------------------------------------------ types

#[test]
fn thousands_are_grouped() {
    assert_eq!(thousands(7, ' '), "7");
    assert_eq!(thousands(999, ' '), "999");
    assert_eq!(thousands(10_000, ' '), "10 000");
    assert_eq!(thousands(1_234_567, ','), "1,234,567");
}

#[test]
fn interval_helpers() {
    let q2 = iv((2022, 4, 1), (2022, 6, 30));
    assert!(
        q2.contains(d(2022, 4, 1)) && q2.contains(d(2022, 6, 30)) && !q2.contains(d(2022, 7, 1))
    );
    assert!(q2.covers(&month(2022, 5)) && !q2.covers(&iv((2022, 6, 1), (2022, 7, 1))));
    assert_eq!(
        q2.intersection(&iv((2022, 6, 15), (2022, 8, 1))),
        Some(iv((2022, 6, 15), (2022, 6, 30)))
    );
    assert_eq!(q2.intersection(&month(2022, 8)), None);
    assert_eq!(q2.days(), 91);
    assert_eq!(q2.to_string(), "01.04.2022–30.06.2022");
    assert_eq!(Interval::day(d(2022, 1, 2)).to_string(), "02.01.2022");
    assert_eq!(Interval::quarter(2022, 5), None);
    assert!(Interval::school_year(2020).is_some_and(|s| s.is_school_year()));
    assert!(!Interval::year(2020).is_school_year());
}

#[test]
fn timing_bounds_and_intervals() {
    let t = ok("Февраль, март, октябрь", year(2022));
    assert_eq!(t.bounds(), Some(iv((2022, 2, 1), (2022, 10, 31))));
    assert_eq!(t.intervals().len(), 3);
    let t = ok("до 01.03.2022", year(2022));
    assert_eq!(t.bounds(), Some(iv((2022, 1, 1), (2022, 3, 1))));
    assert_eq!(t.intervals(), vec![iv((2022, 1, 1), (2022, 3, 1))]);
    let t = ok("ежеквартально", year(2022));
    assert_eq!(t.bounds(), Some(Interval::year(2022)));
    assert_eq!(t.intervals().len(), 4);
    let t = ok("по заявкам", year(2022));
    assert_eq!((t.bounds(), t.intervals()), (None, vec![]));
}

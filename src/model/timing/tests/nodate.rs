//! No fixed date: «постоянно», «по графику», «по заявкам».

use super::*;

// ------------------------------------------------------------ 11. continuous

#[test]
fn continuous_russian_and_english() {
    for text in [
        "постоянно",
        "Постоянно",
        "continuously",
        "ongoing",
        "permanently",
        "в постоянном режиме",
    ] {
        assert_eq!(
            ok(text, year(2022)),
            Timing::NoDate {
                kind: NoDate::Continuous,
                window: Some(Interval::year(2022))
            },
            "{text}"
        );
    }
    assert_eq!(
        ok("постоянно", none()),
        Timing::NoDate {
            kind: NoDate::Continuous,
            window: None
        }
    );
}

#[test]
fn continuous_with_its_own_window() {
    assert_eq!(
        ok("постоянно в течение 2021 года", years(2020, 2022)),
        Timing::NoDate {
            kind: NoDate::Continuous,
            window: Some(Interval::year(2021))
        }
    );
    assert_eq!(
        ok("в течение года, постоянно", year(2022)),
        Timing::NoDate {
            kind: NoDate::Continuous,
            window: Some(Interval::year(2022))
        }
    );
}

// ------------------------------------------------------------ 13. no fixed date

#[test]
fn schedule_without_owner() {
    for text in [
        "по графику",
        "По графику мероприятий",
        "according to schedule",
        "according to the schedule",
        "по графику.",
    ] {
        assert_eq!(
            ok(text, year(2022)),
            Timing::NoDate {
                kind: NoDate::Schedule { owner: None },
                window: None
            },
            "{text}"
        );
    }
}

#[test]
fn schedule_with_owner() {
    for (text, owner) in [
        ("по графику СОИРО", "СОИРО"),
        ("по графику РУМО", "РУМО"),
        ("per the schedule of SOIRO", "SOIRO"),
        ("По графику мероприятий ГАУ ДПО «СОИРО».", "ГАУ ДПО «СОИРО»"),
    ] {
        assert_eq!(
            ok(text, year(2022)),
            Timing::NoDate {
                kind: NoDate::Schedule {
                    owner: Some(owner.into())
                },
                window: None
            },
            "{text}"
        );
    }
}

#[test]
fn schedule_within_a_window() {
    assert_eq!(
        ok("2020-2021 годы (по графику)", none()),
        Timing::NoDate {
            kind: NoDate::Schedule { owner: None },
            window: Some(iv((2020, 1, 1), (2021, 12, 31)))
        }
    );
    assert_eq!(
        ok("Сентябрь - октябрь 2021 г. (по графику СОИРО)", none()),
        Timing::NoDate {
            kind: NoDate::Schedule {
                owner: Some("СОИРО".into())
            },
            window: Some(iv((2021, 9, 1), (2021, 10, 31)))
        }
    );
    assert_eq!(
        ok("по графику в течение 2021 года", none()),
        Timing::NoDate {
            kind: NoDate::Schedule { owner: None },
            window: Some(Interval::year(2021))
        }
    );
    assert_eq!(
        ok("2021 (according to schedule)", none()),
        Timing::NoDate {
            kind: NoDate::Schedule { owner: None },
            window: Some(Interval::year(2021))
        }
    );
}

#[test]
fn on_demand_forms() {
    for text in [
        "по заявкам",
        "по заявкам ШНРО",
        "по потребности",
        "по запросу",
        "по мере необходимости",
        "on request",
        "on demand",
        "as needed",
    ] {
        assert_eq!(
            ok(text, year(2022)),
            Timing::NoDate {
                kind: NoDate::OnDemand,
                window: None
            },
            "{text}"
        );
    }
    assert_eq!(
        ok("в течение года (по заявкам ОО)", year(2022)),
        Timing::NoDate {
            kind: NoDate::OnDemand,
            window: Some(Interval::year(2022))
        }
    );
}

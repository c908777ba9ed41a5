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
            undated(text, year(2022)),
            (NoDate::Continuous, Some(Interval::year(2022))),
            "{text}"
        );
    }
    assert_eq!(undated("постоянно", none()), (NoDate::Continuous, None));
}

#[test]
fn continuous_with_its_own_window() {
    assert_eq!(
        undated("постоянно в течение 2021 года", years(2020, 2022)),
        (NoDate::Continuous, Some(Interval::year(2021)))
    );
    assert_eq!(
        undated("в течение года, постоянно", year(2022)),
        (NoDate::Continuous, Some(Interval::year(2022)))
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
            undated(text, year(2022)),
            (NoDate::Schedule { owner: None }, None),
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
            undated(text, year(2022)),
            (
                NoDate::Schedule {
                    owner: Some(owner.into())
                },
                None
            ),
            "{text}"
        );
    }
}

#[test]
fn schedule_within_a_window() {
    assert_eq!(
        undated("2020-2021 годы (по графику)", none()),
        (
            NoDate::Schedule { owner: None },
            Some(iv((2020, 1, 1), (2021, 12, 31)))
        )
    );
    assert_eq!(
        undated("Сентябрь - октябрь 2021 г. (по графику СОИРО)", none()),
        (
            NoDate::Schedule {
                owner: Some("СОИРО".into())
            },
            Some(iv((2021, 9, 1), (2021, 10, 31)))
        )
    );
    assert_eq!(
        undated("по графику в течение 2021 года", none()),
        (NoDate::Schedule { owner: None }, Some(Interval::year(2021)))
    );
    assert_eq!(
        undated("2021 (according to schedule)", none()),
        (NoDate::Schedule { owner: None }, Some(Interval::year(2021)))
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
            undated(text, year(2022)),
            (NoDate::OnDemand, None),
            "{text}"
        );
    }
    assert_eq!(
        undated("в течение года (по заявкам ОО)", year(2022)),
        (NoDate::OnDemand, Some(Interval::year(2022)))
    );
}

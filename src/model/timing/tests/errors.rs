//! Syntax errors and the messages of every error.

use super::*;

// ------------------------------------------------------------ syntax errors

#[test]
fn syntax_gibberish() {
    let e = err("абракадабра", year(2022));
    assert_eq!(
        e.kind,
        TimingErrorKind::Syntax {
            found: "абракадабра".into(),
            expected: Expected::ANY_TIMING.to_vec()
        }
    );
    assert_eq!(pointed("абракадабра", &e), "абракадабра");
}

#[test]
fn syntax_empty_and_blank() {
    for text in ["", "   ", "."] {
        let e = err(text, year(2022));
        match &e.kind {
            TimingErrorKind::Syntax { expected, .. } => {
                assert_eq!(expected, Expected::ANY_TIMING, "{text:?}")
            }
            other => panic!("{text:?}: {other:?}"),
        }
    }
    assert!(err("", none())
        .message(Lang::Ru)
        .starts_with("Срок не указан"));
}

#[test]
fn syntax_error_points_at_the_bad_word() {
    let text = "март 2022 года xyz";
    let e = err(text, none());
    assert_eq!(pointed(text, &e), "xyz");
    match e.kind {
        TimingErrorKind::Syntax { found, expected } => {
            assert_eq!(found, "xyz");
            assert!(expected.contains(&Expected::End), "{expected:?}");
            assert!(expected.contains(&Expected::Separator), "{expected:?}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn syntax_cut_short() {
    let e = err("до", year(2022));
    assert_eq!(e.span, 4..4);
    match e.kind {
        TimingErrorKind::Syntax { found, expected } => {
            assert_eq!(found, "");
            assert!(expected.contains(&Expected::Date), "{expected:?}");
        }
        other => panic!("{other:?}"),
    }
    let e = err("2 раза в", year(2022));
    assert!(
        matches!(&e.kind, TimingErrorKind::Syntax { expected, .. } if expected == &[Expected::Unit])
    );
}

#[test]
fn syntax_misspelt_month_suggests_the_word() {
    let e = err("Сентбярь 2021 года", years(2020, 2021));
    assert_eq!(pointed("Сентбярь 2021 года", &e), "Сентбярь");
    assert_eq!(
        e.help(Lang::Ru).as_deref(),
        Some("Возможно, имелось в виду «Сентябрь».")
    );
    assert_eq!(
        e.help(Lang::En).as_deref(),
        Some("Perhaps “Сентябрь” was meant.")
    );
    let e = err("ежемесечно", year(2022));
    assert_eq!(
        e.help(Lang::Ru).as_deref(),
        Some("Возможно, имелось в виду «ежемесячно».")
    );
}

#[test]
fn syntax_letter_o_instead_of_zero() {
    let e = resolve_period("2О22").expect_err("a Cyrillic О is not a digit");
    assert_eq!(pointed("2О22", &e), "О22");
    assert_eq!(
        e.message(Lang::Ru),
        "В числе «О22» вместо цифры набрана буква."
    );
    assert_eq!(e.help(Lang::Ru).as_deref(), Some("Исправьте на «022»."));
    assert_eq!(e.help(Lang::En).as_deref(), Some("Write “022”."));
}

#[test]
fn keywords_need_a_word_boundary() {
    assert!(matches!(
        err("мартовский", year(2022)).kind,
        TimingErrorKind::Syntax { .. }
    ));
    assert!(matches!(
        err("постоянноо", year(2022)).kind,
        TimingErrorKind::Syntax { .. }
    ));
}

// ------------------------------------------------------------ messages

#[test]
fn messages_read_like_a_person_wrote_them() {
    let e = err("сентябрь", years(2020, 2021));
    assert_eq!(
            e.message(Lang::Ru),
            "В сроке «сентябрь» не указан год, а карта рассчитана на 2020–2021 годы: непонятно, какой год имеется в виду."
        );
    assert_eq!(
        e.help(Lang::Ru).as_deref(),
        Some("Укажите год: «сентябрь 2020 года» или «сентябрь 2021 года».")
    );
    assert_eq!(
        e.help(Lang::En).as_deref(),
        Some("Add the year: “сентябрь 2020 года” or “сентябрь 2021 года”.")
    );
    let e = err("в течение года", years(2020, 2021));
    assert_eq!(
        e.help(Lang::Ru).as_deref(),
        Some("Укажите год: «в течение 2020 года» или «в течение 2021 года».")
    );
    let e = err("throughout the year", years(2020, 2021));
    assert_eq!(
        e.help(Lang::En).as_deref(),
        Some("Add the year: “throughout 2020” or “throughout 2021”.")
    );
    let e = err("до 28.12", years(2020, 2021));
    assert_eq!(
        e.help(Lang::Ru).as_deref(),
        Some("Укажите год: «28.12.2020» или «28.12.2021».")
    );
    let e = err("20.12. – 10.01.2022", none());
    assert_eq!(
        e.message(Lang::Ru),
        "Срок кончается (10.01.2022) раньше, чем начинается (20.12.2022)."
    );
    assert_eq!(
        e.message(Lang::En),
        "The range ends (10.01.2022) before it starts (20.12.2022)."
    );
}

#[test]
fn every_error_has_a_message_and_help_in_both_languages() {
    let kinds = [
        TimingErrorKind::Syntax {
            found: "x".into(),
            expected: vec![Expected::Date, Expected::End],
        },
        TimingErrorKind::Syntax {
            found: String::new(),
            expected: Expected::ANY_TIMING.to_vec(),
        },
        TimingErrorKind::AmbiguousYear {
            text: "май".into(),
            first: 2020,
            last: 2022,
            school: None,
        },
        TimingErrorKind::NoYear {
            text: "май".into()
        },
        TimingErrorKind::AmbiguousSchoolYear,
        TimingErrorKind::InvalidDate {
            text: "31.02.2022".into(),
        },
        TimingErrorKind::Reversed {
            start: d(2022, 2, 1),
            end: d(2022, 1, 1),
        },
        TimingErrorKind::NoPeriod {
            text: "с 2023".into(),
        },
        TimingErrorKind::OutsidePeriod {
            text: "с 2023".into(),
            period: Interval::year(2022),
        },
        TimingErrorKind::InvalidSchoolYear {
            text: "2021/2023".into(),
        },
        TimingErrorKind::TooManyOccurrences {
            text: "еженедельно".into(),
            count: 20_000,
        },
    ];
    for kind in kinds {
        for lang in [Lang::Ru, Lang::En] {
            let m = kind.message(lang);
            assert!(
                m.ends_with('.') && m.chars().next().is_some_and(char::is_uppercase),
                "{m}"
            );
            let h = kind.help(lang).expect("every error has help");
            assert!(h.ends_with('.'), "{h}");
        }
    }
    let m = TimingErrorKind::Syntax {
        found: "x".into(),
        expected: vec![Expected::Date, Expected::Month, Expected::End],
    }
    .message(Lang::Ru);
    assert_eq!(m, "Не удалось прочитать срок на месте «x»: здесь ожидается дата (01.03.2022), месяц («март») или конец срока.");
}

#[test]
fn a_correct_word_is_never_taken_for_a_misspelt_one() {
    // «годах» is correct Russian, not a misspelt «года».
    for text in ["годах 2021", "кварталах 2021", "четвертях 2021"] {
        let e = err(text, none());
        let help = e.help(Lang::Ru).unwrap_or_default();
        assert!(!help.starts_with("Возможно"), "{text}: {help}");
        let help = e.help(Lang::En).unwrap_or_default();
        assert!(!help.starts_with("Perhaps"), "{text}: {help}");
    }
}

#[test]
fn misspelt_school_words_get_the_right_one_suggested() {
    for (text, word) in [
        ("I четвертъ", "четверть"),
        ("осенние канекулы", "каникулы"),
        ("каждый понеделник", "понедельник"),
    ] {
        let e = err(text, school(2022));
        assert_eq!(
            e.help(Lang::Ru),
            Some(format!("Возможно, имелось в виду «{word}».")),
            "{text}: {e:?}"
        );
        assert_eq!(
            e.help(Lang::En),
            Some(format!("Perhaps “{word}” was meant.")),
            "{text}"
        );
    }
}

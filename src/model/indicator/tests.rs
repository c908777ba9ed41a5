//! Each form of an indicator cell, in Russian and English.

use super::*;
use crate::source::{FileId, Span};
use Comparator::*;

fn parse(text: &str) -> Indicator {
    Indicator::parse(Spanned {
        text: text.to_string(),
        span: Span::new(FileId(0), 0, text.len()),
    })
}

/// Each target as (comparator, value, unit).
fn targets(text: &str) -> Vec<(Comparator, f64, Option<String>)> {
    parse(text)
        .targets
        .into_iter()
        .map(|t| (t.comparator, t.value, t.unit))
        .collect()
}

fn one(text: &str) -> (Comparator, f64, Option<String>) {
    let mut all = targets(text);
    assert_eq!(all.len(), 1, "one target in «{text}»: {all:?}");
    all.remove(0)
}

fn unit(s: &str) -> Option<String> {
    Some(s.to_string())
}

#[test]
fn a_bare_number_is_at_least() {
    assert_eq!(one("350 ОО"), (AtLeast, 350.0, unit("ОО")));
    assert_eq!(one("350 schools"), (AtLeast, 350.0, unit("schools")));
    assert_eq!(
        one("27 муниципальных координаторов"),
        (AtLeast, 27.0, unit("муниципальных координаторов"))
    );
    assert_eq!(parse("350 ОО").description, "");
}

#[test]
fn at_least_and_not_below() {
    for text in [
        "Не менее 10 пар ОО",
        "не ниже 10 пар ОО",
        "≥ 10 пар ОО",
        ">=10 пар ОО",
    ] {
        assert_eq!(one(text), (AtLeast, 10.0, unit("пар")), "{text}");
    }
    for text in [
        "at least 10 pairs",
        "not below 10 pairs",
        "no less than 10 pairs",
    ] {
        assert_eq!(one(text), (AtLeast, 10.0, unit("pairs")), "{text}");
    }
}

#[test]
fn percent_as_a_sign_or_a_word() {
    assert_eq!(
        one("не больше 5 процентов"),
        (AtMost, 5.0, unit("процентов"))
    );
    assert_eq!(one("above 80 percent"), (More, 80.0, unit("percent")));
    assert!(same_unit("процентов", "%"));
    assert!(same_unit("процента", "percent"));
}

#[test]
fn more_than() {
    for text in [
        "более 80 %",
        "свыше 80 %",
        "выше 80%",
        "больше 80 %",
        "> 80 %",
    ] {
        assert_eq!(one(text), (More, 80.0, unit("%")), "{text}");
    }
    for text in ["more than 80 %", "over 80 %", "above 80%"] {
        assert_eq!(one(text), (More, 80.0, unit("%")), "{text}");
    }
}

#[test]
fn at_most_and_not_above() {
    for text in ["не более 5 %", "не выше 5 %", "не больше 5%", "≤ 5 %"] {
        assert_eq!(one(text), (AtMost, 5.0, unit("%")), "{text}");
    }
    for text in ["at most 5 %", "not above 5 %", "no more than 5 %"] {
        assert_eq!(one(text), (AtMost, 5.0, unit("%")), "{text}");
    }
}

#[test]
fn less_than_and_up_to() {
    for text in ["менее 15 %", "ниже 15 %", "до 15 %", "< 15 %"] {
        assert_eq!(one(text), (Less, 15.0, unit("%")), "{text}");
    }
    for text in ["less than 15 %", "below 15 %", "under 15 %", "up to 15 %"] {
        assert_eq!(one(text), (Less, 15.0, unit("%")), "{text}");
    }
}

#[test]
fn exactly() {
    let i = parse("доля ОО, посещённых кураторами = 100 %");
    assert_eq!(one(&i.source.text), (Exactly, 100.0, unit("%")));
    assert_eq!(i.description, "доля ОО, посещённых кураторами");
    assert_eq!(one("доля составит 100 %"), (Exactly, 100.0, unit("%")));
    assert_eq!(one("the share equals 100 %"), (Exactly, 100.0, unit("%")));
}

#[test]
fn from_to() {
    for text in [
        "от 5 до 10 человек",
        "5–10 человек",
        "from 5 to 10 человек",
        "between 5 and 10 человек",
    ] {
        let i = parse(text);
        let t = &i.targets[0];
        assert_eq!(
            (t.comparator, t.value, t.upper, t.unit.as_deref()),
            (Between, 5.0, Some(10.0), Some("человек")),
            "{text}"
        );
    }
}

#[test]
fn a_clause_about_coverage() {
    assert_eq!(
        one("охват родителей (законных представителей) обучающихся не менее 70 %"),
        (Coverage, 70.0, unit("%"))
    );
    assert_eq!(
        one("coverage of parents: at least 70 %"),
        (Coverage, 70.0, unit("%"))
    );
    // Another clause, or a bound from above, is not coverage.
    assert_eq!(
        one("охват кружками; не менее 5 школ"),
        (AtLeast, 5.0, unit("школ"))
    );
    assert_eq!(one("охват не более 5 %"), (AtMost, 5.0, unit("%")));
}

#[test]
fn coverage() {
    assert_eq!(one("Охват 50 ОО"), (Coverage, 50.0, unit("ОО")));
    assert_eq!(
        one("охват не менее 80 % обучающихся"),
        (Coverage, 80.0, unit("%"))
    );
    assert_eq!(
        one("coverage of 50 schools"),
        (Coverage, 50.0, unit("schools"))
    );
}

#[test]
fn frequency_with_description() {
    let i = parse("Проведение научно-методических вебинаров не реже 1 раза в месяц");
    assert_eq!(one(&i.source.text), (AtLeast, 1.0, unit("раз/месяц")));
    assert_eq!(i.description, "Проведение научно-методических вебинаров");
    assert_eq!(
        one("не реже одного раза в неделю"),
        (AtLeast, 1.0, unit("раз/неделю"))
    );
    assert_eq!(
        one("2 раза в четверть"),
        (AtLeast, 2.0, unit("раз/четверть"))
    );
    assert_eq!(
        one("at least 2 times a month"),
        (AtLeast, 2.0, unit("times/month"))
    );
}

#[test]
fn numbers_in_words_in_any_case() {
    for (text, value) in [
        ("не менее пяти школ", 5.0),
        ("не менее пять школ", 5.0),
        ("не менее двух школ", 2.0),
        ("не менее трёх школ", 3.0),
        ("не менее трех школ", 3.0),
        ("не менее одного школы", 1.0),
        ("не менее десяти школ", 10.0),
        ("не менее двенадцати школ", 12.0),
        ("не менее двадцати пяти школ", 25.0),
        ("не менее сорока школ", 40.0),
        ("не менее девяноста девяти школ", 99.0),
        ("не менее ста школ", 100.0),
        ("не менее ста двадцати школ", 120.0),
        ("не менее двухсот школ", 200.0),
        ("не менее пятисот школ", 500.0),
        ("не менее трёх тысяч школ", 3000.0),
        ("at least five schools", 5.0),
        ("at least twenty-five schools", 25.0),
        ("at least one hundred schools", 100.0),
        ("at least two thousand schools", 2000.0),
    ] {
        assert_eq!(
            one(text),
            (
                AtLeast,
                value,
                unit(if text.starts_with("at") {
                    "schools"
                } else if value == 1.0 {
                    "школы"
                } else {
                    "школ"
                })
            ),
            "{text}"
        );
    }
    assert_eq!(
        one("не менее 5-ти человек от каждой ОО"),
        (AtLeast, 5.0, unit("человек"))
    );
}

#[test]
fn out_of() {
    for text in [
        "6 баллов из 6 возможных",
        "6 баллов из 6",
        "6 points out of 6",
    ] {
        let i = parse(text);
        let t = &i.targets[0];
        assert_eq!(
            (t.comparator, t.value, t.out_of),
            (Exactly, 6.0, Some(6.0)),
            "{text}"
        );
    }
    let t = &parse("5 из 7 школ").targets[0];
    assert_eq!(
        (t.value, t.unit.as_deref(), t.out_of),
        (5.0, Some("школ"), Some(7.0))
    );
}

#[test]
fn several_quantities_in_one_cell() {
    assert_eq!(
        targets("45 школ и 32 куратора"),
        [
            (AtLeast, 45.0, unit("школ")),
            (AtLeast, 32.0, unit("куратора"))
        ]
    );
    assert_eq!(parse("45 школ и 32 куратора").description, "");
    assert_eq!(
        targets("45 schools and 32 curators"),
        [
            (AtLeast, 45.0, unit("schools")),
            (AtLeast, 32.0, unit("curators"))
        ]
    );
}

#[test]
fn money_in_roubles() {
    assert_eq!(one("2,5 млн руб."), (Exactly, 2_500_000.0, unit("руб.")));
    assert_eq!(one("500 тыс. рублей"), (Exactly, 500_000.0, unit("руб.")));
    assert_eq!(one("1 200 000 руб."), (Exactly, 1_200_000.0, unit("руб.")));
    assert_eq!(
        one("не менее 2 млн рублей"),
        (AtLeast, 2_000_000.0, unit("руб."))
    );
    assert_eq!(
        one("1.5 million roubles"),
        (Exactly, 1_500_000.0, unit("RUB"))
    );
}

#[test]
fn the_unit_ends_at_a_preposition_punctuation_or_verb() {
    let i = parse("не менее 80 % педагогов прошли курсы");
    assert_eq!(one(&i.source.text), (AtLeast, 80.0, unit("%")));
    assert_eq!(i.description, "педагогов прошли курсы");
    assert_eq!(
        one("участие 27 МОЦ, коррекция планов"),
        (AtLeast, 27.0, unit("МОЦ"))
    );
    assert_eq!(
        one("10 педагогов прошли обучение"),
        (AtLeast, 10.0, unit("педагогов"))
    );
    assert_eq!(
        one("10 педагогов из числа участников"),
        (AtLeast, 10.0, unit("педагогов"))
    );
    assert_eq!(one("Не менее 10 пар, отчет"), (AtLeast, 10.0, unit("пар")));
    assert_eq!(parse("Не менее 10 пар, отчет").description, "отчет");
}

#[test]
fn zeros_for_the_letters_oo() {
    assert_eq!(one("50 00"), (AtLeast, 50.0, unit("ОО")));
    assert_eq!(one("Охват 50 00"), (Coverage, 50.0, unit("ОО")));
}

#[test]
fn decimal_comma() {
    assert_eq!(one("не менее 12,5 %").1, 12.5);
}

#[test]
fn numbers_that_count_nothing_are_not_targets() {
    for text in [
        "увеличение доли учителей высшей категории",
        "доля ОО, в которых завершено анкетирование, %",
        "1) Проведен анализ",
        "отчёт до 01.03.2022",
        "приказ № 52",
        "в 2022 году",
        "2021-2022 учебный год",
    ] {
        let i = parse(text);
        assert!(!i.is_target(), "{text}: {:?}", i.targets);
        assert_eq!(i.description, text.trim());
    }
    assert_eq!(one("350"), (AtLeast, 350.0, None));
}

#[test]
fn or_more() {
    assert_eq!(one("10 и более человек"), (AtLeast, 10.0, unit("человек")));
    assert_eq!(
        one("75% и более от проектной мощности"),
        (AtLeast, 75.0, unit("%"))
    );
    assert_eq!(one("от 3 и выше"), (AtLeast, 3.0, None));
    assert_eq!(one("10 or more schools"), (AtLeast, 10.0, unit("schools")));
    assert_eq!(
        one("Без контингента - 75% и более"),
        (AtLeast, 75.0, unit("%"))
    );
}

#[test]
fn about_is_the_number_said() {
    assert_eq!(
        one("около 7 тысяч научных сообществ"),
        (Exactly, 7000.0, unit("научных сообществ"))
    );
    assert_eq!(
        one("порядка 2 тысяч учебных заведений"),
        (Exactly, 2000.0, unit("учебных заведений"))
    );
    assert_eq!(one("about 300 schools"), (Exactly, 300.0, unit("schools")));
    let t = &parse("приблизительно 900-910 тысяч").targets[0];
    assert_eq!(
        (t.comparator, t.value, t.upper),
        (Between, 900_000.0, Some(910_000.0))
    );
}

#[test]
fn a_value_stated_after_a_dash_or_before_an_equals_sign() {
    assert_eq!(
        one("Наивысшая оценка - 8 баллов."),
        (Exactly, 8.0, unit("баллов"))
    );
    assert_eq!(one("С контингентом - 100%"), (Exactly, 100.0, unit("%")));
    assert_eq!(one("5 баллов = отлично."), (Exactly, 5.0, unit("баллов")));
    assert_eq!(
        one("2017 г. - 153 333,710 тыс. рублей;"),
        (Exactly, 153_333_710.0, unit("руб."))
    );
    // A dash at the start of a line is a bullet.
    assert_eq!(one("- 5 школ"), (AtLeast, 5.0, unit("школ")));
}

#[test]
fn up_to_after_a_word_of_growth_is_reaching() {
    assert_eq!(
        one("повышение количества детей, занимающихся допобразованием (до 75%)"),
        (AtLeast, 75.0, unit("%"))
    );
    assert_eq!(
        one("Довести обеспеченность до 100%"),
        (AtLeast, 100.0, unit("%"))
    );
    assert_eq!(
        one("increase the share up to 100 %"),
        (AtLeast, 100.0, unit("%"))
    );
    assert_eq!(one("до 15 %"), (Less, 15.0, unit("%")));
    let t = &parse("центров до 90-100").targets[0];
    assert_eq!(
        (t.comparator, t.value, t.upper),
        (Between, 90.0, Some(100.0))
    );
}

#[test]
fn scores_in_quotes_inclusive_and_reversed() {
    assert_eq!(one("Выше «3,5»"), (More, 3.5, None));
    assert_eq!(one("До «3,5» (вкл.)"), (AtMost, 3.5, None));
    assert_eq!(one("up to 3.5 (incl.)"), (AtMost, 3.5, None));
    let t = &parse("От «3» до «2.8»").targets[0];
    assert_eq!((t.comparator, t.value, t.upper), (Between, 2.8, Some(3.0)));
    let t = &parse("«4,00 – 4,49»").targets[0];
    assert_eq!((t.value, t.upper), (4.0, Some(4.49)));
    let t = &parse("20% - 49%").targets[0];
    assert_eq!(
        (t.value, t.upper, t.unit.as_deref()),
        (20.0, Some(49.0), Some("%"))
    );
}

#[test]
fn sums_in_a_cell_about_money_are_roubles() {
    assert_eq!(
        one("выделят по 2,5 млн"),
        (Exactly, 2_500_000.0, unit("руб."))
    );
    assert_eq!(
        targets("1,1 миллиарда рублей, из которых 715 миллионов даст госбюджет"),
        [
            (Exactly, 1_100_000_000.0, unit("руб.")),
            (Exactly, 715_000_000.0, unit("руб."))
        ]
    );
    assert_eq!(one("свыше 1 трлн рублей"), (More, 1e12, unit("руб.")));
    assert_eq!(one("787 млн.руб."), (Exactly, 787_000_000.0, unit("руб.")));
    assert_eq!(
        one("791,7 тыс. новых мест"),
        (AtLeast, 791_700.0, unit("новых мест"))
    );
}

#[test]
fn grades_are_not_counted() {
    assert_eq!(
        one("не менее 70% обучающихся 5-9 классов"),
        (AtLeast, 70.0, unit("%"))
    );
    assert_eq!(
        one("Доля обучающихся 9-х классов, получивших аттестат, – 100%"),
        (Exactly, 100.0, unit("%"))
    );
}

#[test]
fn ages_grades_and_coverage_after_the_number() {
    assert_eq!(
        one("Обеспечение\n100% охвата детей в возрасте от 3 до 7 услугами дошкольного образования"),
        (Coverage, 100.0, unit("%"))
    );
    assert_eq!(
        one("Более 84% детей в возрасте от 5 до 18 лет"),
        (More, 84.0, unit("%"))
    );
    assert_eq!(
        one("Выпускники 9 класса сдают не менее 4 экзаменов"),
        (AtLeast, 4.0, unit("экзаменов"))
    );
    assert_eq!(
        one("не менее 70 баллов и еще одному предмету"),
        (AtLeast, 70.0, unit("баллов"))
    );
}

#[test]
fn long_numbers_and_long_cells() {
    let huge = "9".repeat(400);
    assert!(!parse(&format!("не менее {huge} школ")).is_target());
    let long = "не менее 10 школ и 5 кураторов, ".repeat(500);
    assert_eq!(parse(&long).targets.len(), 1000);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
    /// Any cell is read, whatever it holds: every target has a finite
    /// number and a range its bounds in order.
    #[test]
    fn any_cell_is_read(
        cell in "(не менее|более|до|от|около|охват|и более|-|–|=|«|»|%|руб\\.|млн|тыс\\.|из|пяти|ста|раза в месяц|школ|ОО|00|[0-9]{1,4}|[0-9],[0-9]|[ ,.()\n]|[а-яa-z]{1,6}){0,24}"
    ) {
        for t in parse(&cell).targets {
            proptest::prop_assert!(t.value.is_finite(), "{cell:?}");
            proptest::prop_assert!(t.upper.is_none_or(|u| u >= t.value), "{cell:?}");
        }
    }

    /// Any text at all, whatever its letters and signs.
    #[test]
    fn any_text_is_read(cell in "\\PC{0,80}") {
        let i = parse(&cell);
        for t in &i.targets {
            proptest::prop_assert!(t.value.is_finite(), "{cell:?}");
            proptest::prop_assert!(i.written(t).is_some(), "{cell:?}");
        }
    }
}

#[test]
fn the_description_keeps_its_brackets_paired() {
    assert_eq!(
        parse("2 раза в год (октябрь, апрель)").description,
        "октябрь, апрель"
    );
    assert_eq!(
        parse("Проведена идентификация ОО (100%)").description,
        "Проведена идентификация ОО"
    );
    assert_eq!(
        parse("отчёт (не менее 3 страниц) и справка").description,
        "отчёт и справка"
    );
    assert_eq!(
        one("Охвачено 120 обучающихся"),
        (Coverage, 120.0, unit("обучающихся"))
    );
}

#[test]
fn an_english_unit_keeps_its_adjectives() {
    assert_eq!(
        one("27 municipal coordinators"),
        (AtLeast, 27.0, unit("municipal coordinators"))
    );
    assert_eq!(
        one("no more than 2 failing students per class"),
        (AtMost, 2.0, unit("failing students"))
    );
    assert_eq!(
        one("at least 10 new schools"),
        (AtLeast, 10.0, unit("new schools"))
    );
    assert_eq!(
        one("10 teachers trained"),
        (AtLeast, 10.0, unit("teachers"))
    );
}

#[test]
fn once_and_twice() {
    assert_eq!(
        one("at least once a month"),
        (AtLeast, 1.0, unit("times/month"))
    );
    assert_eq!(one("twice a week"), (AtLeast, 2.0, unit("times/week")));
    assert!(!parse("once upon a time").is_target());
}

#[test]
fn forms_of_official_prose() {
    assert_eq!(
        one("Не менее чем 3 педагога"),
        (AtLeast, 3.0, unit("педагога"))
    );
    assert_eq!(one("не менее, чем в 80% ОО"), (AtLeast, 80.0, unit("%")));
    assert_eq!(one("не более чем на 10 %"), (AtMost, 10.0, unit("%")));
    assert_eq!(one("10 (десять) человек"), (AtLeast, 10.0, unit("человек")));
    assert_eq!(
        one("не менее 1000 (одной тысячи) экземпляров"),
        (AtLeast, 1000.0, unit("экземпляров"))
    );
    assert_eq!(one("Рост на 5 п.п."), (AtLeast, 5.0, unit("п.п.")));
    assert_eq!(
        one("a rise of 5 percentage points"),
        (AtLeast, 5.0, unit("percentage points"))
    );
}

#[test]
fn an_english_cell_groups_thousands_with_commas() {
    assert_eq!(
        one("at least 1,200 teachers"),
        (AtLeast, 1200.0, unit("teachers"))
    );
    assert_eq!(
        one("1,200,000 roubles"),
        (Exactly, 1_200_000.0, unit("RUB"))
    );
    assert_eq!(one("at least 2,5 %"), (AtLeast, 2.5, unit("%")));
    assert_eq!(one("не менее 1,200 %"), (AtLeast, 1.2, unit("%")));
    assert_eq!(one("1,200,000 руб."), (Exactly, 1_200_000.0, unit("руб.")));
}

#[test]
fn rows_of_a_scale() {
    assert_eq!(
        targets("80 % и выше – 1 балл, 100 % – 2 балла"),
        [(AtLeast, 80.0, unit("%")), (Exactly, 100.0, unit("%"))]
    );
    assert_eq!(
        one("Наивысшая оценка - 8 баллов."),
        (Exactly, 8.0, unit("баллов"))
    );
}

/// The table of docs/language.md («Indicators»), row by row.
#[test]
fn the_reference_table() {
    for (text, comparator, value, unit_, description) in [
        ("350 ОО", AtLeast, 350.0, "ОО", ""),
        (
            "не менее 10 пар ОО, отчет",
            AtLeast,
            10.0,
            "пар",
            "ОО, отчет",
        ),
        ("не ниже 4 баллов", AtLeast, 4.0, "баллов", ""),
        ("не реже 1 раза в месяц", AtLeast, 1.0, "раз/месяц", ""),
        ("свыше 80 %", More, 80.0, "%", ""),
        ("не выше 5 %", AtMost, 5.0, "%", ""),
        ("до 15 %", Less, 15.0, "%", ""),
        ("доля составит 100 %", Exactly, 100.0, "%", "доля"),
        ("5–10 человек", Between, 5.0, "человек", ""),
        ("5 из 7 школ", Exactly, 5.0, "школ", ""),
        ("не менее пяти педагогов", AtLeast, 5.0, "педагогов", ""),
        ("500 тыс. рублей", Exactly, 500_000.0, "руб.", ""),
        (
            "объём финансирования 2,5 млн руб.",
            Exactly,
            2_500_000.0,
            "руб.",
            "объём финансирования",
        ),
    ] {
        let i = parse(text);
        assert_eq!(one(text), (comparator, value, unit(unit_)), "{text}");
        assert_eq!(i.description, description, "{text}");
    }
}

#[test]
fn a_target_is_attained_by_its_comparator() {
    let t = |comparator, value, upper| Target {
        comparator,
        value,
        upper,
        unit: None,
        out_of: None,
        at: 0..0,
    };
    assert!(t(AtLeast, 350.0, None).attained_by(360.0));
    assert!(t(AtLeast, 350.0, None).attained_by(350.0));
    assert!(!t(More, 80.0, None).attained_by(80.0));
    assert!(t(AtMost, 5.0, None).attained_by(5.0));
    assert!(!t(Less, 5.0, None).attained_by(5.0));
    assert!(!t(Exactly, 100.0, None).attained_by(99.0));
    assert!(t(Between, 5.0, Some(10.0)).attained_by(10.0));
    assert!(!t(Between, 5.0, Some(10.0)).attained_by(11.0));
    assert!(t(AtLeast, 10.0, None).loosened_by(&t(AtLeast, 8.0, None)));
    assert!(t(AtMost, 5.0, None).loosened_by(&t(AtMost, 8.0, None)));
    assert!(!t(AtMost, 5.0, None).loosened_by(&t(AtMost, 3.0, None)));
}

#[test]
fn units_in_any_grammatical_form() {
    for (a, b) in [
        ("раза в месяц", "раз в месяц"),
        ("педагогов", "педагога"),
        ("учителей", "учитель"),
        ("ОО", "оо"),
        ("школы", "школ"),
        ("мероприятий", "мероприятия"),
        ("месяцев", "месяц"),
        ("%", "%"),
        ("schools", "school"),
        ("пар ОО", "пары ОО"),
        ("дней", "дня"),
        ("день", "дней"),
        ("года", "лет"),
        ("мест", "места"),
        ("место", "мест"),
        ("учащихся", "учащиеся"),
        ("₽", "₽"),
        ("раз в месяц.", "раз в месяц"),
    ] {
        assert!(same_unit(a, b), "{a} = {b}");
    }
    for (a, b) in [
        ("раз в месяц", "раз в неделю"),
        ("%", "баллов"),
        ("педагогов", "школ"),
        ("ОО", "пар ОО"),
        ("₽", "$"),
        ("€", "‰"),
        ("дней", "недель"),
        ("год", "месяц"),
    ] {
        assert!(!same_unit(a, b), "{a} ≠ {b}");
    }
}

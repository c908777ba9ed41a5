//! Target indicators typed as comparator, number, unit and description, so
//! that actual values can later be measured against them.

use crate::syntax::{fold_case, Spanned};
use pest::Parser;
use pest_derive::Parser;
use serde::Serialize;

#[derive(Parser)]
#[grammar = "../grammar/indicator.pest"]
struct IndicatorParser;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    /// `не менее`, `≥`, `не реже`
    AtLeast,
    /// `не более`, `≤`
    AtMost,
    /// `=`
    Exactly,
    /// `охват`: at least this many covered
    Coverage,
}

/// A target such as «не менее 10 пар ОО»; a text with no number keeps only
/// its description.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    /// As written.
    #[serde(skip)]
    pub source: Spanned,
    pub comparator: Option<Comparator>,
    pub value: Option<f64>,
    pub unit: Option<String>,
    /// The `6` of «6 баллов из 6».
    pub out_of: Option<f64>,
    pub description: String,
}

impl Indicator {
    pub fn parse(source: Spanned) -> Indicator {
        let text = source.text.clone();
        let folded = fold_case(&text);
        let parsed = IndicatorParser::parse(Rule::indicator, &folded)
            .ok()
            .and_then(|mut pairs| pairs.next())
            .and_then(|pair| pair.into_inner().next());
        let mut indicator = Indicator {
            comparator: None,
            value: None,
            unit: None,
            out_of: None,
            description: source.text.trim().to_string(),
            source,
        };
        let Some(target) = parsed else {
            return indicator;
        };
        let original = &text;
        let text = |pair: &pest::iterators::Pair<'_, Rule>| {
            let span = pair.as_span();
            original[span.start()..span.end()].trim().to_string()
        };
        indicator.description.clear();
        for part in target.into_inner() {
            match part.as_rule() {
                Rule::description => {
                    indicator.description = text(&part)
                        .trim_end_matches([',', ':', '-', '—', '–', ' '])
                        .to_string();
                }
                Rule::comparator => {
                    indicator.comparator =
                        part.into_inner().next().map(|kind| match kind.as_rule() {
                            Rule::at_most => Comparator::AtMost,
                            Rule::exactly => Comparator::Exactly,
                            Rule::coverage => Comparator::Coverage,
                            _ => Comparator::AtLeast,
                        });
                }
                Rule::amount => indicator.value = number(part.as_str()),
                Rule::unit => {
                    for piece in part.into_inner() {
                        match piece.as_rule() {
                            Rule::unit_text => indicator.unit = Some(text(&piece)),
                            Rule::out_of => {
                                indicator.out_of = piece
                                    .into_inner()
                                    .find(|p| p.as_rule() == Rule::amount)
                                    .and_then(|p| number(p.as_str()));
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        indicator
    }

    /// Has a number to measure against.
    pub fn is_target(&self) -> bool {
        self.value.is_some()
    }
}

fn number(text: &str) -> Option<f64> {
    text.replace(',', ".").parse().ok()
}

/// Whether two units name the same thing, whatever their grammatical form:
/// «раза в месяц» and «раз в месяц», «педагогов» and «педагога», «ОО» and
/// «оо», "schools" and "school".
pub fn same_unit(a: &str, b: &str) -> bool {
    unit_key(a) == unit_key(b)
}

/// A unit with each word cut to its stem: lower case, «ё» as «е», a Russian
/// word's case ending (or an English plural «s») dropped when at least three
/// letters remain, the few words whose stem changes («день», «дня», «дней»;
/// «год», «лет») named by hand. Signs (`%`, `₽`, `$`) are kept; punctuation
/// around a word is not.
fn unit_key(unit: &str) -> Vec<String> {
    const ENDINGS: [&str; 23] = [
        "ихся", "иеся", "ыхся", "ыеся", "ами", "ями", "ов", "ев", "ей", "ам", "ям", "ах", "ях",
        "а", "я", "ы", "и", "ь", "е", "у", "ю", "й", "о",
    ];
    const IRREGULAR: [(&str, &str); 7] = [
        ("день", "дн"),
        ("дня", "дн"),
        ("дней", "дн"),
        ("дням", "дн"),
        ("лет", "год"),
        ("года", "год"),
        ("годов", "год"),
    ];
    unit.split_whitespace()
        .map(|word| {
            let word: String = word
                .trim_matches(|c: char| {
                    matches!(
                        c,
                        '.' | ',' | ';' | ':' | '!' | '?' | '(' | ')' | '«' | '»' | '"' | '\''
                    )
                })
                .chars()
                .flat_map(char::to_lowercase)
                .map(|c| if c == 'ё' { 'е' } else { c })
                .collect();
            if let Some((_, stem)) = IRREGULAR.iter().find(|(w, _)| *w == word) {
                return stem.to_string();
            }
            let letters = word.chars().count();
            let cyrillic = word.chars().all(|c| matches!(c, 'а'..='я'));
            let ending = if cyrillic {
                ENDINGS
                    .iter()
                    .find(|e| word.ends_with(*e) && letters - e.chars().count() >= 3)
            } else if word.is_ascii() && letters >= 4 && word.ends_with('s') {
                Some(&"s")
            } else {
                None
            };
            match ending {
                Some(e) => word[..word.len() - e.len()].to_string(),
                None => word,
            }
        })
        .filter(|w| !w.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FileId, Span};

    fn parse(text: &str) -> Indicator {
        Indicator::parse(Spanned {
            text: text.to_string(),
            span: Span::new(FileId(0), 0, text.len()),
        })
    }

    fn target(text: &str) -> (Option<Comparator>, Option<f64>, Option<String>, String) {
        let i = parse(text);
        (i.comparator, i.value, i.unit, i.description)
    }

    #[test]
    fn count_with_unit() {
        assert_eq!(
            target("350 ОО"),
            (None, Some(350.0), Some("ОО".into()), String::new())
        );
        assert_eq!(
            target("27 муниципальных координаторов"),
            (
                None,
                Some(27.0),
                Some("муниципальных координаторов".into()),
                String::new()
            )
        );
    }

    #[test]
    fn at_least_in_any_case() {
        assert_eq!(
            target("Не менее 10 пар ОО"),
            (
                Some(Comparator::AtLeast),
                Some(10.0),
                Some("пар ОО".into()),
                String::new()
            )
        );
        assert_eq!(target("at least 80 %").0, Some(Comparator::AtLeast));
        assert_eq!(target(">= 80 %").1, Some(80.0));
        assert_eq!(target("≥ 80 %").2, Some("%".into()));
    }

    #[test]
    fn at_most_and_exactly() {
        assert_eq!(target("не более 5 %").0, Some(Comparator::AtMost));
        assert_eq!(target("≤ 5 %").0, Some(Comparator::AtMost));
        assert_eq!(
            target("доля ОО, посещённых кураторами = 100 %"),
            (
                Some(Comparator::Exactly),
                Some(100.0),
                Some("%".into()),
                "доля ОО, посещённых кураторами".into()
            )
        );
    }

    #[test]
    fn coverage() {
        assert_eq!(
            target("Охват 50 ОО"),
            (
                Some(Comparator::Coverage),
                Some(50.0),
                Some("ОО".into()),
                String::new()
            )
        );
    }

    #[test]
    fn frequency_with_description() {
        assert_eq!(
            target("Проведение научно-методических вебинаров не реже 1 раза в месяц"),
            (
                Some(Comparator::AtLeast),
                Some(1.0),
                Some("раза в месяц".into()),
                "Проведение научно-методических вебинаров".into()
            )
        );
    }

    #[test]
    fn rating_out_of() {
        let i = parse("6 баллов из 6");
        assert_eq!(
            (i.value, i.unit.as_deref(), i.out_of),
            (Some(6.0), Some("баллов"), Some(6.0))
        );
    }

    #[test]
    fn decimal_comma() {
        assert_eq!(target("не менее 12,5 %").1, Some(12.5));
    }

    #[test]
    fn plain_text_stays_text() {
        let i = parse("увеличение доли учителей высшей категории");
        assert!(!i.is_target());
        assert_eq!(i.description, "увеличение доли учителей высшей категории");
        assert!(!parse("доля ОО, в которых завершено анкетирование, %").is_target());
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
}

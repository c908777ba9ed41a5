//! `риск:` lines: the school's risk profile. The «500+» project names ten
//! risk factors; a line names one by its number or its words (read loosely:
//! case, «ё», abbreviations, other grammatical endings), and any other text
//! is kept as a risk of the roadmap's own.

use crate::lang::Lang;
use crate::syntax::Spanned;
use serde::Serialize;

/// The ten risk factors of the federal project «500+», in their official
/// order and wording, with an English rendering.
pub const FACTORS: [(&str, &str); 10] = [
    (
        "Низкий уровень оснащения школы",
        "Low level of school equipment",
    ),
    (
        "Дефицит педагогических кадров",
        "Shortage of teaching staff",
    ),
    (
        "Недостаточная предметная и методическая компетентность педагогических работников",
        "Insufficient subject and methodological competence of teachers",
    ),
    (
        "Риски низкой адаптивности учебного процесса",
        "Risks of low adaptability of the learning process",
    ),
    (
        "Несформированность внутришкольной системы повышения квалификации",
        "No in-school system of professional development",
    ),
    (
        "Высокая доля обучающихся с рисками учебной неуспешности",
        "High share of students at risk of academic failure",
    ),
    (
        "Низкое качество преодоления языковых и культурных барьеров",
        "Poor overcoming of language and cultural barriers",
    ),
    (
        "Пониженный уровень качества школьной образовательной и воспитательной среды",
        "Lowered quality of the school's learning and upbringing environment",
    ),
    (
        "Высокая доля обучающихся с ОВЗ",
        "High share of students with disabilities (special educational needs)",
    ),
    (
        "Низкий уровень вовлечённости родителей",
        "Low level of parental involvement",
    ),
];

/// One of the ten risk factors, numbered from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Factor(u8);

impl Factor {
    pub fn new(number: u8) -> Option<Factor> {
        (1..=FACTORS.len() as u8)
            .contains(&number)
            .then_some(Factor(number))
    }

    pub fn number(self) -> u8 {
        self.0
    }

    /// The official name (Russian) or its English rendering.
    pub fn name(self, lang: Lang) -> &'static str {
        let (ru, en) = FACTORS[usize::from(self.0) - 1];
        match lang {
            Lang::Ru => ru,
            Lang::En => en,
        }
    }
}

/// A `риск:` line as written and the factor it names, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Risk {
    pub source: Spanned,
    /// `None`: the roadmap's own wording, not one of the ten.
    pub factor: Option<Factor>,
}

/// A risk named by a number that is not one of the ten.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("risk factor {0} is not one of the ten")]
pub struct UnknownNumber(pub u32);

/// Reads one `риск:` value: `3`, `риск 3`, `№ 3`, `фактор 3`, or words.
pub fn parse(text: &str) -> Result<Option<Factor>, UnknownNumber> {
    if let Some(number) = number(text) {
        return u8::try_from(number)
            .ok()
            .and_then(Factor::new)
            .map(Some)
            .ok_or(UnknownNumber(number));
    }
    Ok(by_words(text))
}

/// The number of a value that is only a number, with an optional word before it.
fn number(text: &str) -> Option<u32> {
    let folded = normalize(text);
    let words: Vec<&str> = folded.split_whitespace().collect();
    let digits = match words.as_slice() {
        [n] => *n,
        [word, n] if ["риск", "фактор", "risk", "factor", "№", "no"].contains(word) => {
            *n
        }
        _ => return None,
    };
    let digits = digits.trim_start_matches('№');
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 6 {
        return None;
    }
    digits.parse().ok()
}

/// Lower case, «ё» as «е», punctuation as spaces (a dot ending an
/// abbreviation is kept as a space too).
fn normalize(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'ё' | 'Ё' => 'е',
            '№' => '№',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Words that carry no meaning of their own.
const LINKING: [&str; 12] = [
    "и", "с", "в", "на", "по", "of", "and", "the", "with", "in", "at", "to",
];

/// Abbreviations of several words that the documents use.
const ABBREVIATIONS: [(&str, &str); 3] = [
    ("пк", "повышения квалификации"),
    ("ипк", "повышения квалификации"),
    ("sen", "special educational needs"),
];

fn content_words(text: &str) -> Vec<String> {
    normalize(text)
        .split_whitespace()
        .flat_map(|w| match ABBREVIATIONS.iter().find(|(a, _)| *a == w) {
            Some((_, words)) => words.split(' ').collect(),
            None => vec![w],
        })
        .filter(|w| !LINKING.contains(w))
        .map(str::to_string)
        .collect()
}

/// Two words are the same word when one abbreviates the other («пед.» and
/// «педагогических») or they differ only in their ending («низкий» and
/// «низкого»: a common start of all but the last three letters, at least four).
fn same_word(written: &str, official: &str) -> bool {
    if written == official {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (written.chars().collect(), official.chars().collect());
    if a.len() >= 3 && b.starts_with(&a) {
        return true;
    }
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let shorter = a.len().min(b.len());
    common >= 4 && common + 3 >= shorter
}

/// The factor whose words the text names (in either language): every word
/// written is one of the factor's and most of the factor's words are
/// written, or every one of them is, with at most two words added («…
/// родителей в образовательный процесс»). When two factors fit, the one with
/// more of its words written; a tie is no match.
fn by_words(text: &str) -> Option<Factor> {
    let written = content_words(text);
    if written.is_empty() {
        return None;
    }
    let mut best: Option<(usize, u8)> = None;
    let mut tie = false;
    for (i, (ru, en)) in FACTORS.iter().enumerate() {
        for name in [ru, en] {
            let official = content_words(name);
            let unknown = written
                .iter()
                .filter(|w| !official.iter().any(|o| same_word(w, o)))
                .count();
            let covered = official
                .iter()
                .filter(|o| written.iter().any(|w| same_word(w, o)))
                .count();
            let most = unknown == 0 && covered * 3 >= official.len() * 2;
            let all_and_more = unknown <= 2 && covered == official.len();
            if !(most || all_and_more) {
                continue;
            }
            let number = i as u8 + 1;
            match best {
                Some((score, n)) if n != number && score == covered => tie = true,
                Some((score, _)) if score >= covered => {}
                _ => {
                    best = Some((covered, number));
                    tie = false;
                }
            }
        }
    }
    if tie {
        return None;
    }
    best.and_then(|(_, n)| Factor::new(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn factor(text: &str) -> Option<u8> {
        parse(text).unwrap().map(Factor::number)
    }

    #[test]
    fn by_number() {
        assert_eq!(factor("3"), Some(3));
        assert_eq!(factor("риск 10"), Some(10));
        assert_eq!(factor("№ 2"), Some(2));
        assert_eq!(factor("risk 5"), Some(5));
        assert_eq!(parse("11"), Err(UnknownNumber(11)));
        assert_eq!(parse("0"), Err(UnknownNumber(0)));
    }

    #[test]
    fn official_wording_in_russian() {
        for (i, (ru, _)) in FACTORS.iter().enumerate() {
            assert_eq!(factor(ru), Some(i as u8 + 1), "{ru}");
        }
    }

    #[test]
    fn official_wording_in_english() {
        for (i, (_, en)) in FACTORS.iter().enumerate() {
            assert_eq!(factor(en), Some(i as u8 + 1), "{en}");
        }
        assert_eq!(factor("low parental involvement"), Some(10));
        assert_eq!(factor("Shortage of teaching staff."), Some(2));
    }

    #[test]
    fn loosely_written_russian() {
        assert_eq!(factor("низкий уровень вовлеченности родителей"), Some(10));
        assert_eq!(factor("НИЗКИЙ УРОВЕНЬ ОСНАЩЕНИЯ ШКОЛЫ"), Some(1));
        assert_eq!(factor("дефицит пед. кадров"), Some(2));
        assert_eq!(factor("высокая доля обучающихся с ОВЗ"), Some(9));
        assert_eq!(
            factor(
                "недостаточной предметной и методической компетентности педагогических работников"
            ),
            Some(3)
        );
        assert_eq!(
            factor("Несформированность внутришкольной системы ПК"),
            Some(5)
        );
        assert_eq!(
            factor("риски низкой адаптивности учебного процесса"),
            Some(4)
        );
    }

    #[test]
    fn other_text_is_the_roadmap_own() {
        assert_eq!(factor("Низкая учебная мотивация обучающихся"), None);
        assert_eq!(factor("кадры"), None);
        assert_eq!(factor("high staff turnover"), None);
        assert_eq!(
            factor("Низкий уровень оснащения спортивного зала и столовой"),
            None
        );
    }
}

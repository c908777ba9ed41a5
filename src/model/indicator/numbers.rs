//! Numbers as cells write them: digits with a decimal comma, spaces or
//! commas between thousands and a case ending («5-ти»), numerals in words in
//! any case («двадцати пяти», «ста», "twenty-five"), and the «тыс.», «млн»,
//! «млрд», «трлн» after them.

use super::Rule;
use pest::iterators::Pair;

/// A number as written, the multiplier after it, and whether it was in words.
#[derive(Debug, Clone, Copy)]
pub(super) struct Quantity {
    pub number: f64,
    pub scale: f64,
    pub in_words: bool,
}

impl Quantity {
    /// A number read from a word that is not a numeral («once»).
    pub fn plain(number: f64) -> Quantity {
        Quantity {
            number,
            scale: 1.0,
            in_words: false,
        }
    }

    pub fn value(&self) -> f64 {
        self.number * self.scale
    }

    /// 1900…2100 with no multiplier: a year, unless a unit says otherwise.
    pub fn is_year(&self) -> bool {
        self.scale == 1.0 && self.number.fract() == 0.0 && (1900.0..=2100.0).contains(&self.number)
    }
}

/// A number in digits or words, with its «тыс.», «млн», «млрд», «трлн».
pub(super) fn quantity(pair: Pair<'_, Rule>, english: bool) -> Option<Quantity> {
    let mut q = Quantity {
        number: f64::NAN,
        scale: 1.0,
        in_words: false,
    };
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::digits => q.number = digits(part.as_str(), english)?,
            Rule::in_words => {
                q.number = in_words(part)?;
                q.in_words = true;
            }
            Rule::multiplier => {
                q.scale = match part.into_inner().next().map(|p| p.as_rule()) {
                    Some(Rule::thousand) => 1e3,
                    Some(Rule::million) => 1e6,
                    Some(Rule::billion) => 1e9,
                    _ => 1e12,
                };
            }
            _ => {}
        }
    }
    (!q.number.is_nan()).then_some(q)
}

/// «1 200 000», «2,5», «5-ти»; "1,200" in an English cell and «1,200,000»
/// anywhere group thousands. Nothing for a number too long to be finite.
fn digits(text: &str, english: bool) -> Option<f64> {
    let number = text.split('-').next().unwrap_or(text);
    let thousands = (english || number.matches(',').count() > 1)
        && number
            .split(',')
            .skip(1)
            .all(|group| group.len() == 3 && group.bytes().all(|b| b.is_ascii_digit()));
    let number = if thousands {
        std::borrow::Cow::Owned(number.replace(',', ""))
    } else {
        std::borrow::Cow::Borrowed(number)
    };
    let plain: String = number
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    plain.parse().ok().filter(|x: &f64| x.is_finite())
}

/// «двадцати пяти» → 25, «ста» → 100, "twenty-five" → 25, "one hundred" → 100.
fn in_words(pair: Pair<'_, Rule>) -> Option<f64> {
    let mut total: f64 = 0.0;
    for word in pair.into_inner() {
        let kind = word.into_inner().next()?;
        let written = kind.as_str().to_lowercase();
        let mut parts = kind.into_inner().peekable();
        if parts.peek().is_none() {
            // "hundred" multiplies what comes before it; "a hundred" is 100.
            total = if written == "hundred" {
                total.max(1.0) * 100.0
            } else {
                total + 100.0
            };
            continue;
        }
        for part in parts {
            total += numeral(part.as_rule(), &part.as_str().to_lowercase())?;
        }
    }
    Some(total)
}

/// The value of one numeral of the grammar.
fn numeral(rule: Rule, text: &str) -> Option<f64> {
    Some(match rule {
        Rule::ru_units => ru_digit(text)?,
        Rule::ru_teens => match text.split_once("надцат") {
            Some((stem, _)) => 10.0 + ru_digit(stem)?,
            None => 10.0,
        },
        Rule::ru_tens => {
            10.0 * if text.starts_with("двадцат") {
                2.0
            } else if text.starts_with("тридцат") {
                3.0
            } else if text.starts_with("сорок") {
                4.0
            } else {
                ru_digit(text)?
            }
        }
        Rule::ru_hundreds => {
            100.0
                * if text.starts_with("ст") {
                    1.0
                } else {
                    ru_digit(text)?
                }
        }
        Rule::en_units => en_index(&EN_UNITS, text)? + 1.0,
        Rule::en_teens => en_index(&EN_TEENS, text)? + 10.0,
        Rule::en_tens => 10.0 * (en_index(&EN_TENS, text)? + 2.0),
        _ => return None,
    })
}

const EN_UNITS: [&str; 9] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];
const EN_TEENS: [&str; 10] = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const EN_TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

fn en_index(words: &[&str], word: &str) -> Option<f64> {
    words.iter().position(|w| *w == word).map(|i| i as f64)
}

/// The digit a Russian numeral starts with: «пяти», «пятьсот», «пятидесяти» → 5.
fn ru_digit(word: &str) -> Option<f64> {
    const STEMS: [(&str, f64); 10] = [
        ("пол", 1.5),
        ("од", 1.0),
        ("дв", 2.0),
        ("тр", 3.0),
        ("чет", 4.0),
        ("пят", 5.0),
        ("шест", 6.0),
        ("сем", 7.0),
        ("вос", 8.0),
        ("дев", 9.0),
    ];
    STEMS
        .iter()
        .find(|(stem, _)| word.starts_with(stem))
        .map(|(_, v)| *v)
}

//! Target indicators read as a person reads them: each quantity a cell states
//! (a comparator, a number, a unit) becomes a typed target that actual values
//! are measured against; the rest of the sentence stays the description.

use crate::syntax::{fold_case, Spanned};
use pest::iterators::Pair;
use pest::Parser;
use pest_derive::Parser;
use serde::{Deserialize, Serialize};

#[derive(Parser)]
#[grammar = "../grammar/indicator.pest"]
struct IndicatorParser;

/// How a target compares an actual value with its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    /// `не менее`, `не ниже`, `не реже`, `≥`, and a bare number: at least.
    AtLeast,
    /// `более`, `свыше`, `выше`, `>`: more than.
    More,
    /// `не более`, `не выше`, `≤`: at most.
    AtMost,
    /// `менее`, `ниже`, `до`, `<`: less than.
    Less,
    /// `=`, `равно`, `составит`, a sum of money, `N из M`: exactly.
    Exactly,
    /// `от A до B`, `A–B`: from `value` to `upper`, both included.
    Between,
    /// `охват`: at least this many covered.
    Coverage,
}

/// One quantity of a cell: «не менее 10 пар ОО», «2,5 млн руб.».
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    pub comparator: Comparator,
    pub value: f64,
    /// The upper bound of a [`Comparator::Between`].
    pub upper: Option<f64>,
    /// The counted word or sign: `%`, `ОО`, `пар ОО`, `руб.`, `раз/месяц`.
    pub unit: Option<String>,
    /// The `6` of «6 баллов из 6».
    pub out_of: Option<f64>,
}

/// An indicator cell: its targets («45 школ и 32 куратора» has two) and its
/// description; a text with no quantity has only the description.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    /// As written.
    #[serde(skip)]
    pub source: Spanned,
    pub targets: Vec<Target>,
    pub description: String,
}

impl Indicator {
    pub fn parse(source: Spanned) -> Indicator {
        let folded = fold_case(&source.text);
        let cell = IndicatorParser::parse(Rule::cell, &folded)
            .ok()
            .and_then(|mut pairs| pairs.next());
        let original = source.text.as_str();
        let mut targets: Vec<Target> = Vec::new();
        let mut implicit: Vec<bool> = Vec::new();
        let mut spans: Vec<std::ops::Range<usize>> = Vec::new();
        for pair in cell.into_iter().flat_map(Pair::into_inner) {
            if pair.as_rule() != Rule::target {
                continue;
            }
            let span = pair.as_span();
            let Some((target, bare)) = read_target(pair, original) else {
                continue;
            };
            let gap = spans
                .last()
                .and_then(|last| original.get(last.end..span.start()));
            if gap.is_some_and(|g| g.trim().is_empty()) && is_score(&target, span.as_str()) {
                // «80 % и выше – 1 балл, 100 % – 2 балла»: a row of a scale; the
                // points are what the row earns, the number before is the target.
                if implicit.last() == Some(&true) {
                    if let Some(row) = targets.last_mut() {
                        row.comparator = Comparator::Exactly;
                    }
                }
                spans.push(span.start()..span.end());
                continue;
            }
            targets.push(target);
            implicit.push(bare);
            spans.push(span.start()..span.end());
        }
        let description = if targets.is_empty() {
            original.trim().to_string()
        } else {
            describe(original, &spans)
        };
        Indicator {
            source,
            targets,
            description,
        }
    }

    /// Has a number to measure against.
    pub fn is_target(&self) -> bool {
        !self.targets.is_empty()
    }
}

impl Target {
    /// Whether `actual` attains this target.
    pub fn attained_by(&self, actual: f64) -> bool {
        const EPS: f64 = 1e-9;
        let target = self.value;
        match self.comparator {
            Comparator::AtLeast | Comparator::Coverage => actual + EPS >= target,
            Comparator::More => actual > target + EPS,
            Comparator::AtMost => actual <= target + EPS,
            Comparator::Less => actual + EPS < target,
            Comparator::Exactly => (actual - target).abs() <= EPS,
            Comparator::Between => {
                actual + EPS >= target && actual <= self.upper.unwrap_or(target) + EPS
            }
        }
    }

    /// Whether `other` asks for less than this target (a lower bound lowered,
    /// an upper bound raised): what a plan may not do to its template.
    pub fn loosened_by(&self, other: &Target) -> bool {
        match self.comparator {
            Comparator::AtMost | Comparator::Less => other.value > self.value,
            Comparator::Between => {
                other.value < self.value
                    || other.upper.unwrap_or(other.value) > self.upper.unwrap_or(self.value)
            }
            _ => other.value < self.value,
        }
    }
}

/// Points awarded after a dash: «– 2 балла».
fn is_score(target: &Target, written: &str) -> bool {
    let unit = target.unit.as_deref().map(fold_case).unwrap_or_default();
    written.trim_start().starts_with(['-', '–', '—'])
        && (unit.starts_with("балл") || unit.starts_with("point"))
}

/// What a target pair says, and whether it names no comparator, or nothing
/// when it is a number that counts nothing (a bare «1)» of a list, a year,
/// «одному предмету»).
fn read_target(pair: Pair<'_, Rule>, original: &str) -> Option<(Target, bool)> {
    let before = original.get(..pair.as_span().start()).unwrap_or_default();
    // No Cyrillic letter: "1,200" groups thousands instead of a decimal comma.
    let english = !original
        .chars()
        .any(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'));
    let mut coverage = false;
    let mut comparator = None;
    let mut numbers: Vec<Quantity> = Vec::new();
    let mut unit: Option<(Rule, String)> = None;
    let mut out_of = None;
    let mut bare = false;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::coverage => coverage = true,
            Rule::between => comparator = Some(Comparator::Between),
            Rule::or_more => comparator = Some(Comparator::AtLeast),
            Rule::bare => bare = true,
            _ => {}
        }
        for piece in part.into_inner() {
            match piece.as_rule() {
                Rule::comparator => {
                    let kind = piece.into_inner().next()?;
                    comparator = Some(comparator_of(kind.as_rule(), before));
                }
                Rule::quantity => numbers.push(quantity(piece, english)?),
                Rule::unit | Rule::percent => {
                    unit = unit.or_else(|| unit_of(piece, original));
                }
                Rule::out_of => {
                    for p in piece.into_inner() {
                        match p.as_rule() {
                            Rule::quantity => out_of = quantity(p, english).map(|q| q.value()),
                            Rule::unit => unit = unit.or_else(|| unit_of(p, original)),
                            _ => {}
                        }
                    }
                }
                Rule::equals => comparator = Some(Comparator::Exactly),
                Rule::and_more => comparator = Some(Comparator::AtLeast),
                Rule::inclusive if comparator == Some(Comparator::Less) => {
                    comparator = Some(Comparator::AtMost);
                }
                _ => {}
            }
        }
    }
    let first = *numbers.first()?;
    if unit.is_none() && first.scale >= 1e6 && speaks_of_money(original) {
        // «выделят по 2,5 млн», «из которых 715 миллионов даст госбюджет».
        unit = Some((Rule::money, "руб.".to_string()));
    }
    let unit_kind = unit.as_ref().map(|(rule, _)| *rule);
    let counted = matches!(unit_kind, Some(Rule::percent | Rule::money));
    if first.is_year() && !counted && (unit.is_none() || comparator == Some(Comparator::Between)) {
        // «до 2027 года», «2021-2022 учебный год»: years, not a count.
        return None;
    }
    if bare && comparator.is_none() && !coverage {
        let alone = original
            .trim()
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.');
        let counts = unit.is_some() || out_of.is_some();
        // «одному предмету», «одна из школ»: a word, not a count.
        let one_in_words = first.in_words && first.value() == 1.0;
        if !(alone || counts) || first.is_year() || one_in_words {
            return None;
        }
    }
    let money = matches!(unit, Some((Rule::money, _)));
    let implicit = comparator.is_none() && !coverage;
    let comparator = match comparator {
        _ if coverage => Comparator::Coverage,
        Some(c) => c,
        None if money || out_of.is_some() => Comparator::Exactly,
        None => Comparator::AtLeast,
    };
    let (value, upper) = match (comparator, numbers.get(1)) {
        (Comparator::Between, Some(second)) => {
            // «900-910 тысяч»: the multiplier of the second is the first's too.
            let scale = if first.scale == 1.0 {
                second.scale
            } else {
                first.scale
            };
            let (a, b) = (first.number * scale, second.value());
            (a.min(b), Some(a.max(b)))
        }
        _ => (first.value(), None),
    };
    let target = Target {
        comparator,
        value,
        upper,
        unit: unit.map(|(_, text)| text),
        out_of,
    };
    Some((target, implicit))
}

/// A number as written, the multiplier after it, and whether it was in words.
#[derive(Debug, Clone, Copy)]
struct Quantity {
    number: f64,
    scale: f64,
    in_words: bool,
}

impl Quantity {
    fn value(&self) -> f64 {
        self.number * self.scale
    }

    /// 1900…2100 with no multiplier: a year, unless a unit says otherwise.
    fn is_year(&self) -> bool {
        self.scale == 1.0 && self.number.fract() == 0.0 && (1900.0..=2100.0).contains(&self.number)
    }
}

/// A cell that speaks of roubles or of allotting funds.
fn speaks_of_money(text: &str) -> bool {
    let folded = fold_case(text);
    [
        "руб",
        "выдел",
        "финансир",
        "бюджет",
        "rouble",
        "ruble",
        "fund",
    ]
    .iter()
    .any(|w| folded.contains(w))
}

/// The comparator a kind of the grammar names; «до» after a word of growth
/// («довести … до 100%», «повышение … (до 75%)») is reaching the number.
fn comparator_of(kind: Rule, before: &str) -> Comparator {
    match kind {
        Rule::at_most => Comparator::AtMost,
        Rule::more => Comparator::More,
        Rule::less => Comparator::Less,
        Rule::until if grows(before) => Comparator::AtLeast,
        Rule::until => Comparator::Less,
        Rule::exactly | Rule::about => Comparator::Exactly,
        // A dash states a value after words («оценка - 8 баллов», «2017 г. -
        // 153 тыс. рублей»); at the start of a line it is a bullet.
        Rule::stated if !line_start(before) => Comparator::Exactly,
        _ => Comparator::AtLeast,
    }
}

/// Whether nothing but spaces stands before on its line.
fn line_start(before: &str) -> bool {
    before
        .rsplit('\n')
        .next()
        .unwrap_or_default()
        .trim()
        .is_empty()
}

/// Words of growth: what comes «до N» after them is reached, not stayed under.
fn grows(before: &str) -> bool {
    let folded = fold_case(before);
    [
        "повыш",
        "повыс",
        "довест",
        "довед",
        "довод",
        "увелич",
        "рост",
        "достиж",
        "достич",
        "increas",
        "rais",
        "reach",
        "grow",
    ]
    .iter()
    .any(|w| folded.contains(w))
}

/// A number in digits or words, with its «тыс.», «млн», «млрд», «трлн».
fn quantity(pair: Pair<'_, Rule>, english: bool) -> Option<Quantity> {
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

/// The unit as a reader names it: a sign, `руб.` for money, `раз/месяц` for
/// a frequency, `ОО` for «00», otherwise the words as written.
fn unit_of(pair: Pair<'_, Rule>, original: &str) -> Option<(Rule, String)> {
    let kind = match pair.as_rule() {
        Rule::unit => pair.into_inner().next()?,
        _ => pair,
    };
    let span = kind.as_span();
    let written = original.get(span.start()..span.end())?.trim();
    let rule = kind.as_rule();
    let unit = match rule {
        Rule::percent if written == "%" => "%".to_string(),
        Rule::zeros => "ОО".to_string(),
        Rule::money if written.is_ascii() => "RUB".to_string(),
        Rule::money => "руб.".to_string(),
        Rule::frequency => {
            let period = kind
                .into_inner()
                .find(|p| p.as_rule() == Rule::period_word)?
                .as_str()
                .to_lowercase();
            let times = if written.is_ascii() {
                "times"
            } else {
                "раз"
            };
            format!("{times}/{period}")
        }
        Rule::words => {
            // A dot ends the sentence, except after a short abbreviation («чел.»).
            let short = !written.contains(' ') && written.chars().count() <= 5;
            if short {
                written.to_string()
            } else {
                written.trim_end_matches('.').to_string()
            }
        }
        _ => written.to_string(),
    };
    Some((rule, unit))
}

/// The text without the brackets that lost their pair with a target cut
/// out: «2 раза в год (октябрь, апрель)» keeps «октябрь, апрель».
fn balanced(text: &str) -> String {
    let mut open = Vec::new();
    let mut drop = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '(' => open.push(i),
            ')' => match open.pop() {
                Some(_) => {}
                None => drop.push(i),
            },
            _ => {}
        }
    }
    drop.extend(open);
    text.char_indices()
        .filter(|(i, _)| !drop.contains(i))
        .map(|(_, c)| c)
        .collect()
}

/// The cell without its targets: what the quantities are of.
fn describe(original: &str, spans: &[std::ops::Range<usize>]) -> String {
    let mut rest = String::new();
    let mut at = 0;
    for span in spans {
        rest.push_str(original.get(at..span.start).unwrap_or_default());
        rest.push(' ');
        at = span.end;
    }
    rest.push_str(original.get(at..).unwrap_or_default());
    let words: Vec<&str> = rest.split_whitespace().collect();
    let rest = balanced(&words.join(" ").replace("( )", " ").replace("()", " "));
    let words: Vec<&str> = rest.split_whitespace().collect();
    let joined = words.join(" ");
    let tidy = joined
        .replace(" ,", ",")
        .replace(" ;", ";")
        .trim_matches(|c: char| matches!(c, ',' | ':' | ';' | '-' | '—' | '–' | '.' | ' ' | '='))
        .to_string();
    // A description left all in brackets: «(октябрь, апрель)».
    let tidy = match tidy.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        Some(inner) if !inner.contains(['(', ')']) => inner.trim().to_string(),
        _ => tidy,
    };
    let connective = tidy.split_whitespace().all(|w| {
        matches!(
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
                .as_str(),
            "" | "и" | "а" | "также" | "and" | "also"
        )
    });
    if connective {
        String::new()
    } else {
        tidy
    }
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
/// «год», «лет») named by hand, «процентов» and "percent" as `%`. Signs
/// (`%`, `₽`, `$`) are kept; punctuation around a word is not.
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
            if word.starts_with("процент") || word.starts_with("percent") {
                return "%".to_string();
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
        for text in ["не более 5 %", "не выше 5 %", "не больше 5%", "≤ 5 %"]
        {
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
        let long = "не менее 10 школ и 5 кураторов, ".repeat(2000);
        assert_eq!(parse(&long).targets.len(), 4000);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]
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
    fn forms_of_official_prose() {
        assert_eq!(
            one("Не менее чем 3 педагога"),
            (AtLeast, 3.0, unit("педагога"))
        );
        assert_eq!(one("не менее, чем в 80% ОО"), (AtLeast, 80.0, unit("%")));
        assert_eq!(one("не более чем на 10 %"), (AtMost, 10.0, unit("%")));
        assert_eq!(one("10 (десять) человек"), (AtLeast, 10.0, unit("человек")));
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
}

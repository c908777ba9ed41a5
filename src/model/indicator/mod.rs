//! Target indicators read as a person reads them: each quantity a cell states
//! (a comparator, a number, a unit) becomes a typed target that actual values
//! are measured against; the rest of the sentence stays the description.

mod describe;
mod numbers;
#[cfg(test)]
mod tests;
mod units;

pub use units::same_unit;

use crate::syntax::{fold_case, Spanned};
use describe::describe;
use numbers::{quantity, Quantity};
use pest::iterators::Pair;
use pest::Parser;
use pest_derive::Parser;
use serde::{Deserialize, Serialize};
use units::unit_of;

#[derive(Parser)]
#[grammar = "../grammar/indicator.pest"]
struct IndicatorParser;

/// How a target compares an actual value with its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    /// `не менее`, `не ниже`, `не реже`, `N и более`, `≥`, a bare number, and
    /// `до` after a word of growth: at least.
    AtLeast,
    /// `более`, `свыше`, `выше`, `>`: more than.
    More,
    /// `не более`, `не выше`, `≤`: at most.
    AtMost,
    /// `менее`, `ниже`, `до`, `<`: less than.
    Less,
    /// `=`, `равно`, `составит`, `около`, a value after a dash, a sum of
    /// money, `N из M`: exactly.
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
    /// Where in the cell it is written, in bytes.
    #[serde(skip)]
    pub at: std::ops::Range<usize>,
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
            let Some((mut target, bare)) = read_target(pair, original) else {
                continue;
            };
            target.at = span.start()..span.end();
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

    /// Where a target of this cell stands: its own words when the text read
    /// is the text written, else the whole cell (a template's parameter
    /// filled in).
    pub fn span_of(&self, target: &Target) -> crate::source::Span {
        let span = self.source.span;
        if span.end - span.start == self.source.text.len() && self.written(target).is_some() {
            span.sub(target.at.start, target.at.end)
        } else {
            span
        }
    }

    /// A target's words as written: «32 куратора».
    pub fn written(&self, target: &Target) -> Option<&str> {
        self.source.text.get(target.at.clone()).map(str::trim)
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
                Rule::once_word | Rule::twice_word => {
                    let times = if piece.as_rule() == Rule::once_word {
                        1.0
                    } else {
                        2.0
                    };
                    numbers.push(Quantity::plain(times));
                }
                Rule::period_word => {
                    let period = piece.as_str().to_lowercase();
                    unit = Some((Rule::frequency, format!("times/{period}")));
                }
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
    // «охват родителей … не менее 70 %»: the clause is about coverage, of at
    // least the number; «охват не более 5 %» stays a bound from above.
    let at_least = matches!(comparator, None | Some(Comparator::AtLeast));
    let coverage = at_least && (coverage || about_coverage(before));
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
        at: 0..0,
    };
    Some((target, implicit))
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

/// Whether the clause before a target names coverage: «охват родителей
/// (законных представителей) обучающихся не менее 70 %».
fn about_coverage(before: &str) -> bool {
    let clause = before.rsplit([';', '\n', '.']).next().unwrap_or_default();
    fold_case(clause)
        .split(|c: char| !c.is_alphabetic())
        .any(|w| w.starts_with("охват") || w.eq_ignore_ascii_case("coverage"))
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

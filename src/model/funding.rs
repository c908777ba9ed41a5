//! `финансирование:` lines: an amount of money as officials write it
//! («1 200,5 тыс. руб.», «2,5 млн руб.», «500 000 руб.»), its source
//! (federal, regional, municipal budget, extrabudgetary funds), optionally
//! the year it is for, or «-» when the activity needs no money; and the
//! sums per year and per source that the outputs show.

use super::{Activity, Roadmap};
use crate::lang::Lang;
use crate::syntax::Spanned;
use serde::Serialize;

/// Where the money comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Budget {
    Federal,
    Regional,
    Municipal,
    Extrabudgetary,
}

impl Budget {
    pub const ALL: [Budget; 4] = [
        Budget::Federal,
        Budget::Regional,
        Budget::Municipal,
        Budget::Extrabudgetary,
    ];

    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Budget::Federal, Lang::Ru) => "федеральный бюджет",
            (Budget::Regional, Lang::Ru) => "региональный бюджет",
            (Budget::Municipal, Lang::Ru) => "муниципальный бюджет",
            (Budget::Extrabudgetary, Lang::Ru) => "внебюджетные средства",
            (Budget::Federal, Lang::En) => "federal budget",
            (Budget::Regional, Lang::En) => "regional budget",
            (Budget::Municipal, Lang::En) => "municipal budget",
            (Budget::Extrabudgetary, Lang::En) => "extrabudgetary funds",
        }
    }
}

/// An amount of money in kopecks, so that sums are exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(pub i64);

impl Money {
    /// In roubles, as JSON gives it.
    pub fn roubles(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// `1 200 500,50 руб.` or `1,200,500.50 RUB`; whole roubles without kopecks.
    pub fn show(self, lang: Lang) -> String {
        let (group, decimal) = match lang {
            Lang::Ru => ('\u{a0}', ','),
            Lang::En => (',', '.'),
        };
        let whole = (self.0 / 100).unsigned_abs().to_string();
        let mut grouped = String::new();
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i).is_multiple_of(3) {
                grouped.push(group);
            }
            grouped.push(c);
        }
        let sign = if self.0 < 0 { "-" } else { "" };
        let kopecks = self.0.unsigned_abs() % 100;
        let fraction = if kopecks == 0 {
            String::new()
        } else {
            format!("{decimal}{kopecks:02}")
        };
        match lang {
            Lang::Ru => format!("{sign}{grouped}{fraction}\u{a0}руб."),
            Lang::En => format!("{sign}{grouped}{fraction}\u{a0}RUB"),
        }
    }
}

/// A `финансирование:` line, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Funding {
    pub source: Spanned,
    /// `2023: …`: the year the money is for, when the line says it.
    pub year: Option<i32>,
    pub amount: Option<Money>,
    pub budget: Option<Budget>,
    /// «-», «не требуется»: the activity needs no money.
    pub not_applicable: bool,
}

/// What is wrong with a `финансирование:` value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FundingError {
    #[error("a number without a currency")]
    NoCurrency,
    #[error("more than one amount")]
    SeveralAmounts,
    #[error("more than one source")]
    SeveralSources,
    #[error("the amount is too large")]
    TooLarge,
    #[error("a negative amount")]
    Negative,
    #[error("nothing after the year")]
    OnlyAYear,
}

impl FundingError {
    pub fn message(&self, lang: Lang) -> &'static str {
        match (self, lang) {
            (FundingError::NoCurrency, Lang::Ru) => {
                "сумма без единицы: рубли, тысячи или миллионы рублей?"
            }
            (FundingError::NoCurrency, Lang::En) => {
                "an amount without a unit: roubles, thousands or millions of roubles?"
            }
            (FundingError::SeveralAmounts, Lang::Ru) => "в одной строке несколько сумм",
            (FundingError::SeveralAmounts, Lang::En) => "several amounts on one line",
            (FundingError::SeveralSources, Lang::Ru) => "в одной строке несколько источников",
            (FundingError::SeveralSources, Lang::En) => "several sources on one line",
            (FundingError::TooLarge, Lang::Ru) => "сумма слишком велика",
            (FundingError::TooLarge, Lang::En) => "the amount is too large",
            (FundingError::Negative, Lang::Ru) => "сумма со знаком минус",
            (FundingError::Negative, Lang::En) => "a negative amount",
            (FundingError::OnlyAYear, Lang::Ru) => "после года ничего не написано",
            (FundingError::OnlyAYear, Lang::En) => "nothing is written after the year",
        }
    }
}

/// What a value says, without its span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Parsed {
    pub year: Option<i32>,
    pub amount: Option<Money>,
    pub budget: Option<Budget>,
    pub not_applicable: bool,
}

const NOT_APPLICABLE: [&str; 12] = [
    "",
    "не требуется",
    "не требует финансирования",
    "не требуются",
    "без финансирования",
    "без затрат",
    "не предусмотрено",
    "нет",
    "not required",
    "none",
    "n a",
    "no funding",
];

/// Reads a `финансирование:` value.
pub fn parse(text: &str) -> Result<Parsed, FundingError> {
    let (year, rest) = year_prefix(text);
    if year.is_some() && rest.trim().is_empty() {
        return Err(FundingError::OnlyAYear);
    }
    let words = normalize(rest);
    let mut parsed = Parsed {
        year,
        ..Parsed::default()
    };
    if NOT_APPLICABLE.contains(&words.trim()) {
        parsed.not_applicable = true;
        return Ok(parsed);
    }
    parsed.budget = budget(&words)?;
    parsed.amount = amount(rest)?;
    Ok(parsed)
}

/// `2023: …`, `2023 год — …`, `2023 г. - …`: the year and the rest.
fn year_prefix(text: &str) -> (Option<i32>, &str) {
    let text = text.trim();
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() != 4 || !(digits.starts_with("19") || digits.starts_with("20")) {
        return (None, text);
    }
    let mut rest = text[4..].trim_start();
    for word in ["годы", "года", "год", "г.", "г", "year"] {
        if let Some(r) = rest.strip_prefix(word) {
            rest = r.trim_start();
            break;
        }
    }
    for sep in [":", "—", "–", "-"] {
        if let Some(r) = rest.strip_prefix(sep) {
            return (digits.parse().ok(), r.trim_start());
        }
    }
    (None, text)
}

/// Lower case, «ё» as «е», punctuation as single spaces.
fn normalize(text: &str) -> String {
    let spaced: String = text
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ё' => 'е',
            c if c.is_alphanumeric() || c == '₽' => c,
            _ => ' ',
        })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The source a value names: by a word's start or an abbreviation.
fn budget(words: &str) -> Result<Option<Budget>, FundingError> {
    const STARTS: [(&str, Budget); 17] = [
        ("федеральн", Budget::Federal),
        ("federal", Budget::Federal),
        ("регионал", Budget::Regional),
        ("областн", Budget::Regional),
        ("краев", Budget::Regional),
        ("республиканск", Budget::Regional),
        ("regional", Budget::Regional),
        ("муниципал", Budget::Municipal),
        ("местн", Budget::Municipal),
        ("municipal", Budget::Municipal),
        ("local", Budget::Municipal),
        ("внебюджет", Budget::Extrabudgetary),
        ("extrabudget", Budget::Extrabudgetary),
        ("extra budget", Budget::Extrabudgetary),
        ("off budget", Budget::Extrabudgetary),
        ("спонсорск", Budget::Extrabudgetary),
        ("собственн", Budget::Extrabudgetary),
    ];
    const ABBREVIATIONS: [(&str, Budget); 6] = [
        ("фб", Budget::Federal),
        ("рб", Budget::Regional),
        ("об", Budget::Regional),
        ("мб", Budget::Municipal),
        ("вб", Budget::Extrabudgetary),
        ("вбс", Budget::Extrabudgetary),
    ];
    let mut found: Option<Budget> = None;
    let padded = format!(" {words}");
    let mut note = |b: Budget| -> Result<(), FundingError> {
        match found {
            Some(f) if f != b => Err(FundingError::SeveralSources),
            _ => {
                found = Some(b);
                Ok(())
            }
        }
    };
    for (start, b) in STARTS {
        if padded.contains(&format!(" {start}")) {
            note(b)?;
        }
    }
    for word in words.split(' ') {
        if let Some((_, b)) = ABBREVIATIONS.iter().find(|(a, _)| *a == word) {
            note(*b)?;
        }
    }
    Ok(found)
}

/// The amount a value names, in kopecks: a number (spaces between groups of
/// three digits, a decimal comma or point), an optional «тыс.», «млн», «млрд»
/// and a currency word.
fn amount(text: &str) -> Result<Option<Money>, FundingError> {
    let chars: Vec<char> = text.chars().collect();
    let Some(start) = chars.iter().position(char::is_ascii_digit) else {
        return Ok(None);
    };
    let before = chars[..start].iter().rev().find(|c| !c.is_whitespace());
    if matches!(before, Some('-' | '−' | '–'))
        && chars[..start]
            .iter()
            .all(|c| c.is_whitespace() || matches!(c, '-' | '−' | '–'))
    {
        return Err(FundingError::Negative);
    }
    let (mut whole, mut fraction) = (String::new(), String::new());
    let mut in_fraction = false;
    let mut at = start;
    let is_space = |c: char| matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}');
    let group_follows = |at: usize| {
        chars.len() >= at + 4
            && is_space(chars[at])
            && chars[at + 1..at + 4].iter().all(char::is_ascii_digit)
            && chars.get(at + 4).is_none_or(|c| !c.is_ascii_digit())
    };
    while at < chars.len() {
        let c = chars[at];
        if c.is_ascii_digit() {
            if in_fraction {
                fraction.push(c);
            } else {
                whole.push(c);
            }
        } else if !in_fraction
            && matches!(c, ',' | '.')
            && chars.get(at + 1).is_some_and(char::is_ascii_digit)
        {
            in_fraction = true;
        } else if in_fraction || !group_follows(at) {
            break;
        }
        at += 1;
    }
    let tail: String = chars[at..].iter().collect();
    let words = normalize(&tail);
    let mut words = words.split(' ').peekable();
    let mut multiplier: i128 = 1;
    if let Some(word) = words.peek() {
        let by = match *word {
            "тыс" | "тысяч" | "тысячи" | "тысяча" | "thousand" | "thousands" | "k" => {
                1_000
            }
            "млн" | "миллион" | "миллиона" | "миллионов" | "million" | "millions" | "mln" => {
                1_000_000
            }
            "млрд" | "миллиард" | "миллиарда" | "миллиардов" | "billion" | "bn" => {
                1_000_000_000
            }
            _ => 1,
        };
        if by > 1 {
            multiplier = by;
            words.next();
        }
    }
    let currency = words.next().is_some_and(|w| {
        matches!(
            w,
            "руб"
                | "рублей"
                | "рубля"
                | "рубль"
                | "р"
                | "₽"
                | "rub"
                | "rubles"
                | "roubles"
                | "ruble"
                | "rouble"
        )
    });
    if !currency {
        return Err(FundingError::NoCurrency);
    }
    if tail.chars().any(|c| c.is_ascii_digit()) {
        return Err(FundingError::SeveralAmounts);
    }
    let scale = 10i128
        .checked_pow(fraction.len() as u32)
        .ok_or(FundingError::TooLarge)?;
    let mantissa: i128 = format!("{whole}{fraction}")
        .parse()
        .map_err(|_| FundingError::TooLarge)?;
    let kopecks = mantissa
        .checked_mul(multiplier * 100)
        .ok_or(FundingError::TooLarge)?;
    let kopecks = (kopecks + scale / 2) / scale;
    i64::try_from(kopecks)
        .map(|k| Some(Money(k)))
        .map_err(|_| FundingError::TooLarge)
}

/// The sums of a roadmap's funding.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Totals {
    /// Per year (`None`: lines whose year is not known), in order of years.
    pub years: Vec<YearTotal>,
    pub total: Money,
    /// Per source over all years (`None`: no source written).
    pub by_budget: Vec<(Option<Budget>, Money)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct YearTotal {
    pub year: Option<i32>,
    pub total: Money,
    pub by_budget: Vec<(Option<Budget>, Money)>,
}

/// The year `interval` lies in, when it lies in one.
fn single_year(interval: Option<super::Interval>) -> Option<i32> {
    use chrono::Datelike;
    let i = interval?;
    (i.start.year() == i.end.year()).then(|| i.start.year())
}

/// The year a line of an activity (or of its stage) is for: the one it
/// writes; else its stage's label when that is a year; else the year its
/// window lies in.
fn year_of(line: &Funding, activity: &Activity, stage: Option<usize>) -> Option<i32> {
    if line.year.is_some() {
        return line.year;
    }
    let facts = match stage {
        Some(s) => {
            let label = activity.stages[s].label.text.trim();
            if label.len() == 4 && label.bytes().all(|b| b.is_ascii_digit()) {
                return label.parse().ok();
            }
            &activity.stages[s].facts
        }
        None => &activity.facts,
    };
    single_year(match stage {
        Some(_) => facts.window(),
        None => facts.window().or_else(|| activity.window()),
    })
}

/// Every funding line of a roadmap with the year it counts for: as
/// [`year_of`] finds it, else the year of a one-year roadmap.
pub fn lines(roadmap: &Roadmap) -> Vec<(&Funding, Option<i32>)> {
    let period = single_year(roadmap.period.map(|(p, _)| p));
    let mut out: Vec<(&Funding, Option<i32>)> = roadmap
        .sections
        .iter()
        .flat_map(|s| s.funding.iter().map(|f| (f, f.year)))
        .collect();
    for activity in &roadmap.activities {
        out.extend(
            activity
                .facts
                .funding
                .iter()
                .map(|f| (f, year_of(f, activity, None))),
        );
        for (i, stage) in activity.stages.iter().enumerate() {
            out.extend(
                stage
                    .facts
                    .funding
                    .iter()
                    .map(|f| (f, year_of(f, activity, Some(i)))),
            );
        }
    }
    for (_, year) in &mut out {
        *year = year.or(period);
    }
    out
}

/// The sums per year and per source; `None` when the roadmap has no amount.
pub fn totals(roadmap: &Roadmap) -> Option<Totals> {
    let mut totals = Totals::default();
    let add =
        |list: &mut Vec<(Option<Budget>, Money)>, budget: Option<Budget>, amount: Money| match list
            .iter_mut()
            .find(|(b, _)| *b == budget)
        {
            Some((_, sum)) => sum.0 += amount.0,
            None => list.push((budget, amount)),
        };
    for (line, year) in lines(roadmap) {
        let Some(amount) = line.amount else { continue };
        let index = match totals.years.iter().position(|y| y.year == year) {
            Some(i) => i,
            None => {
                totals.years.push(YearTotal {
                    year,
                    total: Money(0),
                    by_budget: Vec::new(),
                });
                totals.years.len() - 1
            }
        };
        let entry = &mut totals.years[index];
        entry.total.0 += amount.0;
        add(&mut entry.by_budget, line.budget, amount);
        totals.total.0 += amount.0;
        add(&mut totals.by_budget, line.budget, amount);
    }
    if totals.years.is_empty() {
        return None;
    }
    // Years in order, the unknown year last; sources in the order of `Budget::ALL`.
    totals
        .years
        .sort_by_key(|y| (y.year.is_none(), y.year.unwrap_or_default()));
    for list in std::iter::once(&mut totals.by_budget)
        .chain(totals.years.iter_mut().map(|y| &mut y.by_budget))
    {
        list.sort_by_key(|(b, _)| (b.is_none(), *b));
    }
    Some(totals)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(text: &str) -> i64 {
        parse(text).unwrap().amount.unwrap().0
    }

    #[test]
    fn amounts_as_officials_write_them() {
        assert_eq!(money("1 200,5 тыс. руб."), 120_050_000);
        assert_eq!(money("2,5 млн руб."), 250_000_000);
        assert_eq!(money("500 000 руб."), 50_000_000);
        assert_eq!(money("500\u{a0}000,50 рублей"), 50_000_050);
        assert_eq!(money("150,0 тыс. рублей"), 15_000_000);
        assert_eq!(money("12 тысяч рублей"), 1_200_000);
        assert_eq!(money("3 млрд руб"), 300_000_000_000);
        assert_eq!(money("1500 ₽"), 150_000);
    }

    #[test]
    fn amounts_in_english() {
        assert_eq!(money("1 200.5 thousand RUB"), 120_050_000);
        assert_eq!(money("2.5 million roubles"), 250_000_000);
        assert_eq!(money("500 000 rub, federal budget"), 50_000_000);
    }

    #[test]
    fn sources_in_russian() {
        let budget = |t: &str| parse(t).unwrap().budget;
        assert_eq!(
            budget("100 тыс. руб., федеральный бюджет"),
            Some(Budget::Federal)
        );
        assert_eq!(
            budget("областной бюджет: 100 тыс. руб."),
            Some(Budget::Regional)
        );
        assert_eq!(budget("100 тыс. руб. (МБ)"), Some(Budget::Municipal));
        assert_eq!(budget("средства местного бюджета"), Some(Budget::Municipal));
        assert_eq!(
            budget("Внебюджетные средства"),
            Some(Budget::Extrabudgetary)
        );
        assert_eq!(budget("100 тыс. руб."), None);
    }

    #[test]
    fn sources_in_english() {
        let budget = |t: &str| parse(t).unwrap().budget;
        assert_eq!(
            budget("regional budget, 100 thousand RUB"),
            Some(Budget::Regional)
        );
        assert_eq!(budget("Extrabudgetary funds"), Some(Budget::Extrabudgetary));
        assert_eq!(budget("local budget"), Some(Budget::Municipal));
    }

    #[test]
    fn not_applicable() {
        for text in [
            "-",
            "—",
            "не требуется",
            "Не требует финансирования",
            "not required",
            "n/a",
        ] {
            assert!(parse(text).unwrap().not_applicable, "{text}");
        }
        assert!(!parse("100 руб.").unwrap().not_applicable);
    }

    #[test]
    fn a_year_before_the_amount() {
        let p = parse("2023: 1 200,5 тыс. руб., региональный бюджет").unwrap();
        assert_eq!(
            (p.year, p.amount, p.budget),
            (Some(2023), Some(Money(120_050_000)), Some(Budget::Regional))
        );
        assert_eq!(parse("2024 год — 100 руб.").unwrap().year, Some(2024));
        assert_eq!(parse("2024 — -").unwrap().year, Some(2024));
        assert!(parse("2024 — -").unwrap().not_applicable);
        assert_eq!(parse("2024: 5 руб.").unwrap().amount, Some(Money(500)));
    }

    #[test]
    fn what_cannot_be_read() {
        assert_eq!(parse("150,0"), Err(FundingError::NoCurrency));
        assert_eq!(parse("150 тыс."), Err(FundingError::NoCurrency));
        assert_eq!(
            parse("100 руб. и 200 руб."),
            Err(FundingError::SeveralAmounts)
        );
        assert_eq!(
            parse("федеральный и региональный бюджет"),
            Err(FundingError::SeveralSources)
        );
        assert_eq!(
            parse("99999999999999999999999 руб."),
            Err(FundingError::TooLarge)
        );
        assert_eq!(
            parse("в рамках текущего финансирования"),
            Ok(Parsed::default())
        );
    }

    #[test]
    fn money_is_shown_as_people_read_it() {
        assert_eq!(
            Money(120_050_000).show(Lang::Ru),
            "1\u{a0}200\u{a0}500\u{a0}руб."
        );
        assert_eq!(Money(120_050_050).show(Lang::En), "1,200,500.50\u{a0}RUB");
        assert_eq!(Money(5).show(Lang::Ru), "0,05\u{a0}руб.");
    }
}

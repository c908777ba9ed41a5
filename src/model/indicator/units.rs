//! Units: what a cell's number counts, named as a reader names it, and
//! whether two units are the same whatever their grammatical form.

use super::Rule;
use pest::iterators::Pair;

/// The unit as a reader names it: a sign, `руб.` for money, `раз/месяц` for
/// a frequency, `ОО` for «00», otherwise the words as written.
pub(super) fn unit_of(pair: Pair<'_, Rule>, original: &str) -> Option<(Rule, String)> {
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

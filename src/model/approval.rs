//! The `утверждена:` line: the approving document's number and date as
//! officials write them («№ 52-а», «N 52», «от 14.03.2022», «от «14» марта
//! 2022 г.»), and the blanks of a form nobody filled in («№ __», «от «__»
//! ______ 2022 г.»), which are warned about instead of being dropped.

use super::timing;
use std::ops::Range;

/// What the line says about its number or its date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Written out; the range of its text in the line.
    Written(Range<usize>),
    /// Only the blank of a form: underscores, dashes or dots; the range
    /// covers the mark («№», «от») and the blank.
    Blank(Range<usize>),
}

/// The number and the date of an approval line, as found in its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub number: Option<Part>,
    pub date: Option<Part>,
}

/// Reads the line. The number follows «№», «No.», «No», «#» or a lone Latin
/// or Cyrillic «N»/«Н» before a digit; the date follows «от», «of» or
/// «dated». Each runs to the other's mark or to the end of the line.
pub fn find(text: &str) -> Found {
    let number = number_mark(text).map(|(mark, value)| part(text, mark, value));
    let date = date_mark(text).map(|(mark, value)| part(text, mark, value));
    Found { number, date }
}

fn part(text: &str, mark: usize, value: Range<usize>) -> Part {
    let written = &text[value.clone()];
    if written.is_empty() || is_blank(written) {
        Part::Blank(mark..value.end.max(mark + 1))
    } else {
        Part::Written(value)
    }
}

/// Underscores and the like, with at most quotes, a year and «г.» around
/// them: «__», «_____», ««__» ______ 2022 г.».
fn is_blank(written: &str) -> bool {
    written.contains(['_', '…'])
        || written
            .chars()
            .all(|c| matches!(c, '-' | '.' | ' ' | '«' | '»' | '"'))
}

/// The characters that end a number or a date: the other's mark, a comma.
fn value_end(text: &str, from: usize) -> usize {
    let rest = &text[from..];
    // «№ от 14.03.2022»: the number is left out, the date follows at once.
    let folded = crate::syntax::fold_case(rest);
    if ["от ", "of ", "dated "]
        .iter()
        .any(|w| folded.starts_with(w))
    {
        return from;
    }
    let mut end = rest.len();
    for stop in [
        " от ", " of ", " dated ", " №", " No", " N ", ",", ";", " (", " Н ",
    ] {
        if let Some(at) = rest.find(stop) {
            end = end.min(at);
        }
    }
    let value = rest[..end].trim_end();
    from + value.len()
}

fn skip_spaces(text: &str, from: usize) -> usize {
    from + (text[from..].len() - text[from..].trim_start().len())
}

/// Whether the character before `at` ends a word (or there is none).
fn word_starts(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

fn number_mark(text: &str) -> Option<(usize, Range<usize>)> {
    // Both keep every character's byte length, so offsets stay valid.
    let folded = crate::syntax::fold_case(text).to_ascii_lowercase();
    for (at, c) in folded.char_indices() {
        let mark_len = match c {
            '№' | '#' => c.len_utf8(),
            'n' | 'н' if word_starts(text, at) => {
                let after = &folded[at + c.len_utf8()..];
                if let Some(rest) = after.strip_prefix("o.").or(after.strip_prefix('o')) {
                    if rest.starts_with([' ', '\u{a0}'])
                        || rest.starts_with(|c: char| c.is_ascii_digit())
                    {
                        after.len() - rest.len() + c.len_utf8()
                    } else {
                        continue;
                    }
                } else {
                    // A lone «N 52» / «N52» / «Н 52»: a letter that is its
                    // own word, then a digit.
                    let rest = after.trim_start();
                    let lone = after.is_empty()
                        || after.starts_with(' ')
                        || after.starts_with(|c: char| c.is_ascii_digit());
                    if lone && rest.starts_with(|c: char| c.is_ascii_digit() || c == '_') {
                        c.len_utf8()
                    } else {
                        continue;
                    }
                }
            }
            _ => continue,
        };
        let start = skip_spaces(text, at + mark_len);
        return Some((at, start..value_end(text, start).max(start)));
    }
    None
}

fn date_mark(text: &str) -> Option<(usize, Range<usize>)> {
    let folded = crate::syntax::fold_case(text);
    for mark in ["от", "of", "dated"] {
        let mut from = 0;
        while let Some(found) = folded[from..].find(mark) {
            let at = from + found;
            from = at + mark.len();
            let after = &text[at + mark.len()..];
            if !word_starts(text, at) || !after.starts_with(' ') {
                continue;
            }
            let start = skip_spaces(text, at + mark.len());
            // A date starts with a digit, a quote or a form's blank;
            // «отдела», «от имени» are not dates.
            if !text[start..]
                .starts_with(|c: char| c.is_ascii_digit() || matches!(c, '«' | '"' | '_'))
            {
                continue;
            }
            return Some((at, start..value_end(text, start).max(start)));
        }
    }
    None
}

const MONTHS: [[&str; 2]; 12] = [
    ["января", "january"],
    ["февраля", "february"],
    ["марта", "march"],
    ["апреля", "april"],
    ["мая", "may"],
    ["июня", "june"],
    ["июля", "july"],
    ["августа", "august"],
    ["сентября", "september"],
    ["октября", "october"],
    ["ноября", "november"],
    ["декабря", "december"],
];

/// The date written after «от»: «14.03.2022», «14.03.2022 г.», «14 марта
/// 2022 г.», «"14" марта 2022 года», «14 March 2022».
pub fn date(written: &str) -> Option<chrono::NaiveDate> {
    let cleaned: String = written
        .chars()
        .map(|c| {
            if matches!(c, '«' | '»' | '"') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut words: Vec<&str> = cleaned.split_whitespace().collect();
    while let Some(last) = words.last() {
        let bare = last.trim_end_matches(['.', ',']);
        if matches!(bare, "г" | "года" | "год" | "") {
            words.pop();
        } else {
            break;
        }
    }
    match words.as_slice() {
        [one] => timing::parse_date(one.trim_end_matches(['.', ',', 'г'])),
        [day, month, year] => {
            let day: u32 = day.parse().ok()?;
            let year: i32 = year.trim_end_matches(['.', ',', 'г']).parse().ok()?;
            let month = month.to_lowercase();
            let month = MONTHS
                .iter()
                .position(|names| names.contains(&month.as_str()))?;
            chrono::NaiveDate::from_ymd_opt(year, month as u32 + 1, day)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(text: &str, part: Option<Part>) -> Option<&str> {
        match part? {
            Part::Written(r) => Some(&text[r]),
            Part::Blank(_) => None,
        }
    }

    #[test]
    fn number_and_date_in_either_order() {
        for (text, number, date) in [
            ("приказ № 52-а от 14.03.2022", "52-а", "14.03.2022"),
            ("order No. 7 of 01.02.2022", "7", "01.02.2022"),
            (
                "приказ отдела образования от 14.03.2022 № 52-а",
                "52-а",
                "14.03.2022",
            ),
            ("приказ N 52 от 14.03.2022", "52", "14.03.2022"),
            ("приказ Н 52 от 14.03.2022 г.", "52", "14.03.2022 г."),
            ("распоряжение от 05.06.2020 №Р-315", "Р-315", "05.06.2020"),
            (
                "приказ от «14» марта 2022 г. № 7",
                "7",
                "«14» марта 2022 г.",
            ),
        ] {
            let found = find(text);
            assert_eq!(written(text, found.number), Some(number), "{text}");
            assert_eq!(written(text, found.date), Some(date), "{text}");
        }
        assert_eq!(find("решение совета"), Found::default());
        // «от» in a word or before words is not a date.
        assert_eq!(find("приказ отдела образования").date, None);
        assert_eq!(find("письмо от имени министра").date, None);
    }

    #[test]
    fn blanks_of_a_form_are_found_as_blanks() {
        let text = "приказ № __ от «__» ______ 2022 г.";
        let found = find(text);
        assert!(
            matches!(found.number, Some(Part::Blank(ref r)) if text[r.clone()].starts_with('№'))
        );
        assert!(
            matches!(found.date, Some(Part::Blank(ref r)) if text[r.clone()].starts_with("от"))
        );
        assert!(matches!(find("приказ №").number, Some(Part::Blank(_))));
        let text = "приказ № от 14.03.2022";
        let found = find(text);
        assert!(matches!(found.number, Some(Part::Blank(_))), "{found:?}");
        assert_eq!(written(text, found.date), Some("14.03.2022"));
    }

    #[test]
    fn dates_in_words_and_figures() {
        let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(date("14.03.2022"), d(2022, 3, 14));
        assert_eq!(date("14.03.2022 г."), d(2022, 3, 14));
        assert_eq!(date("«14» марта 2022 г."), d(2022, 3, 14));
        assert_eq!(date("14 марта 2022 года"), d(2022, 3, 14));
        assert_eq!(date("14 March 2022"), d(2022, 3, 14));
        assert_eq!(date("31 февраля 2022"), None);
        assert_eq!(date("14.3"), None);
    }
}

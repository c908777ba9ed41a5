//! Why a timing could not be resolved: the error kinds, what could have stood at the bad spot, and the messages in both languages.

use std::fmt;
use std::ops::Range;

use chrono::NaiveDate;

use super::interval::{DateFmt, Interval};
use super::suggest::{closest_keyword, digits_for_lookalikes, with_year};
use super::{MAX_OCCURRENCES, MAX_YEAR, MIN_YEAR};
use crate::lang::Lang;

/// Why a timing cell could not be resolved, and where in its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimingError {
    pub kind: TimingErrorKind,
    /// Byte offsets into the input text, pointing at the offending part.
    pub span: Range<usize>,
}

impl TimingError {
    /// One sentence in the user's terms.
    pub fn message(&self, lang: Lang) -> String {
        self.kind.message(lang)
    }

    /// How to fix it.
    pub fn help(&self, lang: Lang) -> Option<String> {
        self.kind.help(lang)
    }
}

impl fmt::Display for TimingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.kind.message(Lang::Ru))
    }
}

impl std::error::Error for TimingError {}

/// What kind of thing could come where a timing stopped making sense.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum Expected {
    Date,
    Month,
    Quarter,
    HalfYear,
    Year,
    SchoolYear,
    Dash,
    Separator,
    Deadline,
    Frequency,
    Times,
    Unit,
    NoFixedDate,
    End,
}

impl Expected {
    /// What may start a timing.
    pub const ANY_TIMING: &'static [Expected] = &[
        Expected::Date,
        Expected::Month,
        Expected::Quarter,
        Expected::Year,
        Expected::Deadline,
        Expected::Frequency,
        Expected::NoFixedDate,
    ];

    /// What may start a roadmap's period.
    pub const ANY_PERIOD: &'static [Expected] =
        &[Expected::Date, Expected::Year, Expected::SchoolYear];

    /// In words.
    pub fn describe(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Expected::Date, Lang::Ru) => "дата (01.03.2022)",
            (Expected::Date, Lang::En) => "a date (01.03.2022)",
            (Expected::Month, Lang::Ru) => "месяц («март»)",
            (Expected::Month, Lang::En) => "a month (“March”)",
            (Expected::Quarter, Lang::Ru) => "квартал («II квартал»)",
            (Expected::Quarter, Lang::En) => "a quarter (“Q2”)",
            (Expected::HalfYear, Lang::Ru) => "полугодие («I полугодие»)",
            (Expected::HalfYear, Lang::En) => "a half-year (“H1”)",
            (Expected::Year, Lang::Ru) => "год из четырёх цифр (2022)",
            (Expected::Year, Lang::En) => "a four-digit year (2022)",
            (Expected::SchoolYear, Lang::Ru) => "учебный год («2021/2022 учебный год»)",
            (Expected::SchoolYear, Lang::En) => "a school year (“school year 2021/2022”)",
            (Expected::Dash, Lang::Ru) => "тире и конец промежутка",
            (Expected::Dash, Lang::En) => "a dash and the end of the range",
            (Expected::Separator, Lang::Ru) => "запятая и ещё один срок",
            (Expected::Separator, Lang::En) => "a comma and another date",
            (Expected::Deadline, Lang::Ru) => "«до» с датой",
            (Expected::Deadline, Lang::En) => "“by” with a date",
            (Expected::Frequency, Lang::Ru) => "повторение («ежемесячно»)",
            (Expected::Frequency, Lang::En) => "a frequency (“monthly”)",
            (Expected::Times, Lang::Ru) => "сколько раз («2 раза»)",
            (Expected::Times, Lang::En) => "how many times (“2 times”)",
            (Expected::Unit, Lang::Ru) => "неделя, месяц, квартал, полугодие или год",
            (Expected::Unit, Lang::En) => "a week, month, quarter, half-year or year",
            (Expected::NoFixedDate, Lang::Ru) => {
                "срок без даты («по графику», «по заявкам», «постоянно»)"
            }
            (Expected::NoFixedDate, Lang::En) => {
                "no fixed date (“according to schedule”, “on request”, “continuously”)"
            }
            (Expected::End, Lang::Ru) => "конец срока",
            (Expected::End, Lang::En) => "the end of the timing",
        }
    }
}

/// What is wrong with a timing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimingErrorKind {
    /// Text that is not a timing; `expected` lists what could come at `span.start`. Also used for empty input.
    /// `found` is the word at `span.start` ("" at the end of the text).
    Syntax {
        found: String,
        expected: Vec<Expected>,
    },
    /// A month / date / «в течение года» without a year in a roadmap whose period spans several years.
    /// `school` holds the first calendar years of the two school years a
    /// school-calendar word («зимние каникулы») could mean.
    AmbiguousYear {
        text: String,
        first: i32,
        last: i32,
        school: Option<(i32, i32)>,
    },
    /// No year anywhere and the roadmap has no period.
    NoYear { text: String },
    /// «в течение учебного года» when the roadmap's period is not exactly one school year.
    AmbiguousSchoolYear,
    /// 31.02.2022, month 13, quarter V, year 99999999...
    InvalidDate { text: String },
    /// A range whose end comes before its start.
    Reversed { start: NaiveDate, end: NaiveDate },
    /// «весь период», «с 2023 года»: the timing runs to the end of the roadmap's period, and the roadmap has none.
    NoPeriod { text: String },
    /// «с 2023 года» in a roadmap that ends before 2023; «ежегодно в мае» in a period without a May.
    OutsidePeriod { text: String, period: Interval },
    /// «2021/2023 учебный год»: the two years of a school year must be consecutive.
    InvalidSchoolYear { text: String },
    /// «3 неделя»: the number of a week with no month (a length is «3 недели»).
    WeekWithoutMonth { text: String, week: u32 },
    /// A recurrence with more than [`MAX_OCCURRENCES`] occurrences («еженедельно» over two centuries).
    TooManyOccurrences { text: String, count: usize },
}

impl TimingErrorKind {
    /// One sentence in the user's terms, Russian or English.
    pub fn message(&self, lang: Lang) -> String {
        use TimingErrorKind as K;
        match (self, lang) {
            (K::Syntax { found, .. }, Lang::Ru) if digits_for_lookalikes(found).is_some() => {
                format!("В числе «{found}» вместо цифры набрана буква.")
            }
            (K::Syntax { found, .. }, Lang::En) if digits_for_lookalikes(found).is_some() => {
                format!("The number “{found}” has a letter where a digit should be.")
            }
            (K::Syntax { found, expected }, Lang::Ru) if found.is_empty() => {
                format!("Срок не указан или не дописан: ожидается {}.", or_list(expected, lang))
            }
            (K::Syntax { found, expected }, Lang::Ru) => format!(
                "Не удалось прочитать срок на месте «{found}»: здесь ожидается {}.",
                or_list(expected, lang)
            ),
            (K::Syntax { found, expected }, Lang::En) if found.is_empty() => format!(
                "The timing is missing or cut short: expected {}.",
                or_list(expected, lang)
            ),
            (K::Syntax { found, expected }, Lang::En) => format!(
                "Could not read the timing at “{found}”: expected {}.",
                or_list(expected, lang)
            ),
            (K::AmbiguousYear { text, first, last, school }, Lang::Ru) => format!(
                "В сроке «{text}» не указан {}, а карта рассчитана {}: непонятно, какой {} имеется в виду.",
                if school.is_some() { "учебный год" } else { "год" },
                if first == last { format!("на {first} год") } else { format!("на {first}–{last} годы") },
                if school.is_some() { "учебный год" } else { "год" },
            ),
            (K::AmbiguousYear { text, first, last, school }, Lang::En) => format!(
                "The timing “{text}” does not say which {}, and the roadmap covers {}, so it is unclear which {} is meant.",
                if school.is_some() { "school year" } else { "year" },
                if first == last { first.to_string() } else { format!("{first}–{last}") },
                if school.is_some() { "school year" } else { "year" },
            ),
            (K::NoYear { text }, Lang::Ru) => {
                format!("В сроке «{text}» не указан год, а у карты не указан период.")
            }
            (K::NoYear { text }, Lang::En) => {
                format!("The timing “{text}” does not say which year, and the roadmap has no period.")
            }
            (K::AmbiguousSchoolYear, Lang::Ru) => "Непонятно, какой учебный год имеется в виду: период карты — не один учебный год (с 1 сентября по 31 августа).".to_string(),
            (K::AmbiguousSchoolYear, Lang::En) => "It is unclear which school year is meant: the roadmap's period is not one school year (1 September to 31 August).".to_string(),
            (K::InvalidDate { text }, Lang::Ru) if is_number(text) => format!(
                "Год «{text}» не подходит: годы пишутся от {MIN_YEAR} до {MAX_YEAR}."
            ),
            (K::InvalidDate { text }, Lang::En) if is_number(text) => format!(
                "The year “{text}” is out of range: years run from {MIN_YEAR} to {MAX_YEAR}."
            ),
            (K::InvalidDate { text }, Lang::Ru) => format!("Такой даты нет в календаре: «{text}»."),
            (K::InvalidDate { text }, Lang::En) => format!("There is no such date: “{text}”."),
            (K::Reversed { start, end }, Lang::Ru) => format!(
                "Срок кончается ({}) раньше, чем начинается ({}).",
                DateFmt(*end),
                DateFmt(*start)
            ),
            (K::Reversed { start, end }, Lang::En) => format!(
                "The range ends ({}) before it starts ({}).",
                DateFmt(*end),
                DateFmt(*start)
            ),
            (K::NoPeriod { text }, Lang::Ru) => format!(
                "Срок «{text}» длится до конца периода карты, а период карты не указан."
            ),
            (K::NoPeriod { text }, Lang::En) => format!(
                "The timing “{text}” runs to the end of the roadmap's period, and the roadmap has no period."
            ),
            (K::OutsidePeriod { text, period }, Lang::Ru) => {
                format!("Срок «{text}» не попадает в период карты ({period}).")
            }
            (K::OutsidePeriod { text, period }, Lang::En) => {
                format!("The timing “{text}” falls outside the roadmap's period ({period}).")
            }
            (K::InvalidSchoolYear { text }, Lang::Ru) => format!(
                "Учебный год «{text}» невозможен: второй год должен идти сразу за первым."
            ),
            (K::InvalidSchoolYear { text }, Lang::En) => format!(
                "The school year “{text}” is impossible: the second year must come right after the first."
            ),
            (K::WeekWithoutMonth { text, .. }, Lang::Ru) => format!(
                "В сроке «{text}» указан номер недели, но не указан месяц (продолжительность пишется «3 недели», «5 недель»)."
            ),
            (K::WeekWithoutMonth { text, .. }, Lang::En) => format!(
                "The timing “{text}” names a week by its number but not its month (a length is written “3 weeks”)."
            ),
            (K::TooManyOccurrences { text, count }, Lang::Ru) => format!(
                "Повторение «{text}» даёт слишком много сроков: {}, а можно не больше {}.",
                thousands(*count, ' '),
                thousands(MAX_OCCURRENCES, ' ')
            ),
            (K::TooManyOccurrences { text, count }, Lang::En) => format!(
                "The recurrence “{text}” gives {} occurrences, more than the {} allowed.",
                thousands(*count, ','),
                thousands(MAX_OCCURRENCES, ',')
            ),
        }
    }

    /// How to fix it, e.g. «Укажите год: «сентябрь 2021 года».»
    pub fn help(&self, lang: Lang) -> Option<String> {
        use TimingErrorKind as K;
        if let K::Syntax { found, .. } = self {
            if let Some(fixed) = digits_for_lookalikes(found) {
                return Some(match lang {
                    Lang::Ru => format!("Исправьте на «{fixed}»."),
                    Lang::En => format!("Write “{fixed}”."),
                });
            }
            if let Some(word) = closest_keyword(found) {
                return Some(match lang {
                    Lang::Ru => format!("Возможно, имелось в виду «{word}»."),
                    Lang::En => format!("Perhaps “{word}” was meant."),
                });
            }
        }
        Some(match (self, lang) {
            (K::Syntax { .. }, Lang::Ru) => "Примеры сроков: «март 2022 года», «до 01.03.2022», «II квартал 2022 года», «17.01. – 04.02.2022», «ежемесячно», «по графику».".to_string(),
            (K::Syntax { .. }, Lang::En) => "Examples: “March 2022”, “by 01.03.2022”, “Q2 2022”, “17.01. – 04.02.2022”, “monthly”, “according to schedule”.".to_string(),
            (K::AmbiguousYear { text, school: Some((a, b)), .. }, _) => {
                let (a, b) = (with_school_year(text, *a), with_school_year(text, *b));
                match lang {
                    Lang::Ru => format!("Укажите учебный год: «{a}» или «{b}»."),
                    Lang::En => format!("Name the school year: “{a}” or “{b}”."),
                }
            }
            (K::AmbiguousYear { text, first, last, .. }, _) => {
                let a = with_year(text, *first);
                let b = with_year(text, *last);
                match lang {
                    Lang::Ru => format!("Укажите год: «{a}» или «{b}»."),
                    Lang::En => format!("Add the year: “{a}” or “{b}”."),
                }
            }
            (K::NoYear { text }, Lang::Ru) => format!(
                "Укажите год в сроке («{}») или период карты в заголовке («период: ГГГГ»), подставив вместо ГГГГ год.",
                with_year(text, "ГГГГ")
            ),
            (K::NoYear { text }, Lang::En) => format!(
                "Add the year (“{}”) or the roadmap's period in its header (“period: YYYY”), with the year in place of YYYY.",
                with_year(text, "YYYY")
            ),
            (K::AmbiguousSchoolYear, Lang::Ru) => "Назовите учебный год: «в течение 2021/2022 учебного года».".to_string(),
            (K::AmbiguousSchoolYear, Lang::En) => "Name the school year: “during school year 2021/2022”.".to_string(),
            (K::InvalidDate { .. }, Lang::Ru) => "Проверьте число и месяц (в феврале 28 дней, в високосный год 29; в апреле, июне, сентябре и ноябре — 30), номер квартала (I–IV), полугодия (1–2) и год (от 1900 до 2200).".to_string(),
            (K::InvalidDate { .. }, Lang::En) => "Check the day and month (February has 28 days, 29 in a leap year; April, June, September and November have 30), the quarter (1–4), the half-year (1–2) and the year (1900 to 2200).".to_string(),
            (K::Reversed { .. }, Lang::Ru) => "Поменяйте даты местами, а если срок переходит через Новый год, укажите оба года: «ноябрь 2021 – февраль 2022».".to_string(),
            (K::Reversed { .. }, Lang::En) => "Swap the two ends, or, if the range crosses the New Year, write both years: “November 2021 – February 2022”.".to_string(),
            (K::NoPeriod { .. }, Lang::Ru) => "Укажите период карты в заголовке («период: 2022–2024») или конец срока («с 2023 по 2024 год»).".to_string(),
            (K::NoPeriod { .. }, Lang::En) => "Add the roadmap's period to its header (“period: 2022–2024”) or an end (“from 2023 to 2024”).".to_string(),
            (K::OutsidePeriod { .. }, Lang::Ru) => "Проверьте год в сроке и период карты в заголовке.".to_string(),
            (K::OutsidePeriod { .. }, Lang::En) => "Check the year here and the period in the roadmap's header.".to_string(),
            (K::InvalidSchoolYear { .. }, Lang::Ru) => "Например: «2021/2022 учебный год».".to_string(),
            (K::InvalidSchoolYear { .. }, Lang::En) => "For example: “school year 2021/2022”.".to_string(),
            (K::WeekWithoutMonth { text, week }, _) => {
                let (month, length) = if is_cyrillic(text) {
                    let weeks = if (2..=4).contains(&(week % 10)) && !(12..=14).contains(&(week % 100)) {
                        "недели"
                    } else {
                        "недель"
                    };
                    (format!("{} сентября", text.trim()), format!("{week} {weeks}"))
                } else {
                    let th = match (week % 10, week % 100) {
                        (_, 11..=13) => "th",
                        (1, _) => "st",
                        (2, _) => "nd",
                        (3, _) => "rd",
                        _ => "th",
                    };
                    (format!("{week}{th} week of September"), format!("{week} weeks"))
                };
                match lang {
                    Lang::Ru => format!("Укажите месяц: «{month}»; если имеется в виду продолжительность — «{length}»."),
                    Lang::En => format!("Add the month: “{month}”; for a length, write “{length}”."),
                }
            }
            (K::TooManyOccurrences { .. }, Lang::Ru) => "Укажите, в какое время повторять, например «еженедельно в течение 2022 года», и проверьте период карты.".to_string(),
            (K::TooManyOccurrences { .. }, Lang::En) => "Say when it repeats, e.g. “weekly during 2022”, and check the roadmap's period.".to_string(),
        })
    }
}

/// Whether `text` is written in Russian, so a suggestion follows it.
fn is_cyrillic(text: &str) -> bool {
    text.chars().any(|c| ('\u{400}'..='\u{4FF}').contains(&c))
}

/// «зимние каникулы» → «зимние каникулы 2021/2022 учебного года»; “winter
/// holidays” → “winter holidays of school year 2021/2022”.
fn with_school_year(text: &str, first: i32) -> String {
    let t = text.trim();
    let second = first.saturating_add(1);
    if is_cyrillic(t) {
        format!("{t} {first}/{second} учебного года")
    } else {
        format!("{t} of school year {first}/{second}")
    }
}

/// Whether `text` is all digits (a year on its own).
pub(super) fn is_number(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_digit())
}

/// `10488` → `10 488` (with `sep` between thousands).
pub(super) fn thousands(n: usize, sep: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    // Digits left before the next separator.
    let mut left = match digits.len() % 3 {
        0 => 3,
        r => r,
    };
    for c in digits.chars() {
        if left == 0 {
            out.push(sep);
            left = 3;
        }
        out.push(c);
        left -= 1;
    }
    out
}

/// «a, b или c» / “a, b or c”.
pub(super) fn or_list(items: &[Expected], lang: Lang) -> String {
    let words: Vec<&str> = items.iter().map(|e| e.describe(lang)).collect();
    let or = match lang {
        Lang::Ru => " или ",
        Lang::En => " or ",
    };
    match words.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{}{or}{last}", rest.join(", ")),
    }
}

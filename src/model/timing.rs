//! Turns the text of a deadline cell («II квартал 2020 года», «до 01.03.2022», «ежемесячно») into exact dates, or into an error that says what is wrong and where.
//!
//! The grammar is `grammar/timing.pest`; this module walks its parse tree and
//! resolves what the text leaves open (a missing year, «в течение года») from
//! the roadmap's period. `docs/timing.md` is the users' reference.

use std::fmt;
use std::ops::Range;

use chrono::{Datelike, Days, NaiveDate};
use pest::error::{ErrorVariant, InputLocation};
use pest::iterators::Pair;
use pest::Parser as _;

use crate::lang::Lang;

mod grammar {
    #[derive(pest_derive::Parser)]
    #[grammar = "../grammar/timing.pest"]
    pub(super) struct TimingParser;
}
use grammar::{Rule, TimingParser};

/// Earliest year a timing may name.
pub const MIN_YEAR: i32 = 1900;
/// Latest year a timing may name.
pub const MAX_YEAR: i32 = 2200;
/// Most occurrences a recurrence may expand to.
pub const MAX_OCCURRENCES: usize = 10_000;
/// Longest piece of the user's text quoted back in a message.
const QUOTE_LIMIT: usize = 80;

// ============================================================== public types

/// Inclusive date interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Interval {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Interval {
    /// The days `start..=end`; `start` must not come after `end`.
    pub fn new(start: NaiveDate, end: NaiveDate) -> Self {
        debug_assert!(start <= end, "interval {start}..{end} is reversed");
        Self { start, end }
    }

    /// One day.
    pub fn day(d: NaiveDate) -> Self {
        Self { start: d, end: d }
    }

    /// 01.01.y – 31.12.y.
    ///
    /// # Panics
    /// If `y` is outside the range chrono can represent (about ±262 000).
    pub fn year(y: i32) -> Self {
        Self::year_opt(y).expect("year within chrono's range")
    }

    /// 01.01.y – 31.12.y, or `None` outside the range chrono can represent.
    pub fn year_opt(y: i32) -> Option<Self> {
        Some(Self::new(ymd(y, 1, 1)?, ymd(y, 12, 31)?))
    }

    /// A calendar month (`m` in 1..=12).
    pub fn month(y: i32, m: u32) -> Option<Self> {
        Some(Self::new(ymd(y, m, 1)?, ymd(y, m, days_in_month(y, m))?))
    }

    /// A quarter (`q` in 1..=4).
    pub fn quarter(y: i32, q: u32) -> Option<Self> {
        if !(1..=4).contains(&q) {
            return None;
        }
        Some(Self::new(
            Self::month(y, q * 3 - 2)?.start,
            Self::month(y, q * 3)?.end,
        ))
    }

    /// A half-year (`h` in 1..=2).
    pub fn half_year(y: i32, h: u32) -> Option<Self> {
        if !(1..=2).contains(&h) {
            return None;
        }
        Some(Self::new(
            Self::month(y, h * 6 - 5)?.start,
            Self::month(y, h * 6)?.end,
        ))
    }

    /// The school year that starts in `y`: 01.09.y – 31.08.(y+1).
    pub fn school_year(y: i32) -> Option<Self> {
        Some(Self::new(ymd(y, 9, 1)?, ymd(y.checked_add(1)?, 8, 31)?))
    }

    /// Whether `d` is one of the days.
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }

    /// Whether every day of `other` is one of the days.
    pub fn covers(&self, other: &Interval) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two share at least one day.
    pub fn intersects(&self, other: &Interval) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// The days the two share.
    pub fn intersection(&self, other: &Interval) -> Option<Interval> {
        self.intersects(other)
            .then(|| Interval::new(self.start.max(other.start), self.end.min(other.end)))
    }

    /// The smallest interval that covers both.
    pub fn hull(&self, other: &Interval) -> Interval {
        Interval::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// How many days, counting both ends.
    pub fn days(&self) -> i64 {
        self.end.signed_duration_since(self.start).num_days() + 1
    }

    /// Whether this is exactly one school year (01.09.y – 31.08.(y+1)).
    pub fn is_school_year(&self) -> bool {
        Self::school_year(self.start.year()).as_ref() == Some(self)
    }
}

impl fmt::Display for Interval {
    /// `01.09.2020–31.08.2021`, or `01.09.2020` for one day.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.start == self.end {
            write!(f, "{}", DateFmt(self.start))
        } else {
            write!(f, "{}–{}", DateFmt(self.start), DateFmt(self.end))
        }
    }
}

/// How often a recurring activity happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    Weekly,
    Monthly,
    Quarterly,
    HalfYearly,
    Yearly,
}

/// Why a timing has no fixed date.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoDate {
    /// «по графику», «по графику СОИРО»: someone else's schedule; owner = "СОИРО"
    Schedule { owner: Option<String> },
    /// «по заявкам», «по потребности», «по запросу», «по мере необходимости»
    OnDemand,
    /// «постоянно»
    Continuous,
}

/// A resolved timing cell.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum Timing {
    /// One window: a date (start == end), a range, a month, a quarter, a year, «в течение года»...
    Window(Interval),
    /// «до 01.03.2022»: a deadline; window runs from the start of the roadmap period to the date.
    Deadline { by: NaiveDate, window: Interval },
    /// Several separate windows: «февраль, март, октябрь», «август 2022 года, август 2023 года».
    /// Sorted, without repeats.
    Windows(Vec<Interval>),
    /// A recurrence, expanded to its concrete occurrences inside `window`.
    /// `times` = minimum number of times per period (1 for «еженедельно», 2 for «не реже 2 раз в месяц»).
    Recurring {
        every: Frequency,
        times: u32,
        window: Interval,
        occurrences: Vec<Interval>,
    },
    /// No fixed date. `window` is the period it is bounded by, if any («2020-2021 годы (по графику)» → 2020-01-01..2021-12-31; «постоянно» → the roadmap period; «по заявкам» → None).
    NoDate {
        kind: NoDate,
        window: Option<Interval>,
    },
}

impl Timing {
    /// The overall window (first day .. last day) when there is one.
    pub fn bounds(&self) -> Option<Interval> {
        match self {
            Timing::Window(w) => Some(*w),
            Timing::Deadline { window, .. } | Timing::Recurring { window, .. } => Some(*window),
            Timing::Windows(ws) => hull(ws),
            Timing::NoDate { window, .. } => *window,
        }
    }

    /// The windows (Window → 1, Windows → n, Recurring → its occurrences, Deadline → its window, NoDate → window if any).
    pub fn intervals(&self) -> Vec<Interval> {
        match self {
            Timing::Window(w) | Timing::Deadline { window: w, .. } => vec![*w],
            Timing::Windows(ws) => ws.clone(),
            Timing::Recurring { occurrences, .. } => occurrences.clone(),
            Timing::NoDate { window, .. } => window.iter().copied().collect(),
        }
    }
}

/// What the resolver needs to know about the roadmap.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context {
    /// The roadmap's «период:», if it has one.
    pub period: Option<Interval>,
}

impl Context {
    /// A roadmap with this period (or none).
    pub fn new(period: Option<Interval>) -> Self {
        Self { period }
    }
}

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
    AmbiguousYear { text: String, first: i32, last: i32 },
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
            (K::AmbiguousYear { text, first, last }, Lang::Ru) => format!(
                "В сроке «{text}» не указан год, а карта рассчитана на {first}–{last} годы: непонятно, какой год имеется в виду."
            ),
            (K::AmbiguousYear { text, first, last }, Lang::En) => format!(
                "The timing “{text}” does not say which year, and the roadmap covers {first}–{last}, so it is unclear which year is meant."
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
            (K::AmbiguousYear { text, first, last }, _) => {
                let a = with_year(text, *first);
                let b = with_year(text, *last);
                match lang {
                    Lang::Ru => format!("Укажите год: «{a}» или «{b}»."),
                    Lang::En => format!("Add the year: “{a}” or “{b}”."),
                }
            }
            (K::NoYear { text }, Lang::Ru) => format!(
                "Укажите год в сроке («{}») или период карты в заголовке («период: 2022»).",
                with_year(text, 2022)
            ),
            (K::NoYear { text }, Lang::En) => format!(
                "Add the year (“{}”) or the roadmap's period in its header (“period: 2022”).",
                with_year(text, 2022)
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
            (K::TooManyOccurrences { .. }, Lang::Ru) => "Укажите, в какое время повторять, например «еженедельно в течение 2022 года», и проверьте период карты.".to_string(),
            (K::TooManyOccurrences { .. }, Lang::En) => "Say when it repeats, e.g. “weekly during 2022”, and check the roadmap's period.".to_string(),
        })
    }
}

// ============================================================== entry points

/// Parse and resolve one timing cell.
pub fn resolve(text: &str, ctx: &Context) -> Result<Timing, TimingError> {
    let folded = fold(text);
    let mut pairs = TimingParser::parse(Rule::timing, &folded)
        .map_err(|e| syntax_error(&e, text, Expected::ANY_TIMING))?;
    let timing = pairs.next().expect("the parser returns the timing rule");
    let body = timing
        .into_inner()
        .find(|p| p.as_rule() != Rule::EOI)
        .expect("a timing has a body");
    Resolver { src: text, ctx }.body(body)
}

/// Resolve the roadmap's «период:» header: `2022`, `2020–2022`, `2020-2022 годы`,
/// `01.09.2020 – 31.08.2021`, `2020/2021 учебный год`.
pub fn resolve_period(text: &str) -> Result<Interval, TimingError> {
    let folded = fold(text);
    let mut pairs = TimingParser::parse(Rule::period, &folded)
        .map_err(|e| syntax_error(&e, text, Expected::ANY_PERIOD))?;
    let period = pairs.next().expect("the parser returns the period rule");
    let item = period
        .into_inner()
        .find(|p| p.as_rule() == Rule::item)
        .expect("a period has an item");
    let ctx = Context::default();
    let r = Resolver {
        src: text,
        ctx: &ctx,
    };
    let item = r.item(item)?;
    r.resolve_item(&item, None)
}

/// A single date written `DD.MM.YYYY` (optionally with «г.») or `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let folded = fold(text);
    let mut pairs = TimingParser::parse(Rule::date, &folded).ok()?;
    let point = pairs
        .next()?
        .into_inner()
        .find(|p| matches!(p.as_rule(), Rule::date_iso | Rule::date_full))?;
    let ctx = Context::default();
    let r = Resolver {
        src: text,
        ctx: &ctx,
    };
    match r.point(point).ok()?.p {
        Point::Day {
            day,
            month,
            year: Some(y),
        } => ymd(y, month, day),
        _ => None,
    }
}

// ============================================================== internals: case folding and syntax errors

/// Lowercase letter by letter, keeping each character's byte length (so byte
/// offsets stay valid in the original), and write «ё» as «е».
fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'ё' | 'Ё' => 'е',
            _ if c.is_ascii() => c.to_ascii_lowercase(),
            _ => {
                let mut lower = c.to_lowercase();
                match (lower.next(), lower.next()) {
                    (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                    _ => c,
                }
            }
        })
        .collect()
}

/// A syntax error at pest's furthest failure; `start` is what may begin the text.
fn syntax_error(err: &pest::error::Error<Rule>, src: &str, start: &[Expected]) -> TimingError {
    let pos = match err.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let found = word_at(src, pos);
    let mut expected: Vec<Expected> = match &err.variant {
        ErrorVariant::ParsingError { positives, .. } => positives
            .iter()
            .flat_map(|r| expected_for(*r).iter().copied())
            .collect(),
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    expected.sort();
    expected.dedup();
    // Nothing read yet: anything that starts a timing could come.
    if expected.is_empty() || src.get(..pos).is_some_and(|s| s.trim().is_empty()) {
        expected = start.to_vec();
    }
    let end = pos + found.len();
    TimingError {
        kind: TimingErrorKind::Syntax { found, expected },
        span: pos..end,
    }
}

/// The word (or the one other character) at byte `pos`.
fn word_at(src: &str, pos: usize) -> String {
    let rest = src.get(pos..).unwrap_or("");
    match rest.chars().next() {
        None => String::new(),
        Some(c) if c.is_alphanumeric() => rest
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .take(40)
            .collect(),
        Some(c) => c.to_string(),
    }
}

/// What a rule that failed to match stands for, in the user's words.
fn expected_for(rule: Rule) -> &'static [Expected] {
    use Expected as E;
    match rule {
        Rule::day | Rule::mon_num | Rule::date_full | Rule::date_iso | Rule::dm | Rule::dmn => {
            &[E::Date]
        }
        Rule::digit_lead => &[E::Date, E::Year],
        Rule::month
        | Rule::month_pt
        | Rule::m_jan
        | Rule::m_feb
        | Rule::m_mar
        | Rule::m_apr
        | Rule::m_may
        | Rule::m_jun
        | Rule::m_jul
        | Rule::m_aug
        | Rule::m_sep
        | Rule::m_oct
        | Rule::m_nov
        | Rule::m_dec => &[E::Month],
        Rule::quarter | Rule::k_quarter | Rule::q_code => &[E::Quarter],
        Rule::half | Rule::k_half | Rule::h_code => &[E::HalfYear],
        Rule::ord | Rule::roman | Rule::ord_num | Rule::ord_word => &[E::Quarter, E::HalfYear],
        Rule::year | Rule::yr | Rule::year_pt | Rule::year_end | Rule::year_short => &[E::Year],
        Rule::school_year | Rule::k_school | Rule::cur_school_year => &[E::SchoolYear],
        Rule::dash => &[E::Dash],
        Rule::k_and => &[E::Separator],
        Rule::deadline | Rule::k_by => &[E::Deadline],
        Rule::freq
        | Rule::rec_suffix
        | Rule::recurring
        | Rule::every_anchor
        | Rule::k_every
        | Rule::f_weekly
        | Rule::f_monthly
        | Rule::f_quarterly
        | Rule::f_halfyearly
        | Rule::f_yearly
        | Rule::times
        | Rule::k_at_least => &[E::Frequency],
        Rule::count | Rule::count_num | Rule::count_word | Rule::mult | Rule::k_raz => &[E::Times],
        Rule::k_per | Rule::unit => &[E::Unit],
        Rule::schedule
        | Rule::on_demand
        | Rule::continuous
        | Rule::k_schedule
        | Rule::k_on_demand
        | Rule::k_continuous
        | Rule::sched_in
        | Rule::sched_tail
        | Rule::demand_in
        | Rule::demand_tail => &[E::NoFixedDate],
        Rule::EOI => &[E::End],
        Rule::item | Rule::item_list | Rule::span | Rule::from_to | Rule::during | Rule::prep => {
            &[E::Date, E::Month, E::Quarter, E::Year]
        }
        _ => &[],
    }
}

// ============================================================== internals: what the text says

/// One end of a window, as written; a missing year comes from elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Point {
    Day {
        day: u32,
        month: u32,
        year: Option<i32>,
    },
    Month {
        month: u32,
        year: Option<i32>,
    },
    Quarter {
        first: u32,
        last: u32,
        year: Option<i32>,
    },
    Half {
        first: u32,
        last: u32,
        year: Option<i32>,
    },
    Year(i32),
    SchoolYear(i32),
}

enum PointErr {
    Invalid,
    Reversed(NaiveDate, NaiveDate),
}

impl Point {
    fn year(&self) -> Option<i32> {
        match *self {
            Point::Day { year, .. }
            | Point::Month { year, .. }
            | Point::Quarter { year, .. }
            | Point::Half { year, .. } => year,
            Point::Year(y) | Point::SchoolYear(y) => Some(y),
        }
    }

    /// A part of a year (day, month, quarter, half-year) rather than a whole (school) year.
    fn is_part(&self) -> bool {
        !matches!(self, Point::Year(_) | Point::SchoolYear(_))
    }

    fn set_year(&mut self, y: Option<i32>) {
        match self {
            Point::Day { year, .. }
            | Point::Month { year, .. }
            | Point::Quarter { year, .. }
            | Point::Half { year, .. } => *year = y,
            Point::Year(_) | Point::SchoolYear(_) => {}
        }
    }

    /// The days meant, taking the year from `fallback` when the point has none.
    fn interval(&self, fallback: i32) -> Result<Interval, PointErr> {
        let y = self.year().unwrap_or(fallback);
        let pair = |a: Option<Interval>, b: Option<Interval>, first: u32, last: u32| match (a, b) {
            (Some(a), Some(b)) if first <= last => Ok(Interval::new(a.start, b.end)),
            (Some(a), Some(b)) => Err(PointErr::Reversed(a.start, b.end)),
            _ => Err(PointErr::Invalid),
        };
        match *self {
            Point::Day { day, month, .. } => ymd(y, month, day)
                .map(Interval::day)
                .ok_or(PointErr::Invalid),
            Point::Month { month, .. } => Interval::month(y, month).ok_or(PointErr::Invalid),
            Point::Quarter { first, last, .. } => pair(
                Interval::quarter(y, first),
                Interval::quarter(y, last),
                first,
                last,
            ),
            Point::Half { first, last, .. } => pair(
                Interval::half_year(y, first),
                Interval::half_year(y, last),
                first,
                last,
            ),
            Point::Year(y) => Interval::year_opt(y).ok_or(PointErr::Invalid),
            Point::SchoolYear(y) => Interval::school_year(y).ok_or(PointErr::Invalid),
        }
    }
}

#[derive(Debug, Clone)]
struct PointAt {
    p: Point,
    span: Range<usize>,
}

#[derive(Debug, Clone)]
enum Shape {
    One(PointAt),
    /// `a – b`; a missing year on one end comes from the other.
    Range(PointAt, PointAt),
    /// «с 2023 года»: from the point to the end of the roadmap's period.
    From(PointAt),
    /// «в течение года»
    CurYear,
    /// «в течение учебного года»
    CurSchoolYear,
    /// «весь период»
    WholePeriod,
}

/// One window as written, with where it is in the text.
#[derive(Debug, Clone)]
struct Item {
    shape: Shape,
    span: Range<usize>,
}

impl Item {
    /// The year written in the item, at its start side when both ends have one.
    fn written_year(&self) -> Option<i32> {
        match &self.shape {
            Shape::One(a) | Shape::From(a) => a.p.year(),
            Shape::Range(a, b) => a.p.year().or(b.p.year()),
            _ => None,
        }
    }

    /// Whether the year has to come from elsewhere.
    fn needs_year(&self) -> bool {
        match &self.shape {
            Shape::One(a) | Shape::From(a) => a.p.year().is_none(),
            Shape::Range(a, b) => a.p.year().is_none() && b.p.year().is_none(),
            Shape::CurYear => true,
            Shape::CurSchoolYear | Shape::WholePeriod => false,
        }
    }

    /// A part of a year (a day, month, quarter, half-year or a range of them).
    fn is_part(&self) -> bool {
        match &self.shape {
            Shape::One(a) => a.p.is_part(),
            Shape::Range(a, b) => a.p.is_part() && b.p.is_part(),
            _ => false,
        }
    }

    /// Move to year `y` («сентябрь 2020, 2021»: the 2021 repeats September).
    fn set_year(&mut self, y: i32) {
        match &mut self.shape {
            Shape::One(a) | Shape::From(a) => a.p.set_year(Some(y)),
            Shape::Range(a, b) => match (a.p.year(), b.p.year()) {
                (Some(ya), Some(yb)) => {
                    a.p.set_year(Some(ya + (y - yb)));
                    b.p.set_year(Some(y));
                }
                _ => {
                    a.p.set_year(None);
                    b.p.set_year(Some(y));
                }
            },
            _ => {}
        }
    }
}

/// A window form before it is resolved: items, or a deadline.
enum Form {
    Items(Vec<Item>),
    Deadline(NaiveDate),
}

struct Freq {
    every: Frequency,
    times: u32,
    span: Range<usize>,
}

fn span_of(pair: &Pair<'_, Rule>) -> Range<usize> {
    let s = pair.as_span();
    s.start()..s.end()
}

fn is_form(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::during | Rule::deadline | Rule::whole_period | Rule::item_list
    )
}

fn is_point(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::date_iso
            | Rule::date_full
            | Rule::school_year
            | Rule::quarter
            | Rule::half
            | Rule::dmn
            | Rule::dm
            | Rule::month_pt
            | Rule::year_pt
    )
}

/// Walks the parse tree of one cell and resolves it.
struct Resolver<'a> {
    /// The original text (the parse ran on its lowercased copy, with the same byte offsets).
    src: &'a str,
    ctx: &'a Context,
}

impl Resolver<'_> {
    /// The user's text at `span`, trimmed and cut to a quotable length.
    fn text(&self, span: &Range<usize>) -> String {
        let s = self.src.get(span.clone()).unwrap_or("").trim();
        if s.chars().count() <= QUOTE_LIMIT {
            s.to_string()
        } else {
            let mut cut: String = s.chars().take(QUOTE_LIMIT).collect();
            cut.push('…');
            cut
        }
    }

    fn err(&self, kind: TimingErrorKind, span: &Range<usize>) -> TimingError {
        TimingError {
            kind,
            span: span.clone(),
        }
    }

    // ---------------------------------------------------------- the body

    fn body(&self, pair: Pair<'_, Rule>) -> Result<Timing, TimingError> {
        match pair.as_rule() {
            Rule::schedule | Rule::on_demand | Rule::continuous => self.nodate(pair, None),
            Rule::recurring => {
                let span = span_of(&pair);
                let mut freq = None;
                let mut forms = Vec::with_capacity(2);
                for c in pair.into_inner() {
                    match c.as_rule() {
                        Rule::freq => freq = Some(self.freq(c)),
                        r if is_form(r) => forms.push(self.form(c)?),
                        _ => {}
                    }
                }
                let freq = freq.expect("a recurrence starts with a frequency");
                let mut forms = forms.into_iter();
                match (forms.next(), forms.next()) {
                    // «ежегодно в мае с 2023 года»: what repeats, then the window.
                    (Some(Form::Items(items)), Some(window)) => {
                        self.list_then_freq(items, &freq, Some(window), &span)
                    }
                    (Some(Form::Deadline(by)), Some(_)) => {
                        self.expand(&freq, self.deadline_window(by), &span)
                    }
                    (form, _) => self.freq_then_window(&freq, form, &span),
                }
            }
            Rule::every_anchor => {
                let span = span_of(&pair);
                let mut freq_span = span.clone();
                let mut items = None;
                let mut window = None;
                for c in pair.into_inner() {
                    match c.as_rule() {
                        Rule::k_every => freq_span = span_of(&c),
                        Rule::item_list if items.is_none() => items = Some(self.item_list(c)?),
                        r if is_form(r) => window = Some(self.form(c)?),
                        _ => {}
                    }
                }
                let items = items.expect("«every» is followed by what repeats");
                let freq = Freq {
                    every: Frequency::Yearly,
                    times: 1,
                    span: freq_span,
                };
                self.list_then_freq(items, &freq, window, &span)
            }
            Rule::windowed => {
                let span = span_of(&pair);
                let mut inner = pair.into_inner();
                let form = self.form(inner.next().expect("a window comes first"))?;
                for c in inner {
                    match c.as_rule() {
                        Rule::rec_suffix => {
                            let mut freq = None;
                            let mut window = None;
                            for r in c.into_inner() {
                                match r.as_rule() {
                                    Rule::freq => freq = Some(self.freq(r)),
                                    x if is_form(x) => window = Some(self.form(r)?),
                                    _ => {}
                                }
                            }
                            let freq = freq.expect("a recurrence has a frequency");
                            return match form {
                                Form::Items(items) => {
                                    self.list_then_freq(items, &freq, window, &span)
                                }
                                Form::Deadline(by) => {
                                    self.expand(&freq, self.deadline_window(by), &span)
                                }
                            };
                        }
                        Rule::sched_in
                        | Rule::sched_tail
                        | Rule::demand_in
                        | Rule::demand_tail
                        | Rule::k_continuous => {
                            let window = self.form_bounds(form)?;
                            return self.nodate(c, Some(window));
                        }
                        _ => {}
                    }
                }
                self.form_timing(form)
            }
            r => unreachable!("the grammar has no body {r:?}"),
        }
    }

    /// «по графику СОИРО», «по заявкам», «постоянно», with the window around them if any.
    fn nodate(&self, pair: Pair<'_, Rule>, outer: Option<Interval>) -> Result<Timing, TimingError> {
        let rule = pair.as_rule();
        let mut owner = None;
        let mut window = outer;
        for c in pair.into_inner() {
            match c.as_rule() {
                Rule::owner | Rule::owner_in => owner = self.owner_name(&span_of(&c)),
                r if is_form(r) => window = Some(self.form_bounds(self.form(c)?)?),
                _ => {}
            }
        }
        let kind = match rule {
            Rule::schedule | Rule::sched_in | Rule::sched_tail => NoDate::Schedule { owner },
            Rule::on_demand | Rule::demand_in | Rule::demand_tail => NoDate::OnDemand,
            _ => NoDate::Continuous,
        };
        if kind == NoDate::Continuous && window.is_none() {
            window = self.ctx.period;
        }
        Ok(Timing::NoDate { kind, window })
    }

    /// Who keeps the schedule: the words after «по графику», less «мероприятий» and the like.
    fn owner_name(&self, span: &Range<usize>) -> Option<String> {
        const FILLER: &[&str] = &[
            "мероприятий",
            "проведения",
            "работы",
            "the",
            "events",
            "activities",
        ];
        let raw = self.src.get(span.clone())?;
        let mut s = raw
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';'))
            .trim_start();
        loop {
            let word_end = s.find(char::is_whitespace).unwrap_or(s.len());
            let (word, rest) = s.split_at(word_end);
            if !word.is_empty() && FILLER.contains(&fold(word).as_str()) {
                s = rest.trim_start();
            } else {
                break;
            }
        }
        (!s.is_empty()).then(|| s.to_string())
    }

    // ---------------------------------------------------------- recurrence

    fn freq(&self, pair: Pair<'_, Rule>) -> Freq {
        let span = span_of(&pair);
        let inner = pair.into_inner().next().expect("a frequency has one form");
        let (every, times) = match inner.as_rule() {
            Rule::f_weekly => (Frequency::Weekly, 1),
            Rule::f_monthly => (Frequency::Monthly, 1),
            Rule::f_quarterly => (Frequency::Quarterly, 1),
            Rule::f_halfyearly => (Frequency::HalfYearly, 1),
            Rule::f_yearly => (Frequency::Yearly, 1),
            _ => {
                let mut times = 1;
                let mut every = Frequency::Monthly;
                for c in inner.into_inner() {
                    match c.as_rule() {
                        Rule::count => times = count_value(c),
                        Rule::mult => {
                            times = match c.into_inner().next().map(|x| x.as_rule()) {
                                Some(Rule::x_2) => 2,
                                Some(Rule::x_3) => 3,
                                _ => 1,
                            }
                        }
                        Rule::unit => {
                            every = match c.into_inner().next().map(|x| x.as_rule()) {
                                Some(Rule::u_week) => Frequency::Weekly,
                                Some(Rule::u_quarter) => Frequency::Quarterly,
                                Some(Rule::u_half) => Frequency::HalfYearly,
                                Some(Rule::u_year) => Frequency::Yearly,
                                _ => Frequency::Monthly,
                            }
                        }
                        _ => {}
                    }
                }
                (every, times)
            }
        };
        Freq { every, times, span }
    }

    /// «ежемесячно», «еженедельно 10.02.–23.06.2022», «ежегодно в мае», «ежеквартально: март, июнь».
    fn freq_then_window(
        &self,
        freq: &Freq,
        form: Option<Form>,
        span: &Range<usize>,
    ) -> Result<Timing, TimingError> {
        match form {
            None => {
                let window = self.ctx.period.ok_or_else(|| {
                    self.err(
                        TimingErrorKind::NoYear {
                            text: self.text(&freq.span),
                        },
                        &freq.span,
                    )
                })?;
                self.expand(freq, window, span)
            }
            Some(Form::Deadline(by)) => self.expand(freq, self.deadline_window(by), span),
            Some(Form::Items(items)) => self.list_then_freq(items, freq, None, span),
        }
    }

    /// A list with a frequency: «май, ежегодно» (May of every year), «март, июнь, ежеквартально»
    /// (the listed windows), «2022 год, ежемесячно» (one window, expanded).
    fn list_then_freq(
        &self,
        items: Vec<Item>,
        freq: &Freq,
        window: Option<Form>,
        span: &Range<usize>,
    ) -> Result<Timing, TimingError> {
        let mut items = items;
        let mut window = match window {
            Some(f) => Some(self.form_bounds(f)?),
            None => None,
        };
        // «ежегодно в мае, с 2023 года»: a trailing «с …» is the window, not one more occurrence.
        if window.is_none()
            && items.len() > 1
            && matches!(items.last().map(|i| &i.shape), Some(Shape::From(_)))
        {
            if let Some(from) = items.pop() {
                window = Some(self.resolve_item(&from, None)?);
            }
        }
        let anchors =
            freq.every == Frequency::Yearly && items.iter().all(|i| i.is_part() && i.needs_year());
        if anchors {
            let window = match window.or(self.ctx.period) {
                Some(w) => w,
                None => {
                    let span = items.first().map_or(span.clone(), |i| i.span.clone());
                    return Err(self.err(
                        TimingErrorKind::NoYear {
                            text: self.text(&span),
                        },
                        &span,
                    ));
                }
            };
            return self.anchored(&items, freq, window, span);
        }
        let mut ivs = self.resolve_list(&items)?;
        ivs.sort();
        ivs.dedup();
        match (ivs.as_slice(), window) {
            ([one], None) => self.expand(freq, *one, span),
            _ => {
                let window = hull(&ivs).expect("a list has at least one item");
                self.check_count(ivs.len(), span)?;
                Ok(Timing::Recurring {
                    every: freq.every,
                    times: freq.times,
                    window,
                    occurrences: ivs,
                })
            }
        }
    }

    /// Yearly anchors («ежегодно в мае»): the anchor in every year of the window.
    fn anchored(
        &self,
        items: &[Item],
        freq: &Freq,
        window: Interval,
        span: &Range<usize>,
    ) -> Result<Timing, TimingError> {
        let mut occurrences = Vec::new();
        let mut invalid = None;
        for y in window.start.year()..=window.end.year() {
            for item in items {
                match self.item_interval(item, Some(y)) {
                    Ok(iv) => occurrences.extend(iv.intersection(&window)),
                    Err(e) if matches!(e.kind, TimingErrorKind::InvalidDate { .. }) => {
                        invalid = Some(e)
                    }
                    Err(e) => return Err(e),
                }
            }
            self.check_count(occurrences.len(), span)?;
        }
        occurrences.sort();
        occurrences.dedup();
        if occurrences.is_empty() {
            return Err(invalid.unwrap_or_else(|| {
                let at = items.first().map_or(span.clone(), |i| i.span.clone());
                self.err(
                    TimingErrorKind::OutsidePeriod {
                        text: self.text(&at),
                        period: window,
                    },
                    &at,
                )
            }));
        }
        Ok(Timing::Recurring {
            every: freq.every,
            times: freq.times,
            window,
            occurrences,
        })
    }

    fn expand(
        &self,
        freq: &Freq,
        window: Interval,
        span: &Range<usize>,
    ) -> Result<Timing, TimingError> {
        let occurrences = occurrences(freq.every, window).map_err(|count| {
            self.err(
                TimingErrorKind::TooManyOccurrences {
                    text: self.text(span),
                    count,
                },
                span,
            )
        })?;
        Ok(Timing::Recurring {
            every: freq.every,
            times: freq.times,
            window,
            occurrences,
        })
    }

    fn check_count(&self, count: usize, span: &Range<usize>) -> Result<(), TimingError> {
        if count > MAX_OCCURRENCES {
            return Err(self.err(
                TimingErrorKind::TooManyOccurrences {
                    text: self.text(span),
                    count,
                },
                span,
            ));
        }
        Ok(())
    }

    // ---------------------------------------------------------- windows

    fn form(&self, pair: Pair<'_, Rule>) -> Result<Form, TimingError> {
        let span = span_of(&pair);
        match pair.as_rule() {
            Rule::item_list => Ok(Form::Items(self.item_list(pair)?)),
            Rule::whole_period => Ok(Form::Items(vec![Item {
                shape: Shape::WholePeriod,
                span,
            }])),
            Rule::during => {
                let body = pair
                    .into_inner()
                    .find(|c| c.as_rule() != Rule::k_during)
                    .expect("«в течение» is followed by something");
                let shape = match body.as_rule() {
                    Rule::cur_year => Shape::CurYear,
                    Rule::cur_school_year => Shape::CurSchoolYear,
                    Rule::whole_period => Shape::WholePeriod,
                    _ => return Ok(Form::Items(self.item_list(body)?)),
                };
                Ok(Form::Items(vec![Item { shape, span }]))
            }
            Rule::deadline => {
                let mut item = None;
                for c in pair.into_inner() {
                    let c_span = span_of(&c);
                    item = match c.as_rule() {
                        Rule::cur_year => Some(Item {
                            shape: Shape::CurYear,
                            span: span.clone(),
                        }),
                        Rule::cur_school_year => Some(Item {
                            shape: Shape::CurSchoolYear,
                            span: span.clone(),
                        }),
                        Rule::whole_period => Some(Item {
                            shape: Shape::WholePeriod,
                            span: span.clone(),
                        }),
                        Rule::item => Some(self.item(c)?),
                        r if is_point(r) => Some(Item {
                            shape: Shape::One(self.point(c)?),
                            span: c_span,
                        }),
                        _ => item,
                    };
                }
                let item = item.expect("«до» is followed by a date");
                Ok(Form::Deadline(self.resolve_item(&item, None)?.end))
            }
            r => unreachable!("the grammar has no window form {r:?}"),
        }
    }

    /// A window form resolved to a timing of its own.
    fn form_timing(&self, form: Form) -> Result<Timing, TimingError> {
        match form {
            Form::Deadline(by) => Ok(Timing::Deadline {
                by,
                window: self.deadline_window(by),
            }),
            Form::Items(items) => {
                let mut ivs = self.resolve_list(&items)?;
                ivs.sort();
                ivs.dedup();
                Ok(match ivs.as_slice() {
                    [one] => Timing::Window(*one),
                    _ => Timing::Windows(ivs),
                })
            }
        }
    }

    /// A window form resolved to one window (first day .. last day).
    fn form_bounds(&self, form: Form) -> Result<Interval, TimingError> {
        match form {
            Form::Deadline(by) => Ok(self.deadline_window(by)),
            Form::Items(items) => {
                let ivs = self.resolve_list(&items)?;
                Ok(hull(&ivs).expect("a list has at least one item"))
            }
        }
    }

    fn deadline_window(&self, by: NaiveDate) -> Interval {
        match self.ctx.period {
            Some(p) if p.start <= by => Interval::new(p.start, by),
            _ => Interval::day(by),
        }
    }

    fn item_list(&self, pair: Pair<'_, Rule>) -> Result<Vec<Item>, TimingError> {
        pair.into_inner()
            .filter(|c| c.as_rule() == Rule::item)
            .map(|c| self.item(c))
            .collect()
    }

    fn item(&self, pair: Pair<'_, Rule>) -> Result<Item, TimingError> {
        let span = span_of(&pair);
        let body = pair
            .into_inner()
            .find(|c| c.as_rule() != Rule::prep)
            .expect("an item has a body");
        let shape = match body.as_rule() {
            Rule::span => {
                let mut points = Vec::with_capacity(2);
                for c in body.into_inner() {
                    if is_point(c.as_rule()) {
                        points.push(self.point(c)?);
                    }
                }
                let mut points = points.into_iter();
                let a = points.next().expect("a span has a point");
                match points.next() {
                    Some(b) => Shape::Range(a, b),
                    None => Shape::One(a),
                }
            }
            Rule::day_range => self.day_range(body.into_inner().collect())?,
            Rule::from_to => {
                let parts: Vec<_> = body
                    .into_inner()
                    .filter(|c| c.as_rule() == Rule::day || is_point(c.as_rule()))
                    .collect();
                if parts.first().map(|p| p.as_rule()) == Some(Rule::day) {
                    self.day_range(parts)?
                } else {
                    let mut points = Vec::with_capacity(2);
                    for c in parts {
                        points.push(self.point(c)?);
                    }
                    let mut points = points.into_iter();
                    let a = points.next().expect("«с» is followed by a point");
                    match points.next() {
                        Some(b) => Shape::Range(a, b),
                        None => Shape::From(a),
                    }
                }
            }
            r => unreachable!("the grammar has no item {r:?}"),
        };
        Ok(Item { shape, span })
    }

    /// «14–16 октября 2021»: the first day takes the month and year of the second.
    fn day_range(&self, parts: Vec<Pair<'_, Rule>>) -> Result<Shape, TimingError> {
        let mut day = None;
        let mut end = None;
        for c in parts {
            match c.as_rule() {
                Rule::day => day = Some((number(&c), span_of(&c))),
                Rule::dmn => end = Some(self.point(c)?),
                _ => {}
            }
        }
        let ((day, day_span), end) = day.zip(end).expect("a day range has two days");
        let Point::Day { month, year, .. } = end.p else {
            unreachable!("a day with a month name is a day")
        };
        if !day_fits(day, month) {
            let span = day_span.start..end.span.end;
            return Err(self.err(
                TimingErrorKind::InvalidDate {
                    text: self.text(&span),
                },
                &span,
            ));
        }
        let start = PointAt {
            p: Point::Day { day, month, year },
            span: day_span,
        };
        Ok(Shape::Range(start, end))
    }

    fn point(&self, pair: Pair<'_, Rule>) -> Result<PointAt, TimingError> {
        let span = span_of(&pair);
        let rule = pair.as_rule();
        let invalid = || {
            self.err(
                TimingErrorKind::InvalidDate {
                    text: self.text(&span),
                },
                &span,
            )
        };
        let mut day = None;
        let mut month = None;
        let mut year = None;
        let mut year_end = None;
        let mut year_span = None;
        let mut ords: Vec<Option<u32>> = Vec::with_capacity(2);
        for c in pair.into_inner() {
            match c.as_rule() {
                Rule::day => day = Some(number(&c)),
                Rule::mon_num => month = Some(number(&c)),
                Rule::month => month = Some(month_number(c)),
                Rule::year => {
                    year_span = Some(span_of(&c));
                    year = Some(self.year(&c)?);
                }
                Rule::yr => {
                    let y = c
                        .into_inner()
                        .find(|x| matches!(x.as_rule(), Rule::year | Rule::year_short))
                        .expect("a year");
                    if y.as_rule() == Rule::year_short {
                        let span = span_of(&y);
                        let found = self.text(&span);
                        return Err(self.err(
                            TimingErrorKind::Syntax {
                                found,
                                expected: vec![Expected::Year],
                            },
                            &span,
                        ));
                    }
                    year = Some(self.year(&y)?);
                }
                Rule::year_end => year_end = Some(c),
                Rule::ord => ords.push(ord_value(c)),
                Rule::q_code | Rule::h_code => {
                    ords.push(c.as_str().chars().nth(1).and_then(|d| d.to_digit(10)))
                }
                _ => {}
            }
        }
        let p = match rule {
            Rule::date_iso | Rule::date_full | Rule::dm | Rule::dmn => {
                let (day, month) = (day.unwrap_or(0), month.unwrap_or(0));
                let ok = match year {
                    Some(y) => ymd(y, month, day).is_some(),
                    None => day_fits(day, month),
                };
                if !ok {
                    return Err(invalid());
                }
                Point::Day { day, month, year }
            }
            Rule::month_pt => Point::Month {
                month: month.unwrap_or(0),
                year,
            },
            Rule::year_pt => Point::Year(year.expect("a year")),
            Rule::school_year => {
                let y = year.expect("a school year starts with a year");
                let end = year_end.expect("a school year has a second year");
                let end_span = span_of(&end);
                let digits = end.as_str();
                let second = if digits.len() == 2 {
                    let e: i32 = digits.parse().unwrap_or(-1);
                    let mut s = y - y.rem_euclid(100) + e;
                    if s <= y {
                        s += 100;
                    }
                    Some(s)
                } else {
                    digits.parse::<i32>().ok()
                };
                if second != y.checked_add(1) {
                    let years = year_span.map_or(span.clone(), |s| s.start..end_span.end);
                    return Err(self.err(
                        TimingErrorKind::InvalidSchoolYear {
                            text: self.text(&years),
                        },
                        &span,
                    ));
                }
                Point::SchoolYear(y)
            }
            Rule::quarter | Rule::half => {
                let max = if rule == Rule::quarter { 4 } else { 2 };
                let mut values = Vec::with_capacity(2);
                for o in ords {
                    match o {
                        Some(v) if (1..=max).contains(&v) => values.push(v),
                        _ => return Err(invalid()),
                    }
                }
                let first = *values.first().expect("a quarter has a number");
                let last = *values.last().expect("a quarter has a number");
                if rule == Rule::quarter {
                    Point::Quarter { first, last, year }
                } else {
                    Point::Half { first, last, year }
                }
            }
            r => unreachable!("the grammar has no point {r:?}"),
        };
        Ok(PointAt { p, span })
    }

    fn year(&self, pair: &Pair<'_, Rule>) -> Result<i32, TimingError> {
        match pair.as_str().parse::<i32>() {
            Ok(y) if (MIN_YEAR..=MAX_YEAR).contains(&y) => Ok(y),
            _ => {
                let span = span_of(pair);
                Err(self.err(
                    TimingErrorKind::InvalidDate {
                        text: self.text(&span),
                    },
                    &span,
                ))
            }
        }
    }

    // ---------------------------------------------------------- resolving items

    /// Resolve a list: a bare year right after a dated item repeats that item
    /// («сентябрь 2020, 2021»); an item without a year takes the year of the next
    /// item that has one («февраль, март 2021 года»), or else the roadmap's.
    fn resolve_list(&self, items: &[Item]) -> Result<Vec<Interval>, TimingError> {
        let mut expanded: Vec<Item> = Vec::with_capacity(items.len());
        let mut template: Option<usize> = None;
        for item in items {
            if let Shape::One(PointAt {
                p: Point::Year(y), ..
            }) = item.shape
            {
                if let Some(t) = template {
                    let mut again = expanded[t].clone();
                    again.set_year(y);
                    again.span = item.span.clone();
                    expanded.push(again);
                    continue;
                }
            } else {
                template = item.is_part().then_some(expanded.len());
            }
            expanded.push(item.clone());
        }
        let mut fill = vec![None; expanded.len()];
        let mut next = None;
        for (i, item) in expanded.iter().enumerate().rev() {
            fill[i] = next;
            if let Some(y) = item.written_year() {
                next = Some(y);
            }
        }
        expanded
            .iter()
            .zip(fill)
            .map(|(item, fill)| self.resolve_item(item, fill))
            .collect()
    }

    /// Resolve one item; `fill` is the year to use when the item has none.
    fn resolve_item(&self, item: &Item, fill: Option<i32>) -> Result<Interval, TimingError> {
        if !item.needs_year() {
            return self.item_interval(item, None);
        }
        let y = match fill {
            Some(y) => y,
            None => self.context_year(item)?,
        };
        self.item_interval(item, Some(y))
    }

    /// The year a year-less item means in this roadmap: the period's year when
    /// the period is within one calendar year, else the only year in which the
    /// item falls inside the period («сентябрь» in 2020/2021 school year → 2020).
    fn context_year(&self, item: &Item) -> Result<i32, TimingError> {
        let Some(period) = self.ctx.period else {
            return Err(self.err(
                TimingErrorKind::NoYear {
                    text: self.text(&item.span),
                },
                &item.span,
            ));
        };
        let (first, last) = (period.start.year(), period.end.year());
        if first == last {
            return Ok(first);
        }
        let probe = |y: i32| match &item.shape {
            Shape::From(a) => self.point_interval(a, Some(y)),
            _ => self.item_interval(item, Some(y)),
        };
        let mut found = Vec::with_capacity(2);
        for y in first..=last {
            if let Ok(iv) = probe(y) {
                if iv.intersects(&period) {
                    found.push(y);
                    if found.len() > 1 {
                        break;
                    }
                }
            }
        }
        match found.as_slice() {
            [y] => Ok(*y),
            [] => match probe(first) {
                // The item is wrong whatever the year: say that.
                Err(e) if !matches!(e.kind, TimingErrorKind::AmbiguousYear { .. }) => Err(e),
                _ => Err(self.ambiguous(item, first, last)),
            },
            _ => Err(self.ambiguous(item, first, last)),
        }
    }

    fn ambiguous(&self, item: &Item, first: i32, last: i32) -> TimingError {
        self.err(
            TimingErrorKind::AmbiguousYear {
                text: self.text(&item.span),
                first,
                last,
            },
            &item.span,
        )
    }

    /// The days an item means, with `year` for the parts that have none.
    fn item_interval(&self, item: &Item, year: Option<i32>) -> Result<Interval, TimingError> {
        match &item.shape {
            Shape::One(a) => self.point_interval(a, year),
            Shape::Range(a, b) => {
                let ya = a.p.year().or(b.p.year()).or(year);
                let yb = b.p.year().or(a.p.year()).or(year);
                let start = self.point_interval(a, ya)?.start;
                let end = self.point_interval(b, yb)?.end;
                if end < start {
                    return Err(self.err(TimingErrorKind::Reversed { start, end }, &item.span));
                }
                Ok(Interval::new(start, end))
            }
            Shape::From(a) => {
                let start = self.point_interval(a, year)?.start;
                match self.ctx.period {
                    None => Err(self.err(
                        TimingErrorKind::NoPeriod {
                            text: self.text(&item.span),
                        },
                        &item.span,
                    )),
                    Some(p) if p.end < start => Err(self.err(
                        TimingErrorKind::OutsidePeriod {
                            text: self.text(&item.span),
                            period: p,
                        },
                        &item.span,
                    )),
                    Some(p) => Ok(Interval::new(start, p.end)),
                }
            }
            Shape::CurYear => match year {
                Some(y) => Interval::year_opt(y).ok_or_else(|| {
                    self.err(
                        TimingErrorKind::InvalidDate {
                            text: self.text(&item.span),
                        },
                        &item.span,
                    )
                }),
                None => Err(self.err(
                    TimingErrorKind::NoYear {
                        text: self.text(&item.span),
                    },
                    &item.span,
                )),
            },
            Shape::CurSchoolYear => match self.ctx.period {
                Some(p) if p.is_school_year() => Ok(p),
                _ => Err(self.err(TimingErrorKind::AmbiguousSchoolYear, &item.span)),
            },
            Shape::WholePeriod => self.ctx.period.ok_or_else(|| {
                self.err(
                    TimingErrorKind::NoPeriod {
                        text: self.text(&item.span),
                    },
                    &item.span,
                )
            }),
        }
    }

    fn point_interval(&self, a: &PointAt, year: Option<i32>) -> Result<Interval, TimingError> {
        let Some(y) = a.p.year().or(year) else {
            return Err(self.err(
                TimingErrorKind::NoYear {
                    text: self.text(&a.span),
                },
                &a.span,
            ));
        };
        a.p.interval(y).map_err(|e| match e {
            PointErr::Invalid => self.err(
                TimingErrorKind::InvalidDate {
                    text: self.text(&a.span),
                },
                &a.span,
            ),
            PointErr::Reversed(start, end) => {
                self.err(TimingErrorKind::Reversed { start, end }, &a.span)
            }
        })
    }
}

// ============================================================== internals: small helpers

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Whether day `d` exists in month `m` of some year (29 February does).
fn day_fits(d: u32, m: u32) -> bool {
    d >= 1 && d <= days_in_month(2000, m)
}

fn hull(ivs: &[Interval]) -> Option<Interval> {
    let first = ivs.first()?;
    Some(ivs.iter().fold(*first, |acc, iv| acc.hull(iv)))
}

/// A number of at most a few digits (the grammar bounds them).
fn number(pair: &Pair<'_, Rule>) -> u32 {
    pair.as_str()
        .chars()
        .take_while(char::is_ascii_digit)
        .take(3)
        .filter_map(|c| c.to_digit(10))
        .fold(0, |acc, d| acc * 10 + d)
}

fn month_number(pair: Pair<'_, Rule>) -> u32 {
    match pair.into_inner().next().map(|m| m.as_rule()) {
        Some(Rule::m_jan) => 1,
        Some(Rule::m_feb) => 2,
        Some(Rule::m_mar) => 3,
        Some(Rule::m_apr) => 4,
        Some(Rule::m_may) => 5,
        Some(Rule::m_jun) => 6,
        Some(Rule::m_jul) => 7,
        Some(Rule::m_aug) => 8,
        Some(Rule::m_sep) => 9,
        Some(Rule::m_oct) => 10,
        Some(Rule::m_nov) => 11,
        Some(Rule::m_dec) => 12,
        _ => 0,
    }
}

fn count_value(pair: Pair<'_, Rule>) -> u32 {
    let Some(c) = pair.into_inner().next() else {
        return 1;
    };
    match c.as_rule() {
        Rule::count_num => number(&c).max(1),
        _ => match c.into_inner().next().map(|w| w.as_rule()) {
            Some(Rule::c_2) => 2,
            Some(Rule::c_3) => 3,
            Some(Rule::c_4) => 4,
            _ => 1,
        },
    }
}

/// The number of a quarter or half-year: «II», «2», «2-й», «2nd», «второй», «second».
fn ord_value(pair: Pair<'_, Rule>) -> Option<u32> {
    let c = pair.into_inner().next()?;
    match c.as_rule() {
        Rule::roman => roman_value(c.as_str()),
        Rule::ord_num => Some(number(&c)),
        _ => match c.into_inner().next()?.as_rule() {
            Rule::o_1 => Some(1),
            Rule::o_2 => Some(2),
            Rule::o_3 => Some(3),
            Rule::o_4 => Some(4),
            _ => None,
        },
    }
}

/// A small Roman numeral in lowercase (i, v, x).
fn roman_value(s: &str) -> Option<u32> {
    if s.len() > 8 {
        return None;
    }
    let digits: Vec<i32> = s
        .chars()
        .map(|c| match c {
            'i' => 1,
            'v' => 5,
            'x' => 10,
            _ => 0,
        })
        .collect();
    let mut total = 0;
    for (i, d) in digits.iter().enumerate() {
        match digits.get(i + 1) {
            Some(next) if d < next => total -= d,
            _ => total += d,
        }
    }
    u32::try_from(total).ok()
}

/// The calendar unit of `every` that contains `d`.
fn unit_containing(every: Frequency, d: NaiveDate) -> Option<Interval> {
    let (y, m) = (d.year(), d.month());
    match every {
        Frequency::Weekly => Some(Interval::day(d)),
        Frequency::Monthly => Interval::month(y, m),
        Frequency::Quarterly => Interval::quarter(y, (m - 1) / 3 + 1),
        Frequency::HalfYearly => Interval::half_year(y, if m <= 6 { 1 } else { 2 }),
        Frequency::Yearly => Interval::year_opt(y),
    }
}

/// The occurrences of `every` in `window`: 7-day windows from its start, or the
/// calendar months / quarters / half-years / years that meet it, each clipped to
/// it. `Err(count)` when there would be more than [`MAX_OCCURRENCES`].
fn occurrences(every: Frequency, window: Interval) -> Result<Vec<Interval>, usize> {
    let mut out = Vec::new();
    if every == Frequency::Weekly {
        let count = usize::try_from((window.days() + 6) / 7).unwrap_or(usize::MAX);
        if count > MAX_OCCURRENCES {
            return Err(count);
        }
        out.reserve(count);
        let mut start = window.start;
        loop {
            let end = start
                .checked_add_days(Days::new(6))
                .map_or(window.end, |e| e.min(window.end));
            out.push(Interval::new(start, end));
            match start.checked_add_days(Days::new(7)) {
                Some(next) if next <= window.end => start = next,
                _ => return Ok(out),
            }
        }
    }
    let mut d = window.start;
    loop {
        let Some(unit) = unit_containing(every, d) else {
            return Ok(out);
        };
        out.push(Interval::new(
            unit.start.max(window.start),
            unit.end.min(window.end),
        ));
        if out.len() > MAX_OCCURRENCES {
            return Err(out.len());
        }
        match unit.end.succ_opt() {
            Some(next) if next <= window.end => d = next,
            _ => return Ok(out),
        }
    }
}

/// `text` with a year added, for help messages: «сентябрь» → «сентябрь 2021 года»,
/// «в течение года» → «в течение 2021 года», «28.12» → «28.12.2021».
fn with_year(text: &str, y: i32) -> String {
    let t = text.trim();
    let lower = fold(t);
    let cyrillic = t.chars().any(|c| ('\u{400}'..='\u{4FF}').contains(&c));
    if t.ends_with(|c: char| c.is_ascii_digit() || c == '.') && t.contains('.') {
        return format!("{}.{y}", t.trim_end_matches('.'));
    }
    if let Some(head) = lower.strip_suffix("года") {
        if let Some(orig) = t.get(..head.len()) {
            return format!("{orig}{y} года");
        }
    }
    if let Some(head) = lower.strip_suffix("the year") {
        if let Some(orig) = t.get(..head.len()) {
            return format!("{orig}{y}");
        }
    }
    if cyrillic {
        format!("{t} {y} года")
    } else {
        format!("{t} {y}")
    }
}

/// `found` with letters that look like digits (О, о, O, o → 0; З, з → 3) made
/// digits, when it is a number typed on the wrong keyboard layout («2О22»).
fn digits_for_lookalikes(found: &str) -> Option<String> {
    let mut fixed = String::with_capacity(found.len());
    let (mut digits, mut letters) = (false, false);
    for c in found.chars() {
        match c {
            '0'..='9' => {
                digits = true;
                fixed.push(c);
            }
            'О' | 'о' | 'O' | 'o' => {
                letters = true;
                fixed.push('0');
            }
            'З' | 'з' => {
                letters = true;
                fixed.push('3');
            }
            _ => return None,
        }
    }
    (digits && letters).then_some(fixed)
}

/// The keyword closest to a misspelt word («Сентбярь» → «Сентябрь»), if one is close.
fn closest_keyword(found: &str) -> Option<String> {
    const WORDS: &[&str] = &[
        "январь",
        "января",
        "февраль",
        "февраля",
        "март",
        "марта",
        "апрель",
        "апреля",
        "июнь",
        "июня",
        "июль",
        "июля",
        "август",
        "августа",
        "сентябрь",
        "сентября",
        "октябрь",
        "октября",
        "ноябрь",
        "ноября",
        "декабрь",
        "декабря",
        "января",
        "февраля",
        "квартал",
        "квартала",
        "полугодие",
        "полугодия",
        "года",
        "учебного",
        "учебный",
        "течение",
        "еженедельно",
        "ежемесячно",
        "ежеквартально",
        "ежеполугодно",
        "ежегодно",
        "постоянно",
        "графику",
        "заявкам",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "quarter",
        "weekly",
        "monthly",
        "quarterly",
        "annually",
        "yearly",
        "during",
        "throughout",
        "continuously",
        "according",
        "schedule",
        "request",
    ];
    let len = found.chars().count();
    if !(4..=20).contains(&len) || !found.chars().all(char::is_alphabetic) {
        return None;
    }
    let lower = fold(found);
    let limit = if len >= 6 { 2 } else { 1 };
    let (word, distance) = WORDS
        .iter()
        .map(|w| (*w, edit_distance(&lower, w)))
        .min_by_key(|(_, d)| *d)?;
    if distance == 0 || distance > limit {
        return None;
    }
    // Keep the writer's capital letter.
    let mut chars = word.chars();
    Some(match (found.chars().next(), chars.next()) {
        (Some(f), Some(first)) if f.is_uppercase() => first.to_uppercase().chain(chars).collect(),
        _ => word.to_string(),
    })
}

/// Edits (insert, delete, replace, swap two neighbours) from `a` to `b`.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    if let Some(first) = rows.first_mut() {
        for (j, cell) in first.iter_mut().enumerate() {
            *cell = j;
        }
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

/// Whether `text` is all digits (a year on its own).
fn is_number(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_digit())
}

/// `10488` → `10 488` (with `sep` between thousands).
fn thousands(n: usize, sep: char) -> String {
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
fn or_list(items: &[Expected], lang: Lang) -> String {
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

/// DD.MM.YYYY
struct DateFmt(NaiveDate);

impl fmt::Display for DateFmt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:02}.{:02}.{}",
            self.0.day(),
            self.0.month(),
            self.0.year()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("a valid test date")
    }

    fn iv(a: (i32, u32, u32), b: (i32, u32, u32)) -> Interval {
        Interval::new(d(a.0, a.1, a.2), d(b.0, b.1, b.2))
    }

    fn month(y: i32, m: u32) -> Interval {
        Interval::month(y, m).expect("a valid test month")
    }

    fn year(y: i32) -> Context {
        Context::new(Some(Interval::year(y)))
    }

    fn years(first: i32, last: i32) -> Context {
        Context::new(Some(Interval::new(d(first, 1, 1), d(last, 12, 31))))
    }

    fn school(y: i32) -> Context {
        Context::new(Interval::school_year(y))
    }

    fn none() -> Context {
        Context::default()
    }

    fn ok(text: &str, ctx: Context) -> Timing {
        resolve(text, &ctx).unwrap_or_else(|e| panic!("{text:?} failed: {e:?}"))
    }

    fn window(text: &str, ctx: Context) -> Interval {
        match ok(text, ctx) {
            Timing::Window(w) => w,
            other => panic!("{text:?} is not one window: {other:?}"),
        }
    }

    fn windows(text: &str, ctx: Context) -> Vec<Interval> {
        match ok(text, ctx) {
            Timing::Windows(ws) => ws,
            other => panic!("{text:?} is not several windows: {other:?}"),
        }
    }

    fn err(text: &str, ctx: Context) -> TimingError {
        match resolve(text, &ctx) {
            Err(e) => e,
            Ok(t) => panic!("{text:?} resolved to {t:?}, expected an error"),
        }
    }

    /// The part of `text` an error points at.
    fn pointed<'a>(text: &'a str, e: &TimingError) -> &'a str {
        text.get(e.span.clone())
            .expect("the span is on char boundaries")
    }

    fn recurring(text: &str, ctx: Context) -> (Frequency, u32, Interval, Vec<Interval>) {
        match ok(text, ctx) {
            Timing::Recurring {
                every,
                times,
                window,
                occurrences,
            } => (every, times, window, occurrences),
            other => panic!("{text:?} is not a recurrence: {other:?}"),
        }
    }

    // ------------------------------------------------------------ 1. exact dates

    #[test]
    fn exact_date_dotted() {
        assert_eq!(
            window("24.01.2022", year(2022)),
            Interval::day(d(2022, 1, 24))
        );
    }

    #[test]
    fn exact_date_iso() {
        assert_eq!(
            window("2022-01-24", year(2022)),
            Interval::day(d(2022, 1, 24))
        );
    }

    #[test]
    fn exact_date_with_year_letter_seed_spelling() {
        assert_eq!(
            window("01.03.2022г.", year(2022)),
            Interval::day(d(2022, 3, 1))
        );
        assert_eq!(
            window("01.03.2022 г.", none()),
            Interval::day(d(2022, 3, 1))
        );
    }

    #[test]
    fn exact_date_loose_spacing_and_trailing_dot() {
        assert_eq!(
            window("  24 . 01 . 2022 .  ", none()),
            Interval::day(d(2022, 1, 24))
        );
        assert_eq!(
            window("on 24.01.2022", none()),
            Interval::day(d(2022, 1, 24))
        );
    }

    #[test]
    fn exact_date_february_31_is_invalid() {
        let e = err("31.02.2022", year(2022));
        assert_eq!(
            e.kind,
            TimingErrorKind::InvalidDate {
                text: "31.02.2022".into()
            }
        );
        assert_eq!(e.span, 0..10);
        let e = err("срок 31.02.2022", year(2022));
        assert!(matches!(e.kind, TimingErrorKind::Syntax { .. }));
    }

    #[test]
    fn exact_date_leap_day() {
        assert_eq!(window("29.02.2024", none()), Interval::day(d(2024, 2, 29)));
        let e = err("29.02.2023", none());
        assert_eq!(
            e.kind,
            TimingErrorKind::InvalidDate {
                text: "29.02.2023".into()
            }
        );
    }

    #[test]
    fn exact_date_month_13_is_invalid() {
        let e = err("01.13.2022", none());
        assert_eq!(
            e.kind,
            TimingErrorKind::InvalidDate {
                text: "01.13.2022".into()
            }
        );
    }

    #[test]
    fn year_outside_1900_2200_is_invalid() {
        for (text, bad) in [
            ("99999999", "99999999"),
            ("1899", "1899"),
            ("2201 год", "2201"),
            ("24.01.99999", "99999"),
            ("99999-01-01", "99999"),
        ] {
            let e = err(text, none());
            assert_eq!(
                e.kind,
                TimingErrorKind::InvalidDate { text: bad.into() },
                "{text}"
            );
            assert_eq!(pointed(text, &e), bad, "{text}");
        }
    }

    #[test]
    fn year_out_of_range_message() {
        let e = err("1899", none());
        assert_eq!(
            e.message(Lang::Ru),
            "Год «1899» не подходит: годы пишутся от 1900 до 2200."
        );
        assert_eq!(
            e.message(Lang::En),
            "The year “1899” is out of range: years run from 1900 to 2200."
        );
    }

    #[test]
    fn short_year_asks_for_four_digits() {
        let e = err("24.01.22", none());
        assert_eq!(
            e.kind,
            TimingErrorKind::Syntax {
                found: "22".into(),
                expected: vec![Expected::Year]
            }
        );
        assert_eq!(pointed("24.01.22", &e), "22");
        let e = err("сентябрь 20", year(2022));
        assert_eq!(pointed("сентябрь 20", &e), "20");
    }

    // ------------------------------------------------------------ 2. deadlines

    #[test]
    fn deadline_full_date() {
        assert_eq!(
            ok("до 01.03.2022", year(2022)),
            Timing::Deadline {
                by: d(2022, 3, 1),
                window: iv((2022, 1, 1), (2022, 3, 1))
            }
        );
    }

    #[test]
    fn deadline_day_and_month_takes_the_roadmap_year() {
        assert_eq!(
            ok("до 28.12", year(2022)),
            Timing::Deadline {
                by: d(2022, 12, 28),
                window: iv((2022, 1, 1), (2022, 12, 28))
            }
        );
        assert_eq!(
            ok("до 1 марта", year(2022)),
            Timing::Deadline {
                by: d(2022, 3, 1),
                window: iv((2022, 1, 1), (2022, 3, 1))
            }
        );
    }

    #[test]
    fn deadline_english_and_other_russian_words() {
        let want = Timing::Deadline {
            by: d(2022, 3, 1),
            window: iv((2022, 1, 1), (2022, 3, 1)),
        };
        for text in [
            "by 01.03.2022",
            "no later than 01.03.2022",
            "until 01.03.2022",
            "не позднее 01.03.2022",
            "До 01.03.2022.",
        ] {
            assert_eq!(ok(text, year(2022)), want, "{text}");
        }
        assert_eq!(
            ok("until 28.12", year(2022)),
            Timing::Deadline {
                by: d(2022, 12, 28),
                window: iv((2022, 1, 1), (2022, 12, 28))
            }
        );
    }

    #[test]
    fn deadline_without_period_is_the_day_itself() {
        assert_eq!(
            ok("до 01.03.2022", none()),
            Timing::Deadline {
                by: d(2022, 3, 1),
                window: Interval::day(d(2022, 3, 1))
            }
        );
        assert_eq!(
            err("до 28.12", none()).kind,
            TimingErrorKind::NoYear {
                text: "28.12".into()
            }
        );
    }

    #[test]
    fn deadline_before_the_period_is_the_day_itself() {
        assert_eq!(
            ok("до 01.03.2021", year(2022)),
            Timing::Deadline {
                by: d(2021, 3, 1),
                window: Interval::day(d(2021, 3, 1))
            }
        );
    }

    #[test]
    fn deadline_end_of_a_window() {
        assert_eq!(
            ok("до конца года", year(2022)),
            Timing::Deadline {
                by: d(2022, 12, 31),
                window: Interval::year(2022)
            }
        );
        assert_eq!(
            ok("до конца I квартала 2022 года", year(2022)),
            Timing::Deadline {
                by: d(2022, 3, 31),
                window: iv((2022, 1, 1), (2022, 3, 31))
            }
        );
        assert_eq!(
            ok("by the end of Q1 2022", year(2022)),
            Timing::Deadline {
                by: d(2022, 3, 31),
                window: iv((2022, 1, 1), (2022, 3, 31))
            }
        );
    }

    // ------------------------------------------------------------ 3. date ranges

    #[test]
    fn date_range_shared_year_seed_spellings() {
        assert_eq!(
            window("17.01. – 04.02.2022", none()),
            iv((2022, 1, 17), (2022, 2, 4))
        );
        assert_eq!(
            window("17.01.–04.02.2022", none()),
            iv((2022, 1, 17), (2022, 2, 4))
        );
        assert_eq!(
            window("18.01. – 04.02.2022", none()),
            iv((2022, 1, 18), (2022, 2, 4))
        );
        assert_eq!(
            window("10.03. – 24.03.2022", none()),
            iv((2022, 3, 10), (2022, 3, 24))
        );
    }

    #[test]
    fn date_range_any_dash_any_spacing() {
        for text in [
            "17.01-04.02.2022",
            "17.01 — 04.02.2022",
            "17.01.  -  04.02.2022",
            "17.01.−04.02.2022",
        ] {
            assert_eq!(
                window(text, none()),
                iv((2022, 1, 17), (2022, 2, 4)),
                "{text}"
            );
        }
    }

    #[test]
    fn date_range_full_dates() {
        assert_eq!(
            window("01.09.2020 – 31.08.2021", none()),
            iv((2020, 9, 1), (2021, 8, 31))
        );
        assert_eq!(
            window("2020-09-01 – 2021-08-31", none()),
            iv((2020, 9, 1), (2021, 8, 31))
        );
    }

    #[test]
    fn date_range_month_names_russian() {
        assert_eq!(
            window("21 октября – 10 ноября 2022", none()),
            iv((2022, 10, 21), (2022, 11, 10))
        );
        assert_eq!(
            window("21 октября – 10 ноября 2022 года", none()),
            iv((2022, 10, 21), (2022, 11, 10))
        );
    }

    #[test]
    fn date_range_month_names_english() {
        assert_eq!(
            window("21 October – 10 November 2022", none()),
            iv((2022, 10, 21), (2022, 11, 10))
        );
    }

    #[test]
    fn date_range_from_to() {
        assert_eq!(
            window("с 01.02.2022 по 28.02.2022", none()),
            iv((2022, 2, 1), (2022, 2, 28))
        );
        assert_eq!(
            window("from 01.02.2022 to 28.02.2022", none()),
            iv((2022, 2, 1), (2022, 2, 28))
        );
        assert_eq!(
            window("с 1 по 15 марта 2022 года", none()),
            iv((2022, 3, 1), (2022, 3, 15))
        );
        assert_eq!(
            window("from 1 to 15 March 2022", none()),
            iv((2022, 3, 1), (2022, 3, 15))
        );
    }

    #[test]
    fn day_range_in_one_month() {
        assert_eq!(
            window("14–16 октября 2021", none()),
            iv((2021, 10, 14), (2021, 10, 16))
        );
        assert_eq!(
            window("14-16 October", year(2021)),
            iv((2021, 10, 14), (2021, 10, 16))
        );
        let e = err("30–31 февраля 2022", none());
        assert!(
            matches!(e.kind, TimingErrorKind::InvalidDate { .. }),
            "{e:?}"
        );
    }

    #[test]
    fn date_range_reversed() {
        let e = err("20.12. – 10.01.2022", none());
        assert_eq!(
            e.kind,
            TimingErrorKind::Reversed {
                start: d(2022, 12, 20),
                end: d(2022, 1, 10)
            }
        );
        assert_eq!(e.span, 0.."20.12. – 10.01.2022".len());
        // Both years written: fine.
        assert_eq!(
            window("20.12.2021 – 10.01.2022", none()),
            iv((2021, 12, 20), (2022, 1, 10))
        );
    }

    #[test]
    fn open_range_runs_to_the_end_of_the_period() {
        assert_eq!(
            window("с 01.09.2022", year(2022)),
            iv((2022, 9, 1), (2022, 12, 31))
        );
        assert_eq!(
            window("from September 2022", year(2022)),
            iv((2022, 9, 1), (2022, 12, 31))
        );
        assert_eq!(
            err("с 01.09.2022", none()).kind,
            TimingErrorKind::NoPeriod {
                text: "с 01.09.2022".into()
            }
        );
        assert_eq!(
            err("с 2023 года", year(2022)).kind,
            TimingErrorKind::OutsidePeriod {
                text: "с 2023 года".into(),
                period: Interval::year(2022)
            }
        );
    }

    // ------------------------------------------------------------ 4. months

    #[test]
    fn month_with_year_russian() {
        assert_eq!(window("март 2022 года", none()), month(2022, 3));
        assert_eq!(window("Июнь 2020 года", none()), month(2020, 6));
        assert_eq!(window("декабрь 2022 года", none()), month(2022, 12));
        assert_eq!(window("в сентябре 2021 г.", none()), month(2021, 9));
    }

    #[test]
    fn month_with_year_english() {
        assert_eq!(window("March 2022", none()), month(2022, 3));
        assert_eq!(window("in September of 2021", none()), month(2021, 9));
    }

    #[test]
    fn month_abbreviations() {
        assert_eq!(window("янв. 2022", none()), month(2022, 1));
        assert_eq!(window("февр. 2022", none()), month(2022, 2));
        assert_eq!(window("сент. 2021", none()), month(2021, 9));
        assert_eq!(window("Sept 2021", none()), month(2021, 9));
        assert_eq!(window("Dec. 2021", none()), month(2021, 12));
    }

    #[test]
    fn month_case_insensitive_cyrillic() {
        for text in ["Сентябрь", "СЕНТЯБРЬ", "сентябрь", "сЕнТяБрЬ"]
        {
            assert_eq!(window(text, year(2022)), month(2022, 9), "{text}");
        }
        assert_eq!(
            window("ВО ВТОРОМ ПОЛУГОДИИ 2021 ГОДА", none()),
            iv((2021, 7, 1), (2021, 12, 31))
        );
    }

    #[test]
    fn month_with_yo_and_without() {
        assert_eq!(
            window("в четвёртом квартале 2021", none()),
            iv((2021, 10, 1), (2021, 12, 31))
        );
        assert_eq!(
            window("в четвертом квартале 2021", none()),
            iv((2021, 10, 1), (2021, 12, 31))
        );
    }

    #[test]
    fn month_without_year_takes_the_roadmap_year() {
        assert_eq!(window("сентябрь", year(2022)), month(2022, 9));
        assert_eq!(
            window("February", year(2024)),
            iv((2024, 2, 1), (2024, 2, 29))
        );
    }

    #[test]
    fn month_without_year_in_multi_year_period_is_ambiguous() {
        let e = err("сентябрь", years(2020, 2021));
        assert_eq!(
            e.kind,
            TimingErrorKind::AmbiguousYear {
                text: "сентябрь".into(),
                first: 2020,
                last: 2021
            }
        );
        assert_eq!(pointed("сентябрь", &e), "сентябрь");
        let text = "март 2021, сентябрь";
        let e = err(text, years(2020, 2021));
        assert_eq!(pointed(text, &e), "сентябрь");
    }

    #[test]
    fn month_without_year_or_period() {
        assert_eq!(
            err("сентябрь", none()).kind,
            TimingErrorKind::NoYear {
                text: "сентябрь".into()
            }
        );
    }

    #[test]
    fn month_in_school_year_period_picks_the_only_year() {
        assert_eq!(window("сентябрь", school(2020)), month(2020, 9));
        assert_eq!(window("май", school(2020)), month(2021, 5));
        assert_eq!(
            ok("до 28.12", school(2020)),
            Timing::Deadline {
                by: d(2020, 12, 28),
                window: iv((2020, 9, 1), (2020, 12, 28))
            }
        );
    }

    // ------------------------------------------------------------ 5. month ranges

    #[test]
    fn month_range_seed_spelling_moscow() {
        assert_eq!(
            window("Сентябрь- октябрь 2020 года", none()),
            iv((2020, 9, 1), (2020, 10, 31))
        );
        assert_eq!(
            window("Сентябрь-ноябрь 2021 ГОДА", none()),
            iv((2021, 9, 1), (2021, 11, 30))
        );
    }

    #[test]
    fn month_range_needs_year() {
        assert_eq!(
            window("Июнь - август", year(2022)),
            iv((2022, 6, 1), (2022, 8, 31))
        );
        assert_eq!(
            window("Март-июнь", year(2022)),
            iv((2022, 3, 1), (2022, 6, 30))
        );
        assert_eq!(
            window("Сентябрь - октябрь", year(2022)),
            iv((2022, 9, 1), (2022, 10, 31))
        );
        let e = err("Июнь - август", years(2020, 2022));
        assert_eq!(
            e.kind,
            TimingErrorKind::AmbiguousYear {
                text: "Июнь - август".into(),
                first: 2020,
                last: 2022
            }
        );
    }

    #[test]
    fn month_range_english() {
        assert_eq!(
            window("September–October 2020", none()),
            iv((2020, 9, 1), (2020, 10, 31))
        );
        assert_eq!(
            window("June - August", year(2022)),
            iv((2022, 6, 1), (2022, 8, 31))
        );
    }

    #[test]
    fn month_range_across_new_year() {
        assert_eq!(
            window("ноябрь 2021 – февраль 2022", none()),
            iv((2021, 11, 1), (2022, 2, 28))
        );
        assert_eq!(
            window("November 2021 – February 2022", none()),
            iv((2021, 11, 1), (2022, 2, 28))
        );
        let e = err("ноябрь – февраль 2022", none());
        assert_eq!(
            e.kind,
            TimingErrorKind::Reversed {
                start: d(2022, 11, 1),
                end: d(2022, 2, 28)
            }
        );
    }

    // ------------------------------------------------------------ 6. lists

    #[test]
    fn list_of_months_seed_spellings() {
        assert_eq!(
            windows("Февраль, март, октябрь", year(2022)),
            vec![month(2022, 2), month(2022, 3), month(2022, 10)]
        );
        assert_eq!(
            windows("Июнь, ноябрь", year(2022)),
            vec![month(2022, 6), month(2022, 11)]
        );
        assert_eq!(
            windows("Февраль, март", year(2022)),
            vec![month(2022, 2), month(2022, 3)]
        );
    }

    #[test]
    fn list_of_months_english() {
        assert_eq!(
            windows("February, March and October", year(2022)),
            vec![month(2022, 2), month(2022, 3), month(2022, 10)]
        );
    }

    #[test]
    fn list_of_mixed_forms() {
        assert_eq!(
            windows("март, апрель – июнь, август", year(2022)),
            vec![
                month(2022, 3),
                iv((2022, 4, 1), (2022, 6, 30)),
                month(2022, 8)
            ]
        );
        assert_eq!(
            windows("24.01.2022; 17.02. – 20.02.2022, II квартал 2022", none()),
            vec![
                Interval::day(d(2022, 1, 24)),
                iv((2022, 2, 17), (2022, 2, 20)),
                iv((2022, 4, 1), (2022, 6, 30))
            ]
        );
    }

    #[test]
    fn list_of_months_with_their_own_years() {
        assert_eq!(
            windows("август 2022 года, август 2023 года", none()),
            vec![month(2022, 8), month(2023, 8)]
        );
    }

    #[test]
    fn list_month_with_several_years() {
        assert_eq!(
            windows("Сентябрь 2020, 2021", none()),
            vec![month(2020, 9), month(2021, 9)]
        );
        assert_eq!(
            windows("Сентябрь 2020 и 2021 годов", none()),
            vec![month(2020, 9), month(2021, 9)]
        );
        assert_eq!(
            windows("September 2020, 2021, 2022", none()),
            vec![month(2020, 9), month(2021, 9), month(2022, 9)]
        );
    }

    #[test]
    fn list_trailing_year_applies_to_the_whole_list() {
        assert_eq!(
            windows("февраль, март 2021 года", years(2020, 2022)),
            vec![month(2021, 2), month(2021, 3)]
        );
        assert_eq!(
            windows("February, March 2021", none()),
            vec![month(2021, 2), month(2021, 3)]
        );
    }

    #[test]
    fn list_of_years_and_trailing_comma() {
        assert_eq!(
            windows("2020, 2021", none()),
            vec![Interval::year(2020), Interval::year(2021)]
        );
        assert_eq!(
            windows("Февраль, март,", year(2022)),
            vec![month(2022, 2), month(2022, 3)]
        );
        // Repeats collapse.
        assert_eq!(window("март, март", year(2022)), month(2022, 3));
    }

    // ------------------------------------------------------------ 7. quarters and half-years

    #[test]
    fn quarter_roman_with_year_word() {
        assert_eq!(
            window("II квартал 2020 года", none()),
            iv((2020, 4, 1), (2020, 6, 30))
        );
        assert_eq!(
            window("IV квартал 2021 года", none()),
            iv((2021, 10, 1), (2021, 12, 31))
        );
    }

    #[test]
    fn quarter_arabic_seed_spellings() {
        assert_eq!(
            window("4 квартал 2021 г.", none()),
            iv((2021, 10, 1), (2021, 12, 31))
        );
        assert_eq!(
            window("1-й квартал 2022", none()),
            iv((2022, 1, 1), (2022, 3, 31))
        );
        assert_eq!(
            window("3 кв. 2022", none()),
            iv((2022, 7, 1), (2022, 9, 30))
        );
    }

    #[test]
    fn quarter_english() {
        assert_eq!(window("Q2 2020", none()), iv((2020, 4, 1), (2020, 6, 30)));
        assert_eq!(
            window("2nd quarter 2020", none()),
            iv((2020, 4, 1), (2020, 6, 30))
        );
        assert_eq!(
            window("second quarter of 2020", none()),
            iv((2020, 4, 1), (2020, 6, 30))
        );
    }

    #[test]
    fn quarter_needs_year() {
        assert_eq!(
            window("III квартал", year(2022)),
            iv((2022, 7, 1), (2022, 9, 30))
        );
        assert_eq!(window("Q3", year(2022)), iv((2022, 7, 1), (2022, 9, 30)));
        assert_eq!(
            err("III квартал", none()).kind,
            TimingErrorKind::NoYear {
                text: "III квартал".into()
            }
        );
    }

    #[test]
    fn quarter_range() {
        assert_eq!(
            window("I–II квартал 2021 года", none()),
            iv((2021, 1, 1), (2021, 6, 30))
        );
        assert_eq!(
            window("III-IV кварталы 2021 г.", none()),
            iv((2021, 7, 1), (2021, 12, 31))
        );
        assert_eq!(
            window("Q1–Q2 2022", none()),
            iv((2022, 1, 1), (2022, 6, 30))
        );
        assert!(matches!(
            err("II–I квартал 2021", none()).kind,
            TimingErrorKind::Reversed { .. }
        ));
    }

    #[test]
    fn quarter_v_is_invalid() {
        let e = err("V квартал 2021", none());
        assert_eq!(
            e.kind,
            TimingErrorKind::InvalidDate {
                text: "V квартал 2021".into()
            }
        );
        assert!(matches!(
            err("5 квартал 2021", none()).kind,
            TimingErrorKind::InvalidDate { .. }
        ));
        assert!(matches!(
            err("Q5 2021", none()).kind,
            TimingErrorKind::InvalidDate { .. }
        ));
    }

    #[test]
    fn half_year_russian() {
        assert_eq!(
            window("I полугодие 2021", none()),
            iv((2021, 1, 1), (2021, 6, 30))
        );
        assert_eq!(
            window("2 полугодие 2021 года", none()),
            iv((2021, 7, 1), (2021, 12, 31))
        );
        assert_eq!(
            window("первое полугодие 2021 года", none()),
            iv((2021, 1, 1), (2021, 6, 30))
        );
        assert_eq!(
            window("во II полугодии", year(2021)),
            iv((2021, 7, 1), (2021, 12, 31))
        );
    }

    #[test]
    fn half_year_english() {
        assert_eq!(window("H1 2021", none()), iv((2021, 1, 1), (2021, 6, 30)));
        assert_eq!(
            window("first half of 2021", none()),
            iv((2021, 1, 1), (2021, 6, 30))
        );
        assert_eq!(
            window("second half 2021", none()),
            iv((2021, 7, 1), (2021, 12, 31))
        );
        assert_eq!(
            window("2nd half-year 2021", none()),
            iv((2021, 7, 1), (2021, 12, 31))
        );
    }

    #[test]
    fn half_year_three_is_invalid() {
        assert!(matches!(
            err("3 полугодие 2021", none()).kind,
            TimingErrorKind::InvalidDate { .. }
        ));
    }

    // ------------------------------------------------------------ 8. years

    #[test]
    fn years_single() {
        assert_eq!(window("2020 год", none()), Interval::year(2020));
        assert_eq!(window("2021", none()), Interval::year(2021));
        assert_eq!(window("в 2021 году", none()), Interval::year(2021));
        assert_eq!(window("in 2021", none()), Interval::year(2021));
    }

    #[test]
    fn years_range() {
        assert_eq!(
            window("2020-2021 годы", none()),
            iv((2020, 1, 1), (2021, 12, 31))
        );
        assert_eq!(
            window("2020–2022 гг.", none()),
            iv((2020, 1, 1), (2022, 12, 31))
        );
        assert_eq!(
            window("2020–2021", none()),
            iv((2020, 1, 1), (2021, 12, 31))
        );
        assert_eq!(
            window("2020-2022 years", none()),
            iv((2020, 1, 1), (2022, 12, 31))
        );
        assert!(matches!(
            err("2022–2020", none()).kind,
            TimingErrorKind::Reversed { .. }
        ));
    }

    // ------------------------------------------------------------ 9. «в течение года»

    #[test]
    fn during_the_year() {
        for text in [
            "в течение года",
            "В течение года",
            "throughout the year",
            "during the year",
            "в течении года",
        ] {
            assert_eq!(window(text, year(2022)), Interval::year(2022), "{text}");
        }
    }

    #[test]
    fn during_the_year_in_multi_year_period_is_ambiguous() {
        let e = err("в течение года", years(2020, 2021));
        assert_eq!(
            e.kind,
            TimingErrorKind::AmbiguousYear {
                text: "в течение года".into(),
                first: 2020,
                last: 2021
            }
        );
        assert_eq!(e.span, 0.."в течение года".len());
        assert_eq!(
            err("в течение года", none()).kind,
            TimingErrorKind::NoYear {
                text: "в течение года".into()
            }
        );
    }

    #[test]
    fn during_a_named_year() {
        assert_eq!(
            window("в течение 2021 года", years(2020, 2022)),
            Interval::year(2021)
        );
        assert_eq!(window("during 2021", none()), Interval::year(2021));
        assert_eq!(
            window("в течение I квартала 2022 года", none()),
            iv((2022, 1, 1), (2022, 3, 31))
        );
    }

    #[test]
    fn during_the_whole_period() {
        assert_eq!(
            window("в течение всего периода", years(2020, 2022)),
            iv((2020, 1, 1), (2022, 12, 31))
        );
        assert_eq!(
            window("throughout the period", years(2020, 2022)),
            iv((2020, 1, 1), (2022, 12, 31))
        );
        assert_eq!(
            err("весь период", none()).kind,
            TimingErrorKind::NoPeriod {
                text: "весь период".into()
            }
        );
    }

    // ------------------------------------------------------------ 10. school years

    #[test]
    fn school_year_current() {
        assert_eq!(
            window("в течение учебного года", school(2021)),
            iv((2021, 9, 1), (2022, 8, 31))
        );
        assert_eq!(
            window("throughout the school year", school(2021)),
            iv((2021, 9, 1), (2022, 8, 31))
        );
        assert_eq!(
            err("в течение учебного года", year(2022)).kind,
            TimingErrorKind::AmbiguousSchoolYear
        );
        assert_eq!(
            err("during the academic year", none()).kind,
            TimingErrorKind::AmbiguousSchoolYear
        );
    }

    #[test]
    fn school_year_named() {
        let want = iv((2021, 9, 1), (2022, 8, 31));
        for text in [
            "в течение 2021/2022 учебного года",
            "2021/2022 учебный год",
            "2021-2022 учебный год",
            "2021/22 уч. год",
            "school year 2021/2022",
            "2021/2022 academic year",
            "2021/2022",
        ] {
            assert_eq!(window(text, none()), want, "{text}");
        }
    }

    #[test]
    fn school_year_with_a_gap_is_invalid() {
        let e = err("2021/2023 учебный год", none());
        assert_eq!(
            e.kind,
            TimingErrorKind::InvalidSchoolYear {
                text: "2021/2023".into()
            }
        );
        assert_eq!(
            e.message(Lang::Ru),
            "Учебный год «2021/2023» невозможен: второй год должен идти сразу за первым."
        );
    }

    // ------------------------------------------------------------ 11. continuous

    #[test]
    fn continuous_russian_and_english() {
        for text in [
            "постоянно",
            "Постоянно",
            "continuously",
            "ongoing",
            "permanently",
            "в постоянном режиме",
        ] {
            assert_eq!(
                ok(text, year(2022)),
                Timing::NoDate {
                    kind: NoDate::Continuous,
                    window: Some(Interval::year(2022))
                },
                "{text}"
            );
        }
        assert_eq!(
            ok("постоянно", none()),
            Timing::NoDate {
                kind: NoDate::Continuous,
                window: None
            }
        );
    }

    #[test]
    fn continuous_with_its_own_window() {
        assert_eq!(
            ok("постоянно в течение 2021 года", years(2020, 2022)),
            Timing::NoDate {
                kind: NoDate::Continuous,
                window: Some(Interval::year(2021))
            }
        );
        assert_eq!(
            ok("в течение года, постоянно", year(2022)),
            Timing::NoDate {
                kind: NoDate::Continuous,
                window: Some(Interval::year(2022))
            }
        );
    }

    // ------------------------------------------------------------ 12. recurrences

    #[test]
    fn recurring_weekly_over_the_period() {
        let (every, times, w, occ) = recurring("еженедельно", year(2022));
        assert_eq!(
            (every, times, w),
            (Frequency::Weekly, 1, Interval::year(2022))
        );
        assert_eq!(occ.len(), 53);
        assert_eq!(occ[0], iv((2022, 1, 1), (2022, 1, 7)));
        assert_eq!(occ[1], iv((2022, 1, 8), (2022, 1, 14)));
        assert_eq!(occ[52], Interval::day(d(2022, 12, 31)));
        assert_eq!(recurring("weekly", year(2022)).3, occ);
    }

    #[test]
    fn recurring_weekly_with_window_seed_spelling() {
        for text in ["еженедельно 10.02.–23.06.2022", "weekly 10.02.–23.06.2022"] {
            let (every, _, w, occ) = recurring(text, year(2022));
            assert_eq!(every, Frequency::Weekly);
            assert_eq!(w, iv((2022, 2, 10), (2022, 6, 23)));
            assert_eq!(occ.len(), 20);
            assert_eq!(occ[0], iv((2022, 2, 10), (2022, 2, 16)));
            assert_eq!(occ[19], Interval::day(d(2022, 6, 23)));
        }
    }

    #[test]
    fn recurring_monthly_during_the_year() {
        let (every, _, w, occ) = recurring("ежемесячно в течение года", year(2022));
        assert_eq!((every, w), (Frequency::Monthly, Interval::year(2022)));
        assert_eq!(occ, (1..=12).map(|m| month(2022, m)).collect::<Vec<_>>());
        assert_eq!(recurring("monthly", year(2022)).3, occ);
    }

    #[test]
    fn recurring_monthly_clips_to_the_window() {
        let (_, _, _, occ) = recurring("ежемесячно 15.01.–10.03.2022", none());
        assert_eq!(
            occ,
            vec![
                iv((2022, 1, 15), (2022, 1, 31)),
                month(2022, 2),
                iv((2022, 3, 1), (2022, 3, 10))
            ]
        );
    }

    #[test]
    fn recurring_quarterly_half_yearly_yearly() {
        let q: Vec<_> = (1..=4)
            .map(|q| Interval::quarter(2022, q).expect("quarter"))
            .collect();
        for text in [
            "ежеквартально",
            "quarterly",
            "раз в квартал",
            "every quarter",
        ] {
            let (every, _, _, occ) = recurring(text, year(2022));
            assert_eq!((every, occ), (Frequency::Quarterly, q.clone()), "{text}");
        }
        let h = vec![
            iv((2022, 1, 1), (2022, 6, 30)),
            iv((2022, 7, 1), (2022, 12, 31)),
        ];
        for text in [
            "раз в полугодие",
            "ежеполугодно",
            "every half-year",
            "semi-annually",
            "раз в полгода",
        ] {
            let (every, _, _, occ) = recurring(text, year(2022));
            assert_eq!((every, occ), (Frequency::HalfYearly, h.clone()), "{text}");
        }
        for text in ["ежегодно", "yearly", "annually", "раз в год"] {
            let (every, _, _, occ) = recurring(text, years(2021, 2022));
            assert_eq!(
                (every, occ),
                (
                    Frequency::Yearly,
                    vec![Interval::year(2021), Interval::year(2022)]
                ),
                "{text}"
            );
        }
    }

    #[test]
    fn recurring_without_period_has_no_year() {
        let e = err("еженедельно", none());
        assert_eq!(
            e.kind,
            TimingErrorKind::NoYear {
                text: "еженедельно".into()
            }
        );
        assert_eq!(pointed("еженедельно", &e), "еженедельно");
    }

    #[test]
    fn recurring_yearly_from_a_year() {
        for text in [
            "ежегодно с 2023",
            "ежегодно с 2023 года",
            "annually from 2023",
        ] {
            let (every, _, w, occ) = recurring(text, years(2022, 2024));
            assert_eq!(every, Frequency::Yearly);
            assert_eq!(w, iv((2023, 1, 1), (2024, 12, 31)), "{text}");
            assert_eq!(
                occ,
                vec![Interval::year(2023), Interval::year(2024)],
                "{text}"
            );
        }
        assert_eq!(
            err("ежегодно с 2023", none()).kind,
            TimingErrorKind::NoPeriod {
                text: "с 2023".into()
            }
        );
        assert_eq!(
            err("ежегодно с 2023", years(2020, 2022)).kind,
            TimingErrorKind::OutsidePeriod {
                text: "с 2023".into(),
                period: iv((2020, 1, 1), (2022, 12, 31))
            }
        );
    }

    #[test]
    fn recurring_yearly_in_a_month() {
        let want = vec![month(2022, 5), month(2023, 5), month(2024, 5)];
        for text in [
            "май, ежегодно",
            "ежегодно в мае",
            "every May",
            "May, annually",
            "Май — ежегодно",
        ] {
            let (every, times, w, occ) = recurring(text, years(2022, 2024));
            assert_eq!((every, times), (Frequency::Yearly, 1), "{text}");
            assert_eq!(w, iv((2022, 1, 1), (2024, 12, 31)), "{text}");
            assert_eq!(occ, want, "{text}");
        }
        let (_, _, w, occ) = recurring("ежегодно в мае с 2023 года", years(2022, 2024));
        assert_eq!(
            (w, occ),
            (
                iv((2023, 1, 1), (2024, 12, 31)),
                vec![month(2023, 5), month(2024, 5)]
            )
        );
        let (_, _, _, occ) = recurring("ежегодно в мае, с 2024", years(2022, 2024));
        assert_eq!(occ, vec![month(2024, 5)]);
        let e = err(
            "ежегодно в мае",
            Context::new(Some(iv((2022, 6, 1), (2022, 12, 31)))),
        );
        assert!(
            matches!(e.kind, TimingErrorKind::OutsidePeriod { .. }),
            "{e:?}"
        );
    }

    #[test]
    fn recurring_at_least_n_times() {
        let cases = [
            ("не реже 1 раза в месяц", Frequency::Monthly, 1),
            ("не реже 2 раз в квартал", Frequency::Quarterly, 2),
            ("не реже одного раза в полугодие", Frequency::HalfYearly, 1),
            (
                "не реже 1 раза в месяц в течение года",
                Frequency::Monthly,
                1,
            ),
            ("at least once a month", Frequency::Monthly, 1),
            ("at least 2 times a quarter", Frequency::Quarterly, 2),
            ("дважды в год", Frequency::Yearly, 2),
            ("twice a year", Frequency::Yearly, 2),
            ("не менее трёх раз в год", Frequency::Yearly, 3),
            ("3 times per week", Frequency::Weekly, 3),
        ];
        for (text, every, times) in cases {
            let (e, t, w, _) = recurring(text, year(2022));
            assert_eq!((e, t, w), (every, times, Interval::year(2022)), "{text}");
        }
        let (_, _, _, occ) = recurring("не реже 2 раз в квартал", year(2022));
        assert_eq!(occ[1], iv((2022, 4, 1), (2022, 6, 30)));
    }

    #[test]
    fn recurring_with_listed_occurrences() {
        let want = vec![
            month(2022, 3),
            iv((2022, 4, 1), (2022, 6, 30)),
            month(2022, 8),
            month(2022, 10),
        ];
        for text in [
            "ежеквартально: март, апрель – июнь, август, октябрь",
            "quarterly: March, April – June, August, October",
        ] {
            let (every, times, w, occ) = recurring(text, year(2022));
            assert_eq!((every, times), (Frequency::Quarterly, 1));
            assert_eq!(w, iv((2022, 3, 1), (2022, 10, 31)), "{text}");
            assert_eq!(occ, want, "{text}");
        }
    }

    #[test]
    fn recurring_with_too_many_occurrences_is_an_error() {
        let e = err("еженедельно 2000–2200 годы", none());
        assert_eq!(
            e.kind,
            TimingErrorKind::TooManyOccurrences {
                text: "еженедельно 2000–2200 годы".into(),
                count: 10_488
            }
        );
        let (_, _, _, occ) = recurring("ежемесячно 1900–2200 годы", none());
        assert_eq!(occ.len(), 301 * 12);
    }

    // ------------------------------------------------------------ 13. no fixed date

    #[test]
    fn schedule_without_owner() {
        for text in [
            "по графику",
            "По графику мероприятий",
            "according to schedule",
            "according to the schedule",
            "по графику.",
        ] {
            assert_eq!(
                ok(text, year(2022)),
                Timing::NoDate {
                    kind: NoDate::Schedule { owner: None },
                    window: None
                },
                "{text}"
            );
        }
    }

    #[test]
    fn schedule_with_owner() {
        for (text, owner) in [
            ("по графику СОИРО", "СОИРО"),
            ("по графику РУМО", "РУМО"),
            ("per the schedule of SOIRO", "SOIRO"),
            ("По графику мероприятий ГАУ ДПО «СОИРО».", "ГАУ ДПО «СОИРО»"),
        ] {
            assert_eq!(
                ok(text, year(2022)),
                Timing::NoDate {
                    kind: NoDate::Schedule {
                        owner: Some(owner.into())
                    },
                    window: None
                },
                "{text}"
            );
        }
    }

    #[test]
    fn schedule_within_a_window() {
        assert_eq!(
            ok("2020-2021 годы (по графику)", none()),
            Timing::NoDate {
                kind: NoDate::Schedule { owner: None },
                window: Some(iv((2020, 1, 1), (2021, 12, 31)))
            }
        );
        assert_eq!(
            ok("Сентябрь - октябрь 2021 г. (по графику СОИРО)", none()),
            Timing::NoDate {
                kind: NoDate::Schedule {
                    owner: Some("СОИРО".into())
                },
                window: Some(iv((2021, 9, 1), (2021, 10, 31)))
            }
        );
        assert_eq!(
            ok("по графику в течение 2021 года", none()),
            Timing::NoDate {
                kind: NoDate::Schedule { owner: None },
                window: Some(Interval::year(2021))
            }
        );
        assert_eq!(
            ok("2021 (according to schedule)", none()),
            Timing::NoDate {
                kind: NoDate::Schedule { owner: None },
                window: Some(Interval::year(2021))
            }
        );
    }

    #[test]
    fn on_demand_forms() {
        for text in [
            "по заявкам",
            "по заявкам ШНРО",
            "по потребности",
            "по запросу",
            "по мере необходимости",
            "on request",
            "on demand",
            "as needed",
        ] {
            assert_eq!(
                ok(text, year(2022)),
                Timing::NoDate {
                    kind: NoDate::OnDemand,
                    window: None
                },
                "{text}"
            );
        }
        assert_eq!(
            ok("в течение года (по заявкам ОО)", year(2022)),
            Timing::NoDate {
                kind: NoDate::OnDemand,
                window: Some(Interval::year(2022))
            }
        );
    }

    // ------------------------------------------------------------ syntax errors

    #[test]
    fn syntax_gibberish() {
        let e = err("абракадабра", year(2022));
        assert_eq!(
            e.kind,
            TimingErrorKind::Syntax {
                found: "абракадабра".into(),
                expected: Expected::ANY_TIMING.to_vec()
            }
        );
        assert_eq!(pointed("абракадабра", &e), "абракадабра");
    }

    #[test]
    fn syntax_empty_and_blank() {
        for text in ["", "   ", "."] {
            let e = err(text, year(2022));
            match &e.kind {
                TimingErrorKind::Syntax { expected, .. } => {
                    assert_eq!(expected, Expected::ANY_TIMING, "{text:?}")
                }
                other => panic!("{text:?}: {other:?}"),
            }
        }
        assert!(err("", none())
            .message(Lang::Ru)
            .starts_with("Срок не указан"));
    }

    #[test]
    fn syntax_error_points_at_the_bad_word() {
        let text = "март 2022 года xyz";
        let e = err(text, none());
        assert_eq!(pointed(text, &e), "xyz");
        match e.kind {
            TimingErrorKind::Syntax { found, expected } => {
                assert_eq!(found, "xyz");
                assert!(expected.contains(&Expected::End), "{expected:?}");
                assert!(expected.contains(&Expected::Separator), "{expected:?}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn syntax_cut_short() {
        let e = err("до", year(2022));
        assert_eq!(e.span, 4..4);
        match e.kind {
            TimingErrorKind::Syntax { found, expected } => {
                assert_eq!(found, "");
                assert!(expected.contains(&Expected::Date), "{expected:?}");
            }
            other => panic!("{other:?}"),
        }
        let e = err("2 раза в", year(2022));
        assert!(
            matches!(&e.kind, TimingErrorKind::Syntax { expected, .. } if expected == &[Expected::Unit])
        );
    }

    #[test]
    fn syntax_misspelt_month_suggests_the_word() {
        let e = err("Сентбярь 2021 года", years(2020, 2021));
        assert_eq!(pointed("Сентбярь 2021 года", &e), "Сентбярь");
        assert_eq!(
            e.help(Lang::Ru).as_deref(),
            Some("Возможно, имелось в виду «Сентябрь».")
        );
        assert_eq!(
            e.help(Lang::En).as_deref(),
            Some("Perhaps “Сентябрь” was meant.")
        );
        let e = err("ежемесечно", year(2022));
        assert_eq!(
            e.help(Lang::Ru).as_deref(),
            Some("Возможно, имелось в виду «ежемесячно».")
        );
    }

    #[test]
    fn syntax_letter_o_instead_of_zero() {
        let e = resolve_period("2О22").expect_err("a Cyrillic О is not a digit");
        assert_eq!(pointed("2О22", &e), "О22");
        assert_eq!(
            e.message(Lang::Ru),
            "В числе «О22» вместо цифры набрана буква."
        );
        assert_eq!(e.help(Lang::Ru).as_deref(), Some("Исправьте на «022»."));
        assert_eq!(e.help(Lang::En).as_deref(), Some("Write “022”."));
    }

    #[test]
    fn keywords_need_a_word_boundary() {
        assert!(matches!(
            err("мартовский", year(2022)).kind,
            TimingErrorKind::Syntax { .. }
        ));
        assert!(matches!(
            err("постоянноо", year(2022)).kind,
            TimingErrorKind::Syntax { .. }
        ));
    }

    // ------------------------------------------------------------ messages

    #[test]
    fn messages_read_like_a_person_wrote_them() {
        let e = err("сентябрь", years(2020, 2021));
        assert_eq!(
            e.message(Lang::Ru),
            "В сроке «сентябрь» не указан год, а карта рассчитана на 2020–2021 годы: непонятно, какой год имеется в виду."
        );
        assert_eq!(
            e.help(Lang::Ru).as_deref(),
            Some("Укажите год: «сентябрь 2020 года» или «сентябрь 2021 года».")
        );
        assert_eq!(
            e.help(Lang::En).as_deref(),
            Some("Add the year: “сентябрь 2020 года” or “сентябрь 2021 года”.")
        );
        let e = err("в течение года", years(2020, 2021));
        assert_eq!(
            e.help(Lang::Ru).as_deref(),
            Some("Укажите год: «в течение 2020 года» или «в течение 2021 года».")
        );
        let e = err("throughout the year", years(2020, 2021));
        assert_eq!(
            e.help(Lang::En).as_deref(),
            Some("Add the year: “throughout 2020” or “throughout 2021”.")
        );
        let e = err("до 28.12", years(2020, 2021));
        assert_eq!(
            e.help(Lang::Ru).as_deref(),
            Some("Укажите год: «28.12.2020» или «28.12.2021».")
        );
        let e = err("20.12. – 10.01.2022", none());
        assert_eq!(
            e.message(Lang::Ru),
            "Срок кончается (10.01.2022) раньше, чем начинается (20.12.2022)."
        );
        assert_eq!(
            e.message(Lang::En),
            "The range ends (10.01.2022) before it starts (20.12.2022)."
        );
    }

    #[test]
    fn every_error_has_a_message_and_help_in_both_languages() {
        let kinds = [
            TimingErrorKind::Syntax {
                found: "x".into(),
                expected: vec![Expected::Date, Expected::End],
            },
            TimingErrorKind::Syntax {
                found: String::new(),
                expected: Expected::ANY_TIMING.to_vec(),
            },
            TimingErrorKind::AmbiguousYear {
                text: "май".into(),
                first: 2020,
                last: 2022,
            },
            TimingErrorKind::NoYear {
                text: "май".into()
            },
            TimingErrorKind::AmbiguousSchoolYear,
            TimingErrorKind::InvalidDate {
                text: "31.02.2022".into(),
            },
            TimingErrorKind::Reversed {
                start: d(2022, 2, 1),
                end: d(2022, 1, 1),
            },
            TimingErrorKind::NoPeriod {
                text: "с 2023".into(),
            },
            TimingErrorKind::OutsidePeriod {
                text: "с 2023".into(),
                period: Interval::year(2022),
            },
            TimingErrorKind::InvalidSchoolYear {
                text: "2021/2023".into(),
            },
            TimingErrorKind::TooManyOccurrences {
                text: "еженедельно".into(),
                count: 20_000,
            },
        ];
        for kind in kinds {
            for lang in [Lang::Ru, Lang::En] {
                let m = kind.message(lang);
                assert!(
                    m.ends_with('.') && m.chars().next().is_some_and(char::is_uppercase),
                    "{m}"
                );
                let h = kind.help(lang).expect("every error has help");
                assert!(h.ends_with('.'), "{h}");
            }
        }
        let m = TimingErrorKind::Syntax {
            found: "x".into(),
            expected: vec![Expected::Date, Expected::Month, Expected::End],
        }
        .message(Lang::Ru);
        assert_eq!(m, "Не удалось прочитать срок на месте «x»: здесь ожидается дата (01.03.2022), месяц («март») или конец срока.");
    }

    // ------------------------------------------------------------ period header and plain dates

    #[test]
    fn period_header_forms() {
        let cases = [
            ("2022", iv((2022, 1, 1), (2022, 12, 31))),
            ("2020–2022", iv((2020, 1, 1), (2022, 12, 31))),
            ("2020-2022 годы", iv((2020, 1, 1), (2022, 12, 31))),
            ("01.09.2020 – 31.08.2021", iv((2020, 9, 1), (2021, 8, 31))),
            ("2020/2021 учебный год", iv((2020, 9, 1), (2021, 8, 31))),
            ("school year 2020/2021", iv((2020, 9, 1), (2021, 8, 31))),
        ];
        for (text, want) in cases {
            assert_eq!(resolve_period(text), Ok(want), "{text}");
        }
        assert!(matches!(
            resolve_period("сентябрь").map_err(|e| e.kind),
            Err(TimingErrorKind::NoYear { .. })
        ));
        assert!(matches!(
            resolve_period("по графику").map_err(|e| e.kind),
            Err(TimingErrorKind::Syntax { .. })
        ));
        assert!(matches!(
            resolve_period("2022, 2023").map_err(|e| e.kind),
            Err(TimingErrorKind::Syntax { .. })
        ));
    }

    #[test]
    fn parse_date_forms() {
        assert_eq!(parse_date("24.01.2022"), Some(d(2022, 1, 24)));
        assert_eq!(parse_date(" 2022-01-24 "), Some(d(2022, 1, 24)));
        assert_eq!(parse_date("01.03.2022г."), Some(d(2022, 3, 1)));
        assert_eq!(parse_date("1.3.2022"), Some(d(2022, 3, 1)));
        assert_eq!(parse_date("31.02.2022"), None);
        assert_eq!(parse_date("24.01"), None);
        assert_eq!(parse_date("24.01.2022 – 25.01.2022"), None);
        assert_eq!(parse_date("15/03/2022"), None);
        assert_eq!(parse_date("24.01.1800"), None);
        assert_eq!(parse_date(""), None);
    }

    // ------------------------------------------------------------ types

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(7, ' '), "7");
        assert_eq!(thousands(999, ' '), "999");
        assert_eq!(thousands(10_000, ' '), "10 000");
        assert_eq!(thousands(1_234_567, ','), "1,234,567");
    }

    #[test]
    fn interval_helpers() {
        let q2 = iv((2022, 4, 1), (2022, 6, 30));
        assert!(
            q2.contains(d(2022, 4, 1))
                && q2.contains(d(2022, 6, 30))
                && !q2.contains(d(2022, 7, 1))
        );
        assert!(q2.covers(&month(2022, 5)) && !q2.covers(&iv((2022, 6, 1), (2022, 7, 1))));
        assert_eq!(
            q2.intersection(&iv((2022, 6, 15), (2022, 8, 1))),
            Some(iv((2022, 6, 15), (2022, 6, 30)))
        );
        assert_eq!(q2.intersection(&month(2022, 8)), None);
        assert_eq!(q2.days(), 91);
        assert_eq!(q2.to_string(), "01.04.2022–30.06.2022");
        assert_eq!(Interval::day(d(2022, 1, 2)).to_string(), "02.01.2022");
        assert_eq!(Interval::quarter(2022, 5), None);
        assert!(Interval::school_year(2020).is_some_and(|s| s.is_school_year()));
        assert!(!Interval::year(2020).is_school_year());
    }

    #[test]
    fn timing_bounds_and_intervals() {
        let t = ok("Февраль, март, октябрь", year(2022));
        assert_eq!(t.bounds(), Some(iv((2022, 2, 1), (2022, 10, 31))));
        assert_eq!(t.intervals().len(), 3);
        let t = ok("до 01.03.2022", year(2022));
        assert_eq!(t.bounds(), Some(iv((2022, 1, 1), (2022, 3, 1))));
        assert_eq!(t.intervals(), vec![iv((2022, 1, 1), (2022, 3, 1))]);
        let t = ok("ежеквартально", year(2022));
        assert_eq!(t.bounds(), Some(Interval::year(2022)));
        assert_eq!(t.intervals().len(), 4);
        let t = ok("по заявкам", year(2022));
        assert_eq!((t.bounds(), t.intervals()), (None, vec![]));
    }

    // ------------------------------------------------------------ robustness

    #[test]
    fn junk_of_a_megabyte_finishes_without_panicking() {
        let junk = [
            "абв где ".repeat(1 << 17),
            "1".repeat(1 << 20),
            "1.".repeat(1 << 19),
            "2020-".repeat(1 << 18),
            "январь ".repeat(1 << 17),
            "(".repeat(1 << 20),
            "i".repeat(1 << 20),
            " ".repeat(1 << 20),
            "😀".repeat(1 << 18),
            "январь – ".repeat(1 << 17),
            "не реже 1 раза в ".repeat(1 << 16),
        ];
        for text in &junk {
            assert!(text.len() >= 1 << 20);
            let e = err(text, year(2022));
            assert!(
                e.span.end <= text.len()
                    && text.is_char_boundary(e.span.start)
                    && text.is_char_boundary(e.span.end)
            );
            let _ = (e.message(Lang::Ru), e.help(Lang::En));
        }
        // A schedule owner may be long; it is kept whole.
        let long_owner = format!("по графику {}", "СОИРО ".repeat(1 << 17));
        assert!(matches!(ok(&long_owner, year(2022)), Timing::NoDate { .. }));
    }

    #[test]
    fn list_of_100_000_months_finishes() {
        let text = "январь, ".repeat(100_000);
        assert_eq!(window(&text, year(2022)), month(2022, 1));
        let text = "январь, февраль, ".repeat(50_000);
        assert_eq!(
            windows(&text, year(2022)),
            vec![month(2022, 1), month(2022, 2)]
        );
    }

    #[test]
    fn every_prefix_of_valid_timings_resolves_or_fails_cleanly() {
        let samples = [
            "ежеквартально: март, апрель – июнь, август, октябрь",
            "Сентябрь - октябрь 2021 г. (по графику СОИРО)",
            "не реже 1 раза в месяц в течение года",
            "21 октября – 10 ноября 2022 года",
            "в течение 2021/2022 учебного года",
            "first half of 2021, Q4 2021",
        ];
        for ctx in [year(2022), years(2020, 2022), school(2021), none()] {
            for s in samples {
                for (i, _) in s.char_indices().chain([(s.len(), ' ')]) {
                    let prefix = &s[..i];
                    if let Err(e) = resolve(prefix, &ctx) {
                        assert!(e.span.end <= prefix.len(), "{prefix:?}");
                        assert!(
                            prefix.is_char_boundary(e.span.start)
                                && prefix.is_char_boundary(e.span.end)
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn pseudo_random_text_never_panics() {
        let alphabet: Vec<char> =
            "0123456789.-–—,;:() /IVXQHгодаянвмртсеиюлкбпзщўжЁ№«»ё \u{a0}\u{301}İ"
                .chars()
                .collect();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..3000 {
            let len = (seed % 40) as usize;
            let mut s = String::new();
            for _ in 0..len {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                s.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            for ctx in [year(2022), years(2020, 2022), none()] {
                if let Err(e) = resolve(&s, &ctx) {
                    assert!(
                        e.span.end <= s.len()
                            && s.is_char_boundary(e.span.start)
                            && s.is_char_boundary(e.span.end),
                        "{s:?}"
                    );
                }
            }
            let _ = resolve_period(&s);
            let _ = parse_date(&s);
        }
    }

    /// pest's `^"..."` folds ASCII letters only, so the resolver lowercases the
    /// text itself before parsing. This shows both halves of that.
    #[test]
    fn cyrillic_case_is_folded_by_the_resolver_not_by_pest() {
        mod probe {
            #[derive(pest_derive::Parser)]
            #[grammar_inline = "w = { SOI ~ ^\"сентябрь\" ~ EOI }"]
            pub(super) struct Probe;
        }
        use probe::{Probe, Rule as ProbeRule};
        assert!(Probe::parse(ProbeRule::w, "сентябрь").is_ok());
        assert!(
            Probe::parse(ProbeRule::w, "Сентябрь").is_err(),
            "pest now folds Cyrillic case; the lowercasing in `fold` could go"
        );
        assert_eq!(fold("СЕНТЯБРЬ Ёлка İ"), "сентябрь елка İ");
        assert_eq!(fold("СЕНТЯБРЬ Ёлка İ").len(), "СЕНТЯБРЬ Ёлка İ".len());
    }
}

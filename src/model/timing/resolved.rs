//! What a timing cell resolves to: one window, several, a deadline, a series or no fixed date.

use chrono::NaiveDate;

use super::interval::{hull, Interval};
use super::school::SchoolCalendar;

/// How often a recurring activity happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    Weekly,
    Monthly,
    Quarterly,
    HalfYearly,
    Yearly,
    /// Every school term («раз в четверть»).
    Term,
}

/// What happens in each unit of a series.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Repeat {
    /// «ежемесячно»: each unit, whole, cut to the series' window.
    Whole,
    /// «ежеквартально: март, апрель – июнь»: the occurrences as they are listed.
    Listed,
    /// «ежегодно в мае»: the same days of every year, each `((day, month), (day, month))`.
    InYear(Vec<DaysOfYear>),
    /// «каждый понедельник»: that day of every week.
    OnWeekday(chrono::Weekday),
    /// «до 5 числа каждого месяца»: from the first of each month to that day.
    ByDay(u32),
    /// «ежегодно, до 25 декабря»: from the first of each year to that day, `(day, month)`.
    ByDate((u32, u32)),
}

/// Days inside every year, first and last, each `(day, month)`: May is `((1, 5), (31, 5))`.
pub type DaysOfYear = ((u32, u32), (u32, u32));

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

/// A window with the words that name it: «входной мониторинг — сентябрь 2020».
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Labelled {
    pub window: Interval,
    pub label: String,
}

/// The unit of a length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LengthUnit {
    Days,
    Weeks,
    Months,
    Years,
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
    /// Several windows, each with its label: «входной мониторинг — сентябрь 2020; итоговый — май 2021».
    /// Sorted by window.
    Labelled(Vec<Labelled>),
    /// «срок реализации 5 лет»: how long, not when.
    Length { amount: u32, unit: LengthUnit },
    /// A recurrence, expanded to its concrete occurrences inside `window`.
    /// `times` = minimum number of times per period (1 for «еженедельно», 2 for «не реже 2 раз в месяц»).
    Recurring {
        every: Frequency,
        times: u32,
        window: Interval,
        occurrences: Vec<Interval>,
        /// What happens in each unit.
        repeat: Repeat,
    },
    /// No fixed date. `window` is the period it is bounded by, if any («2020-2021 годы (по графику)» → 2020-01-01..2021-12-31; «постоянно» → the roadmap period; «по заявкам» → None).
    NoDate {
        kind: NoDate,
        window: Option<Interval>,
        /// The words that say there is no date, as written («по графику СОИРО», «Постоянно»).
        words: String,
        /// Whether the text writes the window (not the roadmap's period taken for «постоянно»).
        written: bool,
    },
}

impl Timing {
    /// The overall window (first day .. last day) when there is one.
    pub fn bounds(&self) -> Option<Interval> {
        match self {
            Timing::Window(w) => Some(*w),
            Timing::Deadline { window, .. } | Timing::Recurring { window, .. } => Some(*window),
            Timing::Windows(ws) => hull(ws),
            Timing::Labelled(ls) => {
                let ws: Vec<Interval> = ls.iter().map(|l| l.window).collect();
                hull(&ws)
            }
            Timing::NoDate { window, .. } => *window,
            Timing::Length { .. } => None,
        }
    }

    /// Whether some of its days fall outside `period` (E0403 in a roadmap).
    pub fn lies_outside(&self, period: &Interval) -> bool {
        self.bounds().is_some_and(|b| !period.covers(&b))
    }

    /// The windows (Window → 1, Windows → n, Recurring → its occurrences, Deadline → its window, NoDate → window if any).
    pub fn intervals(&self) -> Vec<Interval> {
        match self {
            Timing::Window(w) | Timing::Deadline { window: w, .. } => vec![*w],
            Timing::Windows(ws) => ws.clone(),
            Timing::Recurring { occurrences, .. } => occurrences.clone(),
            Timing::Labelled(ls) => ls.iter().map(|l| l.window).collect(),
            Timing::NoDate { window, .. } => window.iter().copied().collect(),
            Timing::Length { .. } => Vec::new(),
        }
    }
}

/// What the resolver needs to know about the roadmap.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context {
    /// The roadmap's «период:», if it has one.
    pub period: Option<Interval>,
    /// When the school's terms and holidays are.
    pub calendar: SchoolCalendar,
}

impl Context {
    /// A roadmap with this period (or none) and the default school calendar.
    pub fn new(period: Option<Interval>) -> Self {
        Self {
            period,
            calendar: SchoolCalendar::default(),
        }
    }

    /// The same with the roadmap's own school calendar.
    pub fn with_calendar(self, calendar: SchoolCalendar) -> Self {
        Self { calendar, ..self }
    }
}

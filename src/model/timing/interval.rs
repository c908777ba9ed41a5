//! The span of whole days a timing comes down to, and how one is written back (`01.09.2020–31.08.2021`).

use std::fmt;

use chrono::{Datelike, NaiveDate};

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

/// DD.MM.YYYY
pub(super) struct DateFmt(pub(super) NaiveDate);

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
// Calendar arithmetic.

pub(super) fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

pub(super) fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub(super) fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Whether day `d` exists in month `m` of some year (29 February does).
pub(super) fn day_fits(d: u32, m: u32) -> bool {
    d >= 1 && d <= days_in_month(2000, m)
}

pub(super) fn hull(ivs: &[Interval]) -> Option<Interval> {
    let first = ivs.first()?;
    Some(ivs.iter().fold(*first, |acc, iv| acc.hull(iv)))
}

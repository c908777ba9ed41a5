//! The school's own calendar: quarters («четверти»), holidays («каникулы») and
//! school half-years, for the school year that starts on 1 September of a year.

use chrono::{Datelike, Days, NaiveDate};

use super::interval::Interval;

/// A part of the school year that a timing may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Term {
    /// «I четверть» … «IV четверть» (1–4).
    Quarter(u32),
    /// «осенние каникулы»
    AutumnHolidays,
    /// «зимние каникулы»
    WinterHolidays,
    /// «весенние каникулы»
    SpringHolidays,
    /// «летние каникулы»
    SummerHolidays,
    /// «I полугодие» of the school year (1–2).
    Half(u32),
    /// The lessons of the whole school year: from the first day of the first
    /// quarter to the last day of the last.
    Lessons,
}

/// Days of a school calendar, each `(day, month)`. A day from September to
/// December is in the year the school year starts; January to August, in the next.
pub type Days2 = ((u32, u32), (u32, u32));

/// When the terms and holidays of a school year are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SchoolCalendar {
    /// I–IV четверть.
    pub quarters: [Days2; 4],
    /// Autumn, winter, spring and summer holidays.
    pub holidays: [Days2; 4],
    /// The two school half-years.
    pub halves: [Days2; 2],
}

impl Default for SchoolCalendar {
    /// A five-day week in four quarters (docs/timing.md).
    fn default() -> Self {
        Self {
            quarters: [
                ((1, 9), (27, 10)),
                ((6, 11), (28, 12)),
                ((9, 1), (22, 3)),
                ((1, 4), (26, 5)),
            ],
            holidays: [
                ((28, 10), (5, 11)),
                ((29, 12), (8, 1)),
                ((23, 3), (31, 3)),
                ((27, 5), (31, 8)),
            ],
            halves: [((1, 9), (28, 12)), ((9, 1), (26, 5))],
        }
    }
}

/// How many days «по итогам четверти» lasts after the term ends.
pub const AFTER_DAYS: u64 = 7;

impl SchoolCalendar {
    fn days(&self, term: Term) -> Option<Days2> {
        let at =
            |list: &[Days2], i: u32| list.get(usize::try_from(i).ok()?.checked_sub(1)?).copied();
        match term {
            Term::Quarter(q) => at(&self.quarters, q),
            Term::AutumnHolidays => Some(self.holidays[0]),
            Term::WinterHolidays => Some(self.holidays[1]),
            Term::SpringHolidays => Some(self.holidays[2]),
            Term::SummerHolidays => Some(self.holidays[3]),
            Term::Half(h) => at(&self.halves, h),
            Term::Lessons => Some((self.quarters[0].0, self.quarters[3].1)),
        }
    }

    /// The calendar with `term` on other days (a roadmap's `учебный календарь:`).
    /// The school year's lessons run from the first quarter to the last.
    pub fn with(mut self, term: Term, days: Days2) -> Self {
        let slot = |list: &mut [Days2], i: u32| {
            if let Some(s) = usize::try_from(i)
                .ok()
                .and_then(|i| i.checked_sub(1))
                .and_then(|i| list.get_mut(i))
            {
                *s = days;
            }
        };
        match term {
            Term::Quarter(q) => slot(&mut self.quarters, q),
            Term::AutumnHolidays => self.holidays[0] = days,
            Term::WinterHolidays => self.holidays[1] = days,
            Term::SpringHolidays => self.holidays[2] = days,
            Term::SummerHolidays => self.holidays[3] = days,
            Term::Half(h) => slot(&mut self.halves, h),
            Term::Lessons => {}
        }
        self
    }

    /// The days of `term` in the school year that starts in `year`.
    pub fn span(&self, term: Term, year: i32) -> Option<Interval> {
        let ((d1, m1), (d2, m2)) = self.days(term)?;
        let start = in_school_year(year, d1, m1)?;
        let end = in_school_year(year, d2, m2)?;
        (start <= end).then(|| Interval::new(start, end))
    }

    /// «по итогам I четверти»: the days right after `term` ends.
    pub fn after(&self, term: Term, year: i32) -> Option<Interval> {
        let end = self.span(term, year)?.end;
        let first = end.succ_opt()?;
        Some(Interval::new(
            first,
            first.checked_add_days(Days::new(AFTER_DAYS - 1))?,
        ))
    }

    /// The school year (by its first calendar year) in which `term` starts in calendar `year`.
    pub fn school_year_of(&self, term: Term, year: i32) -> i32 {
        match self.days(term) {
            Some(((_, m), _)) if m < 9 => year - 1,
            _ => year,
        }
    }
}

/// The day (`d`, `m`) of the school year that starts in `year`.
fn in_school_year(year: i32, d: u32, m: u32) -> Option<NaiveDate> {
    let y = if m >= 9 { year } else { year.checked_add(1)? };
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The school years (by their first calendar year) that `window` touches.
pub fn school_years(window: Interval) -> std::ops::RangeInclusive<i32> {
    let first = |d: NaiveDate| {
        if d.month() >= 9 {
            d.year()
        } else {
            d.year() - 1
        }
    };
    first(window.start)..=first(window.end)
}

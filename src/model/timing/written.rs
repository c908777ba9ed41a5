//! What the text of a timing says before it is resolved: points, ranges, items and frequencies, with where each is in the text.

use std::ops::Range;

use chrono::NaiveDate;

use super::interval::{days_in_month, ymd, Interval};
use super::resolved::Frequency;
use super::school::{SchoolCalendar, Term};

/// One end of a window, as written; a missing year comes from elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Point {
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
    /// «1–2 неделя сентября»: weeks `first..=last` of a month.
    Week {
        first: u32,
        last: u32,
        month: u32,
        year: Option<i32>,
    },
    /// «I–II четверть», «осенние каникулы»; `year` is the school year's first.
    Term {
        first: Term,
        last: Term,
        year: Option<i32>,
    },
    /// «по итогам I четверти»: the days after the term; `year` as above.
    After {
        term: Term,
        year: Option<i32>,
    },
    Year(i32),
    SchoolYear(i32),
}

pub(super) enum PointErr {
    Invalid,
    Reversed(NaiveDate, NaiveDate),
}

impl Point {
    pub(super) fn year(&self) -> Option<i32> {
        match *self {
            Point::Day { year, .. }
            | Point::Month { year, .. }
            | Point::Quarter { year, .. }
            | Point::Half { year, .. }
            | Point::Week { year, .. }
            | Point::Term { year, .. }
            | Point::After { year, .. } => year,
            Point::Year(y) | Point::SchoolYear(y) => Some(y),
        }
    }

    /// A part of a year (day, month, quarter, half-year) rather than a whole (school) year.
    pub(super) fn is_part(&self) -> bool {
        !matches!(self, Point::Year(_) | Point::SchoolYear(_))
    }

    pub(super) fn set_year(&mut self, y: Option<i32>) {
        match self {
            Point::Day { year, .. }
            | Point::Month { year, .. }
            | Point::Quarter { year, .. }
            | Point::Half { year, .. }
            | Point::Week { year, .. }
            | Point::Term { year, .. }
            | Point::After { year, .. } => *year = y,
            Point::Year(_) | Point::SchoolYear(_) => {}
        }
    }

    /// The days meant, taking the year from `fallback` when the point has none.
    pub(super) fn interval(
        &self,
        fallback: i32,
        cal: &SchoolCalendar,
    ) -> Result<Interval, PointErr> {
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
            Point::Week {
                first, last, month, ..
            } => {
                let days = days_in_month(y, month);
                if !(1..=5).contains(&first) || !(first..=5).contains(&last) || days == 0 {
                    return Err(PointErr::Invalid);
                }
                let start = ymd(y, month, first * 7 - 6).ok_or(PointErr::Invalid)?;
                let end = ymd(y, month, (last * 7).min(days)).ok_or(PointErr::Invalid)?;
                Ok(Interval::new(start, end))
            }
            Point::Term { first, last, .. } => match (cal.span(first, y), cal.span(last, y)) {
                (Some(a), Some(b)) if a.start <= b.end => Ok(Interval::new(a.start, b.end)),
                (Some(a), Some(b)) => Err(PointErr::Reversed(a.start, b.end)),
                _ => Err(PointErr::Invalid),
            },
            Point::After { term, .. } => cal.after(term, y).ok_or(PointErr::Invalid),
            Point::Year(y) => Interval::year_opt(y).ok_or(PointErr::Invalid),
            Point::SchoolYear(y) => Interval::school_year(y).ok_or(PointErr::Invalid),
        }
    }
}

#[derive(Debug, Clone)]
pub(super) struct PointAt {
    pub(super) p: Point,
    pub(super) span: Range<usize>,
}

#[derive(Debug, Clone)]
pub(super) enum Shape {
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
pub(super) struct Item {
    pub(super) shape: Shape,
    pub(super) span: Range<usize>,
}

impl Item {
    /// The year written in the item, at its start side when both ends have one.
    pub(super) fn written_year(&self) -> Option<i32> {
        match &self.shape {
            Shape::One(a) | Shape::From(a) => a.p.year(),
            Shape::Range(a, b) => a.p.year().or(b.p.year()),
            _ => None,
        }
    }

    /// Whether the year has to come from elsewhere.
    pub(super) fn needs_year(&self) -> bool {
        match &self.shape {
            Shape::One(a) | Shape::From(a) => a.p.year().is_none(),
            Shape::Range(a, b) => a.p.year().is_none() && b.p.year().is_none(),
            Shape::CurYear => true,
            Shape::CurSchoolYear | Shape::WholePeriod => false,
        }
    }

    /// A term, holidays or the days after a term: its year is a school year.
    pub(super) fn is_school_term(&self) -> bool {
        let school = |a: &PointAt| matches!(a.p, Point::Term { .. } | Point::After { .. });
        match &self.shape {
            Shape::One(a) | Shape::From(a) => school(a),
            Shape::Range(a, b) => school(a) || school(b),
            _ => false,
        }
    }

    /// A part of a year (a day, month, quarter, half-year or a range of them).
    pub(super) fn is_part(&self) -> bool {
        match &self.shape {
            Shape::One(a) => a.p.is_part(),
            Shape::Range(a, b) => a.p.is_part() && b.p.is_part(),
            _ => false,
        }
    }

    /// Move to year `y` («сентябрь 2020, 2021»: the 2021 repeats September).
    pub(super) fn set_year(&mut self, y: i32) {
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
pub(super) enum Form {
    Items(Vec<Item>),
    Deadline(NaiveDate),
}

pub(super) struct Freq {
    pub(super) every: Frequency,
    pub(super) times: u32,
    pub(super) span: Range<usize>,
    /// The day inside each unit: «каждый понедельник», «до 5 числа каждого месяца».
    pub(super) on: On,
}

/// The day inside each unit of a series, when the text names one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum On {
    Any,
    Weekday(chrono::Weekday),
    DayOfMonth(u32),
}

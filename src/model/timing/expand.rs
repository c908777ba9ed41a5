//! Recurrence expansion: the concrete occurrences of a series inside its window.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::interval::Interval;
use super::resolved::Frequency;
use super::school::{school_years, SchoolCalendar, Term};
use super::MAX_OCCURRENCES;

/// The calendar unit of `every` that contains `d`.
pub(super) fn unit_containing(every: Frequency, d: NaiveDate) -> Option<Interval> {
    let (y, m) = (d.year(), d.month());
    match every {
        Frequency::Weekly => Some(Interval::day(d)),
        Frequency::Monthly => Interval::month(y, m),
        Frequency::Quarterly => Interval::quarter(y, (m - 1) / 3 + 1),
        Frequency::HalfYearly => Interval::half_year(y, if m <= 6 { 1 } else { 2 }),
        Frequency::Yearly => Interval::year_opt(y),
        Frequency::Term => None,
    }
}

/// The occurrences of `every` in `window`: 7-day windows from its start, or the
/// calendar months / quarters / half-years / years that meet it, each clipped to
/// it. `Err(count)` when there would be more than [`MAX_OCCURRENCES`].
pub(super) fn occurrences(
    every: Frequency,
    window: Interval,
    cal: &SchoolCalendar,
) -> Result<Vec<Interval>, usize> {
    let mut out = Vec::new();
    if every == Frequency::Term {
        // The school quarters that meet the window, each clipped to it.
        for y in school_years(window) {
            for q in 1..=4 {
                out.extend(
                    cal.span(Term::Quarter(q), y)
                        .and_then(|t| t.intersection(&window)),
                );
            }
        }
        return Ok(out);
    }
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

/// Every `day` of the week inside `window`, one day each.
pub(super) fn on_weekday(day: Weekday, window: Interval) -> Result<Vec<Interval>, usize> {
    let ahead =
        (7 + day.num_days_from_monday() - window.start.weekday().num_days_from_monday()) % 7;
    let mut d = match window.start.checked_add_days(Days::new(u64::from(ahead))) {
        Some(d) => d,
        None => return Ok(Vec::new()),
    };
    let mut out = Vec::new();
    while d <= window.end {
        out.push(Interval::day(d));
        if out.len() > MAX_OCCURRENCES {
            return Err(usize::try_from((window.days() + 6) / 7).unwrap_or(usize::MAX));
        }
        match d.checked_add_days(Days::new(7)) {
            Some(next) => d = next,
            None => break,
        }
    }
    Ok(out)
}

/// «до 5 числа каждого месяца»: in every month whose `day` lies in `window`,
/// the days from the month's first (or the window's) to that day. A month
/// shorter than `day` ends on its last day.
pub(super) fn by_day_of_month(day: u32, window: Interval) -> Result<Vec<Interval>, usize> {
    let mut out = Vec::new();
    let mut d = window.start;
    loop {
        let Some(month) = Interval::month(d.year(), d.month()) else {
            return Ok(out);
        };
        let last =
            NaiveDate::from_ymd_opt(d.year(), d.month(), day.clamp(1, 31)).unwrap_or(month.end);
        if window.contains(last) {
            out.push(Interval::new(month.start.max(window.start), last));
        }
        if out.len() > MAX_OCCURRENCES {
            return Err(out.len());
        }
        match month.end.succ_opt() {
            Some(next) if next <= window.end => d = next,
            _ => return Ok(out),
        }
    }
}

/// «ежегодно, до 25 декабря»: in every year whose (`day`, `month`) lies in
/// `window`, the days from the year's first (or the window's) to that day.
pub(super) fn by_date_of_year((day, month): (u32, u32), window: Interval) -> Vec<Interval> {
    (window.start.year()..=window.end.year())
        .filter_map(|y| {
            let last = NaiveDate::from_ymd_opt(y, month, day)?;
            let first = NaiveDate::from_ymd_opt(y, 1, 1)?.max(window.start);
            window.contains(last).then(|| Interval::new(first, last))
        })
        .collect()
}

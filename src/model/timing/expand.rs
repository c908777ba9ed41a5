//! Recurrence expansion: the concrete occurrences of a series inside its window.

use chrono::{Datelike, Days, NaiveDate};

use super::interval::Interval;
use super::resolved::Frequency;
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
    }
}

/// The occurrences of `every` in `window`: 7-day windows from its start, or the
/// calendar months / quarters / half-years / years that meet it, each clipped to
/// it. `Err(count)` when there would be more than [`MAX_OCCURRENCES`].
pub(super) fn occurrences(every: Frequency, window: Interval) -> Result<Vec<Interval>, usize> {
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

//! Turns the text of a deadline cell («II квартал 2020 года», «до 01.03.2022», «ежемесячно») into exact dates, or into an error that says what is wrong and where.
//!
//! The grammar is `grammar/timing.pest`; `parse` runs it and the resolver
//! (`resolver`, `windows`, `recurring`, `years`) walks its parse tree and
//! resolves what the text leaves open (a missing year, «в течение года») from
//! the roadmap's period. `docs/timing.md` is the users' reference.

mod error;
mod expand;
mod interval;
mod notation;
mod parse;
mod recurring;
mod resolved;
mod resolver;
mod school;
mod suggest;
mod windows;
mod written;
mod years;

#[cfg(test)]
mod tests;

pub use error::{Expected, TimingError, TimingErrorKind};
pub use interval::Interval;
pub use parse::{calendar_line, names_its_day, parse_date, resolve, resolve_period};
pub use resolved::{Context, Frequency, Labelled, LengthUnit, NoDate, Repeat, Timing};
pub use school::{Days2, SchoolCalendar, Term};

/// Earliest year a timing may name.
pub const MIN_YEAR: i32 = 1900;
/// Latest year a timing may name.
pub const MAX_YEAR: i32 = 2200;
/// Most occurrences a recurrence may expand to.
pub const MAX_OCCURRENCES: usize = 10_000;
/// Longest piece of the user's text quoted back in a message.
const QUOTE_LIMIT: usize = 80;

//! The resolved meaning of a timing written in one line, as the real-phrase corpus (`tests/corpus/real/timing.tsv`) states it: `window 01.03.2022–31.03.2022`, `by 01.03.2022`, `every monthly 01.01.2022–31.12.2022`, `nodate schedule "по графику"`.

use std::fmt::Write as _;

use chrono::Weekday;

use super::error::TimingErrorKind;
use super::resolved::{Frequency, LengthUnit, NoDate, Repeat, Timing};
use crate::code::Code;

impl Timing {
    /// The meaning in the corpus notation (`tests/corpus/real/README.md`).
    pub fn notation(&self) -> String {
        match self {
            Timing::Window(w) => format!("window {w}"),
            Timing::Deadline { by, .. } => format!("by {}", by.format("%d.%m.%Y")),
            Timing::Windows(ws) => {
                let items: Vec<String> = ws.iter().map(ToString::to_string).collect();
                format!("windows {}", items.join("; "))
            }
            Timing::Labelled(ls) => {
                let items: Vec<String> = ls
                    .iter()
                    .map(|l| format!("{}: {}", l.label, l.window))
                    .collect();
                format!("windows {}", items.join("; "))
            }
            Timing::Length { amount, unit } => {
                let unit = match unit {
                    LengthUnit::Days => "d",
                    LengthUnit::Weeks => "w",
                    LengthUnit::Months => "m",
                    LengthUnit::Years => "y",
                };
                format!("length {amount}{unit}")
            }
            Timing::Recurring {
                occurrences,
                repeat: Repeat::Listed,
                ..
            } => {
                let items: Vec<String> = occurrences.iter().map(ToString::to_string).collect();
                format!("windows {}", items.join("; "))
            }
            Timing::Recurring {
                every,
                times,
                window,
                repeat,
                ..
            } => {
                let mut out = format!("every {}", frequency(*every));
                if *times > 1 {
                    let _ = write!(out, " x{times}");
                }
                match repeat {
                    Repeat::InYear(days) => {
                        let days: Vec<String> = days
                            .iter()
                            .map(|((d1, m1), (d2, m2))| format!("{d1:02}.{m1:02}–{d2:02}.{m2:02}"))
                            .collect();
                        let _ = write!(out, " {}", days.join(", "));
                    }
                    Repeat::OnWeekday(day) => {
                        let _ = write!(out, " on {}", weekday(*day));
                    }
                    Repeat::ByDay(day) => {
                        let _ = write!(out, " by day {day}");
                    }
                    Repeat::ByDate((day, month)) => {
                        let _ = write!(out, " by {day:02}.{month:02}");
                    }
                    Repeat::Whole | Repeat::Listed => {}
                }
                let _ = write!(out, " {window}");
                out
            }
            Timing::NoDate {
                kind,
                window,
                words,
                written,
            } => {
                let kind = match kind {
                    NoDate::Schedule { .. } => "schedule",
                    NoDate::OnDemand => "on_demand",
                    NoDate::Continuous => "continuous",
                };
                let mut out = format!("nodate {kind} \"{words}\"");
                if let (Some(w), true) = (window, written) {
                    let _ = write!(out, " {w}");
                }
                out
            }
        }
    }
}

/// The frequency's name in the notation (`half_yearly`).
fn frequency(every: Frequency) -> &'static str {
    match every {
        Frequency::Weekly => "weekly",
        Frequency::Monthly => "monthly",
        Frequency::Quarterly => "quarterly",
        Frequency::HalfYearly => "half_yearly",
        Frequency::Yearly => "yearly",
        Frequency::Term => "term",
    }
}

/// The day's name in the notation (`monday`).
fn weekday(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "monday",
        Weekday::Tue => "tuesday",
        Weekday::Wed => "wednesday",
        Weekday::Thu => "thursday",
        Weekday::Fri => "friday",
        Weekday::Sat => "saturday",
        Weekday::Sun => "sunday",
    }
}

impl TimingErrorKind {
    /// The diagnostic code `roadmap check` gives for this error.
    pub fn code(&self) -> Code {
        match self {
            TimingErrorKind::AmbiguousYear { .. }
            | TimingErrorKind::NoYear { .. }
            | TimingErrorKind::AmbiguousSchoolYear => Code::AmbiguousYear,
            TimingErrorKind::OutsidePeriod { .. } => Code::OutsidePeriod,
            _ => Code::UnresolvedTiming,
        }
    }
}

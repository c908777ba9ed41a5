//! Unit tests of the timing resolver, one file per family of forms.

use chrono::NaiveDate;

use super::error::thousands;
use super::parse::fold;
use super::*;
use crate::lang::Lang;

mod dates;
mod entry;
mod errors;
mod months;
mod nodate;
mod parts;
mod recurring;
mod robustness;
mod school;
mod words;

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
            ..
        } => (every, times, window, occurrences),
        other => panic!("{text:?} is not a recurrence: {other:?}"),
    }
}

/// A no-date timing's kind and window.
fn undated(text: &str, ctx: Context) -> (NoDate, Option<Interval>) {
    match ok(text, ctx) {
        Timing::NoDate { kind, window, .. } => (kind, window),
        other => panic!("{text:?} has a date: {other:?}"),
    }
}

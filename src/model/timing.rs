//! PLACEHOLDER until the real resolver lands.
use crate::lang::Lang;
use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Interval {
    pub start: NaiveDate,
    pub end: NaiveDate,
}
impl Interval {
    pub fn new(start: NaiveDate, end: NaiveDate) -> Self {
        Interval { start, end }
    }
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }
    pub fn covers(&self, o: &Interval) -> bool {
        self.start <= o.start && o.end <= self.end
    }
}
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Frequency {
    Weekly,
    Monthly,
    Quarterly,
    HalfYearly,
    Yearly,
}
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum NoDate {
    Schedule { owner: Option<String> },
    OnDemand,
    Continuous,
}
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum Timing {
    Window(Interval),
    Deadline {
        by: NaiveDate,
        window: Interval,
    },
    Windows(Vec<Interval>),
    Recurring {
        every: Frequency,
        times: u32,
        window: Interval,
        occurrences: Vec<Interval>,
    },
    NoDate {
        kind: NoDate,
        window: Option<Interval>,
    },
}
impl Timing {
    pub fn bounds(&self) -> Option<Interval> {
        match self {
            Timing::Window(i) => Some(*i),
            Timing::Deadline { window, .. } => Some(*window),
            Timing::Windows(v) => Some(Interval::new(
                v.iter().map(|i| i.start).min()?,
                v.iter().map(|i| i.end).max()?,
            )),
            Timing::Recurring { window, .. } => Some(*window),
            Timing::NoDate { window, .. } => *window,
        }
    }
}
#[derive(Debug, Clone, Copy)]
pub struct Context {
    pub period: Option<Interval>,
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimingError {
    pub kind: TimingErrorKind,
    pub span: std::ops::Range<usize>,
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimingErrorKind {
    Syntax { found: String },
    AmbiguousYear { text: String, first: i32, last: i32 },
}
impl TimingErrorKind {
    pub fn message(&self, _lang: Lang) -> String {
        format!("{self:?}")
    }
    pub fn help(&self, _lang: Lang) -> Option<String> {
        None
    }
}
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%d.%m.%Y").ok()
}
pub fn resolve(text: &str, _ctx: &Context) -> Result<Timing, TimingError> {
    parse_date(text)
        .map(|d| Timing::Window(Interval::new(d, d)))
        .ok_or(TimingError {
            kind: TimingErrorKind::Syntax { found: text.into() },
            span: 0..text.len(),
        })
}
pub fn resolve_period(text: &str) -> Result<Interval, TimingError> {
    let y: i32 = text
        .trim()
        .get(..4)
        .and_then(|s| s.parse().ok())
        .ok_or(TimingError {
            kind: TimingErrorKind::Syntax { found: text.into() },
            span: 0..text.len(),
        })?;
    let last: i32 = text
        .trim()
        .get(text.trim().len().saturating_sub(4)..)
        .and_then(|s| s.parse().ok())
        .unwrap_or(y);

    Ok(Interval::new(
        NaiveDate::from_ymd_opt(y, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(last, 12, 31).unwrap(),
    ))
}

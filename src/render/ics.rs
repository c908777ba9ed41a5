//! iCalendar (RFC 5545) through the `icalendar` crate: a calendar people
//! keep. An activity is an all-day event on its deadline (the last day of its
//! window), with a reminder at 9:00 some days before the deadline (`--alarm`);
//! with `--windows` a window longer than a day is also a background event
//! (TRANSP:TRANSPARENT, no reminder). A regular series — weekly, monthly,
//! quarterly, yearly — is one event with an RRULE on its deadlines, not one
//! event per occurrence; a checkpoint is an event of its own. UIDs are made
//! of the file's name, the activity's number and the window's place, so
//! importing again updates the same events; each event names its activity in
//! `X-ROADMAP-ACTIVITY`.

use super::text;
use super::view::{Document, Row};
use crate::lang::Lang;
use crate::model::Interval;
use crate::schedule::Kind;
use chrono::{Datelike, Days, NaiveDate};
use icalendar::{Alarm, Calendar, Component, Event, EventLike, Property};

/// What a calendar holds besides the deadlines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// A reminder at 9:00 this many days before each deadline; none when `None`.
    pub alarm: Option<u32>,
    /// Each window longer than a day as a background event too.
    pub windows: bool,
}

/// The reminder three days before the deadline; no background windows.
pub const DEFAULT_ALARM_DAYS: u32 = 3;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            alarm: Some(DEFAULT_ALARM_DAYS),
            windows: false,
        }
    }
}

/// The TRIGGER of a reminder at 9:00 `days` before an all-day event's last
/// day, relative to its end (DTEND, 0:00 the day after): 15 hours and
/// `days` days before it.
fn trigger(days: u32) -> String {
    if days == 0 {
        "-PT15H".to_string()
    } else {
        format!("-P{days}DT15H")
    }
}

/// A TEXT value (RFC 5545 §3.3.11) of the user's: a line break as `\n`,
/// every other control character (a lone CR, NUL, ESC…) as a space, so that
/// no value can end its content line and start a property of its own.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 16);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' if chars.peek() == Some(&'\n') => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The user's texts of one calendar. The crate escapes fewer characters
/// than it must and folds a line in time quadratic in its length, so it is
/// handed a short stand-in for each text ([`Texts::put`]), and the texts,
/// escaped here, take their places when the lines are folded again
/// ([`refold`]).
#[derive(Default)]
struct Texts(std::cell::RefCell<Vec<String>>);

/// Marks a stand-in: `\u{E000}` index `\u{E001}` (private-use characters,
/// which no property the crate writes holds).
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

impl Texts {
    fn put(&self, text: &str) -> String {
        let mut texts = self.0.borrow_mut();
        texts.push(escape(text));
        format!("{OPEN}{}{CLOSE}", texts.len() - 1)
    }

    /// `line` with its stand-ins replaced by their texts.
    fn fill(&self, line: &str) -> String {
        let texts = self.0.borrow();
        let mut out = String::with_capacity(line.len());
        let mut rest = line;
        while let Some(at) = rest.find(OPEN) {
            out.push_str(&rest[..at]);
            let after = &rest[at + OPEN.len_utf8()..];
            let Some(end) = after.find(CLOSE) else {
                out.push_str(&rest[at..]);
                return out;
            };
            let text = after[..end]
                .parse::<usize>()
                .ok()
                .and_then(|i| texts.get(i));
            out.push_str(text.map_or("", String::as_str));
            rest = &after[end + CLOSE.len_utf8()..];
        }
        out.push_str(rest);
        out
    }
}

/// What an event's UID starts with: the roadmap file's name, tidied.
fn uid_base(file: &str) -> String {
    let stem = std::path::Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "roadmap".into());
    stem.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

fn next_day(d: NaiveDate) -> NaiveDate {
    d.checked_add_days(Days::new(1)).unwrap_or(d)
}

struct Maker<'a> {
    doc: &'a Document<'a>,
    lang: Lang,
    settings: Settings,
    base: String,
    stamp: String,
    texts: Texts,
}

impl Maker<'_> {
    /// An all-day event on the days of `span`, without a reminder.
    fn plain(&self, uid: String, summary: &str, description: &str, span: Interval) -> Event {
        let mut event = Event::new();
        event
            .uid(&uid)
            .add_property("DTSTAMP", &self.stamp)
            .summary(&self.texts.put(summary))
            .description(&self.texts.put(description))
            .starts(span.start)
            .ends(next_day(span.end));
        event
    }

    /// An all-day event on a deadline, with the reminder before it.
    fn event(&self, uid: String, summary: &str, description: &str, day: NaiveDate) -> Event {
        let mut event = self.plain(uid.clone(), summary, description, Interval::new(day, day));
        if let Some(days) = self.settings.alarm {
            let reminder = match self.lang {
                Lang::Ru => format!("Напоминание: {summary}"),
                Lang::En => format!("Reminder: {summary}"),
            };
            let mut alarm =
                Alarm::display(&self.texts.put(&reminder), -chrono::Duration::hours(15));
            alarm
                .append_property(
                    Property::new("TRIGGER", trigger(days)).add_parameter("RELATED", "END"),
                )
                .add_property("UID", format!("{uid}-alarm"))
                .add_property("DTSTAMP", &self.stamp);
            event.alarm(alarm);
        }
        event
    }

    /// A window in the background: shown, not blocking the day, no reminder.
    fn background(&self, uid: String, summary: &str, description: &str, span: Interval) -> Event {
        let mut event = self.plain(uid, summary, description, span);
        event.add_property("TRANSP", "TRANSPARENT");
        event
    }

    fn description(&self, r: &Row<'_>) -> String {
        let l = super::labels(self.lang);
        let mut lines = Vec::new();
        if !r.timing_text.is_empty() {
            lines.push(format!(
                "{}: {} ({})",
                l["timing"], r.timing_text, r.resolved
            ));
        }
        if !r.responsible.is_empty() {
            lines.push(format!("{}: {}", l["responsible"], r.responsible_names()));
        }
        for i in &r.indicators {
            lines.push(format!("{}: {}", l["indicator"], i.line()));
        }
        for x in &r.results {
            lines.push(format!("{}: {x}", l["result"]));
        }
        for x in &r.fields.documents {
            lines.push(format!("{}: {x}", l["document"]));
        }
        for s in &r.stages {
            let mut line = format!("{} {}", l["stage"], s.label);
            if let Some(t) = &s.resolved {
                line.push_str(&format!(": {t}"));
            }
            for x in &s.results {
                line.push_str(&format!("; {x}"));
            }
            lines.push(line);
        }
        for c in &r.checkpoints {
            lines.push(format!(
                "{}: {} — {}",
                l["checkpoint"],
                text::date_short(c.date, self.lang),
                c.text
            ));
        }
        for n in &r.notes {
            lines.push(format!("{}: {n}", l["note"]));
        }
        if r.entry.critical {
            lines.push(l["critical"].to_string());
        }
        if let Some(reason) = &r.entry.cancelled {
            lines.push(match reason.as_str() {
                "" => l["cancelled"].to_string(),
                reason => format!("{}: {reason}", l["cancelled"]),
            });
        }
        if let Some(title) = &self.doc.roadmap.title {
            lines.push(title.clone());
        }
        lines.join("\n")
    }

    fn events(&self, r: &Row<'_>) -> Vec<Event> {
        let (Some(start), Some(end)) = (r.entry.start, r.entry.end) else {
            return Vec::new();
        };
        let number = r.entry.number.trim_end_matches('.');
        let uid = |what: &str| format!("{}-{number}-{what}@roadmap", self.base);
        let summary = format!("{number}. {}", r.entry.title);
        let description = self.description(r);
        let mut events = Vec::new();
        let mut add = |mut e: Event, r: &Row<'_>| {
            e.add_property("X-ROADMAP-ACTIVITY", self.texts.put(number));
            if let Some(section) = &r.section_title {
                e.add_property("CATEGORIES", self.texts.put(section));
            }
            if r.entry.critical {
                e.priority(1);
            }
            if r.is_cancelled {
                e.add_property("STATUS", "CANCELLED");
            }
            events.push(e);
        };
        let due = |summary: &str| match self.lang {
            Lang::Ru => format!("Срок: {summary}"),
            Lang::En => format!("Due: {summary}"),
        };
        // A window longer than a day: its deadline, and with --windows the
        // window behind it.
        let window = |i: usize, w: Interval, summary: &str, add: &mut dyn FnMut(Event)| {
            if w.start < w.end {
                add(self.event(uid(&format!("w{i}")), &due(summary), &description, w.end));
                if self.settings.windows {
                    add(self.background(uid(&format!("b{i}")), summary, &description, w));
                }
            } else {
                add(self.event(uid(&format!("w{i}")), summary, &description, w.end));
            }
        };
        match r.entry.kind {
            Kind::Recurring if !r.entry.windows.is_empty() => {
                // The series' deadlines: the last day of each occurrence.
                let deadlines: Vec<NaiveDate> = r.entry.windows.iter().map(|o| o.end).collect();
                let run = series(&deadlines);
                if let Some((from, _, rrule)) = &run {
                    let mut e = self.event(
                        uid("series"),
                        &due(&summary),
                        &description,
                        deadlines[*from],
                    );
                    e.add_property("RRULE", rrule);
                    add(e, r);
                }
                for (i, o) in r.entry.windows.iter().enumerate() {
                    if run
                        .as_ref()
                        .is_some_and(|(from, to, _)| (*from..*to).contains(&i))
                    {
                        continue;
                    }
                    window(i + 1, *o, &summary, &mut |e| add(e, r));
                }
            }
            Kind::Windows if !r.entry.windows.is_empty() => {
                for (i, w) in r.entry.windows.iter().enumerate() {
                    // A labelled window is titled with its label.
                    let summary = match r.entry.labels.iter().find(|l| l.window == *w) {
                        Some(l) => format!("{summary} — {}", l.label),
                        None => summary.clone(),
                    };
                    window(i + 1, *w, &summary, &mut |e| add(e, r));
                }
            }
            Kind::Deadline => {
                let by = r.entry.deadline.unwrap_or(end);
                add(self.event(uid("due"), &due(&summary), &description, by), r);
            }
            _ => window(1, Interval::new(start, end), &summary, &mut |e| add(e, r)),
        }
        for (i, c) in r.checkpoints.iter().enumerate() {
            let summary = match self.lang {
                Lang::Ru => format!("Контрольная точка {number}: {}", c.text),
                Lang::En => format!("Checkpoint {number}: {}", c.text),
            };
            let e = self.event(uid(&format!("cp{}", i + 1)), &summary, &description, c.date);
            add(e, r);
        }
        events
    }
}

/// The longest regular run of a series' deadlines, `[from, to)`, and its
/// RRULE: all of them, or all but a first or last one the period cuts short.
fn series(deadlines: &[NaiveDate]) -> Option<(usize, usize, String)> {
    let n = deadlines.len();
    [
        (0, n),
        (0, n.saturating_sub(1)),
        (1, n),
        (1, n.saturating_sub(1)),
    ]
    .into_iter()
    .filter(|(from, to)| to > from && to - from >= 2)
    .find_map(|(from, to)| rule(&deadlines[from..to]).map(|r| (from, to, r)))
}

/// The RRULE for days at a steady step: days or weeks apart, or months
/// apart on the same day of the month or on its last day (a quarter's,
/// a year's end); `None` when they are not that regular.
fn rule(days: &[NaiveDate]) -> Option<String> {
    if days.len() < 2 {
        return None;
    }
    let count = days.len();
    let steps: Vec<i64> = days.windows(2).map(|w| (w[1] - w[0]).num_days()).collect();
    if steps.iter().all(|&s| s == steps[0] && s > 0) && steps[0] < 28 {
        let step = steps[0];
        return Some(if step % 7 == 0 {
            format!("FREQ=WEEKLY;INTERVAL={};COUNT={count}", step / 7)
        } else {
            format!("FREQ=DAILY;INTERVAL={step};COUNT={count}")
        });
    }
    let month = |d: &NaiveDate| d.year() * 12 + d.month0() as i32;
    let months: Vec<i32> = days
        .windows(2)
        .map(|w| month(&w[1]) - month(&w[0]))
        .collect();
    if !months.iter().all(|&m| m == months[0] && m > 0) {
        return None;
    }
    let every = months[0];
    let last = |d: &NaiveDate| next_day(*d).day() == 1;
    let frequency = if every % 12 == 0 {
        format!("FREQ=YEARLY;INTERVAL={}", every / 12)
    } else {
        format!("FREQ=MONTHLY;INTERVAL={every}")
    };
    let day = days[0].day();
    if day <= 28 && days.iter().all(|d| d.day() == day) {
        return Some(format!("{frequency};COUNT={count}"));
    }
    if days.iter().all(last) {
        let yearly = every % 12 == 0;
        return Some(if yearly && days[0].month() != 2 {
            format!("{frequency};COUNT={count}")
        } else {
            format!("FREQ=MONTHLY;INTERVAL={every};BYMONTHDAY=-1;COUNT={count}")
        });
    }
    None
}

pub fn render(doc: &Document<'_>, lang: Lang, settings: Settings) -> String {
    let mut calendar = Calendar::empty();
    let title = doc
        .roadmap
        .title
        .clone()
        .unwrap_or_else(|| doc.roadmap.file.clone());
    let language = match lang {
        Lang::Ru => "RU",
        Lang::En => "EN",
    };
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new(
            "PRODID",
            format!(
                "-//roadmap//roadmap {}//{language}",
                env!("CARGO_PKG_VERSION")
            ),
        ))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", "PUBLISH"));
    let maker = Maker {
        doc,
        lang,
        settings,
        base: uid_base(&doc.roadmap.file),
        stamp: doc.as_of.format("%Y%m%dT000000Z").to_string(),
        texts: Texts::default(),
    };
    calendar.append_property(Property::new("X-WR-CALNAME", maker.texts.put(&title)));
    for r in &doc.entries {
        for event in maker.events(r) {
            calendar.push(event);
        }
    }
    refold(&calendar.to_string(), &maker.texts)
}

/// Folds content lines at 75 octets on character boundaries (RFC 5545
/// §3.1). The crate folds too, but its last piece of a long line can reach
/// 76 octets with the leading space, so its lines are unfolded and folded
/// again here, with the user's texts in place of their stand-ins; in time
/// linear in the length.
fn refold(text: &str, texts: &Texts) -> String {
    const LIMIT: usize = 75;
    let mut logical: Vec<String> = Vec::new();
    for line in text.split("\r\n") {
        match line.strip_prefix([' ', '\t']) {
            Some(rest) if !logical.is_empty() => logical.last_mut().expect("a line").push_str(rest),
            _ => logical.push(line.to_string()),
        }
    }
    while logical.last().is_some_and(String::is_empty) {
        logical.pop();
    }
    let mut out = String::with_capacity(text.len() + text.len() / 20);
    for line in &logical {
        let line = texts.fill(line);
        let mut rest = line.as_str();
        let mut limit = LIMIT;
        loop {
            if rest.len() <= limit {
                out.push_str(rest);
                out.push_str("\r\n");
                break;
            }
            let mut cut = limit;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            out.push_str(&rest[..cut]);
            out.push_str("\r\n ");
            rest = &rest[cut..];
            limit = LIMIT - 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2022, m, day).unwrap()
    }

    #[test]
    fn lines_fold_at_75_octets() {
        let long = format!("SUMMARY:{}", "ж".repeat(100));
        let folded = refold(
            &format!("BEGIN:VEVENT\r\n{long}\r\nEND:VEVENT\r\n"),
            &Texts::default(),
        );
        for line in folded.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        assert_eq!(
            folded.replace("\r\n ", ""),
            format!("BEGIN:VEVENT\r\n{long}\r\nEND:VEVENT\r\n")
        );
        // An already folded line is unfolded first.
        assert_eq!(refold("A:b\r\n c\r\n", &Texts::default()), "A:bc\r\n");
    }

    #[test]
    fn regular_series_get_a_rule() {
        let weekly: Vec<NaiveDate> = (0..3).map(|i| d(2, 11 + 7 * i)).collect();
        assert_eq!(
            rule(&weekly).as_deref(),
            Some("FREQ=WEEKLY;INTERVAL=1;COUNT=3")
        );
        let monthly = [d(1, 10), d(2, 10), d(3, 10)];
        assert_eq!(
            rule(&monthly).as_deref(),
            Some("FREQ=MONTHLY;INTERVAL=1;COUNT=3")
        );
        // Whole months: due on each month's last day.
        let month_ends = [d(1, 31), d(2, 28), d(3, 31), d(4, 30)];
        assert_eq!(
            rule(&month_ends).as_deref(),
            Some("FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=-1;COUNT=4")
        );
        let quarter_ends = [d(3, 31), d(6, 30), d(9, 30), d(12, 31)];
        assert_eq!(
            rule(&quarter_ends).as_deref(),
            Some("FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1;COUNT=4")
        );
        let year_ends = [
            d(12, 31),
            NaiveDate::from_ymd_opt(2023, 12, 31).unwrap(),
            NaiveDate::from_ymd_opt(2024, 12, 31).unwrap(),
        ];
        assert_eq!(
            rule(&year_ends).as_deref(),
            Some("FREQ=YEARLY;INTERVAL=1;COUNT=3")
        );
        assert_eq!(rule(&[d(1, 10), d(2, 11), d(3, 10)]), None);
        let mut cut = weekly.clone();
        cut.push(d(2, 28));
        assert_eq!(
            series(&cut),
            Some((0, 3, "FREQ=WEEKLY;INTERVAL=1;COUNT=3".to_string()))
        );
    }

    #[test]
    fn reminders_count_from_the_deadline() {
        assert_eq!(trigger(0), "-PT15H");
        assert_eq!(trigger(3), "-P3DT15H");
    }
}

//! iCalendar (RFC 5545) through the `icalendar` crate: one all-day event per
//! dated window (DTEND the day after the last, as the RFC wants), a series
//! with an RRULE for a regular recurring activity (else one event per
//! occurrence), an event per checkpoint, each with a reminder at 9:00 the day
//! before. UIDs are made of the file's name, the activity's number and the
//! window's place, so importing again updates the same events; each event
//! names its activity in `X-ROADMAP-ACTIVITY`.

use super::text;
use super::view::{Document, Row};
use crate::lang::Lang;
use crate::model::Interval;
use crate::schedule::Kind;
use chrono::{Datelike, Days, NaiveDate};
use icalendar::{Alarm, Calendar, Component, Event, EventLike, Property};

/// 9:00 on the day before an all-day event.
const REMINDER: &str = "-PT15H";

/// Text of an `X-` property (the crate escapes only the ones it knows).
fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(',', "\\,")
        .replace(';', "\\;")
        .replace('\n', "\\n")
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
    base: String,
    stamp: String,
}

impl Maker<'_> {
    fn event(&self, uid: String, summary: &str, description: &str, span: Interval) -> Event {
        let mut event = Event::new();
        event
            .uid(&uid)
            .add_property("DTSTAMP", &self.stamp)
            .summary(summary)
            .description(description)
            .starts(span.start)
            .ends(next_day(span.end))
            .add_property("TRANSP", "TRANSPARENT");
        let reminder = match self.lang {
            Lang::Ru => format!("Напоминание: {summary}"),
            Lang::En => format!("Reminder: {summary}"),
        };
        let mut alarm = Alarm::display(&reminder, -chrono::Duration::hours(15));
        alarm
            .append_property(Property::new("TRIGGER", REMINDER))
            .add_property("UID", format!("{uid}-alarm"))
            .add_property("DTSTAMP", &self.stamp);
        event.alarm(alarm);
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
            lines.push(format!("{}: {i}", l["indicator"]));
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
            e.add_property("X-ROADMAP-ACTIVITY", escape(number));
            if let Some(section) = &r.section_title {
                e.add_property("CATEGORIES", section);
            }
            if r.entry.critical {
                e.priority(1);
            }
            if r.is_cancelled {
                e.add_property("STATUS", "CANCELLED");
            }
            events.push(e);
        };
        match r.entry.kind {
            Kind::Recurring if !r.entry.windows.is_empty() => {
                let occurrences = &r.entry.windows;
                let run = series(occurrences);
                if let Some((from, _, rrule)) = &run {
                    let mut e =
                        self.event(uid("series"), &summary, &description, occurrences[*from]);
                    e.add_property("RRULE", rrule);
                    add(e, r);
                }
                for (i, o) in occurrences.iter().enumerate() {
                    if run
                        .as_ref()
                        .is_some_and(|(from, to, _)| (*from..*to).contains(&i))
                    {
                        continue;
                    }
                    add(
                        self.event(uid(&format!("o{}", i + 1)), &summary, &description, *o),
                        r,
                    );
                }
            }
            Kind::Windows if !r.entry.windows.is_empty() => {
                for (i, w) in r.entry.windows.iter().enumerate() {
                    add(
                        self.event(uid(&format!("w{}", i + 1)), &summary, &description, *w),
                        r,
                    );
                }
            }
            Kind::Deadline => {
                let by = r.entry.deadline.unwrap_or(end);
                let summary = match self.lang {
                    Lang::Ru => format!("Срок: {summary}"),
                    Lang::En => format!("Due: {summary}"),
                };
                add(
                    self.event(uid("due"), &summary, &description, Interval::new(by, by)),
                    r,
                );
            }
            _ => add(
                self.event(uid("w1"), &summary, &description, Interval::new(start, end)),
                r,
            ),
        }
        for (i, c) in r.checkpoints.iter().enumerate() {
            let summary = match self.lang {
                Lang::Ru => format!("Контрольная точка {number}: {}", c.text),
                Lang::En => format!("Checkpoint {number}: {}", c.text),
            };
            let e = self.event(
                uid(&format!("cp{}", i + 1)),
                &summary,
                &description,
                Interval::new(c.date, c.date),
            );
            add(e, r);
        }
        events
    }
}

/// The longest regular run of the occurrences, `[from, to)`, and its RRULE:
/// all of them, or all but a first or last one the window cuts short.
fn series(occurrences: &[Interval]) -> Option<(usize, usize, String)> {
    let n = occurrences.len();
    [
        (0, n),
        (0, n.saturating_sub(1)),
        (1, n),
        (1, n.saturating_sub(1)),
    ]
    .into_iter()
    .filter(|(from, to)| to > from && to - from >= 2)
    .find_map(|(from, to)| rule(&occurrences[from..to]).map(|r| (from, to, r)))
}

/// The RRULE for occurrences of one length at a steady step (days, weeks, or
/// months on the same day); `None` when they are not that regular.
fn rule(occurrences: &[Interval]) -> Option<String> {
    if occurrences.len() < 2 {
        return None;
    }
    let length = |i: &Interval| (i.end - i.start).num_days();
    let first = length(&occurrences[0]);
    if occurrences.iter().any(|o| length(o) != first) {
        return None;
    }
    let count = occurrences.len();
    let steps: Vec<i64> = occurrences
        .windows(2)
        .map(|w| (w[1].start - w[0].start).num_days())
        .collect();
    if steps.iter().all(|&s| s == steps[0] && s > first) {
        let step = steps[0];
        return Some(if step % 7 == 0 {
            format!("FREQ=WEEKLY;INTERVAL={};COUNT={count}", step / 7)
        } else {
            format!("FREQ=DAILY;INTERVAL={step};COUNT={count}")
        });
    }
    let month = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
    let months: Vec<i32> = occurrences
        .windows(2)
        .map(|w| month(w[1].start) - month(w[0].start))
        .collect();
    let day = occurrences[0].start.day();
    if day <= 28
        && occurrences.iter().all(|o| o.start.day() == day)
        && months.iter().all(|&m| m == months[0] && m > 0)
        && first < 28
    {
        return Some(format!("FREQ=MONTHLY;INTERVAL={};COUNT={count}", months[0]));
    }
    None
}

pub fn render(doc: &Document<'_>, lang: Lang) -> String {
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
        .append_property(Property::new("METHOD", "PUBLISH"))
        .append_property(Property::new("X-WR-CALNAME", escape(&title)));
    let maker = Maker {
        doc,
        lang,
        base: uid_base(&doc.roadmap.file),
        stamp: doc.as_of.format("%Y%m%dT000000Z").to_string(),
    };
    for r in &doc.entries {
        for event in maker.events(r) {
            calendar.push(event);
        }
    }
    refold(&calendar.to_string())
}

/// Folds content lines at 75 octets on character boundaries (RFC 5545
/// §3.1). The crate folds too, but its last piece of a long line can reach
/// 76 octets with the leading space, so its lines are unfolded and folded
/// again here.
fn refold(text: &str) -> String {
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
        let folded = refold(&format!("BEGIN:VEVENT\r\n{long}\r\nEND:VEVENT\r\n"));
        for line in folded.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        assert_eq!(
            folded.replace("\r\n ", ""),
            format!("BEGIN:VEVENT\r\n{long}\r\nEND:VEVENT\r\n")
        );
        // An already folded line is unfolded first.
        assert_eq!(refold("A:b\r\n c\r\n"), "A:bc\r\n");
    }

    #[test]
    fn regular_series_get_a_rule() {
        let weekly: Vec<Interval> = (0..3)
            .map(|i| Interval::new(d(2, 7 + 7 * i), d(2, 11 + 7 * i)))
            .collect();
        assert_eq!(
            rule(&weekly).as_deref(),
            Some("FREQ=WEEKLY;INTERVAL=1;COUNT=3")
        );
        let monthly = [
            Interval::new(d(1, 10), d(1, 10)),
            Interval::new(d(2, 10), d(2, 10)),
            Interval::new(d(3, 10), d(3, 10)),
        ];
        assert_eq!(
            rule(&monthly).as_deref(),
            Some("FREQ=MONTHLY;INTERVAL=1;COUNT=3")
        );
        let whole_months = [
            Interval::new(d(1, 1), d(1, 31)),
            Interval::new(d(2, 1), d(2, 28)),
        ];
        assert_eq!(rule(&whole_months), None);
        let mut cut = weekly.clone();
        cut.push(Interval::new(d(2, 28), d(2, 28)));
        assert_eq!(
            series(&cut),
            Some((0, 3, "FREQ=WEEKLY;INTERVAL=1;COUNT=3".to_string()))
        );
    }
}

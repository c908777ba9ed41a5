//! Reminders: for every responsible party, a letter with what became overdue,
//! what is due soon, and once a week a digest of everything open; and the log
//! that makes a daily run idempotent. A reminder is identified by its kind,
//! activity, party and date (the due date; the Monday of the week for a
//! digest): one that is in the log is never sent again.

use super::report::{self, Counts, PartyView};
use super::{ActivityState, Assessment, State};
use crate::lang::Lang;
use crate::model::Roadmap;
use crate::render::Error;
use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What a reminder is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The due date passed and it is not done.
    Overdue,
    /// Due within the `--within` days.
    Upcoming,
    /// The weekly summary of the party's open activities.
    Digest,
}

impl Kind {
    pub fn key(self) -> &'static str {
        match self {
            Kind::Overdue => "overdue",
            Kind::Upcoming => "upcoming",
            Kind::Digest => "digest",
        }
    }

    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "overdue" => Kind::Overdue,
            "upcoming" => Kind::Upcoming,
            "digest" => Kind::Digest,
            _ => return None,
        })
    }
}

/// One reminder: what the log records.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub kind: Kind,
    /// The activity's number; `*` for a digest.
    pub activity: String,
    pub party: String,
    /// The due date it reminds of; the Monday of the week for a digest.
    pub date: NaiveDate,
}

/// The log of reminders sent: one line per reminder,
/// `SENT_ON<TAB>KIND<TAB>ACTIVITY<TAB>PARTY<TAB>DATE`, lines starting with `#`
/// are comments. Rewritten whole (temporary file, then rename) each time.
#[derive(Debug)]
pub struct Log {
    pub path: PathBuf,
    text: String,
    keys: HashSet<Key>,
}

const LOG_HEADER: &str =
    "# roadmap remind: reminders sent (sent-on, kind, activity, party, date)\n";

impl Log {
    /// `NAME.remind.log` next to `NAME.roadmap`.
    pub fn default_path(roadmap: &Path) -> PathBuf {
        let stem = roadmap
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        roadmap.with_file_name(format!("{stem}.remind.log"))
    }

    /// Reads the log; a missing file is an empty log. Lines that cannot be
    /// read are kept as they are and ignored.
    pub fn read(path: &Path) -> std::io::Result<Log> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(e),
        };
        let keys = text.lines().filter_map(parse_line).collect();
        Ok(Log {
            path: path.to_path_buf(),
            text,
            keys,
        })
    }

    pub fn contains(&self, key: &Key) -> bool {
        self.keys.contains(key)
    }

    /// Adds the reminders sent on `sent_on` and writes the log atomically.
    pub fn record(&mut self, keys: &[Key], sent_on: NaiveDate) -> std::io::Result<()> {
        let mut text = self.text.clone();
        if text.is_empty() {
            text.push_str(LOG_HEADER);
        } else if !text.ends_with('\n') {
            text.push('\n');
        }
        for k in keys {
            text.push_str(&format!(
                "{sent_on}\t{}\t{}\t{}\t{}\n",
                k.kind.key(),
                k.activity,
                k.party,
                k.date
            ));
        }
        crate::atomic::write_atomically(&self.path, text.as_bytes())?;
        self.text = text;
        self.keys.extend(keys.iter().cloned());
        Ok(())
    }
}

fn parse_line(line: &str) -> Option<Key> {
    if line.trim_start().starts_with('#') {
        return None;
    }
    let fields: Vec<&str> = line.split('\t').collect();
    let [_sent, kind, activity, party, date] = fields.as_slice() else {
        return None;
    };
    Some(Key {
        kind: Kind::parse(kind.trim())?,
        activity: activity.trim().to_string(),
        party: party.trim().to_string(),
        date: NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok()?,
    })
}

/// The weekly summary of one party's activities.
#[derive(Debug, Clone, Serialize)]
pub struct Digest {
    /// Monday and Sunday of the week of the date.
    pub week_start: NaiveDate,
    pub week_end: NaiveDate,
    pub counts: Counts,
    pub overdue: Vec<ActivityState>,
    pub due_soon: Vec<ActivityState>,
    pub in_progress: Vec<ActivityState>,
    pub ready: Vec<ActivityState>,
}

/// One party's letter.
#[derive(Debug, Clone, Serialize)]
pub struct Letter {
    pub party: PartyView,
    pub roadmap: report::Header,
    /// The roadmap's title, or its file name.
    pub title: String,
    /// The status file marks are written to.
    pub status_file: String,
    /// The fill-in form attached to the letter (its file name), with
    /// `remind --attach-form`: the letter asks to fill it in and send it back.
    pub form: Option<String>,
    pub as_of: NaiveDate,
    pub within_days: i64,
    /// The last day «скоро срок» reaches: `as_of + within_days`.
    pub horizon: NaiveDate,
    /// Newly overdue (not reminded of before), longest overdue first.
    pub overdue: Vec<ActivityState>,
    /// Newly due soon, soonest first.
    pub upcoming: Vec<ActivityState>,
    /// This week's digest, unless sent already.
    pub digest: Option<Digest>,
    pub ru: bool,
    /// The reminders this letter carries, for the log.
    #[serde(skip)]
    pub keys: Vec<Key>,
    /// Rendered by [`render`].
    #[serde(skip)]
    pub subject: String,
    #[serde(skip)]
    pub body: String,
}

/// What to put in the letters.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Include the weekly digest.
    pub digest: bool,
}

/// The Monday of `d`'s week.
pub fn week_start(d: NaiveDate) -> NaiveDate {
    d - Days::new(u64::from(d.weekday().num_days_from_monday()))
}

/// The letters due on the assessment's date: one per party with something
/// not yet in `log`, in the order the parties are declared.
pub fn letters(
    roadmap: &Roadmap,
    assessment: &Assessment,
    log: &Log,
    file: &str,
    party: Option<&str>,
    options: Options,
    lang: Lang,
) -> Vec<Letter> {
    let as_of = assessment.as_of;
    let monday = week_start(as_of);
    let title = roadmap
        .title
        .as_ref()
        .map(|t| t.text.clone())
        .unwrap_or_else(|| file.to_string());
    let status_file = Path::new(file)
        .with_extension("status")
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut out = Vec::new();
    for p in &roadmap.parties {
        let id = &p.id.text;
        if party.is_some_and(|only| only != id) {
            continue;
        }
        let theirs: Vec<&ActivityState> = assessment
            .activities
            .iter()
            .filter(|a| a.responsible.contains(id))
            .collect();
        if theirs.is_empty() {
            continue;
        }
        let mut keys = Vec::new();
        let mut new = |kind: Kind, a: &ActivityState| -> bool {
            let Some(date) = a.due else {
                return false;
            };
            let key = Key {
                kind,
                activity: a.number.clone(),
                party: id.clone(),
                date,
            };
            let fresh = !log.contains(&key);
            if fresh {
                keys.push(key);
            }
            fresh
        };
        let pick = |state: State| -> Vec<ActivityState> {
            let mut v: Vec<ActivityState> = theirs
                .iter()
                .filter(|a| a.state == state)
                .map(|a| (*a).clone())
                .collect();
            v.sort_by_key(|a| (a.due, a.index));
            v
        };
        let all_overdue = pick(State::Overdue);
        let all_due_soon = pick(State::DueSoon);
        let overdue: Vec<ActivityState> = all_overdue
            .iter()
            .filter(|a| new(Kind::Overdue, a))
            .cloned()
            .collect();
        let upcoming: Vec<ActivityState> = all_due_soon
            .iter()
            .filter(|a| new(Kind::Upcoming, a))
            .cloned()
            .collect();
        let open = theirs.iter().any(|a| a.state.is_actionable());
        let digest_key = Key {
            kind: Kind::Digest,
            activity: "*".into(),
            party: id.clone(),
            date: monday,
        };
        let digest = (options.digest && open && !log.contains(&digest_key)).then(|| {
            keys.push(digest_key);
            Digest {
                week_start: monday,
                week_end: monday + Days::new(6),
                counts: Counts::of(theirs.iter().copied()),
                overdue: all_overdue.clone(),
                due_soon: all_due_soon.clone(),
                in_progress: pick(State::InProgress),
                ready: pick(State::Ready),
            }
        });
        if overdue.is_empty() && upcoming.is_empty() && digest.is_none() {
            continue;
        }
        out.push(Letter {
            party: PartyView {
                id: id.clone(),
                name: p.name.clone(),
                email: p.email.clone().filter(|e| !e.trim().is_empty()),
            },
            roadmap: report::header(roadmap, file),
            title: title.clone(),
            status_file: status_file.clone(),
            form: None,
            as_of,
            within_days: assessment.within_days,
            horizon: as_of + Days::new(assessment.within_days.max(0) as u64),
            overdue,
            upcoming,
            digest,
            ru: lang == Lang::Ru,
            keys,
            subject: String::new(),
            body: String::new(),
        });
    }
    out
}

/// Fills in each letter's subject and body from `remind.subject.LANG.hbs`
/// and `remind.LANG.hbs`.
pub fn render(letters: &mut [Letter], lang: Lang, dir: Option<&Path>) -> Result<(), Error> {
    let suffix = match lang {
        Lang::Ru => "ru",
        Lang::En => "en",
    };
    for letter in letters {
        let subject = report::render_template(
            lang,
            &format!("remind.subject.{suffix}.hbs"),
            None,
            dir,
            letter,
        )?;
        letter.subject = subject.split_whitespace().collect::<Vec<_>>().join(" ");
        letter.body =
            report::render_template(lang, &format!("remind.{suffix}.hbs"), None, dir, letter)?;
    }
    Ok(())
}

/// The letters as the preview on standard output shows them.
pub fn preview(letters: &[Letter], from: Option<&str>, lang: Lang) -> String {
    let mut out = String::new();
    for (i, letter) in letters.iter().enumerate() {
        if i > 0 {
            out.push_str("\n========================================\n\n");
        }
        if let Some(from) = from {
            out.push_str(&format!("From: {from}\n"));
        }
        match &letter.party.email {
            Some(email) => out.push_str(&format!("To: {} <{email}>\n", letter.party.name)),
            None => out.push_str(&format!(
                "To: {} ({})\n",
                letter.party.name,
                match lang {
                    Lang::Ru => "нет адреса почты",
                    Lang::En => "no e-mail address",
                }
            )),
        }
        out.push_str(&format!("Subject: {}\n\n", letter.subject));
        out.push_str(&letter.body);
        if !letter.body.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn weeks_start_on_monday() {
        assert_eq!(week_start(d("2022-03-15")), d("2022-03-14"));
        assert_eq!(week_start(d("2022-03-14")), d("2022-03-14"));
        assert_eq!(week_start(d("2022-03-20")), d("2022-03-14"));
    }

    #[test]
    fn the_log_remembers_what_was_sent() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.remind.log");
        let mut log = Log::read(&path).unwrap();
        let key = Key {
            kind: Kind::Overdue,
            activity: "4.7".into(),
            party: "РегКоорд".into(),
            date: d("2022-03-01"),
        };
        assert!(!log.contains(&key));
        log.record(std::slice::from_ref(&key), d("2022-03-15"))
            .unwrap();
        let again = Log::read(&path).unwrap();
        assert!(again.contains(&key));
        let moved = Key {
            date: d("2022-03-10"),
            ..key.clone()
        };
        assert!(!again.contains(&moved), "a new due date is a new reminder");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with('#'));
        assert!(text.ends_with("2022-03-15\toverdue\t4.7\tРегКоорд\t2022-03-01\n"));
        // Lines it cannot read are kept and ignored.
        std::fs::write(&path, format!("{text}garbage\n")).unwrap();
        let mut log = Log::read(&path).unwrap();
        assert!(log.contains(&key));
        log.record(&[moved], d("2022-03-16")).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("garbage\n2022-03-16\toverdue"));
    }

    #[test]
    fn default_log_is_next_to_the_roadmap() {
        assert_eq!(
            Log::default_path(Path::new("roadmaps/tomari.roadmap")),
            Path::new("roadmaps/tomari.remind.log")
        );
    }
}

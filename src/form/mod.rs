//! Fill-in forms for schools: what a plan asks a school to report by a date,
//! laid out as rows a person fills in a spreadsheet — state, date done,
//! confirming document, actual values, comment — with everything else
//! locked. `roadmap form` writes them ([`xlsx`], or [`docx`] for schools
//! that work in Word); `roadmap marks import` reads them back
//! (`crate::marks`) by the same [`layout`].

pub mod docx;
pub mod layout;
pub mod xlsx;

use crate::model::{Activity, Roadmap};
use crate::render::view;
use crate::schedule::Schedule;
use crate::source::Sources;
use chrono::NaiveDate;

/// What a school may say about an activity: the drop-down of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Done,
    Started,
    NotDone,
    Cancelled,
    Rescheduled,
}

impl Mark {
    pub const ALL: [Mark; 5] = [
        Mark::Done,
        Mark::Started,
        Mark::NotDone,
        Mark::Cancelled,
        Mark::Rescheduled,
    ];

    /// As the drop-down lists it (the form is in Russian, as the reports
    /// regions send are; English spellings are read back too).
    pub fn ru(self) -> &'static str {
        match self {
            Mark::Done => "выполнено",
            Mark::Started => "начато",
            Mark::NotDone => "не выполнено",
            Mark::Cancelled => "отменено",
            Mark::Rescheduled => "перенесено",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Mark::Done => "done",
            Mark::Started => "started",
            Mark::NotDone => "not done",
            Mark::Cancelled => "cancelled",
            Mark::Rescheduled => "rescheduled",
        }
    }

    /// Reads a state typed or picked in the form, in either language and any
    /// case; `None` for anything else.
    pub fn parse(text: &str) -> Option<Mark> {
        let folded = text.trim().to_lowercase().replace('ё', "е");
        let folded: String = folded.split_whitespace().collect::<Vec<_>>().join(" ");
        Mark::ALL.into_iter().find(|m| {
            folded == m.ru().replace('ё', "е")
                || folded == m.en()
                || folded == m.en().replace(' ', "_")
        })
    }
}

/// A row of the form: an activity, or one more target indicator of the
/// activity above it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub activity: String,
    pub title: String,
    /// The `срок:` as written (and its stages').
    pub timing: String,
    pub responsible: String,
    /// The n-th target indicator of the activity (0-based) and its text.
    pub indicator: Option<(usize, String)>,
    /// Whether this is the activity's first row, where its state is filled.
    pub first: bool,
    /// The dates a date cell of the row accepts.
    pub allowed: (NaiveDate, NaiveDate),
    /// What the status file already says, shown filled in.
    pub known: Option<Known>,
}

/// A mark the plan or its status file already holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Known {
    pub mark: Mark,
    pub date: Option<NaiveDate>,
    pub document: String,
}

/// One plan's form.
#[derive(Debug, Clone)]
pub struct Form {
    /// The plan's path, as the form's reader will find it.
    pub plan: String,
    pub title: String,
    /// The school (or other subject) the plan is for, when it extends a template.
    pub subject: Option<String>,
    pub as_of: Option<NaiveDate>,
    /// [`fingerprint`] of the plan's text.
    pub hash: String,
    pub rows: Vec<Row>,
}

/// FNV-1a over the texts of a plan and the templates it extends: stable
/// across versions of the tool, so an old form is told from a new one.
pub fn fingerprint(texts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for text in texts {
        for byte in text.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// The fingerprint of a loaded roadmap's own file and its templates.
pub fn roadmap_fingerprint(roadmap: &Roadmap, sources: &Sources) -> String {
    let mut files = vec![roadmap.file];
    files.extend(
        roadmap
            .extension
            .iter()
            .flat_map(|e| e.chain.iter().copied()),
    );
    let texts: Vec<&str> = files.iter().map(|&f| &*sources.get(f).text).collect();
    fingerprint(&texts)
}

/// The forms of the plans a run checked (a template is no school's plan and
/// gets none), each with the path its plan was read from.
pub fn of_run(run: &crate::run::Run, as_of: Option<NaiveDate>) -> Vec<(std::path::PathBuf, Form)> {
    let sources = &run.workspace.sources;
    run.roadmaps
        .iter()
        .filter(|(r, _)| !r.is_template)
        .map(|(roadmap, graph)| {
            let path = sources.get(roadmap.file).path.clone();
            let schedule =
                crate::schedule::compute(roadmap, graph, &crate::check::calendar(roadmap));
            let hash = roadmap_fingerprint(roadmap, sources);
            let plan = path.to_string_lossy().into_owned();
            let form = build(roadmap, &schedule, &plan, hash, as_of);
            (path, form)
        })
        .collect()
}

/// `vostok.xlsx` (or `vostok.docx`: `extension`) for `500plus/vostok.roadmap`.
pub fn file_name(plan: &std::path::Path, extension: &str) -> String {
    let stem = plan
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "form".into());
    format!("{stem}.{extension}")
}

/// The form of `roadmap`: every activity, or with `as_of` those begun or
/// due by then (and those without fixed dates).
pub fn build(
    roadmap: &Roadmap,
    schedule: &Schedule,
    plan: &str,
    hash: String,
    as_of: Option<NaiveDate>,
) -> Form {
    let period = roadmap.period.as_ref().map(|(p, _)| *p);
    let mut rows = Vec::new();
    for (i, activity) in roadmap.activities.iter().enumerate() {
        let entry = schedule.entries.iter().find(|e| e.activity == i);
        let (start, end) = entry.map_or((None, None), |e| (e.start, e.end));
        if let Some(as_of) = as_of {
            let begun = start.is_some_and(|s| s <= as_of) || end.is_some_and(|e| e <= as_of);
            if !begun && (start.is_some() || end.is_some()) {
                continue;
            }
        }
        let low = [period.map(|p| p.start), start].into_iter().flatten().min();
        let high = [period.map(|p| p.end), end].into_iter().flatten().max();
        let allowed = match (low, high) {
            (Some(l), Some(h)) => (l, h),
            _ => (NaiveDate::MIN, NaiveDate::MAX),
        };
        let timing = entry.map(|e| e.timing.join("; ")).unwrap_or_default();
        // Named as the schedule names them, not by their ids.
        let responsible = view::responsible_ids(activity)
            .into_iter()
            .map(|id| view::party_ref(roadmap, id).name)
            .collect::<Vec<_>>()
            .join("; ");
        let targets: Vec<String> = activity
            .facts
            .indicators
            .iter()
            .filter(|ind| ind.is_target())
            .map(|ind| ind.source.text.clone())
            .collect();
        let base = Row {
            activity: activity.number.text.clone(),
            title: activity.title.clone(),
            timing,
            responsible,
            indicator: None,
            first: true,
            allowed,
            known: known(activity),
        };
        if targets.is_empty() {
            rows.push(base);
            continue;
        }
        for (n, text) in targets.into_iter().enumerate() {
            rows.push(Row {
                indicator: Some((n, text)),
                first: n == 0,
                known: if n == 0 { base.known.clone() } else { None },
                ..base.clone()
            });
        }
    }
    Form {
        plan: plan.to_string(),
        title: roadmap
            .title
            .as_ref()
            .map(|t| t.text.clone())
            .unwrap_or_default(),
        subject: roadmap.extension.as_ref().and_then(|e| e.subject.clone()),
        as_of,
        hash,
        rows,
    }
}

/// The activity's latest mark: cancelled, else done, else started.
fn known(activity: &Activity) -> Option<Known> {
    let marks = &activity.facts.marks;
    if let Some(c) = &marks.cancelled {
        return Some(Known {
            mark: Mark::Cancelled,
            date: c.date,
            document: c.reason.clone(),
        });
    }
    if let Some(d) = marks.done.iter().max_by_key(|d| d.date) {
        return Some(Known {
            mark: Mark::Done,
            date: Some(d.date),
            document: d.evidence.clone(),
        });
    }
    marks.started.map(|(date, _)| Known {
        mark: Mark::Started,
        date: Some(date),
        document: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_are_read_in_either_language_and_any_case() {
        assert_eq!(Mark::parse("Выполнено"), Some(Mark::Done));
        assert_eq!(Mark::parse("  не   выполнено "), Some(Mark::NotDone));
        assert_eq!(Mark::parse("перенесено"), Some(Mark::Rescheduled));
        assert_eq!(Mark::parse("Cancelled"), Some(Mark::Cancelled));
        assert_eq!(Mark::parse("not_done"), Some(Mark::NotDone));
        assert_eq!(Mark::parse("сделано"), None);
        assert_eq!(Mark::parse(""), None);
    }

    #[test]
    fn the_fingerprint_changes_with_any_byte_and_with_where_files_end() {
        let a = fingerprint(&["мероприятие 1", "x"]);
        assert_eq!(a, fingerprint(&["мероприятие 1", "x"]));
        assert_ne!(a, fingerprint(&["мероприятие 2", "x"]));
        assert_ne!(a, fingerprint(&["мероприятие 1x", ""]));
        assert_eq!(a.len(), 16);
    }
}

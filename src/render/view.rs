//! The resolved schedule as one document: the roadmap's header, its parties
//! and sections, and every activity's schedule entry with what the roadmap
//! says about it. This is what `--format json` prints and what the templates
//! see (docs/schedule.md documents both).

use super::fields::{self, FieldsView, OrderView, SectionFieldsView, TotalsView};
use super::findings::Finding;
use super::progress::{self, Progress};
use super::text;
use super::{By, Options};
use crate::lang::Lang;
use crate::model::{Activity, Facts, Indicator, Interval, Origin, Roadmap, Target};
use crate::schedule::{Entry, Kind, Schedule};
use crate::state::Assessment;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// The JSON document; `format` and `version` name its schema.
#[derive(Debug, Serialize)]
pub struct Document<'a> {
    pub format: &'static str,
    pub version: u32,
    pub generator: String,
    pub lang: &'static str,
    pub as_of: NaiveDate,
    /// The last day of a period that ended, when `as_of` was taken as it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period_ended: Option<NaiveDate>,
    pub by: By,
    /// The `--party` filter, when given.
    pub party: Option<String>,
    pub roadmap: Header,
    pub parties: Vec<PartyView>,
    pub sections: Vec<SectionView>,
    pub critical_path: Vec<String>,
    /// Some activity shows its slack: the legend explains it.
    pub has_slack: bool,
    /// Every activity (only the party's with `--party`), in the roadmap's order.
    pub entries: Vec<Row<'a>>,
    /// The entries grouped as `--by` asks.
    pub groups: Vec<Group>,
    /// What checking the roadmap found (an output is made even when it has
    /// errors); empty for a clean roadmap.
    pub findings: Vec<Finding>,
    /// The funding summed per year and per source; `null` without amounts.
    pub funding_totals: Option<TotalsView>,
}

#[derive(Debug, Serialize)]
pub struct Header {
    pub title: Option<String>,
    /// The roadmap file as given on the command line.
    pub file: String,
    pub period: Option<Interval>,
    pub approval: Option<ApprovalView>,
    pub owner: Option<PartyRef>,
    /// Set when the roadmap is a plan extending a template.
    pub extends: Option<ExtendsView>,
    #[serde(flatten)]
    pub order: OrderView,
}

/// A plan's template, its parameters, and how many activities it takes.
#[derive(Debug, Serialize)]
pub struct ExtendsView {
    /// The template as the plan's `расширяет:` names it.
    pub template: String,
    /// What the plan is for (the value of the parameter the template's title names).
    pub subject: Option<String>,
    pub parameters: Vec<ParameterView>,
    /// Activities as the template has them.
    pub from_template: usize,
    /// Activities of the template the plan changed.
    pub amended: usize,
    /// The plan's own activities.
    pub own: usize,
}

#[derive(Debug, Serialize)]
pub struct ParameterView {
    pub name: String,
    pub value: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ApprovalView {
    pub text: String,
    pub number: Option<String>,
    pub date: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartyView {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub contacts: Vec<String>,
}

/// A party named somewhere: its id (when declared) and full name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartyRef {
    pub id: Option<String>,
    pub name: String,
}

#[derive(Debug, Serialize)]
pub struct SectionView {
    pub number: String,
    pub title: String,
    pub parent: Option<String>,
    #[serde(flatten)]
    pub fields: SectionFieldsView,
}

#[derive(Debug, Clone, Serialize)]
pub struct CheckpointView {
    pub date: NaiveDate,
    pub text: String,
}

/// An indicator cell as written and as read.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorView {
    pub text: String,
    /// The words around the targets.
    pub description: String,
    pub targets: Vec<Target>,
    /// The targets in signs («≥ 45 школ и ≥ 32 куратора»); absent for a cell
    /// with no number.
    pub read: Option<String>,
}

impl IndicatorView {
    /// The cell as written, then as read after an arrow when it has targets.
    pub fn line(&self) -> String {
        match &self.read {
            Some(read) => format!("{} → {read}", self.text),
            None => self.text.clone(),
        }
    }
}

/// A stage of a multi-year activity.
#[derive(Debug, Serialize)]
pub struct StageView {
    pub label: String,
    /// The `срок:` cell as written.
    pub timing: Option<String>,
    /// What it resolves to, in words.
    pub resolved: Option<String>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub responsible: Vec<PartyRef>,
    pub indicators: Vec<IndicatorView>,
    pub results: Vec<String>,
    pub checkpoints: Vec<CheckpointView>,
    pub notes: Vec<String>,
    #[serde(flatten)]
    pub fields: FieldsView,
}

/// Where an activity stands on `as_of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Past,
    Current,
    Future,
}

/// One activity: its schedule entry and what the roadmap says about it.
#[derive(Debug, Serialize)]
pub struct Row<'a> {
    #[serde(flatten)]
    pub entry: EntryView<'a>,
    #[serde(skip)]
    pub activity: &'a Activity,
    pub section_title: Option<String>,
    /// The `срок:` cells as written, joined.
    pub timing_text: String,
    /// The dates, in words («17.01–04.02.2022», «еженедельно, …, 20 раз»).
    pub resolved: String,
    /// Calendar days from start to end, both counted, for one window (not
    /// for several, a series or a deadline).
    pub days: Option<i64>,
    pub phase: Option<Phase>,
    /// Cancelled by an `отменено:` mark (`cancelled` holds the reason).
    pub is_cancelled: bool,
    /// Every party responsible, for the activity or any of its stages.
    pub responsible: Vec<PartyRef>,
    pub indicators: Vec<IndicatorView>,
    pub results: Vec<String>,
    pub checkpoints: Vec<CheckpointView>,
    pub notes: Vec<String>,
    #[serde(flatten)]
    pub fields: FieldsView,
    /// The activity it is a sub-item of (`2.1` for `2.1.1`).
    pub parent: Option<String>,
    pub stages: Vec<StageView>,
    /// In a plan: where the activity comes from, in words («из шаблона»,
    /// «изменено в плане», «своё»); absent in a roadmap that extends nothing.
    pub origin_text: Option<&'static str>,
    /// Where it stands on `as_of`, as `roadmap status` judges it; absent
    /// for a roadmap with no marks and with `--no-progress`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress: Option<Progress>,
    /// `free_slack_days` in words («резерв 5 дней»), for a page: how many
    /// days it can slip without moving the activities that come after it;
    /// `null` when nothing does.
    pub slack_text: Option<String>,
}

impl Row<'_> {
    pub fn dated(&self) -> bool {
        self.entry.start.is_some() && self.entry.end.is_some()
    }

    /// The spans it occupies: its windows or occurrences, else start–end.
    pub fn spans(&self) -> Vec<Interval> {
        if !self.entry.windows.is_empty() {
            return self.entry.windows.clone();
        }
        match (self.entry.start, self.entry.end) {
            (Some(s), Some(e)) => vec![Interval::new(s, e)],
            _ => Vec::new(),
        }
    }

    /// The dates in words (or `when`, its part in a group), and whether it
    /// was cancelled: the «Даты» cell of a spreadsheet.
    pub fn dates_cell(&self, when: Option<&str>, lang: Lang) -> String {
        let dates = when.unwrap_or(&self.resolved);
        let word = match lang {
            Lang::Ru => "отменено",
            Lang::En => "cancelled",
        };
        match self.entry.cancelled.as_deref() {
            None => dates.to_string(),
            Some("") => format!("{dates} — {word}"),
            Some(reason) => format!("{dates} — {word}: {reason}"),
        }
    }

    pub fn responsible_names(&self) -> String {
        self.responsible
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// A series longer than this is drawn as one row with its count: a page
/// (and its template's context) leaves its occurrences out. A hundred years
/// of weeks is 5 200 of them for each such activity.
pub const MAX_OCCURRENCES_DRAWN: usize = 366;

/// A schedule entry as a document shows it: all of it in the JSON output;
/// for a page's template ([`Document::for_page`]) without the occurrences of
/// a long series, which no template draws one by one.
#[derive(Debug, Clone, Copy)]
pub struct EntryView<'a> {
    entry: &'a Entry,
    occurrences: bool,
}

impl std::ops::Deref for EntryView<'_> {
    type Target = Entry;
    fn deref(&self) -> &Entry {
        self.entry
    }
}

impl EntryView<'_> {
    /// A series too long to draw occurrence by occurrence.
    pub fn long_series(&self) -> bool {
        self.entry.kind == Kind::Recurring && self.entry.windows.len() > MAX_OCCURRENCES_DRAWN
    }
}

impl Serialize for EntryView<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.occurrences || !self.long_series() {
            return self.entry.serialize(serializer);
        }
        let mut entry = self.entry.clone();
        entry.windows = Vec::new();
        entry.serialize(serializer)
    }
}

impl Document<'_> {
    /// The document as a page's template sees it: long series without their
    /// occurrences.
    pub fn for_page(mut self) -> Self {
        for row in &mut self.entries {
            row.entry.occurrences = false;
        }
        self
    }
}

/// A group of entries: a section, a month, or a party.
#[derive(Debug, Serialize)]
pub struct Group {
    /// The section's number, the month (`2022-03`), or the party's id; empty
    /// for the group of what has no section, no date or no party.
    pub key: String,
    pub title: String,
    /// A party's e-mail and contacts; a section's parent.
    pub subtitle: Option<String>,
    pub members: Vec<Member>,
}

/// An entry in a group; `when` is its part in the group (the days of a month).
#[derive(Debug, Serialize)]
pub struct Member {
    #[serde(skip)]
    pub row: usize,
    pub number: String,
    pub when: Option<String>,
}

/// The party a schedule names for `id`: its declared name, or the id as
/// written when no `участник` declares it.
pub fn party_ref(roadmap: &Roadmap, id: &str) -> PartyRef {
    match roadmap.parties.iter().find(|p| p.id.text == id) {
        Some(p) => PartyRef {
            id: Some(id.to_string()),
            name: p.name.clone(),
        },
        None => PartyRef {
            id: None,
            name: id.to_string(),
        },
    }
}

fn indicators(items: &[Indicator], lang: Lang) -> Vec<IndicatorView> {
    items
        .iter()
        .map(|i| IndicatorView {
            text: i.source.text.clone(),
            description: i.description.clone(),
            targets: i.targets.clone(),
            read: text::targets(&i.targets, lang),
        })
        .collect()
}

fn texts(items: &[crate::syntax::Spanned]) -> Vec<String> {
    items.iter().map(|s| s.text.clone()).collect()
}

fn checkpoints(facts: &Facts) -> Vec<CheckpointView> {
    facts
        .checkpoints
        .iter()
        .map(|c| CheckpointView {
            date: c.date,
            text: c.text.clone(),
        })
        .collect()
}

/// The ids responsible for an activity or any of its stages, first seen first.
pub fn responsible_ids(activity: &Activity) -> Vec<&str> {
    let mut ids: Vec<&str> = Vec::new();
    for facts in activity.all_facts() {
        for r in &facts.responsible {
            if !ids.contains(&r.text.as_str()) {
                ids.push(&r.text);
            }
        }
    }
    ids
}

fn row<'a>(
    roadmap: &'a Roadmap,
    entry: &'a Entry,
    as_of: NaiveDate,
    assessment: Option<&Assessment>,
    lang: Lang,
) -> Row<'a> {
    let activity = &roadmap.activities[entry.activity];
    // Only one span has a length worth telling: not a series, not a deadline.
    let days = match (entry.kind, entry.start, entry.end) {
        (Kind::Window | Kind::Duration | Kind::Unknown, Some(s), Some(e)) => {
            Some((e - s).num_days() + 1)
        }
        _ => None,
    };
    let phase = match (entry.start, entry.end) {
        (Some(_), Some(e)) if e < as_of => Some(Phase::Past),
        (Some(s), Some(_)) if s > as_of => Some(Phase::Future),
        (Some(_), Some(_)) => Some(Phase::Current),
        _ => None,
    };
    let stages = activity
        .stages
        .iter()
        .map(|s| {
            let resolved = s.facts.timing.as_ref().and_then(|t| t.resolved.as_ref());
            let window = s.facts.window();
            StageView {
                label: s.label.text.clone(),
                timing: s.facts.timing.as_ref().map(|t| t.text.clone()),
                resolved: resolved.map(|t| text::timing(t, lang)),
                start: window.map(|w| w.start),
                end: window.map(|w| w.end),
                responsible: s
                    .facts
                    .responsible
                    .iter()
                    .map(|r| party_ref(roadmap, &r.text))
                    .collect(),
                indicators: indicators(&s.facts.indicators, lang),
                results: texts(&s.facts.results),
                checkpoints: checkpoints(&s.facts),
                notes: texts(&s.facts.notes),
                fields: fields::of_stage(&s.facts, &s.label.text, lang),
            }
        })
        .collect();
    Row {
        entry: EntryView {
            entry,
            occurrences: true,
        },
        activity,
        section_title: activity.section.map(|s| roadmap.sections[s].title.clone()),
        timing_text: entry.timing.join("; "),
        resolved: text::resolved(entry, lang),
        days,
        phase,
        is_cancelled: entry.cancelled.is_some(),
        responsible: responsible_ids(activity)
            .into_iter()
            .map(|id| party_ref(roadmap, id))
            .collect(),
        indicators: indicators(&activity.facts.indicators, lang),
        results: texts(&activity.facts.results),
        checkpoints: activity.all_facts().flat_map(checkpoints).collect(),
        notes: texts(&activity.facts.notes),
        fields: fields::of_facts(&activity.facts, lang),
        parent: activity
            .parent
            .map(|p| roadmap.activities[p].number.text.clone()),
        stages,
        origin_text: roadmap
            .extension
            .is_some()
            .then(|| origin_text(activity.origin, lang)),
        progress: assessment.and_then(|a| progress::of(a, entry.activity, lang)),
        slack_text: entry.free_slack_days.map(|n| match lang {
            Lang::Ru => format!("резерв {}", text::days(n, lang)),
            Lang::En => format!("slack {}", text::days(n, lang)),
        }),
    }
}

/// Where a plan's activity comes from, in words.
pub fn origin_text(origin: Origin, lang: Lang) -> &'static str {
    match (origin, lang) {
        (Origin::Template, Lang::Ru) => "из шаблона",
        (Origin::Template, Lang::En) => "template",
        (Origin::Amended, Lang::Ru) => "из шаблона, изменено",
        (Origin::Amended, Lang::En) => "template, amended",
        (Origin::Own, Lang::Ru) => "своё",
        (Origin::Own, Lang::En) => "own",
    }
}

fn extends_view(roadmap: &Roadmap) -> Option<ExtendsView> {
    let extension = roadmap.extension.as_ref()?;
    let count = |origin: Origin| {
        roadmap
            .activities
            .iter()
            .filter(|a| a.origin == origin)
            .count()
    };
    Some(ExtendsView {
        template: extension.named.clone(),
        subject: extension.subject.clone(),
        parameters: extension
            .parameters
            .iter()
            .map(|(name, value)| ParameterView {
                name: name.clone(),
                value: value.clone(),
            })
            .collect(),
        from_template: count(Origin::Template),
        amended: count(Origin::Amended),
        own: count(Origin::Own),
    })
}

/// Builds the document; `entries` are the schedule's, already filtered;
/// `assessment`, when given, is where every activity stands on `as_of`.
pub fn document<'a>(
    roadmap: &'a Roadmap,
    schedule: &'a Schedule,
    entries: &[&'a Entry],
    assessment: Option<&Assessment>,
    options: &Options,
) -> Document<'a> {
    let lang = options.lang;
    let file = options.file.clone();
    let rows: Vec<Row<'a>> = entries
        .iter()
        .map(|e| row(roadmap, e, options.as_of, assessment, lang))
        .collect();
    let groups = match options.by {
        By::Section => by_section(roadmap, &rows, lang),
        By::Month => by_month(&rows, lang),
        By::Party => by_party(roadmap, &rows, lang),
    };
    Document {
        format: "roadmap-schedule",
        version: 2,
        generator: format!("roadmap {}", env!("CARGO_PKG_VERSION")),
        lang: match lang {
            Lang::Ru => "ru",
            Lang::En => "en",
        },
        as_of: options.as_of,
        period_ended: options.period_ended,
        by: options.by,
        party: options.party.clone(),
        roadmap: Header {
            title: roadmap.title.as_ref().map(|t| t.text.clone()),
            file,
            period: schedule.period,
            approval: roadmap.approval.as_ref().map(|a| ApprovalView {
                text: a.text.clone(),
                number: a.number.clone(),
                date: a.date,
            }),
            owner: roadmap.owner.as_ref().map(|o| party_ref(roadmap, &o.text)),
            extends: extends_view(roadmap),
            order: fields::order(roadmap),
        },
        parties: roadmap
            .parties
            .iter()
            .map(|p| PartyView {
                id: p.id.text.clone(),
                name: p.name.clone(),
                email: p.email.clone(),
                contacts: p.contacts.clone(),
            })
            .collect(),
        sections: roadmap
            .sections
            .iter()
            .map(|s| SectionView {
                number: s.number.text.clone(),
                title: s.title.clone(),
                parent: s.parent.map(|p| roadmap.sections[p].number.text.clone()),
                fields: fields::of_section(s, lang),
            })
            .collect(),
        critical_path: schedule.critical_path.clone(),
        has_slack: rows.iter().any(|r| r.entry.free_slack_days.is_some()),
        entries: rows,
        groups,
        findings: options.findings.clone(),
        funding_totals: fields::totals(roadmap, lang),
    }
}

fn member(rows: &[Row<'_>], i: usize, when: Option<String>) -> Member {
    Member {
        row: i,
        number: rows[i].entry.number.clone(),
        when,
    }
}

/// A section's heading: «1. Организационно-подготовительная работа».
pub fn section_heading(number: &str, title: &str) -> String {
    let number = number.trim_end_matches('.');
    format!("{number}. {title}")
}

fn by_section(roadmap: &Roadmap, rows: &[Row<'_>], lang: Lang) -> Vec<Group> {
    let mut groups = Vec::new();
    let loose: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].activity.section.is_none())
        .collect();
    if !loose.is_empty() {
        groups.push(Group {
            key: String::new(),
            title: match lang {
                Lang::Ru => "Вне разделов".into(),
                Lang::En => "Outside sections".into(),
            },
            subtitle: None,
            members: loose.into_iter().map(|i| member(rows, i, None)).collect(),
        });
    }
    for (s, section) in roadmap.sections.iter().enumerate() {
        let members: Vec<Member> = (0..rows.len())
            .filter(|&i| rows[i].activity.section == Some(s))
            .map(|i| member(rows, i, None))
            .collect();
        if members.is_empty() {
            continue;
        }
        groups.push(Group {
            key: section.number.text.clone(),
            title: section_heading(&section.number.text, &section.title),
            subtitle: section.parent.map(|p| {
                let parent = &roadmap.sections[p];
                section_heading(&parent.number.text, &parent.title)
            }),
            members,
        });
    }
    groups
}

fn undated_group(lang: Lang) -> Group {
    Group {
        key: String::new(),
        title: match lang {
            Lang::Ru => "Без фиксированных дат".into(),
            Lang::En => "No fixed dates".into(),
        },
        subtitle: None,
        members: Vec::new(),
    }
}

fn month_start(d: NaiveDate) -> NaiveDate {
    d.with_day(1).expect("day 1 exists")
}

fn next_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).expect("day 1 exists")
}

fn by_month(rows: &[Row<'_>], lang: Lang) -> Vec<Group> {
    let spans: Vec<Vec<Interval>> = rows.iter().map(Row::spans).collect();
    let first = spans.iter().flatten().map(|s| s.start).min();
    let last = spans.iter().flatten().map(|s| s.end).max();
    let mut groups = Vec::new();
    if let (Some(first), Some(last)) = (first, last) {
        let mut month = month_start(first);
        while month <= last {
            let end = next_month(month).pred_opt().expect("a day before");
            let mut members: Vec<(NaiveDate, usize, Option<String>)> = Vec::new();
            for (i, row_spans) in spans.iter().enumerate() {
                let inside: Vec<Interval> = row_spans
                    .iter()
                    .filter(|s| s.start <= end && s.end >= month)
                    .map(|s| Interval::new(s.start.max(month), s.end.min(end)))
                    .collect();
                let Some(first_day) = inside.first().map(|s| s.start) else {
                    continue;
                };
                let whole =
                    row_spans.len() == 1 && row_spans[0].start <= month && row_spans[0].end >= end;
                let when = if whole {
                    match lang {
                        Lang::Ru => "весь месяц".to_string(),
                        Lang::En => "all month".to_string(),
                    }
                } else {
                    inside
                        .iter()
                        .map(|s| text::range_short(s.start, s.end, lang))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                members.push((first_day, i, Some(when)));
            }
            members.sort_by_key(|(d, i, _)| (*d, *i));
            if !members.is_empty() {
                groups.push(Group {
                    key: month.format("%Y-%m").to_string(),
                    title: text::capitalize(&text::month_year(month, lang)),
                    subtitle: None,
                    members: members
                        .into_iter()
                        .map(|(_, i, when)| member(rows, i, when))
                        .collect(),
                });
            }
            month = next_month(month);
        }
    }
    let mut undated = undated_group(lang);
    undated.members = (0..rows.len())
        .filter(|&i| spans[i].is_empty())
        .map(|i| member(rows, i, None))
        .collect();
    if !undated.members.is_empty() {
        groups.push(undated);
    }
    groups
}

fn by_party(roadmap: &Roadmap, rows: &[Row<'_>], lang: Lang) -> Vec<Group> {
    let mut groups = Vec::new();
    for party in &roadmap.parties {
        let id = party.id.text.as_str();
        let members: Vec<Member> = (0..rows.len())
            .filter(|&i| responsible_ids(rows[i].activity).contains(&id))
            .map(|i| member(rows, i, None))
            .collect();
        if members.is_empty() {
            continue;
        }
        let mut contact: Vec<String> = party.email.iter().cloned().collect();
        contact.extend(party.contacts.iter().cloned());
        groups.push(Group {
            key: id.to_string(),
            title: party.name.clone(),
            subtitle: (!contact.is_empty()).then(|| contact.join(", ")),
            members,
        });
    }
    let known = |id: &str| roadmap.parties.iter().any(|p| p.id.text == id);
    let nobody: Vec<Member> = (0..rows.len())
        .filter(|&i| !responsible_ids(rows[i].activity).into_iter().any(known))
        .map(|i| member(rows, i, None))
        .collect();
    if !nobody.is_empty() {
        groups.push(Group {
            key: String::new(),
            title: match lang {
                Lang::Ru => "Ответственный не указан".into(),
                Lang::En => "No responsible party".into(),
            },
            subtitle: None,
            members: nobody,
        });
    }
    groups
}

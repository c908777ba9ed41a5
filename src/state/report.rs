//! The monitoring report («мониторинг реализации дорожной карты»): shares
//! done on time by section and by party, what is overdue and by how many
//! days, what is due soon, indicators not met. `roadmap status` prints it as
//! JSON (documented in docs/state.md) or through the `status.*.hbs`
//! templates; `roadmap next` lists what can be acted on now.

use super::{ActivityState, Assessment, Attainment, IndicatorState, State};
use crate::lang::Lang;
use crate::model::{Interval, Roadmap};
use crate::render::templates::{self, Escape};
use crate::render::Error;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// Output formats of `roadmap status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Plain text for a terminal or a letter.
    Text,
    /// Markdown tables.
    Md,
    /// One printable HTML page.
    Html,
    /// The whole report as JSON (docs/state.md).
    Json,
    /// A Word document to sign and send up: one roadmap's report, or the roll-up of a folder.
    Docx,
    /// The roll-up of a folder as an Excel workbook.
    Xlsx,
}

/// How many activities are in each state, and the shares that follow.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    pub activities: usize,
    pub planned: usize,
    pub ready: usize,
    pub in_progress: usize,
    pub due_soon: usize,
    pub overdue: usize,
    pub done_on_time: usize,
    pub done_late: usize,
    pub cancelled: usize,
    pub undated: usize,
    /// Activities with a verdict: done on time, done late or overdue.
    pub due: usize,
    /// `done_on_time / due`; `null` when nothing is due yet.
    pub share_on_time: Option<f64>,
    /// `(done_on_time + done_late) / due`.
    pub share_done: Option<f64>,
}

impl Counts {
    pub fn add(&mut self, state: State) {
        self.activities += 1;
        *match state {
            State::Planned => &mut self.planned,
            State::Ready => &mut self.ready,
            State::InProgress => &mut self.in_progress,
            State::DueSoon => &mut self.due_soon,
            State::Overdue => &mut self.overdue,
            State::DoneOnTime => &mut self.done_on_time,
            State::DoneLate => &mut self.done_late,
            State::Cancelled => &mut self.cancelled,
            State::Undated => &mut self.undated,
        } += 1;
        self.due = self.done_on_time + self.done_late + self.overdue;
        let share = |n: usize| (self.due > 0).then(|| n as f64 / self.due as f64);
        self.share_on_time = share(self.done_on_time);
        self.share_done = share(self.done_on_time + self.done_late);
    }

    pub fn of<'a>(states: impl IntoIterator<Item = &'a ActivityState>) -> Counts {
        let mut counts = Counts::default();
        for s in states {
            counts.add(s.state);
        }
        counts
    }
}

/// A section's or a party's counts.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// The section's number (empty for activities outside sections) or the party's id.
    pub key: String,
    /// The section's title or the party's full name.
    pub title: String,
    #[serde(flatten)]
    pub counts: Counts,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartyView {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Header {
    pub title: Option<String>,
    /// The roadmap file as named on the command line.
    pub file: String,
    pub period: Option<Interval>,
    pub approval: Option<String>,
    pub owner: Option<String>,
}

/// The monitoring report: what `--format json` prints.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub format: &'static str,
    pub version: u32,
    pub generator: String,
    pub lang: &'static str,
    pub as_of: NaiveDate,
    pub within_days: i64,
    /// When no date was asked for and the period ended before today: its
    /// last day, which `as_of` is.
    pub period_ended: Option<NaiveDate>,
    /// The `--party` filter, when given.
    pub party: Option<PartyView>,
    pub roadmap: Header,
    pub totals: Counts,
    pub by_section: Vec<Group>,
    pub by_party: Vec<Group>,
    /// Overdue activities, longest overdue first.
    pub overdue: Vec<ActivityState>,
    /// Due within `within_days`, soonest first.
    pub due_soon: Vec<ActivityState>,
    /// Done after the due date.
    pub done_late: Vec<ActivityState>,
    /// Moved by `перенесено:`, with their baseline.
    pub rescheduled: Vec<ActivityState>,
    pub cancelled: Vec<ActivityState>,
    /// No fixed date: reported apart, not in the shares.
    pub undated: Vec<ActivityState>,
    /// Targets whose actual value misses them.
    pub indicators_not_met: Vec<IndicatorState>,
    /// Targets of activities done or overdue that have no actual value yet.
    pub indicators_no_actual: Vec<IndicatorState>,
    /// Every target.
    pub indicators: Vec<IndicatorState>,
    /// Every activity (only the party's with `--party`), in the roadmap's order.
    pub activities: Vec<ActivityState>,
    /// Every party's name by its id, for pages that name the responsible.
    #[serde(skip)]
    pub names: BTreeMap<String, String>,
}

/// The party ids of a roadmap, for an unknown `--party`.
pub fn check_party(roadmap: &Roadmap, party: Option<&str>) -> Result<(), Error> {
    match party {
        Some(id) if !roadmap.parties.iter().any(|p| p.id.text == id) => Err(Error::UnknownParty {
            id: id.to_string(),
            known: roadmap.parties.iter().map(|p| p.id.text.clone()).collect(),
        }),
        _ => Ok(()),
    }
}

/// Builds the report; `party` must be a party of the roadmap.
pub fn build(
    roadmap: &Roadmap,
    assessment: &Assessment,
    party: Option<&str>,
    file: &str,
    lang: Lang,
) -> Report {
    let activities: Vec<ActivityState> = assessment
        .activities
        .iter()
        .filter(|s| s.is_for(party))
        .cloned()
        .collect();
    let totals = Counts::of(&activities);
    let mut by_section: Vec<Group> = Vec::new();
    for a in &activities {
        let key = a.section.clone().unwrap_or_default();
        if !by_section.iter().any(|g| g.key == key) {
            let title = roadmap
                .sections
                .iter()
                .find(|s| s.number.text == key)
                .map(|s| s.title.clone())
                .unwrap_or_else(|| match lang {
                    Lang::Ru => "Вне разделов".into(),
                    Lang::En => "Outside sections".into(),
                });
            let counts = Counts::of(
                activities
                    .iter()
                    .filter(|b| b.section.clone().unwrap_or_default() == key),
            );
            by_section.push(Group { key, title, counts });
        }
    }
    let by_party = roadmap
        .parties
        .iter()
        .filter(|p| party.is_none_or(|id| p.id.text == id))
        .filter_map(|p| {
            let theirs: Vec<&ActivityState> = activities
                .iter()
                .filter(|a| a.responsible.contains(&p.id.text))
                .collect();
            (!theirs.is_empty()).then(|| Group {
                key: p.id.text.clone(),
                title: p.name.clone(),
                counts: Counts::of(theirs),
            })
        })
        .collect();
    let pick = |state: State| -> Vec<ActivityState> {
        activities
            .iter()
            .filter(|a| a.state == state)
            .cloned()
            .collect()
    };
    let mut overdue = pick(State::Overdue);
    overdue.sort_by_key(|a| (a.due, a.index));
    let mut due_soon = pick(State::DueSoon);
    due_soon.sort_by_key(|a| (a.due, a.index));
    let position: std::collections::HashMap<usize, usize> = activities
        .iter()
        .enumerate()
        .map(|(k, a)| (a.index, k))
        .collect();
    let indicators: Vec<IndicatorState> = assessment
        .indicators
        .iter()
        .filter(|i| position.contains_key(&i.index))
        .cloned()
        .collect();
    let closed_or_overdue = |i: &IndicatorState| {
        position
            .get(&i.index)
            .map(|&k| activities[k].state)
            .is_some_and(|s| s.is_done() || s == State::Overdue)
    };
    let party = party.and_then(|id| roadmap.parties.iter().find(|p| p.id.text == id));
    Report {
        format: "roadmap-status",
        version: 1,
        generator: format!("roadmap {}", env!("CARGO_PKG_VERSION")),
        lang: match lang {
            Lang::Ru => "ru",
            Lang::En => "en",
        },
        as_of: assessment.as_of,
        period_ended: None,
        within_days: assessment.within_days,
        party: party.map(|p| PartyView {
            id: p.id.text.clone(),
            name: p.name.clone(),
            email: p.email.clone(),
        }),
        roadmap: header(roadmap, file),
        totals,
        by_section,
        by_party,
        overdue,
        due_soon,
        done_late: pick(State::DoneLate),
        rescheduled: activities
            .iter()
            .filter(|a| a.baseline.is_some())
            .cloned()
            .collect(),
        cancelled: pick(State::Cancelled),
        undated: pick(State::Undated),
        indicators_not_met: indicators
            .iter()
            .filter(|i| i.attainment == Attainment::NotMet)
            .cloned()
            .collect(),
        indicators_no_actual: indicators
            .iter()
            .filter(|i| i.attainment == Attainment::NoActual && closed_or_overdue(i))
            .cloned()
            .collect(),
        indicators,
        activities,
        names: roadmap
            .parties
            .iter()
            .map(|p| (p.id.text.clone(), p.name.clone()))
            .collect(),
    }
}

pub fn header(roadmap: &Roadmap, file: &str) -> Header {
    Header {
        title: roadmap.title.as_ref().map(|t| t.text.clone()),
        file: file.to_string(),
        period: roadmap.period.map(|(p, _)| p),
        approval: roadmap.approval.as_ref().map(|a| a.text.clone()),
        owner: roadmap.owner.as_ref().map(|o| o.text.clone()),
    }
}

/// What `roadmap next` lists: actionable activities, overdue first, then by
/// due date (those with none last), then in the roadmap's order.
pub fn actionable(assessment: &Assessment, party: Option<&str>) -> Vec<ActivityState> {
    let mut items: Vec<ActivityState> = assessment
        .activities
        .iter()
        .filter(|a| a.state.is_actionable())
        .filter(|a| a.is_for(party))
        .cloned()
        .collect();
    items.sort_by_key(|a| (a.due.is_none(), a.due, a.index));
    items
}

/// What the `status.*` templates see: the report and, besides, the words of
/// the page in its language.
#[derive(Debug, Serialize)]
struct Page<'a> {
    #[serde(flatten)]
    report: &'a Report,
    /// The roadmap's title, or its file name.
    title: String,
    ru: bool,
    labels: BTreeMap<&'static str, &'static str>,
    /// Every party's name by its id.
    names: &'a BTreeMap<String, String>,
    /// What was done, on time or late, the latest first.
    done: Vec<&'a ActivityState>,
}

/// Renders the report in `format`.
pub fn render(report: &Report, format: Format, dir: Option<&Path>) -> Result<String, Error> {
    let lang = if report.lang == "ru" {
        Lang::Ru
    } else {
        Lang::En
    };
    render_as(format, "status", lang, dir, report, || Page {
        report,
        title: report
            .roadmap
            .title
            .clone()
            .unwrap_or_else(|| report.roadmap.file.clone()),
        ru: lang == Lang::Ru,
        labels: labels(lang),
        names: &report.names,
        done: {
            let mut done: Vec<&ActivityState> = report
                .activities
                .iter()
                .filter(|a| a.state.is_done())
                .collect();
            done.sort_by_key(|a| (std::cmp::Reverse(a.done), a.index));
            done
        },
    })
}

/// `value` as JSON, or the template `STEM.text.hbs` (nothing escaped),
/// `STEM.md.hbs` or `STEM.html.hbs` rendered with what `page` makes.
pub(super) fn render_as<T: Serialize, P: Serialize>(
    format: Format,
    stem: &str,
    lang: Lang,
    dir: Option<&Path>,
    value: &T,
    page: impl FnOnce() -> P,
) -> Result<String, Error> {
    let (extension, escape) = match format {
        Format::Json => {
            let mut json = serde_json::to_string_pretty(value).map_err(|e| Error::Output {
                what: "JSON",
                message: e.to_string(),
            })?;
            json.push('\n');
            return Ok(json);
        }
        Format::Docx => {
            return Err(Error::Output {
                what: "docx",
                message: format!("the {stem} has no Word form"),
            })
        }
        Format::Text => ("text", None),
        Format::Md => ("md", Some(Escape::Markdown)),
        Format::Html => ("html", Some(Escape::Html)),
        Format::Xlsx => {
            return Err(Error::Output {
                what: "xlsx",
                message: "only the roll-up of a folder is a workbook".into(),
            })
        }
    };
    let name = format!("{stem}.{extension}.hbs");
    render_template(lang, &name, escape, dir, &page())
}

/// Renders `name` (a built-in template, or the one in `dir`) with the
/// project's helpers and ours; `escape: None` leaves text as it is.
pub fn render_template<T: Serialize>(
    lang: Lang,
    name: &str,
    escape: Option<Escape>,
    dir: Option<&Path>,
    data: &T,
) -> Result<String, Error> {
    // An HTML page takes the schedule page's stylesheet, partial `css`.
    let partials: &[(&str, &str)] = if escape == Some(Escape::Html) {
        &[("css", "schedule.css.hbs")]
    } else {
        &[]
    };
    let mut hb = templates::registry(lang, escape.unwrap_or(Escape::Html), dir, name, partials)?;
    if escape.is_none() {
        hb.register_escape_fn(handlebars::no_escape);
    }
    super::helpers::register(&mut hb, lang);
    hb.render(name, data).map_err(|e| Error::Template {
        name: name.to_string(),
        message: e.to_string(),
    })
}

/// What `roadmap next` prints as text.
#[derive(Debug, Serialize)]
struct NextPage<'a> {
    title: String,
    file: &'a str,
    as_of: NaiveDate,
    within_days: i64,
    party: Option<&'a str>,
    ru: bool,
    items: &'a [ActivityState],
    labels: BTreeMap<&'static str, &'static str>,
}

/// `roadmap next` as text, through `status.next.hbs`.
#[allow(clippy::too_many_arguments)]
pub fn render_next(
    roadmap: &Roadmap,
    items: &[ActivityState],
    as_of: NaiveDate,
    within: i64,
    party: Option<&str>,
    file: &str,
    lang: Lang,
    dir: Option<&Path>,
) -> Result<String, Error> {
    let page = NextPage {
        title: roadmap
            .title
            .as_ref()
            .map(|t| t.text.clone())
            .unwrap_or_else(|| file.to_string()),
        file,
        as_of,
        within_days: within,
        party,
        ru: lang == Lang::Ru,
        items,
        labels: labels(lang),
    };
    render_template(lang, "status.next.hbs", None, dir, &page)
}

/// The words of the report templates, in `lang`.
pub fn labels(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    let pairs = &[
        (
            "heading",
            "Мониторинг реализации дорожной карты",
            "Roadmap implementation monitoring",
        ),
        ("as_of", "по состоянию на", "as of"),
        ("party", "Участник", "Party"),
        ("totals", "Итоги", "Summary"),
        ("activities", "Мероприятий", "Activities"),
        ("planned", "Запланировано", "Planned"),
        ("ready", "Можно начинать", "Ready"),
        ("in_progress", "В работе", "In progress"),
        ("due_soon", "Скоро срок", "Due soon"),
        ("overdue", "Просрочено", "Overdue"),
        ("done_on_time", "Выполнено в срок", "Done on time"),
        ("done_late", "Выполнено с опозданием", "Done late"),
        ("cancelled", "Отменено", "Cancelled"),
        ("undated", "Без фиксированного срока", "No fixed date"),
        ("due", "Срок наступил", "Due"),
        (
            "share_on_time",
            "Доля выполненных в срок",
            "Share done on time",
        ),
        ("share_done", "Доля выполненных", "Share done"),
        ("by_section", "По разделам", "By section"),
        ("by_party", "По ответственным", "By party"),
        ("section", "Раздел", "Section"),
        ("number", "№", "No."),
        ("activity", "Мероприятие", "Activity"),
        ("responsible", "Ответственные", "Responsible"),
        ("deadline", "Срок", "Due"),
        ("late_by", "Просрочено на", "Overdue by"),
        ("lateness", "Опоздание", "Late by"),
        ("left", "Осталось", "Left"),
        ("baseline", "Первоначальный срок", "Baseline"),
        ("rescheduled", "Перенесено", "Rescheduled"),
        ("reason", "Причина", "Reason"),
        ("done", "Выполнено", "Done"),
        ("evidence", "Подтверждение", "Evidence"),
        ("done_list", "Что выполнено", "What was done"),
        ("done_on", "Дата выполнения", "Done on"),
        (
            "indicators_not_met",
            "Показатели не достигнуты",
            "Indicators not met",
        ),
        (
            "indicators_no_actual",
            "Нет фактического значения",
            "No actual value",
        ),
        ("indicator", "Показатель", "Indicator"),
        ("target", "План", "Target"),
        ("actual", "Факт", "Actual"),
        ("occurrences", "Повторения", "Occurrences"),
        ("missed", "пропущено", "missed"),
        ("nothing", "нет", "none"),
        ("today", "сегодня", "today"),
        ("next_heading", "Что делать сейчас", "What to do now"),
        ("generated", "Сформировано программой", "Generated by"),
        ("none", "—", "—"),
    ];
    crate::lang::labels(lang, pairs)
}

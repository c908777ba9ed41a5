//! The regional roll-up («сводный мониторинг»): `roadmap status DIR` judges
//! every plan in a folder on one date and gathers, per template, which
//! schools are behind on which mandatory activities and what share of the
//! schools has done each one — the view of the coordinator who approved the
//! template. Roadmaps that extend nothing are listed with their own totals.

use super::report::{labels, render_as, Counts, Format};
use super::{ActivityState, State};
use crate::graph::Graph;
use crate::lang::Lang;
use crate::model::{Origin, Roadmap};
use crate::render::Error;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// The template a plan's chain ends in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateInfo {
    pub file: String,
    /// The template's title as written, `{школа}` and all.
    pub title: Option<String>,
}

/// A file of the folder that was not judged: it (or its template) has errors.
#[derive(Debug, Clone, Serialize)]
pub struct NotJudged {
    pub file: String,
    pub errors: usize,
}

/// What `roadmap status DIR --format json` prints (docs/state.md).
#[derive(Debug, Clone, Serialize)]
pub struct Rollup {
    pub format: &'static str,
    pub version: u32,
    pub generator: String,
    pub lang: &'static str,
    pub as_of: NaiveDate,
    pub within_days: i64,
    /// When no date was asked for and every roadmap's period ended before
    /// today: the last day of the latest period, which `as_of` is.
    pub period_ended: Option<NaiveDate>,
    /// Whether pages show each plan's file (`--files`).
    pub files: bool,
    /// The page's heading when the folder holds the plans of one template and
    /// nothing else: its title in words, «по всем школам».
    pub heading: Option<String>,
    /// The folder as named on the command line.
    pub folder: String,
    /// The `--party` filter, when given.
    pub party: Option<String>,
    /// One per template that plans in the folder extend.
    pub templates: Vec<TemplateRollup>,
    /// Roadmaps that extend no template and that no plan extends.
    pub roadmaps: Vec<RoadmapLine>,
    /// Files with errors, left out of the figures.
    pub not_judged: Vec<NotJudged>,
}

/// The plans of one template.
#[derive(Debug, Clone, Serialize)]
pub struct TemplateRollup {
    pub file: String,
    pub title: Option<String>,
    /// The title with each `{parameter}` named in words: what the page is headed with.
    pub heading: Option<String>,
    /// The data table of the region's schools, when one was given or found
    /// beside the template.
    pub data: Option<String>,
    /// Its rows: the schools the region listed.
    pub listed: Option<usize>,
    /// The schools of the data table that have no plan in the folder.
    pub no_plan: Vec<String>,
    pub plans: usize,
    /// Plans with at least one mandatory activity overdue.
    pub plans_behind: usize,
    /// Every plan's mandatory activities taken together.
    pub totals: Counts,
    /// The mandatory activities, in the template's order.
    pub activities: Vec<ActivityRollup>,
    /// Every plan, the most overdue first.
    pub schools: Vec<SchoolLine>,
}

/// One mandatory activity across the plans.
#[derive(Debug, Clone, Serialize)]
pub struct ActivityRollup {
    pub number: String,
    pub title: String,
    pub section: Option<String>,
    /// The earliest and the latest due date over the plans: they differ
    /// where a plan set an earlier deadline.
    pub due_first: Option<NaiveDate>,
    pub due_last: Option<NaiveDate>,
    /// The plans' states, counted: `activities` here is the number of plans
    /// that hold the activity.
    pub states: Counts,
    /// Plans that did it, on time or late.
    pub completed: usize,
    /// Plans that hold it and did not cancel it.
    pub expected: usize,
    /// `completed / expected`.
    pub share_completed: Option<f64>,
    /// The same in whole per cent, for a bar's width.
    pub completed_percent: Option<u32>,
    /// No plan has reached its deadline yet, and none did it early.
    pub not_yet_due: bool,
    /// The plans overdue on it, the longest overdue first.
    pub behind: Vec<Behind>,
    /// How many more the page leaves out of `behind` (0 in JSON).
    pub behind_more: usize,
}

/// A plan overdue on an activity.
#[derive(Debug, Clone, Serialize)]
pub struct Behind {
    pub file: String,
    pub school: String,
    pub due: Option<NaiveDate>,
    pub days_late: Option<i64>,
}

/// One plan: its mandatory activities counted, and what of them is overdue.
#[derive(Debug, Clone, Serialize)]
pub struct SchoolLine {
    pub file: String,
    /// What the plan is for (the parameter the template's title names), or
    /// its title, or its file.
    pub school: String,
    pub title: Option<String>,
    pub counts: Counts,
    /// Activities the plan adds of its own (not in the figures).
    pub own: usize,
    /// Its overdue mandatory activities, the longest overdue first.
    pub overdue: Vec<Overdue>,
    /// How many more the page leaves out of `overdue` (0 in JSON).
    pub overdue_more: usize,
    /// The longest delay among them, in days.
    pub most_days_late: Option<i64>,
}

/// A roadmap that extends nothing, with its totals.
#[derive(Debug, Clone, Serialize)]
pub struct RoadmapLine {
    pub file: String,
    pub title: Option<String>,
    pub counts: Counts,
    pub overdue: Vec<Overdue>,
}

/// An overdue activity of one roadmap.
#[derive(Debug, Clone, Serialize)]
pub struct Overdue {
    pub number: String,
    pub title: String,
    pub due: Option<NaiveDate>,
    pub days_late: Option<i64>,
}

/// A roadmap of the folder, before it is judged.
pub struct Candidate<'a> {
    /// Its name under the folder.
    pub file: String,
    pub roadmap: &'a Roadmap,
    pub graph: &'a Graph,
    /// The names of the templates it extends, from the one it names to the root.
    pub templates: Vec<String>,
}

/// What one roadmap of the folder brings to the roll-up: all the roll-up
/// keeps of it once it is judged, so that its model can be dropped at once
/// (and `serve` can judge again only the plan that changed).
#[derive(Debug, Clone)]
pub struct Contribution {
    /// Its name under the folder.
    pub file: String,
    /// The names of the templates it extends, from the one it names to the root.
    pub templates: Vec<String>,
    errors: usize,
    period_end: Option<NaiveDate>,
    /// Whether it has the party asked for (or none was asked for).
    pub has_party: bool,
    /// The date it was judged on.
    pub as_of: NaiveDate,
    /// Its figures, when it is judged (no error, not a template).
    judged: Option<Plan>,
}

/// A judged roadmap, as the roll-up shows it.
#[derive(Debug, Clone)]
struct Plan {
    /// The root of its chain of templates (shown as `file`), when it extends one.
    template: Option<TemplateInfo>,
    school: String,
    title: Option<String>,
    /// The school its template's parameter names.
    subject: Option<String>,
    /// Activities it adds of its own.
    own: usize,
    /// The activities counted: a plan's mandatory ones from the template, a
    /// roadmap of its own's all; the party's only when one is asked for.
    states: Vec<Counted>,
}

/// An activity of a judged roadmap, as far as the roll-up shows it.
#[derive(Debug, Clone)]
struct Counted {
    index: usize,
    number: String,
    title: String,
    /// Its title as the template words it, when it differs.
    template_title: Option<String>,
    section: Option<String>,
    state: State,
    due: Option<NaiveDate>,
    days_late: Option<i64>,
}

/// Judges one roadmap of a folder on the date: a plan or a roadmap of its
/// own with no error is judged; one with errors (in itself, in its template
/// as it fills it in, in its status file) is listed apart; a template (a
/// file some plan extends, or one that leaves a parameter without a value)
/// is neither.
pub fn contribute(c: Candidate<'_>, options: &super::Options, party: Option<&str>) -> Contribution {
    let roadmap = c.roadmap;
    let judged = (roadmap.errors == 0 && !roadmap.is_template).then(|| {
        let schedule = crate::schedule::compute(roadmap, c.graph, &crate::check::calendar(roadmap));
        let assessment = super::assess(roadmap, &schedule, options);
        let template = c.templates.last().map(|root| TemplateInfo {
            file: root.clone(),
            title: roadmap
                .extension
                .as_ref()
                .and_then(|e| e.template_title.clone()),
        });
        let states = assessment
            .activities
            .into_iter()
            .filter(|s| match template {
                Some(_) => counted(roadmap, s, party),
                None => s.is_for(party),
            })
            .map(|s| Counted {
                template_title: roadmap.activities[s.index].template_title.clone(),
                index: s.index,
                number: s.number,
                title: s.title,
                section: s.section,
                state: s.state,
                due: s.due,
                days_late: s.days_late,
            })
            .collect();
        let subject = roadmap.extension.as_ref().and_then(|e| e.subject.clone());
        let title = roadmap.title.as_ref().map(|t| t.text.clone());
        Plan {
            school: subject
                .clone()
                .or_else(|| title.clone())
                .unwrap_or_else(|| c.file.clone()),
            template,
            title,
            subject,
            own: roadmap
                .activities
                .iter()
                .filter(|a| a.origin == Origin::Own)
                .count(),
            states,
        }
    });
    Contribution {
        has_party: party.is_none_or(|p| roadmap.parties.iter().any(|r| r.id.text == p)),
        errors: roadmap.errors,
        period_end: period_end(roadmap),
        as_of: options.as_of,
        judged,
        templates: c.templates,
        file: c.file,
    }
}

/// Whether an activity of a plan counts in the roll-up: taken from the
/// template, mandatory there, and the party's when one is asked for.
fn counted(roadmap: &Roadmap, state: &ActivityState, party: Option<&str>) -> bool {
    let activity = &roadmap.activities[state.index];
    activity.origin != Origin::Own && activity.mandatory && state.is_for(party)
}

/// Overdue first, the longest overdue first.
fn overdue(states: &[Counted]) -> Vec<Overdue> {
    let mut overdue: Vec<&Counted> = states
        .iter()
        .filter(|s| s.state == State::Overdue)
        .collect();
    overdue.sort_by_key(|s| (std::cmp::Reverse(s.days_late), s.index));
    overdue
        .into_iter()
        .map(|s| Overdue {
            number: s.number.clone(),
            title: s.title.clone(),
            due: s.due,
            days_late: s.days_late,
        })
        .collect()
}

fn counts(states: &[Counted]) -> Counts {
    let mut counts = Counts::default();
    for s in states {
        counts.add(s.state);
    }
    counts
}

/// What the roll-up is asked for, on the command line or by `serve`.
pub struct Ask<'a> {
    /// The folder as it is shown.
    pub folder: &'a str,
    pub party: Option<&'a str>,
    /// `--as-of`, when given.
    pub as_of: Option<NaiveDate>,
    pub today: NaiveDate,
    pub within: i64,
    pub files: bool,
    pub lang: Lang,
}

/// The date a roadmap is judged on: the one asked for; else today, or the
/// last day of the period when the period ended before today (a finished
/// roadmap is shown as it ended, not as overdue ever since). The second
/// value is that last day when it was taken.
pub fn judged_on(
    asked: Option<NaiveDate>,
    today: NaiveDate,
    ends: impl IntoIterator<Item = NaiveDate>,
) -> (NaiveDate, Option<NaiveDate>) {
    if let Some(date) = asked {
        return (date, None);
    }
    match ends.into_iter().max() {
        Some(end) if end < today => (end, Some(end)),
        _ => (today, None),
    }
}

/// The last day of a roadmap's period, when it has one.
pub fn period_end(roadmap: &Roadmap) -> Option<NaiveDate> {
    roadmap.period.as_ref().map(|(interval, _)| interval.end)
}

/// The roll-up of a folder's roadmaps: judged on the date [`judged_on`]
/// gives, gathered per template, each template's schools checked against its
/// data table (`data` finds it by the template's file).
pub fn rollup(
    candidates: Vec<Candidate<'_>>,
    ask: &Ask<'_>,
    data: impl Fn(&str) -> Option<crate::data::Table>,
) -> Rollup {
    let (as_of, _) = judged_on(
        ask.as_of,
        ask.today,
        candidates.iter().filter_map(|c| period_end(c.roadmap)),
    );
    let options = super::Options {
        as_of,
        within: ask.within,
    };
    let contributions: Vec<Contribution> = candidates
        .into_iter()
        .map(|c| contribute(c, &options, ask.party))
        .collect();
    gather(&contributions, ask, data)
}

/// The date the roll-up of these roadmaps is judged on ([`judged_on`]), and
/// the last day of their period when that is it. Roadmaps judged on another
/// date (before every period was known) must be judged again on this one.
pub fn date_of(contributions: &[Contribution], ask: &Ask<'_>) -> (NaiveDate, Option<NaiveDate>) {
    judged_on(
        ask.as_of,
        ask.today,
        contributions.iter().filter_map(|c| c.period_end),
    )
}

/// The roll-up of the roadmaps of a folder, each judged on the date
/// [`date_of`] gives, in the order the folder lists them.
pub fn gather(
    contributions: &[Contribution],
    ask: &Ask<'_>,
    data: impl Fn(&str) -> Option<crate::data::Table>,
) -> Rollup {
    let (as_of, period_ended) = date_of(contributions, ask);
    let options = super::Options {
        as_of,
        within: ask.within,
    };
    let extended: HashSet<&str> = contributions
        .iter()
        .flat_map(|c| c.templates.iter().map(String::as_str))
        .collect();
    let mut judged = Vec::new();
    let mut not_judged = Vec::new();
    for c in contributions {
        if extended.contains(c.file.as_str()) {
            continue;
        }
        if c.errors > 0 {
            not_judged.push(NotJudged {
                file: c.file.clone(),
                errors: c.errors,
            });
            continue;
        }
        if let Some(plan) = &c.judged {
            judged.push(Judged {
                file: &c.file,
                plan,
            });
        }
    }
    let mut rollup = build(
        ask.folder, &judged, not_judged, ask.party, &options, ask.lang,
    );
    rollup.period_ended = period_ended;
    rollup.files = ask.files;
    if let ([t], []) = (&rollup.templates[..], &rollup.roadmaps[..]) {
        rollup.heading = t.heading.as_ref().map(|h| match ask.lang {
            Lang::Ru => format!("{h} — по всем школам"),
            Lang::En => format!("{h}: all schools"),
        });
    }
    for t in &mut rollup.templates {
        if let Some(table) = data(&t.file) {
            let plans: Vec<&Judged<'_>> = judged
                .iter()
                .filter(|j| j.plan.template.as_ref().is_some_and(|i| i.file == t.file))
                .collect();
            t.no_plan = without_plan(&table, t.title.as_deref(), &plans, &rollup.not_judged);
            t.listed = Some(table.rows.len());
            t.data = Some(table.file);
        }
    }
    rollup
}

/// A judged roadmap of the folder.
struct Judged<'a> {
    file: &'a str,
    plan: &'a Plan,
}

/// The schools of the data table that no plan stands for: a plan stands for
/// a row when it names the same school (the parameter the template's title
/// names) or its file is the row's file name.
fn without_plan(
    table: &crate::data::Table,
    title: Option<&str>,
    plans: &[&Judged<'_>],
    not_judged: &[NotJudged],
) -> Vec<String> {
    let subject = title.and_then(|t| {
        t.split('{')
            .skip(1)
            .find_map(|rest| Some(rest[..rest.find('}')?].to_string()))
            .filter(|name| table.header.contains(name))
    });
    let name_column = crate::data::name_column(&table.header);
    let stem = |file: &str| {
        Path::new(file)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let stems: HashSet<String> = plans
        .iter()
        .map(|j| stem(j.file))
        .chain(not_judged.iter().map(|n| stem(&n.file)))
        .collect();
    let subjects: HashSet<String> = plans
        .iter()
        .filter_map(|j| j.plan.subject.clone())
        .map(|s| s.trim().to_string())
        .collect();
    let cell = |row: &std::collections::HashMap<String, String>, column: &Option<String>| {
        column
            .as_ref()
            .and_then(|c| row.get(c))
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    table
        .rows
        .iter()
        .filter_map(|(_, row)| {
            let school = cell(row, &subject);
            let file = cell(row, &name_column);
            let planned = school.as_ref().is_some_and(|s| subjects.contains(s))
                || file.as_ref().is_some_and(|f| stems.contains(f));
            (!planned).then(|| school.or(file)).flatten()
        })
        .collect()
}

/// A template's title with each `{parameter}` named in words: `{почта_школы}`
/// becomes «почта школы».
pub fn in_words(title: &str) -> String {
    let mut out = String::new();
    let mut rest = title;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..open + close].replace('_', " "));
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// Gathers the judged roadmaps of `folder`.
fn build(
    folder: &str,
    judged: &[Judged<'_>],
    not_judged: Vec<NotJudged>,
    party: Option<&str>,
    options: &super::Options,
    lang: Lang,
) -> Rollup {
    let mut templates: Vec<(TemplateInfo, Vec<&Judged<'_>>)> = Vec::new();
    let mut roadmaps = Vec::new();
    for j in judged {
        match &j.plan.template {
            Some(t) => match templates.iter_mut().find(|(known, _)| known.file == t.file) {
                Some((_, plans)) => plans.push(j),
                None => templates.push((t.clone(), vec![j])),
            },
            None => {
                let states = &j.plan.states;
                if party.is_some() && states.is_empty() {
                    continue;
                }
                roadmaps.push(RoadmapLine {
                    file: j.file.to_string(),
                    title: j.plan.title.clone(),
                    counts: counts(states),
                    overdue: overdue(states),
                });
            }
        }
    }
    Rollup {
        format: "roadmap-rollup",
        version: 1,
        generator: format!("roadmap {}", env!("CARGO_PKG_VERSION")),
        lang: match lang {
            Lang::Ru => "ru",
            Lang::En => "en",
        },
        as_of: options.as_of,
        within_days: options.within,
        period_ended: None,
        files: false,
        heading: None,
        folder: folder.to_string(),
        party: party.map(str::to_string),
        templates: templates
            .into_iter()
            .map(|(info, plans)| template_rollup(info, &plans))
            .collect(),
        roadmaps,
        not_judged,
    }
}

fn template_rollup(info: TemplateInfo, plans: &[&Judged<'_>]) -> TemplateRollup {
    let mut activities: Vec<ActivityRollup> = Vec::new();
    let mut at_number: HashMap<&str, usize> = HashMap::new();
    let mut schools = Vec::new();
    let mut totals = Counts::default();
    for j in plans {
        let plan = j.plan;
        for s in &plan.states {
            totals.add(s.state);
            let at = *at_number.entry(&s.number).or_insert_with(|| {
                activities.push(ActivityRollup {
                    number: s.number.clone(),
                    title: s.template_title.clone().unwrap_or_else(|| s.title.clone()),
                    section: s.section.clone(),
                    due_first: None,
                    due_last: None,
                    states: Counts::default(),
                    completed: 0,
                    expected: 0,
                    share_completed: None,
                    completed_percent: None,
                    not_yet_due: false,
                    behind: Vec::new(),
                    behind_more: 0,
                });
                activities.len() - 1
            });
            let a = &mut activities[at];
            a.states.add(s.state);
            if let Some(due) = s.due {
                a.due_first = Some(a.due_first.map_or(due, |d| d.min(due)));
                a.due_last = Some(a.due_last.map_or(due, |d| d.max(due)));
            }
            if s.state == State::Overdue {
                a.behind.push(Behind {
                    file: j.file.to_string(),
                    school: plan.school.clone(),
                    due: s.due,
                    days_late: s.days_late,
                });
            }
        }
        let overdue = overdue(&plan.states);
        schools.push(SchoolLine {
            file: j.file.to_string(),
            school: plan.school.clone(),
            title: plan.title.clone(),
            counts: counts(&plan.states),
            own: plan.own,
            most_days_late: overdue.iter().filter_map(|s| s.days_late).max(),
            overdue,
            overdue_more: 0,
        });
    }
    for a in &mut activities {
        a.expected = a.states.activities - a.states.cancelled;
        a.completed = a.states.done_on_time + a.states.done_late;
        a.share_completed = (a.expected > 0).then(|| a.completed as f64 / a.expected as f64);
        a.completed_percent = a.share_completed.map(|x| (x * 100.0).round() as u32);
        a.not_yet_due = a.states.due == 0;
        a.behind
            .sort_by(|x, y| y.days_late.cmp(&x.days_late).then(x.file.cmp(&y.file)));
    }
    schools.sort_by(|x, y| {
        y.counts
            .overdue
            .cmp(&x.counts.overdue)
            .then(y.most_days_late.cmp(&x.most_days_late))
            .then(x.file.cmp(&y.file))
    });
    TemplateRollup {
        file: info.file,
        heading: info.title.as_deref().map(in_words),
        title: info.title,
        data: None,
        listed: None,
        no_plan: Vec::new(),
        plans: plans.len(),
        plans_behind: schools.iter().filter(|s| s.counts.overdue > 0).count(),
        totals,
        activities,
        schools,
    }
}

/// A page names this many schools behind on an activity, and this many
/// overdue activities of a school; JSON has them all.
pub const SHOWN: usize = 10;

/// The roll-up with its long lists cut to [`SHOWN`] for a page.
fn cut(rollup: &Rollup) -> Rollup {
    let mut page = rollup.clone();
    for t in &mut page.templates {
        for a in &mut t.activities {
            a.behind_more = a.behind.len().saturating_sub(SHOWN);
            a.behind.truncate(SHOWN);
        }
        for s in &mut t.schools {
            s.overdue_more = s.overdue.len().saturating_sub(SHOWN);
            s.overdue.truncate(SHOWN);
        }
    }
    page
}

/// What the `rollup.*` templates see: the roll-up and the page's words.
#[derive(Debug, Serialize)]
struct Page {
    #[serde(flatten)]
    rollup: Rollup,
    ru: bool,
    labels: BTreeMap<&'static str, &'static str>,
}

/// Renders the roll-up in `format`; a page's long lists are cut to [`SHOWN`].
pub fn render(rollup: &Rollup, format: Format, dir: Option<&Path>) -> Result<String, Error> {
    let lang = if rollup.lang == "ru" {
        Lang::Ru
    } else {
        Lang::En
    };
    render_as(format, "rollup", lang, dir, rollup, || {
        let mut labels = labels(lang);
        labels.extend(rollup_labels(lang));
        Page {
            rollup: cut(rollup),
            ru: lang == Lang::Ru,
            labels,
        }
    })
}

/// The roll-up's own words, besides the report's (pages and the Word document).
pub fn rollup_labels(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    let pairs = &[
        (
            "rollup_heading",
            "Сводный мониторинг реализации дорожных карт",
            "Roadmap implementation: regional roll-up",
        ),
        ("folder", "Папка", "Folder"),
        ("template", "Шаблон", "Template"),
        ("plans", "Планов", "Plans"),
        ("plans_behind", "Отстают от плана", "Behind schedule"),
        (
            "mandatory",
            "Обязательные мероприятия шаблона",
            "The template's mandatory activities",
        ),
        ("school", "Школа", "School"),
        ("schools", "Планы школ", "Schools' plans"),
        ("completed", "Выполнили", "Completed"),
        ("behind", "Просрочили", "Behind"),
        ("own", "Своих мероприятий", "Own activities"),
        ("other_roadmaps", "Другие дорожные карты", "Other roadmaps"),
        (
            "not_judged",
            "Не оценены: в файлах есть ошибки",
            "Not judged: the files have errors",
        ),
        (
            "no_plans",
            "Нечего сводить: в папке нет планов, расширяющих шаблон, и других дорожных карт.",
            "Nothing to roll up: the folder holds no plan extending a template and no other roadmap.",
        ),
        ("file", "Файл", "File"),
        ("not_yet_due", "срок не наступил", "not yet due"),
        ("no_plan", "Нет плана", "No plan"),
        ("of", "из", "of"),
        ("period_ended", "период закончился", "period ended"),
        ("listed_in", "по списку", "as listed in"),
    ];
    crate::lang::labels(lang, pairs)
}

//! Outputs people open: the schedule as a Markdown or HTML page (with a Gantt
//! chart), a spreadsheet, a calendar, a Mermaid chart or JSON; and the
//! dependency graph for Graphviz or Mermaid. Text outputs go through the
//! handlebars templates in `templates/` (see docs/schedule.md).

mod delimited;
pub mod docx;
mod fields;
pub mod findings;
mod gantt;
mod graph;
pub(crate) mod helpers;
pub mod ics;
pub mod progress;
pub mod templates;
pub mod text;
pub mod view;
pub(crate) mod xlsx;

use crate::graph::Graph;
use crate::lang::Lang;
use crate::model::Roadmap;
use crate::schedule::{Entry, Kind, Schedule};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;
use templates::Escape;
use view::{Document, Row};

/// The outputs of `roadmap schedule`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A Markdown table per group.
    Md,
    /// One printable page: the table and a Gantt chart.
    Html,
    /// `;`-separated, UTF-8 with a BOM, for Excel.
    Csv,
    /// An Excel workbook.
    Xlsx,
    /// The whole resolved schedule (docs/schedule.md).
    Json,
    /// An iCalendar file: one event per dated window, series, checkpoints.
    Ics,
    /// A Mermaid `gantt` chart for GitLab or GitHub Markdown.
    Mermaid,
    /// A Word document: the approved form, landscape A4.
    Docx,
}

impl Format {
    /// The format a file name asks for by its extension.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "md" | "markdown" => Format::Md,
            "html" | "htm" => Format::Html,
            "csv" => Format::Csv,
            "xlsx" => Format::Xlsx,
            "json" => Format::Json,
            "ics" => Format::Ics,
            "mmd" | "mermaid" => Format::Mermaid,
            "docx" => Format::Docx,
            _ => return None,
        })
    }

    /// Not text: never written to a terminal.
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Xlsx | Format::Docx)
    }
}

/// How the tables are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum By {
    /// By the roadmap's sections, in its order.
    Section,
    /// Month by month: each activity in every month it runs in.
    Month,
    /// Each responsible party's agenda.
    Party,
}

/// The outputs of `roadmap graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    /// Graphviz: `dot -Tsvg`.
    Dot,
    /// A Mermaid flowchart.
    Mermaid,
}

/// What every output needs besides the schedule.
#[derive(Debug, Clone)]
pub struct Options {
    pub lang: Lang,
    /// The "today" of the chart and of past/current/future.
    pub as_of: NaiveDate,
    /// When `as_of` was taken as the last day of a period that has ended
    /// (no date was asked for): that day, which the page says.
    pub period_ended: Option<NaiveDate>,
    pub by: By,
    /// Only this party's activities.
    pub party: Option<String>,
    /// Templates here win over the built-in ones.
    pub templates: Option<PathBuf>,
    /// The roadmap file, as the user named it.
    pub file: String,
    /// What checking the roadmap found, listed in the output.
    pub findings: Vec<findings::Finding>,
    /// Show where every activity stands on `as_of` (when the roadmap has
    /// marks); `false` gives the plan as approved.
    pub progress: bool,
}

/// Why an output could not be made (exit 2: the roadmap itself is fine).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("there is no party `{id}` in the roadmap (known: {})", known.join(", "))]
    UnknownParty { id: String, known: Vec<String> },
    #[error("template {name}: {message}")]
    Template { name: String, message: String },
    #[error("cannot read template {path}: {source}")]
    ReadTemplate {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot make the {what}: {message}")]
    Output { what: &'static str, message: String },
    #[error("--templates {}: there is no such folder", path.display())]
    NoTemplates { path: PathBuf },
}

impl Error {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (_, Lang::En) => format!("error: {self}"),
            (Error::UnknownParty { id, known }, Lang::Ru) => format!(
                "ошибка: в карте нет участника «{id}» (есть: {})",
                known.join(", ")
            ),
            (Error::Template { name, message }, Lang::Ru) => {
                format!("ошибка в шаблоне {name}: {message}")
            }
            (Error::ReadTemplate { path, source }, Lang::Ru) => {
                format!(
                    "ошибка: не удалось прочитать шаблон {}: {source}",
                    path.display()
                )
            }
            (Error::Output { what, message }, Lang::Ru) => {
                format!("ошибка: не удалось построить {what}: {message}")
            }
            (Error::NoTemplates { path }, Lang::Ru) => {
                format!("ошибка: --templates {}: такой папки нет", path.display())
            }
        }
    }
}

/// The schedule's entries, only `party`'s when given.
fn entries<'a>(
    roadmap: &Roadmap,
    schedule: &'a Schedule,
    party: Option<&str>,
) -> Result<Vec<&'a Entry>, Error> {
    let Some(party) = party else {
        return Ok(schedule.entries.iter().collect());
    };
    if !roadmap.parties.iter().any(|p| p.id.text == party) {
        return Err(Error::UnknownParty {
            id: party.to_string(),
            known: roadmap.parties.iter().map(|p| p.id.text.clone()).collect(),
        });
    }
    Ok(schedule
        .entries
        .iter()
        .filter(|e| view::responsible_ids(&roadmap.activities[e.activity]).contains(&party))
        .collect())
}

/// Renders the schedule in `format`.
pub fn schedule(
    format: Format,
    roadmap: &Roadmap,
    schedule: &Schedule,
    options: &Options,
) -> Result<Vec<u8>, Error> {
    let entries = entries(roadmap, schedule, options.party.as_deref())?;
    let assessment = (options.progress && progress::has_marks(roadmap)).then(|| {
        crate::state::assess(
            roadmap,
            schedule,
            &crate::state::Options {
                as_of: options.as_of,
                within: crate::state::DUE_SOON_DAYS,
            },
        )
    });
    let doc = view::document(roadmap, schedule, &entries, assessment.as_ref(), options);
    let doc = match format {
        Format::Md | Format::Html | Format::Mermaid => doc.for_page(),
        _ => doc,
    };
    let dir = options.templates.as_deref();
    let lang = options.lang;
    let page = |gantt: bool| Page::new(roadmap, &doc, options, gantt);
    let out = match format {
        Format::Json => {
            let mut json = serde_json::to_string_pretty(&doc).map_err(|e| Error::Output {
                what: "JSON",
                message: e.to_string(),
            })?;
            json.push('\n');
            json
        }
        Format::Md => render(
            lang,
            Escape::Markdown,
            dir,
            "schedule.md.hbs",
            &[],
            &page(false),
        )?,
        Format::Html => render(
            lang,
            Escape::Html,
            dir,
            "schedule.html.hbs",
            &[("gantt", "gantt.svg.hbs"), ("css", "schedule.css.hbs")],
            &page(true),
        )?,
        Format::Mermaid => {
            render(
                lang,
                Escape::MermaidGantt,
                dir,
                "schedule.mermaid.hbs",
                &[],
                &page(false),
            )? + &findings::comments(&options.findings, "%% ", lang)
        }
        Format::Csv => return delimited::render(&doc, lang),
        Format::Xlsx => return xlsx::render(&doc, lang),
        Format::Docx => return docx::schedule::render(&doc, lang),
        Format::Ics => ics::render(&doc, lang, ics::Settings::default()),
    };
    Ok(out.into_bytes())
}

/// The schedule as a calendar (`--format ics`) with its reminders and windows as asked.
pub fn calendar(
    roadmap: &Roadmap,
    schedule: &Schedule,
    options: &Options,
    settings: ics::Settings,
) -> Result<Vec<u8>, Error> {
    let entries = entries(roadmap, schedule, options.party.as_deref())?;
    let doc = view::document(roadmap, schedule, &entries, None, options);
    Ok(ics::render(&doc, options.lang, settings).into_bytes())
}

/// Renders the dependency graph.
pub fn graph(
    format: GraphFormat,
    roadmap: &Roadmap,
    graph: &Graph,
    schedule: &Schedule,
    options: &Options,
) -> Result<String, Error> {
    let data = graph::data(roadmap, graph, schedule, options.lang);
    let dir = options.templates.as_deref();
    let (text, comment) = match format {
        GraphFormat::Dot => (
            render(options.lang, Escape::Dot, dir, "graph.dot.hbs", &[], &data)?,
            "// ",
        ),
        GraphFormat::Mermaid => (
            render(
                options.lang,
                Escape::MermaidFlow,
                dir,
                "graph.mermaid.hbs",
                &[],
                &data,
            )?,
            "%% ",
        ),
    };
    Ok(text + &findings::comments(&options.findings, comment, options.lang))
}

fn render<T: Serialize>(
    lang: Lang,
    escape: Escape,
    dir: Option<&std::path::Path>,
    main: &str,
    partials: &[(&str, &str)],
    data: &T,
) -> Result<String, Error> {
    let hb = templates::registry(lang, escape, dir, main, partials)?;
    hb.render(main, data).map_err(|e| Error::Template {
        name: main.to_string(),
        message: e.to_string(),
    })
}

/// What the page templates see: the JSON document and, besides, the groups
/// with their rows, the labels in the page's language and the charts.
#[derive(Debug, Serialize)]
struct Page<'a> {
    #[serde(flatten)]
    doc: &'a Document<'a>,
    /// The roadmap's title, or its file name when it has none.
    title: String,
    /// The same cut to 80 characters, for a chart's title line.
    short_title: String,
    labels: BTreeMap<&'static str, &'static str>,
    /// The groups of `doc.groups` with their rows.
    table: Vec<TableGroup<'a>>,
    /// Activities with no dates («по заявкам», «постоянно», «по графику…»).
    undated: Vec<&'a Row<'a>>,
    /// How many have dates.
    dated: usize,
    gantt: Option<gantt::Gantt>,
    /// Sections and tasks of the Mermaid chart.
    mermaid: Vec<MermaidSection>,
    /// «Замечания проверки: 1 ошибка, 0 предупреждений», when `findings`
    /// has any.
    findings_heading: Option<String>,
    /// Which columns of documents, funding and risks the table has.
    #[serde(flatten)]
    columns: fields::Columns,
}

#[derive(Debug, Serialize)]
struct TableGroup<'a> {
    key: &'a str,
    title: &'a str,
    subtitle: Option<&'a str>,
    rows: Vec<TableRow<'a>>,
}

#[derive(Debug, Serialize)]
struct TableRow<'a> {
    #[serde(flatten)]
    row: &'a Row<'a>,
    /// Its part in the group: the days of the month, with `--by month`.
    when: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct MermaidSection {
    title: String,
    tasks: Vec<MermaidTask>,
}

#[derive(Debug, Serialize)]
struct MermaidTask {
    name: String,
    /// `crit, ` and/or `milestone, `, ready to print before the id.
    tags: String,
    id: String,
    start: NaiveDate,
    /// Calendar days, `0` for a milestone.
    days: i64,
}

impl<'a> Page<'a> {
    fn new(roadmap: &Roadmap, doc: &'a Document<'a>, options: &Options, with_gantt: bool) -> Self {
        let rows = &doc.entries;
        let table = doc
            .groups
            .iter()
            .map(|g| TableGroup {
                key: &g.key,
                title: &g.title,
                subtitle: g.subtitle.as_deref(),
                rows: g
                    .members
                    .iter()
                    .map(|m| TableRow {
                        row: &rows[m.row],
                        when: m.when.as_deref(),
                    })
                    .collect(),
            })
            .collect();
        let title = doc
            .roadmap
            .title
            .clone()
            .unwrap_or_else(|| doc.roadmap.file.clone());
        Page {
            doc,
            short_title: gantt::truncate(&title, 80),
            title,
            labels: labels(options.lang),
            table,
            undated: rows.iter().filter(|r| !r.dated()).collect(),
            dated: rows.iter().filter(|r| r.dated()).count(),
            gantt: if with_gantt {
                gantt::build(
                    roadmap,
                    rows,
                    doc.roadmap.period,
                    options.as_of,
                    options.lang,
                )
            } else {
                None
            },
            mermaid: mermaid(roadmap, rows, options.lang),
            findings_heading: (!doc.findings.is_empty())
                .then(|| findings::heading(&doc.findings, options.lang)),
            columns: fields::columns(doc),
        }
    }
}

/// A Mermaid task id from an activity number: `a1_5` for 1.5.
fn task_id(number: &str) -> String {
    let id: String = number
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("a{}", id.trim_end_matches('_'))
}

fn mermaid(roadmap: &Roadmap, rows: &[Row<'_>], lang: Lang) -> Vec<MermaidSection> {
    let mut sections: Vec<(Option<usize>, MermaidSection)> = Vec::new();
    let mut ids = std::collections::HashSet::new();
    let mut unique = |id: String| {
        let mut candidate = id.clone();
        let mut n = 2;
        while !ids.insert(candidate.clone()) {
            candidate = format!("{id}_{n}");
            n += 1;
        }
        candidate
    };
    for r in rows.iter().filter(|r| r.dated()) {
        let section = r.activity.section;
        if !sections.iter().any(|(s, _)| *s == section) {
            let title = match section {
                Some(s) => {
                    let s = &roadmap.sections[s];
                    view::section_heading(&s.number.text, &s.title)
                }
                None => match lang {
                    Lang::Ru => "Вне разделов".into(),
                    Lang::En => "Outside sections".into(),
                },
            };
            sections.push((
                section,
                MermaidSection {
                    // Mermaid gives a section's name a narrow column.
                    title: gantt::truncate(&title, 40),
                    tasks: Vec::new(),
                },
            ));
        }
        let tasks = &mut sections
            .iter_mut()
            .find(|(s, _)| *s == section)
            .expect("just added")
            .1
            .tasks;
        let name = gantt::truncate(
            &format!(
                "{}. {}",
                r.entry.number.trim_end_matches('.'),
                r.entry.title
            ),
            70,
        );
        let crit = if r.entry.critical { "crit, " } else { "" };
        let (start, end) = (r.entry.start.expect("dated"), r.entry.end.expect("dated"));
        let spans = match r.entry.kind {
            Kind::Windows if !r.entry.windows.is_empty() => r.entry.windows.clone(),
            _ => vec![crate::model::Interval::new(start, end)],
        };
        let several = spans.len() > 1;
        for (i, span) in spans.iter().enumerate() {
            let mut name = name.clone();
            if r.entry.kind == Kind::Recurring {
                if let Some(every) = r.entry.every {
                    let words = text::yearly(&r.entry.windows, lang)
                        .filter(|_| every == crate::model::timing::Frequency::Yearly)
                        .unwrap_or_else(|| text::frequency(every, lang).to_string());
                    name = format!("{name} ({words})");
                }
            } else if several {
                name = format!("{name} ({}/{})", i + 1, spans.len());
            }
            tasks.push(MermaidTask {
                name,
                tags: crit.to_string(),
                id: unique(task_id(&r.entry.number)),
                start: span.start,
                days: (span.end - span.start).num_days() + 1,
            });
        }
        for c in &r.checkpoints {
            tasks.push(MermaidTask {
                name: gantt::truncate(&format!("◆ {}", c.text), 70),
                tags: format!("{crit}milestone, "),
                id: unique(format!("{}_cp", task_id(&r.entry.number))),
                start: c.date,
                days: 0,
            });
        }
    }
    sections.into_iter().map(|(_, s)| s).collect()
}

/// The words of the page templates, in `lang`.
pub fn labels(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    let pairs = &[
        ("number", "№", "No."),
        ("activity", "Мероприятие", "Activity"),
        ("timing", "Срок", "When"),
        ("dates", "Даты", "Dates"),
        ("start", "Начало", "Start"),
        ("end", "Окончание", "End"),
        ("responsible", "Ответственный", "Responsible"),
        ("indicator", "Показатель", "Indicator"),
        ("result", "Результат", "Result"),
        ("checkpoint", "Контрольная точка", "Checkpoint"),
        ("checkpoints", "Контрольные точки", "Checkpoints"),
        ("note", "Примечание", "Note"),
        ("notes", "Примечания", "Notes"),
        ("findings", "Замечания проверки", "Findings of the check"),
        ("stage", "Этап", "Stage"),
        ("after", "После", "After"),
        ("slack", "Резерв", "Slack"),
        ("critical", "Критический путь", "Critical path"),
        ("critical_short", "крит.", "crit."),
        ("late", "позже срока", "late"),
        ("cancelled", "отменено", "cancelled"),
        ("approved", "Утверждена", "Approved"),
        ("period", "Период", "Period"),
        ("owner", "Владелец", "Owner"),
        ("template", "Шаблон", "Template"),
        ("origin", "Источник", "Source"),
        ("from_template", "как в шаблоне", "as in the template"),
        ("amended", "изменено в плане", "amended by the plan"),
        ("own", "своих", "own"),
        (
            "legend_own",
            "своё мероприятие плана",
            "the plan's own activity",
        ),
        ("as_of", "По состоянию на", "As of"),
        ("period_ended", "период завершён", "period ended"),
        ("today", "сегодня", "today"),
        ("undated", "Без фиксированных дат", "No fixed dates"),
        ("gantt", "Диаграмма Ганта", "Gantt chart"),
        ("schedule", "План-график", "Schedule"),
        ("parties", "Участники", "Parties"),
        ("party", "Участник", "Party"),
        ("by_section", "по разделам", "by section"),
        ("by_month", "по месяцам", "by month"),
        ("by_party", "по ответственным", "by party"),
        (
            "only_party",
            "Только мероприятия участника",
            "Only the activities of",
        ),
        ("legend_window", "срок мероприятия", "activity window"),
        ("legend_deadline", "только крайний срок", "deadline only"),
        ("legend_duration", "по длительности", "placed by duration"),
        ("legend_occurrence", "повторяющееся", "recurring"),
        ("legend_checkpoint", "контрольная точка", "checkpoint"),
        (
            "legend_dependency",
            "зависимость («после»)",
            "dependency (after)",
        ),
        ("legend_critical", "критический путь", "critical path"),
        (
            "legend_slack",
            "на сколько дней можно задержать мероприятие, не сдвигая зависящие от него мероприятия",
            "how many days it can slip without moving the activities that depend on it",
        ),
        ("legend_today", "дата отчёта", "as-of date"),
        ("progress", "Исполнение", "Progress"),
        ("evidence", "Подтверждение", "Evidence"),
        ("legend_done", "выполненная часть", "done part"),
        (
            "legend_overdue",
            "просрочено: от срока до даты отчёта",
            "overdue: from the deadline to the as-of date",
        ),
        ("legend_cancelled", "отменено", "cancelled"),
        ("continued", "продолжение", "continued"),
        ("activities", "мероприятий", "activities"),
        ("generated", "Сформировано программой", "Generated by"),
        ("none", "—", "—"),
    ];
    let mut labels = crate::lang::labels(lang, pairs);
    labels.extend(crate::lang::labels(lang, fields::LABELS));
    labels
}

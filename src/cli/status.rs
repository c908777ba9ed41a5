//! `roadmap status PATH --as-of DATE`: the monitoring report — shares done
//! on time by section and by party, what is overdue and by how many days,
//! what is due soon, indicators not met — as text, Markdown, HTML, JSON or Word.
//! Given a folder, the regional roll-up over every plan in it.

use super::parse_date;
use super::schedule::emit;
use super::stdout::print;
use super::{Env, FAILURE, FOUND_ERRORS};
use crate::graph::Graph;
use crate::lang::Lang;
use crate::model::{Roadmap, Workspace};
use crate::render::findings;
use crate::run;
use crate::source::FileId;
use crate::state::report::{self, Format};
use crate::state::rollup::{self, Candidate, Contribution};
use crate::state::{self, Options};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The roadmap file (its NAME.status next to it is read too), or a folder
    /// of plans for the roll-up over all of them.
    pub path: PathBuf,
    #[command(flatten)]
    pub on: On,
    /// Only the activities this party (its id) is responsible for.
    #[arg(long, value_name = "ID")]
    pub party: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// A folder whose templates (same file names as templates/) replace the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Write here (atomically) instead of to standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE when it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
    /// The roll-up: the region's list of schools (the CSV or JSON `instantiate`
    /// read), to name the schools without a plan; by default `schools.csv`
    /// beside the template.
    #[arg(long, value_name = "FILE")]
    pub data: Option<PathBuf>,
    /// The roll-up: show each plan's file.
    #[arg(long)]
    pub files: bool,
}

/// The date `status`, `next` and `remind` judge on, and how far ahead they look.
#[derive(Debug, clap::Args)]
pub struct On {
    /// The date to judge on (YYYY-MM-DD or DD.MM.YYYY); today by default.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// How far ahead a deadline is «due soon»: `14d`, `14`, `2w`.
    #[arg(long, value_name = "DAYS", default_value_t = state::DUE_SOON_DAYS, value_parser = parse_within)]
    pub within: i64,
}

impl On {
    pub fn options(&self) -> Options {
        Options {
            as_of: self.as_of.unwrap_or_else(today),
            within: self.within,
        }
    }
}

/// Parses `14d`, `14`, `2w` (also `14д`, `2н`) into days.
pub(super) fn parse_within(s: &str) -> Result<i64, String> {
    let s = s.trim();
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    let unit = s[digits.len()..].trim().to_lowercase();
    let n: i64 = digits
        .parse()
        .map_err(|_| format!("`{s}` is not a number of days: use 14d, 14 or 2w"))?;
    let days = match unit.as_str() {
        "" | "d" | "д" | "days" | "дн" | "дней" => n,
        "w" | "н" | "weeks" | "нед" => n * 7,
        _ => return Err(format!("`{s}` is not a number of days: use 14d, 14 or 2w")),
    };
    if days > 3660 {
        return Err(format!("`{s}` is more than ten years"));
    }
    Ok(days)
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

pub fn run(args: &Args, env: &Env) -> i32 {
    if args.path.is_dir() {
        return rollup(args, env);
    }
    let loaded = match super::schedule::load(&args.path, env) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let roadmap = &loaded.roadmap;
    let party = args
        .party
        .as_deref()
        .map(|p| crate::model::declared_party(roadmap, p));
    if let Err(e) = report::check_party(roadmap, party) {
        eprintln!("{}", e.message(env.lang));
        return FAILURE;
    }
    let (as_of, period_ended) =
        rollup::judged_on(args.on.as_of, today(), rollup::period_end(roadmap));
    let options = Options {
        as_of,
        within: args.on.within,
    };
    let assessment = state::assess(roadmap, &loaded.schedule, &options);
    let file = args.path.display().to_string();
    let mut report = report::build(roadmap, &assessment, party, &file, env.lang);
    report.period_ended = period_ended;
    let kind = match args.format {
        Format::Docx => {
            let status = std::fs::read(args.path.with_extension("status"))
                .map(|bytes| crate::syntax::decode(FileId(0), bytes).0)
                .unwrap_or_default();
            let comments = state::docx::comments(&status);
            let code = match state::docx::render(
                &report,
                roadmap,
                &comments,
                &loaded.findings,
                env.lang,
            ) {
                Ok(bytes) => emit(&bytes, args.output.as_deref(), args.force, true, env.lang),
                Err(e) => {
                    eprintln!("{}", e.message(env.lang));
                    FAILURE
                }
            };
            return loaded.exit_code(code);
        }
        Format::Xlsx => {
            eprintln!(
                "{}",
                match env.lang {
                    Lang::Ru => "ошибка: xlsx — только для сводки по папке планов",
                    Lang::En => "error: xlsx is for the roll-up of a folder of plans",
                }
            );
            return FAILURE;
        }
        Format::Text => findings::Kind::Text,
        Format::Md => findings::Kind::Markdown,
        Format::Html => findings::Kind::Html,
        Format::Json => findings::Kind::Json,
    };
    let code = match report::render(&report, args.format, args.templates.as_deref()) {
        Ok(text) => match &args.output {
            Some(path) => emit(
                findings::append(text, kind, &loaded.findings, env.lang).as_bytes(),
                Some(path),
                args.force,
                false,
                env.lang,
            ),
            None => print(
                &findings::append(text, kind, &loaded.findings, env.lang),
                env.lang,
            ),
        },
        Err(e) => {
            eprintln!("{}", e.message(env.lang));
            FAILURE
        }
    };
    loaded.exit_code(code)
}

/// `roadmap status DIR`: every plan judged, gathered per template.
fn rollup(args: &Args, env: &Env) -> i32 {
    let lang = env.lang;
    let (files, failures) = run::collect(std::slice::from_ref(&args.path));
    let folder = args.path.display().to_string();
    let ask = rollup::Ask {
        folder: &folder,
        party: args.party.as_deref(),
        as_of: args.on.as_of,
        today: today(),
        within: args.on.within,
        files: args.files,
        lang,
    };
    let (as_of, _) = rollup::judged_on(args.on.as_of, ask.today, None);
    let (run, mut contributions) = judge_all(&files, &args.path, &ask, as_of);
    let failures: Vec<_> = failures.iter().chain(&run.failures).collect();
    let report = run.report();
    env.print_findings(&report);
    for failure in &failures {
        eprintln!("{}", failure.message(lang));
    }
    if contributions.is_empty() && !failures.is_empty() {
        return FAILURE;
    }
    if let Some(party) = args.party.as_deref() {
        if !contributions.iter().any(|c| c.has_party) {
            eprintln!(
                "{}",
                match lang {
                    Lang::Ru => format!(
                        "ошибка: ни в одной карте папки {} нет участника «{party}»",
                        args.path.display()
                    ),
                    Lang::En => format!(
                        "error: no roadmap in {} has a party `{party}`",
                        args.path.display()
                    ),
                }
            );
            return FAILURE;
        }
    }
    // Every period ended before today: the roadmaps are judged again on the
    // last day of the latest one (known only once all are read).
    let (as_of, _) = rollup::date_of(&contributions, &ask);
    if contributions.iter().any(|c| c.as_of != as_of) {
        contributions = judge_all(&files, &args.path, &ask, as_of).1;
    }
    let data = match args
        .data
        .as_deref()
        .map(|path| read_table(path, path.display().to_string(), lang))
        .transpose()
    {
        Ok(data) => data,
        Err(message) => {
            eprintln!("{message}");
            return FAILURE;
        }
    };
    let rollup = rollup::gather(&contributions, &ask, |template| {
        data.clone().or_else(|| {
            let path = crate::data::beside(&args.path.join(template))?;
            let name = path
                .strip_prefix(&args.path)
                .unwrap_or(&path)
                .display()
                .to_string();
            match read_table(&path, name, lang) {
                Ok(table) => Some(table),
                Err(message) => {
                    eprintln!("{message}");
                    None
                }
            }
        })
    });
    let made =
        match args.format {
            Format::Xlsx => crate::state::workbook::render(&rollup).map(|bytes| {
                super::schedule::emit(&bytes, args.output.as_deref(), args.force, true, lang)
            }),
            Format::Docx => crate::state::rollup_docx::render(&rollup).map(|bytes| {
                super::schedule::emit(&bytes, args.output.as_deref(), args.force, true, lang)
            }),
            _ => rollup::render(&rollup, args.format, args.templates.as_deref()).map(|text| {
                match &args.output {
                    Some(path) => {
                        super::schedule::emit(text.as_bytes(), Some(path), args.force, false, lang)
                    }
                    None => print(&text, lang),
                }
            }),
        };
    let code = match made {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{}", e.message(lang));
            FAILURE
        }
    };
    if !failures.is_empty() {
        FAILURE
    } else if report.errors() > 0 {
        FOUND_ERRORS
    } else {
        code
    }
}

/// Checks the files of `folder` across the cores, judging each roadmap on
/// `as_of` as soon as it is checked and dropping its model: the run (its
/// findings) and what each roadmap brings to the roll-up, in the folder's order.
fn judge_all(
    files: &[PathBuf],
    folder: &Path,
    ask: &rollup::Ask<'_>,
    as_of: NaiveDate,
) -> (run::Run, Vec<Contribution>) {
    let options = Options {
        as_of,
        within: ask.within,
    };
    // By file: a file checked again after the parallel check gave up keeps
    // its later judgement only.
    let judged = Mutex::new(BTreeMap::new());
    let visit = |workspace: &Workspace, roadmap: &Roadmap, graph: &Graph| {
        let shown = |id: FileId| -> String {
            let path = &workspace.sources.get(id).path;
            path.strip_prefix(folder)
                .unwrap_or(path)
                .display()
                .to_string()
        };
        let candidate = Candidate {
            file: shown(roadmap.file),
            roadmap,
            graph,
            templates: roadmap
                .extension
                .iter()
                .flat_map(|e| e.chain.iter().map(|&id| shown(id)))
                .collect(),
        };
        let contribution = rollup::contribute(candidate, &options, ask.party);
        if let Ok(mut judged) = judged.lock() {
            judged.insert(roadmap.file, contribution);
        }
    };
    let run = run::check_files_visiting(files, &visit);
    let judged = judged.into_inner().unwrap_or_else(|e| e.into_inner());
    (run, judged.into_values().collect())
}

/// A data table of schools, or the message saying why it cannot be read.
fn read_table(
    path: &std::path::Path,
    shown: String,
    lang: Lang,
) -> Result<crate::data::Table, String> {
    let (header, rows) = crate::data::read(path).map_err(|(ru, en)| match lang {
        Lang::Ru => format!("ошибка: {}: {ru}", path.display()),
        Lang::En => format!("error: {}: {en}", path.display()),
    })?;
    Ok(crate::data::Table {
        file: shown,
        header,
        rows,
    })
}

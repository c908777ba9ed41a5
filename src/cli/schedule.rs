//! `roadmap schedule PATH`: the roadmap's resolved schedule as a page, a
//! table, a spreadsheet, a calendar, a chart or JSON. A roadmap with errors
//! is still rendered as far as its model goes, its findings printed (as
//! `check` prints them) and listed in the output, and the exit code is 1.

use super::fmt::{write_atomically, write_failed};
use super::parse_date;
use super::stdout;
use super::{Env, CLEAN, FAILURE, FOUND_ERRORS};
use crate::graph::Graph;
use crate::lang::Lang;
use crate::model::Roadmap;
use crate::render::findings::{self, Finding};
use crate::render::{self, By, Format, Options};
use crate::run;
use crate::schedule::{self, Schedule};
use chrono::NaiveDate;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The roadmap file.
    pub path: PathBuf,
    /// Output format; by default the one `-o FILE`'s extension names, else md.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// How tables are grouped.
    #[arg(long, value_enum, default_value_t = By::Section)]
    pub by: By,
    /// Only the activities this party (its id) is responsible for.
    #[arg(long, value_name = "ID")]
    pub party: Option<String>,
    /// The date progress is shown on and the chart's "today" line marks (YYYY-MM-DD or DD.MM.YYYY); today by default.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// The plan as approved: no states, shares done, actual values or evidence from the marks.
    #[arg(long)]
    pub no_progress: bool,
    /// A folder whose templates (same file names as templates/) replace the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Write here (atomically) instead of to standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE when it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
    /// ics: a reminder this long before each deadline (`3d`, `1w`, `0d` on
    /// the day), or `none`.
    #[arg(long, value_name = "DAYS", default_value = "3d", value_parser = parse_alarm)]
    pub alarm: Alarm,
    /// ics: each window longer than a day also as a background event.
    #[arg(long)]
    pub windows: bool,
}

/// `--alarm`: days before the deadline, or no reminder.
#[derive(Debug, Clone, Copy)]
pub struct Alarm(Option<u32>);

fn parse_alarm(s: &str) -> Result<Alarm, String> {
    if matches!(s.trim().to_lowercase().as_str(), "none" | "нет") {
        return Ok(Alarm(None));
    }
    let days = super::status::parse_within(s)?;
    u32::try_from(days)
        .map(|d| Alarm(Some(d)))
        .map_err(|_| format!("`{s}`: use 3d, 1w, 0d or none"))
}

pub fn run(args: &Args, env: &Env) -> i32 {
    let loaded = match load(&args.path, env) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let format = args
        .format
        .or_else(|| args.output.as_deref().and_then(Format::from_path))
        .unwrap_or(Format::Md);
    let options = Options {
        lang: env.lang,
        as_of: args
            .as_of
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
        period_ended: None,
        by: args.by,
        party: args
            .party
            .as_deref()
            .map(|p| crate::model::declared_party(&loaded.roadmap, p).to_string()),
        templates: args.templates.clone(),
        file: args.path.display().to_string(),
        findings: loaded.findings.clone(),
        progress: !args.no_progress,
    };
    let made = match format {
        Format::Ics => render::calendar(
            &loaded.roadmap,
            &loaded.schedule,
            &options,
            render::ics::Settings {
                alarm: args.alarm.0,
                windows: args.windows,
            },
        ),
        _ => render::schedule(format, &loaded.roadmap, &loaded.schedule, &options),
    };
    let code = match made {
        Ok(bytes) => emit(
            &bytes,
            args.output.as_deref(),
            args.force,
            format.is_binary(),
            env.lang,
        ),
        Err(e) => {
            eprintln!("{}", e.message(env.lang));
            FAILURE
        }
    };
    loaded.exit_code(code)
}

/// A roadmap read, checked and scheduled, with what checking it found.
pub(super) struct Loaded {
    pub roadmap: Roadmap,
    pub graph: Graph,
    pub schedule: Schedule,
    /// Every finding, in the command's language, for the output to list.
    pub findings: Vec<Finding>,
    /// How many of them are errors.
    pub errors: usize,
}

impl Loaded {
    /// The exit code once the output is made with `code`: an output made for
    /// a roadmap with errors still exits 1 (`check` decides CI, but no
    /// command says "clean" about a roadmap that is not).
    pub fn exit_code(&self, code: i32) -> i32 {
        if code == CLEAN && self.errors > 0 {
            FOUND_ERRORS
        } else {
            code
        }
    }
}

/// Reads, checks and schedules one roadmap file. Its findings are printed on
/// standard error as `check` prints them; a roadmap with errors is still
/// scheduled, as far as its model goes. Fails (with the exit code) only when
/// the file cannot be read or holds no roadmap.
pub(super) fn load(path: &Path, env: &Env) -> Result<Loaded, i32> {
    let lang = env.lang;
    if path.is_dir() {
        eprintln!(
            "{}",
            match lang {
                Lang::Ru => format!(
                    "ошибка: {} — папка; укажите один файл дорожной карты",
                    path.display()
                ),
                Lang::En => format!(
                    "error: {} is a folder; name one roadmap file",
                    path.display()
                ),
            }
        );
        return Err(FAILURE);
    }
    let (files, failures) = run::collect(&[path.to_path_buf()]);
    let run = run::check_files(&files);
    let failures: Vec<_> = failures.iter().chain(&run.failures).collect();
    if !failures.is_empty() {
        for failure in &failures {
            eprintln!("{}", failure.message(lang));
        }
        return Err(FAILURE);
    }
    let report = run.report();
    env.print_findings(&report);
    let errors = report.errors();
    if errors > 0 {
        eprintln!("{}", report.summary(lang));
    }
    let findings = findings::collect(&run.workspace.sources, &run.diagnostics, lang);
    let Some((roadmap, graph)) = run.roadmaps.into_iter().next() else {
        if errors > 0 {
            return Err(FOUND_ERRORS);
        }
        eprintln!(
            "{}",
            match lang {
                Lang::Ru => format!(
                    "ошибка: {} — не дорожная карта (нет «дорожная карта:» и «период:»)",
                    path.display()
                ),
                Lang::En => format!(
                    "error: {} is not a roadmap (no `roadmap:` and `period:`)",
                    path.display()
                ),
            }
        );
        return Err(FAILURE);
    };
    let schedule = schedule::compute(&roadmap, &graph, &crate::check::calendar(&roadmap));
    Ok(Loaded {
        roadmap,
        graph,
        schedule,
        findings,
        errors,
    })
}

/// Writes the output to `path` (refusing to replace a file without `force`)
/// or to standard output; returns the exit code.
pub(super) fn emit(
    bytes: &[u8],
    path: Option<&Path>,
    force: bool,
    binary: bool,
    lang: Lang,
) -> i32 {
    let Some(path) = path else {
        if binary && std::io::stdout().is_terminal() {
            eprintln!(
                "{}",
                match lang {
                    Lang::Ru => "ошибка: xlsx и docx — двоичные файлы; укажите -o ФАЙЛ".to_string(),
                    Lang::En => "error: xlsx and docx are binary; give -o FILE".to_string(),
                }
            );
            return FAILURE;
        }
        return match stdout::write(bytes) {
            Ok(_) => CLEAN,
            Err(e) => {
                eprintln!("{}", write_failed(Path::new("-"), &e, lang));
                FAILURE
            }
        };
    };
    if path.is_dir() {
        eprintln!(
            "{}",
            match lang {
                Lang::Ru => format!(
                    "ошибка: {} — папка; укажите файл в ней, например {}",
                    path.display(),
                    path.join("schedule.html").display()
                ),
                Lang::En => format!(
                    "error: {} is a folder; name a file in it, e.g. {}",
                    path.display(),
                    path.join("schedule.html").display()
                ),
            }
        );
        return FAILURE;
    }
    if !force && std::fs::symlink_metadata(path).is_ok() {
        eprintln!(
            "{}",
            match lang {
                Lang::Ru => format!(
                    "ошибка: {} уже есть; чтобы заменить его, добавьте --force",
                    path.display()
                ),
                Lang::En => format!(
                    "error: {} exists; add --force to replace it",
                    path.display()
                ),
            }
        );
        return FAILURE;
    }
    match write_atomically(path, bytes) {
        Ok(()) => CLEAN,
        Err(e) => {
            eprintln!("{}", write_failed(path, &e, lang));
            FAILURE
        }
    }
}

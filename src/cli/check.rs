//! `roadmap check PATH…`: every file read, built, graphed and checked; every
//! finding reported; exit 1 on errors.

use super::{Env, CLEAN, FAILURE, FOUND_ERRORS};
use crate::diagnostic::{Format, Human, Report};
use crate::run::{self, Run};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Roadmap files, or folders to search for *.roadmap files.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

pub fn run(args: &Args, env: &Env) -> i32 {
    let (files, mut failures) = run::collect(&args.paths);
    let Run {
        workspace,
        diagnostics,
        activities,
        roadmaps: _,
        failures: read_failures,
    } = run::check_files_for_findings(&files);
    failures.extend(read_failures);
    let report = Report {
        sources: &workspace.sources,
        diagnostics: &diagnostics,
        files: workspace.sources.len(),
        activities,
    };
    match args.format {
        Format::Human => {
            let human = if env.color {
                Human::coloured(env.lang)
            } else {
                Human::plain(env.lang)
            };
            eprint!("{}", human.render(&report));
            eprint!("{}", report.per_file(env.lang));
        }
        format => print!("{}", report.render(format, env.lang)),
    }
    for failure in &failures {
        eprintln!("{}", failure.message(env.lang));
    }
    eprintln!("{}", report.summary(env.lang));
    if !failures.is_empty() {
        FAILURE
    } else if report.errors() > 0 {
        FOUND_ERRORS
    } else {
        CLEAN
    }
}

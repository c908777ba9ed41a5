//! `roadmap check PATH…`: every file read, built, graphed and checked; every
//! finding reported; exit 1 on errors.

use super::stdout;
use super::{Env, CLEAN, FAILURE, FOUND_ERRORS};
use crate::diagnostic::Format;
use crate::run;
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
    let (files, failures) = run::collect(&args.paths);
    let run = run::check_files_for_findings(&files);
    let failures: Vec<_> = failures.iter().chain(&run.failures).collect();
    let report = run.report();
    let printed = match args.format {
        Format::Human => {
            env.print_findings(&report);
            CLEAN
        }
        format => stdout::print(&report.render(format, env.lang), env.lang),
    };
    for failure in &failures {
        eprintln!("{}", failure.message(env.lang));
    }
    eprintln!("{}", report.summary(env.lang));
    if !failures.is_empty() || printed == FAILURE {
        FAILURE
    } else if report.errors() > 0 {
        FOUND_ERRORS
    } else {
        CLEAN
    }
}

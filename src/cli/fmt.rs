//! `roadmap fmt PATH…`: rewrites files in the canonical layout, atomically;
//! `--check` only shows the difference and fails when there is one.

use super::stdout::{self, Written};
use super::{Env, CLEAN, FAILURE, FOUND_ERRORS};
use crate::diagnostic::{Human, Report};
use crate::format::format;
use crate::lang::Lang;
use crate::model::Workspace;
use crate::run;
use std::path::{Path, PathBuf};

pub use crate::atomic::write_atomically;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Roadmap files, or folders to search for *.roadmap files.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Change nothing: print the difference and exit 1 if a file is not formatted.
    #[arg(long)]
    pub check: bool,
}

pub fn run(args: &Args, env: &Env) -> i32 {
    let (files, failures) = run::collect(&args.paths);
    let mut status = CLEAN;
    for failure in &failures {
        eprintln!("{}", failure.message(env.lang));
        status = FAILURE;
    }
    let mut workspace = Workspace::default();
    for path in &files {
        let id = match workspace.load(path) {
            Ok(id) => id,
            Err(source) => {
                let failure = run::Failure::Read {
                    path: path.clone(),
                    source,
                };
                eprintln!("{}", failure.message(env.lang));
                status = FAILURE;
                continue;
            }
        };
        let broken: Vec<_> = workspace
            .diagnostics
            .drain(..)
            .filter(|d| d.span.file == id)
            .collect();
        if !broken.is_empty() {
            let report = Report {
                sources: &workspace.sources,
                diagnostics: &broken,
                files: 1,
                activities: 0,
            };
            eprint!("{}", Human::plain(env.lang).render(&report));
            eprintln!("{}", not_formatted(path, env.lang));
            status = status.max(FOUND_ERRORS);
            continue;
        }
        let file = workspace.sources.get(id);
        let formatted = format(file, &workspace.document(id));
        if formatted == *file.text {
            continue;
        }
        if args.check {
            status = status.max(FOUND_ERRORS);
            match stdout::write(diff(path, &file.text, &formatted).as_bytes()) {
                Ok(Written::All) => {}
                // The reader has seen enough (`| head`): the answer stands.
                Ok(Written::Closed) => return status,
                Err(e) => {
                    eprintln!("{}", stdout::failed(&e, env.lang));
                    return FAILURE;
                }
            }
        } else if let Err(err) = write_atomically(path, &formatted) {
            eprintln!("{}", write_failed(path, &err, env.lang));
            status = FAILURE;
        } else {
            eprintln!("{}", path.display());
        }
    }
    status
}

fn not_formatted(path: &Path, lang: Lang) -> String {
    match lang {
        Lang::Ru => format!(
            "{}: не отформатирован — сначала исправьте ошибки",
            path.display()
        ),
        Lang::En => format!("{}: not formatted — fix the errors first", path.display()),
    }
}

pub(super) fn write_failed(path: &Path, err: &std::io::Error, lang: Lang) -> String {
    match lang {
        Lang::Ru => format!("ошибка: не удалось записать {}: {err}", path.display()),
        Lang::En => format!("error: cannot write {}: {err}", path.display()),
    }
}

/// A unified diff, as `git diff` shows it.
fn diff(path: &Path, old: &str, new: &str) -> String {
    let name = path.display().to_string();
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(&name, &name)
        .to_string()
}

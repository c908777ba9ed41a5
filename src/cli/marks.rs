//! `roadmap marks import FILLED.xlsx|FILLED.docx…`: marks from forms schools filled in,
//! checked and added to each plan's status file.

use super::stdout::{self, Pieces};
use super::{Env, CLEAN, FAILURE, FOUND_ERRORS};
use crate::code::Severity;
use crate::lang::{plural_en, Lang};
use crate::marks::import;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Read filled forms and add their marks to each plan's .status file.
    Import(ImportArgs),
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Filled forms written by `roadmap form` (.xlsx or .docx).
    #[arg(required = true)]
    pub forms: Vec<PathBuf>,
    /// Print what would be added to each status file as a diff; write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(args: &Args, env: &Env) -> i32 {
    match &args.command {
        Command::Import(a) => run_import(a, env),
    }
}

fn run_import(args: &ImportArgs, env: &Env) -> i32 {
    let lang = env.lang;
    let mut code = CLEAN;
    // Read and checked on the machine's cores; written one by one, in the
    // order given. A form whose plan's status file this run has written
    // already is worked out again from the new file.
    // Each thread keeps the files it has read: a region's plans share their
    // template, read once a thread.
    let outcomes = super::parallel::in_order_with(
        &args.forms,
        crate::model::Workspace::default,
        |workspace, form| import::import_in(workspace, form),
    );
    let mut written: Vec<PathBuf> = Vec::new();
    let mut out = Pieces::default();
    for (form, outcome) in args.forms.iter().zip(outcomes) {
        let outcome = match outcome {
            Ok(o) if written.contains(&o.status) => import::import(form),
            other => other,
        };
        let outcome = match outcome {
            Ok(outcome) => outcome,
            Err(e) => {
                eprintln!("{}", e.message(lang));
                code = FAILURE;
                continue;
            }
        };
        for finding in &outcome.findings {
            eprintln!("{}", finding.render(lang));
        }
        if outcome
            .findings
            .iter()
            .any(|f| f.severity() == Severity::Error)
            && code == CLEAN
        {
            code = FOUND_ERRORS;
        }
        let status = outcome.status.display();
        if args.dry_run {
            if let Err(e) = out.print(&diff(&outcome.before, &outcome.after, &status.to_string())) {
                eprintln!("{}", stdout::failed(&e, lang));
                return FAILURE;
            }
        } else if outcome.added > 0 {
            written.push(outcome.status.clone());
            if let Err(e) = crate::atomic::write_atomically(&outcome.status, &outcome.after) {
                eprintln!(
                    "{}",
                    match lang {
                        Lang::Ru => format!("ошибка: не удалось записать {status}: {e}"),
                        Lang::En => format!("error: cannot write {status}: {e}"),
                    }
                );
                return FAILURE;
            }
        }
        let (added, errors) = (outcome.added, outcome.errors());
        let line = match (lang, args.dry_run) {
            (Lang::Ru, false) => format!(
                "{}: добавлено строк в {status}: {added}, ошибок: {errors}",
                form.display()
            ),
            (Lang::Ru, true) => format!(
                "{}: было бы добавлено строк в {status}: {added}, ошибок: {errors}",
                form.display()
            ),
            (Lang::En, false) => format!(
                "{}: {added} {} added to {status}, {errors} {}",
                form.display(),
                plural_en(added as u64, "line", "lines"),
                plural_en(errors as u64, "error", "errors"),
            ),
            (Lang::En, true) => format!(
                "{}: {added} {} would be added to {status}, {errors} {}",
                form.display(),
                plural_en(added as u64, "line", "lines"),
                plural_en(errors as u64, "error", "errors"),
            ),
        };
        // Once the reader has gone (`| head`), the other forms are still imported.
        if let Err(e) = out.print(&format!("{line}\n")) {
            eprintln!("{}", stdout::failed(&e, lang));
            return FAILURE;
        }
    }
    code
}

/// A unified diff of the status file, as `git diff` would show it.
fn diff(before: &str, after: &str, path: &str) -> String {
    if before == after {
        return String::new();
    }
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

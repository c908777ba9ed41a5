//! `roadmap form PLAN… --out DIR`: one fill-in workbook (or Word document)
//! per plan, for the school to report on and send back (read by `roadmap
//! marks import`).

use super::stdout::{self, Pieces};
use super::{Env, CLEAN, FAILURE, FOUND_ERRORS};
use crate::form;
use crate::lang::Lang;
use crate::run;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// An Excel workbook, a drop-down for the state, the rest locked.
    Xlsx,
    /// A Word document: a table with drop-down lists, landscape.
    Docx,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Docx => "docx",
        }
    }

    fn render(self, form: &form::Form) -> Result<Vec<u8>, String> {
        match self {
            Format::Xlsx => form::xlsx::render(form).map_err(|e| e.to_string()),
            Format::Docx => form::docx::render(form).map_err(|e| e.to_string()),
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Plans: files, or folders searched for *.roadmap.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Only the activities begun or due by this date (YYYY-MM-DD or DD.MM.YYYY); all by default.
    #[arg(long, value_name = "DATE", value_parser = super::parse_date)]
    pub as_of: Option<NaiveDate>,
    /// The folder to write NAME.xlsx (or NAME.docx) into, one per plan.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The form's format: an Excel workbook or a Word document.
    #[arg(long, value_enum, default_value_t = Format::Xlsx)]
    pub format: Format,
}

pub fn run(args: &Args, env: &Env) -> i32 {
    let lang = env.lang;
    let (files, failures) = run::collect(&args.paths);
    let checked = run::check_files(&files);
    for failure in failures.iter().chain(&checked.failures) {
        eprintln!("{}", failure.message(lang));
    }
    if !failures.is_empty() || !checked.failures.is_empty() {
        return FAILURE;
    }
    let report = checked.report();
    env.print_findings(&report);
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        eprintln!("{}", cannot_write(&args.out, &e, lang));
        return FAILURE;
    }
    let forms = form::of_run(&checked, args.as_of);
    // Writing a workbook (and syncing it) is most of the time: one plan per
    // thread at a time, reported in the plans' order.
    let results = super::parallel::in_order(&forms, |(path, form)| {
        let out = args
            .out
            .join(form::file_name(path, args.format.extension()));
        let written = args.format.render(form).and_then(|bytes| {
            crate::atomic::write_atomically(&out, bytes).map_err(|e| e.to_string())
        });
        (out, written)
    });
    let mut written = 0;
    let mut shown = Pieces::default();
    for ((_, form), (out, result)) in forms.iter().zip(results) {
        if let Err(e) = result {
            eprintln!("{}", cannot_write(&out, &e, lang));
            return FAILURE;
        }
        written += 1;
        let line = match lang {
            Lang::Ru => format!("{}: {} строк\n", out.display(), form.rows.len()),
            Lang::En => format!("{}: {} rows\n", out.display(), form.rows.len()),
        };
        if let Err(e) = shown.print(&line) {
            eprintln!("{}", stdout::failed(&e, lang));
            return FAILURE;
        }
    }
    if written == 0 {
        eprintln!(
            "{}",
            match lang {
                Lang::Ru =>
                    "ошибка: среди файлов нет планов (дорожных карт, кроме шаблонов)".to_string(),
                Lang::En => "error: none of the files is a plan (a roadmap other than a template)"
                    .to_string(),
            }
        );
        return FAILURE;
    }
    if report.errors() > 0 {
        eprintln!("{}", report.summary(lang));
        FOUND_ERRORS
    } else {
        CLEAN
    }
}

fn cannot_write(path: &Path, e: &dyn std::fmt::Display, lang: Lang) -> String {
    match lang {
        Lang::Ru => format!("ошибка: не удалось записать {}: {e}", path.display()),
        Lang::En => format!("error: cannot write {}: {e}", path.display()),
    }
}

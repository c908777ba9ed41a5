//! `roadmap import FILE`: a Word, Excel, OpenDocument, CSV or text table
//! turned into a roadmap file, with a report of what a person must decide.

use super::stdout;
use super::{Env, CLEAN, FAILURE, FOUND_ERRORS};
use crate::atomic::write_atomically;
use crate::import::{import, rules, Options};
use crate::lang::Lang;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The document: .docx, .xlsx, .ods, .csv, .tsv or a text table.
    pub file: PathBuf,
    /// Write the roadmap here (atomically) instead of to standard output.
    #[arg(short, long, value_name = "OUT.roadmap")]
    pub output: Option<PathBuf>,
    /// Overwrite OUT if it exists.
    #[arg(long)]
    pub force: bool,
    /// Import only this table (from 1); by default every table with a header.
    #[arg(long, value_name = "N")]
    pub table: Option<usize>,
    /// Make party ids of Latin letters.
    #[arg(long)]
    pub latin_ids: bool,
    /// A rules file: the header row, each column's field, party ids, the period.
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// Print the rules the import follows for this document, ready to edit, instead of the roadmap.
    #[arg(long)]
    pub print_rules: bool,
}

fn read_failed(path: &Path, err: &std::io::Error, lang: Lang) -> String {
    match lang {
        Lang::Ru => format!("{}: файл нельзя прочитать: {err}", path.display()),
        Lang::En => format!("{}: cannot read the file: {err}", path.display()),
    }
}

pub fn run(args: &Args, env: &Env) -> i32 {
    let lang = env.lang;
    let rules = match &args.rules {
        None => None,
        Some(path) => {
            let text = match std::fs::read_to_string(path) {
                Ok(t) => t,
                Err(err) => {
                    eprintln!("{}", read_failed(path, &err, lang));
                    return FAILURE;
                }
            };
            match rules::parse(path, &text) {
                Ok(r) => Some(r),
                Err(err) => {
                    eprint!("{}", err.render(lang));
                    return FAILURE;
                }
            }
        }
    };
    let bytes = match std::fs::read(&args.file) {
        Ok(b) => b,
        Err(err) => {
            eprintln!("{}", read_failed(&args.file, &err, lang));
            return FAILURE;
        }
    };
    let options = Options {
        table: args.table,
        latin_ids: args.latin_ids,
        rules,
    };
    let imported = match import(&args.file, &bytes, &options) {
        Ok(i) => i,
        Err(err) => {
            eprintln!("{}", err.message(lang));
            return FAILURE;
        }
    };
    let text = if args.print_rules {
        rules::print(&imported.rules, &imported.headings)
    } else {
        imported.text
    };
    match &args.output {
        None => {
            if stdout::print(&text, lang) == FAILURE {
                return FAILURE;
            }
        }
        Some(out) => {
            if out.exists() && !args.force {
                eprintln!(
                    "{}",
                    match lang {
                        Lang::Ru => format!(
                            "{}: файл уже есть; чтобы заменить его, добавьте --force",
                            out.display()
                        ),
                        Lang::En => format!(
                            "{}: the file exists; add --force to replace it",
                            out.display()
                        ),
                    }
                );
                return FAILURE;
            }
            if let Err(err) = write_atomically(out, &text) {
                eprintln!(
                    "{}",
                    match lang {
                        Lang::Ru => format!("{}: не удалось записать: {err}", out.display()),
                        Lang::En => format!("{}: cannot write: {err}", out.display()),
                    }
                );
                return FAILURE;
            }
        }
    }
    if args.print_rules {
        return CLEAN;
    }
    let shown = args.output.as_ref().map(|o| o.display().to_string());
    eprint!("{}", imported.report.render(lang, shown.as_deref()));
    if imported.report.places() > 0 {
        FOUND_ERRORS
    } else {
        CLEAN
    }
}

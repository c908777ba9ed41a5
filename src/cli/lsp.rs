//! `roadmap lsp`: the language server for editors, over standard input and
//! output (see docs/editors.md).

use super::{Env, CLEAN, FAILURE};
use crate::lang::Lang;
use chrono::NaiveDate;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The day hovers measure an activity's state from; by default, today.
    #[arg(long, value_parser = super::parse_date)]
    pub as_of: Option<NaiveDate>,
}

pub fn run(args: &Args, env: &Env, lang_given: bool) -> i32 {
    let options = crate::lsp::Options {
        lang: lang_given.then_some(env.lang),
        today: args
            .as_of
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
    };
    match crate::lsp::serve(options) {
        Ok(()) => CLEAN,
        Err(err) => {
            match env.lang {
                Lang::Ru => eprintln!("ошибка: roadmap lsp остановлен: {err}"),
                Lang::En => eprintln!("error: roadmap lsp stopped: {err}"),
            }
            FAILURE
        }
    }
}

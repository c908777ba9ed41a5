//! The command line: one module per subcommand, all driving the same pipeline.

mod assets;
mod check;
mod fmt;
mod form;
mod graph;
mod help;
mod import;
mod instantiate;
mod lsp;
mod marks;
mod next;
mod parallel;
mod remind;
mod schedule;
mod serve;
mod status;
mod stdout;
mod watch;

use crate::diagnostic::{Human, Report};
use crate::lang::Lang;
use clap::{FromArgMatches, Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::io::IsTerminal;

/// Plain-text дорожные карты: check, schedule and track them.
#[derive(Debug, Parser)]
#[command(name = "roadmap", version, about, long_about = None)]
pub struct Cli {
    /// Language of messages; by default, the locale's (LANG, LC_ALL).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
    /// When to colour the output.
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// The folder a roadmap's includes, templates and status files must lie
    /// in; by default the git work tree holding each path given, else the
    /// folder given (a file's own folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<std::path::PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    Ru,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check roadmaps: files, or folders searched for *.roadmap.
    Check(check::Args),
    /// Rewrite roadmaps in the canonical layout (comments and meaning kept).
    Fmt(fmt::Args),
    /// Write one plan per data row, extending a template.
    Instantiate(instantiate::Args),
    /// Print a roadmap's schedule: md, html (with a Gantt chart), csv, xlsx, json, ics, mermaid, docx.
    /// On a plan, what it takes from its template is marked.
    #[command(visible_alias = "show")]
    Schedule(schedule::Args),
    /// Turn a Word, Excel, OpenDocument or CSV table into a roadmap file.
    Import(import::Args),
    /// Write a fill-in form (xlsx or docx) per plan for schools to report on.
    Form(form::Args),
    /// Marks from filled forms: `marks import FILLED.xlsx|FILLED.docx…` adds them to the status files.
    Marks(marks::Args),
    /// Print a roadmap's dependency graph (Graphviz dot or Mermaid).
    Graph(graph::Args),
    /// The monitoring report: done on time, overdue, due soon, indicators, on a date.
    Status(status::Args),
    /// What can be acted on now: overdue, due soon, in progress, ready.
    Next(next::Args),
    /// Reminder letters for every responsible party: print, write .eml, or send by SMTP.
    Remind(remind::Args),
    /// Check again and re-render on every save; Ctrl-C to stop.
    Watch(watch::Args),
    /// Serve every roadmap's schedule on a local web page that reloads on every save.
    Serve(serve::Args),
    /// The language server for editors (Language Server Protocol over stdio).
    Lsp(lsp::Args),
    /// Write the man pages (Russian and English) and the bash, zsh and fish completions.
    #[command(hide = true)]
    Assets(assets::Args),
}

impl Command {
    /// The roadmaps the command reads, as named: what the root is found from.
    fn paths(&self) -> Vec<std::path::PathBuf> {
        match self {
            Command::Check(args) => args.paths.clone(),
            Command::Fmt(args) => args.paths.clone(),
            Command::Instantiate(args) => vec![args.template.clone()],
            Command::Schedule(args) => vec![args.path.clone()],
            Command::Graph(args) => vec![args.path.clone()],
            Command::Status(args) => vec![args.path.clone()],
            Command::Next(args) => vec![args.path.clone()],
            Command::Remind(args) => vec![args.path.clone()],
            Command::Watch(args) => vec![args.settings.path.clone()],
            Command::Serve(args) => vec![args.settings.path.clone()],
            Command::Import(args) => vec![args.file.clone()],
            // The editor names the files it opens; they are the user's own.
            Command::Lsp(_) => Vec::new(),
            Command::Form(args) => args.paths.clone(),
            // A form names its plan: the plan must lie where the command is
            // run (its git work tree) or beside the forms.
            Command::Marks(marks::Args {
                command: marks::Command::Import(args),
            }) => args
                .forms
                .iter()
                .cloned()
                .chain(std::env::current_dir().ok())
                .collect(),
            Command::Assets(_) => Vec::new(),
        }
    }
}

/// What every command needs to know about how to speak.
pub struct Env {
    pub lang: Lang,
    pub color: bool,
}

impl Env {
    /// Prints the findings of a run as `check` does, with a line per file
    /// when several files have some; nothing when there are none.
    pub fn print_findings(&self, report: &Report<'_>) {
        if report.diagnostics.is_empty() {
            return;
        }
        let human = if self.color {
            Human::coloured(self.lang)
        } else {
            Human::plain(self.lang)
        };
        eprint!("{}", human.render(report));
        eprint!("{}", report.per_file(self.lang));
    }
}

/// `--as-of` and other dates on the command line: `2022-03-15` or `15.03.2022`.
pub(crate) fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    crate::model::timing::parse_date(s)
        .ok_or_else(|| format!("`{s}` is not a date: use YYYY-MM-DD or DD.MM.YYYY"))
}

/// Exit codes.
pub const CLEAN: i32 = 0;
pub const FOUND_ERRORS: i32 = 1;
pub const FAILURE: i32 = 2;

/// Parses the arguments and runs the command; returns the exit code.
pub fn run(args: impl IntoIterator<Item = OsString>) -> i32 {
    let args: Vec<OsString> = args.into_iter().collect();
    let lang = help::lang_of(&args);
    let parsed = help::command(lang)
        .try_get_matches_from(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(err) => return print_clap_error(&err, lang),
    };
    let lang_given = cli.lang.is_some();
    let env = Env {
        lang: match cli.lang {
            Some(LangArg::Ru) => Lang::Ru,
            Some(LangArg::En) => Lang::En,
            None => Lang::from_env(),
        },
        color: match cli.color {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => {
                std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        },
    };
    crate::confine::set_root_for(&cli.command.paths(), cli.root.as_deref());
    match cli.command {
        Command::Check(args) => check::run(&args, &env),
        Command::Fmt(args) => fmt::run(&args, &env),
        Command::Instantiate(args) => instantiate::run(&args, &env),
        Command::Schedule(args) => schedule::run(&args, &env),
        Command::Graph(args) => graph::run(&args, &env),
        Command::Import(args) => import::run(&args, &env),
        Command::Form(args) => form::run(&args, &env),
        Command::Marks(args) => marks::run(&args, &env),
        Command::Status(args) => status::run(&args, &env),
        Command::Next(args) => next::run(&args, &env),
        Command::Remind(args) => remind::run(&args, &env),
        Command::Watch(args) => watch::run(&args, &env),
        Command::Serve(args) => serve::run(&args, &env),
        Command::Lsp(args) => lsp::run(&args, &env, lang_given),
        Command::Assets(args) => assets::run(&args, &env),
    }
}

/// Help, the version, or why the arguments were refused, as clap renders
/// them, in `lang`; returns the exit code.
fn print_clap_error(err: &clap::Error, lang: Lang) -> i32 {
    if lang == Lang::En {
        let _ = err.print();
    } else {
        let rendered = err.render();
        let terminal = if err.use_stderr() {
            std::io::stderr().is_terminal()
        } else {
            std::io::stdout().is_terminal()
        };
        let text = if terminal && std::env::var_os("NO_COLOR").is_none() {
            rendered.ansi().to_string()
        } else {
            rendered.to_string()
        };
        let text = help::frame(lang, text);
        if err.use_stderr() {
            eprint!("{text}");
        } else {
            // Help cut short by its reader (`| head`) is not an error.
            let _ = stdout::write(text.as_bytes());
        }
    }
    if err.use_stderr() {
        FAILURE
    } else {
        CLEAN
    }
}

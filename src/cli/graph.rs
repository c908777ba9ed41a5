//! `roadmap graph PATH`: the dependency graph for Graphviz or Mermaid, each
//! activity a node «number. title» in its section, the critical path marked.

use super::schedule::{emit, load};
use super::{Env, FAILURE};
use crate::render::{self, By, GraphFormat, Options};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The roadmap file.
    pub path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    pub format: GraphFormat,
    /// A folder whose templates (same file names as templates/) replace the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Write here (atomically) instead of to standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE when it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
}

pub fn run(args: &Args, env: &Env) -> i32 {
    let loaded = match load(&args.path, env) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let options = Options {
        lang: env.lang,
        as_of: chrono::Local::now().date_naive(),
        period_ended: None,
        by: By::Section,
        party: None,
        templates: args.templates.clone(),
        file: args.path.display().to_string(),
        findings: loaded.findings.clone(),
        progress: false,
    };
    let code = match render::graph(
        args.format,
        &loaded.roadmap,
        &loaded.graph,
        &loaded.schedule,
        &options,
    ) {
        Ok(text) => emit(
            text.as_bytes(),
            args.output.as_deref(),
            args.force,
            false,
            env.lang,
        ),
        Err(e) => {
            eprintln!("{}", e.message(env.lang));
            FAILURE
        }
    };
    loaded.exit_code(code)
}

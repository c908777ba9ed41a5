//! `roadmap next PATH`: what can be acted on now — overdue, due soon, in
//! progress or ready — by due date.

use super::status::On;
use super::stdout::print;
use super::{Env, FAILURE};
use crate::render::findings;
use crate::state;
use crate::state::report;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The roadmap file (its NAME.status next to it is read too).
    pub path: PathBuf,
    #[command(flatten)]
    pub on: On,
    /// Only the activities this party (its id) is responsible for.
    #[arg(long, value_name = "ID")]
    pub party: Option<String>,
    /// Output format: text, one line per activity; json, the activities' states (docs/state.md).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// A folder whose templates (same file names as templates/) replace the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

pub fn run(args: &Args, env: &Env) -> i32 {
    let loaded = match super::schedule::load(&args.path, env) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let (roadmap, schedule) = (&loaded.roadmap, &loaded.schedule);
    let party = args
        .party
        .as_deref()
        .map(|p| crate::model::declared_party(roadmap, p));
    if let Err(e) = report::check_party(roadmap, party) {
        eprintln!("{}", e.message(env.lang));
        return FAILURE;
    }
    let options = args.on.options();
    let assessment = state::assess(roadmap, schedule, &options);
    let items = report::actionable(&assessment, party);
    let file = args.path.display().to_string();
    let text = match args.format {
        Format::Json => {
            let doc = serde_json::json!({
                "format": "roadmap-next",
                "version": 1,
                "as_of": options.as_of,
                "within_days": options.within,
                "party": party,
                "activities": items,
            });
            Ok(format!(
                "{}\n",
                serde_json::to_string_pretty(&doc).expect("serializable")
            ))
        }
        Format::Text => report::render_next(
            roadmap,
            &items,
            options.as_of,
            options.within,
            party,
            &file,
            env.lang,
            args.templates.as_deref(),
        ),
    };
    let kind = match args.format {
        Format::Json => findings::Kind::Json,
        Format::Text => findings::Kind::Text,
    };
    let code = match text {
        Ok(text) => print(
            &findings::append(text, kind, &loaded.findings, env.lang),
            env.lang,
        ),
        Err(e) => {
            eprintln!("{}", e.message(env.lang));
            FAILURE
        }
    };
    loaded.exit_code(code)
}

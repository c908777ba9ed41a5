//! Any bytes through the whole pipeline (syntax, model, graph, checks and the
//! human renderer): nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use roadmap::diagnostic::{Format, Report};
use roadmap::lang::Lang;

fuzz_target!(|data: &[u8]| {
    let run = roadmap::run::check_bytes("fuzz.roadmap".into(), data.to_vec());
    let report = Report {
        sources: &run.workspace.sources,
        diagnostics: &run.diagnostics,
        files: 1,
        activities: run.activities,
    };
    let _ = report.render(Format::Human, Lang::Ru);
    let _ = report.render(Format::Json, Lang::En);
});

//! The findings of a check as LSP diagnostics: the same codes and messages
//! as `roadmap check`, in the user's language, with their related places.

use super::text::Lines;
use super::workspace::Analysis;
use crate::code::Severity;
use crate::lang::Lang;
use lsp_types::{DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Url};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Every finding, by file.
pub fn by_file(analysis: &Analysis, lang: Lang) -> BTreeMap<PathBuf, Vec<lsp_types::Diagnostic>> {
    let mut out: BTreeMap<PathBuf, Vec<lsp_types::Diagnostic>> = BTreeMap::new();
    for d in &analysis.run.diagnostics {
        let lines = Lines::new(analysis.text(d.span.file));
        let mut message = d.message.get(lang).to_string();
        if let Some(help) = &d.help {
            message.push('\n');
            message.push_str(help.get(lang));
        }
        let related: Vec<DiagnosticRelatedInformation> = d
            .labels
            .iter()
            .filter_map(|label| {
                let uri = Url::from_file_path(analysis.path(label.span.file)).ok()?;
                let lines = Lines::new(analysis.text(label.span.file));
                Some(DiagnosticRelatedInformation {
                    location: Location::new(uri, lines.range(label.span.start, label.span.end)),
                    message: label.text.get(lang).to_string(),
                })
            })
            .collect();
        out.entry(analysis.path(d.span.file))
            .or_default()
            .push(lsp_types::Diagnostic {
                range: lines.range(d.span.start, d.span.end),
                severity: Some(match d.severity() {
                    Severity::Error => DiagnosticSeverity::ERROR,
                    Severity::Warning => DiagnosticSeverity::WARNING,
                }),
                code: Some(NumberOrString::String(d.code.as_str().to_string())),
                source: Some("roadmap".to_string()),
                message,
                related_information: (!related.is_empty()).then_some(related),
                ..lsp_types::Diagnostic::default()
            });
    }
    out
}

//! The JSON report: one document, stable field names (docs/diagnostics.md).

use super::{Diagnostic, Report};
use crate::code::{Code, Severity};
use crate::lang::Lang;
use crate::source::{Sources, Span};
use serde::Serialize;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    summary: Summary,
    diagnostics: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    activities: usize,
    errors: usize,
    warnings: usize,
}

/// A place in a file, 1-based; the end is exclusive.
#[derive(Serialize)]
pub(super) struct Place {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl Place {
    pub fn of(sources: &Sources, span: Span) -> Place {
        let file = sources.get(span.file);
        let (start, end) = (file.position(span.start), file.position(span.end));
        Place {
            file: file.path.display().to_string(),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
        }
    }
}

#[derive(Serialize)]
struct Item<'a> {
    severity: Severity,
    code: Code,
    message: &'a str,
    #[serde(flatten)]
    place: Place,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
    labels: Vec<Label<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct Label<'a> {
    #[serde(flatten)]
    place: Place,
    message: &'a str,
}

fn item<'a>(sources: &Sources, d: &'a Diagnostic, lang: Lang) -> Item<'a> {
    Item {
        severity: d.severity(),
        code: d.code,
        message: d.message.get(lang),
        place: Place::of(sources, d.span),
        label: d.label.as_ref().map(|t| t.get(lang)),
        labels: d
            .labels
            .iter()
            .map(|l| Label {
                place: Place::of(sources, l.span),
                message: l.text.get(lang),
            })
            .collect(),
        help: d.help.as_ref().map(|t| t.get(lang)),
    }
}

pub(super) fn render(report: &Report<'_>, lang: Lang) -> String {
    let document = Document {
        version: 1,
        summary: Summary {
            files: report.files,
            activities: report.activities,
            errors: report.errors(),
            warnings: report.warnings(),
        },
        diagnostics: report
            .diagnostics
            .iter()
            .map(|d| item(report.sources, d, lang))
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&document).expect("the report is plain data");
    out.push('\n');
    out
}

//! GitHub Actions workflow commands: each finding becomes an annotation on
//! the pull request's diff.

use super::json::Place;
use super::Report;
use crate::code::Severity;
use crate::lang::Lang;

/// Escapes a command's message (`%`, CR, LF).
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (also `:` and `,`).
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

pub(super) fn render(report: &Report<'_>, lang: Lang) -> String {
    let mut out = String::new();
    for d in report.diagnostics {
        let place = Place::of(report.sources, d.span);
        let command = match d.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut message = d.message.get(lang).to_string();
        if let Some(help) = &d.help {
            message.push('\n');
            message.push_str(help.get(lang));
        }
        out.push_str(&format!(
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            property(&place.file),
            place.line,
            place.column,
            place.end_line,
            place.end_column,
            property(&format!("{} {}", d.code, d.code.describe(lang))),
            data(&message),
        ));
    }
    out
}

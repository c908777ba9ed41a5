//! Edits the server offers: the whole file laid out as `roadmap fmt` lays
//! it out, and each diagnostic's suggestion («Может быть, «ОО»?») applied.

use super::text::Lines;
use super::workspace::Analysis;
use crate::source::{FileId, SourceFile};
use crate::syntax;
use lsp_types::{CodeAction, CodeActionKind, TextEdit, Url, WorkspaceEdit};
use std::collections::HashMap;

/// The file laid out as `fmt` does; `None` when it does not parse (as `fmt`
/// refuses it) or is laid out already.
pub fn format(path: &std::path::Path, text: &str) -> Option<Vec<TextEdit>> {
    let (doc, diagnostics) = syntax::parse(FileId(0), text);
    if diagnostics
        .iter()
        .any(|d| d.severity() == crate::code::Severity::Error)
    {
        return None;
    }
    let file = SourceFile::new(path.to_path_buf(), text);
    let formatted = crate::format::format(&file, &doc);
    if formatted == text {
        return Some(Vec::new());
    }
    Some(vec![TextEdit::new(Lines::new(text).whole(), formatted)])
}

/// The replacement a finding suggests: the name in «Did you mean `X`?» or
/// «Did you mean 4.2?» — a party, an activity, a parameter, never a key
/// (whose finding covers the whole line).
fn suggestion(d: &crate::diagnostic::Diagnostic) -> Option<&str> {
    let help = &d.help.as_ref()?.en;
    let rest = help.strip_prefix("Did you mean ")?;
    let name = rest[..rest.find('?')?].trim_matches('`');
    (!name.is_empty() && !name.ends_with(':') && !name.contains(' ')).then_some(name)
}

/// Quick fixes for the findings of file `id` that touch `start..end`.
pub fn actions(
    analysis: &Analysis,
    id: FileId,
    uri: &Url,
    start: usize,
    end: usize,
    lang: crate::lang::Lang,
) -> Vec<CodeAction> {
    let lines = Lines::new(analysis.text(id));
    analysis
        .run
        .diagnostics
        .iter()
        .filter(|d| d.span.file == id && d.span.start <= end && start <= d.span.end)
        .filter_map(|d| {
            let replacement = suggestion(d)?;
            let edit = TextEdit::new(
                lines.range(d.span.start, d.span.end),
                replacement.to_string(),
            );
            Some(CodeAction {
                title: match lang {
                    crate::lang::Lang::Ru => format!("Заменить на «{replacement}»"),
                    crate::lang::Lang::En => format!("Replace with `{replacement}`"),
                },
                kind: Some(CodeActionKind::QUICKFIX),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                    ..WorkspaceEdit::default()
                }),
                is_preferred: Some(true),
                ..CodeAction::default()
            })
        })
        .collect()
}

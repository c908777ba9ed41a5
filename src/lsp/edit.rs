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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::Code;
    use crate::source::Span;

    fn with_help(en: &str) -> crate::diagnostic::Diagnostic {
        crate::diagnostic::Diagnostic::new(
            Code::IncludeNotFound,
            Span::new(FileId(0), 0, 1),
            crate::lang::Text::new("", ""),
        )
        .with_help(crate::lang::Text::new("", en))
    }

    #[test]
    fn a_suggested_name_is_a_fix_and_a_suggested_key_is_not() {
        assert_eq!(suggestion(&with_help("Did you mean `ОО`?")), Some("ОО"));
        assert_eq!(suggestion(&with_help("Did you mean 4.2?")), Some("4.2"));
        assert_eq!(suggestion(&with_help("Did you mean `срок:`?")), None);
        assert_eq!(suggestion(&with_help("Declare it with `участник`")), None);
    }

    #[test]
    fn formatting_a_file_that_does_not_parse_offers_nothing() {
        let path = std::path::Path::new("a.roadmap");
        assert_eq!(format(path, "мероприятие 1. А\n  срок 2022\n"), None);
        let laid_out = "дорожная карта: Т\nпериод: 2022\n";
        assert_eq!(format(path, laid_out), Some(Vec::new()));
    }
}

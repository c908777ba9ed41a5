//! Semantic tokens: a legend any LSP client can colour a roadmap by —
//! keywords, activity and section numbers, party ids, timings, comments.

use super::text::Lines;
use crate::syntax::{Document, Key, LineKind};
use lsp_types::{SemanticToken, SemanticTokenType, SemanticTokensLegend};

const TYPES: [SemanticTokenType; 6] = [
    SemanticTokenType::KEYWORD,
    SemanticTokenType::NUMBER,
    SemanticTokenType::VARIABLE,
    SemanticTokenType::STRING,
    SemanticTokenType::COMMENT,
    SemanticTokenType::NAMESPACE,
];
const KEYWORD: u32 = 0;
const NUMBER: u32 = 1;
const VARIABLE: u32 = 2;
const STRING: u32 = 3;
const COMMENT: u32 = 4;
const NAMESPACE: u32 = 5;

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TYPES.to_vec(),
        token_modifiers: Vec::new(),
    }
}

/// Every token of the file, in order, encoded relative to the one before.
pub fn tokens(doc: &Document, text: &str) -> Vec<SemanticToken> {
    let lines = Lines::new(text);
    let mut spans: Vec<(usize, usize, u32)> = Vec::new();
    for line in &doc.lines {
        let start = line.span.start;
        let body = &text[start..line.span.end];
        let indent = body.len() - body.trim_start().len();
        let at = |r: &std::ops::Range<usize>, t: u32| (start + r.start, start + r.end, t);
        match &line.kind {
            LineKind::Comment { .. } => spans.push((start + indent, line.span.end, COMMENT)),
            LineKind::Keyed {
                key,
                key_range,
                value,
                ..
            } => {
                spans.push(at(key_range, KEYWORD));
                let kind = match key {
                    Key::By | Key::Owner => VARIABLE,
                    Key::After => NUMBER,
                    Key::When | Key::Rescheduled | Key::Period | Key::Started | Key::Done => STRING,
                    _ => continue,
                };
                spans.push(at(value, kind));
            }
            LineKind::Party { id, .. } => {
                spans.push((start + indent, start + id.start, KEYWORD));
                spans.push(at(id, VARIABLE));
            }
            LineKind::Section { number, .. } => {
                spans.push((start + indent, start + number.start, KEYWORD));
                spans.push(at(number, NAMESPACE));
            }
            LineKind::Activity { number, .. } => {
                spans.push((start + indent, start + number.start, KEYWORD));
                spans.push(at(number, NUMBER));
            }
            LineKind::Stage { label, .. } | LineKind::Parameter { name: label, .. } => {
                spans.push((start + indent, start + label.start, KEYWORD));
            }
            _ => {}
        }
    }
    let mut out = Vec::with_capacity(spans.len());
    let (mut line, mut column) = (0, 0);
    for (s, e, kind) in spans {
        // A keyword up to the number: without the blank before it.
        let e = s + text[s..e].trim_end().len();
        if e <= s {
            continue;
        }
        let (from, to) = (lines.position(s), lines.position(e));
        if to.line != from.line {
            continue;
        }
        let delta_start = if from.line == line {
            from.character - column
        } else {
            from.character
        };
        out.push(SemanticToken {
            delta_line: from.line - line,
            delta_start,
            length: to.character - from.character,
            token_type: kind,
            token_modifiers_bitset: 0,
        });
        line = from.line;
        column = from.character;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    #[test]
    fn tokens_count_cyrillic_in_utf16_units_line_by_line() {
        let text = "# заметка\nмероприятие 1.2. А\n  ответственный: ОО\n";
        let (doc, _) = crate::syntax::parse(FileId(0), text);
        let got: Vec<(u32, u32, u32, u32)> = tokens(&doc, text)
            .iter()
            .map(|t| (t.delta_line, t.delta_start, t.length, t.token_type))
            .collect();
        assert_eq!(
            got,
            [
                (0, 0, 9, COMMENT),
                (1, 0, 11, KEYWORD),
                (0, 12, 3, NUMBER),
                (1, 2, 13, KEYWORD),
                (0, 15, 2, VARIABLE),
            ]
        );
    }
}

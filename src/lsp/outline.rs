//! The outline of a file (sections with their activities, parties) and the
//! ranges an editor can fold (a section, an activity with its properties).

use super::text::Lines;
use crate::syntax::Document;
use lsp_types::{DocumentSymbol, FoldingRange, SymbolKind};

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be named to build one.
fn symbol(
    name: String,
    kind: SymbolKind,
    range: lsp_types::Range,
    selection: lsp_types::Range,
    children: Vec<DocumentSymbol>,
) -> DocumentSymbol {
    DocumentSymbol {
        name,
        detail: None,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range: selection,
        children: (!children.is_empty()).then_some(children),
    }
}

/// Where each activity's block ends: its last property or stage line.
fn activity_end(activity: &crate::syntax::ActivityDecl) -> usize {
    activity
        .properties
        .iter()
        .chain(activity.stages.iter().flat_map(|s| &s.properties))
        .map(|p| p.value.span.end)
        .chain(activity.stages.iter().map(|s| s.label.span.end))
        .chain([activity.title.span.end, activity.number.span.end])
        .max()
        .unwrap_or(activity.number.span.end)
}

pub fn symbols(doc: &Document, lines: &Lines) -> Vec<DocumentSymbol> {
    let mut out = Vec::new();
    for party in &doc.parties {
        let range = lines.range(
            party.id.span.start,
            party.name.span.end.max(party.id.span.end),
        );
        out.push(symbol(
            format!("{} — {}", party.id.text, party.name.text),
            SymbolKind::OBJECT,
            range,
            lines.range(party.id.span.start, party.id.span.end),
            Vec::new(),
        ));
    }
    let activity_symbol = |a: &crate::syntax::ActivityDecl| {
        let title = if a.title.text.is_empty() {
            a.number.text.clone()
        } else {
            format!("{} {}", a.number.text, a.title.text)
        };
        symbol(
            title,
            SymbolKind::EVENT,
            lines.range(a.number.span.start, activity_end(a)),
            lines.range(a.number.span.start, a.number.span.end),
            Vec::new(),
        )
    };
    for a in doc.activities.iter().filter(|a| a.section.is_none()) {
        out.push(activity_symbol(a));
    }
    for (i, section) in doc.sections.iter().enumerate() {
        let children: Vec<DocumentSymbol> = doc
            .activities
            .iter()
            .filter(|a| a.section == Some(i))
            .map(activity_symbol)
            .collect();
        let end = doc
            .activities
            .iter()
            .filter(|a| a.section == Some(i))
            .map(activity_end)
            .max()
            .unwrap_or(section.title.span.end);
        out.push(symbol(
            format!("{} {}", section.number.text, section.title.text),
            SymbolKind::NAMESPACE,
            lines.range(section.number.span.start, end),
            lines.range(section.number.span.start, section.number.span.end),
            children,
        ));
    }
    out
}

pub fn folding(doc: &Document, lines: &Lines) -> Vec<FoldingRange> {
    let fold = |start: usize, end: usize| {
        let (s, e) = (lines.position(start).line, lines.position(end).line);
        (e > s).then_some(FoldingRange {
            start_line: s,
            end_line: e,
            ..FoldingRange::default()
        })
    };
    let mut out: Vec<FoldingRange> = doc
        .activities
        .iter()
        .filter_map(|a| fold(a.number.span.start, activity_end(a)))
        .collect();
    for (i, section) in doc.sections.iter().enumerate() {
        if let Some(end) = doc
            .activities
            .iter()
            .filter(|a| a.section == Some(i))
            .map(activity_end)
            .max()
        {
            out.extend(fold(section.number.span.start, end));
        }
    }
    out
}

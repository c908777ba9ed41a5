//! What stands under the cursor — a party id, an activity number, a file
//! named by `подключить:` — and every place in a set of files that names
//! the same party or activity.

use crate::source::{FileId, Span};
use crate::syntax::{self, fold_case, parse_dependency, Document, Key, Property};
use std::path::{Path, PathBuf};

/// Something a roadmap names in several places.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Symbol {
    Party(String),
    Activity(String),
    /// `параметр школа` and every `{школа}` that uses it.
    Parameter(String),
    File(PathBuf),
}

/// The symbol at a byte offset of `path`'s text (`doc` is its tree), with
/// the span it covers.
pub fn at(doc: &Document, text: &str, path: &Path, offset: usize) -> Option<(Symbol, Span)> {
    let inside = |s: &Span| s.start <= offset && offset <= s.end;
    let file = doc.lines.first().map_or(FileId(0), |l| l.span.file);
    for parameter in &doc.parameters {
        if inside(&parameter.name.span) {
            return Some((
                Symbol::Parameter(parameter.name.text.clone()),
                parameter.name.span,
            ));
        }
    }
    if let Some((name, start, end)) = uses(text).find(|&(_, s, e)| s <= offset && offset <= e) {
        return Some((
            Symbol::Parameter(name.to_string()),
            Span::new(file, start, end),
        ));
    }
    for party in &doc.parties {
        if inside(&party.id.span) {
            return Some((Symbol::Party(party.id.text.clone()), party.id.span));
        }
    }
    for header in &doc.headers {
        if !inside(&header.value.span) {
            continue;
        }
        match header.key {
            Key::Owner => {
                return Some((Symbol::Party(header.value.text.clone()), header.value.span))
            }
            Key::Include | Key::Extends | Key::StatusOf => {
                let (name, span) = item_at(&header.value.text, header.value.span, offset)?;
                let dir = path.parent().unwrap_or(Path::new("."));
                return Some((
                    Symbol::File(super::workspace::absolute(&dir.join(name))),
                    span,
                ));
            }
            _ => {}
        }
    }
    for activity in &doc.activities {
        if inside(&activity.number.span) {
            return Some((
                Symbol::Activity(activity.number.text.clone()),
                activity.number.span,
            ));
        }
        let properties = activity
            .properties
            .iter()
            .chain(activity.stages.iter().flat_map(|s| &s.properties));
        if let Some(property) = properties.into_iter().find(|p| inside(&p.value.span)) {
            return reference_at(property, offset);
        }
    }
    None
}

/// A party of `ответственный:` or an activity of `после:` at `offset`.
fn reference_at(property: &Property, offset: usize) -> Option<(Symbol, Span)> {
    let (item, span) = item_at(&property.value.text, property.value.span, offset)?;
    match property.key {
        Key::By => Some((Symbol::Party(item.to_string()), span)),
        Key::After => {
            let number = parse_dependency(item)?.number;
            let within = span.sub(number.start, number.end);
            Some((Symbol::Activity(item[number].to_string()), within))
        }
        _ => None,
    }
}

/// The comma-separated item of a value that holds `offset`, trimmed.
fn item_at(value: &str, span: Span, offset: usize) -> Option<(&str, Span)> {
    items(value, span).find(|(_, s)| s.start <= offset && offset <= s.end)
}

/// Every comma-separated item of a value, trimmed, with its span.
fn items(value: &str, span: Span) -> impl Iterator<Item = (&str, Span)> {
    let mut start = 0;
    value.split(',').map(move |raw| {
        let leading = raw.len() - raw.trim_start().len();
        let item = raw.trim();
        let s = span.sub(start + leading, start + leading + item.len());
        start += raw.len() + 1;
        (item, s)
    })
}

/// Every `{name}` in a text: the name and its byte range, braces left out.
fn uses(text: &str) -> impl Iterator<Item = (&str, usize, usize)> {
    text.match_indices('{').filter_map(move |(open, _)| {
        let rest = &text[open + 1..];
        let close = rest.find(['}', '{', '\n'])?;
        let name = &rest[..close];
        let valid = rest[close..].starts_with('}')
            && !name.is_empty()
            && name.chars().all(|c| c.is_alphanumeric() || c == '_');
        valid.then_some((name, open + 1, open + 1 + close))
    })
}

/// Every place in one file's text that names `symbol` (byte ranges).
pub fn occurrences(text: &str, symbol: &Symbol) -> Vec<(usize, usize)> {
    let (doc, _) = syntax::parse(FileId(0), text);
    let mut out = Vec::new();
    match symbol {
        Symbol::Party(id) => {
            let id = fold_case(id);
            let same = |t: &str| fold_case(t) == id;
            for party in doc.parties.iter().filter(|p| same(&p.id.text)) {
                out.push(party.id.span);
            }
            for header in doc.headers.iter().filter(|h| h.key == Key::Owner) {
                if same(header.value.text.trim()) {
                    out.push(header.value.span);
                }
            }
            for property in all_properties(&doc).filter(|p| p.key == Key::By) {
                for (item, span) in items(&property.value.text, property.value.span) {
                    if same(item) {
                        out.push(span);
                    }
                }
            }
        }
        Symbol::Activity(number) => {
            for activity in doc.activities.iter().filter(|a| a.number.text == *number) {
                out.push(activity.number.span);
            }
            for property in all_properties(&doc).filter(|p| p.key == Key::After) {
                for (item, span) in items(&property.value.text, property.value.span) {
                    if let Some(dep) = parse_dependency(item) {
                        if item[dep.number.clone()] == **number {
                            out.push(span.sub(dep.number.start, dep.number.end));
                        }
                    }
                }
            }
        }
        Symbol::Parameter(name) => {
            for parameter in doc.parameters.iter().filter(|p| p.name.text == *name) {
                out.push(parameter.name.span);
            }
            for (used, start, end) in uses(text) {
                if used == name {
                    out.push(Span::new(FileId(0), start, end));
                }
            }
        }
        Symbol::File(_) => {}
    }
    out.sort();
    out.into_iter().map(|s| (s.start, s.end)).collect()
}

/// Where `symbol` is declared in one file's text.
pub fn declarations(text: &str, symbol: &Symbol) -> Vec<(usize, usize)> {
    let (doc, _) = syntax::parse(FileId(0), text);
    match symbol {
        Symbol::Party(id) => doc
            .parties
            .iter()
            .filter(|p| fold_case(&p.id.text) == fold_case(id))
            .map(|p| (p.id.span.start, p.id.span.end))
            .collect(),
        Symbol::Activity(number) => doc
            .activities
            .iter()
            .filter(|a| a.number.text == *number && !a.title.text.is_empty())
            .map(|a| (a.number.span.start, a.number.span.end))
            .collect(),
        // The template's declaration; a plan's binding repeats the name.
        Symbol::Parameter(name) => doc
            .parameters
            .iter()
            .filter(|p| p.name.text == *name)
            .map(|p| (p.name.span.start, p.name.span.end))
            .collect(),
        Symbol::File(_) => vec![(0, 0)],
    }
}

fn all_properties(doc: &Document) -> impl Iterator<Item = &Property> {
    doc.activities.iter().flat_map(|a| {
        a.properties
            .iter()
            .chain(a.stages.iter().flat_map(|s| &s.properties))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "участник ОО: Школа\n\nмероприятие 1.1. А\n  ответственные: ОтделОбр, ОО\n\nмероприятие 1.2. Б\n  после: 1.1 + 5 дней\n";

    #[test]
    fn the_party_in_a_list_is_found_under_the_cursor() {
        let (doc, _) = syntax::parse(FileId(0), TEXT);
        let offset = TEXT.rfind("ОО").unwrap() + 1;
        let (symbol, span) = at(&doc, TEXT, Path::new("/a.roadmap"), offset).unwrap();
        assert_eq!(symbol, Symbol::Party("ОО".into()));
        assert_eq!(&TEXT[span.start..span.end], "ОО");
    }

    #[test]
    fn a_dependency_with_a_lag_names_only_its_number() {
        let (doc, _) = syntax::parse(FileId(0), TEXT);
        let offset = TEXT.rfind("1.1").unwrap();
        let (symbol, span) = at(&doc, TEXT, Path::new("/a.roadmap"), offset).unwrap();
        assert_eq!(symbol, Symbol::Activity("1.1".into()));
        assert_eq!(&TEXT[span.start..span.end], "1.1");
    }

    #[test]
    fn every_naming_of_a_party_is_found_and_no_other_word() {
        let found = occurrences(TEXT, &Symbol::Party("оо".into()));
        let texts: Vec<&str> = found.iter().map(|&(s, e)| &TEXT[s..e]).collect();
        assert_eq!(texts, ["ОО", "ОО"]);
        assert_eq!(occurrences(TEXT, &Symbol::Activity("1.1".into())).len(), 2);
    }

    #[test]
    fn a_parameter_is_found_in_its_declaration_and_in_every_use() {
        let text = "дорожная карта: План {школа}\nпараметр школа\nпараметр школа_2: x\n\nмероприятие 1. Анкетирование в {школа}, не {школа_2} и не {не имя}\n";
        let (doc, _) = syntax::parse(FileId(0), text);
        let offset = text.rfind("{школа}").unwrap() + 2;
        let (symbol, _) = at(&doc, text, Path::new("/t.roadmap"), offset).unwrap();
        assert_eq!(symbol, Symbol::Parameter("школа".into()));
        let found = occurrences(text, &symbol);
        assert_eq!(found.len(), 3);
        assert!(found.iter().all(|&(s, e)| &text[s..e] == "школа"));
        assert_eq!(declarations(text, &symbol).len(), 1);
    }
}

//! Completion: keywords in the file's language, party ids after
//! `ответственный:`, activity numbers after `после:`, and after `срок:` the
//! month names and a snippet for each timing form.

use super::workspace::Analysis;
use crate::lang::Lang;
use crate::render::text::{MONTHS_EN, MONTHS_NOM_RU};
use crate::source::FileId;
use crate::syntax::{self, Key, Script};
use lsp_types::{CompletionItem, CompletionItemKind, InsertTextFormat};

/// Timing forms (docs/timing.md) as snippets: label, snippet, in each language.
const FORMS_RU: [(&str, &str); 10] = [
    ("дата", "${1:01}.${2:03}.${3:2022}"),
    ("с … по …", "с ${1:01.02.2022} по ${2:28.02.2022}"),
    ("диапазон дат", "${1:17.01.} – ${2:04.02.2022}"),
    ("месяц", "${1:март} ${2:2022} года"),
    ("квартал", "${1|I,II,III,IV|} квартал ${2:2022} года"),
    ("полугодие", "${1|I,II|} полугодие ${2:2022} года"),
    ("до даты", "до ${1:01.03.2022}"),
    ("в течение года", "в течение ${1:2022} года"),
    (
        "повтор",
        "${1|еженедельно,ежемесячно,ежеквартально,ежегодно|}",
    ),
    ("по графику", "по графику ${1:СОИРО}"),
];
const FORMS_EN: [(&str, &str); 10] = [
    ("date", "${1:01}.${2:03}.${3:2022}"),
    ("from … to …", "from ${1:01.02.2022} to ${2:28.02.2022}"),
    ("date range", "${1:17.01.} – ${2:04.02.2022}"),
    ("month", "${1:March} ${2:2022}"),
    ("quarter", "Q${1|1,2,3,4|} ${2:2022}"),
    ("half-year", "H${1|1,2|} ${2:2022}"),
    ("deadline", "by ${1:01.03.2022}"),
    ("during the year", "during ${1:2022}"),
    ("repeat", "${1|weekly,monthly,quarterly,yearly|}"),
    ("per schedule", "per the schedule of ${1:SOIRO}"),
];

/// What to offer at `offset` of file `id`, whose line reads `before` up to it.
pub fn at(analysis: &Analysis, id: FileId, before: &str, lang: Lang) -> Vec<CompletionItem> {
    let text = analysis.text(id);
    let script = script_of(text);
    let trimmed = before.trim_start();
    let Some((key, _)) = trimmed.split_once(':') else {
        return keywords(script, before.len() > trimmed.len());
    };
    // Any spelling of a key («ответственные», «responsible») reads as one.
    let (doc, _) = syntax::parse(FileId(0), &format!("{}: x", key.trim()));
    let key = doc.lines.first().and_then(|l| match l.kind {
        syntax::LineKind::Keyed { key, .. } => Some(key),
        _ => None,
    });
    match key {
        Some(Key::By) | Some(Key::Owner) => parties(analysis, id),
        Some(Key::After) => activities(analysis, id),
        Some(Key::When) | Some(Key::Rescheduled) => timings(script, lang),
        _ => Vec::new(),
    }
}

fn item(label: &str, kind: CompletionItemKind, detail: Option<String>) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail,
        ..CompletionItem::default()
    }
}

/// The file's language: the script most of its keywords are in.
fn script_of(text: &str) -> Script {
    let (doc, _) = syntax::parse(FileId(0), text);
    let mut cyrillic = 0i32;
    for line in &doc.lines {
        if let syntax::LineKind::Keyed { script, .. }
        | syntax::LineKind::Activity { script, .. }
        | syntax::LineKind::Section { script, .. }
        | syntax::LineKind::Party { script, .. } = &line.kind
        {
            cyrillic += if *script == Script::Cyrillic { 1 } else { -1 };
        }
    }
    if cyrillic >= 0 {
        Script::Cyrillic
    } else {
        Script::Latin
    }
}

/// Keys and declarations; on an indented line, the properties of an activity.
fn keywords(script: Script, indented: bool) -> Vec<CompletionItem> {
    let pick = |(ru, en): (&'static str, &'static str)| match script {
        Script::Cyrillic => ru,
        Script::Latin => en,
    };
    let mut items: Vec<CompletionItem> = Key::ALL
        .into_iter()
        .filter(|k| {
            if indented {
                !k.is_header()
            } else {
                k.is_header()
            }
        })
        .map(|k| {
            let word = pick(k.spelling());
            CompletionItem {
                insert_text: Some(format!("{word}: ")),
                ..item(word, CompletionItemKind::KEYWORD, None)
            }
        })
        .collect();
    if !indented {
        for (ru, en) in [
            ("участник", "party"),
            ("раздел", "section"),
            ("мероприятие", "activity"),
            ("параметр", "parameter"),
        ] {
            items.push(item(pick((ru, en)), CompletionItemKind::KEYWORD, None));
        }
    } else {
        items.push(item(
            pick(("этап", "stage")),
            CompletionItemKind::KEYWORD,
            None,
        ));
    }
    items
}

fn parties(analysis: &Analysis, id: FileId) -> Vec<CompletionItem> {
    let mut seen = std::collections::HashSet::new();
    let mut items = Vec::new();
    for (roadmap, _) in analysis.roadmaps_of(id) {
        for party in &roadmap.parties {
            if seen.insert(party.id.text.clone()) {
                items.push(item(
                    &party.id.text,
                    CompletionItemKind::VARIABLE,
                    Some(party.name.clone()),
                ));
            }
        }
    }
    if items.is_empty() {
        // Not built (a file of parties alone): what the file declares.
        let doc = analysis.document(id);
        for party in &doc.parties {
            items.push(item(
                &party.id.text,
                CompletionItemKind::VARIABLE,
                Some(party.name.text.clone()),
            ));
        }
    }
    items
}

fn activities(analysis: &Analysis, id: FileId) -> Vec<CompletionItem> {
    let mut items = Vec::new();
    if let Some((roadmap, _)) = analysis.roadmaps_of(id).next() {
        for activity in &roadmap.activities {
            items.push(item(
                &activity.number.text,
                CompletionItemKind::REFERENCE,
                Some(activity.title.clone()),
            ));
        }
    }
    items
}

fn timings(script: Script, lang: Lang) -> Vec<CompletionItem> {
    let (forms, months) = match script {
        Script::Cyrillic => (FORMS_RU, MONTHS_NOM_RU),
        Script::Latin => (FORMS_EN, MONTHS_EN),
    };
    let mut items: Vec<CompletionItem> = forms
        .iter()
        .map(|(label, snippet)| CompletionItem {
            insert_text: Some(snippet.to_string()),
            insert_text_format: Some(InsertTextFormat::SNIPPET),
            ..item(
                label,
                CompletionItemKind::SNIPPET,
                Some(
                    match lang {
                        Lang::Ru => "форма срока",
                        Lang::En => "timing form",
                    }
                    .to_string(),
                ),
            )
        })
        .collect();
    items.extend(
        months
            .iter()
            .map(|m| item(m, CompletionItemKind::VALUE, None)),
    );
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_come_in_the_language_of_the_file() {
        let labels = |items: Vec<CompletionItem>| -> Vec<String> {
            items.into_iter().map(|i| i.label).collect()
        };
        let english = labels(keywords(Script::Latin, true));
        assert!(english.contains(&"when".to_string()), "{english:?}");
        assert!(!english.contains(&"срок".to_string()));
        let russian = labels(keywords(Script::Cyrillic, false));
        assert!(russian.contains(&"мероприятие".to_string()), "{russian:?}");
        assert!(russian.contains(&"период".to_string()));
        assert!(!russian.contains(&"срок".to_string()));
        assert_eq!(script_of("roadmap: T\nperiod: 2022\n"), Script::Latin);
        assert_eq!(script_of("дорожная карта: Т\n"), Script::Cyrillic);
    }
}

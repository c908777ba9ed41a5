//! Text to syntax tree: reads a file line by line and groups the lines into
//! headers, parties, sections, activities and stages, with spans for every part.

mod error;
mod line;

pub(crate) use line::{
    fold_case, parse_checkpoint, parse_dependency, parse_duration, DependencyItem,
};
pub use line::{Key, LagUnit, LineKind, Script};

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span};
use crate::text;

/// A piece of text and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned {
    pub text: String,
    pub span: Span,
}

/// A `key: value` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    pub key: Key,
    pub key_span: Span,
    /// The number written between the keyword and the colon: `задача 2:`.
    pub number: Option<Spanned>,
    pub value: Spanned,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyDecl {
    pub id: Spanned,
    pub name: Spanned,
    pub properties: Vec<Property>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionDecl {
    pub number: Spanned,
    pub title: Spanned,
    /// `риск:` and `финансирование:` lines under the section line.
    pub properties: Vec<Property>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageDecl {
    pub label: Spanned,
    pub properties: Vec<Property>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityDecl {
    pub number: Spanned,
    pub title: Spanned,
    /// Index into [`Document::sections`] of the section it stands in.
    pub section: Option<usize>,
    pub properties: Vec<Property>,
    pub stages: Vec<StageDecl>,
}

/// `параметр школа` (required) or `параметр школа: значение` (a default in a
/// template, a binding in a plan that extends it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParameterDecl {
    pub name: Spanned,
    pub value: Option<Spanned>,
}

/// One line as read, kept in order for `fmt`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub kind: LineKind,
    /// Indentation width, a tab counting as four spaces.
    pub indent: usize,
    /// The whole line without its break.
    pub span: Span,
}

/// A parsed file.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Document {
    pub headers: Vec<Property>,
    pub parameters: Vec<ParameterDecl>,
    pub parties: Vec<PartyDecl>,
    pub sections: Vec<SectionDecl>,
    pub activities: Vec<ActivityDecl>,
    pub lines: Vec<Line>,
}

impl Document {
    pub fn header(&self, key: Key) -> Option<&Property> {
        self.headers.iter().find(|h| h.key == key)
    }
}

/// Where the next property goes.
enum Owner {
    Nothing,
    Party(usize),
    Section(usize),
    Activity(usize),
    Stage {
        activity: usize,
        stage: usize,
        indent: usize,
    },
}

/// `line` with every control character but a tab replaced by as many spaces
/// as it has bytes.
fn blank_controls(line: &str) -> String {
    line.chars()
        .flat_map(|c| {
            let blank = c.is_control() && c != '\t';
            let n = if blank { c.len_utf8() } else { 1 };
            std::iter::repeat_n(if blank { ' ' } else { c }, n)
        })
        .collect()
}

/// Reads a whole file. Every line that cannot be read gives a diagnostic and
/// reading goes on at the next line, so one run reports every problem.
pub fn parse(file: FileId, text: &str) -> (Document, Vec<Diagnostic>) {
    let mut doc = Document::default();
    let mut diagnostics = Vec::new();
    let mut owner = Owner::Nothing;
    let mut offset = 0;
    for raw in text.split('\n') {
        let start = offset;
        offset += raw.len() + 1;
        let line_text = raw.strip_suffix('\r').unwrap_or(raw);
        let line_span = Span::new(file, start, start + line_text.len());
        if let Some((at, c)) = line_text
            .char_indices()
            .find(|&(_, c)| c.is_control() && c != '\t')
        {
            diagnostics.push(error::control_character(line_span, at, c));
        }
        // The line is read with each control character blanked (byte for
        // byte, so every column stays), so none reaches an output.
        let blanked;
        let line_text = if line_text.contains(|c: char| c.is_control() && c != '\t') {
            blanked = blank_controls(line_text);
            blanked.as_str()
        } else {
            line_text
        };
        let kind = match line::parse_line(line_text) {
            Ok(kind) => kind,
            Err(err) => {
                diagnostics.push(error::line_error(line_span, line_text, &err));
                continue;
            }
        };
        let indent = line_text
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .map(|c| if c == '\t' { 4 } else { 1 })
            .sum();
        let at = |r: &line::Range| Spanned {
            text: line_text[r.clone()].to_string(),
            span: line_span.sub(r.start, r.end),
        };
        match &kind {
            LineKind::Blank | LineKind::Comment { .. } => {}
            LineKind::Parameter { name, value, .. } => {
                owner = Owner::Nothing;
                if indent > 0 {
                    diagnostics.push(error::misplaced_parameter(line_span));
                    continue;
                }
                doc.parameters.push(ParameterDecl {
                    name: at(name),
                    value: value.as_ref().map(at).filter(|v| !v.text.is_empty()),
                });
            }
            LineKind::Party { id, name, .. } => {
                doc.parties.push(PartyDecl {
                    id: at(id),
                    name: at(name),
                    properties: Vec::new(),
                });
                owner = Owner::Party(doc.parties.len() - 1);
                require_value(&mut diagnostics, &at(name), line_span);
            }
            LineKind::Section { number, title, .. } => {
                doc.sections.push(SectionDecl {
                    number: at(number),
                    title: at(title),
                    properties: Vec::new(),
                });
                owner = Owner::Section(doc.sections.len() - 1);
                require_value(&mut diagnostics, &at(title), line_span);
            }
            LineKind::Activity { number, title, .. } => {
                doc.activities.push(ActivityDecl {
                    number: at(number),
                    title: at(title),
                    section: doc.sections.len().checked_sub(1),
                    properties: Vec::new(),
                    stages: Vec::new(),
                });
                owner = Owner::Activity(doc.activities.len() - 1);
            }
            LineKind::Stage { label, .. } => {
                let activity = match owner {
                    Owner::Activity(a) | Owner::Stage { activity: a, .. } if indent > 0 => a,
                    _ => {
                        diagnostics.push(error::misplaced_stage(line_span));
                        continue;
                    }
                };
                let stages = &mut doc.activities[activity].stages;
                stages.push(StageDecl {
                    label: at(label),
                    properties: Vec::new(),
                });
                owner = Owner::Stage {
                    activity,
                    stage: stages.len() - 1,
                    indent,
                };
            }
            LineKind::Keyed {
                key,
                key_range,
                value,
                ..
            } => {
                let written = &line_text[key_range.clone()];
                let from = written.trim_end_matches(|c: char| c.is_ascii_digit()).len();
                let number =
                    (from < written.len()).then(|| at(&(key_range.start + from..key_range.end)));
                let property = Property {
                    key: *key,
                    key_span: line_span.sub(key_range.start, key_range.end),
                    number,
                    value: at(value),
                };
                if let Some(d) = place(&mut doc, &mut owner, property, indent) {
                    diagnostics.push(d);
                }
            }
        }
        doc.lines.push(Line {
            kind,
            indent,
            span: line_span,
        });
    }
    (doc, diagnostics)
}

fn require_value(diagnostics: &mut Vec<Diagnostic>, value: &Spanned, line: Span) {
    if value.text.is_empty() {
        diagnostics.push(error::empty_value(line, None));
    }
}

/// Puts a property where it belongs, or says why it cannot stand here.
fn place(
    doc: &mut Document,
    owner: &mut Owner,
    property: Property,
    indent: usize,
) -> Option<Diagnostic> {
    let key = property.key;
    if property.value.text.is_empty() {
        return Some(error::empty_value(property.key_span, Some(key)));
    }
    if indent == 0 {
        if !key.is_header() {
            return Some(error::unindented_property(property.key_span, key));
        }
        *owner = Owner::Nothing;
        if !key.repeatable() {
            if let Some(first) = doc.header(key) {
                return Some(error::repeated(property.key_span, first.key_span, key));
            }
        }
        doc.headers.push(property);
        return None;
    }
    if let Owner::Stage {
        activity,
        indent: stage_indent,
        ..
    } = *owner
    {
        if indent <= stage_indent {
            *owner = Owner::Activity(activity);
        }
    }
    let list = match *owner {
        Owner::Party(p) if key.is_party_property() => &mut doc.parties[p].properties,
        Owner::Section(s) if key.is_section_property() => &mut doc.sections[s].properties,
        Owner::Activity(a) if key.is_activity_property() => &mut doc.activities[a].properties,
        Owner::Stage {
            activity, stage, ..
        } if key.is_activity_property() && key != Key::After => {
            &mut doc.activities[activity].stages[stage].properties
        }
        _ => {
            let context = match owner {
                Owner::Nothing => error::Context::TopLevel,
                Owner::Party(_) => error::Context::Party,
                Owner::Section(_) => error::Context::Section,
                Owner::Activity(_) => error::Context::Activity,
                Owner::Stage { .. } => error::Context::Stage,
            };
            return Some(error::misplaced_property(property.key_span, key, context));
        }
    };
    if !key.repeatable() {
        if let Some(first) = list.iter().find(|p| p.key == key) {
            return Some(error::repeated(property.key_span, first.key_span, key));
        }
    }
    list.push(property);
    None
}

/// The first invalid UTF-8 byte, reported before the text (made valid) is read.
pub fn decode(file: FileId, mut bytes: Vec<u8>) -> (String, Option<Diagnostic>) {
    // Notepad's byte order mark says «UTF-8»; it is not text.
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    // Lines ended by CR alone (classic Mac OS, some exports) are lines.
    if bytes.contains(&b'\r') && !bytes.contains(&b'\n') {
        for b in &mut bytes {
            if *b == b'\r' {
                *b = b'\n';
            }
        }
    }
    match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let diagnostic = Diagnostic::new(
                Code::NotUtf8,
                Span::new(file, valid, valid + char::REPLACEMENT_CHARACTER.len_utf8()),
                text!(
                    ru: "Файл не в кодировке UTF-8: байт 0x{:02X} на позиции {} не читается", bytes[valid], valid;
                    en: "The file is not UTF-8 text: byte 0x{:02X} at offset {} cannot be read", bytes[valid], valid
                ),
            )
            .with_label(text!(ru: "здесь"; en: "here"))
            .with_help(text!(
                ru: "Сохраните файл в UTF-8 (в Блокноте: «Сохранить как» → кодировка UTF-8)";
                en: "Save the file as UTF-8 (most editors: «Save with encoding» → UTF-8)"
            ));
            (text, Some(diagnostic))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> (Document, Vec<Diagnostic>) {
        parse(FileId(0), text)
    }

    #[test]
    fn control_characters_are_found_with_their_column() {
        for (c, column) in [
            ('\0', 7),
            ('\u{1b}', 7),
            ('\u{0b}', 7),
            ('\u{0c}', 7),
            ('\r', 7),
        ] {
            let text = format!("участник ОО: Ш{c}кола\n");
            let (_, diags) = doc(&text);
            let found: Vec<_> = diags
                .iter()
                .filter(|d| d.code == Code::ControlCharacter)
                .collect();
            assert_eq!(found.len(), 1, "{c:?}: {diags:?}");
            let file = crate::source::SourceFile::new("t".into(), text.as_str());
            assert_eq!(
                file.position(found[0].span.start).column,
                column + 8,
                "{c:?}"
            );
        }
        let (_, diags) = doc("участник ОО: Школа\r\n\tпочта: a@b.c\r\n");
        assert!(
            diags.iter().all(|d| d.code != Code::ControlCharacter),
            "{diags:?}"
        );
    }

    #[test]
    fn cr_only_line_ends_are_lines() {
        let (text, _) = decode(FileId(0), b"a\rb\r".to_vec());
        assert_eq!(text, "a\nb\n");
        let (text, _) = decode(FileId(0), b"a\r\nb\rc\n".to_vec());
        assert_eq!(text, "a\r\nb\rc\n");
    }

    #[test]
    fn groups_properties_under_declarations() {
        let (doc, diags) = doc("дорожная карта: Т\nпериод: 2022\n\nучастник ОО: Школа\n  почта: a@b.c\nраздел 1. Р\nмероприятие 1.1. М\n  срок: май\n  этап 2022:\n    результат: отчёт\n  ответственный: ОО\n");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(doc.headers.len(), 2);
        assert_eq!(doc.parties[0].properties.len(), 1);
        let activity = &doc.activities[0];
        assert_eq!(activity.section, Some(0));
        assert_eq!(activity.properties.len(), 2);
        assert_eq!(activity.stages[0].properties.len(), 1);
    }

    #[test]
    fn fields_of_real_tables_in_russian() {
        let (doc, diags) = doc("дорожная карта: Т\nцель: Повысить качество\nзадача 1: Провести анализ\nзадача 2: Составить план\nзадача: Без номера\nконтроль исполнения: Галак О.А.\nподписал: Т.А. Дё\nраздел 1. Р\n  риск: 2\n  финансирование: -\nмероприятие 1.1. М\n  документ: Приказ\n  подтверждающие документы: Протокол\n  риск: Дефицит педагогических кадров\n  финансирование: 100 тыс. руб.\n  этап 2022:\n    финансирование: 5 руб.\n    документ: Отчёт\n");
        assert!(diags.is_empty(), "{diags:?}");
        let keys: Vec<Key> = doc.headers.iter().map(|h| h.key).collect();
        assert_eq!(
            keys,
            [
                Key::Title,
                Key::Goal,
                Key::Task,
                Key::Task,
                Key::Task,
                Key::ControlledBy,
                Key::SignedBy
            ]
        );
        let numbers: Vec<Option<&str>> = doc
            .headers
            .iter()
            .map(|h| h.number.as_ref().map(|n| n.text.as_str()))
            .collect();
        assert_eq!(numbers[2..5], [Some("1"), Some("2"), None]);
        assert_eq!(doc.headers[2].value.text, "Провести анализ");
        let section: Vec<Key> = doc.sections[0].properties.iter().map(|p| p.key).collect();
        assert_eq!(section, [Key::Risk, Key::Funding]);
        let activity: Vec<Key> = doc.activities[0].properties.iter().map(|p| p.key).collect();
        assert_eq!(
            activity,
            [Key::Document, Key::Document, Key::Risk, Key::Funding]
        );
        assert_eq!(doc.activities[0].stages[0].properties.len(), 2);
    }

    #[test]
    fn fields_of_real_tables_in_english() {
        let (doc, diags) = doc("roadmap: T\ngoal: Better results\ntask 1: Analyse\ncontrolled by: Deputy head\nsigned by: Head of department\nsection 1. S\n  risk: 10\n  funding: 1 million RUB, federal budget\nactivity 1.1. A\n  document: Order\n  risks: Shortage of teaching staff\n  funding: not required\n");
        assert!(diags.is_empty(), "{diags:?}");
        let keys: Vec<Key> = doc.headers.iter().map(|h| h.key).collect();
        assert_eq!(
            keys,
            [
                Key::Title,
                Key::Goal,
                Key::Task,
                Key::ControlledBy,
                Key::SignedBy
            ]
        );
        assert_eq!(doc.headers[2].number.as_ref().unwrap().text, "1");
        assert_eq!(doc.sections[0].properties.len(), 2);
        let activity: Vec<Key> = doc.activities[0].properties.iter().map(|p| p.key).collect();
        assert_eq!(activity, [Key::Document, Key::Risk, Key::Funding]);
    }

    #[test]
    fn fields_out_of_place() {
        let (_, diags) = doc("цель: А\n  цель: Б\nраздел 1. Р\n  срок: май\nмероприятие 1. М\n  задача 1: В\nцель: Г\n");
        let codes: Vec<_> = diags.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            [
                Code::Misplaced,
                Code::Misplaced,
                Code::Misplaced,
                Code::Repeated
            ]
        );
    }

    #[test]
    fn recovers_after_a_bad_line() {
        let (doc, diags) = doc("мероприятие 1. А\n  срк: май\n  срок: июнь\nмероприятие 2. Б\n  срок: май\n  срок: июнь\n");
        assert_eq!(doc.activities.len(), 2);
        let codes: Vec<_> = diags.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::UnknownKeyword, Code::Repeated]);
    }

    #[test]
    fn misplaced_lines() {
        let (_, diags) = doc("срок: май\n  этап 1:\nучастник А: Б\n  срок: май\n");
        let codes: Vec<_> = diags.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::Misplaced, Code::Misplaced, Code::Misplaced]);
    }

    #[test]
    fn invalid_utf8_is_reported_and_read() {
        let (text, diag) = decode(FileId(0), b"ok\n\xff\xfe junk".to_vec());
        assert!(text.contains("junk"));
        assert_eq!(diag.unwrap().span.start, 3);
    }
}

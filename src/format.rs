//! The canonical layout of a roadmap file, so that diffs show facts and not
//! whitespace: headers first (in the order written), two-space indentation,
//! properties in a fixed order, one blank line before each section and activity. Keywords keep the
//! language they were written in, values (dates included) stay as written,
//! and every comment stays with the line it stood above.

use crate::source::SourceFile;
use crate::syntax::{Document, Key, Line, LineKind};

/// The order of properties within an activity, a stage, a party and the header.
fn rank(key: Key) -> usize {
    Key::ALL
        .iter()
        .position(|k| *k == key)
        .expect("every key is listed")
}

/// A line with the comments that stood right above it, and the comments
/// that stood apart above those (separated by a blank line), which keep
/// their blank line.
struct Item<'a> {
    detached: Vec<&'a Line>,
    comments: Vec<&'a Line>,
    line: &'a Line,
}

struct Stage<'a> {
    head: Item<'a>,
    properties: Vec<Item<'a>>,
}

enum Block<'a> {
    Party {
        head: Item<'a>,
        properties: Vec<Item<'a>>,
    },
    Section {
        head: Item<'a>,
        properties: Vec<Item<'a>>,
    },
    Activity {
        head: Item<'a>,
        properties: Vec<Item<'a>>,
        stages: Vec<Stage<'a>>,
    },
}

/// Lays out a file that parsed without errors. The result ends with one
/// line break.
pub fn format(file: &SourceFile, doc: &Document) -> String {
    let text = &file.text;
    let mut headers: Vec<Item> = Vec::new();
    let mut parameters: Vec<Item> = Vec::new();
    let mut blocks: Vec<Block> = Vec::new();
    let mut pending: Vec<&Line> = Vec::new();
    let mut detached: Vec<&Line> = Vec::new();
    let mut stage_indent = None;
    for line in &doc.lines {
        fn item<'a>(
            detached: &mut Vec<&'a Line>,
            pending: &mut Vec<&'a Line>,
            line: &'a Line,
        ) -> Item<'a> {
            Item {
                detached: std::mem::take(detached),
                comments: std::mem::take(pending),
                line,
            }
        }
        match &line.kind {
            LineKind::Blank => detached.append(&mut pending),
            LineKind::Comment { .. } => pending.push(line),
            LineKind::Party { .. } => {
                stage_indent = None;
                blocks.push(Block::Party {
                    head: item(&mut detached, &mut pending, line),
                    properties: Vec::new(),
                });
            }
            LineKind::Section { .. } => {
                stage_indent = None;
                blocks.push(Block::Section {
                    head: item(&mut detached, &mut pending, line),
                    properties: Vec::new(),
                });
            }
            LineKind::Activity { .. } => {
                stage_indent = None;
                blocks.push(Block::Activity {
                    head: item(&mut detached, &mut pending, line),
                    properties: Vec::new(),
                    stages: Vec::new(),
                });
            }
            LineKind::Stage { .. } => {
                if let Some(Block::Activity { stages, .. }) = blocks.last_mut() {
                    stage_indent = Some(line.indent);
                    stages.push(Stage {
                        head: item(&mut detached, &mut pending, line),
                        properties: Vec::new(),
                    });
                }
            }
            LineKind::Keyed { .. } if line.indent == 0 => {
                headers.push(item(&mut detached, &mut pending, line))
            }
            LineKind::Parameter { .. } => parameters.push(item(&mut detached, &mut pending, line)),
            LineKind::Keyed { .. } => {
                let in_stage = stage_indent.is_some_and(|s| line.indent > s);
                if !in_stage {
                    stage_indent = None;
                }
                match blocks.last_mut() {
                    Some(Block::Activity { stages, .. }) if in_stage => {
                        if let Some(stage) = stages.last_mut() {
                            stage
                                .properties
                                .push(item(&mut detached, &mut pending, line));
                        }
                    }
                    Some(Block::Activity { properties, .. })
                    | Some(Block::Party { properties, .. })
                    | Some(Block::Section { properties, .. }) => {
                        properties.push(item(&mut detached, &mut pending, line));
                    }
                    _ => {}
                }
            }
        }
    }

    let mut out = Writer {
        text,
        out: String::with_capacity(text.len() + 64),
    };
    for header in headers.iter().chain(&parameters) {
        out.item(header, 0);
    }
    let headers_written = !headers.is_empty() || !parameters.is_empty();
    let mut previous: Option<&Block> = None;
    for block in &blocks {
        let together = match (previous, block) {
            (Some(Block::Party { .. }), Block::Party { head, .. }) => {
                head.detached.is_empty() && head.comments.is_empty()
            }
            _ => false,
        };
        if !together && (previous.is_some() || headers_written) {
            out.blank();
        }
        match block {
            Block::Party { head, properties } => {
                out.item(head, 0);
                out.items(properties, 2);
            }
            Block::Section { head, properties } => {
                out.item(head, 0);
                out.items(properties, 2);
            }
            Block::Activity {
                head,
                properties,
                stages,
            } => {
                out.item(head, 0);
                out.items(properties, 2);
                for stage in stages {
                    out.item(&stage.head, 2);
                    out.items(&stage.properties, 4);
                }
            }
        }
        previous = Some(block);
    }
    detached.append(&mut pending);
    if !detached.is_empty() {
        if !out.out.is_empty() {
            out.blank();
        }
        for comment in detached {
            out.line(comment, 0);
        }
    }
    out.out
}

struct Writer<'a> {
    text: &'a str,
    out: String,
}

impl Writer<'_> {
    fn blank(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    fn items(&mut self, items: &[Item], indent: usize) {
        let mut order: Vec<&Item> = items.iter().collect();
        order.sort_by_key(|item| match item.line.kind {
            LineKind::Keyed { key, .. } => rank(key),
            _ => usize::MAX,
        });
        for item in order {
            self.item(item, indent);
        }
    }

    fn item(&mut self, item: &Item, indent: usize) {
        for comment in &item.detached {
            self.line(comment, indent);
        }
        if !item.detached.is_empty() {
            self.blank();
        }
        for comment in &item.comments {
            self.line(comment, indent);
        }
        self.line(item.line, indent);
    }

    /// One line in canonical spelling.
    fn line(&mut self, line: &Line, indent: usize) {
        let raw = &self.text[line.span.start..line.span.end];
        let part = |r: &std::ops::Range<usize>| raw[r.clone()].trim();
        let keyword = |r: &std::ops::Range<usize>| {
            raw[..r.start]
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string()
        };
        let body = match &line.kind {
            LineKind::Blank => String::new(),
            LineKind::Comment { text } => format!("#{}", raw[text.clone()].trim_end()),
            LineKind::Party { id, name, .. } => {
                format!("{} {}: {}", keyword(id), part(id), part(name))
            }
            LineKind::Section { number, title, .. } | LineKind::Activity { number, title, .. } => {
                if part(title).is_empty() {
                    format!("{} {}", keyword(number), part(number))
                } else {
                    format!("{} {}. {}", keyword(number), part(number), part(title))
                }
            }
            LineKind::Stage { label, .. } => format!("{} {}:", keyword(label), part(label)),
            LineKind::Parameter { name, value, .. } => match value {
                Some(value) if !part(value).is_empty() => {
                    format!("{} {}: {}", keyword(name), part(name), part(value))
                }
                _ => format!("{} {}", keyword(name), part(name)),
            },
            LineKind::Keyed {
                key_range, value, ..
            } => {
                // `задача  2` is written `задача 2`.
                let key: Vec<&str> = part(key_range).split_whitespace().collect();
                format!("{}: {}", key.join(" "), part(value))
            }
        };
        self.out.extend(std::iter::repeat_n(' ', indent));
        self.out.push_str(&body);
        self.out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;
    use crate::syntax::parse;

    fn fmt(text: &str) -> String {
        let file = SourceFile::new("t.roadmap".into(), text);
        let (doc, diagnostics) = parse(FileId(0), text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        format(&file, &doc)
    }

    #[test]
    fn canonical_layout() {
        let input = "дорожная карта: Т\nпериод:   2022\nучастник ОО:   Школа\n\tпочта: a@b.c\nучастник К: Кураторы\nраздел 1 Первый\n# о мероприятии\nмероприятие 1.1   Анкетирование\n    результат: Анкеты\n      # срок из приказа\n    срок:17.01. – 04.02.2022\n    этап 2022:\n        срок: май\n    ответственный: ОО\n# конец\n";
        let expected = "дорожная карта: Т\nпериод: 2022\n\nучастник ОО: Школа\n  почта: a@b.c\nучастник К: Кураторы\n\nраздел 1. Первый\n\n# о мероприятии\nмероприятие 1.1. Анкетирование\n  # срок из приказа\n  срок: 17.01. – 04.02.2022\n  ответственный: ОО\n  результат: Анкеты\n  этап 2022:\n    срок: май\n\n# конец\n";
        assert_eq!(fmt(input), expected);
        assert_eq!(fmt(expected), expected);
    }

    #[test]
    fn english_keywords_stay_english() {
        let input = "roadmap: T\nperiod: 2022\nactivity 1. A\n  by: P\n  when: May 2022\n";
        assert_eq!(
            fmt(input),
            "roadmap: T\nperiod: 2022\n\nactivity 1. A\n  when: May 2022\n  by: P\n"
        );
    }

    #[test]
    fn fields_of_real_tables_keep_their_place() {
        let input = "дорожная карта: Т\nподписал: Т.А. Дё\nцель:   Цель\nзадача   1:  Первая\nTask 2: Second\nпериод: 2022\nраздел 1. Р\n    финансирование: -\n  риск: 2\nмероприятие 1.1. М\n  примечание: п\n  финансирование: 2022: 5 руб.\n  риск: 3\n  документ: Приказ\n  результат: Р\n  срок: май\n";
        let expected = "дорожная карта: Т\nподписал: Т.А. Дё\nцель: Цель\nзадача 1: Первая\nTask 2: Second\nпериод: 2022\n\nраздел 1. Р\n  финансирование: -\n  риск: 2\n\nмероприятие 1.1. М\n  срок: май\n  результат: Р\n  документ: Приказ\n  финансирование: 2022: 5 руб.\n  риск: 3\n  примечание: п\n";
        assert_eq!(fmt(input), expected);
        assert_eq!(fmt(expected), expected);
    }

    #[test]
    fn empty_file_stays_empty() {
        assert_eq!(fmt(""), "");
        assert_eq!(fmt("# только комментарий\n"), "# только комментарий\n");
    }
}

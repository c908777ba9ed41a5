//! Diagnostics for people, drawn by miette: the source line, a caret under
//! the place, labels, and help — in colour only on a terminal.

use super::{Diagnostic, Report};
use crate::code::Severity;
use crate::lang::Lang;
use crate::source::{floor_char_boundary, SourceFile, Span};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use std::fmt;
use std::sync::Arc;

/// Lines longer than this many bytes are shown cut around the place they point at.
const LONG_LINE: usize = 1000;
/// Bytes kept on each side of a place on a long line.
const KEEP: usize = 160;
/// Diagnostics drawn in full per file; the rest are counted.
const PER_FILE: usize = 200;

/// The human renderer.
pub struct Human {
    handler: GraphicalReportHandler,
    lang: Lang,
}

/// Long lines of a message or help are wrapped at spaces and after a `/` (a
/// path breaks between its folders; «2022/2023» stays whole), and after a
/// hyphen as before.
/// miette's default looks for every Unicode line-break opportunity,
/// character by character, in every line it draws: most of the time `check`
/// spent on a small file, for breaks that Russian and English text take at
/// spaces anyway.
const WORDS: textwrap::WordSeparator = textwrap::WordSeparator::Custom(words);

/// The words of a line for [`WORDS`]: each with the spaces after it, or
/// ending with a `/` that is not followed by a digit.
fn words(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    let mut start = 0;
    let mut previous = None;
    let mut chars = line.char_indices();
    Box::new(std::iter::from_fn(move || {
        for (at, c) in chars.by_ref() {
            let after = previous.replace(c);
            let ends = match after {
                Some(' ') => c != ' ',
                Some('/') => c != ' ' && c != '/' && !c.is_ascii_digit(),
                _ => false,
            };
            if ends {
                let word = textwrap::core::Word::from(&line[start..at]);
                start = at;
                return Some(word);
            }
        }
        (start < line.len()).then(|| {
            let word = textwrap::core::Word::from(&line[start..]);
            start = line.len();
            word
        })
    }))
}

impl Human {
    /// No colour, fixed width: for pipes, files and tests.
    pub fn plain(lang: Lang) -> Human {
        Human {
            handler: GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
                .with_width(100)
                .with_links(false)
                .with_show_related_as_nested(true)
                .with_word_separator(WORDS),
            lang,
        }
    }

    /// Colour, for a terminal.
    pub fn coloured(lang: Lang) -> Human {
        Human {
            handler: GraphicalReportHandler::new_themed(GraphicalTheme::unicode())
                .with_links(false)
                .with_word_separator(WORDS),
            lang,
        }
    }

    pub fn render(&self, report: &Report<'_>) -> String {
        let mut out = String::new();
        let mut shown: std::collections::HashMap<crate::source::FileId, usize> = Default::default();
        let mut hidden: Vec<(crate::source::FileId, usize)> = Vec::new();
        for d in report.diagnostics {
            let count = shown.entry(d.span.file).or_default();
            *count += 1;
            if *count > PER_FILE {
                match hidden.iter_mut().find(|(f, _)| *f == d.span.file) {
                    Some((_, n)) => *n += 1,
                    None => hidden.push((d.span.file, 1)),
                }
                continue;
            }
            let view = View::new(report, d, self.lang);
            let mut one = String::new();
            // Rendering into a String cannot fail.
            let _ = self.handler.render_report(&mut one, &view);
            match self.lang {
                Lang::Ru => out.push_str(&russian_help(&one)),
                Lang::En => out.push_str(&one),
            }
            out.push('\n');
        }
        for (file, n) in hidden {
            let path = report.sources.get(file).path.display();
            out.push_str(&match self.lang {
                Lang::Ru => format!("… и ещё {n} в {path} (полный список: --format json)\n\n"),
                Lang::En => format!("… and {n} more in {path} (the full list: --format json)\n\n"),
            });
        }
        out
    }
}

/// miette heads the help line «help:» in every language; in Russian it says
/// «совет:», its wrapped lines moved one column right to stay under the text.
/// The help line is the first after the snippet's closing `╰`; its wrapped
/// lines are those indented by exactly eight spaces that follow it.
fn russian_help(rendered: &str) -> String {
    const HELP: &str = "  help: ";
    let Some(at) = rendered
        .find('╰')
        .and_then(|close| rendered[close..].find(HELP).map(|i| close + i))
    else {
        return rendered.to_string();
    };
    let mut out = String::with_capacity(rendered.len() + 16);
    out.push_str(&rendered[..at]);
    out.push_str("  совет: ");
    let mut lines = rendered[at + HELP.len()..].split_inclusive('\n');
    if let Some(first) = lines.next() {
        out.push_str(first);
    }
    let mut wrapped = true;
    for line in lines {
        wrapped = wrapped
            && line.len() > 8
            && line.starts_with("        ")
            && !line[8..].starts_with(' ');
        if wrapped {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// One diagnostic as miette sees it.
struct View {
    message: String,
    /// `None` for a place in another file shown under the main finding.
    severity: Option<Severity>,
    help: Option<String>,
    labels: Vec<LabeledSpan>,
    source: CharColumns,
    /// Places in other files (a template's line under a plan's finding).
    related: Vec<View>,
}

impl View {
    fn new(report: &Report<'_>, d: &Diagnostic, lang: Lang) -> View {
        let file = report.sources.get(d.span.file);
        let here: Vec<(Span, Option<String>, bool)> = std::iter::once((
            d.span,
            d.label.as_ref().map(|t| t.get(lang).to_string()),
            true,
        ))
        .chain(
            d.labels
                .iter()
                .filter(|l| inline(file, d.span, l.span))
                .map(|l| (l.span, Some(l.text.get(lang).to_string()), false)),
        )
        .map(|(span, text, primary)| (shorten(span), text, primary))
        .collect();
        let excerpt = Excerpt::new(file, here.iter().map(|(s, _, _)| *s));
        let severity = match (d.severity(), lang) {
            (Severity::Error, Lang::Ru) => "ошибка",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::Ru) => "предупреждение",
            (Severity::Warning, Lang::En) => "warning",
        };
        let mut message = format!("{severity}[{}]: {}", d.code, d.message.get(lang));
        if excerpt.shifted_columns {
            let at = file.position(d.span.start);
            message.push_str(&format!(
                " ({}:{}:{})",
                file.path.display(),
                at.line,
                at.column
            ));
        }
        let labels = here
            .into_iter()
            .map(|(span, text, primary)| {
                let start = excerpt.map(span.start);
                let len = excerpt.map(span.end).saturating_sub(start);
                if primary {
                    LabeledSpan::new_primary_with_span(text, (start, len))
                } else {
                    LabeledSpan::new_with_span(text, (start, len))
                }
            })
            .collect();
        let help = d.help.as_ref().map(|t| t.get(lang).to_string());
        let related = d
            .labels
            .iter()
            .filter(|l| !inline(file, d.span, l.span))
            .map(|label| View::elsewhere(report, label, lang))
            .collect();
        View {
            message,
            severity: Some(d.severity()),
            help,
            related,
            labels,
            source: CharColumns {
                name: file.path.display().to_string(),
                text: excerpt.text,
                line_offset: excerpt.line_offset,
            },
        }
    }
}

/// A secondary place drawn with the main one: in the same file, not above
/// it by more than a few lines — miette heads a drawing with its topmost
/// place, and the heading must be the finding's own file:line:col.
fn inline(file: &SourceFile, primary: Span, other: Span) -> bool {
    const ABOVE: usize = 3;
    other.file == primary.file
        && (other.start >= primary.start
            || file.position(primary.start).line - file.position(other.start).line <= ABOVE)
}

/// A place longer than a line is worth drawing is underlined in part.
fn shorten(span: Span) -> Span {
    Span {
        end: span.end.min(span.start + 2 * KEEP),
        ..span
    }
}

impl View {
    /// A place elsewhere (another file, or far above), drawn as its own snippet.
    fn elsewhere(report: &Report<'_>, label: &super::Label, lang: Lang) -> View {
        let file = report.sources.get(label.span.file);
        let span = shorten(label.span);
        let excerpt = Excerpt::new(file, std::iter::once(span));
        let start = excerpt.map(span.start);
        let len = excerpt.map(span.end).saturating_sub(start);
        let at = file.position(label.span.start);
        View {
            message: format!(
                "{}:{}:{}: {}",
                file.path.display(),
                at.line,
                at.column,
                label.text.get(lang)
            ),
            severity: None,
            help: None,
            labels: vec![LabeledSpan::new_primary_with_span(None, (start, len))],
            source: CharColumns {
                name: file.path.display().to_string(),
                text: excerpt.text,
                line_offset: excerpt.line_offset,
            },
            related: Vec::new(),
        }
    }
}

impl fmt::Debug for View {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for View {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for View {}

impl miette::Diagnostic for View {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Some(Severity::Error) => miette::Severity::Error,
            Some(Severity::Warning) => miette::Severity::Warning,
            None => miette::Severity::Advice,
        })
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(
            self.related.iter().map(|v| v as &dyn miette::Diagnostic),
        ))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.clone().into_iter()))
    }
}

/// Characters that would move the cursor or recolour a terminal, or that
/// miette would take for a line break.
fn is_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// A named source whose columns count characters, as everywhere else in the
/// tool (miette counts bytes, which is wrong for Cyrillic).
struct CharColumns {
    name: String,
    text: Arc<str>,
    /// Lines of the file before `text`.
    line_offset: usize,
}

impl SourceCode for CharColumns {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = (*self.text).read_span(span, context_lines_before, context_lines_after)?;
        let start = floor_char_boundary(&self.text, inner.span().offset());
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let column = self.text[line_start..start].chars().count();
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.line_offset,
            column,
            inner.line_count(),
        )))
    }
}

/// The lines a diagnostic shows (its places' lines and one either side),
/// with very long lines cut around the places and control characters
/// blanked, so a 10 MB line prints as a few dozen characters and junk bytes
/// cannot drive the terminal.
struct Excerpt {
    text: Arc<str>,
    /// Lines of the file before the excerpt.
    line_offset: usize,
    /// `(original offset, excerpt offset)` at the start of each kept piece.
    anchors: Vec<(usize, usize)>,
    /// A kept piece starts inside a line, so miette's column would be off.
    shifted_columns: bool,
}

impl Excerpt {
    fn new(file: &SourceFile, spans: impl Iterator<Item = Span> + Clone) -> Excerpt {
        let text = &file.text;
        let long = |r: &std::ops::Range<usize>| r.end - r.start > LONG_LINE;
        let first = spans.clone().map(|s| s.start).min().unwrap_or(0);
        let last = spans.clone().map(|s| s.end).max().unwrap_or(0);
        let mut region = file.line_range(first).start..file.line_range(last).end;
        if region.start > 0 {
            region.start = file.line_range(region.start - 1).start;
        }
        if region.end < text.len() {
            region.end = file.line_range(region.end + 1).end;
        }
        let mut cuts: Vec<(usize, usize)> = Vec::new();
        for span in spans.clone() {
            let line = file.line_range(span.start);
            let mut neighbours = Vec::new();
            if line.start > 0 {
                neighbours.push(file.line_range(line.start - 1));
            }
            if line.end < text.len() {
                neighbours.push(file.line_range(line.end + 1));
            }
            for n in neighbours.into_iter().filter(long) {
                cuts.push((n.start + KEEP, n.end));
            }
            if long(&line) {
                let places = spans.clone().filter(|s| file.line_range(s.start) == line);
                let first = places.clone().map(|s| s.start).min().unwrap_or(line.start);
                let last = places
                    .map(|s| s.end)
                    .max()
                    .unwrap_or(line.end)
                    .min(line.end);
                if first > line.start + KEEP {
                    cuts.push((line.start, first - KEEP));
                }
                if last + KEEP < line.end {
                    cuts.push((last + KEEP, line.end));
                }
            }
        }
        cuts.sort_unstable();
        let mut out = String::with_capacity(region.end - region.start);
        let mut anchors = vec![(region.start, 0)];
        let mut at = region.start;
        let mut shifted_columns = false;
        for (start, end) in cuts {
            let start = floor_char_boundary(text, start.max(at));
            let end = floor_char_boundary(text, end.min(region.end));
            if end <= start {
                continue;
            }
            push_visible(&mut out, &text[at..start]);
            out.push('…');
            at = end;
            anchors.push((end, out.len()));
            shifted_columns |= file.line_range(start).start == start;
        }
        push_visible(&mut out, &text[at..region.end]);
        Excerpt {
            text: out.into(),
            line_offset: file.position(region.start).line - 1,
            anchors,
            shifted_columns,
        }
    }

    fn map(&self, offset: usize) -> usize {
        let i = self
            .anchors
            .partition_point(|(orig, _)| *orig <= offset)
            .max(1)
            - 1;
        let (orig, new) = self.anchors[i];
        (new + offset.saturating_sub(orig)).min(self.text.len())
    }
}

/// Appends `text` with control characters blanked; the same byte length, so
/// offsets stay right.
fn push_visible(out: &mut String, text: &str) {
    for c in text.chars() {
        if is_control(c) {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{russian_help, words};

    #[test]
    fn lines_break_at_spaces_and_after_a_slash() {
        let split = |line: &str| -> Vec<String> {
            words(line)
                .map(|w| format!("{}{}", w.word, w.whitespace))
                .collect()
        };
        assert_eq!(
            split("Файл  a/b/c.roadmap  //x — 2021/2022 да"),
            [
                "Файл  ",
                "a/",
                "b/",
                "c.roadmap  ",
                "//",
                "x ",
                "— ",
                "2021/2022 ",
                "да"
            ]
        );
        assert_eq!(split(""), Vec::<String>::new());
        assert_eq!(split("  "), ["  "]);
    }

    #[test]
    fn help_is_said_in_russian_and_stays_aligned() {
        let rendered = "  × ошибка\n   ╭─[a.roadmap:1:1]\n 1 │ x\n   ╰────\n  help: первая строка\n        вторая\n  ╰─▶   ☞ b.roadmap:2:1\n          ╭─[b.roadmap:2:1]\n";
        assert_eq!(
            russian_help(rendered),
            "  × ошибка\n   ╭─[a.roadmap:1:1]\n 1 │ x\n   ╰────\n  совет: первая строка\n         вторая\n  ╰─▶   ☞ b.roadmap:2:1\n          ╭─[b.roadmap:2:1]\n"
        );
        // In colour the words sit between escape codes.
        let coloured = "   ╰────\n\u{1b}[36m  help: \u{1b}[39mтекст\n";
        assert_eq!(
            russian_help(coloured),
            "   ╰────\n\u{1b}[36m  совет: \u{1b}[39mтекст\n"
        );
        // A line of the source that says «help:» is not the help.
        let source = " 1 │   help: x\n   ╰────\n";
        assert_eq!(russian_help(source), source);
    }
}

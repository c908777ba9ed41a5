//! One finding of any stage: severity, code, message, where, labels, help.

use crate::code::{Code, Severity};
use crate::lang::Text;
use crate::source::Span;

/// Messages quote the user's text; a 10 MB line must not become a 10 MB message.
const MAX_MESSAGE: usize = 400;

fn clipped(text: Text) -> Text {
    Text::new(clip(&text.ru), clip(&text.en))
}

/// Cuts a message to a readable length and blanks control characters, which
/// a quoted junk line could otherwise send to the terminal.
fn clip(text: &str) -> String {
    let mut out: String = text
        .chars()
        .take(MAX_MESSAGE)
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect();
    if text.chars().nth(MAX_MESSAGE).is_some() {
        out.push('…');
    }
    out
}

/// A secondary place that explains the finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub text: Text,
}

/// A finding, in both languages; a renderer picks one and places it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub message: Text,
    pub span: Span,
    /// What the primary span shows, next to the caret.
    pub label: Option<Text>,
    pub labels: Vec<Label>,
    pub help: Option<Text>,
}

impl Diagnostic {
    pub fn new(code: Code, span: Span, message: Text) -> Diagnostic {
        Diagnostic {
            code,
            message: clipped(message),
            span,
            label: None,
            labels: Vec::new(),
            help: None,
        }
    }

    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    pub fn with_label(mut self, text: Text) -> Diagnostic {
        self.label = Some(clipped(text));
        self
    }

    pub fn with_secondary(mut self, span: Span, text: Text) -> Diagnostic {
        self.labels.push(Label {
            span,
            text: clipped(text),
        });
        self
    }

    pub fn with_help(mut self, help: Text) -> Diagnostic {
        self.help = Some(clipped(help));
        self
    }
}

pub mod cell;
mod github;
mod gitlab;
mod human;
mod json;

pub use human::Human;

use crate::lang::Lang;
use crate::source::Sources;

/// The outputs of `roadmap check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people: source lines and carets, colour on a terminal.
    Human,
    /// One JSON document (see docs/diagnostics.md).
    Json,
    /// GitHub Actions workflow commands (`::error file=…`).
    Github,
    /// A GitLab Code Quality report.
    Gitlab,
}

/// What a run found, with the counts for the summary line.
pub struct Report<'a> {
    pub sources: &'a Sources,
    pub diagnostics: &'a [Diagnostic],
    pub files: usize,
    pub activities: usize,
}

impl Report<'_> {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity() == severity)
            .count()
    }

    /// Renders in a machine format; `Human` goes through [`Human`].
    pub fn render(&self, format: Format, lang: Lang) -> String {
        match format {
            Format::Human => Human::plain(lang).render(self),
            Format::Json => json::render(self, lang),
            Format::Github => github::render(self, lang),
            Format::Gitlab => gitlab::render(self, lang),
        }
    }

    /// One line per file with findings, when there are several such files:
    /// a regional coordinator sees which schools' plans need work.
    pub fn per_file(&self, lang: Lang) -> String {
        use crate::lang::{plural_en, plural_ru};
        let mut counts: Vec<(crate::source::FileId, u64, u64)> = Vec::new();
        for d in self.diagnostics {
            let i = match counts.iter().position(|(f, _, _)| *f == d.span.file) {
                Some(i) => i,
                None => {
                    counts.push((d.span.file, 0, 0));
                    counts.len() - 1
                }
            };
            match d.severity() {
                Severity::Error => counts[i].1 += 1,
                Severity::Warning => counts[i].2 += 1,
            }
        }
        if counts.len() < 2 {
            return String::new();
        }
        let mut out = String::new();
        for (file, e, w) in counts {
            let path = self.sources.get(file).path.display();
            out.push_str(&match lang {
                Lang::Ru => format!(
                    "  {path}: {e} {}, {w} {}\n",
                    plural_ru(e, "ошибка", "ошибки", "ошибок"),
                    plural_ru(w, "предупреждение", "предупреждения", "предупреждений")
                ),
                Lang::En => format!(
                    "  {path}: {e} {}, {w} {}\n",
                    plural_en(e, "error", "errors"),
                    plural_en(w, "warning", "warnings")
                ),
            });
        }
        out
    }

    /// `3 files, 87 activities: 0 errors, 2 warnings`.
    pub fn summary(&self, lang: Lang) -> String {
        use crate::lang::{plural_en, plural_ru};
        let (f, a, e, w) = (
            self.files as u64,
            self.activities as u64,
            self.errors() as u64,
            self.warnings() as u64,
        );
        match lang {
            Lang::Ru => format!(
                "{f} {}, {a} {}: {e} {}, {w} {}",
                plural_ru(f, "файл", "файла", "файлов"),
                plural_ru(a, "мероприятие", "мероприятия", "мероприятий"),
                plural_ru(e, "ошибка", "ошибки", "ошибок"),
                plural_ru(w, "предупреждение", "предупреждения", "предупреждений"),
            ),
            Lang::En => format!(
                "{f} {}, {a} {}: {e} {}, {w} {}",
                plural_en(f, "file", "files"),
                plural_en(a, "activity", "activities"),
                plural_en(e, "error", "errors"),
                plural_en(w, "warning", "warnings"),
            ),
        }
    }
}

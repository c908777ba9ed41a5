//! One finding of any stage: severity, code, message, where, labels, help.

use crate::code::{Code, Severity};
use crate::lang::Text;
use crate::source::Span;

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
            message,
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
        self.label = Some(text);
        self
    }

    pub fn with_secondary(mut self, span: Span, text: Text) -> Diagnostic {
        self.labels.push(Label { span, text });
        self
    }

    pub fn with_help(mut self, help: Text) -> Diagnostic {
        self.help = Some(help);
        self
    }
}

//! The findings of a roadmap that an output is still made for: listed on the
//! page and in the file, so a printed schedule never hides that `check` has
//! something to say about its roadmap.

use crate::code::{Code, Severity};
use crate::diagnostic::Diagnostic;
use crate::lang::{plural_en, plural_ru, Lang};
use crate::source::Sources;
use serde::Serialize;

/// One finding, in the output's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    pub code: String,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub help: Option<String>,
}

impl Finding {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col`.
    pub fn place(&self) -> String {
        format!("{}:{}:{}", self.file, self.line, self.column)
    }

    /// «ошибка» / "error".
    pub fn severity_word(&self, lang: Lang) -> &'static str {
        match (self.severity, lang) {
            (Severity::Error, Lang::Ru) => "ошибка",
            (Severity::Warning, Lang::Ru) => "предупреждение",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
        }
    }

    /// One line: `error[E0304] plan.roadmap:12:10: message — help`.
    pub fn line(&self, lang: Lang) -> String {
        let mut line = format!(
            "{}[{}] {}: {}",
            self.severity_word(lang),
            self.code,
            self.place(),
            self.message.replace('\n', " ")
        );
        if let Some(help) = &self.help {
            line.push_str(" — ");
            line.push_str(&help.replace('\n', " "));
        }
        line
    }
}

/// The findings of a run, in `lang`, in the order `check` prints them.
pub fn collect(sources: &Sources, diagnostics: &[Diagnostic], lang: Lang) -> Vec<Finding> {
    diagnostics
        .iter()
        .map(|d| {
            let file = sources.get(d.span.file);
            let at = file.position(d.span.start);
            Finding {
                severity: d.severity(),
                code: Code::as_str(d.code).to_string(),
                file: file.path.display().to_string(),
                line: at.line,
                column: at.column,
                message: d.message.get(lang).to_string(),
                help: d.help.as_ref().map(|h| h.get(lang).to_string()),
            }
        })
        .collect()
}

/// «Замечания проверки: 1 ошибка, 2 предупреждения» / "Findings of the
/// check: 1 error, 2 warnings".
pub fn heading(findings: &[Finding], lang: Lang) -> String {
    let errors = findings.iter().filter(|f| f.is_error()).count() as u64;
    let warnings = findings.len() as u64 - errors;
    match lang {
        Lang::Ru => format!(
            "Замечания проверки: {errors} {}, {warnings} {}",
            plural_ru(errors, "ошибка", "ошибки", "ошибок"),
            plural_ru(
                warnings,
                "предупреждение",
                "предупреждения",
                "предупреждений"
            )
        ),
        Lang::En => format!(
            "Findings of the check: {errors} {}, {warnings} {}",
            plural_en(errors, "error", "errors"),
            plural_en(warnings, "warning", "warnings")
        ),
    }
}

/// The findings as comment lines of a text output (`// ` for Graphviz,
/// `%% ` for Mermaid); empty when there are none.
pub fn comments(findings: &[Finding], prefix: &str, lang: Lang) -> String {
    if findings.is_empty() {
        return String::new();
    }
    let mut out = format!("{prefix}{}\n", heading(findings, lang));
    for f in findings {
        out.push_str(prefix);
        out.push_str(&f.line(lang));
        out.push('\n');
    }
    out
}

/// The findings as a block of plain text after a report; empty when there
/// are none.
pub fn block(findings: &[Finding], lang: Lang) -> String {
    if findings.is_empty() {
        return String::new();
    }
    let mut out = format!("\n{}\n", heading(findings, lang));
    for f in findings {
        out.push_str("  ");
        out.push_str(&f.line(lang));
        out.push('\n');
    }
    out
}

/// How a report is written, for [`append`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Markdown,
    Html,
    Json,
}

/// A finished report with the findings added the way its format allows: a
/// block of text, a Markdown list, a section before `</body>`, or a
/// `findings` array in a JSON object. Unchanged when there are none.
pub fn append(report: String, kind: Kind, findings: &[Finding], lang: Lang) -> String {
    if findings.is_empty() {
        return report;
    }
    match kind {
        Kind::Text => report + &block(findings, lang),
        Kind::Markdown => {
            let mut out = report;
            out.push_str(&format!("\n## {}\n\n", heading(findings, lang)));
            for f in findings {
                out.push_str(&format!(
                    "- {}\n",
                    super::templates::markdown(&f.line(lang))
                ));
            }
            out
        }
        Kind::Html => {
            let mut section = format!(
                "<section class=\"findings\">\n<h2>{}</h2>\n<ul>\n",
                handlebars::html_escape(&heading(findings, lang))
            );
            for f in findings {
                section.push_str(&format!(
                    "<li class=\"{}\">{}</li>\n",
                    f.severity_word(Lang::En),
                    handlebars::html_escape(&f.line(lang))
                ));
            }
            section.push_str("</section>\n");
            match report.rfind("</body>") {
                Some(at) => {
                    let mut out = report;
                    out.insert_str(at, &section);
                    out
                }
                None => report + &section,
            }
        }
        Kind::Json => match serde_json::from_str::<serde_json::Value>(&report) {
            Ok(serde_json::Value::Object(mut object)) => {
                object.insert(
                    "findings".into(),
                    serde_json::to_value(findings).unwrap_or_default(),
                );
                serde_json::to_string_pretty(&object).map_or(report, |mut s| {
                    s.push('\n');
                    s
                })
            }
            _ => report,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(severity: Severity) -> Finding {
        Finding {
            severity,
            code: "E0304".into(),
            file: "plan.roadmap".into(),
            line: 12,
            column: 10,
            message: "Activity 2 must end by 01.02.2022".into(),
            help: Some("Extend it".into()),
        }
    }

    #[test]
    fn a_finding_in_one_line_names_its_place() {
        assert_eq!(
            finding(Severity::Error).line(Lang::En),
            "error[E0304] plan.roadmap:12:10: Activity 2 must end by 01.02.2022 — Extend it"
        );
    }

    #[test]
    fn the_heading_counts_errors_and_warnings() {
        let all = [finding(Severity::Error), finding(Severity::Warning)];
        assert_eq!(
            heading(&all, Lang::Ru),
            "Замечания проверки: 1 ошибка, 1 предупреждение"
        );
        assert_eq!(
            comments(&all[..1], "%% ", Lang::En),
            "%% Findings of the check: 1 error, 0 warnings\n%% error[E0304] plan.roadmap:12:10: Activity 2 must end by 01.02.2022 — Extend it\n"
        );
        assert_eq!(comments(&[], "// ", Lang::En), "");
    }

    #[test]
    fn findings_go_where_each_format_allows() {
        let all = [finding(Severity::Error)];
        let html = append(
            "<html><body><p>x</p></body></html>".into(),
            Kind::Html,
            &all,
            Lang::En,
        );
        assert!(
            html.contains("<li class=\"error\">error[E0304]")
                && html.ends_with("</section>\n</body></html>"),
            "{html}"
        );
        let json = append("{\"a\": 1}".into(), Kind::Json, &all, Lang::En);
        let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        assert_eq!(value["findings"][0]["code"], "E0304");
        assert_eq!(value["findings"][0]["line"], 12);
        assert_eq!(
            append("report\n".into(), Kind::Text, &[], Lang::En),
            "report\n"
        );
    }
}

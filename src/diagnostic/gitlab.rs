//! A GitLab Code Quality report: a JSON array GitLab shows in merge requests.

use super::json::Place;
use super::Report;
use crate::code::Severity;
use crate::lang::Lang;
use serde::Serialize;

#[derive(Serialize)]
struct Issue {
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

/// FNV-1a: stable across runs and versions, as GitLab needs to match issues.
fn fingerprint(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

pub(super) fn render(report: &Report<'_>, lang: Lang) -> String {
    let issues: Vec<Issue> = report
        .diagnostics
        .iter()
        .map(|d| {
            let place = Place::of(report.sources, d.span);
            let description = format!("{}: {}", d.code, d.message.get(lang));
            Issue {
                fingerprint: fingerprint(&[
                    d.code.as_str(),
                    &place.file,
                    &place.line.to_string(),
                    d.message.get(Lang::En),
                ]),
                description,
                check_name: d.code.as_str(),
                severity: match d.severity() {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                },
                location: Location {
                    path: place.file,
                    lines: Lines { begin: place.line },
                },
            }
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&issues).expect("the report is plain data");
    out.push('\n');
    out
}

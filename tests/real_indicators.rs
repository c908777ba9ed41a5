//! `tests/corpus/real/indicators.tsv`: indicator cells copied from real,
//! approved roadmaps, each with the targets a reader sees in it. Every cell
//! is typed by the reader the roadmaps use, written in the corpus notation
//! (see `tests/corpus/real/README.md`) and compared with its expectation.
//! The share read as expected is printed with every mismatch; below 90 % the
//! test fails.

use roadmap::model::{Comparator, Indicator, Target};
use roadmap::source::{FileId, Span};
use roadmap::syntax::Spanned;
use std::path::Path;

/// The least share of cells read as expected.
const REQUIRED: f64 = 0.90;

#[test]
fn real_indicator_cells_read_as_a_person_reads_them() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/real/indicators.tsv");
    let table =
        std::fs::read_to_string(&path).expect("tests/corpus/real/indicators.tsv is readable");
    let mut lines = table.lines();
    assert_eq!(
        lines.next(),
        Some("phrase\texpected\tsource"),
        "the header of indicators.tsv"
    );
    let mut total = 0;
    let mut mismatches = Vec::new();
    for (n, line) in lines.enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let columns: Vec<&str> = line.split('\t').collect();
        let [phrase, expected, source] = columns[..] else {
            panic!(
                "indicators.tsv line {}: three columns expected: {line}",
                n + 2
            );
        };
        total += 1;
        let got = notation(&read(&unescape(phrase)));
        if got != expected {
            mismatches.push(format!(
                "  line {}: {phrase}\n    expected: {expected}\n    got:      {got}\n    source:   {source}",
                n + 2
            ));
        }
    }
    let matched = total - mismatches.len();
    let share = matched as f64 / total.max(1) as f64;
    println!(
        "indicator corpus: {matched}/{total} ({:.1} %) as expected",
        share * 100.0
    );
    for m in &mismatches {
        println!("{m}");
    }
    assert!(total > 0, "indicators.tsv has no cells");
    assert!(
        share >= REQUIRED,
        "{matched}/{total} indicator cells read as expected, fewer than {:.0} %:\n{}",
        REQUIRED * 100.0,
        mismatches.join("\n")
    );
}

fn unescape(cell: &str) -> String {
    cell.replace("\\n", "\n").replace("\\t", "\t")
}

fn read(text: &str) -> Indicator {
    Indicator::parse(Spanned {
        text: text.to_string(),
        span: Span::new(FileId(0), 0, text.len()),
    })
}

/// `>= 45 школ & >= 32 куратора`, `range 5..10 человек`, `= 6 баллов of 6`, `text`.
fn notation(indicator: &Indicator) -> String {
    if indicator.targets.is_empty() {
        return "text".to_string();
    }
    let targets: Vec<String> = indicator.targets.iter().map(target).collect();
    targets.join(" & ")
}

fn target(t: &Target) -> String {
    let value = number(t.value);
    let head = match t.comparator {
        Comparator::AtLeast => format!(">= {value}"),
        Comparator::More => format!("> {value}"),
        Comparator::AtMost => format!("<= {value}"),
        Comparator::Less => format!("< {value}"),
        Comparator::Exactly => format!("= {value}"),
        Comparator::Between => format!("range {value}..{}", number(t.upper.unwrap_or(t.value))),
        Comparator::Coverage => format!("coverage {value}"),
    };
    let unit = t.unit.as_deref().unwrap_or("-");
    match t.out_of {
        Some(of) => format!("{head} {unit} of {}", number(of)),
        None => format!("{head} {unit}"),
    }
}

/// A dot for decimals, no trailing zeros: `2500000`, `12.5`.
fn number(x: f64) -> String {
    let s = format!("{x:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

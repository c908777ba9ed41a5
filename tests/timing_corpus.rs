//! The real-phrase timing corpus (`tests/corpus/real/timing.tsv`): every cell
//! copied from an approved roadmap is resolved in its roadmap's period, written
//! in the corpus notation and compared with the meaning the corpus states. The
//! test prints the share resolved as expected and every mismatch, and fails
//! below 95 %.

use std::io::Write as _;
use std::path::PathBuf;

use roadmap::code::Code;
use roadmap::model::timing::{self, Context};

/// The share of phrases that must resolve exactly as expected.
const REQUIRED_PERCENT: f64 = 95.0;

struct Row {
    line: usize,
    phrase: String,
    period: String,
    expected: String,
}

fn corpus() -> Vec<Row> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/real/timing.tsv");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut lines = text.lines().enumerate();
    let header = lines.next().map(|(_, l)| l);
    assert_eq!(
        header,
        Some("phrase\tperiod\texpected\tsource"),
        "the header of timing.tsv"
    );
    lines
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let cells: Vec<&str> = l.split('\t').collect();
            assert_eq!(
                cells.len(),
                4,
                "timing.tsv:{}: four tab-separated cells, found {}",
                i + 1,
                cells.len()
            );
            Row {
                line: i + 1,
                phrase: unescape(cells[0]),
                period: cells[1].to_string(),
                expected: cells[2].to_string(),
            }
        })
        .collect()
}

/// `\n` and `\t` written as two characters stand for a line break and a tab.
fn unescape(cell: &str) -> String {
    cell.replace("\\n", "\n").replace("\\t", "\t")
}

/// What the tool makes of a phrase in its period, in the corpus notation.
fn resolve(row: &Row) -> String {
    let period = match row.period.as_str() {
        "-" => None,
        text => match timing::resolve_period(text) {
            Ok(p) => Some(p),
            Err(e) => return format!("bad period {text}: {e}"),
        },
    };
    match timing::resolve(&row.phrase, &Context::new(period)) {
        // What `roadmap check` reports for a timing outside the period.
        Ok(t) if period.is_some_and(|p| t.lies_outside(&p)) => {
            format!("error {}", Code::OutsidePeriod)
        }
        Ok(t) => t.notation(),
        Err(e) => format!("error {}", e.kind.code()),
    }
}

#[test]
fn real_timings_resolve_as_their_readers_read_them() {
    let rows = corpus();
    assert!(!rows.is_empty(), "timing.tsv has phrases");
    let mut report = String::new();
    let mut good = 0;
    for row in &rows {
        let got = resolve(row);
        if got == row.expected {
            good += 1;
        } else {
            report.push_str(&format!(
                "timing.tsv:{}: {:?} (period {})\n  expected: {}\n  got:      {}\n",
                row.line, row.phrase, row.period, row.expected, got
            ));
        }
    }
    let percent = 100.0 * good as f64 / rows.len() as f64;
    report.push_str(&format!(
        "timing corpus: {good}/{} ({percent:.1} %) as expected\n",
        rows.len()
    ));
    // Written past the test harness's capture, so that the figure is always shown.
    let _ = std::io::stderr().write_all(report.as_bytes());
    assert!(
        percent >= REQUIRED_PERCENT,
        "{percent:.1} % of the timing corpus resolves as expected, below {REQUIRED_PERCENT} %"
    );
}

//! Point 2 of the threat model: outputs that other programs interpret — a
//! spreadsheet, a calendar, a mail server, a terminal.

use super::{hostile, within};
use crate::common::{Test, HEADER};
use std::time::Duration;

#[test]
fn formula_cells_are_written_as_text_in_csv() {
    let output = Test::new()
        .file("plan.roadmap", hostile("formula-cells.roadmap"))
        .args([
            "schedule",
            "plan.roadmap",
            "--format",
            "csv",
            "--lang",
            "en",
        ])
        .success();
    let csv = output.stdout.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(csv.as_bytes());
    let mut cells = Vec::new();
    for record in reader.records() {
        cells.extend(record.expect("a CSV record").iter().map(str::to_string));
    }
    for formula in ["=1+1", "+7 (999) 000-00-00"] {
        assert!(
            cells.iter().any(|c| c.starts_with(&format!("'{formula}"))),
            "`{formula}` not kept as text in {cells:?}"
        );
    }
    let dangerous: Vec<&String> = cells
        .iter()
        .filter(|c| c.starts_with(['=', '+', '@', '\t', '\r']))
        .collect();
    assert!(dangerous.is_empty(), "{dangerous:?}");
    assert!(
        !cells
            .iter()
            .any(|c| c.starts_with('-') && c[1..].parse::<f64>().is_err()),
        "{cells:?}"
    );
}

#[test]
fn a_carriage_return_in_a_title_is_found_and_reaches_no_calendar() {
    let output = Test::new()
        .file("plan.roadmap", hostile("cr-in-title.roadmap"))
        .args([
            "schedule",
            "plan.roadmap",
            "--format",
            "ics",
            "--lang",
            "en",
        ])
        .failure();
    // The calendar is still made (every output shows a roadmap with errors),
    // but no CR outside a line's CRLF and no escape reaches it.
    assert!(
        !output.stdout.replace("\r\n", "").contains('\r'),
        "{}",
        output.stdout
    );
    assert!(!output.stdout.contains('\u{1b}'), "{}", output.stdout);
    assert!(output.stderr.contains("E0010"), "{}", output.stderr);
    assert!(
        output.stderr.contains("plan.roadmap:7:29"),
        "{}",
        output.stderr
    );
    // The escape sequence is drawn harmless.
    assert!(!output.stderr.contains('\u{1b}'), "{}", output.stderr);
    assert!(!output.stderr.contains('\r'), "{}", output.stderr);
}

#[test]
fn a_carriage_return_in_a_party_is_found_and_no_letter_is_made() {
    let letters = tempfile::tempdir().unwrap();
    let output = Test::new()
        .file("plan.roadmap", hostile("cr-in-party.roadmap"))
        .args(["remind", "plan.roadmap", "--as-of", "2022-03-08"])
        .args(["--from", "curators@example.org", "--lang", "en", "--out"])
        .args([letters.path()])
        .failure();
    assert!(output.stderr.contains("E0010"), "{}", output.stderr);
    assert!(output.stderr.contains("E0205"), "{}", output.stderr);
    assert_eq!(std::fs::read_dir(letters.path()).unwrap().count(), 0);
}

#[test]
fn a_ten_megabyte_title_is_drawn_as_a_calendar_in_linear_time() {
    let title = "Анкетирование, часть; ".repeat(10 * 1024 * 1024 / 40);
    let text =
        format!("{HEADER}\nмероприятие 1. {title}\n  срок: март 2022\n  ответственный: ОО\n");
    let test = Test::new().file("plan.roadmap", text);
    let output = within(Duration::from_secs(120), "a 10 MB title as ics", || {
        test.args(["schedule", "plan.roadmap", "--format", "ics"])
            .success()
    });
    for line in output.stdout.split("\r\n") {
        assert!(line.len() <= 75, "a line of {} octets", line.len());
    }
    let unfolded = output.stdout.replace("\r\n ", "");
    // The event on the deadline: «Due: 1. …».
    assert!(unfolded
        .lines()
        .any(|l| l.starts_with("SUMMARY:")
            && l.contains(": 1. Анкетирование\\, часть\\; Анкетирование")));
}

#[test]
fn control_characters_reach_no_output_made_despite_the_error() {
    let outputs = [
        vec!["schedule", "plan.roadmap", "--format", "md"],
        vec!["schedule", "plan.roadmap", "--format", "html"],
        vec!["schedule", "plan.roadmap", "--format", "csv"],
        vec!["schedule", "plan.roadmap", "--format", "json"],
        vec!["status", "plan.roadmap", "--as-of", "2022-03-01"],
        vec!["next", "plan.roadmap", "--as-of", "2022-03-01"],
    ];
    let files = ["cr-in-title.roadmap", "cr-in-party.roadmap"];
    for (args, file) in outputs.iter().flat_map(|a| files.map(|f| (a, f))) {
        let output = Test::new()
            .file("plan.roadmap", hostile(file))
            .args(args.iter().copied().chain(["--lang", "en"]))
            .failure();
        assert!(!output.stdout.is_empty(), "{file} {args:?} made no output");
        // The terminal shows the diagnostics too.
        assert!(
            !output.stderr.replace("\r\n", "").contains(['\r', '\u{1b}']),
            "{file} {args:?}: {}",
            output.stderr
        );
        assert!(
            !output.stdout.contains('\u{1b}'),
            "{file} {args:?}: {}",
            output.stdout
        );
        assert!(
            !output.stdout.replace("\r\n", "").contains('\r'),
            "{file} {args:?}: {}",
            output.stdout
        );
    }
}

//! Point 3 of the threat model: bounded work for any input — no recursion a
//! roadmap controls, cycle detection linear, series and lags bounded, and a
//! document to import read only up to its limits.

use super::{hostile, hostile_bytes, within};
use crate::common::Test;
use std::fmt::Write;
use std::time::Duration;

/// Far above what these take in a debug build on a busy machine; a stack
/// overflow, a hang or quadratic work exceeds it or dies.
const GENEROUS: Duration = Duration::from_secs(300);

fn activities(n: usize, after: impl Fn(usize) -> Option<usize>) -> String {
    let mut text = String::from(
        "дорожная карта: Цепочка\nпериод: 2022\n\nучастник ОО: Общеобразовательная организация\n\n",
    );
    for i in 1..=n {
        let _ = writeln!(text, "мероприятие {i}. Шаг\n  ответственный: ОО");
        match after(i) {
            Some(before) => {
                let _ = writeln!(text, "  после: {before}");
            }
            None => text.push_str("  срок: январь 2022\n"),
        }
    }
    text
}

#[test]
fn a_chain_of_90_000_dependencies_does_not_overflow_the_stack() {
    let text = activities(90_000, |i| (i > 1).then(|| i - 1));
    let output = within(GENEROUS, "a chain of 90 000", || {
        Test::new()
            .file("chain.roadmap", text)
            .args(["check", "chain.roadmap", "--format", "json"])
            .completes()
    });
    assert!(
        output.stderr.contains("90000 activities"),
        "{}",
        output.stderr
    );
}

#[test]
fn a_cycle_of_10_000_activities_is_found_in_linear_time() {
    let text = activities(10_000, |i| Some(i % 10_000 + 1));
    let output = within(GENEROUS, "a cycle of 10 000", || {
        Test::new()
            .file("cycle.roadmap", text)
            .args(["check", "cycle.roadmap", "--lang", "en", "--format", "json"])
            .failure()
    });
    let report = output.json();
    let cycles: Vec<&serde_json::Value> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "E0303")
        .collect();
    assert_eq!(cycles.len(), 1);
    let message = cycles[0]["message"].as_str().unwrap_or_default();
    assert!(
        message.starts_with("Dependencies form a cycle: 1 → 10000 → 9999"),
        "{message}"
    );
}

#[test]
fn a_lag_of_999_999_days_is_outside_the_period() {
    let output = Test::new()
        .file("plan.roadmap", hostile("lag-999999-days.roadmap"))
        .args(["check", "plan.roadmap", "--lang", "en", "--color", "never"])
        .failure();
    assert!(output.stderr.contains("error[E0403]"), "{}", output.stderr);
    assert!(!output.stderr.contains("4759"), "{}", output.stderr);
}

#[test]
fn a_lag_too_large_for_a_number_says_so() {
    let text = hostile("lag-999999-days.roadmap").replace("999999", "99999999999999");
    let output = Test::new()
        .file("plan.roadmap", text)
        .args(["check", "plan.roadmap", "--lang", "en", "--color", "never"])
        .failure();
    assert!(
        output
            .stderr
            .contains("The number 99999999999999 is too large"),
        "{}",
        output.stderr
    );
}

#[test]
fn two_hundred_weekly_series_over_a_hundred_years_draw_in_bounded_time_and_size() {
    for format in ["md", "html", "csv", "xlsx", "ics", "mermaid", "json"] {
        let folder = tempfile::tempdir().unwrap();
        let out = folder.path().join(format!("out.{format}"));
        let test = Test::new().file("plan.roadmap", hostile("weekly-for-100-years.roadmap"));
        let size = within(
            GENEROUS,
            &format!("the {format} of a 100-year series"),
            || {
                test.args(["schedule", "plan.roadmap", "--format", format, "-o"])
                    .args([&out])
                    .success();
                std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0)
            },
        );
        assert!(size > 0, "{format}: nothing written");
        // A page draws each series as one row: no more than a few kilobytes
        // an activity. JSON lists every occurrence, as documented.
        if format != "json" {
            assert!(size < 5 * 1024 * 1024, "{format}: {size} bytes");
        }
    }
}

/// `roadmap import FILE` on a hostile document: refused (exit 2) with the
/// message, in bounded time.
fn import_refused(name: &str, bytes: Vec<u8>) -> String {
    let output = within(GENEROUS, name, || {
        Test::new()
            .file(name, bytes)
            .args(["import", name, "--lang", "en"])
            .status(2)
    });
    assert!(output.stdout.is_empty(), "{}", output.stdout);
    output.stderr
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_unpacked() {
    let stderr = import_refused("zip-bomb.docx", hostile_bytes("zip-bomb.docx"));
    assert!(
        stderr.contains(
            "zip-bomb.docx: the archive's part word/document.xml unpacks to more than 64 MiB"
        ),
        "{stderr}"
    );
}

#[test]
fn a_row_of_a_million_cells_is_refused_by_its_number() {
    let mut text = String::from("№;Мероприятие;Срок;Ответственный\n1;Анкетирование;март 2022;ОО\n");
    text.push_str(&";".repeat(1_000_000));
    let stderr = import_refused("wide.csv", text.into_bytes());
    assert!(
        stderr.contains("wide.csv: row 3 of table 1 has more than 1000 cells"),
        "{stderr}"
    );
}

#[test]
fn two_cells_far_apart_in_a_workbook_are_refused_not_spread_out() {
    let stderr = import_refused(
        "cells-far-apart.xlsx",
        hostile_bytes("cells-far-apart.xlsx"),
    );
    assert!(
        stderr.contains("cells-far-apart.xlsx: row 1048576 of table 1 has more than 1000 cells"),
        "{stderr}"
    );
}

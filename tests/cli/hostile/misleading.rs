//! Point 5 of the threat model: small things that mislead (the CSV saved by
//! Excel and the JSON `null` of `instantiate`: tests/templates.rs).

use crate::common::{Test, HEADER};

#[test]
fn a_templates_folder_that_is_not_there_is_an_error() {
    let output = Test::new()
        .file("plan.roadmap", HEADER)
        .args(["schedule", "plan.roadmap", "--templates", "my-templates"])
        .args(["--lang", "en"])
        .status(2);
    assert!(
        output
            .stderr
            .contains("--templates my-templates: there is no such folder"),
        "{}",
        output.stderr
    );
}

#[test]
fn a_file_with_cr_only_line_ends_is_read_line_by_line() {
    let text =
        format!("{HEADER}\nмероприятие 1. Анкетирование\n  срок: март 2022\n  ответственный: ОО\n")
            .replace('\n', "\r");
    Test::new()
        .file("plan.roadmap", text)
        .args(["check", "plan.roadmap", "--lang", "en"])
        .stderr("1 file, 1 activity: 0 errors, 0 warnings\n")
        .success();
}

#[test]
fn a_literal_brace_is_written_twice() {
    let text = format!(
        "{HEADER}\nмероприятие 1. Бланк {{{{ФИО}} для анкеты\n  срок: март 2022\n  ответственный: ОО\n"
    );
    let output = Test::new()
        .file("plan.roadmap", text)
        .args([
            "schedule",
            "plan.roadmap",
            "--format",
            "csv",
            "--lang",
            "en",
        ])
        .success();
    assert!(
        output.stdout.contains(";Бланк {ФИО} для анкеты;"),
        "{}",
        output.stdout
    );
}

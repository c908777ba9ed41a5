//! `--format json|github|gitlab`: reports for machines, on standard output;
//! the summary line stays on standard error.

use crate::common::Test;
use regex::Regex;
use serde_json::Value;

/// A file name with a comma: it must be escaped in GitHub's `file=`.
const FILE: &str = "school, 2022.roadmap";

/// Four findings whose dates need no timing resolver: a line without a
/// keyword (with `%` and `,` in it), an unknown party, a start before the
/// dependency ends, and an activity with no timing.
const ROADMAP: &str = "\
дорожная карта: Дорожная карта школы на 2022 год
период: 2022
утверждена: приказ № 7 от 14.01.2022
владелец: ОО

участник ОО: МБОУ СОШ с. Красногорск
участник Кураторы: Кураторы проекта

раздел 1. Диагностика

мероприятие 1.1. Публикация рискового профиля школы
  срок: 07.02.2022
  ответственный: ОО

мероприятие 1.2. Первичное посещение ОО кураторами
  срок: 01.02.2022
  ответственный: Куратор
  после: 1.1
  доля ОО, посещённых кураторами = 100 %

мероприятие 1.3. Консультации учителей по рисковым направлениям
  ответственный: Кураторы
";

fn test(format: &str) -> Test {
    Test::new()
        .file(FILE, ROADMAP)
        .args(["check", FILE, "--lang", "en", "--format", format])
}

#[test]
fn human_report_of_the_format_file() {
    Test::new()
        .file(FILE, ROADMAP)
        .args(["check", FILE, "--lang", "en", "--color", "never"])
        .output_snapshot("formats__human")
        .failure();
}

#[test]
fn json_report() {
    let output = test("json").stdout_snapshot("formats__json").failure();
    assert_eq!(
        output.stderr, "1 file, 3 activities: 3 errors, 1 warning\n",
        "only the summary goes to stderr"
    );
    let report = output.json();
    assert_eq!(report["version"], 1);
    let summary = &report["summary"];
    assert_eq!(summary["files"], 1);
    assert_eq!(summary["activities"], 3);
    assert_eq!(summary["errors"], 3);
    assert_eq!(summary["warnings"], 1);
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics[]");
    let code = Regex::new(r"^[EW]\d{4}$").expect("regex");
    let mut codes = Vec::new();
    for d in diagnostics {
        let severity = d["severity"].as_str().expect("severity");
        assert!(severity == "error" || severity == "warning", "{d}");
        let c = d["code"].as_str().expect("code");
        assert!(code.is_match(c), "{d}");
        assert_eq!(severity == "error", c.starts_with('E'), "{d}");
        assert!(!d["message"].as_str().expect("message").is_empty(), "{d}");
        assert_eq!(d["file"], FILE, "{d}");
        for key in ["line", "column", "end_line", "end_column"] {
            assert!(d[key].as_u64().expect(key) >= 1, "{key} in {d}");
        }
        let start = (d["line"].as_u64(), d["column"].as_u64());
        let end = (d["end_line"].as_u64(), d["end_column"].as_u64());
        assert!(start <= end, "{d}");
        assert!(d["labels"].is_array(), "{d}");
        codes.push(c);
    }
    assert_eq!(codes, ["E0203", "E0304", "E0002", "W0503"]);
    let errors = diagnostics
        .iter()
        .filter(|d| d["severity"] == "error")
        .count();
    assert_eq!(summary["errors"], errors);
}

#[test]
fn json_report_in_russian_keeps_codes_and_places() {
    let en = test("json").failure().json();
    let ru = Test::new()
        .file(FILE, ROADMAP)
        .args(["check", FILE, "--lang", "ru", "--format", "json"])
        .failure();
    assert_eq!(
        ru.stderr,
        "1 файл, 3 мероприятия: 3 ошибки, 1 предупреждение\n"
    );
    let ru = ru.json();
    let en = en["diagnostics"].as_array().expect("diagnostics");
    let ru = ru["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(en.len(), ru.len());
    for (e, r) in en.iter().zip(ru) {
        for key in ["code", "severity", "file", "line", "column"] {
            assert_eq!(e[key], r[key], "{key}");
        }
        assert_ne!(e["message"], r["message"], "the message is translated");
    }
}

#[test]
fn json_report_of_a_clean_file() {
    let output = Test::new()
        .file(
            "clean.roadmap",
            format!(
                "{}\nраздел 1. Р\n\nмероприятие 1. М\n  срок: 01.02.2022\n  ответственный: ОО\n",
                crate::common::HEADER
            ),
        )
        .args(["check", "clean.roadmap", "--format", "json"])
        .success();
    let report = output.json();
    assert_eq!(report["diagnostics"], Value::Array(Vec::new()));
    assert_eq!(report["summary"]["errors"], 0);
    assert_eq!(report["summary"]["warnings"], 0);
    assert_eq!(report["summary"]["activities"], 1);
}

#[test]
fn github_annotations() {
    let output = test("github").stdout_snapshot("formats__github").failure();
    let pattern = Regex::new(
        r"^::(error|warning) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^:]*::.+$",
    )
    .expect("regex");
    assert!(output.stdout.ends_with('\n'));
    let lines: Vec<&str> = output.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "one command per finding, on one line each");
    for line in &lines {
        assert!(pattern.is_match(line), "not a workflow command: {line}");
        assert!(!line.contains('\r'), "a raw CR inside a command: {line:?}");
        assert!(line.contains("file=school%2C 2022.roadmap,"), "{line}");
    }
    assert!(lines[0].starts_with("::error file=school%2C 2022.roadmap,line=17,col=18,"));
    assert!(lines[3].starts_with("::warning "));
    // The line that cannot be read holds `%` and `,`; the message escapes `%`.
    assert!(lines[2].contains("= 100 %25"), "{}", lines[2]);
    // Help follows the message after an escaped line break.
    assert!(
        lines.iter().all(|l| l.contains("%0A")),
        "help is on every finding"
    );
}

#[test]
fn gitlab_code_quality() {
    let output = test("gitlab").stdout_snapshot("formats__gitlab").failure();
    let issues = output.json();
    let issues = issues.as_array().expect("a JSON array");
    assert_eq!(issues.len(), 4);
    let fingerprint = Regex::new(r"^[0-9a-f]{16}$").expect("regex");
    let mut seen = std::collections::HashSet::new();
    for issue in issues {
        let description = issue["description"].as_str().expect("description");
        let check = issue["check_name"].as_str().expect("check_name");
        assert!(description.starts_with(&format!("{check}: ")), "{issue}");
        let print = issue["fingerprint"].as_str().expect("fingerprint");
        assert!(fingerprint.is_match(print), "{issue}");
        assert!(
            seen.insert(print.to_string()),
            "fingerprints are unique: {issue}"
        );
        let severity = issue["severity"].as_str().expect("severity");
        assert!(
            ["info", "minor", "major", "critical", "blocker"].contains(&severity),
            "{issue}"
        );
        assert_eq!(issue["location"]["path"], FILE);
        assert!(issue["location"]["lines"]["begin"].as_u64().expect("begin") >= 1);
    }
    // Fingerprints are stable from run to run.
    let again = test("gitlab").failure();
    assert_eq!(output.stdout, again.stdout);
}

#[test]
fn machine_formats_name_files_as_given() {
    let output = Test::new()
        .file(
            "region/a.roadmap",
            format!(
                "{}\nраздел 1. Р\n\nмероприятие 1. М\n  срок: 01.02.2022\n  ответственный: Нет\n",
                crate::common::HEADER
            ),
        )
        .args(["check", "region", "--format", "json"])
        .failure();
    let report = output.json();
    assert_eq!(report["diagnostics"][0]["file"], "region/a.roadmap");
    assert!(!output.stdout.contains("roadmap-test"), "no temporary path");
}

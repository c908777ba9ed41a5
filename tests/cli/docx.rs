//! The Word documents officials print and sign — `roadmap schedule --format
//! docx` (the approved form), `roadmap status --format docx` (the
//! progress report) and `roadmap status DIR --format docx` (the regional
//! roll-up) — and the printed schedule workbook, run as a user runs
//! them on the bundled roadmaps and read back by independent tools:
//! python-docx (tests/docx/read.py), LibreOffice turning them into PDF,
//! poppler's pdftoppm drawing a page, openpyxl reading the workbook's print
//! setup.
//!
//! Those checks are ignored by a plain `cargo test` and run with
//! `--include-ignored`, failing when the tool is missing (tests/tools/;
//! `.ci/run` installs them). Snapshots are in `tests/snapshots/`.

use crate::common::{self, repo_root, Test};
use crate::tools;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const AS_OF: &str = "2022-03-15";
const TOMARI: &str = "roadmaps/tomari-500plus-2022.roadmap";
const REGION: &str = "roadmaps/smolensk-region-2020.roadmap";

fn path(relative: &str) -> String {
    repo_root().join(relative).display().to_string()
}

/// Runs `roadmap ARGS` in `dir` and expects exit 0.
fn roadmap(dir: &Path, args: &[&str]) {
    Test::in_dir(dir).args(args).success();
}

/// `roadmap schedule FILE -o DIR/NAME --as-of AS_OF --lang ru`, and more.
fn schedule_docx(dir: &Path, file: &str, name: &str, more: &[&str]) -> PathBuf {
    let out = dir.join(name);
    let mut args = vec![
        "schedule".to_string(),
        path(file),
        "-o".into(),
        out.display().to_string(),
        "--as-of".into(),
        AS_OF.into(),
        "--lang".into(),
        "ru".into(),
    ];
    args.extend(more.iter().map(|s| s.to_string()));
    roadmap(dir, &args.iter().map(String::as_str).collect::<Vec<_>>());
    out
}

/// `roadmap status FILE --format docx -o DIR/NAME --as-of AS_OF --lang LANG`.
fn status_docx(dir: &Path, file: &str, name: &str, lang: &str) -> PathBuf {
    let out = dir.join(name);
    roadmap(
        dir,
        &[
            "status",
            &path(file),
            "--format",
            "docx",
            "-o",
            out.to_str().unwrap(),
            "--as-of",
            AS_OF,
            "--lang",
            lang,
        ],
    );
    out
}

/// What tests/docx/read.py reads from a document with python-docx.
fn read(docx: &Path) -> Value {
    tools::python_with("docx", "python3 -m pip install python-docx");
    let out = Command::new("python3")
        .arg(repo_root().join("tests/docx/read.py"))
        .arg(docx)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "python-docx cannot read {}:\n{}",
        docx.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the script prints JSON")
}

/// The schedule's JSON document, as `--format json` prints it.
fn schedule_json(file: &str) -> Value {
    let out = Test::in_repo("")
        .args([
            "schedule", file, "--format", "json", "--as-of", AS_OF, "--lang", "ru",
        ])
        .success();
    serde_json::from_str(&out.stdout).expect("JSON")
}

fn rows(table: &Value) -> &Vec<Value> {
    table["rows"].as_array().unwrap()
}

fn cells(row: &Value) -> Vec<&str> {
    row["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect()
}

/// The document as text, for a snapshot: paragraphs, then each table's rows
/// with their cells between `|`, a header row marked `[повтор]`, a cell
/// across columns with its span.
fn as_text(doc: &Value) -> String {
    let mut out = String::new();
    for p in doc["paragraphs"].as_array().unwrap() {
        out.push_str(p.as_str().unwrap());
        out.push('\n');
    }
    for t in doc["tables"].as_array().unwrap() {
        out.push_str(&format!("--- таблица, столбцов: {}\n", t["columns"]));
        for r in rows(t) {
            if r["header"] == true {
                out.push_str("[повтор] ");
            }
            let shown: Vec<String> = r["cells"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| {
                    let text = c["text"].as_str().unwrap().replace('\n', " / ");
                    match c["span"].as_u64() {
                        Some(n) if n > 1 => format!("[на {n}] {text}"),
                        _ => text,
                    }
                })
                .collect();
            out.push_str(&format!("| {} |\n", shown.join(" | ")));
        }
    }
    out.push_str(&format!("--- колонтитул: {}\n", doc["footer_fields"]));
    out
}

// ---------------------------------------------------------------- no tools

#[test]
fn docx_is_picked_by_the_extension_and_is_the_same_every_time() {
    let dir = tempfile::tempdir().unwrap();
    let a = schedule_docx(dir.path(), TOMARI, "a.docx", &[]);
    let b = schedule_docx(dir.path(), TOMARI, "b.docx", &[]);
    let bytes = std::fs::read(&a).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"), "a zip package");
    assert_eq!(bytes, std::fs::read(&b).unwrap(), "same roadmap, same file");
    // A file a person made is not replaced without --force.
    Test::in_dir(dir.path())
        .args([
            "schedule",
            &path(TOMARI),
            "-o",
            a.to_str().unwrap(),
            "--lang",
            "en",
        ])
        .stderr(format!(
            "error: {} exists; add --force to replace it\n",
            a.display()
        ))
        .status(2);
}

// ---------------------------------------------------------------- python-docx

#[test]
#[ignore = "needs Python's python-docx: cargo test -- --include-ignored"]
fn schedule_docx_has_a_row_per_activity_and_section() {
    let dir = tempfile::tempdir().unwrap();
    for (i, file) in [TOMARI, REGION, "roadmaps/example-en.roadmap"]
        .into_iter()
        .enumerate()
    {
        let doc = read(&schedule_docx(dir.path(), file, &format!("{i}.docx"), &[]));
        assert_eq!(doc["landscape"], true, "{file}: landscape");
        assert_eq!(
            (doc["width_mm"].as_u64(), doc["height_mm"].as_u64()),
            (Some(297), Some(210)),
            "{file}: A4"
        );
        let json = schedule_json(file);
        let entries = json["entries"].as_array().unwrap();
        let groups = json["groups"].as_array().unwrap();
        let table = &doc["tables"][0];
        let rows = rows(table);
        assert_eq!(rows[0]["header"], true, "{file}: header row repeated");
        assert!(
            rows[1..].iter().all(|r| r["header"] == false),
            "{file}: one header row"
        );
        assert_eq!(
            rows.len(),
            1 + entries.len() + groups.len(),
            "{file}: the header, a row per activity and per section"
        );
        let columns = table["columns"].as_u64().unwrap() as usize;
        let spanning: Vec<&Value> = rows
            .iter()
            .filter(|r| r["cells"][0]["span"].as_u64() == Some(columns as u64))
            .collect();
        assert_eq!(spanning.len(), groups.len(), "{file}: section rows span");
        for (row, group) in spanning.iter().zip(groups) {
            assert!(
                cells(row)[0].starts_with(group["title"].as_str().unwrap()),
                "{file}: section row {:?}",
                cells(row)
            );
        }
        let numbers: Vec<&str> = rows
            .iter()
            .filter(|r| r["cells"].as_array().unwrap().len() == columns && r["header"] == false)
            .map(|r| cells(r)[0])
            .collect();
        let expected: Vec<&str> = entries
            .iter()
            .map(|e| e["number"].as_str().unwrap().trim_end_matches('.'))
            .collect();
        assert_eq!(numbers, expected, "{file}: numbered as in the file");
        assert_eq!(
            doc["footer_fields"],
            serde_json::json!(["PAGE", "NUMPAGES"]),
            "{file}: page numbers"
        );
    }
}

#[test]
#[ignore = "needs Python's python-docx: cargo test -- --include-ignored"]
fn tomari_schedule_docx() {
    let dir = tempfile::tempdir().unwrap();
    let doc = read(&schedule_docx(dir.path(), TOMARI, "form.docx", &[]));
    common::assert_snapshot(
        "docx_schedule_tomari",
        "roadmap schedule roadmaps/tomari-500plus-2022.roadmap -o form.docx --as-of 2022-03-15 --lang ru, read by tests/docx/read.py",
        &as_text(&doc),
    );
    // Without progress: the approved columns only.
    let plain = read(&schedule_docx(
        dir.path(),
        TOMARI,
        "plain.docx",
        &["--no-progress"],
    ));
    let header = cells(&rows(&plain["tables"][0])[0]).join(" | ");
    assert_eq!(
        header,
        "№ | Мероприятие | Срок | Ответственный | Показатель | Ожидаемый результат | Документ"
    );
    // A roadmap without approval: blanks to fill in by hand.
    let region = read(&schedule_docx(dir.path(), REGION, "region.docx", &[]));
    assert_eq!(
        region["paragraphs"][0],
        "Приложение к приказу от «___» ____________ 20__ г. № ____"
    );
    assert_eq!(region["paragraphs"][1], "УТВЕРЖДЕНА");
}

#[test]
#[ignore = "needs Python's python-docx: cargo test -- --include-ignored"]
fn the_rollup_in_word_has_every_school() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("svod.docx");
    Test::in_repo("")
        .args([
            "status",
            "roadmaps/500plus",
            "--format",
            "docx",
            "-o",
            out.to_str().unwrap(),
            "--as-of",
            AS_OF,
            "--lang",
            "ru",
        ])
        .success();
    let doc = read(&out);
    common::assert_snapshot(
        "docx_rollup_500plus",
        "roadmap status roadmaps/500plus --format docx -o svod.docx --as-of 2022-03-15 --lang ru, read by tests/docx/read.py",
        &as_text(&doc),
    );
    assert_eq!(doc["landscape"], true);
    let text = as_text(&doc);
    assert!(!text.contains('{'), "a placeholder left in:\n{text}");
    // A row per school with a plan, under a header row repeated on every page.
    let rollup: Value = serde_json::from_str(
        &Test::in_repo("")
            .args([
                "status",
                "roadmaps/500plus",
                "--format",
                "json",
                "--as-of",
                AS_OF,
            ])
            .success()
            .stdout,
    )
    .unwrap();
    let schools: Vec<&str> = rollup["templates"][0]["schools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["school"].as_str().unwrap())
        .collect();
    assert_eq!(schools.len(), 3);
    let table = &doc["tables"][0];
    assert_eq!(rows(table)[0]["header"], true);
    let first_lines: Vec<&str> = rows(table)[1..]
        .iter()
        .map(|r| cells(r)[0].lines().next().unwrap())
        .collect();
    assert_eq!(first_lines, schools, "the most behind first, as the page");
    // The 21 schools of schools.csv without a plan, named.
    let paragraphs: Vec<&str> = doc["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert!(
        paragraphs.contains(&"Нет плана: 21 из 24"),
        "{paragraphs:?}"
    );
    let no_plan = rollup["templates"][0]["no_plan"].as_array().unwrap();
    assert_eq!(no_plan.len(), 21);
    for school in no_plan {
        assert!(text.contains(school.as_str().unwrap()), "{school} missing");
    }
    // The mandatory activities, those not yet due said so across three columns.
    let activities = &doc["tables"][1];
    assert_eq!(
        rows(activities).len() - 1,
        rollup["templates"][0]["activities"]
            .as_array()
            .unwrap()
            .len()
    );
    assert!(text.contains("| [на 3] срок не наступил |"));
    // And in English.
    let en = dir.path().join("en.docx");
    Test::in_repo("")
        .args([
            "status",
            "roadmaps/500plus",
            "--format",
            "docx",
            "-o",
            en.to_str().unwrap(),
            "--as-of",
            AS_OF,
            "--lang",
            "en",
        ])
        .success();
    let en = as_text(&read(&en));
    assert!(en.contains("As of 15 Mar 2022"), "{en}");
    assert!(en.contains("No plan: 21 of 24"), "{en}");
    assert!(en.contains("(signature)"), "{en}");
}

#[test]
#[ignore = "needs Python's python-docx: cargo test -- --include-ignored"]
fn tomari_status_docx() {
    let dir = tempfile::tempdir().unwrap();
    let doc = read(&status_docx(dir.path(), TOMARI, "status.docx", "ru"));
    common::assert_snapshot(
        "docx_status_tomari",
        "roadmap status roadmaps/tomari-500plus-2022.roadmap --format docx -o status.docx --as-of 2022-03-15 --lang ru, read by tests/docx/read.py",
        &as_text(&doc),
    );
    // The summary counts what `status --format json` counts.
    let out = Test::in_repo("")
        .args([
            "status", TOMARI, "--format", "json", "--as-of", AS_OF, "--lang", "ru",
        ])
        .success();
    let json: Value = serde_json::from_str(&out.stdout).unwrap();
    let summary = rows(&doc["tables"][0]);
    for (label, key) in [
        ("Мероприятий", "activities"),
        ("Выполнено в срок", "done_on_time"),
        ("Просрочено", "overdue"),
        ("Отменено", "cancelled"),
    ] {
        let row = summary
            .iter()
            .find(|r| cells(r)[0] == label)
            .unwrap_or_else(|| panic!("no «{label}» in the summary"));
        assert_eq!(
            cells(row)[1],
            json["totals"][key].to_string(),
            "«{label}» in the summary"
        );
    }
    let activities = json["activities"].as_array().unwrap();
    let table = rows(&doc["tables"][1]);
    assert_eq!(table[0]["header"], true, "header row repeated");
    assert_eq!(
        table.iter().filter(|r| cells(r).len() == 8).count(),
        1 + activities.len(),
        "a row per activity"
    );
    let signature: Vec<&str> = cells(&rows(&doc["tables"][2])[1]);
    assert_eq!(
        signature,
        [
            "(должность)",
            "(подпись)",
            "(расшифровка подписи)",
            "(дата)"
        ]
    );
    // In English.
    let en = read(&status_docx(dir.path(), TOMARI, "status-en.docx", "en"));
    assert!(
        en["paragraphs"][0]
            .as_str()
            .unwrap()
            .starts_with("Progress of the roadmap"),
        "{}",
        en["paragraphs"][0]
    );
}

// ---------------------------------------------------------------- LibreOffice

/// Converts `docx` to PDF with LibreOffice (its own profile, so that runs
/// side by side do not clash), draws its first page with pdftoppm, and
/// returns the share of the page that is not white.
fn ink_on_first_page(docx: &Path) -> f64 {
    tools::program(
        "soffice",
        "--version",
        "apt-get install libreoffice-writer-nogui",
    );
    tools::program("pdftoppm", "-v", "apt-get install poppler-utils");
    let dir = docx.parent().unwrap();
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(docx)
        .output()
        .expect("soffice runs");
    let pdf = docx.with_extension("pdf");
    assert!(
        out.status.success() && pdf.exists(),
        "LibreOffice cannot convert {}:\n{}{}",
        docx.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let page = docx.with_extension("");
    let out = Command::new("pdftoppm")
        .args(["-gray", "-r", "40", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&pdf)
        .arg(&page)
        .output()
        .expect("pdftoppm runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pgm = std::fs::read(page.with_extension("pgm")).expect("the page drawn");
    // A binary PGM: «P5», width, height, maximum, one byte a pixel.
    let header: Vec<&[u8]> = pgm.splitn(5, |b| b.is_ascii_whitespace()).take(4).collect();
    assert_eq!(header[0], b"P5", "a grey page");
    let pixels = &pgm[pgm.len()
        - std::str::from_utf8(header[1])
            .unwrap()
            .parse::<usize>()
            .unwrap()
            * std::str::from_utf8(header[2])
                .unwrap()
                .parse::<usize>()
                .unwrap()..];
    pixels.iter().filter(|&&p| p < 128).count() as f64 / pixels.len() as f64
}

#[test]
#[ignore = "needs LibreOffice and poppler-utils: cargo test -- --include-ignored"]
fn libreoffice_prints_the_word_documents() {
    let dir = tempfile::tempdir().unwrap();
    for docx in [
        schedule_docx(dir.path(), TOMARI, "tomari-schedule.docx", &[]),
        status_docx(dir.path(), TOMARI, "tomari-status.docx", "ru"),
        schedule_docx(dir.path(), REGION, "region-schedule.docx", &[]),
        status_docx(dir.path(), "roadmaps/500plus", "rollup.docx", "ru"),
    ] {
        let ink = ink_on_first_page(&docx);
        // Text and table lines, not a blank page, not a black one.
        assert!(
            (0.005..0.5).contains(&ink),
            "{}: {:.1} % of the first page is dark",
            docx.display(),
            ink * 100.0
        );
    }
}

// ---------------------------------------------------------------- workbook

const XLSX_PRINT: &str = r#"
import json, sys
from openpyxl import load_workbook
ws = load_workbook(sys.argv[1]).worksheets[0]
print(json.dumps({
    'filter': ws.auto_filter.ref,
    'footer': ws.oddFooter.right.text,
    'orientation': ws.page_setup.orientation,
    'paper': ws.page_setup.paperSize,
    'fit_to_page': ws.sheet_properties.pageSetUpPr.fitToPage,
    'fit_height': ws.page_setup.fitToHeight,
    'repeat': ws.print_title_rows,
    'last_row': ws.max_row,
}, ensure_ascii=False))
"#;

#[test]
#[ignore = "needs Python's openpyxl: cargo test -- --include-ignored"]
fn the_schedule_workbook_prints_with_a_filter_and_page_numbers() {
    tools::python_with("openpyxl", "python3 -m pip install openpyxl");
    let dir = tempfile::tempdir().unwrap();
    for (lang, footer) in [("ru", "Страница &P из &N"), ("en", "Page &P of &N")] {
        let xlsx = dir.path().join(format!("{lang}.xlsx"));
        roadmap(
            dir.path(),
            &[
                "schedule",
                &path(TOMARI),
                "-o",
                xlsx.to_str().unwrap(),
                "--as-of",
                AS_OF,
                "--lang",
                lang,
            ],
        );
        let out = Command::new("python3")
            .args(["-c", XLSX_PRINT])
            .arg(&xlsx)
            .output()
            .expect("python3 runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let sheet: Value = serde_json::from_slice(&out.stdout).unwrap();
        let last = sheet["last_row"].as_u64().unwrap();
        assert_eq!(
            sheet["filter"],
            // Through the three progress columns (the status as of AS_OF).
            format!("A3:S{last}"),
            "a filter on the headings"
        );
        assert!(
            sheet["footer"].as_str().unwrap().ends_with(footer),
            "{}",
            sheet["footer"]
        );
        assert_eq!(sheet["orientation"], "landscape");
        assert_eq!(sheet["paper"], 9, "A4");
        assert_eq!(sheet["fit_to_page"], true);
        assert_eq!(
            sheet["fit_height"], 0,
            "fit to width, as many pages as it takes"
        );
        assert_eq!(sheet["repeat"], "$3:$3", "the headings on every page");
    }
}

// ---------------------------------------------------------------- what a file says

#[test]
#[ignore = "needs Python's python-docx: cargo test -- --include-ignored"]
fn findings_and_markup_come_through_as_written() {
    let dir = tempfile::tempdir().unwrap();
    // Text that looks like markup is text in Word.
    let doc = read(&schedule_docx(
        dir.path(),
        "tests/schedule/escaping.roadmap",
        "escaping.docx",
        &[],
    ));
    let text = as_text(&doc);
    assert!(text.contains("<script>alert(\"x\")</script> & «"), "{text}");
    // A roadmap with errors: the form and the report list the findings.
    const BROKEN: &str = "tests/schedule/broken.roadmap";
    let form = dir.path().join("broken.docx");
    let report = dir.path().join("broken-status.docx");
    for (args, out) in [
        (vec!["schedule", BROKEN, "-o"], &form),
        (vec!["status", BROKEN, "--format", "docx", "-o"], &report),
    ] {
        let mut args: Vec<String> = args.into_iter().map(String::from).collect();
        args[1] = path(BROKEN);
        args.push(out.display().to_string());
        args.extend(["--as-of", AS_OF, "--lang", "en"].map(String::from));
        Test::in_dir(dir.path()).args(&args).failure();
        let paragraphs = read(out)["paragraphs"].to_string();
        assert!(
            paragraphs.contains("Findings of the check: 1 error")
                && paragraphs.contains("error[E0203]"),
            "{}: {paragraphs}",
            out.display()
        );
    }
}

#[test]
fn status_writes_any_format_to_a_file_with_o() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("report.md");
    let args = [
        "status".to_string(),
        path(TOMARI),
        "--format".into(),
        "md".into(),
        "-o".into(),
        md.display().to_string(),
        "--as-of".into(),
        AS_OF.into(),
        "--lang".into(),
        "en".into(),
    ];
    Test::in_dir(dir.path()).args(&args).stdout("").success();
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.contains("Share done on time"), "{text}");
    Test::in_dir(dir.path())
        .args(&args)
        .stderr(format!(
            "error: {} exists; add --force to replace it\n",
            md.display()
        ))
        .status(2);
}

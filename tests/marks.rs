//! `roadmap form` and `roadmap marks import`, as a region runs them: forms
//! for the bundled school plans (roadmaps/500plus), filled in with Python's
//! openpyxl as a school would (tests/marks/fill.py — including a date that
//! does not exist, a title typed over in a locked cell, a state typed over
//! the drop-down), read back into the status files, and checked: the lines
//! added, the findings at the form's cells, and what `status` then says.
//! The Word form is filled with python-docx (tests/marks/fill-docx.py).
//!
//! The tests that fill forms need Python's openpyxl or python-docx: a plain
//! `cargo test` reports them as ignored; `cargo test -- --include-ignored`
//! (what `.ci/run` runs, after installing both) runs them, and fails them
//! when a package is missing (tests/tools/).

mod tools;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of roadmaps/500plus in a fresh folder: the tests write status files.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let to = dir.path().join("500plus");
    std::fs::create_dir_all(&to).expect("create 500plus");
    for entry in std::fs::read_dir(root().join("roadmaps/500plus")).expect("roadmaps/500plus") {
        let path = entry.expect("an entry").path();
        std::fs::copy(&path, to.join(path.file_name().expect("a name"))).expect("copy");
    }
    dir
}

fn roadmap(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_roadmap"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::null())
        .args(args)
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.code().is_some() && !stderr.contains("panicked"),
        "roadmap {} crashed:\n{stderr}",
        args.join(" ")
    );
    out
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).expect("a file to read")
}

/// Fills cells of a form: `G14=date:2022-02-10`, `I15=num:93`, `F25=сделано`.
fn fill(dir: &Path, form: &str, edits: &[&str]) {
    let out = Command::new("python3")
        .current_dir(dir)
        .arg(root().join("tests/marks/fill.py"))
        .arg(form)
        .args(edits)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "fill.py failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Fills cells of a Word form: `@2.2:F=выполнено`, `@2.2:G=date:2022-02-10`.
fn fill_docx(dir: &Path, form: &str, edits: &[&str]) {
    let out = Command::new("python3")
        .current_dir(dir)
        .arg(root().join("tests/marks/fill-docx.py"))
        .arg(form)
        .args(edits)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "fill-docx.py failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn snapshot(name: &str, description: &str, content: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root().join("tests").join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.set_description(description);
    settings.bind(|| insta::assert_snapshot!(format!("marks__{name}"), content));
}

/// What `after` adds to `before`: the lines only it has, with their neighbours.
fn added(before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(1)
        .to_string()
}

fn form(dir: &Path, plans: &[&str]) {
    let mut args = vec!["form", "--as-of", "2022-03-15", "--out", "forms"];
    args.extend(plans);
    let out = roadmap(dir, &args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

fn activity<'a>(status: &'a Value, number: &str) -> &'a Value {
    status["activities"]
        .as_array()
        .expect("activities")
        .iter()
        .find(|a| a["number"] == number)
        .unwrap_or_else(|| panic!("activity {number} in the report"))
}

#[test]
#[ignore = "needs Python's openpyxl: cargo test -- --include-ignored"]
fn a_school_fills_its_form_and_the_marks_come_back_checked() {
    tools::python_with("openpyxl", "python3 -m pip install openpyxl");
    let dir = workspace();
    let dir = dir.path();
    form(dir, &["500plus/vostok.roadmap"]);
    let before = read(dir, "500plus/vostok.status");
    fill(
        dir,
        "forms/vostok.xlsx",
        &[
            // 2.2 done, with a document and a comment; 1.5, which it comes
            // after, was done a day later: E0603, as in a status file.
            "F14=выполнено",
            "G14=date:2022-02-10",
            "H14=результаты в ИС МЭДК",
            "J14=получены с опозданием",
            // 2.3: the actual value of its indicator (a %).
            "I15=num:93",
            // 3.3: a date a year off, outside the plan's period.
            "F18=выполнено",
            "G18=date:2023-03-10",
            // 4.2: its title typed over in a locked cell; started.
            "B20=Консультирование (исправлено школой)",
            "F20=начато",
            "G20=date:2022-02-14",
            // 4.4: done before the day the status file says it was started.
            "F22=выполнено",
            "G22=date:2022-02-18",
            // 4.5: a day that does not exist, typed as text.
            "F23=выполнено",
            "G23=31.02.2022",
            // 4.7: a state typed over the drop-down.
            "F25=сделано",
            "G25=date:2022-03-01",
            // 4.8: moved to a new deadline.
            "F26=перенесено",
            "G26=date:2022-04-08",
            "J26=опрос перенесён по решению муниципалитета",
            // 5.1: done, in a comment-free row.
            "F28=выполнено",
            "G28=date:2022-03-01",
            "H28=страница проекта на сайте школы",
        ],
    );
    let out = roadmap(
        dir,
        &["marks", "import", "forms/vostok.xlsx", "--lang", "ru"],
    );
    assert_eq!(out.status.code(), Some(1), "errors found: exit 1");
    let after = read(dir, "500plus/vostok.status");
    snapshot(
        "vostok_lines_added",
        "What marks import added to vostok.status from the filled form",
        &added(&before, &after),
    );
    snapshot(
        "vostok_findings_ru",
        "The findings of importing the filled form, at the form's cells",
        &text(&out.stderr),
    );
    assert_eq!(
        text(&out.stdout),
        "forms/vostok.xlsx: добавлено строк в 500plus/vostok.status: 5, ошибок: 5\n"
    );

    // The status file stays in the canonical layout and checks clean.
    let fmt = roadmap(dir, &["fmt", "--check", "500plus/vostok.status"]);
    assert_eq!(fmt.status.code(), Some(0), "{}", text(&fmt.stdout));
    let check = roadmap(dir, &["check", "500plus/vostok.roadmap"]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));

    // `status` reflects the marks.
    let status = roadmap(
        dir,
        &[
            "status",
            "500plus/vostok.roadmap",
            "--as-of",
            "2022-03-15",
            "--format",
            "json",
        ],
    );
    let status: Value = serde_json::from_slice(&status.stdout).expect("JSON");
    assert_eq!(activity(&status, "4.2")["started"], "2022-02-14");
    assert_eq!(
        activity(&status, "4.8")["baseline"]["to"][0],
        "до 08.04.2022"
    );
    assert_eq!(
        activity(&status, "5.1")["evidence"],
        "страница проекта на сайте школы"
    );
    assert_eq!(
        activity(&status, "2.2")["done"],
        Value::Null,
        "2.2 had an error"
    );
    let actual = status["indicators"]
        .as_array()
        .expect("indicators")
        .iter()
        .find(|i| i["activity"] == "2.3")
        .expect("2.3's indicator");
    assert_eq!(actual["actual"], 93.0);
    assert_eq!(actual["attainment"], "met");

    // The same form again adds nothing: every mark (and comment) is already there.
    let again = roadmap(
        dir,
        &["marks", "import", "forms/vostok.xlsx", "--lang", "en"],
    );
    assert_eq!(read(dir, "500plus/vostok.status"), after);
    assert_eq!(
        text(&again.stdout),
        "forms/vostok.xlsx: 0 lines added to 500plus/vostok.status, 5 errors\n"
    );
    snapshot(
        "vostok_findings_en",
        "The same findings in English",
        &text(&again.stderr),
    );
}

#[test]
#[ignore = "needs Python's openpyxl: cargo test -- --include-ignored"]
fn the_bundled_plans_round_trip() {
    tools::python_with("openpyxl", "python3 -m pip install openpyxl");
    let dir = workspace();
    let dir = dir.path();
    // The folder: the template gets no form.
    form(dir, &["500plus"]);
    let mut forms: Vec<String> = std::fs::read_dir(dir.join("forms"))
        .expect("forms")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    forms.sort();
    assert_eq!(
        forms,
        ["boshnyakovo.xlsx", "krasnogorsk.xlsx", "vostok.xlsx"]
    );
    let plans = ["boshnyakovo", "krasnogorsk", "vostok"];
    let before: Vec<String> = plans
        .iter()
        .map(|p| read(dir, &format!("500plus/{p}.status")))
        .collect();
    // Returned as written (what the status files say is filled in already):
    // nothing to add.
    let paths: Vec<String> = plans.iter().map(|p| format!("forms/{p}.xlsx")).collect();
    let mut args = vec!["marks", "import"];
    args.extend(paths.iter().map(String::as_str));
    let out = roadmap(dir, &args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "");
    for (p, b) in plans.iter().zip(&before) {
        assert_eq!(&read(dir, &format!("500plus/{p}.status")), b, "{p}");
    }
    // Each school reports 2.2 done: one line each, under the activity's
    // block in the status file or a new one (the rows differ from plan to
    // plan: the cells are found by the activity).
    for p in &paths {
        fill(
            dir,
            p,
            &["F14=выполнено", "G14=date:2022-02-14", "H14=протокол"],
        );
    }
    let out = roadmap(dir, &args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    for (p, b) in plans.iter().zip(&before) {
        let after = read(dir, &format!("500plus/{p}.status"));
        let (old, new): (Vec<&str>, Vec<&str>) = (b.lines().collect(), after.lines().collect());
        let at = new
            .iter()
            .position(|l| *l == "  выполнено: 14.02.2022 — протокол")
            .unwrap_or_else(|| panic!("{p}: the line is added"));
        let mut without = new.clone();
        without.remove(at);
        // Nothing else changes but a new block's header and blank line.
        without.retain(|l| !old.contains(l) && !l.is_empty());
        assert!(
            without.is_empty() || without == ["мероприятие 2.2"],
            "{p}: {without:?}"
        );
        let block = new[..at]
            .iter()
            .rev()
            .find(|l| l.starts_with("мероприятие"))
            .expect("under an activity");
        assert_eq!(*block, "мероприятие 2.2", "{p}");
        assert_eq!(
            new.len(),
            old.len() + if without.is_empty() { 1 } else { 3 },
            "{p}"
        );
    }
    let check = roadmap(dir, &["check", "500plus"]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
}

#[test]
#[ignore = "needs Python's openpyxl: cargo test -- --include-ignored"]
fn dry_run_prints_the_diff_and_writes_nothing() {
    tools::python_with("openpyxl", "python3 -m pip install openpyxl");
    let dir = workspace();
    let dir = dir.path();
    form(dir, &["500plus/krasnogorsk.roadmap"]);
    let before = read(dir, "500plus/krasnogorsk.status");
    fill(
        dir,
        "forms/krasnogorsk.xlsx",
        &["@3.3:F=Начато", "@3.3:G=11.03.2022"],
    );
    let out = roadmap(
        dir,
        &[
            "marks",
            "import",
            "forms/krasnogorsk.xlsx",
            "--dry-run",
            "--lang",
            "en",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(read(dir, "500plus/krasnogorsk.status"), before);
    snapshot(
        "krasnogorsk_dry_run",
        "marks import --dry-run: the diff of the status file, nothing written",
        &text(&out.stdout),
    );
}

#[test]
#[ignore = "needs Python's openpyxl: cargo test -- --include-ignored"]
fn a_form_of_an_older_plan_is_read_and_its_differences_reported() {
    tools::python_with("openpyxl", "python3 -m pip install openpyxl");
    let dir = workspace();
    let dir = dir.path();
    form(dir, &["500plus/boshnyakovo.roadmap"]);
    // After the form went out, the template renamed activity 2.2.
    let template = dir.join("500plus/template.roadmap");
    let old = std::fs::read_to_string(&template).expect("template");
    let renamed = old.replacen(
        "Получение результатов анкетирования кураторов",
        "Получение и анализ результатов анкетирования кураторов",
        1,
    );
    assert_ne!(old, renamed, "the template names 2.2 so");
    std::fs::write(&template, renamed).expect("write the template");
    fill(
        dir,
        "forms/boshnyakovo.xlsx",
        &["F14=выполнено", "G14=date:2022-02-14"],
    );
    let out = roadmap(
        dir,
        &["marks", "import", "forms/boshnyakovo.xlsx", "--lang", "en"],
    );
    assert_eq!(out.status.code(), Some(0), "warnings only");
    snapshot(
        "older_plan_en",
        "A form made before the template renamed 2.2: read, the differences reported",
        &text(&out.stderr),
    );
    assert!(read(dir, "500plus/boshnyakovo.status").contains(
        // The document was filled in already: the form shows what the status
        // file says, and the school changed only the date.
        "\n  выполнено: 14.02.2022 — результаты анкетирования кураторов получены\n"
    ));
}

#[test]
fn a_workbook_that_is_not_a_form_is_refused() {
    let dir = workspace();
    let dir = dir.path();
    let out = roadmap(
        dir,
        &[
            "schedule",
            "500plus/vostok.roadmap",
            "--format",
            "xlsx",
            "--output",
            "plan.xlsx",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let before = read(dir, "500plus/vostok.status");
    let out = roadmap(dir, &["marks", "import", "plan.xlsx", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error[E0606]: plan.xlsx: the workbook has no hidden sheet `roadmap` written by `roadmap form`\n"
    );
    assert_eq!(read(dir, "500plus/vostok.status"), before);
    let missing: PathBuf = dir.join("nothing.xlsx");
    let out = roadmap(dir, &["marks", "import", missing.to_str().expect("a path")]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
#[ignore = "needs Python's openpyxl: cargo test -- --include-ignored"]
fn a_letter_carries_the_form_and_the_filled_form_comes_back() {
    tools::python_with("openpyxl", "python3 -m pip install openpyxl");
    let dir = workspace();
    let dir = dir.path();
    let out = roadmap(
        dir,
        &[
            "remind",
            "500plus/vostok.roadmap",
            "--as-of",
            "2022-03-15",
            "--attach-form",
            "--out",
            "mail",
            "--from",
            "roadmap@example.org",
            "--lang",
            "ru",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // The school's letter: the text asks for the form back, the form is attached.
    let extract = r#"
import email, sys
message = email.message_from_bytes(open(sys.argv[1], "rb").read())
for part in message.walk():
    if part.get_filename():
        open(sys.argv[2], "wb").write(part.get_payload(decode=True))
        print(part.get_filename(), part.get_content_type())
    elif part.get_content_type() == "text/plain":
        print(part.get_payload(decode=True).decode().replace("\r\n", "\n").split("\n\n")[-2])
"#;
    let got = Command::new("python3")
        .current_dir(dir)
        .args(["-c", extract, "mail/2022-03-15-ОО.eml", "returned.xlsx"])
        .output()
        .expect("python3 runs");
    assert!(got.status.success(), "{}", text(&got.stderr));
    snapshot(
        "letter_with_form",
        "remind --attach-form: the end of the school's letter, and its attachment",
        &text(&got.stdout),
    );
    // The school fills the attached form in and sends it back.
    let before = read(dir, "500plus/vostok.status");
    fill(
        dir,
        "returned.xlsx",
        &[
            "@4.7:F=выполнено",
            "@4.7:G=date:2022-03-01",
            "@4.7:H=план-график",
        ],
    );
    let out = roadmap(dir, &["marks", "import", "returned.xlsx"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        read(dir, "500plus/vostok.status"),
        format!("{before}\nмероприятие 4.7\n  выполнено: 01.03.2022 — план-график\n")
    );
}

#[test]
#[ignore = "needs Python's openpyxl: cargo test -- --include-ignored"]
fn two_forms_of_one_plan_read_in_one_run_both_count() {
    tools::python_with("openpyxl", "python3 -m pip install openpyxl");
    let dir = workspace();
    let dir = dir.path();
    form(dir, &["500plus/vostok.roadmap"]);
    std::fs::copy(dir.join("forms/vostok.xlsx"), dir.join("second.xlsx")).expect("copy");
    fill(
        dir,
        "forms/vostok.xlsx",
        &["@4.7:F=начато", "@4.7:G=date:2022-02-20"],
    );
    fill(
        dir,
        "second.xlsx",
        &["@3.3:F=начато", "@3.3:G=date:2022-03-01"],
    );
    let before = read(dir, "500plus/vostok.status");
    let out = roadmap(
        dir,
        &["marks", "import", "forms/vostok.xlsx", "second.xlsx"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        read(dir, "500plus/vostok.status"),
        format!(
            "{before}\nмероприятие 4.7\n  начато: 20.02.2022\n\nмероприятие 3.3\n  начато: 01.03.2022\n"
        )
    );
}

#[test]
#[ignore = "needs Python's python-docx: cargo test -- --include-ignored"]
fn a_school_fills_the_word_form_and_the_marks_come_back_checked() {
    tools::python_with("docx", "python3 -m pip install python-docx");
    let dir = workspace();
    let dir = dir.path();
    let out = roadmap(
        dir,
        &[
            "form",
            "500plus/vostok.roadmap",
            "--as-of",
            "2022-03-15",
            "--out",
            "forms",
            "--format",
            "docx",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "forms/vostok.docx: 27 rows\n");
    // What Word shows: landscape, the heading, the table's header and a row
    // with the parties' names; what it keeps: the custom properties.
    let look = r#"
import sys, docx, xml.etree.ElementTree as ET
d = docx.Document(sys.argv[1])
s = d.sections[0]
print("landscape" if s.orientation == 1 and s.page_width > s.page_height else "portrait")
print(d.paragraphs[0].text)
print(d.paragraphs[2].text)
t = d.tables[0]
print(" | ".join(c.text for c in t.rows[0].cells))
print(" | ".join(c.text for c in t.rows[2].cells[:4]))
part = next(p for p in d.part.package.parts if str(p.partname) == "/docProps/custom.xml")
ns = {"p": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"}
for prop in ET.fromstring(part.blob).findall("p:property", ns)[:4]:
    print(prop.get("name"), "=", "".join(prop.itertext()))
lists = d.element.body.findall(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}dropDownList")
print(len(lists), "drop-down lists")
"#;
    let got = Command::new("python3")
        .current_dir(dir)
        .args(["-c", look, "forms/vostok.docx"])
        .output()
        .expect("python3 runs");
    assert!(got.status.success(), "{}", text(&got.stderr));
    let hash = text(&got.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("roadmap-hash = "))
        .map(str::to_string)
        .expect("the hash");
    assert_eq!(hash.len(), 16);
    snapshot(
        "vostok_docx_read_by_python_docx",
        "The Word form as python-docx reads it: orientation, heading, header, a row, the custom properties",
        &text(&got.stdout).replace(&hash, "[hash]"),
    );

    let before = read(dir, "500plus/vostok.status");
    fill_docx(
        dir,
        "forms/vostok.docx",
        &[
            // 2.2 done a day before 1.5, which it comes after: E0603.
            "@2.2:F=выполнено",
            "@2.2:G=date:2022-02-10",
            "@2.2:H=результаты в ИС МЭДК",
            "@2.2:J=получены с опозданием",
            // 2.3: the actual value of its indicator.
            "@2.3:I=93",
            // 3.3: a date a year off, outside the plan's period.
            "@3.3:F=выполнено",
            "@3.3:G=date:2023-03-10",
            // 4.2: its title typed over in a plain cell; started.
            "@4.2:B=Консультирование (исправлено школой)",
            "@4.2:F=начато",
            "@4.2:G=date:2022-02-14",
            // 4.5: a day that does not exist, typed.
            "@4.5:F=выполнено",
            "@4.5:G=31.02.2022",
            // 4.7: a state not in the list.
            "@4.7:F=сделано",
            "@4.7:G=date:2022-03-01",
            // 4.8: moved to a new deadline.
            "@4.8:F=перенесено",
            "@4.8:G=date:2022-04-08",
            // 5.1: done.
            "@5.1:F=выполнено",
            "@5.1:G=date:2022-03-01",
            "@5.1:H=страница проекта на сайте школы",
        ],
    );
    let out = roadmap(
        dir,
        &["marks", "import", "forms/vostok.docx", "--lang", "ru"],
    );
    assert_eq!(out.status.code(), Some(1), "errors found: exit 1");
    let after = read(dir, "500plus/vostok.status");
    snapshot(
        "vostok_docx_lines_added",
        "What marks import added to vostok.status from the filled Word form",
        &added(&before, &after),
    );
    snapshot(
        "vostok_docx_findings_ru",
        "The findings of importing the filled Word form, at the table's rows and columns",
        &text(&out.stderr),
    );
    assert_eq!(
        text(&out.stdout),
        "forms/vostok.docx: добавлено строк в 500plus/vostok.status: 4, ошибок: 4\n"
    );
    let fmt = roadmap(dir, &["fmt", "--check", "500plus/vostok.status"]);
    assert_eq!(fmt.status.code(), Some(0), "{}", text(&fmt.stdout));
    let check = roadmap(dir, &["check", "500plus/vostok.roadmap"]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));

    // The same form again adds nothing.
    let again = roadmap(
        dir,
        &["marks", "import", "forms/vostok.docx", "--lang", "en"],
    );
    assert_eq!(read(dir, "500plus/vostok.status"), after);
    assert_eq!(
        text(&again.stdout),
        "forms/vostok.docx: 0 lines added to 500plus/vostok.status, 4 errors\n"
    );
}

#[test]
fn a_word_document_that_is_not_a_form_is_refused() {
    let dir = workspace();
    let dir = dir.path();
    std::fs::copy(
        root().join("tests/import/tomari-500plus-2022.docx"),
        dir.join("plan.docx"),
    )
    .expect("copy a Word roadmap");
    let out = roadmap(dir, &["marks", "import", "plan.docx", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error[E0606]: plan.docx: the document has no properties `roadmap-form` written by `roadmap form`\n"
    );
}

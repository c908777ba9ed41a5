//! Templates and school plans, as a regional coordinator uses them: plans
//! extend a template, `instantiate` writes a thousand of them, every
//! conformance check points at the school's line and the template's line.

#[path = "tools/mod.rs"]
mod tools;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn roadmap(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_roadmap"))
        .args(args)
        .current_dir(dir)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("the binary runs")
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

/// A fresh folder holding tests/templates/template.roadmap as `name`.
fn with_template(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixtures().join("templates/template.roadmap"),
        dir.path().join(name),
    )
    .unwrap();
    dir
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Checks a plan in tests/templates and returns its output, asserting it
/// found `code` at the plan's line and names the template's line.
fn conformance(plan: &str, code: &str, plan_at: &str, template_at: Option<&str>) {
    let out = roadmap(
        &fixtures(),
        &["check", &format!("templates/{plan}"), "--lang", "en"],
    );
    let text = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains(&format!("error[{code}]")),
        "{code} missing:\n{text}"
    );
    assert!(
        text.contains(&format!("[templates/{plan}:{plan_at}]")),
        "the plan's line {plan_at} missing:\n{text}"
    );
    if let Some(at) = template_at {
        assert!(
            text.contains(&format!("templates/template.roadmap:{at}")),
            "the template's line {at} missing:\n{text}"
        );
    }
}

#[test]
fn a_later_deadline_than_the_template_is_an_error() {
    conformance("later-deadline.roadmap", "E0701", "7:9", Some("14:9"));
}

#[test]
fn a_lower_target_than_the_template_is_an_error() {
    conformance("lower-target.roadmap", "E0702", "7:15", Some("16:15"));
}

#[test]
fn a_mandatory_activity_cancelled_without_reason_is_an_error() {
    conformance("cancelled-without-reason.roadmap", "E0703", "7:13", None);
    // 1.2 is `обязательное: нет`: cancelling it needs no reason.
    let out = roadmap(
        &fixtures(),
        &[
            "check",
            "templates/cancelled-without-reason.roadmap",
            "--lang",
            "en",
        ],
    );
    assert_eq!(stderr(&out).matches("E0703").count(), 1, "{}", stderr(&out));
}

#[test]
fn a_parameter_bound_twice_is_an_error() {
    conformance("bound-twice.roadmap", "E0704", "3:10", None);
}

#[test]
fn a_parameter_left_unbound_is_an_error() {
    conformance("unbound.roadmap", "E0705", "1:12", Some("4:10"));
}

#[test]
fn an_undeclared_placeholder_is_an_error() {
    conformance("unknown-parameter.roadmap", "E0706", "6:21", None);
}

#[test]
fn a_plan_that_breaks_a_template_dependency_is_an_error() {
    conformance("broken-dependency.roadmap", "E0304", "11:10", Some("14:9"));
}

#[test]
fn templates_extending_each_other_in_a_cycle_are_an_error() {
    let out = roadmap(
        &fixtures(),
        &["check", "templates/cycle/a.roadmap", "--lang", "en"],
    );
    let text = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    // Reported where the cycle closes: b extends a, which extends b.
    assert!(
        text.contains("error[E0102]") && text.contains("[templates/cycle/b.roadmap:1:12]"),
        "{text}"
    );
}

#[test]
fn a_plan_that_tightens_and_adds_is_clean() {
    let out = roadmap(
        &fixtures(),
        &["check", "templates/good.roadmap", "--lang", "en"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("2 files, 3 activities: 0 errors, 0 warnings"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn instantiate_writes_a_thousand_clean_plans_and_never_overwrites() {
    let dir = with_template("template.roadmap");
    let mut csv = String::from("файл;школа;почта_школы\n");
    for i in 1..=1000 {
        csv.push_str(&format!(
            "school-{i};МБОУ СОШ № {i};school{i}@example.org\n"
        ));
    }
    std::fs::write(dir.path().join("schools.csv"), csv).unwrap();
    let args = [
        "instantiate",
        "template.roadmap",
        "--data",
        "schools.csv",
        "--out",
        "plans",
        "--lang",
        "en",
    ];
    let out = roadmap(dir.path(), &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let count = std::fs::read_dir(dir.path().join("plans")).unwrap().count();
    assert_eq!(count, 1000);
    // Outside a git work tree the root is the folder checked: the template
    // beside it is let in by --root.
    let check = roadmap(
        dir.path(),
        &["check", "plans", "--root", ".", "--lang", "en"],
    );
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(
        stderr(&check).contains("1001 files, 2000 activities: 0 errors, 0 warnings"),
        "{}",
        stderr(&check)
    );
    // A person edits a plan; a second run without --force writes nothing.
    let edited = dir.path().join("plans/school-7.roadmap");
    let mut text = std::fs::read_to_string(&edited).unwrap();
    text.push_str("\n# правка школы\n");
    std::fs::write(&edited, &text).unwrap();
    let again = roadmap(dir.path(), &args);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(
        stderr(&again).contains("Wrote 0 plan(s)"),
        "{}",
        stderr(&again)
    );
    assert!(
        stderr(&again).contains("1000 file(s) already exist"),
        "{}",
        stderr(&again)
    );
    assert_eq!(std::fs::read_to_string(&edited).unwrap(), text);
}

#[test]
fn instantiate_reports_bad_rows_by_line_and_writes_the_others() {
    let dir = with_template("template.roadmap");
    std::fs::write(
        dir.path().join("schools.csv"),
        "файл;школа;почта_школы\na;Школа А;a@example.org\nb;;b@example.org\na;Школа А-2;a2@example.org\nc;Школа В;c@example.org\n",
    )
    .unwrap();
    let out = roadmap(
        dir.path(),
        &[
            "instantiate",
            "template.roadmap",
            "--data",
            "schools.csv",
            "--out",
            "out",
            "--lang",
            "en",
        ],
    );
    let text = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("schools.csv:3: parameter `школа` has no value"),
        "{text}"
    );
    assert!(
        text.contains("schools.csv:4: the file name `a` is taken by line 2"),
        "{text}"
    );
    assert!(dir.path().join("out/a.roadmap").exists() && dir.path().join("out/c.roadmap").exists());
    assert!(!dir.path().join("out/b.roadmap").exists());
}

/// Excel saves CSV with CRLF line ends; the lines named are the lines
/// Excel shows. A JSON `null` is no value, not the word `null`. `.` and
/// `..` name folders, not files.
#[test]
fn instantiate_names_the_lines_of_a_csv_saved_by_excel_and_reads_null_as_empty() {
    let dir = with_template("template.roadmap");
    std::fs::write(
        dir.path().join("schools.csv"),
        "файл;школа;почта_школы\r\na;Школа А;a@example.org\r\nb;;b@example.org\r\n..;Школа Б;c@example.org\r\n.;Школа В;d@example.org\r\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("schools.json"),
        r#"[{"файл": "a", "школа": "Школа А", "почта_школы": "a@example.org"},
            {"файл": "b", "школа": null, "почта_школы": "b@example.org"}]"#,
    )
    .unwrap();
    for (data, line) in [("schools.csv", 3), ("schools.json", 2)] {
        let out = roadmap(
            dir.path(),
            &[
                "instantiate",
                "template.roadmap",
                "--data",
                data,
                "--out",
                "out",
                "--lang",
                "en",
            ],
        );
        let text = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{text}");
        assert!(
            text.contains(&format!("{data}:{line}: parameter `школа` has no value")),
            "{text}"
        );
        if data.ends_with(".csv") {
            assert!(
                text.contains("schools.csv:4: `..` in column `файл` names a folder"),
                "{text}"
            );
            assert!(
                text.contains("schools.csv:5: `.` in column `файл` names a folder"),
                "{text}"
            );
        }
        let _ = std::fs::remove_dir_all(dir.path().join("out"));
    }
}

#[test]
fn editing_the_template_moves_every_plan() {
    use roadmap::run::check_files;
    use roadmap::schedule::{calendar::Calendar, compute};
    let dir = with_template("template.roadmap");
    let template = dir.path().join("template.roadmap");
    let plans: Vec<PathBuf> = (1..=3)
        .map(|i| {
            let path = dir.path().join(format!("plan-{i}.roadmap"));
            std::fs::write(
                &path,
                format!("расширяет: template.roadmap\nпараметр школа: Школа {i}\nпараметр почта_школы: s{i}@example.org\n"),
            )
            .unwrap();
            path
        })
        .collect();
    let ends = || -> Vec<String> {
        let run = check_files(&plans);
        assert!(run.diagnostics.is_empty(), "{:?}", run.diagnostics);
        run.roadmaps
            .iter()
            .map(|(r, g)| {
                let s = compute(r, g, Calendar::russia());
                s.entries[0].end.unwrap().to_string()
            })
            .collect()
    };
    assert_eq!(ends(), ["2022-02-04"; 3]);
    let text = std::fs::read_to_string(&template).unwrap();
    std::fs::write(
        &template,
        text.replace("17.01. – 04.02.2022", "17.01. – 11.02.2022"),
    )
    .unwrap();
    assert_eq!(ends(), ["2022-02-11"; 3]);
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn snapshot(name: &str, description: &str, content: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(repo().join("tests").join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.set_description(description);
    settings.bind(|| insta::assert_snapshot!(format!("templates__{name}"), content));
}

fn json(output: &Output) -> serde_json::Value {
    assert_eq!(output.status.code(), Some(0), "{}", stderr(output));
    serde_json::from_slice(&output.stdout).expect("JSON")
}

// ---------------------------------------------- a plan, shown with its template

#[test]
fn a_school_plan_marks_what_it_takes_from_the_template() {
    let plan = "roadmaps/500plus/boshnyakovo.roadmap";
    let doc = json(&roadmap(
        repo(),
        &["show", plan, "--format", "json", "--as-of", "2022-03-15"],
    ));
    let origin = |number: &str| {
        doc["entries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["number"] == number)
            .map(|e| e["origin"].as_str().unwrap().to_string())
            .unwrap()
    };
    // Taken as it is, tightened by the plan (an earlier deadline), its own.
    assert_eq!(origin("1.1"), "template");
    assert_eq!(origin("2.3"), "amended");
    assert_eq!(origin("4.9"), "amended");
    assert_eq!(origin("6.1"), "own");
    let extends = &doc["roadmap"]["extends"];
    assert_eq!(extends["template"], "template.roadmap");
    assert_eq!(extends["subject"], "МБОУ СОШ с. Бошняково");
    assert_eq!(
        (
            &extends["from_template"],
            &extends["amended"],
            &extends["own"]
        ),
        (&41.into(), &2.into(), &6.into())
    );
    // A mark of progress alone is not a change of the plan: Vostok cancels
    // the optional 4.25 and changes nothing else in it.
    let vostok = json(&roadmap(
        repo(),
        &[
            "schedule",
            "roadmaps/500plus/vostok.roadmap",
            "--format",
            "json",
        ],
    ));
    let e425 = vostok["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["number"] == "4.25")
        .unwrap();
    assert_eq!(e425["origin"], "template");

    let md = roadmap(
        repo(),
        &["show", plan, "--as-of", "2022-03-15", "--lang", "ru"],
    );
    assert_eq!(md.status.code(), Some(0), "{}", stderr(&md));
    snapshot(
        "boshnyakovo.md",
        "roadmap show roadmaps/500plus/boshnyakovo.roadmap --as-of 2022-03-15 --lang ru",
        &stdout(&md),
    );
    let csv = stdout(&roadmap(
        repo(),
        &[
            "schedule",
            plan,
            "--format",
            "csv",
            "--lang",
            "en",
            "--no-progress",
        ],
    ));
    let mut lines = csv.lines();
    assert!(lines
        .next()
        .unwrap()
        .ends_with(";Critical path;Confirming documents;Funding;Risks;Source"));
    assert!(csv
        .lines()
        .any(|l| l.starts_with("2. ") && l.contains(";2.3;") && l.ends_with(";template, amended")));
    let html = stdout(&roadmap(
        repo(),
        &["schedule", plan, "--format", "html", "--lang", "en"],
    ));
    assert_eq!(
        html.matches(r#"<span class="tag origin own">own</span>"#)
            .count(),
        6
    );
    assert_eq!(
        html.matches(r#"<span class="tag origin amended">"#).count(),
        2
    );
    assert_eq!(
        html.matches(r#"<span class="tag origin template">"#)
            .count(),
        41
    );

    // A roadmap that extends nothing has no such column; as approved, no
    // progress either.
    let flat = stdout(&roadmap(
        repo(),
        &[
            "schedule",
            "roadmaps/tomari-500plus-2022.roadmap",
            "--format",
            "csv",
            "--lang",
            "en",
            "--no-progress",
        ],
    ));
    assert!(flat
        .lines()
        .next()
        .unwrap()
        .ends_with(";Critical path;Confirming documents;Funding;Risks"));
    let flat_md = stdout(&roadmap(
        repo(),
        &[
            "schedule",
            "roadmaps/tomari-500plus-2022.roadmap",
            "--lang",
            "en",
        ],
    ));
    assert!(!flat_md.contains("Source") && !flat_md.contains("Template:"));
}

// ------------------------------------------------------ the regional roll-up

#[test]
fn the_rollup_counts_every_school_by_hand() {
    let rollup = json(&roadmap(
        repo(),
        &[
            "status",
            "roadmaps/500plus",
            "--as-of",
            "2022-03-15",
            "--format",
            "json",
            "--lang",
            "en",
        ],
    ));
    assert_eq!(rollup["format"], "roadmap-rollup");
    assert!(rollup["roadmaps"].as_array().unwrap().is_empty());
    assert!(rollup["not_judged"].as_array().unwrap().is_empty());
    let templates = rollup["templates"].as_array().unwrap();
    assert_eq!(templates.len(), 1);
    let t = &templates[0];
    assert_eq!(t["file"], "template.roadmap");
    assert_eq!(t["plans"], 3);
    // Bošnjakovo has done all that was due; Krasnogorsk misses 4.7, Vostok
    // four activities.
    assert_eq!(t["plans_behind"], 2);
    let schools: Vec<(&str, u64)> = t["schools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["file"].as_str().unwrap(),
                s["counts"]["overdue"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        schools,
        [
            ("vostok.roadmap", 4),
            ("krasnogorsk.roadmap", 1),
            ("boshnyakovo.roadmap", 0)
        ]
    );
    // The template's 43 activities less the three optional ones; the plan's
    // own 6.x are not the template's.
    let activities = t["activities"].as_array().unwrap();
    assert_eq!(activities.len(), 40);
    assert!(activities
        .iter()
        .all(|a| !a["number"].as_str().unwrap().starts_with("6.")));
    let activity = |n: &str| activities.iter().find(|a| a["number"] == n).unwrap();
    // 1.4, due 24.01: Bošnjakovo on 24.01, Krasnogorsk on 26.01, Vostok on 09.02.
    let a14 = activity("1.4");
    assert_eq!(
        (a14["completed"].as_u64(), a14["expected"].as_u64()),
        (Some(3), Some(3))
    );
    assert_eq!(a14["states"]["done_late"], 2);
    // 1.7: cancelled by Krasnogorsk and Vostok, done by Bošnjakovo.
    let a17 = activity("1.7");
    assert_eq!(
        (a17["completed"].as_u64(), a17["expected"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(a17["states"]["cancelled"], 2);
    assert_eq!(a17["share_completed"], 1.0);
    // 4.7, due 01.03: done by Bošnjakovo only; 14 days overdue at the others.
    let a47 = activity("4.7");
    assert_eq!(a47["completed"], 1);
    let behind: Vec<(&str, i64)> = a47["behind"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["file"].as_str().unwrap(),
                b["days_late"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        behind,
        [("krasnogorsk.roadmap", 14), ("vostok.roadmap", 14)]
    );
    // 2.3: Bošnjakovo set an earlier deadline than the template's 16.02.
    let a23 = activity("2.3");
    assert_eq!(
        (a23["due_first"].as_str(), a23["due_last"].as_str()),
        (Some("2022-02-11"), Some("2022-02-16"))
    );
    // 3.1, due 31.12: no plan has reached it.
    assert_eq!(activity("3.1")["not_yet_due"], true);
    assert_eq!(a47["not_yet_due"], false);
    // schools.csv beside the template lists 24 schools; three have a plan.
    assert_eq!(t["data"], "schools.csv");
    assert_eq!(t["listed"], 24);
    let no_plan = t["no_plan"].as_array().unwrap();
    assert_eq!(no_plan.len(), 21);
    assert_eq!(no_plan[0], "МБОУ СОШ с. Ильинский");
    assert!(!no_plan.iter().any(|s| s == "МБОУ СОШ с. Восток"));
    assert_eq!(
        rollup["heading"],
        "Дорожная карта по реализации проекта «500+» по организации методической \
         поддержки школа (муниципалитет Сахалинской области), имеющей низкие \
         образовательные результаты обучающихся, в 2022 году: all schools"
    );
}

#[test]
fn the_rollup_names_the_schools_without_a_plan_and_the_files_when_asked() {
    let dir = region();
    std::fs::rename(
        dir.path().join("schools.csv"),
        dir.path().join("список.csv"),
    )
    .unwrap();
    // No list beside the template: no school is said to lack a plan.
    let out = roadmap(
        dir.path(),
        &[
            "status",
            ".",
            "--as-of",
            "2022-03-15",
            "--format",
            "md",
            "--lang",
            "ru",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let md = stdout(&out);
    assert!(!md.contains("Нет плана"), "{md}");
    assert!(
        !md.contains("vostok.roadmap"),
        "no file column unasked:\n{md}"
    );
    assert!(!md.contains('{'), "{md}");
    // The list given: 21 of its 24 schools have no plan; --files shows the files.
    let out = roadmap(
        dir.path(),
        &[
            "status",
            ".",
            "--as-of",
            "2022-03-15",
            "--format",
            "md",
            "--lang",
            "ru",
            "--data",
            "список.csv",
            "--files",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let md = stdout(&out);
    assert!(
        md.contains("- **Планов:** 3 из 24 (по списку список.csv)"),
        "{md}"
    );
    assert!(
        md.contains("- **Нет плана: 21 из 24:** МБОУ СОШ с. Ильинский;"),
        "{md}"
    );
    assert!(
        md.contains("| МБОУ СОШ с. Восток | vostok.roadmap | **4** |"),
        "{md}"
    );
    // A list that cannot be read is a usage failure.
    let out = roadmap(
        dir.path(),
        &["status", ".", "--data", "нет.csv", "--lang", "en"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("error: нет.csv:"), "{}", stderr(&out));
}

/// The page as headless Chromium built it (`--dump-dom`).
fn dom(html: &Path) -> String {
    let browser = tools::chromium();
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("file://{}", html.display()))
        .stdin(Stdio::null())
        .output()
        .expect("chromium starts");
    assert!(out.status.success(), "{}", stderr(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
#[ignore = "needs Chromium: cargo test -- --include-ignored"]
fn the_rollup_page_in_chromium_names_the_schools_without_a_plan() {
    let out = roadmap(
        repo(),
        &[
            "status",
            "roadmaps/500plus",
            "--as-of",
            "2022-03-15",
            "--format",
            "html",
            "--lang",
            "ru",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("rollup.html");
    std::fs::write(&html, &out.stdout).unwrap();
    let dom = dom(&html);
    let body = &dom[dom.find("<body>").expect("a body")..];
    assert!(
        !body.contains('{'),
        "a placeholder left on the page:\n{body}"
    );
    let heading = &body[body.find("<h1>").unwrap()..body.find("</h1>").unwrap()];
    assert!(heading.contains("поддержки школа"), "{heading}");
    assert!(heading.ends_with("— по всем школам"), "{heading}");
    // The schools come first, the most behind first.
    let schools = body
        .find("<table class=\"schools\">")
        .expect("the schools' table");
    assert!(schools < body.find("<table class=\"activities\">").unwrap());
    let rows: Vec<&str> = body[schools..]
        .split("<td class=\"school\">")
        .skip(1)
        .take(3)
        .map(|row| &row[..row.find('<').unwrap()])
        .collect();
    assert_eq!(
        rows,
        [
            "МБОУ СОШ с. Восток",
            "МБОУ СОШ с. Красногорск",
            "МБОУ СОШ с. Бошняково"
        ]
    );
    assert!(body.contains("Нет плана: 21 из 24"), "{body}");
    let list = &body[body.find("<ul class=\"no-plan\">").unwrap()..];
    let list = &list[..list.find("</ul>").unwrap()];
    assert_eq!(list.matches("<li>").count(), 21, "{list}");
    assert!(list.contains("<li>МАОУ СОШ № 31 г. Южно-Сахалинска</li>"));
    assert!(body.contains(">срок не наступил<"));
}

const WORKBOOK_SCRIPT: &str = r#"
import json, sys
import openpyxl
book = openpyxl.load_workbook(sys.argv[1])
print(json.dumps({ws.title: [[c for c in row] for row in ws.iter_rows(values_only=True)]
                  for ws in book}, default=str))
"#;

#[test]
#[ignore = "needs Python's openpyxl: cargo test -- --include-ignored"]
fn the_rollup_as_a_workbook() {
    tools::python_with("openpyxl", "python3 -m pip install openpyxl");
    let out = roadmap(
        repo(),
        &[
            "status",
            "roadmaps/500plus",
            "--as-of",
            "2022-03-15",
            "--format",
            "xlsx",
            "--lang",
            "ru",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("svod.xlsx");
    std::fs::write(&path, &out.stdout).unwrap();
    let read = Command::new("python3")
        .args(["-c", WORKBOOK_SCRIPT])
        .arg(&path)
        .output()
        .expect("python3 runs");
    assert!(read.status.success(), "{}", stderr(&read));
    let book: serde_json::Value = serde_json::from_slice(&read.stdout).unwrap();
    let sheets: Vec<&String> = book.as_object().unwrap().keys().collect();
    assert_eq!(sheets.len(), 3, "{sheets:?}");
    let schools = book["Школы"].as_array().unwrap();
    assert!(schools[0][0]
        .as_str()
        .unwrap()
        .ends_with("— по всем школам"));
    assert_eq!(schools[3][0], "Школа");
    assert_eq!(schools[4][0], "МБОУ СОШ с. Восток", "the most behind first");
    assert_eq!(schools[4][1], 4);
    let no_plan = book["Нет плана"].as_array().unwrap();
    assert_eq!(no_plan[1][0], "Нет плана: 21 из 24 (по списку schools.csv)");
    assert_eq!(no_plan.len(), 4 + 21);
    let activities = book["Мероприятия"].as_array().unwrap();
    let row = |n: &str| activities.iter().find(|r| r[0] == n).unwrap();
    assert_eq!(row("4.7")[3], 1);
    assert_eq!(row("3.1")[3], "срок не наступил");
    // One roadmap is not a roll-up: a usage failure.
    let out = roadmap(
        repo(),
        &[
            "status",
            "roadmaps/tomari-500plus-2022.roadmap",
            "--format",
            "xlsx",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_finished_period_is_judged_as_of_its_end() {
    // Without --as-of, today is long past 2022: the plans are judged on 31.12.2022.
    let out = roadmap(repo(), &["status", "roadmaps/500plus", "--lang", "en"]);
    let text = stdout(&out);
    assert!(
        text.contains("As of 31 December 2022 (period ended 31 Dec 2022)"),
        "{text}"
    );
    let rollup = json(&roadmap(
        repo(),
        &["status", "roadmaps/500plus", "--format", "json"],
    ));
    assert_eq!(rollup["as_of"], "2022-12-31");
    let longest = rollup["templates"][0]["schools"][0]["most_days_late"]
        .as_i64()
        .unwrap();
    assert!(longest < 366, "no delay counted past the period: {longest}");
    let out = roadmap(
        repo(),
        &[
            "status",
            "roadmaps/tomari-500plus-2022.roadmap",
            "--format",
            "json",
        ],
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["as_of"], "2022-12-31");
    assert_eq!(report["period_ended"], "2022-12-31");
    // A date asked for is kept.
    let out = roadmap(
        repo(),
        &[
            "status",
            "roadmaps/tomari-500plus-2022.roadmap",
            "--as-of",
            "2023-02-01",
            "--format",
            "json",
        ],
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["as_of"], "2023-02-01");
    assert_eq!(report["period_ended"], serde_json::Value::Null);
}

#[test]
fn the_rollup_in_every_format() {
    for (format, lang) in [("text", "ru"), ("text", "en"), ("md", "ru"), ("html", "en")] {
        let out = roadmap(
            repo(),
            &[
                "status",
                "roadmaps/500plus",
                "--as-of",
                "2022-03-15",
                "--format",
                format,
                "--lang",
                lang,
            ],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let page = stdout(&out);
        // A page's body: its stylesheet is the schedule page's, tested there.
        let shown = match format {
            "html" => &page[page.find("<body>").unwrap()..],
            _ => &page[..],
        };
        snapshot(
            &format!("rollup.{lang}.{format}"),
            &format!("roadmap status roadmaps/500plus --as-of 2022-03-15 --format {format} --lang {lang}"),
            shown,
        );
    }
}

/// The bundled plans and their template copied into a fresh folder.
fn region() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(repo().join("roadmaps/500plus")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    dir
}

#[test]
fn a_broken_plan_is_reported_and_the_others_still_rolled_up() {
    let dir = region();
    let plan = dir.path().join("vostok.roadmap");
    let text = std::fs::read_to_string(&plan).unwrap();
    std::fs::write(
        &plan,
        text.replace("мероприятие 4.4\n", "мероприятие 4.4\n  после: 9.9\n"),
    )
    .unwrap();
    let out = roadmap(
        dir.path(),
        &[
            "status",
            ".",
            "--as-of",
            "2022-03-15",
            "--format",
            "json",
            "--lang",
            "en",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "errors found: exit 1");
    assert!(stderr(&out).contains("error[E0301]"), "{}", stderr(&out));
    assert!(stderr(&out).contains("vostok.roadmap:"), "{}", stderr(&out));
    let rollup: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rollup["not_judged"][0]["file"], "vostok.roadmap");
    assert_eq!(rollup["not_judged"][0]["errors"], 1);
    assert_eq!(rollup["templates"][0]["plans"], 2);

    // A broken template leaves no plan to judge.
    let template = dir.path().join("template.roadmap");
    let text = std::fs::read_to_string(&template).unwrap();
    std::fs::write(
        &template,
        text.replacen("  ответственный: ОО\n", "  ответственный: Школа\n", 1),
    )
    .unwrap();
    let out = roadmap(
        dir.path(),
        &["status", ".", "--format", "json", "--lang", "en"],
    );
    assert_eq!(out.status.code(), Some(1));
    let rollup: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(rollup["templates"].as_array().unwrap().is_empty());
    assert_eq!(rollup["not_judged"].as_array().unwrap().len(), 3);
}

#[test]
fn the_rollup_of_one_party_and_of_an_unknown_one() {
    let out = roadmap(
        repo(),
        &[
            "status",
            "roadmaps/500plus",
            "--as-of",
            "2022-03-15",
            "--party",
            "Куратор",
            "--format",
            "json",
        ],
    );
    let rollup = json(&out);
    let numbers: Vec<&str> = rollup["templates"][0]["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["number"].as_str().unwrap())
        .collect();
    assert!(!numbers.is_empty() && numbers.len() < 40, "{numbers:?}");
    let out = roadmap(
        repo(),
        &[
            "status",
            "roadmaps/500plus",
            "--party",
            "Никто",
            "--lang",
            "en",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no roadmap in roadmaps/500plus has a party `Никто`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_chain_of_templates_rolls_up_to_its_root() {
    // region → municipality → two schools; and one roadmap of its own.
    let dir = with_template("region.roadmap");
    std::fs::create_dir(dir.path().join("schools")).unwrap();
    std::fs::write(
        dir.path().join("municipality.roadmap"),
        // It binds the e-mail and passes the school's name down.
        "расширяет: region.roadmap\nпараметр почта_школы: school@example.org\nпараметр школа\n",
    )
    .unwrap();
    for (file, name) in [("a.roadmap", "Школа А"), ("b.roadmap", "Школа Б")] {
        std::fs::write(
            dir.path().join("schools").join(file),
            format!("расширяет: ../municipality.roadmap\nпараметр школа: {name}\n"),
        )
        .unwrap();
    }
    std::fs::copy(
        repo().join("roadmaps/example-en.roadmap"),
        dir.path().join("own.roadmap"),
    )
    .unwrap();
    let rollup = json(&roadmap(
        dir.path(),
        &["status", ".", "--format", "json", "--as-of", "2022-06-01"],
    ));
    let t = &rollup["templates"][0];
    assert_eq!(t["file"], "region.roadmap");
    let files: Vec<&str> = t["schools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["file"].as_str().unwrap())
        .collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(sorted, ["schools/a.roadmap", "schools/b.roadmap"]);
    let names: Vec<&str> = t["schools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["school"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"Школа А") && names.contains(&"Школа Б"),
        "{names:?}"
    );
    assert_eq!(rollup["roadmaps"].as_array().unwrap().len(), 1);
    assert_eq!(rollup["roadmaps"][0]["file"], "own.roadmap");
}

#[test]
fn a_page_names_ten_schools_behind_and_counts_the_rest() {
    let dir = with_template("template.roadmap");
    for i in 1..=12 {
        std::fs::write(
            dir.path().join(format!("school-{i:02}.roadmap")),
            format!("расширяет: template.roadmap\nпараметр школа: Школа № {i}\nпараметр почта_школы: s{i}@example.org\n"),
        )
        .unwrap();
    }
    let args = ["status", ".", "--as-of", "2022-03-01", "--lang", "en"];
    let text = stdout(&roadmap(dir.path(), &args));
    assert!(
        text.contains("Behind (12): Школа № 1 (25 days); "),
        "{text}"
    );
    assert!(
        text.contains("Школа № 10 (25 days); and 2 more\n"),
        "{text}"
    );
    assert!(!text.contains("Школа № 11 (25 days)"), "{text}");
    let rollup = json(&roadmap(
        dir.path(),
        &[&args[..], &["--format", "json"]].concat(),
    ));
    let a11 = &rollup["templates"][0]["activities"][0];
    assert_eq!(a11["behind"].as_array().unwrap().len(), 12);
    assert_eq!(a11["behind_more"], 0);
}

#[test]
fn a_target_is_compared_whatever_the_form_of_its_unit() {
    // The template: «не реже 1 раза в месяц»; Vostok raises it to «2 раз».
    let dir = region();
    let check = |dir: &Path| roadmap(dir, &["check", "vostok.roadmap", "--lang", "en"]);
    assert_eq!(
        check(dir.path()).status.code(),
        Some(0),
        "{}",
        stderr(&check(dir.path()))
    );
    let plan = dir.path().join("vostok.roadmap");
    let text = std::fs::read_to_string(&plan).unwrap();
    std::fs::write(
        &plan,
        text.replace("не реже 2 раз в месяц", "не реже 0,5 раз в месяц"),
    )
    .unwrap();
    let out = check(dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("error[E0702]"), "{}", stderr(&out));
}

#[test]
fn each_target_of_a_cell_is_compared_with_the_template_in_its_unit() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write(
        "template.roadmap",
        "дорожная карта: План {школа}
период: 2022
параметр школа

участник ОО: {школа}

мероприятие 1. Сопровождение
  срок: март 2022 года
  ответственный: ОО
  показатель: 45 школ и 32 куратора
  показатель: доля неуспевающих менее 5 %
",
    );
    let check = |indicator: &str| {
        write(
            "plan.roadmap",
            &format!(
                "расширяет: template.roadmap\nпараметр школа: Школа\n\nмероприятие 1\n  показатель: {indicator}\n"
            ),
        );
        roadmap(dir.path(), &["check", "plan.roadmap", "--lang", "en"])
    };
    // More curators in another form of the word, as many schools: raised.
    let out = check("45 школ и 35 кураторов");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Fewer curators: the second target is lowered, and named.
    let out = check("50 школ и 30 кураторов");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "Activity 1's target (30 кураторов) is lower than the template's (32 куратора)"
        ),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("plan.roadmap:5:25]"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("template.roadmap:10:25: the template's target"),
        "{}",
        stderr(&out)
    );
    // An upper bound may only come down.
    let out = check("доля неуспевающих менее 3 %");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = check("доля неуспевающих менее 10 %");
    assert!(stderr(&out).contains("error[E0702]"), "{}", stderr(&out));
}

#[test]
fn a_folder_with_nothing_to_roll_up() {
    let dir = tempfile::tempdir().unwrap();
    let out = roadmap(dir.path(), &["status", ".", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    assert!(
        stderr(&out).contains("no .roadmap files in ."),
        "{}",
        stderr(&out)
    );
    // A template alone is not a school's plan, nor a roadmap of its own.
    std::fs::copy(
        repo().join("roadmaps/500plus/template.roadmap"),
        dir.path().join("template.roadmap"),
    )
    .unwrap();
    let out = roadmap(dir.path(), &["status", ".", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).ends_with("\nNothing to roll up: the folder holds no plan extending a template and no other roadmap.\n"), "{}", stdout(&out));
}

#[test]
fn each_plan_answers_for_its_own_errors_in_the_rollup() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write(
        "template.roadmap",
        "дорожная карта: План {школа}
период: 2022
параметр школа
параметр дата_совета: 20.02.2022

участник ОО: {школа}

раздел 1. Работа

мероприятие 1.1. Анкетирование в {школа}
  срок: 17.01. – 04.02.2022
  ответственный: ОО

мероприятие 1.2. Педсовет
  срок: февраль 2022 года
  ответственный: ОО
  контрольная точка: {дата_совета} — педсовет проведён
",
    );
    let plan = |school: &str| format!("расширяет: template.roadmap\nпараметр школа: {school}\n");
    // A date of the plan's own that the template's line cannot take.
    write(
        "a.roadmap",
        &format!("{}параметр дата_совета: 30.02.2022\n", plan("Школа А")),
    );
    write("b.roadmap", &plan("Школа Б"));
    write("c.roadmap", &plan("Школа В"));
    // The school's name left out (E0705).
    write("d.roadmap", "расширяет: template.roadmap\n");
    // A mark that cannot be read in the status file.
    write("e.roadmap", &plan("Школа Д"));
    write(
        "e.status",
        "отметки к: e.roadmap\n\nмероприятие 1.1\n  выполнено: 31.01.2O22\n",
    );
    let out = roadmap(
        dir.path(),
        &[
            "status",
            ".",
            "--as-of",
            "2022-03-15",
            "--format",
            "json",
            "--lang",
            "en",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let rollup: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // The finding is on the template's line, and names the plan's.
    let check = roadmap(
        dir.path(),
        &["check", "a.roadmap", "b.roadmap", "--lang", "en"],
    );
    let text = stderr(&check);
    assert!(text.contains("[template.roadmap:17:22]"), "{text}");
    assert!(
        text.contains("a.roadmap:3:23: the value of parameter `дата_совета` is set here"),
        "{text}"
    );
    assert_eq!(text.matches("error[").count(), 1, "{text}");
    let not_judged: Vec<&str> = rollup["not_judged"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        not_judged,
        ["a.roadmap", "d.roadmap", "e.roadmap"],
        "{rollup}"
    );
    let t = &rollup["templates"][0];
    assert_eq!(t["plans"], 2, "{rollup}");
    // The template's words, not the first school's.
    assert_eq!(t["activities"][0]["title"], "Анкетирование в {школа}");
}

#[test]
fn an_actual_value_in_another_form_of_the_unit_is_the_same_unit() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("plan.roadmap"),
        "дорожная карта: План
период: 2022
участник ОО: Школа

мероприятие 1. Проверка тетрадей
  срок: март 2022 года
  ответственный: ОО
  показатель: срок проверки не более 5 дней
  выполнено: 31.03.2022
  факт: 3 дня
",
    )
    .unwrap();
    let out = roadmap(dir.path(), &["check", "plan.roadmap", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("E0604"), "{}", stderr(&out));
}

#[test]
fn each_actual_value_goes_with_its_own_target_of_a_cell() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write(
        "plan.roadmap",
        "дорожная карта: План
период: 2022
участник ОО: Школа

мероприятие 1. Сопровождение
  срок: март 2022 года
  ответственный: ОО
  показатель: 45 школ и 32 куратора
",
    );
    let status = |second: &str| {
        write(
            "plan.status",
            &format!(
                "отметки к: plan.roadmap\n\nмероприятие 1\n  выполнено: 31.03.2022\n  факт: 46 школ\n  факт: {second}\n"
            ),
        );
        roadmap(
            dir.path(),
            &["check", "plan.roadmap", "--lang", "en", "--color", "never"],
        )
    };
    let out = status("30 кураторов");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // The second value against the second target: the curators, not the schools.
    let out = status("30 %");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("error[E0604]: The actual value is in `%`, the target in `куратора`"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("plan.roadmap:8:25: the target"),
        "{}",
        stderr(&out)
    );
}

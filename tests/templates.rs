//! Templates and school plans, as a regional coordinator uses them: plans
//! extend a template, `instantiate` writes a thousand of them, every
//! conformance check points at the school's line and the template's line.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixtures().join("templates/template.roadmap"),
        dir.path().join("template.roadmap"),
    )
    .unwrap();
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
    let check = roadmap(dir.path(), &["check", "plans", "--lang", "en"]);
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
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixtures().join("templates/template.roadmap"),
        dir.path().join("template.roadmap"),
    )
    .unwrap();
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

#[test]
fn editing_the_template_moves_every_plan() {
    use roadmap::run::check_files;
    use roadmap::schedule::{calendar::Calendar, compute};
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("template.roadmap");
    std::fs::copy(fixtures().join("templates/template.roadmap"), &template).unwrap();
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

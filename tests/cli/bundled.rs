//! The roadmaps bundled in `roadmaps/` must stay valid: checked together from
//! the repository root, and each alone.

use crate::common::{assert_snapshot, timing_resolver_landed, Output, Test};
use serde_json::Value;

/// The bundled roadmaps and how many activities each holds.
const ROADMAPS: &[(&str, u64)] = &[
    ("roadmaps/moscow-region-2020.roadmap", 13),
    ("roadmaps/smolensk-region-2020.roadmap", 26),
    ("roadmaps/tomari-500plus-2022.roadmap", 43),
    ("roadmaps/example-en.roadmap", 8),
];

/// Files in `roadmaps/` that only declare parties.
const SHARED: &[&str] = &["roadmaps/tomari-parties.roadmap"];

/// What a clean run reports; before the timing resolver lands, the only
/// findings allowed are its E0401s.
fn assert_clean(output: &Output, report: &Value) {
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    if timing_resolver_landed() {
        assert!(
            diagnostics.is_empty(),
            "`{}` should find nothing:\n{}",
            output.command,
            output.stdout
        );
        assert_eq!(output.status, 0, "`{}` exits 0", output.command);
    } else {
        let other: Vec<&Value> = diagnostics
            .iter()
            .filter(|d| d["code"] != "E0401")
            .collect();
        assert!(
            other.is_empty(),
            "`{}` should find nothing but the placeholder's E0401: {other:#?}",
            output.command
        );
    }
}

#[test]
fn the_roadmaps_folder_checks_clean() {
    let human = Test::in_repo("")
        .args(["check", "roadmaps/", "--lang", "en", "--color", "never"])
        .run();
    let json = Test::in_repo("")
        .args(["check", "roadmaps/", "--lang", "en", "--format", "json"])
        .run();
    let report = json.json();
    assert_clean(&json, &report);
    assert_eq!(human.status, json.status);
    assert_eq!(
        report["summary"]["files"], 5,
        "4 roadmaps and 1 shared file"
    );
    let total: u64 = ROADMAPS.iter().map(|(_, n)| n).sum();
    assert_eq!(
        report["summary"]["activities"], total,
        "every activity is read"
    );
    assert!(
        human
            .summary()
            .starts_with(&format!("5 files, {total} activities: ")),
        "{}",
        human.summary()
    );
    if timing_resolver_landed() {
        assert_eq!(human.status, 0);
        assert_eq!(
            human.stderr,
            format!("{}\n", human.summary()),
            "a clean run prints the summary line only"
        );
        assert_snapshot(
            "bundled__summary.en",
            "roadmap check roadmaps/ --lang en --color never (in the repository root)",
            human.summary(),
        );
        let russian = Test::in_repo("")
            .args(["check", "roadmaps/", "--lang", "ru", "--color", "never"])
            .success();
        assert_snapshot(
            "bundled__summary.ru",
            "roadmap check roadmaps/ --lang ru --color never (in the repository root)",
            russian.summary(),
        );
    }
}

#[test]
fn each_roadmap_holds_all_its_activities_and_checks_clean_alone() {
    for (path, activities) in ROADMAPS {
        let json = Test::in_repo("")
            .args(["check", path, "--lang", "en", "--format", "json"])
            .run();
        let report = json.json();
        assert_eq!(
            report["summary"]["activities"], *activities,
            "activities in {path}"
        );
        assert_clean(&json, &report);
        let human = Test::in_repo("")
            .args(["check", path, "--lang", "en", "--color", "never"])
            .run();
        assert_eq!(human.status, json.status, "{path}");
        let files = if path.contains("tomari-500plus") {
            "2 files"
        } else {
            "1 file"
        };
        assert!(
            human
                .summary()
                .starts_with(&format!("{files}, {activities} activities: ")),
            "{path}: {}",
            human.summary()
        );
    }
}

#[test]
fn the_shared_parties_file_checks_clean_alone() {
    for path in SHARED {
        Test::in_repo("")
            .args(["check", path, "--lang", "en", "--color", "never"])
            .stderr("1 file, 0 activities: 0 errors, 0 warnings\n")
            .success();
    }
}

/// Every `.roadmap` file of the folder is listed above, so a new one is not
/// left out of these tests.
#[test]
fn every_bundled_file_is_listed() {
    let root = crate::common::repo_root();
    let mut on_disk: Vec<String> = std::fs::read_dir(root.join("roadmaps"))
        .expect("roadmaps/")
        .map(|e| {
            format!(
                "roadmaps/{}",
                e.expect("entry").file_name().to_string_lossy()
            )
        })
        .filter(|p| p.ends_with(".roadmap"))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = ROADMAPS
        .iter()
        .map(|(p, _)| p.to_string())
        .chain(SHARED.iter().map(|p| p.to_string()))
        .collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}

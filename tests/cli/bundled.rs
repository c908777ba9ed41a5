//! The roadmaps bundled in `roadmaps/` must stay valid: checked together from
//! the repository root, and each alone.

use crate::common::{assert_snapshot, repo_root, Output, Test};
use serde_json::Value;
use std::path::Path;

/// The roadmaps rewritten from the seed documents (and the English example),
/// with the number of activities each holds.
const SEEDS: &[(&str, u64)] = &[
    ("roadmaps/moscow-region-2020.roadmap", 13),
    ("roadmaps/smolensk-region-2020.roadmap", 26),
    ("roadmaps/tomari-500plus-2022.roadmap", 43),
    ("roadmaps/example-en.roadmap", 8),
];

/// Every file with one of these extensions under `roadmaps/`, as paths
/// relative to the repository root, sorted.
fn bundled_with(extensions: &[&str]) -> Vec<String> {
    fn walk(dir: &Path, extensions: &[&str], out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).expect("a folder of roadmaps/") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                walk(&path, extensions, out);
            } else if path
                .extension()
                .is_some_and(|e| extensions.iter().any(|x| e == *x))
            {
                let relative = path
                    .strip_prefix(repo_root())
                    .expect("inside the repository");
                out.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut files = Vec::new();
    walk(&repo_root().join("roadmaps"), extensions, &mut files);
    files.sort();
    files
}

/// Every bundled roadmap.
fn bundled() -> Vec<String> {
    bundled_with(&["roadmap"])
}

/// A clean run: no finding at all, exit 0.
fn assert_clean(output: &Output, report: &Value) {
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    assert!(
        diagnostics.is_empty(),
        "`{}` should find nothing:\n{}",
        output.command,
        output.stdout
    );
    assert_eq!(output.status, 0, "`{}` exits 0", output.command);
}

/// `roadmap check FILE --format json` from the repository root.
fn check_alone(path: &str) -> (Output, Value) {
    let output = Test::in_repo("")
        .args(["check", path, "--lang", "en", "--format", "json"])
        .run();
    let report = output.json();
    (output, report)
}

#[test]
fn the_roadmaps_folder_checks_clean_and_reads_every_activity() {
    let human = Test::in_repo("")
        .args(["check", "roadmaps/", "--lang", "en", "--color", "never"])
        .success();
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

    let json = Test::in_repo("")
        .args(["check", "roadmaps/", "--lang", "en", "--format", "json"])
        .success();
    let report = json.json();
    assert_clean(&json, &report);
    // Every roadmap and every status file next to one is read.
    let read = bundled_with(&["roadmap", "status"]);
    assert_eq!(report["summary"]["files"], read.len(), "{read:?}");
    let files = bundled();
    // Every activity of every file is counted: the folder's total is the sum
    // of what each file reports alone.
    let total: u64 = files
        .iter()
        .map(|f| {
            check_alone(f).1["summary"]["activities"]
                .as_u64()
                .expect("activities")
        })
        .sum();
    assert_eq!(report["summary"]["activities"], total);
}

#[test]
fn each_seed_roadmap_holds_all_its_activities() {
    for (path, activities) in SEEDS {
        let (output, report) = check_alone(path);
        assert_eq!(
            report["summary"]["activities"], *activities,
            "activities in {path}"
        );
        assert_clean(&output, &report);
        let human = Test::in_repo("")
            .args(["check", path, "--lang", "en", "--color", "never"])
            .success();
        // The file, what it includes and its `.status` file, if any.
        let files = report["summary"]["files"].as_u64().expect("files");
        let files = if files == 1 {
            "1 file".to_string()
        } else {
            format!("{files} files")
        };
        assert_eq!(
            human.stderr,
            format!("{files}, {activities} activities: 0 errors, 0 warnings\n"),
            "{path}"
        );
    }
}

#[test]
fn every_bundled_file_checks_clean_alone() {
    let files = bundled();
    for (seed, _) in SEEDS {
        assert!(files.iter().any(|f| f == seed), "{seed} is missing");
    }
    for path in &files {
        let (output, report) = check_alone(path);
        assert_clean(&output, &report);
    }
}

#[test]
fn the_shared_parties_file_checks_clean_alone() {
    Test::in_repo("")
        .args([
            "check",
            "roadmaps/tomari-parties.roadmap",
            "--lang",
            "en",
            "--color",
            "never",
        ])
        .stderr("1 file, 0 activities: 0 errors, 0 warnings\n")
        .success();
}

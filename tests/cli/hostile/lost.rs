//! Point 4 of the threat model: nothing a person made is lost — not by
//! `fmt`, `remind` or `schedule -o` (`watch --out`: tests/watch.rs).

use super::{hostile, within};
use crate::common::{Test, BIN};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

fn emls(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".eml"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn two_remind_runs_at_once_send_each_letter_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("plan.roadmap"),
        hostile("remind-three-letters.roadmap"),
    )
    .unwrap();
    let run = |out: &str| {
        Command::new(BIN)
            .args([
                "remind",
                "plan.roadmap",
                "--as-of",
                "2022-03-10",
                "--lang",
                "en",
            ])
            .args(["--out", out])
            .current_dir(dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let outputs = within(Duration::from_secs(120), "two remind runs", || {
        let (a, b) = (run("a"), run("b"));
        [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()]
    });
    for output in &outputs {
        assert!(
            output.status.code().is_some_and(|c| c == 0 || c == 2),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let (a, b) = (emls(&dir.path().join("a")), emls(&dir.path().join("b")));
    assert_eq!(a.len() + b.len(), 3, "a: {a:?}, b: {b:?}");
    // A third run finds every letter in the log.
    let again = run("c").wait_with_output().unwrap();
    assert!(again.status.success());
    assert!(emls(&dir.path().join("c")).is_empty());
}

#[test]
fn remind_sends_nothing_when_the_log_cannot_be_written() {
    let letters = tempfile::tempdir().unwrap();
    let output = Test::new()
        .file("plan.roadmap", hostile("remind-three-letters.roadmap"))
        .file("not-a-folder", "")
        .args([
            "remind",
            "plan.roadmap",
            "--as-of",
            "2022-03-10",
            "--lang",
            "en",
        ])
        .args(["--log", "not-a-folder/remind.log", "--out"])
        .args([letters.path()])
        .status(2);
    assert!(
        output.stderr.contains("no letter was sent") || output.stderr.contains("cannot lock"),
        "{}",
        output.stderr
    );
    assert!(emls(letters.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn fmt_on_a_link_formats_the_file_it_points_to_and_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real/plan.roadmap");
    std::fs::create_dir_all(real.parent().unwrap()).unwrap();
    std::fs::write(&real, "дорожная карта:   Т\nпериод: 2022\n").unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.path().join("plan.roadmap");
    std::os::unix::fs::symlink("real/plan.roadmap", &link).unwrap();
    let status = Command::new(BIN)
        .args(["fmt", "plan.roadmap", "--root", "."])
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(
        std::fs::read_to_string(&real).unwrap(),
        "дорожная карта: Т\nпериод: 2022\n"
    );
    let mode = std::fs::metadata(&real).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
}

#[cfg(unix)]
#[test]
fn fmt_refuses_a_read_only_file_and_leaves_it_as_it_was() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.roadmap");
    let text = "дорожная карта:   Т\nпериод: 2022\n";
    std::fs::write(&plan, text).unwrap();
    std::fs::set_permissions(&plan, std::fs::Permissions::from_mode(0o444)).unwrap();
    let output = Command::new(BIN)
        .args(["fmt", "plan.roadmap", "--lang", "en"])
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("read-only"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), text);
    let mode = std::fs::metadata(&plan).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o444);
}

#[test]
fn schedule_o_a_folder_says_it_is_a_folder() {
    let output = Test::new()
        .file("plan.roadmap", hostile("remind-three-letters.roadmap"))
        .dir("out")
        .args(["schedule", "plan.roadmap", "-o", "out", "--lang", "en"])
        .status(2);
    assert!(
        output.stderr.contains("out is a folder"),
        "{}",
        output.stderr
    );
}

//! Point 1 of the threat model: the files a roadmap may make the tool read.

use super::{hostile, within, SECRET};
use crate::common::Test;
use std::time::Duration;

const GENEROUS: Duration = Duration::from_secs(60);

fn check(path: &str) -> Vec<String> {
    ["check", path, "--lang", "en", "--color", "never"]
        .map(String::from)
        .to_vec()
}

#[test]
fn an_include_of_the_process_environment_is_refused_unread() {
    let output = within(GENEROUS, "including /proc/self/environ", || {
        Test::new()
            .file("plan.roadmap", hostile("include-environ.roadmap"))
            .env("ROADMAP_TEST_SECRET", "s3cr3t-t0k3n")
            .args(check("plan.roadmap"))
            .failure()
    });
    assert!(output.stderr.contains("E0105"), "{}", output.stderr);
    assert!(output.stderr.contains("/proc/self/environ"));
    assert!(!output.stderr.contains("s3cr3t"), "{}", output.stderr);
}

#[test]
fn an_include_out_of_the_folder_checked_is_refused_unread() {
    let output = Test::new()
        .file("region/outside.roadmap", format!("# {SECRET}\n{SECRET}\n"))
        .file(
            "region/district/project/plan.roadmap",
            hostile("include-outside.roadmap"),
        )
        .args(check("region/district/project"))
        .failure();
    assert!(output.stderr.contains("E0104"), "{}", output.stderr);
    assert!(output.stderr.contains("outside.roadmap"));
    assert!(!output.stderr.contains("s3cr3t"), "{}", output.stderr);
}

#[test]
fn a_template_out_of_the_folder_checked_is_refused_unread() {
    let output = Test::new()
        .file("region/outside.roadmap", format!("{SECRET}\n"))
        .file(
            "region/district/project/plan.roadmap",
            hostile("extends-outside.roadmap"),
        )
        .args(check("region/district/project/plan.roadmap"))
        .failure();
    assert!(output.stderr.contains("E0104"), "{}", output.stderr);
    assert!(!output.stderr.contains("s3cr3t"), "{}", output.stderr);
}

#[test]
fn a_root_named_on_the_command_line_lets_the_include_in() {
    Test::new()
        .file(
            "region/outside.roadmap",
            "участник Кураторы: Кураторы проекта\n",
        )
        .file(
            "region/district/project/plan.roadmap",
            hostile("include-outside.roadmap"),
        )
        .args(check("region/district/project"))
        .args(["--root", "region"])
        .success();
}

#[cfg(unix)]
#[test]
fn a_symlinked_roadmap_pointing_out_of_the_root_is_refused_unread() {
    let test = Test::new()
        .file("secret.roadmap", format!("{SECRET}\n"))
        .file("project/plan.roadmap", "участник ОО: Школа\n");
    std::os::unix::fs::symlink(
        test.path().join("secret.roadmap"),
        test.path().join("project/link.roadmap"),
    )
    .unwrap();
    let output = test.args(check("project")).status(2);
    assert!(output.stderr.contains("E0104"), "{}", output.stderr);
    assert!(output.stderr.contains("link.roadmap"));
    assert!(!output.stderr.contains("s3cr3t"), "{}", output.stderr);
}

#[cfg(unix)]
#[test]
fn a_fifo_in_a_checked_folder_is_refused_without_blocking() {
    let test = Test::new().file("project/plan.roadmap", "участник ОО: Школа\n");
    let made = std::process::Command::new("mkfifo")
        .arg(test.path().join("project/pipe.roadmap"))
        .status()
        .unwrap();
    assert!(made.success());
    let output = within(GENEROUS, "checking a folder with a FIFO", || {
        test.args(check("project")).status(2)
    });
    assert!(output.stderr.contains("E0105"), "{}", output.stderr);
    assert!(output.stderr.contains("pipe.roadmap"));
}

#[test]
fn dev_zero_as_an_include_is_refused_without_reading() {
    let output = within(GENEROUS, "including /dev/zero", || {
        Test::new()
            .file("plan.roadmap", hostile("include-dev-zero.roadmap"))
            .args(check("plan.roadmap"))
            .failure()
    });
    assert!(output.stderr.contains("E0105"), "{}", output.stderr);
    assert!(output.stderr.contains("/dev/zero"));
}

#[test]
fn a_file_over_the_size_cap_is_refused() {
    let test = Test::new().dir("project");
    // Sparse: it takes no room on the disk, and is refused before a byte is read.
    std::fs::File::create(test.path().join("project/big.roadmap"))
        .unwrap()
        .set_len(129 * 1024 * 1024)
        .unwrap();
    let output = within(GENEROUS, "checking a 129 MiB file", || {
        test.args(check("project")).status(2)
    });
    assert!(output.stderr.contains("E0106"), "{}", output.stderr);
}

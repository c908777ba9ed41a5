//! The outside programs some tests read outputs with: Chromium, LibreOffice
//! and poppler-utils (Debian's packages) and Python packages from PyPI. A test that needs one is marked
//! `#[ignore = "needs …"]`, so that a plain `cargo test` reports it as
//! ignored, never as passed; `cargo test -- --include-ignored` (what `.ci/run`
//! runs, after installing them) runs it, and then a missing tool fails it.

#![allow(dead_code)]

use std::process::{Command, Stdio};

/// Fails the test: `what` is needed and missing. Only tests asked for with
/// `--include-ignored` get here.
pub fn require(found: bool, what: &str, install: &str) {
    assert!(
        found,
        "{what} is missing: this test needs it ({install}; .ci/run installs it)"
    );
}

/// The Chromium on `PATH` (`chromium` or `chromium-browser`); fails the
/// test when there is none.
pub fn chromium() -> &'static str {
    let found = ["chromium", "chromium-browser"].into_iter().find(|name| {
        Command::new(name)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    });
    require(found.is_some(), "Chromium", "apt-get install chromium");
    found.unwrap_or_default()
}

/// Python 3 can import `modules` (comma-separated); fails the test when not.
pub fn python_with(modules: &str, install: &str) {
    let found = Command::new("python3")
        .args(["-c", &format!("import {modules}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    require(found, &format!("Python 3 with {modules}"), install);
}

/// `name` runs with `flag` (its version); fails the test when it does not.
pub fn program(name: &str, flag: &str, install: &str) {
    let found = Command::new(name)
        .arg(flag)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    require(found, name, install);
}

//! Output cut short by its reader (`roadmap fmt --check a b | head -3`): the
//! binary stops writing quietly, with the exit code the run would have had,
//! and says nothing of the closed pipe.

use crate::common::{repo_root, BIN};
use std::path::Path;
use std::process::{Command, Stdio};

/// Runs the binary in `dir` with its standard output a pipe whose reader is
/// already gone; the exit code and standard error.
fn into_closed_pipe(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let output = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .expect("the binary runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn quiet(stderr: &str) {
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("Broken pipe"), "{stderr}");
    assert!(!stderr.contains("os error 32"), "{stderr}");
}

#[test]
fn fmt_check_of_files_to_format() {
    let dir = tempfile::tempdir().unwrap();
    let plan = "дорожная карта: Тест\nпериод: 2022\nвладелец: ОО\n\nучастник ОО: Школа\n\n\
                раздел 1. Раздел\n\nмероприятие 1. Первое\n    срок: январь 2022\n    ответственный: ОО\n";
    for name in ["a.roadmap", "b.roadmap"] {
        std::fs::write(dir.path().join(name), plan).unwrap();
    }
    let (code, stderr) = into_closed_pipe(
        dir.path(),
        &["fmt", "--check", "a.roadmap", "b.roadmap", "--lang", "en"],
    );
    quiet(&stderr);
    assert_eq!(code, Some(1), "the files are not formatted: {stderr}");
    // Nothing was changed.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.roadmap")).unwrap(),
        plan
    );
}

#[test]
fn check_as_json() {
    let (code, stderr) = into_closed_pipe(
        &repo_root().join("tests/corpus"),
        &[
            "check",
            "broken/E0407-duration-past-deadline.roadmap",
            "--format",
            "json",
            "--lang",
            "en",
        ],
    );
    quiet(&stderr);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.ends_with("1 error, 0 warnings\n"), "{stderr}");
}

#[test]
fn import_to_standard_output() {
    let (code, stderr) = into_closed_pipe(
        &repo_root().join("tests/import"),
        &["import", "tomari-500plus-2022.docx", "--lang", "en"],
    );
    quiet(&stderr);
    // The report on standard error is whole: places are left for a person.
    assert!(stderr.contains("marked `# импорт:`"), "{stderr}");
    assert_eq!(code, Some(1), "{stderr}");
}

#[test]
fn help() {
    let (code, stderr) = into_closed_pipe(&repo_root(), &["--help", "--lang", "en"]);
    quiet(&stderr);
    assert_eq!(code, Some(0), "{stderr}");
}

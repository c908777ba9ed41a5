//! Help in the reader's language: Russian under `--lang ru` or a Russian
//! locale, English otherwise; and the man pages and completions the package
//! installs, made by the hidden `roadmap assets`.

use crate::common::Test;

#[test]
fn check_help_in_russian_with_lang_ru() {
    Test::new()
        .args(["--lang", "ru", "check", "--help"])
        .stdout_snapshot("help__check_ru")
        .stderr("")
        .success();
}

#[test]
fn help_in_russian_under_a_russian_locale() {
    Test::new()
        .env("LANG", "ru_RU.UTF-8")
        .args(["--help"])
        .stdout_snapshot("help__roadmap_ru")
        .stderr("")
        .success();
}

#[test]
fn help_in_english_under_the_c_locale() {
    Test::new()
        .env("LANG", "C")
        .args(["--help"])
        .stdout_snapshot("help__roadmap_en")
        .stderr("")
        .success();
}

#[test]
fn lang_en_wins_over_a_russian_locale() {
    let out = Test::new()
        .env("LANG", "ru_RU.UTF-8")
        .args(["status", "--help", "--lang", "en"])
        .success();
    assert!(
        out.stdout.contains("Usage: roadmap status"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("The date to judge on"),
        "{}",
        out.stdout
    );
}

#[test]
fn every_command_has_russian_help() {
    for command in [
        "check",
        "fmt",
        "instantiate",
        "schedule",
        "graph",
        "status",
        "next",
        "remind",
        "watch",
        "serve",
    ] {
        let out = Test::new()
            .env("LC_ALL", "ru_RU.UTF-8")
            .args(["help", command])
            .success();
        assert!(
            out.stdout
                .contains(&format!("Использование: roadmap {command}")),
            "{command}: {}",
            out.stdout
        );
        assert!(
            !out.stdout.contains("Options:"),
            "{command}: {}",
            out.stdout
        );
    }
}

#[test]
fn a_wrong_argument_is_refused_in_russian() {
    Test::new()
        .args(["--lang", "ru", "check"])
        .stderr_snapshot("help__missing_argument_ru")
        .stdout("")
        .status(2);
}

#[test]
fn assets_writes_man_pages_in_both_languages_and_completions() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path();
    Test::new()
        .args(["assets", "--out"])
        .args([dir.join("dist")])
        .success();
    for file in [
        "man/man1/roadmap.1",
        "man/man1/roadmap-check.1",
        "man/ru/man1/roadmap.1",
        "man/ru/man1/roadmap-check.1",
        "completions/roadmap.bash",
        "completions/_roadmap",
        "completions/roadmap.fish",
    ] {
        assert!(dir.join("dist").join(file).is_file(), "{file} is missing");
    }
    let ru = std::fs::read_to_string(dir.join("dist/man/ru/man1/roadmap.1")).unwrap();
    assert!(
        ru.contains(".SH ИМЯ") && ru.contains("Дорожные карты"),
        "{ru}"
    );
    let bash = std::fs::read_to_string(dir.join("dist/completions/roadmap.bash")).unwrap();
    assert!(
        bash.contains("schedule") && bash.contains("--as-of"),
        "{bash}"
    );
}

//! The `roadmap` command line, tested as a person uses it: files in a folder,
//! a command, and what it prints and how it exits. One test binary; the
//! builder is in `common/`, the larger groups in `cli/`.
//!
//! Snapshots are in `tests/snapshots/`. To review changed ones:
//! `INSTA_UPDATE=new cargo test --test cli`, then read each `.snap.new`
//! (or use `cargo insta review`).

mod common;

#[path = "cli/bundled.rs"]
mod bundled;
#[path = "cli/closed_pipe.rs"]
mod closed_pipe;
#[path = "cli/corpus.rs"]
mod corpus;
#[path = "cli/docx.rs"]
mod docx;
#[path = "cli/fields.rs"]
mod fields;
#[path = "cli/formats.rs"]
mod formats;
#[path = "cli/help.rs"]
mod help;
#[path = "cli/hostile.rs"]
mod hostile;
#[path = "cli/import.rs"]
mod import;
#[path = "cli/robustness.rs"]
mod robustness;
#[path = "cli/timings.rs"]
mod timings;
#[path = "tools/mod.rs"]
mod tools;

use common::{Test, HEADER};

/// A small roadmap that checks clean.
fn clean() -> String {
    format!(
        "{HEADER}
раздел 1. Организационно-подготовительная работа

мероприятие 1.1. Анкетирование отобранных для участия в проекте ОО
  срок: 04.02.2022
  ответственный: ОО
  результат: Анкетирование ОО

мероприятие 1.2. Утверждение списка кураторов
  срок: 24.02.2022
  ответственный: ОтделОбр
  после: 1.1
"
    )
}

/// The same with one mistake: a party that is not declared.
fn broken() -> String {
    clean().replace("ответственный: ОО", "ответственный: Школа")
}

// ------------------------------------------------------------ exit codes

#[test]
fn a_clean_roadmap_exits_0_and_prints_the_summary() {
    Test::new()
        .file("plan.roadmap", clean())
        .args(["check", "plan.roadmap", "--lang", "en", "--color", "never"])
        .stdout("")
        .stderr("1 file, 2 activities: 0 errors, 0 warnings\n")
        .success();
}

#[test]
fn a_roadmap_with_an_error_exits_1() {
    Test::new()
        .file("plan.roadmap", broken())
        .args(["check", "plan.roadmap", "--lang", "en", "--color", "never"])
        .stderr_snapshot("cli__unknown_party")
        .failure();
}

#[test]
fn warnings_alone_exit_0() {
    let text = clean().replace("  ответственный: ОтделОбр\n", "");
    let output = Test::new()
        .file("plan.roadmap", text)
        .args(["check", "plan.roadmap", "--lang", "en", "--color", "never"])
        .success();
    assert!(output
        .stderr
        .contains("warning[W0501]: Activity 1.2 has no responsible party"));
    assert_eq!(
        output.summary(),
        "1 file, 2 activities: 0 errors, 1 warning"
    );
}

#[test]
fn a_missing_path_exits_2_and_names_it() {
    Test::new()
        .args(["check", "missing.roadmap", "--lang", "en"])
        .stderr(
            "error: cannot read missing.roadmap: No such file or directory (os error 2)\n\
             0 files, 0 activities: 0 errors, 0 warnings\n",
        )
        .status(2);
}

#[test]
fn a_missing_path_in_russian() {
    let output = Test::new()
        .args(["check", "нет-такого.roadmap", "--lang", "ru"])
        .status(2);
    assert!(
        output
            .stderr
            .starts_with("ошибка: не удалось прочитать нет-такого.roadmap: "),
        "{}",
        output.stderr
    );
}

#[test]
fn a_missing_path_next_to_a_good_one_still_exits_2() {
    let output = Test::new()
        .file("plan.roadmap", broken())
        .args([
            "check",
            "plan.roadmap",
            "gone.roadmap",
            "--lang",
            "en",
            "--color",
            "never",
        ])
        .status(2);
    assert!(
        output.stderr.contains("error[E0203]"),
        "the good file is still checked"
    );
    assert!(output.stderr.contains("error: cannot read gone.roadmap"));
}

#[test]
fn no_arguments_exit_2_with_usage() {
    let output = Test::new().status(2);
    assert!(
        output.stderr.contains("Usage: roadmap"),
        "{}",
        output.stderr
    );
    assert_eq!(output.stdout, "");
}

#[test]
fn check_without_paths_exits_2() {
    let output = Test::new().args(["check"]).status(2);
    assert!(output.stderr.contains("<PATHS>"), "{}", output.stderr);
}

#[test]
fn an_unknown_option_exits_2() {
    let output = Test::new()
        .file("plan.roadmap", clean())
        .args(["check", "plan.roadmap", "--format", "xml"])
        .status(2);
    assert!(output.stderr.contains("xml"), "{}", output.stderr);
}

#[test]
fn help_exits_0() {
    let output = Test::new().args(["--help"]).success();
    assert!(
        output.stdout.contains("Usage: roadmap"),
        "{}",
        output.stdout
    );
    assert!(output.stdout.contains("check"), "{}", output.stdout);
    let output = Test::new().args(["check", "--help"]).success();
    assert!(output.stdout.contains("--format"), "{}", output.stdout);
}

#[test]
fn version_exits_0() {
    let output = Test::new().args(["--version"]).success();
    assert!(output.stdout.starts_with("roadmap "), "{}", output.stdout);
}

#[test]
fn a_folder_without_roadmaps_exits_2() {
    Test::new()
        .file("notes/readme.txt", "not a roadmap")
        .args(["check", "notes", "--lang", "en"])
        .stderr(
            "error: no .roadmap files in notes\n\
             0 files, 0 activities: 0 errors, 0 warnings\n",
        )
        .status(2);
}

#[test]
fn an_empty_folder_exits_2() {
    let output = Test::new()
        .dir("empty")
        .args(["check", "empty", "--lang", "ru"])
        .status(2);
    assert!(output
        .stderr
        .starts_with("ошибка: в empty нет файлов .roadmap\n"));
}

// ------------------------------------------------------------ folders

#[test]
fn a_folder_is_searched_recursively_in_a_stable_order() {
    let output = Test::new()
        .file("region/b.roadmap", broken())
        .file("region/schools/a.roadmap", broken())
        .file("region/notes.txt", "not read")
        .args(["check", "region", "--lang", "en", "--format", "json"])
        .failure();
    let report = output.json();
    assert_eq!(report["summary"]["files"], 2);
    let files: Vec<&str> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["file"].as_str().expect("file"))
        .collect();
    assert_eq!(files, ["region/b.roadmap", "region/schools/a.roadmap"]);
}

#[test]
fn a_file_named_twice_reports_each_finding_once() {
    let output = Test::new()
        .file("plan.roadmap", broken())
        .args([
            "check",
            "plan.roadmap",
            "./plan.roadmap",
            ".",
            "--format",
            "json",
        ])
        .failure();
    let report = output.json();
    assert_eq!(report["diagnostics"].as_array().map(Vec::len), Some(1));
    assert_eq!(report["summary"]["files"], 1);
}

#[test]
fn a_file_named_twice_is_counted_once() {
    let output = Test::new()
        .file("plan.roadmap", broken())
        .args([
            "check",
            "plan.roadmap",
            "./plan.roadmap",
            ".",
            "--lang",
            "en",
            "--color",
            "never",
        ])
        .failure();
    assert_eq!(
        output.summary(),
        "1 file, 2 activities: 1 error, 0 warnings"
    );
}

#[test]
fn includes_are_read_relative_to_the_including_file() {
    let roadmap = clean().replace(
        "участник ОО: МБОУ СОШ с. Красногорск\n",
        "подключить: ../shared/parties.roadmap\n",
    );
    Test::new()
        .file("region/plan.roadmap", roadmap)
        .file(
            "shared/parties.roadmap",
            "участник ОО: МБОУ СОШ с. Красногорск\n",
        )
        .args([
            "check",
            "region/plan.roadmap",
            "--root",
            ".",
            "--lang",
            "en",
            "--color",
            "never",
        ])
        .stderr("2 files, 2 activities: 0 errors, 0 warnings\n")
        .success();
}

// ------------------------------------------------------------ language and colour

#[test]
fn the_locale_picks_russian() {
    let output = Test::new()
        .file("plan.roadmap", broken())
        .args(["check", "plan.roadmap", "--color", "never"])
        .env("LANG", "ru_RU.UTF-8")
        .failure();
    assert!(
        output
            .stderr
            .contains("ошибка[E0203]: Участник «Школа» не объявлен"),
        "{}",
        output.stderr
    );
    assert_eq!(
        output.summary(),
        "1 файл, 2 мероприятия: 1 ошибка, 0 предупреждений"
    );
}

#[test]
fn without_a_locale_messages_are_english() {
    let output = Test::new()
        .file("plan.roadmap", broken())
        .args(["check", "plan.roadmap", "--color", "never"])
        .failure();
    assert!(
        output
            .stderr
            .contains("error[E0203]: Party `Школа` is not declared"),
        "{}",
        output.stderr
    );
}

#[test]
fn lang_overrides_the_locale() {
    let output = Test::new()
        .file("plan.roadmap", broken())
        .args(["check", "plan.roadmap", "--lang", "en", "--color", "never"])
        .env("LC_ALL", "ru_RU.UTF-8")
        .failure();
    assert_eq!(
        output.summary(),
        "1 file, 2 activities: 1 error, 0 warnings"
    );
}

#[test]
fn colour_only_when_asked() {
    let plain = Test::new()
        .file("plan.roadmap", broken())
        .args(["check", "plan.roadmap", "--lang", "en"])
        .failure();
    assert!(
        !plain.stderr.contains('\u{1b}'),
        "no escape codes into a pipe"
    );
    let coloured = Test::new()
        .file("plan.roadmap", broken())
        .args(["check", "plan.roadmap", "--lang", "en", "--color", "always"])
        .failure();
    assert!(
        coloured.stderr.contains("\u{1b}["),
        "escape codes when asked"
    );
}

// ------------------------------------------------------------ marks and templates

/// docs/language.md: `выполнено:` may be given "one per occurrence of a
/// recurring activity", in the roadmap or in its `.status` file.
#[test]
fn a_weekly_activity_is_done_once_a_week() {
    let roadmap = format!(
        "{HEADER}
раздел 4. Организационно-методическое сопровождение

мероприятие 4.3. Участие в первом цикле еженедельных вебинаров
  срок: еженедельно 10.02.–23.06.2022
  ответственные: ОО, Кураторы
"
    );
    Test::new()
        .file("plan.roadmap", roadmap)
        .file(
            "plan.status",
            "отметки к: plan.roadmap\n\nмероприятие 4.3\n  выполнено: 10.02.2022\n  выполнено: 17.02.2022\n",
        )
        .args(["check", "plan.roadmap", "--lang", "en", "--color", "never"])
        .stderr("2 files, 1 activity: 0 errors, 0 warnings\n")
        .success();
}

#[test]
fn a_status_file_is_read_with_its_roadmap() {
    let output = Test::new()
        .file("plan.roadmap", clean())
        .file(
            "plan.status",
            "отметки к: plan.roadmap\n\nмероприятие 1.2\n  начато: 25.02.2022\n  выполнено: 24.02.2022\n",
        )
        .args(["check", "plan.roadmap", "--lang", "en", "--color", "never"])
        .failure();
    assert!(output.stderr.contains("error[E0602]"), "{}", output.stderr);
    assert!(
        output.stderr.contains("╭─[plan.status:5:14]"),
        "{}",
        output.stderr
    );
}

fn template() -> String {
    format!(
        "{}\nпараметр школа\n\nучастник Школа: {{школа}}\n\nраздел 1. Р\n\nмероприятие 1.1. Анкетирование\n  срок: 17.01. – 04.02.2022\n  ответственный: Школа\n",
        HEADER.replace("участник ОО: МБОУ СОШ с. Красногорск\n", "")
    )
}

#[test]
fn a_plan_binds_the_template_parameters() {
    Test::new()
        .file("region/template.roadmap", template())
        .file(
            "schools/krasnogorsk.roadmap",
            "расширяет: ../region/template.roadmap\nпараметр школа: МБОУ СОШ с. Красногорск\n",
        )
        .args([
            "check",
            "schools/krasnogorsk.roadmap",
            "--root",
            ".",
            "--lang",
            "en",
            "--color",
            "never",
        ])
        .stderr("2 files, 1 activity: 0 errors, 0 warnings\n")
        .success();
}

/// docs/diagnostics.md: E0706 is "`{name}` or a binding of a parameter that
/// no template declares".
#[test]
fn binding_a_parameter_no_template_declares_is_an_error() {
    let output = Test::new()
        .file("template.roadmap", template())
        .file(
            "plan.roadmap",
            "расширяет: template.roadmap\nпараметр школа: МБОУ СОШ с. Красногорск\nпараметр директр: Конаева В.Ю.\n",
        )
        .args(["check", "plan.roadmap", "--lang", "en", "--color", "never"])
        .failure();
    assert!(output.stderr.contains("error[E0706]"), "{}", output.stderr);
}

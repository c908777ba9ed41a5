//! `tests/corpus/broken/`: short excerpts of the bundled roadmaps, each with
//! one mistake a person would make, named after the code it must produce.
//! Every case runs `roadmap check broken/NAME --lang en --color never` from
//! `tests/corpus` (so the output names `broken/NAME`), snapshots the exit
//! code and the output, and checks against the JSON report that each finding
//! is drawn with its `file:line:col` and its source line.

use crate::common::{self, repo_root, Test};
use roadmap::code::Code;
use serde_json::Value;
use std::path::PathBuf;

/// One corpus entry: a file, or a folder for mistakes that need several files.
struct Case {
    name: &'static str,
    /// Codes that follow from the mistake and may be reported with it (a line
    /// that is dropped leaves its activity without a responsible party, …).
    also: &'static [&'static str],
    /// Also snapshot the Russian messages.
    ru: bool,
}

impl Case {
    const DEFAULT: Case = Case {
        name: "",
        also: &[],
        ru: false,
    };

    fn code(&self) -> &'static str {
        &self.name[..5]
    }

    fn stem(&self) -> &'static str {
        self.name.strip_suffix(".roadmap").unwrap_or(self.name)
    }

    fn check(&self) {
        let code = self.code();
        let path = format!("broken/{}", self.name);
        assert!(
            corpus().join(&path).exists(),
            "{path} is missing from tests/corpus"
        );
        let human = Test::in_repo("tests/corpus")
            .args(["check", &path, "--lang", "en", "--color", "never"])
            .output_snapshot(format!("corpus__{}.en", self.stem()))
            .run();
        let json = Test::in_repo("tests/corpus")
            .args(["check", &path, "--lang", "en", "--format", "json"])
            .run();
        assert_eq!(
            json.status, human.status,
            "{path}: the exit code does not depend on the format"
        );
        let report = json.json();
        let diagnostics = report["diagnostics"]
            .as_array()
            .expect("diagnostics is an array");
        let codes: Vec<&str> = diagnostics.iter().map(|d| str_of(d, "code")).collect();
        assert!(
            codes.contains(&code),
            "{path} should report {code}, reports {codes:?}\n{}",
            human.stderr
        );
        let unexpected: Vec<&str> = codes
            .iter()
            .copied()
            .filter(|c| *c != code && !self.also.contains(c))
            .collect();
        assert!(
            unexpected.is_empty(),
            "{path} holds one mistake, {code}, but also reports {unexpected:?}\n{}",
            human.stderr
        );
        let errors = report["summary"]["errors"]
            .as_u64()
            .expect("summary.errors");
        assert_eq!(
            human.status,
            if errors > 0 { 1 } else { 0 },
            "{path}: exit code"
        );
        if code.starts_with('W') && self.also.iter().all(|c| c.starts_with('W')) {
            assert_eq!(human.status, 0, "{path}: warnings alone exit 0");
        }

        check_drawn(&path, &human.stderr, diagnostics, "error", "warning");
        if self.ru {
            let russian = Test::in_repo("tests/corpus")
                .args(["check", &path, "--lang", "ru", "--color", "never"])
                .output_snapshot(format!("corpus__{}.ru", self.stem()))
                .status(human.status);
            check_drawn(
                &path,
                &russian.stderr,
                diagnostics,
                "ошибка",
                "предупреждение",
            );
        }
    }
}

/// Each finding of the JSON report, in the same order, is drawn in the human
/// output as its own block: `error[CODE]`, then `╭─[file:line:col]` at its
/// primary place and the numbered source line.
fn check_drawn(path: &str, human: &str, diagnostics: &[Value], error: &str, warning: &str) {
    let blocks = blocks(human);
    assert_eq!(
        blocks.len(),
        diagnostics.len(),
        "{path}: one drawn block per finding\n{human}"
    );
    for (block, d) in blocks.iter().zip(diagnostics) {
        let code = str_of(d, "code");
        let severity = match str_of(d, "severity") {
            "error" => error,
            "warning" => warning,
            other => panic!("{path}: severity {other}"),
        };
        let file = str_of(d, "file");
        let line = d["line"].as_u64().expect("line");
        let column = d["column"].as_u64().expect("column");
        assert!(
            file.starts_with("broken/"),
            "{path}: a finding in {file}, not a path relative to the working folder"
        );
        assert!(
            block
                .lines()
                .next()
                .unwrap_or("")
                .contains(&format!("{severity}[{code}]: ")),
            "{path}: the block should start with {severity}[{code}]\n{block}"
        );
        let location = format!("╭─[{file}:{line}:{column}]");
        assert!(
            block.contains(&location),
            "{path}: the {code} block should show {location}\n{block}"
        );
        let source_line = format!(" {line} │ ");
        assert!(
            block.contains(&source_line),
            "{path}: the {code} block should show source line {line}\n{block}"
        );
    }
}

/// The human output cut into one piece per finding.
fn blocks(human: &str) -> Vec<String> {
    let mut blocks: Vec<String> = Vec::new();
    for line in human.lines() {
        if line.starts_with("  × ") || line.starts_with("  ⚠ ") {
            blocks.push(String::new());
        }
        if let Some(block) = blocks.last_mut() {
            block.push_str(line);
            block.push('\n');
        }
    }
    blocks
}

fn str_of<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("`{key}` is a string in {value}"))
}

fn corpus() -> PathBuf {
    repo_root().join("tests").join("corpus")
}

macro_rules! corpus {
    ($( $(#[$meta:meta])* $test:ident => $name:literal { $($field:ident : $value:expr),* $(,)? } )*) => {
        /// Every corpus entry, as listed below.
        const CASES: &[&str] = &[$($name),*];
        $(
            $(#[$meta])*
            #[test]
            #[allow(clippy::needless_update)]
            fn $test() {
                Case { name: $name, $($field: $value,)* ..Case::DEFAULT }.check();
            }
        )*
    };
}

corpus! {
    e0001_saved_as_windows_1251 => "E0001-saved-as-windows-1251.roadmap" { also: &["E0002"], ru: true }
    e0002_after_joined_with_and => "E0002-after-joined-with-and.roadmap" {}
    e0002_section_without_number => "E0002-section-without-number.roadmap" {}
    e0002_value_on_two_lines => "E0002-value-on-two-lines.roadmap" { ru: true }
    e0003_english_keyword_typo => "E0003-english-keyword-typo.roadmap" {}
    e0003_latin_c_in_keyword => "E0003-latin-c-in-keyword.roadmap" { also: &["W0503"] }
    e0003_misspelt_responsible => "E0003-misspelt-responsible.roadmap" { also: &["W0501"], ru: true }
    e0004_email_under_activity => "E0004-email-under-activity.roadmap" {}
    e0004_responsible_not_indented => "E0004-responsible-not-indented.roadmap" { also: &["W0501"], ru: true }
    e0004_stage_not_indented => "E0004-stage-not-indented.roadmap" { also: &["E0005"] }
    e0005_two_deadlines_instead_of_stages => "E0005-two-deadlines-instead-of-stages.roadmap" { ru: true }
    e0006_no_period => "E0006-no-period.roadmap" { also: &["E0402"], ru: true }
    e0007_responsible_left_blank => "E0007-responsible-left-blank.roadmap" { also: &["W0501"] }
    e0008_period_with_cyrillic_o => "E0008-period-with-cyrillic-o.roadmap" {}
    e0009_approval_date_typo => "E0009-approval-date-typo.roadmap" {}
    e0009_checkpoint_30_february => "E0009-checkpoint-30-february.roadmap" {}
    e0010_escape_pasted_in_title => "E0010-escape-pasted-in-title.roadmap" { ru: true }
    e0101_include_misspelt_file => "E0101-include-misspelt-file" { also: &["E0203"], ru: true }
    e0102_parties_include_each_other => "E0102-parties-include-each-other" {}
    e0103_include_whole_roadmap => "E0103-include-whole-roadmap" {}
    e0104_include_outside_project => "E0104-include-outside-project.roadmap" { ru: true }
    e0105_include_device => "E0105-include-device.roadmap" {}
    e0201_section_copied_twice => "E0201-section-copied-twice.roadmap" {}
    e0202_activity_number_not_updated => "E0202-activity-number-not-updated.roadmap" {}
    e0203_latin_letters_in_party_id => "E0203-latin-letters-in-party-id.roadmap" { ru: true }
    e0203_latin_letter_in_party_id => "E0203-latin-letter-in-party-id.roadmap" { ru: true }
    e0203_party_name_instead_of_id => "E0203-party-name-instead-of-id.roadmap" { ru: true }
    e0203_party_not_declared => "E0203-party-not-declared.roadmap" {}
    e0203_unknown_party => "E0203-unknown-party.roadmap" { ru: true }
    e0204_party_also_in_included_file => "E0204-party-also-in-included-file" {}
    e0204_party_declared_twice => "E0204-party-declared-twice.roadmap" {}
    e0205_two_addresses_in_email => "E0205-two-addresses-in-email.roadmap" { ru: true }
    e0301_after_deleted_activity => "E0301-after-deleted-activity.roadmap" {}
    e0301_after_renumbered_activity => "E0301-after-renumbered-activity.roadmap" { ru: true }
    e0301_after_deleted_neighbour => "E0301-after-deleted-neighbour.roadmap" {}
    e0302_after_itself => "E0302-after-itself.roadmap" {}
    e0303_dependency_cycle => "E0303-dependency-cycle.roadmap" { also: &["E0304"], ru: true }
    e0304_deadline_before_dependency => "E0304-deadline-before-dependency.roadmap" { ru: true }
    e0304_lag_not_respected => "E0304-lag-not-respected.roadmap" {}
    e0304_duration_after_dependency => "E0304-duration-after-dependency.roadmap" { ru: true }
    e0401_month_typo => "E0401-month-typo.roadmap" {}
    e0401_week_without_month => "E0401-week-without-month.roadmap" { ru: true }
    e0402_month_without_year => "E0402-month-without-year.roadmap" { ru: true }
    e0402_holidays_in_a_one_year_roadmap => "E0402-holidays-in-a-one-year-roadmap.roadmap" { ru: true }
    e0403_wrong_year => "E0403-wrong-year.roadmap" { ru: true }
    e0404_checkpoint_before_one_day_activity => "E0404-checkpoint-before-one-day-activity.roadmap" {}
    e0404_checkpoint_month_typo => "E0404-checkpoint-month-typo.roadmap" {}
    e0405_duration_in_words => "E0405-duration-in-words.roadmap" { ru: true }
    e0406_window_and_duration => "E0406-window-and-duration.roadmap" {}
    e0407_duration_past_deadline => "E0407-duration-past-deadline.roadmap" { ru: true }
    e0601_status_for_missing_activity => "E0601-status-for-missing-activity" { ru: true }
    e0602_done_before_started => "E0602-done-before-started.roadmap" {}
    e0603_done_before_dependency => "E0603-done-before-dependency.roadmap" {}
    e0604_actual_in_other_unit => "E0604-actual-in-other-unit.roadmap" {}
    e0701_plan_deadline_later => "E0701-plan-deadline-later" { ru: true }
    e0702_plan_target_lower => "E0702-plan-target-lower" {}
    e0703_mandatory_cancelled => "E0703-mandatory-cancelled" {}
    e0704_parameter_bound_twice => "E0704-parameter-bound-twice" {}
    e0705_parameter_unbound => "E0705-parameter-unbound" {}
    e0706_placeholder_misspelt => "E0706-placeholder-misspelt" {}
    e0801_funding_without_unit => "E0801-funding-without-unit.roadmap" { ru: true }
    e0802_risk_number_out_of_range => "E0802-risk-number-out-of-range.roadmap" {}
    e0803_sub_item_outside_its_activity => "E0803-sub-item-outside-its-activity.roadmap" { ru: true }
    w0501_no_responsible => "W0501-no-responsible.roadmap" { ru: true }
    w0502_empty_section => "W0502-empty-section.roadmap" {}
    w0503_no_timing => "W0503-no-timing.roadmap" { ru: true }
    w0504_deadline_on_a_holiday => "W0504-deadline-on-a-holiday.roadmap" { ru: true }
    w0010_approval_left_blank => "W0010-approval-left-blank.roadmap" { ru: true }
    w0801_no_period_taken_from_timings => "W0801-no-period-taken-from-timings.roadmap" { ru: true }
    w0505_draft_saved_blank => "W0505-draft-saved-blank" {}
}

/// Codes found in filled forms (`roadmap marks import`), not in roadmaps:
/// tests/marks.rs fills forms that have each.
const FORM_CODES: [&str; 4] = ["E0605", "E0606", "W0607", "W0608"];

#[test]
fn every_code_has_a_broken_roadmap() {
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|code| !FORM_CODES.contains(code))
        .filter(|code| !CASES.iter().any(|case| case.starts_with(code)))
        // A file over the size cap cannot be kept in the repository:
        // tests/cli/hostile/files.rs makes one.
        .filter(|code| *code != "E0106")
        .collect();
    assert!(
        missing.is_empty(),
        "add a tests/corpus/broken/ case for {missing:?}"
    );
}

#[test]
fn every_broken_roadmap_has_a_test() {
    let mut on_disk: Vec<String> = std::fs::read_dir(corpus().join("broken"))
        .expect("tests/corpus/broken")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = CASES.iter().map(|c| c.to_string()).collect();
    listed.sort();
    assert_eq!(
        on_disk, listed,
        "tests/cli/corpus.rs lists every corpus entry"
    );
    for name in &on_disk {
        let code = &name[..5.min(name.len())];
        assert!(
            Code::ALL.iter().any(|c| c.as_str() == code),
            "{name} is not named after a check code"
        );
    }
}

/// Excerpts stay short: a file of a case has at most 40 lines, and the file
/// of a one-file case at least 10.
#[test]
fn broken_roadmaps_are_short_excerpts() {
    for name in CASES {
        let path = corpus().join("broken").join(name);
        let files: Vec<PathBuf> = if path.is_dir() {
            std::fs::read_dir(&path)
                .expect("a case folder")
                .map(|e| e.expect("an entry").path())
                .collect()
        } else {
            vec![path.clone()]
        };
        assert!(!files.is_empty(), "{name} is an empty folder");
        for file in files {
            let bytes = std::fs::read(&file).expect("read a corpus file");
            let lines = bytes
                .split(|b| *b == b'\n')
                .filter(|l| !l.is_empty())
                .count();
            assert!(lines <= 40, "{} has {lines} lines", file.display());
            if !path.is_dir() {
                assert!(lines >= 10, "{} has {lines} lines", file.display());
            }
        }
    }
}

/// The line E0203's help offers to declare a missing party is one the
/// parser reads: pasted into the file as it is (with the id it offers
/// written in place of the name, when the name was not an id), the roadmap
/// checks clean — in both languages.
#[test]
fn the_line_offered_to_declare_a_party_parses() {
    let english =
        regex::Regex::new(r"a line `([^`]+)`(?: and write `([^`]+)` here)?").expect("regex");
    let russian = regex::Regex::new(
        r"строкой «(участник [^:]+: .+?)»(?: и пишите здесь «([^»]+)»)?(?:,| или|$)",
    )
    .expect("regex");
    for name in [
        "E0203-party-not-declared.roadmap",
        "E0203-party-name-instead-of-id.roadmap",
    ] {
        let original =
            std::fs::read_to_string(corpus().join("broken").join(name)).expect("the case");
        for (lang, pattern) in [("en", &english), ("ru", &russian)] {
            let report = Test::in_repo("tests/corpus")
                .args([
                    "check",
                    &format!("broken/{name}"),
                    "--lang",
                    lang,
                    "--format",
                    "json",
                ])
                .run()
                .json();
            let finding = &report["diagnostics"][0];
            assert_eq!(finding["code"], "E0203", "{name}");
            let help = str_of(finding, "help");
            let advice = pattern
                .captures(help)
                .unwrap_or_else(|| panic!("{name} ({lang}): no line to paste in {help:?}"));
            let line = &advice[1];
            let written = str_of(finding, "message");
            // The finding points at the name as written: put the offered id there.
            let at = finding["line"].as_u64().expect("line") as usize;
            let mut lines: Vec<String> = original.lines().map(str::to_string).collect();
            if let Some(id) = advice.get(2) {
                let column = finding["column"].as_u64().expect("column") as usize - 1;
                let end = finding["end_column"].as_u64().expect("end_column") as usize - 1;
                let text: Vec<char> = lines[at - 1].chars().collect();
                let before: String = text[..column].iter().collect();
                let after: String = text[end..].iter().collect();
                lines[at - 1] = format!("{before}{}{after}", id.as_str());
            }
            // The declaration goes after the roadmap's headers, before the first section.
            let section = lines
                .iter()
                .position(|l| l.starts_with("раздел"))
                .expect("a section");
            lines.insert(section, line.to_string());
            let fixed = lines.join("\n") + "\n";
            let out = Test::new()
                .file("fixed.roadmap", &fixed)
                .args(["check", "fixed.roadmap", "--lang", "en", "--format", "json"])
                .run();
            let errors = out.json()["summary"]["errors"].as_u64();
            assert_eq!(
                errors,
                Some(0),
                "{name} ({lang}): {written}\npasted {line:?}\n{fixed}\n{}",
                out.stderr
            );
        }
    }
}

/// The E0001 case must stay in Windows-1251: an editor that "fixes" it on
/// save would turn the test into one that cannot fail.
#[test]
fn e0001_case_is_windows_1251() {
    let bytes = std::fs::read(corpus().join("broken/E0001-saved-as-windows-1251.roadmap"))
        .expect("the E0001 case");
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the file is UTF-8 now"
    );
    let text = common::decode_cp1251(&bytes);
    assert!(text.contains("дорожная карта: Дорожная карта по реализации проекта «500+»"));
}

/// The first `file:line:col` a finding shows is its own place. When its
/// labels fall far apart, miette draws one snippet per group in line order,
/// and a label above the finding heads the first snippet: a reader who
/// jumps to the first location lands on the wrong line (E0303, E0304,
/// E0403).
#[test]
fn the_first_place_shown_is_the_finding() {
    let mut wrong = Vec::new();
    for name in CASES {
        let path = format!("broken/{name}");
        let human = Test::in_repo("tests/corpus")
            .args(["check", &path, "--lang", "en", "--color", "never"])
            .run();
        let json = Test::in_repo("tests/corpus")
            .args(["check", &path, "--lang", "en", "--format", "json"])
            .run()
            .json();
        let diagnostics = json["diagnostics"].as_array().expect("diagnostics");
        for (block, d) in blocks(&human.stderr).iter().zip(diagnostics) {
            let own = format!("{}:{}:{}", str_of(d, "file"), d["line"], d["column"]);
            let first = block
                .split_once("╭─[")
                .and_then(|(_, rest)| rest.split_once(']'))
                .map(|(place, _)| place.to_string())
                .unwrap_or_default();
            if first != own {
                wrong.push(format!(
                    "{} at {own} is headed by {first}",
                    str_of(d, "code")
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

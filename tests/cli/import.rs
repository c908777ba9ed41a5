//! `roadmap import`: documents made from the seeds (tests/import/, built by
//! make-fixtures.py) import to roadmaps whose schedules are the bundled
//! roadmaps' ones, activity by activity; the tool's own workbooks come back
//! as the roadmaps they were made from; broken documents get a clear error.

use crate::common::{repo_root, Test};
use serde_json::Value;

const SEEDS: [&str; 3] = [
    "moscow-region-2020",
    "smolensk-region-2020",
    "tomari-500plus-2022",
];

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(repo_root().join("tests/import").join(name))
        .unwrap_or_else(|e| panic!("tests/import/{name}: {e}"))
}

/// What the schedule says of each activity: number, kind, dates, windows
/// and the responsible parties (by id, or by name when the ids are the
/// import's own).
fn activities(schedule: &Value, by_name: bool) -> Vec<String> {
    schedule["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| {
            let who: Vec<&str> = e["responsible"]
                .as_array()
                .expect("responsible")
                .iter()
                .map(|r| {
                    r[if by_name { "name" } else { "id" }]
                        .as_str()
                        .unwrap_or("")
                })
                .collect();
            format!(
                "{} {} {}–{} {} [{}]",
                e["number"].as_str().unwrap_or(""),
                e["kind"],
                e["start"],
                e["end"],
                e["windows"],
                who.join(", ")
            )
        })
        .collect()
}

fn schedule_of_text(text: &str) -> Value {
    let output = Test::new()
        .file("imported.roadmap", text)
        .args([
            "schedule",
            "imported.roadmap",
            "--format",
            "json",
            "--as-of",
            "2022-01-01",
        ])
        .success();
    serde_json::from_str(&output.stdout).expect("schedule JSON")
}

fn schedule_of_file(relative: &str) -> Value {
    let output = Test::in_repo("")
        .args([
            "schedule",
            relative,
            "--format",
            "json",
            "--as-of",
            "2022-01-01",
        ])
        .success();
    serde_json::from_str(&output.stdout).expect("schedule JSON")
}

fn assert_same(imported: &Value, original: &Value, by_name: bool, what: &str) {
    let (a, b) = (activities(imported, by_name), activities(original, by_name));
    assert_eq!(a.len(), b.len(), "{what}: number of activities");
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y, "{what}");
    }
}

/// A figure of the English report: the number before `label`.
fn figure(report: &str, label: &str) -> usize {
    let at = report
        .find(label)
        .unwrap_or_else(|| panic!("`{label}` in:\n{report}"));
    report[..at]
        .split(|c: char| !c.is_ascii_digit())
        .rfind(|s| !s.is_empty())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a number before `{label}` in:\n{report}"))
}

/// The `# импорт:` comments the English report counts: places to decide
/// and notes on what was assumed, or either alone when there is none of the
/// other.
fn comments_counted(report: &str) -> usize {
    if report.contains(" comment(s) marked") {
        let all = figure(report, " comment(s) marked");
        assert_eq!(
            figure(report, " place(s) for a person") + figure(report, " note(s) on what"),
            all,
            "the figures add up to the comments\n{report}"
        );
        all
    } else if report.contains(" place(s) for a person to decide (marked") {
        figure(report, " place(s) for a person")
    } else if report.contains(" note(s) on what") {
        figure(report, " note(s) on what")
    } else {
        assert!(report.contains("everything resolved; next"), "{report}");
        0
    }
}

/// Imports a fixture (with rules naming the bundled roadmap's party ids,
/// or without) and returns the roadmap text and the report.
fn import(file: &str, rules: Option<&str>) -> (String, String, i32) {
    let mut test = Test::new().file(file, fixture(file));
    let mut args = vec![
        "import".to_string(),
        file.to_string(),
        "--lang".into(),
        "en".into(),
    ];
    if let Some(r) = rules {
        test = test.file(r, fixture(r));
        args.extend(["--rules".to_string(), r.to_string()]);
    }
    let output = test.args(args).completes();
    (output.stdout, output.stderr, output.status)
}

#[test]
fn every_seed_document_imports_to_the_bundled_roadmaps_schedule() {
    for seed in SEEDS {
        let original = schedule_of_file(&format!("roadmaps/{seed}.roadmap"));
        let count = original["entries"].as_array().map_or(0, Vec::len);
        for ext in ["docx", "xlsx", "csv"] {
            let file = format!("{seed}.{ext}");
            let (text, report, status) = import(&file, Some(&format!("{seed}.rules")));
            assert_eq!(
                figure(&report, " activit"),
                count,
                "{file}: activities in the report\n{report}"
            );
            assert_eq!(
                text.matches("\nмероприятие ").count(),
                count,
                "{file}: activities written"
            );
            assert_eq!(
                figure(&report, " left as written"),
                0,
                "{file}: every timing resolves\n{report}"
            );
            let left = figure(&report, " left as written") + figure(&report, " left as text");
            assert_eq!(
                status,
                i32::from(left > 0),
                "{file}: exit code with {left} places left\n{report}"
            );
            assert_eq!(
                text.matches("# импорт: срок не распознан").count()
                    + text.matches("# импорт: в показателе нет числа").count(),
                left,
                "{file}: each place the report lists is marked in the file"
            );
            assert_eq!(
                comments_counted(&report),
                text.matches("# импорт:").count(),
                "{file}: the report counts every comment of the file\n{report}"
            );
            Test::new()
                .file("imported.roadmap", &text)
                .args(["check", "imported.roadmap", "--lang", "en"])
                .success();
            assert_same(&schedule_of_text(&text), &original, false, &file);
        }
    }
}

#[test]
fn without_rules_the_parties_are_made_from_the_responsible_column() {
    for seed in SEEDS {
        let original = schedule_of_file(&format!("roadmaps/{seed}.roadmap"));
        let (text, report, _) = import(&format!("{seed}.docx"), None);
        assert_same(&schedule_of_text(&text), &original, true, seed);
        let declared = text.lines().filter(|l| l.starts_with("участник ")).count();
        let made = report
            .split_once("parties: ")
            .and_then(|(_, rest)| rest.split(' ').next())
            .and_then(|n| n.parse::<usize>().ok());
        assert_eq!(made, Some(declared), "{seed}: parties made\n{report}");
    }
}

#[test]
fn a_multi_year_table_gives_a_stage_per_year_column() {
    let original = schedule_of_file("tests/import/multi-year.roadmap");
    for ext in ["docx", "xlsx", "csv"] {
        let file = format!("multi-year.{ext}");
        let (text, report, status) = import(&file, None);
        assert_eq!(status, 0, "{file}\n{report}");
        assert_eq!(text.matches("\n  этап 20").count(), 10, "{file}");
        assert_same(&schedule_of_text(&text), &original, true, &file);
    }
}

#[test]
fn the_tools_own_workbook_comes_back_as_the_roadmap_it_was_made_from() {
    // Every bundled roadmap and school plan; the template prints its
    // parameters unfilled, and the shared file of parties has no schedule.
    let mut roadmaps: Vec<String> = Vec::new();
    for dir in ["roadmaps", "roadmaps/500plus"] {
        for entry in std::fs::read_dir(repo_root().join(dir))
            .expect(dir)
            .flatten()
        {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".roadmap")
                && name != "tomari-parties.roadmap"
                && name != "template.roadmap"
            {
                roadmaps.push(format!("{dir}/{name}"));
            }
        }
    }
    roadmaps.sort();
    assert!(roadmaps.len() >= 7, "{roadmaps:?}");
    for relative in roadmaps {
        let name = &relative;
        let original = schedule_of_file(&relative);
        for lang in ["ru", "en"] {
            let dir = tempfile::tempdir().expect("a temporary folder");
            let book = dir.path().join("book.xlsx");
            Test::in_repo("")
                .args([
                    "schedule", &relative, "--format", "xlsx", "--lang", lang, "-o",
                ])
                .args([book.as_os_str()])
                .success();
            let output = Test::in_dir(dir.path())
                .args(["import", "book.xlsx", "--lang", "en"])
                .completes();
            assert_same(
                &schedule_of_text(&output.stdout),
                &original,
                true,
                &format!("{name} ({lang})"),
            );
        }
    }
}

#[test]
fn the_report_in_english_and_russian() {
    for lang in ["en", "ru"] {
        Test::new()
            .file("tomari.docx", fixture("tomari-500plus-2022.docx"))
            .args([
                "import",
                "tomari.docx",
                "-o",
                "tomari.roadmap",
                "--lang",
                lang,
            ])
            .stderr_snapshot(format!("import__report.{lang}"))
            .failure();
    }
}

/// Sections the table gives no number are numbered in order under a
/// comment: the report counts those notes apart from the places to decide,
/// and the two add up to the comments of the file.
#[test]
fn the_report_counts_notes_and_places_to_decide() {
    for lang in ["en", "ru"] {
        Test::new()
            .file("smolensk.docx", fixture("smolensk-region-2020.docx"))
            .args([
                "import",
                "smolensk.docx",
                "-o",
                "smolensk.roadmap",
                "--lang",
                lang,
            ])
            .stderr_snapshot(format!("import__report_notes.{lang}"))
            .failure();
    }
}

#[test]
fn the_roadmap_written_from_a_word_document() {
    Test::new()
        .file("moscow.docx", fixture("moscow-region-2020.docx"))
        .args(["import", "moscow.docx", "--lang", "en"])
        .stdout_snapshot("import__moscow_docx")
        .success();
}

#[test]
fn an_existing_file_is_replaced_only_with_force() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("plan.csv"), fixture("multi-year.csv")).unwrap();
    std::fs::write(dir.path().join("plan.roadmap"), "старое\n").unwrap();
    let output = Test::in_dir(dir.path())
        .args(["import", "plan.csv", "-o", "plan.roadmap", "--lang", "en"])
        .stdout("")
        .status(2);
    assert_eq!(
        output.stderr,
        "plan.roadmap: the file exists; add --force to replace it\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("plan.roadmap")).unwrap(),
        "старое\n"
    );
    let output = Test::in_dir(dir.path())
        .args([
            "import",
            "plan.csv",
            "-o",
            "plan.roadmap",
            "--force",
            "--lang",
            "en",
        ])
        .stdout("")
        .success();
    let written = std::fs::read_to_string(dir.path().join("plan.roadmap")).unwrap();
    assert!(written.contains("мероприятие 2.2. Стажировки"), "{written}");
    assert!(
        output
            .stderr
            .ends_with("everything resolved; 10 note(s) on what the import assumed (marked `# импорт:`); next: roadmap check plan.roadmap\n"),
        "{}",
        output.stderr
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        2,
        "no temporary file is left"
    );
}

#[test]
fn latin_ids() {
    let (text, _, _) = {
        let output = Test::new()
            .file("plan.docx", fixture("multi-year.docx"))
            .args(["import", "plan.docx", "--latin-ids"])
            .success();
        (output.stdout, output.stderr, output.status)
    };
    assert!(
        text.contains("участник RegKoord: Региональный координатор"),
        "{text}"
    );
    assert!(text.contains("  ответственные: IRO, OO"), "{text}");
}

#[test]
fn printed_rules_read_back_give_the_same_roadmap() {
    let printed = Test::new()
        .file("plan.xlsx", fixture("tomari-500plus-2022.xlsx"))
        .args(["import", "--print-rules", "plan.xlsx"])
        .stdout_snapshot("import__printed_rules")
        .success();
    let (guessed, _, _) = import("tomari-500plus-2022.xlsx", None);
    let output = Test::new()
        .file(
            "tomari-500plus-2022.xlsx",
            fixture("tomari-500plus-2022.xlsx"),
        )
        .file("plan.rules", &printed.stdout)
        .args([
            "import",
            "tomari-500plus-2022.xlsx",
            "--rules",
            "plan.rules",
            "--lang",
            "en",
        ])
        .failure();
    assert_eq!(output.stdout, guessed);
}

#[test]
fn rules_name_the_columns_of_a_table_without_a_header() {
    let table = "Анкетирование ОО;17.01. – 04.02.2022;Отдел образования\nВебинары;в течение года;Кураторы, ОО\n";
    let output = Test::new()
        .file("t.csv", table)
        .args(["import", "t.csv", "--lang", "en"])
        .status(2);
    assert!(
        output
            .stderr
            .contains("none of its 1 table(s) has a header"),
        "{}",
        output.stderr
    );
    let rules =
        "строка заголовка: 1\nстрок в заголовке: 0\nколонка 1: мероприятие\nколонка 2: срок\n\
                 колонка 3: ответственный\nпериод: 2022\nучастник ОтделОбр: Отдел образования\n";
    let output = Test::new()
        .file("t.csv", table)
        .file("t.rules", rules)
        .args(["import", "t.csv", "--rules", "t.rules", "--lang", "en"])
        .failure();
    assert!(
        output.stderr.contains("no title above the table"),
        "{}",
        output.stderr
    );
    let text = &output.stdout;
    assert!(text.contains("период: 2022\n"), "{text}");
    assert!(
        text.contains("участник ОтделОбр: Отдел образования\n"),
        "{text}"
    );
    assert!(text.contains("мероприятие 1. Анкетирование ОО\n  срок: 17.01. – 04.02.2022\n  ответственный: ОтделОбр\n"), "{text}");
    assert!(
        text.contains(
            "мероприятие 2. Вебинары\n  срок: в течение года\n  ответственные: Кураторы, ОО\n"
        ),
        "{text}"
    );
    assert!(
        output
            .stderr
            .contains("numbered in order (the table gives no number): 2"),
        "{}",
        output.stderr
    );
}

#[test]
fn a_rules_file_with_a_mistake_says_where() {
    Test::new()
        .file("t.csv", fixture("multi-year.csv"))
        .file("t.rules", "колонка 2: мероприятие\nколонка 3: сроки\n")
        .args(["import", "t.csv", "--rules", "t.rules", "--lang", "ru"])
        .stderr_snapshot("import__rules_mistake")
        .status(2);
}

#[test]
fn broken_documents_get_a_clear_error() {
    for (file, says) in [
        ("empty-table.docx", "the document holds no table"),
        (
            "no-header.docx",
            "none of its 1 table(s) has a header import recognises",
        ),
        ("cut-short.docx", "the file is damaged"),
        ("not-a-document.docx", "word/document.xml is missing"),
        ("password.docx", "the document is protected by a password"),
        ("old.doc", "this is the old binary .doc format"),
        ("old.xls", "this is the old binary .xls format"),
    ] {
        let output = Test::new()
            .file(file, fixture(&format!("broken/{file}")))
            .args(["import", file, "--lang", "en"])
            .stdout("")
            .status(2);
        assert!(
            output.stderr.starts_with(&format!("{file}: ")),
            "{}",
            output.stderr
        );
        assert!(output.stderr.contains(says), "{file}: {}", output.stderr);
        assert!(
            output.stderr.contains("help: "),
            "{file}: {}",
            output.stderr
        );
    }
    Test::new()
        .file("t.docx", fixture("broken/password.docx"))
        .args(["import", "t.docx", "--lang", "ru"])
        .stderr_snapshot("import__password")
        .status(2);
}

#[test]
fn a_table_that_is_not_there() {
    let output = Test::new()
        .file("t.docx", fixture("moscow-region-2020.docx"))
        .args(["import", "t.docx", "--table", "2", "--lang", "en"])
        .status(2);
    assert!(output
        .stderr
        .contains("there is no table 2; the document has 1"));
    let output = Test::new()
        .file("t.docx", fixture("moscow-region-2020.docx"))
        .args(["import", "t.docx", "--table", "1", "--lang", "en"])
        .success();
    assert!(output.stderr.contains("1 table(s), read: 1"));
}

/// A workbook of many rows: every row read, nothing timed (the speed is in
/// BENCHMARKS.md).
#[test]
fn a_workbook_of_5000_rows() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in [
        "№ п/п",
        "Наименование мероприятия",
        "Срок",
        "Ответственный",
        "Показатель",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for i in 1..=5000u32 {
        let r = i;
        sheet.write_string(r, 0, format!("{i}.")).unwrap();
        sheet
            .write_string(r, 1, format!("Мероприятие {i}"))
            .unwrap();
        sheet
            .write_string(
                r,
                2,
                [
                    "март 2022 года",
                    "до 01.06.2022",
                    "по мере необходимости",
                    "когда-нибудь",
                ][i as usize % 4],
            )
            .unwrap();
        sheet
            .write_string(
                r,
                3,
                ["ОО", "Кураторы, ОО", "Отдел образования"][i as usize % 3],
            )
            .unwrap();
        sheet
            .write_string(
                r,
                4,
                ["не менее 10 ОО", "увеличение охвата"][i as usize % 2],
            )
            .unwrap();
    }
    let bytes = book.save_to_buffer().unwrap();
    let output = Test::new()
        .file("big.xlsx", bytes)
        .args(["import", "big.xlsx", "--lang", "en"])
        .failure();
    let report = &output.stderr;
    assert_eq!(figure(report, " activities"), 5000, "{report}");
    assert_eq!(figure(report, " left as written"), 1250, "{report}");
    assert_eq!(figure(report, " left as text"), 2500, "{report}");
    assert!(
        report.contains("parties: 3 (Кураторы, ОО, ОтделОбр)"),
        "{report}"
    );
    assert!(report.contains(", and 1240 more\n"), "{report}");
    assert!(report.contains("no title above the table"), "{report}");
}

/// Columns of documents, funding (its unit in the heading) and risks go to
/// `документ:`, `финансирование:` and `риск:`; two sources on one line are
/// kept as written and marked.
#[test]
fn documents_funding_and_risks() {
    let table = "\
Дорожная карта МБОУ СОШ № 1 на 2023 год;;;;;;;
Цель: повышение качества образования;;;;;;;
№ п/п;Наименование мероприятия;Срок;Ответственный;Документ, подтверждающий исполнение;Объём финансирования (тыс. руб.);Источник финансирования;Риски
1.;Курсы для учителей;март 2023 года;ОО;Приказ о направлении на курсы;150,0;региональный бюджет;Недостаточная предметная и методическая компетентность педагогических работников
2.;Семинар;апрель 2023 года;ОО;Протокол;-;;2
3.;Закупка оборудования;II квартал 2023 года;ОО;Акт;150 200;федеральный бюджет, региональный бюджет;1
";
    let output = Test::new()
        .file("school.csv", table)
        .args(["import", "school.csv", "--lang", "en"])
        .output_snapshot("import__documents_funding_risks")
        .failure();
    Test::new()
        .file("school.roadmap", &output.stdout)
        .args(["fmt", "--check", "school.roadmap"])
        .stdout("")
        .success();
}

/// Two tables under their headings: two sections of one roadmap, or with
/// `--table 2` the second alone, under the document's title.
#[test]
fn several_tables_become_sections() {
    let output = Test::new()
        .file("plan.docx", fixture("two-tables.docx"))
        .args(["import", "plan.docx", "--lang", "en"])
        .success();
    let text = &output.stdout;
    assert!(
        output
            .stderr
            .starts_with("plan.docx: 2 table(s), read: 1, 2\n"),
        "{}",
        output.stderr
    );
    assert!(
        text.contains("дорожная карта: Дорожная карта школы на 2022 год\n"),
        "{text}"
    );
    assert!(
        text.contains("\nраздел 1. Диагностика\n\nмероприятие 1.1. Анкетирование\n"),
        "{text}"
    );
    assert!(
        text.contains("\nраздел 2. Кадровое обеспечение\n\nмероприятие 2.1. Курсы"),
        "{text}"
    );
    assert_eq!(text.matches("\nмероприятие ").count(), 3);
    let output = Test::new()
        .file("plan.docx", fixture("two-tables.docx"))
        .args(["import", "plan.docx", "--table", "2", "--lang", "en"])
        .success();
    let text = &output.stdout;
    assert!(
        output
            .stderr
            .starts_with("plan.docx: 2 table(s), read: 2\n"),
        "{}",
        output.stderr
    );
    assert!(
        text.contains("дорожная карта: Дорожная карта школы на 2022 год\n"),
        "{text}"
    );
    assert!(text.contains("раздел 2. Кадровое обеспечение\n"), "{text}");
    assert_eq!(text.matches("\nмероприятие ").count(), 1);
}

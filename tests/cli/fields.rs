//! The fields real tables have — the order's goal, tasks, controller and
//! signatory, confirming documents, risks, funding, sub-items, a period
//! taken from the timings — run through the real binary on school roadmaps
//! in tests/fields/, in Russian and English keywords, and compared with
//! reviewed snapshots of what every output shows.

use crate::common::{self, Test};

const RU: &str = "tests/fields/school-500plus.roadmap";
const EN: &str = "tests/fields/school-en.roadmap";

fn schedule(path: &str, format: &str, lang: &str) -> Test {
    Test::in_repo(".").args([
        "schedule",
        path,
        "--format",
        format,
        "--as-of",
        "2022-03-15",
        "--lang",
        lang,
    ])
}

#[test]
fn both_roadmaps_check_clean_and_are_formatted() {
    Test::in_repo(".")
        .args(["check", RU, "--lang", "en", "--color", "never"])
        .stderr("1 file, 6 activities: 0 errors, 0 warnings\n")
        .success();
    let en = Test::in_repo(".")
        .args(["check", EN, "--lang", "en", "--format", "json"])
        .success()
        .json();
    let codes: Vec<&str> = en["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["W0801"], "the period is taken from the timings");
    Test::in_repo(".")
        .args(["fmt", "--check", RU, EN])
        .success();
}

#[test]
fn markdown_shows_every_field() {
    schedule(RU, "md", "ru")
        .stdout_snapshot("fields__school.ru.md")
        .success();
    schedule(EN, "md", "en")
        .stdout_snapshot("fields__school.en.md")
        .success();
}

#[test]
fn json_types_risks_and_funding() {
    let out = schedule(RU, "json", "ru").success();
    let doc = out.json();
    assert_eq!(doc["roadmap"]["tasks"][1]["number"], "2");
    assert_eq!(
        doc["roadmap"]["signed_by"],
        "Директор МБОУ СОШ с. Красногорск В.Ю. Конаева"
    );
    assert_eq!(doc["sections"][1]["risks"][0]["factor"], 10);
    let entry = |n: &str| {
        doc["entries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["number"] == n)
            .unwrap()
            .clone()
    };
    let courses = entry("1.1");
    assert_eq!(
        (courses["start"].as_str(), courses["end"].as_str()),
        (Some("2022-03-01"), Some("2022-11-30")),
        "a parent spans its sub-items"
    );
    assert_eq!(entry("1.1.2")["parent"], "1.1");
    let own = &entry("2.1")["risks"][0];
    assert_eq!(
        (own["factor"].is_null(), own["name"].as_str()),
        (true, Some("Низкая учебная мотивация обучающихся"))
    );
    let equipment = &entry("2.2")["funding"][0];
    assert_eq!(equipment["amount"], 1_200_000.0);
    assert_eq!(equipment["source"], "regional");
    let years: Vec<(String, f64)> = doc["funding_totals"]["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| {
            (
                y["year_text"].as_str().unwrap().to_string(),
                y["amount"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        years,
        [
            ("2022".to_string(), 112_500.0),
            ("2023".to_string(), 1_220_000.0)
        ]
    );
    assert_eq!(doc["funding_totals"]["amount"], 1_332_500.0);
    let en = schedule(EN, "json", "en").success();
    common::assert_snapshot(
        "fields__school.en.json",
        "roadmap schedule tests/fields/school-en.roadmap --format json --as-of 2022-03-15 --lang en",
        &en.stdout.replace(env!("CARGO_PKG_VERSION"), "[version]"),
    );
}

#[test]
fn csv_has_the_columns_and_the_sums() {
    let out = schedule(RU, "csv", "ru").success();
    let text = out.stdout;
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    assert!(lines
        .next()
        .unwrap()
        .ends_with(";Критический путь;Подтверждающие документы;Финансирование;Риски"));
    assert!(text.contains(";Приказ о направлении на курсы повышения квалификации;;"));
    assert!(text.contains("Финансирование по годам;2023;Итого;"));
    common::assert_snapshot(
        "fields__school.ru.csv",
        "roadmap schedule tests/fields/school-500plus.roadmap --format csv --as-of 2022-03-15 --lang ru",
        &text.replace("\r\n", "\n"),
    );
}

#[test]
fn html_xlsx_and_ics_show_them_too() {
    let out = schedule(RU, "html", "ru").success();
    let html = out.stdout;
    for text in [
        "<th>Подтверждающий документ</th><th>Финансирование</th><th>Риски</th>",
        "<dt>Подписал</dt><dd>Директор МБОУ СОШ с. Красногорск В.Ю. Конаева</dd>",
        "<li value=\"2\">Вовлечь родителей в образовательный процесс</li>",
        "<h3>Финансирование по годам</h3>",
        "10. Низкий уровень вовлечённости родителей",
    ] {
        assert!(html.contains(text), "{text}");
    }
    let ics = schedule(RU, "ics", "ru").success().stdout;
    let unfolded = ics.replace("\r\n ", "");
    assert!(
        unfolded.contains(
            "Подтверждающий документ: Приказ о направлении на курсы повышения квалификации"
        ),
        "the calendar event says which document confirms it"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("school.xlsx");
    Test::in_repo(".")
        .args([
            "schedule",
            RU,
            "--format",
            "xlsx",
            "--as-of",
            "2022-03-15",
            "-o",
            &file.display().to_string(),
        ])
        .success();
    let bytes = std::fs::read(&file).unwrap();
    assert!(
        String::from_utf8_lossy(&bytes).contains("xl/worksheets/sheet2.xml"),
        "a second sheet with the funding by year"
    );
}

//! Whatever it is given, the binary ends with a verdict (exit 0 or 1): it
//! never panics, dies by a signal or hangs. No test here measures time.

use crate::common::{encode_cp1251, Test, HEADER};

/// Output for people stays short however long the input line is.
const SHORT: usize = 64 * 1024;

fn check(file: &str) -> [&str; 6] {
    ["check", file, "--lang", "en", "--color", "never"]
}

/// Deterministic pseudo-random bytes (xorshift), so a failure can be replayed.
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}

#[test]
fn an_empty_file() {
    Test::new()
        .file("empty.roadmap", "")
        .args(check("empty.roadmap"))
        .stderr(
            "  ⚠ warning[W0505]: The file is empty\n   ╭─[empty.roadmap:1:1]\n   ╰────\n  help: Start with `roadmap: …` and `period: …`, or delete the file\n\n1 file, 0 activities: 0 errors, 1 warning\n",
        )
        .success();
}

#[test]
fn a_file_of_only_comments() {
    Test::new()
        .file(
            "notes.roadmap",
            "# Черновик дорожной карты\n#\n   # план на 2022 год\n",
        )
        .args(check("notes.roadmap"))
        .stderr("1 file, 0 activities: 0 errors, 0 warnings\n")
        .success();
}

#[test]
fn random_bytes() {
    for seed in 1..=8 {
        let output = Test::new()
            .file("noise.roadmap", noise(4096, seed))
            .args(check("noise.roadmap"))
            .completes();
        assert!(output.summary().starts_with("1 file, "), "seed {seed}");
    }
}

#[test]
fn random_lines_of_roadmap_words() {
    const WORDS: &[&str] = &[
        "мероприятие",
        "раздел",
        "участник",
        "этап",
        "срок:",
        "после:",
        "ответственный:",
        "контрольная точка:",
        "подключить:",
        "1.1.",
        "II.",
        "ОО",
        ":",
        "—",
        "-",
        "+",
        "5 дней",
        "  ",
        "\t",
        "#",
        "01.02.2022",
        "2022",
        "период:",
        "дорожная карта:",
        "\r",
        "№",
    ];
    for seed in 1..=8 {
        let bytes = noise(3000, seed);
        let mut text = String::new();
        for pair in bytes.chunks(2) {
            text.push_str(WORDS[usize::from(pair[0]) % WORDS.len()]);
            if pair.get(1).is_some_and(|b| b % 4 == 0) {
                text.push('\n');
            } else {
                text.push(' ');
            }
        }
        Test::new()
            .file("words.roadmap", text)
            .args(check("words.roadmap"))
            .completes();
    }
}

#[test]
fn invalid_utf8_is_reported_where_it_starts() {
    let text = format!(
        "{HEADER}\nраздел 1. Организационно-подготовительная работа\n\nмероприятие 1.2. Утверждение списка муниципальных координаторов проекта\n  срок: 24.01.2022\n  ответственный: ОтделОбр\n"
    );
    let mut bytes = text.clone().into_bytes();
    // One line pasted from a Windows-1251 file.
    let at = text.find("  ответственный").expect("the line");
    bytes.splice(at..at, encode_cp1251("  результат: Список координаторов\n"));
    let output = Test::new()
        .file("mixed.roadmap", bytes)
        .args(check("mixed.roadmap"))
        .failure();
    assert!(
        output
            .stderr
            .contains("error[E0001]: The file is not UTF-8 text: byte 0xF0 at offset"),
        "{}",
        output.stderr
    );
    assert!(
        output.stderr.contains("╭─[mixed.roadmap:14:3]"),
        "{}",
        output.stderr
    );
}

#[test]
fn a_whole_file_in_windows_1251() {
    let text = format!("{HEADER}\nраздел 1. Р\n\nмероприятие 1. Анкетирование\n  срок: 24.01.2022\n  ответственный: ОО\n");
    let output = Test::new()
        .file("cp1251.roadmap", encode_cp1251(&text))
        .args(check("cp1251.roadmap"))
        .failure();
    assert!(output.stderr.contains("error[E0001]"), "{}", output.stderr);
    assert!(
        output.stderr.contains("╭─[cp1251.roadmap:1:1]"),
        "{}",
        output.stderr
    );
}

#[test]
fn a_10_mb_line_of_junk() {
    let junk: String = noise(10 * 1024 * 1024, 7)
        .iter()
        .map(|b| ['а', 'б', 'x', ' ', ':', ',', '.', '-', '—', '#', '1'][usize::from(*b) % 11])
        .collect();
    let output = Test::new()
        .file("junk.roadmap", format!("{HEADER}{junk}\n"))
        .args(check("junk.roadmap"))
        .failure();
    assert!(
        output.stderr.contains("╭─[junk.roadmap:9:1]"),
        "{}",
        crate::common::clip(&output.stderr)
    );
    assert!(
        output.stderr.len() < SHORT,
        "a 10 MB line printed as {} bytes",
        output.stderr.len()
    );
}

/// A 10 MB value in properties whose values messages quote, and in `срок:`
/// (one word, and a list of months outside the period, which E0403
/// underlines whole).
fn long_values() -> Vec<(&'static str, String)> {
    let big = "я".repeat(5 * 1024 * 1024);
    let activity = |property: &str| {
        format!("{HEADER}\nраздел 1. Р\n\nмероприятие 1. М\n  срок: 01.02.2022\n  ответственный: ОО\n{property}\n")
    };
    let when = |value: &str| activity("").replace("срок: 01.02.2022", &format!("срок: {value}"));
    vec![
        ("when-word", when(&"x".repeat(10 * 1024 * 1024))),
        (
            "when-list",
            when(&"сентябрь, октябрь 2023 года, ".repeat(10 * 1024 * 1024 / 50)),
        ),
        ("after", activity(&format!("  после: {big}"))),
        (
            "after-number",
            activity(&format!("  после: {}", "1".repeat(10 * 1024 * 1024))),
        ),
        (
            "checkpoint",
            activity(&format!("  контрольная точка: {big} — готово")),
        ),
        (
            "party",
            activity("").replace("ответственный: ОО", &format!("ответственный: {big}")),
        ),
        (
            "period",
            activity("").replace("период: 2022", &format!("период: {big}")),
        ),
        (
            "approval",
            activity("").replace(
                "от 14.03.2022",
                &format!("от 14.03.{}", "2".repeat(10 * 1024 * 1024)),
            ),
        ),
    ]
}

#[test]
fn a_10_mb_value_in_any_property() {
    for (name, text) in long_values() {
        let file = format!("{name}.roadmap");
        let output = Test::new().file(&file, text).args(check(&file)).failure();
        assert!(
            output.summary().starts_with("1 file, 1 activity: "),
            "{name}: {}",
            output.summary()
        );
    }
}

/// Messages clip the values they quote and a long line is cut around the
/// place it points at, but a place that is itself 10 MB long is drawn whole.
#[test]
fn a_10_mb_value_prints_a_short_report() {
    let mut long = Vec::new();
    for (name, text) in long_values() {
        let file = format!("{name}.roadmap");
        let output = Test::new().file(&file, text).args(check(&file)).failure();
        if output.stderr.len() >= SHORT {
            long.push(format!("{name}: {} bytes", output.stderr.len()));
        }
    }
    assert!(long.is_empty(), "10 MB values printed in full: {long:#?}");
}

#[test]
fn ten_thousand_nested_sections() {
    let mut text = String::from(HEADER);
    let mut number = String::from("1");
    for _ in 0..10_000 {
        text.push_str(&format!("раздел {number}. Подраздел\n"));
        number.push_str(".1");
    }
    text.push_str("мероприятие 1. Самое глубокое\n  срок: 01.02.2022\n  ответственный: ОО\n");
    Test::new()
        .file("deep.roadmap", text)
        .args(check("deep.roadmap"))
        .stderr("1 file, 1 activity: 0 errors, 0 warnings\n")
        .success();
}

/// Every one of them empty: 10 000 warnings. In JSON, since drawing them
/// for people costs time in proportion to the file's size for each one.
#[test]
fn ten_thousand_nested_sections_all_empty() {
    let mut text = String::from(HEADER);
    let mut number = String::from("1");
    for _ in 0..10_000 {
        text.push_str(&format!("раздел {number}. Подраздел\n"));
        number.push_str(".1");
    }
    let output = Test::new()
        .file("deep.roadmap", text)
        .args(["check", "deep.roadmap", "--lang", "en", "--format", "json"])
        .success();
    assert_eq!(
        output.stderr,
        "1 file, 0 activities: 0 errors, 10000 warnings\n"
    );
    let report = output.json();
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diagnostics.len(), 10_000);
    assert!(diagnostics.iter().all(|d| d["code"] == "W0502"));
}

/// Past 200 findings in a file, the rest are counted, not drawn.
#[test]
fn three_hundred_empty_sections_are_drawn_200_and_counted() {
    let mut text = String::from(HEADER);
    for i in 1..=300 {
        text.push_str(&format!("раздел {i}. Пустой раздел\n"));
    }
    let output = Test::new()
        .file("empty.roadmap", text)
        .args(check("empty.roadmap"))
        .success();
    assert_eq!(output.stderr.matches("warning[W0502]").count(), 200);
    assert!(
        output.stderr.ends_with(
            "… and 100 more in empty.roadmap (the full list: --format json)\n\n\
             1 file, 0 activities: 0 errors, 300 warnings\n"
        ),
        "{}",
        crate::common::clip(&output.stderr)
    );
}

#[test]
fn ten_thousand_activities_in_a_chain() {
    let mut text = format!("{HEADER}\nраздел 1. Р\n");
    for i in 1..=10_000 {
        text.push_str(&format!(
            "\nмероприятие {i}. Шаг {i}\n  срок: 01.02.2022\n  ответственный: ОО\n"
        ));
        if i > 1 {
            text.push_str(&format!("  после: {}\n", i - 1));
        }
    }
    Test::new()
        .file("many.roadmap", text)
        .args(check("many.roadmap"))
        .stderr("1 file, 10000 activities: 0 errors, 0 warnings\n")
        .success();
}

#[test]
fn ten_thousand_activities_in_one_cycle() {
    let mut text = format!("{HEADER}\nраздел 1. Р\n");
    for i in 1..=10_000 {
        let before = if i == 1 { 10_000 } else { i - 1 };
        text.push_str(&format!(
            "\nмероприятие {i}. Шаг {i}\n  срок: 01.02.2022\n  ответственный: ОО\n  после: {before}\n"
        ));
    }
    let output = Test::new()
        .file("cycle.roadmap", text)
        .args(["check", "cycle.roadmap", "--format", "json"])
        .failure();
    let report = output.json();
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diagnostics.len(), 1, "one cycle, one finding");
    assert_eq!(diagnostics[0]["code"], "E0303");
}

#[test]
fn crlf_line_endings_read_like_lf() {
    let lf = std::fs::read_to_string(
        crate::common::repo_root()
            .join("tests/corpus/broken/E0304-deadline-before-dependency.roadmap"),
    )
    .expect("a corpus file");
    let crlf = lf.replace('\n', "\r\n");
    let run = |name: &str, text: &str| {
        Test::new()
            .file(name, text)
            .args(["check", name, "--lang", "en", "--format", "json"])
            .failure()
            .json()
    };
    let a = run("a.roadmap", &lf);
    let b = run("a.roadmap", &crlf);
    assert_eq!(a, b, "CRLF gives the same findings at the same places");
    let human = Test::new()
        .file("a.roadmap", crlf)
        .args(check("a.roadmap"))
        .failure();
    assert!(!human.stderr.contains('\r'), "no CR in the output");
    assert!(
        human.stderr.contains("╭─[a.roadmap:20:10]"),
        "{}",
        human.stderr
    );
}

#[test]
fn crlf_bundled_roadmap_reads_like_lf() {
    let root = crate::common::repo_root().join("roadmaps");
    let mut test = Test::new();
    for name in [
        "tomari-500plus-2022.roadmap",
        "tomari-parties.roadmap",
        "tomari-500plus-2022.status",
    ] {
        let Ok(text) = std::fs::read_to_string(root.join(name)) else {
            continue;
        };
        test = test
            .file(format!("lf/{name}"), &text)
            .file(format!("crlf/{name}"), text.replace('\n', "\r\n"));
    }
    let output = test
        .args(["check", "lf", "crlf", "--lang", "en", "--format", "json"])
        .completes();
    let report = output.json();
    assert_eq!(report["summary"]["activities"], 2 * 43);
    let in_folder = |dir: &str| -> Vec<serde_json::Value> {
        report["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter_map(|d| {
                let file = d["file"].as_str()?.strip_prefix(dir)?.to_string();
                let mut d = d.clone();
                d["file"] = file.into();
                for label in d["labels"].as_array_mut()? {
                    let file = label["file"].as_str()?.strip_prefix(dir)?.to_string();
                    label["file"] = file.into();
                }
                Some(d)
            })
            .collect()
    };
    let (lf, crlf) = (in_folder("lf/"), in_folder("crlf/"));
    assert_eq!(
        lf.len() + crlf.len(),
        report["diagnostics"].as_array().expect("diagnostics").len()
    );
    assert_eq!(lf, crlf, "the same findings at the same places");
}

/// A UTF-8 byte order mark, as Windows Notepad writes, is not part of the
/// text: the file reads as without it.
#[test]
fn a_utf8_bom_is_accepted() {
    let text = format!(
        "{HEADER}\nраздел 1. Р\n\nмероприятие 1. М\n  срок: 01.02.2022\n  ответственный: ОО\n"
    );
    Test::new()
        .file("bom.roadmap", format!("\u{FEFF}{text}"))
        .args(check("bom.roadmap"))
        .stderr("1 file, 1 activity: 0 errors, 0 warnings\n")
        .success();
}

#[test]
fn a_utf8_bom_does_not_crash() {
    Test::new()
        .file("bom.roadmap", format!("\u{FEFF}{HEADER}"))
        .args(check("bom.roadmap"))
        .completes();
}

//! Properties of the parser over generated roadmaps: every valid roadmap
//! parses with no error and keeps every activity; any text at all is read
//! without a panic.

use proptest::prelude::*;
use roadmap::code::Severity;
use roadmap::run::check_bytes;

/// Free text as people write it: Cyrillic, Latin, digits, punctuation, «».
fn words() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[А-Яа-яЁёA-Za-z][А-Яа-яЁёA-Za-z0-9 ,.«»()%№-]{0,40}")
        .expect("valid regex")
        .prop_map(|s| s.trim_end().to_string())
}

fn timing() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "24.01.2022",
        "до 01.03.2022",
        "17.01. – 04.02.2022",
        "март 2022 года",
        "Сентябрь- октябрь 2022 года",
        "Февраль, март, октябрь",
        "II квартал 2022 года",
        "I полугодие 2022",
        "в течение года",
        "постоянно",
        "еженедельно 10.02.–23.06.2022",
        "не реже 1 раза в месяц в течение года",
        "по графику СОИРО",
        "по заявкам",
        "Q2 2022",
        "March 2022",
        "on request",
    ])
}

fn risk() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "3",
        "риск 10",
        "Дефицит педагогических кадров",
        "низкий уровень вовлеченности родителей",
        "Низкая учебная мотивация обучающихся",
        "Shortage of teaching staff",
    ])
}

fn funding() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "-",
        "не требуется",
        "1 200,5 тыс. руб., региональный бюджет",
        "2022: 2,5 млн руб. (федеральный бюджет)",
        "500 000 руб.",
        "внебюджетные средства",
        "100 thousand RUB, municipal budget",
    ])
}

#[derive(Debug, Clone)]
struct Activity {
    title: String,
    timing: &'static str,
    party: usize,
    results: Vec<String>,
    documents: Vec<String>,
    risk: Option<&'static str>,
    funding: Vec<&'static str>,
    english: bool,
}

fn activity() -> impl Strategy<Value = Activity> {
    (
        words(),
        timing(),
        0usize..3,
        prop::collection::vec(words(), 0..3),
        prop::collection::vec(words(), 0..2),
        prop::option::of(risk()),
        prop::collection::vec(funding(), 0..2),
        any::<bool>(),
    )
        .prop_map(
            |(title, timing, party, results, documents, risk, funding, english)| Activity {
                title,
                timing,
                party,
                results,
                documents,
                risk,
                funding,
                english,
            },
        )
}

/// The header lines of the order around the table, in either language.
fn order_lines() -> impl Strategy<Value = String> {
    (
        prop::option::of(words()),
        prop::collection::vec(words(), 0..3),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(goal, tasks, english, signed)| {
            let mut text = String::new();
            let (goal_kw, task_kw, controlled, signed_kw) = if english {
                ("goal", "task", "controlled by", "signed by")
            } else {
                ("цель", "задача", "контроль исполнения", "подписал")
            };
            if let Some(goal) = goal.filter(|g| !g.is_empty()) {
                text.push_str(&format!("{goal_kw}: {goal}\n"));
            }
            for (i, task) in tasks.iter().filter(|t| !t.is_empty()).enumerate() {
                text.push_str(&format!("{task_kw} {}: {task}\n", i + 1));
            }
            if signed {
                text.push_str(&format!(
                    "{controlled}: Ведущий специалист (Галак О.А.)\n{signed_kw}: Руководитель отдела образования Т.А. Дё\n"
                ));
            }
            text
        })
}

fn roadmap() -> impl Strategy<Value = (String, usize)> {
    (
        order_lines(),
        prop::collection::vec(
            (prop::collection::vec(activity(), 0..6), prop::option::of(risk())),
            1..5,
        ),
    )
        .prop_map(|(order, sections)| {
        let mut text = format!(
            "# generated\nдорожная карта: Проверка\nпериод: 2022\n{order}\nучастник P0: Первый\nparty P1: Second\n  email: p1@example.org\nучастник P2: Третий\n\n",
        );
        let mut count = 0;
        for (s, (activities, section_risk)) in sections.iter().enumerate() {
            text.push_str(&format!("раздел {}. Раздел {}\n", s + 1, s + 1));
            if let Some(r) = section_risk {
                text.push_str(&format!("  риск: {r}\n"));
            }
            text.push('\n');
            for (a, act) in activities.iter().enumerate() {
                count += 1;
                let title = if act.title.is_empty() { "М" } else { &act.title };
                let (kw, when, by, result) = if act.english {
                    ("activity", "when", "by", "result")
                } else {
                    ("мероприятие", "срок", "ответственный", "результат")
                };
                let (document, risk, funding) = if act.english {
                    ("document", "risk", "funding")
                } else {
                    ("документ", "риск", "финансирование")
                };
                text.push_str(&format!(
                    "{kw} {}.{}. {title}\n  {when}: {}\n  {by}: P{}\n",
                    s + 1,
                    a + 1,
                    act.timing,
                    act.party
                ));
                for r in act.results.iter().filter(|r| !r.is_empty()) {
                    text.push_str(&format!("  {result}: {r}\n"));
                }
                for d in act.documents.iter().filter(|d| !d.is_empty()) {
                    text.push_str(&format!("  {document}: {d}\n"));
                }
                if let Some(r) = act.risk {
                    text.push_str(&format!("  {risk}: {r}\n"));
                }
                for f in &act.funding {
                    text.push_str(&format!("  {funding}: {f}\n"));
                }
                text.push('\n');
            }
        }
        (text, count)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn valid_roadmaps_parse_without_errors((text, count) in roadmap()) {
        let run = check_bytes("generated.roadmap".into(), text.clone().into_bytes());
        let errors: Vec<_> = run
            .diagnostics
            .iter()
            .filter(|d| d.severity() == Severity::Error)
            .map(|d| format!("{} {}", d.code, d.message.en))
            .collect();
        prop_assert!(errors.is_empty(), "{errors:?}\n{text}");
        prop_assert_eq!(run.activities, count);
    }

    #[test]
    fn any_text_is_read_without_panic(text in "\\PC*(\n\\PC*){0,8}") {
        let _ = check_bytes("any.roadmap".into(), text.into_bytes());
    }

    #[test]
    fn any_bytes_are_read_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = check_bytes("bytes.roadmap".into(), bytes);
    }
}

/// What a roadmap means, without where each part stands in the file.
fn meaning(path: &std::path::Path, text: &str) -> String {
    let run = check_bytes(path.to_path_buf(), text.as_bytes().to_vec());
    let spans = regex::Regex::new(
        r"Span \{ file: FileId\(\d+\), start: \d+, end: \d+ \}|file: FileId\(\d+\)",
    )
    .expect("valid regex");
    let roadmaps: Vec<_> = run.roadmaps.iter().map(|(r, _)| r).collect();
    spans
        .replace_all(&format!("{roadmaps:?}"), "_")
        .into_owned()
}

fn formatted(path: &std::path::Path, text: &str) -> String {
    let mut ws = roadmap::model::Workspace::default();
    let id = ws.add(path.to_path_buf(), text.as_bytes().to_vec());
    assert!(ws.diagnostics.is_empty(), "{:?}", ws.diagnostics);
    roadmap::format::format(ws.sources.get(id), &ws.document(id))
}

/// The same roadmap as a person might leave it: odd indentation and spacing,
/// comments, blank lines, properties in any order.
fn untidy() -> impl Strategy<Value = String> {
    (
        roadmap(),
        prop::collection::vec((0usize..4, 0usize..3, any::<bool>()), 64),
    )
        .prop_map(|((text, _), noise)| {
            let mut out = String::new();
            let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
            // Swap neighbouring properties of an activity now and then.
            for (i, (swap, _, _)) in noise.iter().enumerate() {
                let at = (i * 7) % lines.len().max(1);
                if *swap == 0
                    && at + 1 < lines.len()
                    && lines[at].starts_with("  ")
                    && lines[at + 1].starts_with("  ")
                {
                    lines.swap(at, at + 1);
                }
            }
            for (i, line) in lines.iter().enumerate() {
                let (_, extra, comment) = noise[i % noise.len()];
                if comment && i % 5 == 0 {
                    out.push_str(&format!("{}# заметка {i}\n", " ".repeat(extra)));
                }
                let trimmed = line.trim_start();
                let indent = line.len() - trimmed.len();
                let indent = if indent > 0 { indent + extra } else { 0 };
                let spaced = trimmed.replacen(": ", &format!(":{}", " ".repeat(extra + 1)), 1);
                out.push_str(&format!(
                    "{}{spaced}{}\n",
                    " ".repeat(indent),
                    " ".repeat(extra)
                ));
                if extra == 2 {
                    out.push('\n');
                }
            }
            out
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    #[test]
    fn fmt_keeps_meaning_and_is_idempotent(text in untidy()) {
        let path = std::path::Path::new("generated.roadmap");
        let once = formatted(path, &text);
        prop_assert_eq!(meaning(path, &once), meaning(path, &text), "{}", once);
        prop_assert_eq!(formatted(path, &once), once.clone());
        prop_assert_eq!(once.matches("# заметка").count(), text.matches("# заметка").count());
    }
}

#[test]
fn fmt_keeps_the_meaning_of_every_bundled_roadmap() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("roadmaps");
    let (files, failures) = roadmap::run::collect(&[root]);
    assert!(failures.is_empty());
    assert!(files.len() >= 9);
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let once = formatted(&path, &text);
        assert_eq!(
            meaning(&path, &once),
            meaning(&path, &text),
            "{}",
            path.display()
        );
        assert_eq!(formatted(&path, &once), once, "{}", path.display());
        assert_eq!(
            once.lines()
                .filter(|l| l.trim_start().starts_with('#'))
                .count(),
            text.lines()
                .filter(|l| l.trim_start().starts_with('#'))
                .count(),
            "{}: comments lost",
            path.display()
        );
    }
}

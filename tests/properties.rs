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

#[derive(Debug, Clone)]
struct Activity {
    title: String,
    timing: &'static str,
    party: usize,
    results: Vec<String>,
    english: bool,
}

fn activity() -> impl Strategy<Value = Activity> {
    (
        words(),
        timing(),
        0usize..3,
        prop::collection::vec(words(), 0..3),
        any::<bool>(),
    )
        .prop_map(|(title, timing, party, results, english)| Activity {
            title,
            timing,
            party,
            results,
            english,
        })
}

fn roadmap() -> impl Strategy<Value = (String, usize)> {
    prop::collection::vec(prop::collection::vec(activity(), 0..6), 1..5).prop_map(|sections| {
        let mut text = String::from(
            "# generated\nдорожная карта: Проверка\nпериод: 2022\n\nучастник P0: Первый\nparty P1: Second\n  email: p1@example.org\nучастник P2: Третий\n\n",
        );
        let mut count = 0;
        for (s, activities) in sections.iter().enumerate() {
            text.push_str(&format!("раздел {}. Раздел {}\n\n", s + 1, s + 1));
            for (a, act) in activities.iter().enumerate() {
                count += 1;
                let title = if act.title.is_empty() { "М" } else { &act.title };
                let (kw, when, by, result) = if act.english {
                    ("activity", "when", "by", "result")
                } else {
                    ("мероприятие", "срок", "ответственный", "результат")
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

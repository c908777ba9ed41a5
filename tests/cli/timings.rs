//! Timings as real tables write them reach every output: labelled windows,
//! series on a weekday, the days after every term, lengths and no-date words.

use crate::common::Test;

const PLAN: &str = "\
дорожная карта: Мониторинг
период: 01.09.2020 – 31.08.2021
владелец: ОО

участник ОО: МБОУ СОШ с. Красногорск

раздел 1. Оценка

мероприятие 1.1. Мониторинг
  срок: входной мониторинг — сентябрь 2020; итоговый — май 2021
  ответственный: ОО

мероприятие 1.2. Совещания
  срок: каждый понедельник
  ответственный: ОО

мероприятие 1.3. Отчёт
  срок: по итогам четверти
  ответственный: ОО

мероприятие 1.4. Программа
  срок: срок реализации 5 лет
  ответственный: ОО

мероприятие 1.5. Консультации
  срок: сентябрь 2020 (по мере поступления)
  ответственный: ОО
";

fn schedule(format: &str, lang: &str) -> String {
    Test::new()
        .file("plan.roadmap", PLAN)
        .args([
            "schedule",
            "plan.roadmap",
            "--format",
            format,
            "--lang",
            lang,
        ])
        .success()
        .stdout
}

#[test]
fn real_timings_check_clean() {
    Test::new()
        .file("plan.roadmap", PLAN)
        .args(["check", "plan.roadmap", "--lang", "en", "--color", "never"])
        .stderr("1 file, 5 activities: 0 errors, 0 warnings\n")
        .success();
}

#[test]
fn labelled_windows_are_titled_with_their_labels_in_the_calendar() {
    let ics = schedule("ics", "ru").replace("\r\n ", "");
    // On the window's deadline: «Срок: …».
    assert!(
        ics.contains("SUMMARY:Срок: 1.1. Мониторинг — входной мониторинг"),
        "{ics}"
    );
    assert!(
        ics.contains("SUMMARY:Срок: 1.1. Мониторинг — итоговый"),
        "{ics}"
    );
}

#[test]
fn labels_lengths_and_terms_in_the_tables() {
    for format in ["md", "csv", "html"] {
        let out = schedule(format, "ru");
        for shown in [
            "входной мониторинг: 01.09–30.09.2020",
            "итоговый: 01.05–31.05.2021",
            "5 лет",
            "28.10–03.11.2020",
            "сентябрь 2020 (по мере поступления)",
            "по понедельникам, 01.09.2020–31.08.2021, 52 раза",
        ] {
            assert!(out.contains(shown), "{format} lacks {shown}:\n{out}");
        }
    }
    let md = schedule("md", "en");
    assert!(md.contains("5 years"), "{md}");
    assert!(md.contains("on Mondays"), "{md}");
}

#[test]
fn labels_and_lengths_in_json() {
    let json: serde_json::Value =
        serde_json::from_str(&schedule("json", "en")).expect("the schedule is JSON");
    let text = json.to_string();
    assert!(text.contains("\"label\":\"входной мониторинг\""), "{text}");
    assert!(text.contains("\"length\":[5,\"years\"]"), "{text}");
}

const OWN_CALENDAR: &str = "\
дорожная карта: Мониторинг
период: 01.09.2023 – 31.08.2024
владелец: ОО
учебный календарь: I четверть: 01.09 – 28.10
school calendar: autumn holidays: 29.10 – 06.11

участник ОО: МБОУ СОШ с. Красногорск

раздел 1. Оценка

мероприятие 1.1. Мониторинг
  срок: I четверть
  ответственный: ОО

мероприятие 1.2. Отчёт
  срок: по итогам I четверти
  ответственный: ОО

мероприятие 1.3. Каникулы
  срок: осенние каникулы
  ответственный: ОО
";

#[test]
fn a_school_calendar_in_the_header_moves_the_terms() {
    let md = Test::new()
        .file("plan.roadmap", OWN_CALENDAR)
        .args(["schedule", "plan.roadmap", "--format", "md", "--lang", "ru"])
        .success()
        .stdout;
    for shown in ["01.09–28.10.2023", "29.10–04.11.2023", "29.10–06.11.2023"] {
        assert!(md.contains(shown), "{shown}:\n{md}");
    }
}

#[test]
fn fmt_keeps_the_school_calendar() {
    let out = Test::new()
        .file("plan.roadmap", OWN_CALENDAR)
        .args(["fmt", "plan.roadmap", "--check"])
        .run();
    assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);
}

#[test]
fn a_school_calendar_line_that_cannot_be_read_names_the_bad_part() {
    let text = OWN_CALENDAR.replace("I четверть: 01.09", "V четверть: 01.09");
    let out = Test::new()
        .file("plan.roadmap", text)
        .args(["check", "plan.roadmap", "--lang", "en", "--color", "never"])
        .failure();
    assert!(
        out.stderr.contains(
            "error[E0401]: The school calendar line `V четверть: 01.09 – 28.10` cannot be read"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("There is no such date: “V четверть”."),
        "{}",
        out.stderr
    );
}

#[test]
fn a_school_calendar_may_come_from_an_included_file() {
    let roadmap = OWN_CALENDAR
        .replace(
            "учебный календарь: I четверть: 01.09 – 28.10\n",
            "подключить: calendar.roadmap\n",
        )
        .replace("school calendar: autumn holidays: 29.10 – 06.11\n", "");
    let md = Test::new()
        .file("plan.roadmap", roadmap)
        .file(
            "calendar.roadmap",
            "учебный календарь: I четверть: 01.09 – 28.10\nучебный календарь: осенние каникулы 29.10 – 06.11\n",
        )
        .args(["schedule", "plan.roadmap", "--format", "md", "--lang", "ru"])
        .success()
        .stdout;
    for shown in ["01.09–28.10.2023", "29.10–04.11.2023", "29.10–06.11.2023"] {
        assert!(md.contains(shown), "{shown}:\n{md}");
    }
}

#[test]
fn a_duration_in_months_or_years_places_the_activity() {
    let plan = "\
дорожная карта: Программа
период: 2022-2024
владелец: ОО

участник ОО: МБОУ СОШ с. Красногорск

раздел 1. Программа

мероприятие 1.1. Подготовка
  срок: 01.02.2022
  ответственный: ОО

мероприятие 1.2. Апробация
  длительность: 6 месяцев
  после: 1.1
  ответственный: ОО

мероприятие 1.3. Внедрение
  duration: 1 year
  после: 1.2
  ответственный: ОО
";
    let json: serde_json::Value = serde_json::from_str(
        &Test::new()
            .file("plan.roadmap", plan)
            .args(["schedule", "plan.roadmap", "--format", "json"])
            .success()
            .stdout,
    )
    .expect("the schedule is JSON");
    let dates: Vec<(String, String)> = json["entries"]
        .as_array()
        .expect("the schedule lists its entries")
        .iter()
        .map(|e| {
            (
                e["start"].as_str().unwrap_or_default().to_string(),
                e["end"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(
        dates,
        [
            ("2022-02-01".to_string(), "2022-02-01".to_string()),
            ("2022-02-01".to_string(), "2022-07-31".to_string()),
            ("2022-07-31".to_string(), "2023-07-30".to_string()),
        ]
    );
}

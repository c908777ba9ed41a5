//! `roadmap status`, `roadmap next` and `roadmap remind`, run as a user runs
//! them: on the bundled Tomari roadmap with its status file (numbers counted
//! by hand), on tests/state/agreement.roadmap (deadlines 1, 2, 5, 11 and 21
//! days late and away, snapshots of the letters in Russian and English), and
//! against a real SMTP server (Python's aiosmtpd, tests/state/smtp_sink.py)
//! on 127.0.0.1.
//!
//! The SMTP test is ignored by a plain `cargo test`; with `--include-ignored`
//! it runs and fails when Python or aiosmtpd is missing (tests/tools/;
//! `.ci/run` installs aiosmtpd).

#[path = "tools/mod.rs"]
mod tools;

use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const AS_OF: &str = "2022-03-15";
const TOMARI: &str = "roadmaps/tomari-500plus-2022.roadmap";
const AGREEMENT: &str = "tests/state/agreement.roadmap";
const SENDER: &str = "Отдел образования <roadmap@example.org>";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn roadmap() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_roadmap"));
    cmd.current_dir(root())
        .env("NO_COLOR", "1")
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("ROADMAP_SMTP_USER")
        .env_remove("ROADMAP_SMTP_PASSWORD")
        .env_remove("ROADMAP_SMTP_FROM")
        .stdin(Stdio::null());
    cmd
}

fn run(args: &[&str]) -> Output {
    let out = roadmap().args(args).output().expect("the binary runs");
    assert!(
        out.status.code().is_some(),
        "roadmap {} died by a signal",
        args.join(" ")
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked"),
        "roadmap {} panicked:\n{stderr}",
        args.join(" ")
    );
    out
}

fn stdout(args: &[&str]) -> String {
    let out = run(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "roadmap {}\nstderr:\n{}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("UTF-8 messages")
}

fn snapshot(name: &str, description: &str, content: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root().join("tests").join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.set_description(description);
    settings.bind(|| insta::assert_snapshot!(format!("state__{name}"), content));
}

fn tomari_json() -> Value {
    let text = stdout(&[
        "status", TOMARI, "--as-of", AS_OF, "--format", "json", "--lang", "ru",
    ]);
    serde_json::from_str(&text).expect("valid JSON")
}

fn numbers(list: &Value) -> Vec<&str> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|a| a["number"].as_str().expect("a number"))
        .collect()
}

/// The numbers below are counted by hand from roadmaps/tomari-500plus-2022.status
/// and the roadmap, as of 15.03.2022 (due soon: by 29.03.2022).
///
/// 43 activities: section 1 has 7, section 2 has 3, section 3 has 3, section 4
/// has 25, section 5 has 5.
/// - Done on time (10): 1.1 (03.02 ≤ 04.02), 1.2 and 1.3 (24.01 = 24.01),
///   1.5 (01.02 = 01.02), 1.6 (04.02 = 04.02), 2.1 (18.01 ≤ 04.02), 2.2
///   (rescheduled from 07.02 to 11.02, done 10.02), 2.3 (16.02), 4.1 (07.02),
///   4.2 (25.02 ≤ 28.02).
/// - Done late (2): 1.4 (24.01 → 26.01, 2 days), 4.5 (01.03 → 04.03, 3 days).
/// - Cancelled (1): 1.7.
/// - Overdue (1): 4.7 (01.03, no mark: 14 days).
/// - Due soon (1): 4.8 (24.03, 9 days).
/// - In progress (12): 3.1, 3.2, 4.6, 4.25, 5.1–5.5 («в течение года»), 3.3
///   (март: 31.03 is 16 days away), 4.3 (10.02–23.06), 4.4 (14.02–30.03: 15
///   days away).
/// - Planned (16): 4.9–4.24; none is ready (4.10 waits for 4.4, 4.18 for
///   4.16, 4.19 for 4.3, 4.24 for 4.23; the others have windows to keep).
///
/// Due (a verdict) = 10 + 2 + 1 = 13; on time 10/13 = 0.769…
/// Section 1: 5 on time of 6 due (1.7 cancelled); section 2: 3 of 3; section
/// 3: nothing due; section 4: 2 of 4 (4.1, 4.2 on time; 4.5 late; 4.7
/// overdue); section 5: nothing due.
/// ОтделОбр (17 activities): on time 1.2, 1.3, 1.6; late 1.4; cancelled 1.7.
/// РегКоорд (2): 2.2 on time, 4.7 overdue.
/// The only target with an actual value is 4.6 («не реже 1 раза в месяц»,
/// factual 0,5): not met.
#[test]
fn tomari_status_json_matches_the_hand_count() {
    let json = tomari_json();
    assert_eq!(json["format"], "roadmap-status");
    assert_eq!(json["as_of"], AS_OF);
    assert_eq!(json["within_days"], 14);
    let t = &json["totals"];
    let count = |k: &str| t[k].as_u64().unwrap();
    assert_eq!(count("activities"), 43);
    assert_eq!(count("done_on_time"), 10);
    assert_eq!(count("done_late"), 2);
    assert_eq!(count("cancelled"), 1);
    assert_eq!(count("overdue"), 1);
    assert_eq!(count("due_soon"), 1);
    assert_eq!(count("in_progress"), 12);
    assert_eq!(count("ready"), 0);
    assert_eq!(count("planned"), 16);
    assert_eq!(count("undated"), 0);
    assert_eq!(count("due"), 13);
    let share = t["share_on_time"].as_f64().unwrap();
    assert!((share - 10.0 / 13.0).abs() < 1e-9, "{share}");

    let sections: Vec<(String, u64, u64, Option<f64>)> = json["by_section"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["key"].as_str().unwrap().to_string(),
                g["activities"].as_u64().unwrap(),
                g["done_on_time"].as_u64().unwrap(),
                g["share_on_time"].as_f64(),
            )
        })
        .collect();
    assert_eq!(
        sections,
        [
            ("1".to_string(), 7, 5, Some(5.0 / 6.0)),
            ("2".to_string(), 3, 3, Some(1.0)),
            ("3".to_string(), 3, 0, None),
            ("4".to_string(), 25, 2, Some(0.5)),
            ("5".to_string(), 5, 0, None),
        ]
    );
    let party = |id: &str| {
        json["by_party"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["key"] == id)
            .unwrap()
            .clone()
    };
    let otdel = party("ОтделОбр");
    assert_eq!(
        (
            otdel["activities"].as_u64(),
            otdel["done_on_time"].as_u64(),
            otdel["done_late"].as_u64(),
            otdel["cancelled"].as_u64(),
            otdel["due"].as_u64()
        ),
        (Some(17), Some(3), Some(1), Some(1), Some(4))
    );
    let reg = party("РегКоорд");
    assert_eq!(
        (reg["done_on_time"].as_u64(), reg["overdue"].as_u64()),
        (Some(1), Some(1))
    );

    assert_eq!(numbers(&json["overdue"]), ["4.7"]);
    assert_eq!(json["overdue"][0]["days_late"], 14);
    assert_eq!(json["overdue"][0]["due"], "2022-03-01");
    assert_eq!(numbers(&json["due_soon"]), ["4.8"]);
    assert_eq!(json["due_soon"][0]["days_left"], 9);
    assert_eq!(numbers(&json["done_late"]), ["1.4", "4.5"]);
    let late: Vec<i64> = json["done_late"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["days_late"].as_i64().unwrap())
        .collect();
    assert_eq!(late, [2, 3]);
    assert_eq!(numbers(&json["cancelled"]), ["1.7"]);
    assert!(json["cancelled"][0]["cancelled"]["reason"]
        .as_str()
        .unwrap()
        .contains("министерство"));
    assert_eq!(numbers(&json["rescheduled"]), ["2.2"]);
    let moved = &json["rescheduled"][0];
    assert_eq!(moved["state"], "done_on_time");
    assert_eq!(moved["due"], "2022-02-11");
    assert_eq!(moved["baseline"]["end"], "2022-02-07");
    assert_eq!(moved["baseline"]["slip_days"], 4);
    let not_met = &json["indicators_not_met"];
    assert_eq!(not_met.as_array().unwrap().len(), 1);
    assert_eq!(not_met[0]["activity"], "4.6");
    assert_eq!(not_met[0]["comparator"], "at_least");
    assert_eq!(not_met[0]["target"], 1.0);
    assert_eq!(not_met[0]["actual"], 0.5);
    assert_eq!(json["activities"].as_array().unwrap().len(), 43);
}

#[test]
fn tomari_status_by_party_and_in_every_format() {
    let text = stdout(&[
        "status",
        TOMARI,
        "--as-of",
        AS_OF,
        "--party",
        "РегКоорд",
        "--format",
        "json",
    ]);
    let json: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["party"]["id"], "РегКоорд");
    assert_eq!(json["totals"]["activities"], 2);
    assert_eq!(numbers(&json["activities"]), ["2.2", "4.7"]);

    let ru = stdout(&["status", TOMARI, "--as-of", AS_OF, "--lang", "ru"]);
    assert!(ru.contains("Мониторинг реализации дорожной карты"), "{ru}");
    assert!(ru.contains("По состоянию на 15 марта 2022 г."), "{ru}");
    assert!(
        ru.contains("Доля выполненных в срок: 76,9 % (10 из 13)"),
        "{ru}"
    );
    assert!(
        ru.contains("срок 01.03.2022, просрочено на 14 дней — РегКоорд"),
        "{ru}"
    );
    assert!(
        ru.contains("срок 24.03.2022, через 9 дней — Участники"),
        "{ru}"
    );
    let en = stdout(&["status", TOMARI, "--as-of", AS_OF, "--lang", "en"]);
    assert!(en.contains("Share done on time: 76.9% (10 of 13)"), "{en}");
    assert!(en.contains("due 1 Mar 2022, 14 days overdue"), "{en}");
    let md = stdout(&["status", TOMARI, "--as-of", AS_OF, "--format", "md"]);
    assert!(md.contains("| 4.7 | Разработка планов-графиков"), "{md}");
    let html = stdout(&["status", TOMARI, "--as-of", AS_OF, "--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    assert!(html.contains("<td class=\"num\">4.7</td>"), "{html}");

    let out = run(&["status", TOMARI, "--as-of", AS_OF, "--party", "Нет"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("РегКоорд"));
}

#[test]
fn next_lists_what_can_be_done_now_by_due_date() {
    let text = stdout(&[
        "next", TOMARI, "--as-of", AS_OF, "--format", "json", "--lang", "en",
    ]);
    let json: Value = serde_json::from_str(&text).unwrap();
    let got = numbers(&json["activities"]);
    // Overdue 4.7 (01.03), due soon 4.8 (24.03), then in progress by due:
    // 4.4 (30.03), 3.3 (31.03), 4.3 (23.06), the rest on 31.12.
    assert_eq!(&got[..5], ["4.7", "4.8", "4.4", "3.3", "4.3"]);
    assert_eq!(got.len(), 14);
    let text = stdout(&["next", TOMARI, "--as-of", AS_OF, "--party", "РегКоорд"]);
    assert!(text.contains("4.7."), "{text}");
    assert!(!text.contains("4.8."), "{text}");
    snapshot(
        "next.agreement.en",
        "roadmap next tests/state/agreement.roadmap --as-of 2022-03-15 --lang en",
        &stdout(&["next", AGREEMENT, "--as-of", AS_OF, "--lang", "en"]),
    );
}

/// Preview on standard output, with a log that does not exist.
fn preview(lang: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("remind.log");
    let text = stdout(&[
        "remind",
        AGREEMENT,
        "--as-of",
        AS_OF,
        "--within",
        "21d",
        "--lang",
        lang,
        "--from",
        SENDER,
        "--log",
        log.to_str().unwrap(),
    ]);
    assert!(!log.exists(), "a preview writes no log");
    text
}

#[test]
fn reminder_letters_in_russian() {
    let text = preview("ru");
    for phrase in [
        "просрочено на 1 день",
        "просрочено на 2 дня",
        "просрочено на 5 дней",
        "просрочено на 11 дней",
        "просрочено на 21 день",
        "завтра",
        "через 2 дня",
        "через 5 дней",
        "через 11 дней",
        "через 21 день",
        "(перенесён с 18.03.2022)",
    ] {
        assert!(text.contains(phrase), "no «{phrase}» in:\n{text}");
    }
    snapshot(
        "remind.ru",
        "roadmap remind tests/state/agreement.roadmap --as-of 2022-03-15 --within 21d --lang ru",
        &text,
    );
}

#[test]
fn reminder_letters_in_english() {
    let text = preview("en");
    for phrase in [
        "1 day overdue",
        "2 days overdue",
        "5 days overdue",
        "11 days overdue",
        "21 days overdue",
        "tomorrow",
        "in 2 days",
        "in 21 days",
    ] {
        assert!(text.contains(phrase), "no “{phrase}” in:\n{text}");
    }
    snapshot(
        "remind.en",
        "roadmap remind tests/state/agreement.roadmap --as-of 2022-03-15 --within 21d --lang en",
        &text,
    );
}

#[test]
fn status_report_snapshot() {
    snapshot(
        "status.agreement.ru",
        "roadmap status tests/state/agreement.roadmap --as-of 2022-03-15 --within 21d --lang ru",
        &stdout(&[
            "status", AGREEMENT, "--as-of", AS_OF, "--within", "21d", "--lang", "ru",
        ]),
    );
}

/// The status page: the schedule page's stylesheet, parties by their names,
/// what was done with what confirms it, and a series' counts.
#[test]
fn status_page_looks_like_the_schedule_page_and_lists_what_was_done() {
    const PAGE: &str = "tests/state/page.roadmap";
    let html = stdout(&[
        "status", PAGE, "--as-of", AS_OF, "--format", "html", "--lang", "ru",
    ]);
    let css = std::fs::read_to_string(root().join("templates/schedule.css.hbs")).unwrap();
    let css = &css[css.find("--}}").unwrap() + 4..];
    assert!(
        html.contains(css.trim()),
        "the schedule page's stylesheet, whole"
    );
    let body = &html[html.find("<body>").unwrap()..];
    assert!(
        body.contains("<td>Куратор проекта Иванова И. И.</td>"),
        "{body}"
    );
    assert!(
        !body.contains("<td>Куратор</td>"),
        "a party named by its id:\n{body}"
    );
    assert!(
        body.contains("повторений 11, выполнено 5, пропущено 6"),
        "{body}"
    );
    assert!(
        body.contains("<td class=\"evidence\">приказ № 5</td>"),
        "{body}"
    );
    snapshot(
        "status.page.ru.html",
        "roadmap status tests/state/page.roadmap --as-of 2022-03-15 --format html --lang ru (the body)",
        body,
    );
}

fn remind_args<'a>(mode: &[&'a str], log: &'a str, as_of: &'a str) -> Vec<&'a str> {
    let mut args = vec![
        "remind", AGREEMENT, "--as-of", as_of, "--within", "21d", "--lang", "ru", "--from", SENDER,
        "--log", log,
    ];
    args.extend_from_slice(mode);
    args
}

fn log_lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

#[test]
fn eml_files_once_per_party() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let log = dir.path().join("remind.log");
    let (out_s, log_s) = (out_dir.to_str().unwrap(), log.to_str().unwrap());
    let out = run(&remind_args(&["--out", out_s], log_s, AS_OF));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("у участника Отдел нет адреса почты"),
        "{}",
        stderr(&out)
    );
    let mut files: Vec<PathBuf> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["2022-03-15-Куратор.eml", "2022-03-15-ОО.eml"]);
    let eml = std::fs::read_to_string(&files[1]).unwrap();
    assert!(eml.contains("\r\n"), "RFC 5322 lines end in CRLF");
    let headers = eml.split("\r\n\r\n").next().unwrap();
    assert!(headers.contains("From: "), "{headers}");
    assert!(headers.contains("roadmap@example.org"), "{headers}");
    assert!(headers.contains("school@example.org"), "{headers}");
    assert!(
        headers.contains("Content-Type: text/plain; charset=utf-8"),
        "{headers}"
    );
    assert!(headers.contains("MIME-Version: 1.0"), "{headers}");
    assert!(headers.contains("Date: "), "{headers}");
    // The Russian subject is encoded (RFC 2047): headers are ASCII.
    assert!(headers.is_ascii(), "{headers}");
    assert!(headers.contains("Subject: =?utf-8?"), "{headers}");
    // ОО: 4 overdue, 3 due soon, the digest; Куратор: 2, 3 and the digest.
    let lines = log_lines(&log);
    assert_eq!(lines.len(), 14, "{lines:?}");
    assert!(lines.contains(&"2022-03-15\toverdue\t1.5\tОО\t2022-02-22".to_string()));
    assert!(lines.contains(&"2022-03-15\tdigest\t*\tКуратор\t2022-03-14".to_string()));
    assert!(lines.contains(&"2022-03-15\tupcoming\t2.4\tОО\t2022-03-26".to_string()));

    // The same day again: nothing new.
    let out = run(&remind_args(&["--out", out_s], log_s, AS_OF));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read_dir(&out_dir).unwrap().count(), 2);
    assert_eq!(log_lines(&log).len(), 14);

    // Two days later 2.1 (due 16.03) is overdue: one new letter. 2.2 is due
    // on 17.03 itself, still «скоро срок», and was reminded of already.
    let out = run(&remind_args(&["--out", out_s], log_s, "2022-03-17"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        log_lines(&log)[14..],
        ["2022-03-17\toverdue\t2.1\tОО\t2022-03-16".to_string()]
    );
    assert!(out_dir.join("2022-03-17-ОО.eml").exists());
}

#[test]
fn smtp_url_with_credentials_or_without_sender_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("remind.log");
    let out = run(&remind_args(
        &["--smtp", "smtp://user:secret@127.0.0.1:1"],
        log.to_str().unwrap(),
        AS_OF,
    ));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("ROADMAP_SMTP_USER"),
        "{}",
        stderr(&out)
    );
    let out = run(&[
        "remind",
        AGREEMENT,
        "--as-of",
        AS_OF,
        "--smtp",
        "smtp://127.0.0.1:1",
        "--log",
        log.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no sender"), "{}", stderr(&out));
    assert!(!log.exists());
}

// ------------------------------------------------------------------ SMTP

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port on 127.0.0.1")
        .port()
}

/// The SMTP server of tests/state/smtp_sink.py, killed when dropped (also
/// when the test fails).
struct Sink {
    child: Child,
    inbox: PathBuf,
}

impl Sink {
    fn start(port: u16, inbox: &Path) -> Sink {
        let mut child = Command::new("python3")
            .arg(root().join("tests/state/smtp_sink.py"))
            .args(["--port", &port.to_string(), "--dir"])
            .arg(inbox)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("python3 starts");
        let stdout = child.stdout.take().unwrap();
        let sink = Sink {
            child,
            inbox: inbox.to_path_buf(),
        };
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("the SMTP server says it is ready within 30 s");
        assert_eq!(line.trim(), "ready", "the SMTP server did not start");
        sink
    }

    /// The messages received so far, in order.
    fn messages(&self) -> Vec<Value> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&self.inbox)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.retain(|f| f.extension().is_some_and(|e| e == "json"));
        files.sort();
        files
            .iter()
            .map(|f| serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap())
            .collect()
    }

    /// Waits (a little) until `n` messages are in.
    fn wait_for(&self, n: usize) -> Vec<Value> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let got = self.messages();
            if got.len() >= n || Instant::now() > deadline {
                return got;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
#[ignore = "needs Python's aiosmtpd: cargo test -- --include-ignored"]
fn smtp_delivers_each_reminder_once_and_retries_after_a_failure() {
    tools::python_with("aiosmtpd", "python3 -m pip install aiosmtpd");
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("remind.log");
    let inbox = dir.path().join("inbox");
    let port = free_port();
    let url = format!("smtp://127.0.0.1:{port}");
    let args = remind_args(&["--smtp", &url], log.to_str().unwrap(), AS_OF);

    // Nothing listens yet: every send fails, nothing is logged, exit 2.
    let out = run(&args);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("не отправлено"), "{}", stderr(&out));
    assert!(log_lines(&log).is_empty());

    // The server is up: the same run delivers both letters.
    let sink = Sink::start(port, &inbox);
    let out = run(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("у участника Отдел нет адреса почты"),
        "{}",
        stderr(&out)
    );
    let messages = sink.wait_for(2);
    assert_eq!(messages.len(), 2, "{messages:#?}");
    let to = |address: &str| {
        messages
            .iter()
            .find(|m| m["rcpt_tos"] == serde_json::json!([address]))
            .unwrap_or_else(|| panic!("no letter to {address}: {messages:#?}"))
    };
    let school = to("school@example.org");
    assert_eq!(school["mail_from"], "roadmap@example.org");
    assert!(school["from"]
        .as_str()
        .unwrap()
        .contains("Отдел образования"));
    assert!(school["to"]
        .as_str()
        .unwrap()
        .contains("МБОУ СОШ с. Красногорск"));
    assert_eq!(
        school["subject"],
        "Дорожная карта: напоминание на 15.03.2022 · просрочено: 4 · скоро срок: 3"
    );
    assert_eq!(school["content_type"], "text/plain");
    assert_eq!(school["charset"], "utf-8");
    let body = school["body"].as_str().unwrap();
    assert!(body.contains("просрочено на 21 день"), "{body}");
    assert!(body.contains("1.1. Анкетирование педагогов"), "{body}");
    assert!(!body.contains("1.3."), "1.3 is the curator's: {body}");
    let curator = to("curator@example.org");
    let body = curator["body"].as_str().unwrap();
    assert!(body.contains("через 21 день"), "{body}");
    assert!(body.contains("просрочено на 5 дней"), "{body}");
    assert_eq!(log_lines(&log).len(), 14);

    // A second run the same day sends nothing.
    let out = run(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(sink.messages().len(), 2);
    assert_eq!(log_lines(&log).len(), 14);
    drop(sink);

    // The server is down again; two days later 2.1 is overdue: the send
    // fails and is not logged, then succeeds once the server is back.
    let later = remind_args(&["--smtp", &url], log.to_str().unwrap(), "2022-03-17");
    let out = run(&later);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(log_lines(&log).len(), 14);
    let inbox2 = dir.path().join("inbox2");
    let sink = Sink::start(port, &inbox2);
    let out = run(&later);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let messages = sink.wait_for(1);
    assert_eq!(messages.len(), 1, "{messages:#?}");
    assert_eq!(
        messages[0]["rcpt_tos"],
        serde_json::json!(["school@example.org"])
    );
    let body = messages[0]["body"].as_str().unwrap();
    assert!(body.contains("2.1. Родительское собрание"), "{body}");
    assert!(body.contains("просрочено на 1 день"), "{body}");
    assert_eq!(log_lines(&log).len(), 15);
}

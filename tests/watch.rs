//! `roadmap watch` and `roadmap serve` run as a person runs them: the real
//! binary on a copy of tests/watch/, while the test saves, breaks, mends,
//! renames and deletes files the way editors do, and waits (never longer than
//! [`DEADLINE`]) for what the loop prints, writes and serves. Every process
//! started is killed when its guard is dropped, so a failing test leaves
//! none behind.
//!
//! The browser test drives headless Chromium through scripts/browser-test.py
//! (Chrome DevTools Protocol, Python's websocket-client). A plain `cargo test`
//! reports it as ignored; with `--include-ignored` it runs and fails when
//! one of them is missing (tests/tools/; `.ci/run` installs them).

#![cfg(unix)]

#[path = "tools/mod.rs"]
mod tools;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_roadmap");
/// The longest any one thing is waited for.
const DEADLINE: Duration = Duration::from_secs(20);
/// How often a condition is looked at again.
const STEP: Duration = Duration::from_millis(20);

const PLAN: &str = include_str!("watch/plan.roadmap");
const PARTIES: &str = include_str!("watch/участники.roadmap");

/// The plan with another title.
fn version(n: u32) -> String {
    PLAN.replace("версия 1", &format!("версия {n}"))
}

/// The plan with a party nobody declared (E0203).
fn broken(n: u32) -> String {
    version(n).replacen("ответственный: ОО\n", "ответственный: Никто\n", 1)
}

/// A copy of tests/watch/ in `dir/src`.
fn fixtures(dir: &Path, plan_name: &str) -> PathBuf {
    let src = dir.join("src");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(src.join(plan_name), PLAN).unwrap();
    std::fs::write(src.join("участники.roadmap"), PARTIES).unwrap();
    src
}

/// A running `roadmap`: its standard output and error collected as they
/// come; killed when dropped.
struct Running {
    child: Child,
    output: Arc<Mutex<String>>,
}

impl Running {
    fn start(dir: &Path, args: &[&str]) -> Running {
        let mut child = Command::new(BIN)
            .args(args)
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("roadmap starts");
        let output = Arc::new(Mutex::new(String::new()));
        let streams: [Box<dyn Read + Send>; 2] = [
            Box::new(child.stdout.take().unwrap()),
            Box::new(child.stderr.take().unwrap()),
        ];
        for stream in streams {
            let output = Arc::clone(&output);
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream);
                let mut line = Vec::new();
                while reader.read_until(b'\n', &mut line).unwrap_or(0) > 0 {
                    output
                        .lock()
                        .unwrap()
                        .push_str(&String::from_utf8_lossy(&line));
                    line.clear();
                }
            });
        }
        Running { child, output }
    }

    fn output(&self) -> String {
        self.output.lock().unwrap().clone()
    }

    /// Where the output is now: what comes after it is what an action caused.
    fn mark(&self) -> usize {
        self.output.lock().unwrap().len()
    }

    /// Waits until the output after `mark` satisfies `done`; returns it.
    /// The port of `roadmap serve`, from the loopback URL it prints.
    fn port(&mut self) -> u16 {
        let started = self.wait_for(0, "the URL", |o| {
            o.lines().any(|l| l.starts_with("http://"))
        });
        let url = started
            .lines()
            .find(|l| l.starts_with("http://127.0.0.1:"))
            .unwrap_or_else(|| panic!("a loopback URL: {started}"));
        url["http://127.0.0.1:".len()..]
            .trim_end_matches('/')
            .parse()
            .unwrap()
    }

    fn wait_for(&mut self, mark: usize, what: &str, done: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let output = self.output();
            if done(&output[mark..]) {
                return output[mark..].to_string();
            }
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!("roadmap exited ({status}) while waiting for {what}; it printed:\n{output}");
            }
            if start.elapsed() > DEADLINE {
                panic!("no {what} after {DEADLINE:?}; roadmap printed:\n{output}");
            }
            std::thread::sleep(STEP);
        }
    }

    /// Waits until `done` holds (a file written, a page served).
    fn eventually(&mut self, what: &str, done: impl Fn() -> bool) {
        let start = Instant::now();
        while !done() {
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!(
                    "roadmap exited ({status}) while waiting for {what}; it printed:\n{}",
                    self.output()
                );
            }
            if start.elapsed() > DEADLINE {
                panic!(
                    "no {what} after {DEADLINE:?}; roadmap printed:\n{}",
                    self.output()
                );
            }
            std::thread::sleep(STEP);
        }
    }

    fn is_running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// Ctrl-C: SIGINT, then the exit code and everything printed.
    fn interrupt(mut self) -> (Option<i32>, String) {
        let status = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill -INT");
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // The readers finish with the pipes.
                std::thread::sleep(STEP);
                return (status.code(), self.output());
            }
            if start.elapsed() > DEADLINE {
                panic!(
                    "still running {DEADLINE:?} after Ctrl-C; it printed:\n{}",
                    self.output()
                );
            }
            std::thread::sleep(STEP);
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// Saves as Vim does by default: the old file renamed to a backup `name~`,
/// a swap file beside it, the new text written, the backup removed.
fn save_like_vim(path: &Path, text: &str) {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let dir = path.parent().unwrap();
    let backup = dir.join(format!("{name}~"));
    let probe = dir.join("4913");
    std::fs::write(&probe, "").unwrap();
    std::fs::remove_file(&probe).unwrap();
    std::fs::rename(path, &backup).unwrap();
    std::fs::write(path, text).unwrap();
    std::fs::remove_file(&backup).unwrap();
}

/// Saves as most other editors do: a temporary file renamed over the old one.
fn save_atomically(path: &Path, text: &str) {
    let temp = path.with_extension("roadmap.tmp-save");
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, path).unwrap();
}

#[test]
fn watch_rechecks_rerenders_and_survives_what_editors_do() {
    let dir = tempfile::tempdir().unwrap();
    let src = fixtures(dir.path(), "plan.roadmap");
    let plan = src.join("plan.roadmap");
    let html = dir.path().join("out/plan.html");
    let mut watch = Running::start(
        dir.path(),
        &[
            "watch",
            "src",
            "--out",
            "out",
            "--format",
            "html,md",
            "--lang",
            "en",
            "--debounce",
            "50",
        ],
    );
    let first = watch.wait_for(0, "the first check", |o| o.contains("wrote out/plan.md"));
    assert!(first.contains("watching src"), "{first}");
    assert!(read(&html).contains("План школы — версия 1"));
    assert!(
        !dir.path().join("out/участники.html").exists(),
        "a file of parties has no schedule"
    );

    // An editor's side files, and Emacs's lock: a link to nowhere named like
    // a roadmap. None of them is read as one.
    std::fs::write(src.join(".plan.roadmap.swp"), [0u8, 1, 2, 3]).unwrap();
    std::os::unix::fs::symlink("user@host.4242:1700000000", src.join(".#plan.roadmap")).unwrap();

    // Broken: the finding is printed under a timestamp line, and the output
    // keeps the last good version.
    let good = read(&html);
    let mark = watch.mark();
    save_like_vim(&plan, &broken(1));
    let found = watch.wait_for(mark, "the E0203 finding", |o| {
        o.contains("E0203") && o.contains("Никто") && o.contains("keeps the last good version")
    });
    let stamp = regex::Regex::new(r"(?m)^\[\d\d:\d\d:\d\d\] changed: plan\.roadmap").unwrap();
    assert!(stamp.is_match(&found), "a timestamp line: {found}");
    assert!(found.contains("1 error"), "{found}");
    assert!(
        !found.contains(".swp") && !found.contains(".#plan"),
        "{found}"
    );
    assert_eq!(read(&html), good, "the last good output stays");

    // Mended: rendered again.
    save_atomically(&plan, &version(2));
    let md = dir.path().join("out/plan.md");
    watch.eventually("version 2 in out/plan.html and out/plan.md", || {
        read(&html).contains("План школы — версия 2") && read(&md).contains("версия 2")
    });

    // A change to the included file re-renders the plan that includes it.
    let mark = watch.mark();
    std::fs::write(
        src.join("участники.roadmap"),
        PARTIES.replace("СОШ № 1", "СОШ № 7"),
    )
    .unwrap();
    watch.eventually("the included party's new name in the plan's page", || {
        read(&html).contains("СОШ № 7")
    });
    let rechecked = watch.output()[mark..].to_string();
    assert!(
        rechecked.contains("changed: участники.roadmap"),
        "{rechecked}"
    );

    // Half-written: the first part of the file (cut inside a letter), read
    // before the rest comes; then the rest.
    let text = version(3).into_bytes();
    let cut = PLAN.find("Анкетирование").unwrap() + 1;
    let mark = watch.mark();
    std::fs::write(&plan, &text[..cut]).unwrap();
    watch.wait_for(mark, "a check of the half-written file", |o| {
        o.contains("changed: plan.roadmap")
    });
    std::fs::OpenOptions::new()
        .append(true)
        .open(&plan)
        .unwrap()
        .write_all(&text[cut..])
        .unwrap();
    watch.eventually("version 3 once the file is whole", || {
        read(&html).contains("версия 3")
    });

    // Renamed: the old outputs go, the new ones come.
    let mark = watch.mark();
    std::fs::rename(&plan, src.join("renamed.roadmap")).unwrap();
    watch.wait_for(mark, "the rename", |o| o.contains("removed: plan.roadmap"));
    let renamed = dir.path().join("out/renamed.html");
    watch.eventually("out/renamed.html, and out/plan.html gone", || {
        renamed.exists() && !html.exists()
    });

    // Deleted: reported, and the loop goes on.
    let mark = watch.mark();
    std::fs::remove_file(src.join("renamed.roadmap")).unwrap();
    watch.wait_for(mark, "the deletion", |o| {
        o.contains("removed: renamed.roadmap")
    });
    watch.eventually("out/renamed.html deleted", || !renamed.exists());
    assert!(watch.is_running());

    let (code, output) = watch.interrupt();
    assert_eq!(code, Some(0), "Ctrl-C ends it cleanly:\n{output}");
    assert!(output.trim_end().ends_with("stopped"), "{output}");
}

#[test]
fn watch_one_file_by_polling() {
    let dir = tempfile::tempdir().unwrap();
    let src = fixtures(dir.path(), "plan.roadmap");
    let plan = src.join("plan.roadmap");
    let html = dir.path().join("out/plan.html");
    let mut watch = Running::start(
        dir.path(),
        &[
            "watch",
            "src/plan.roadmap",
            "--poll",
            "--out",
            "out",
            "--lang",
            "ru",
            "--debounce",
            "50",
        ],
    );
    let first = watch.wait_for(0, "the first render", |o| {
        o.contains("записан out/plan.html")
    });
    assert!(first.contains("(опрос файлов)"), "{first}");
    // Another roadmap beside it is not this watch's business.
    std::fs::write(src.join("other.roadmap"), version(9)).unwrap();
    save_atomically(&plan, &version(2));
    watch.eventually("version 2 in out/plan.html", || {
        read(&html).contains("версия 2")
    });
    assert!(!dir.path().join("out/other.html").exists());
    let (code, output) = watch.interrupt();
    assert_eq!(code, Some(0), "{output}");
}

/// A file a person put in the output folder under an output's name is never
/// overwritten nor deleted; what watch wrote itself it keeps up to date and
/// deletes with its roadmap (see SECURITY.md).
#[test]
fn watch_out_never_touches_a_file_someone_made() {
    let dir = tempfile::tempdir().unwrap();
    let src = fixtures(dir.path(), "plan.roadmap");
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let made = "<p>Мой отчёт, сделанный вручную</p>\n";
    std::fs::write(out.join("plan.html"), made).unwrap();
    let mut watch = Running::start(
        dir.path(),
        &[
            "watch", "src", "--out", "out", "--format", "html,md", "--lang", "en",
        ],
    );
    let first = watch.wait_for(0, "the first render", |o| {
        o.contains("wrote out/plan.md") && o.contains("not written by roadmap watch")
    });
    assert!(first.contains("out/plan.html: not written"), "{first}");
    assert_eq!(read(&out.join("plan.html")), made);
    // The roadmap goes: its own output goes with it, the person's file stays.
    let mark = watch.mark();
    std::fs::remove_file(src.join("plan.roadmap")).unwrap();
    watch.wait_for(mark, "the deletion", |o| o.contains("deleted out/plan.md"));
    assert!(!out.join("plan.md").exists());
    assert_eq!(read(&out.join("plan.html")), made);
    let (code, output) = watch.interrupt();
    assert_eq!(code, Some(0), "{output}");
}

#[test]
fn watch_refuses_a_path_that_is_not_there() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(BIN)
        .args(["watch", "missing", "--lang", "en"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("cannot read missing"), "{stderr}");
}

// ---------------------------------------------------------------- serve

/// A response: status and body.
struct Http {
    status: u16,
    body: String,
}

fn get(port: u16, path: &str, host: &str) -> Http {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("a whole response");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").expect("headers, then a body");
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    Http {
        status,
        body: body.to_string(),
    }
}

/// An open `text/event-stream`: the versions it sends.
struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    fn open(port: u16, path: &str) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: localhost:{port}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        Events {
            reader: BufReader::new(stream),
        }
    }

    /// The next `data:` line.
    fn next(&mut self) -> String {
        let start = Instant::now();
        let mut line = String::new();
        loop {
            match self.reader.read_line(&mut line) {
                Ok(0) => panic!("the event stream ended"),
                Ok(_) if line.ends_with('\n') => {
                    if let Some(data) = line.strip_prefix("data: ") {
                        return data.trim().to_string();
                    }
                    line.clear();
                }
                Ok(_) => {}
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(e) => panic!("reading the event stream: {e}"),
            }
            assert!(start.elapsed() < DEADLINE, "no event after {DEADLINE:?}");
        }
    }
}

/// Every open page holds an event stream: past 64 at once the server answers
/// "busy" rather than start a thread for each, and it answers again as soon
/// as they go.
#[test]
fn serve_bounds_the_connections_it_holds() {
    let dir = tempfile::tempdir().unwrap();
    fixtures(dir.path(), "plan.roadmap");
    let mut serve = Running::start(dir.path(), &["serve", "src", "--port", "0", "--lang", "en"]);
    let port = serve.port();
    let streams: Vec<TcpStream> = (0..64)
        .map(|_| {
            let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
            stream.set_read_timeout(Some(DEADLINE)).unwrap();
            write!(
                stream,
                "GET /events HTTP/1.1\r\nHost: localhost:{port}\r\nAccept: text/event-stream\r\n\r\n"
            )
            .unwrap();
            let mut head = [0u8; 12];
            stream.read_exact(&mut head).expect("a status line");
            assert_eq!(&head, b"HTTP/1.1 200");
            stream
        })
        .collect();
    let busy = get(port, "/", &format!("localhost:{port}"));
    assert_eq!(busy.status, 503, "{}", busy.body);
    drop(streams);
    serve.eventually("an answer once the streams are gone", || {
        get(port, "/status.json", &format!("localhost:{port}")).status == 200
    });
}

/// `POST path` with a form body and the given extra header lines.
fn post(port: u16, path: &str, headers: &str, body: &str) -> Http {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{headers}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("a whole response");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").expect("headers, then a body");
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    Http {
        status,
        body: body.to_string(),
    }
}

/// A roadmap of `n` activities, each titled with `title`.
fn many(n: usize, title: &str) -> String {
    let mut text = String::from("дорожная карта: Большая\nпериод: 2022\n\nучастник ОО: Школа\n\n");
    for i in 1..=n {
        text.push_str(&format!(
            "мероприятие 1.{i}. {title} {i}\n  срок: до 01.03.2022\n  ответственный: ОО\n\n"
        ));
    }
    text
}

/// A roadmap that takes seconds to draw is drawn without holding up the
/// others; one whose page would pass the cap gets a page saying what to
/// do, and the server goes on.
#[test]
fn serve_answers_others_while_a_large_roadmap_is_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let src = fixtures(dir.path(), "plan.roadmap");
    std::fs::write(src.join("large.roadmap"), many(4000, "Мероприятие")).unwrap();
    // About 10 MB of page: over the 8 MB the server draws.
    std::fs::write(
        src.join("huge.roadmap"),
        many(6000, &"Очень длинное название ".repeat(5)),
    )
    .unwrap();
    let mut serve = Running::start(dir.path(), &["serve", "src", "--port", "0", "--lang", "en"]);
    let port = serve.port();
    let host = format!("127.0.0.1:{port}");

    let drawing = {
        let host = host.clone();
        std::thread::spawn(move || {
            let large = get(port, "/r/large.roadmap", &host);
            (large, Instant::now())
        })
    };
    // The large page is being drawn (seconds on a debug build); meanwhile
    // the index and another roadmap answer.
    std::thread::sleep(Duration::from_millis(300));
    let start = Instant::now();
    assert_eq!(get(port, "/", &host).status, 200);
    let plan = get(port, "/r/plan.roadmap", &host);
    assert_eq!(plan.status, 200);
    assert!(plan.body.contains("План школы — версия 1"));
    let others = Instant::now();
    let (large, large_done) = drawing.join().unwrap();
    assert_eq!(large.status, 200);
    assert!(large.body.contains("Мероприятие 4000"));
    assert!(
        others < large_done,
        "the index and another page waited for the large one ({:?} for them)",
        others - start
    );

    let huge = get(port, "/r/huge.roadmap", &host);
    assert_eq!(huge.status, 503, "{}", huge.body);
    assert!(
        huge.body
            .contains("The schedule is too large for a page: 6000 rows")
            && huge
                .body
                .contains("roadmap schedule src/huge.roadmap --format html -o plan.html"),
        "{}",
        huge.body
    );
    assert_eq!(get(port, "/", &host).status, 200);
    assert!(serve.is_running());
}

/// Without `--allow-marks` the server only reads; with it, a POST needs the
/// page's token and origin, and a wrong date is shown with its field while
/// the status file stays as it was.
#[test]
fn serve_takes_marks_only_when_allowed_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let src = fixtures(dir.path(), "plan.roadmap");
    let status = src.join("plan.status");
    let mark =
        "activity=1.1&state=%D0%B2%D1%8B%D0%BF%D0%BE%D0%BB%D0%BD%D0%B5%D0%BD%D0%BE&date=03.02.2022";

    let mut serve = Running::start(dir.path(), &["serve", "src", "--port", "0", "--lang", "en"]);
    let port = serve.port();
    let origin = format!("Origin: http://127.0.0.1:{port}\r\n");
    let page = get(port, "/r/plan.roadmap", &format!("127.0.0.1:{port}"));
    assert!(!page.body.contains("<form"), "a read-only page has no form");
    assert_eq!(post(port, "/r/plan.roadmap", &origin, mark).status, 405);
    assert!(!status.exists());
    drop(serve);

    let mut serve = Running::start(
        dir.path(),
        &[
            "serve",
            "src",
            "--port",
            "0",
            "--lang",
            "en",
            "--allow-marks",
        ],
    );
    let port = serve.port();
    let origin = format!("Origin: http://127.0.0.1:{port}\r\n");
    let page = get(port, "/r/plan.roadmap", &format!("127.0.0.1:{port}")).body;
    let token = page
        .split("name=\"token\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a token in the form");

    // No token, a wrong one, another origin: refused, nothing written.
    let refused = post(port, "/r/plan.roadmap", &origin, mark);
    assert_eq!(refused.status, 403, "{}", refused.body);
    let wrong = format!("{mark}&token={}", "0".repeat(token.len()));
    assert_eq!(post(port, "/r/plan.roadmap", &origin, &wrong).status, 403);
    let with_token = format!("{mark}&token={token}");
    let elsewhere = "Origin: http://evil.example\r\n";
    assert_eq!(
        post(port, "/r/plan.roadmap", elsewhere, &with_token).status,
        403
    );
    assert_eq!(post(port, "/r/plan.roadmap", "", &with_token).status, 403);
    assert_eq!(post(port, "/", &origin, &with_token).status, 405);
    assert!(!status.exists(), "a refused POST wrote {}", read(&status));

    // A wrong date: the page says which field, nothing written.
    let bad = with_token.replace("03.02.2022", "31.02.2022");
    let shown = post(port, "/r/plan.roadmap", &origin, &bad);
    assert_eq!(shown.status, 422);
    assert!(
        shown
            .body
            .contains("<li data-field=\"date\"><b>Date</b>: `31.02.2022` is not a date."),
        "{}",
        shown.body
    );
    assert!(!status.exists());

    // A body past the cap is not read.
    let big = format!("{with_token}&comment={}", "x".repeat(70 * 1024));
    assert_eq!(post(port, "/r/plan.roadmap", &origin, &big).status, 413);

    // With all it needs: written, and back to the page.
    let written = post(port, "/r/plan.roadmap", &origin, &with_token);
    assert_eq!(written.status, 303, "{}", written.body);
    assert_eq!(
        read(&status),
        "отметки к: plan.roadmap\n\nмероприятие 1.1\n  выполнено: 03.02.2022\n"
    );
    serve.eventually("the mark on the page", || {
        get(port, "/r/plan.roadmap", &format!("127.0.0.1:{port}"))
            .body
            .contains("<td class=\"marked\">done 03.02.2022</td>")
    });
}

#[test]
fn serve_pages_follow_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let name = "школа №1.roadmap";
    let src = fixtures(dir.path(), name);
    let plan = src.join(name);
    let mut serve = Running::start(
        dir.path(),
        &[
            "serve",
            "src",
            "--port",
            "0",
            "--lang",
            "en",
            "--debounce",
            "50",
        ],
    );
    let port = serve.port();
    let host = format!("127.0.0.1:{port}");

    // The index lists both files; the page's address is in status.json.
    let index = get(port, "/", &host);
    assert_eq!(index.status, 200);
    assert!(
        index.body.contains("План школы — версия 1"),
        "{}",
        index.body
    );
    assert!(index.body.contains("участники.roadmap"));
    let status: serde_json::Value =
        serde_json::from_str(&get(port, "/status.json", &host).body).unwrap();
    let file = status["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == name)
        .expect("the plan in status.json");
    let page_url = file["url"].as_str().unwrap().to_string();
    assert!(page_url.is_ascii() && !page_url.contains(' '), "{page_url}");
    assert!(index.body.contains(&format!("href=\"{page_url}\"")));

    // The page: the schedule's table and Gantt chart, and the live script.
    let page = get(port, &page_url, &host);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("План школы — версия 1"));
    assert!(page.body.contains("<svg") && page.body.contains("class=\"gantt\""));
    assert!(page.body.contains("src=\"/live.js\""));
    assert!(get(port, "/live.js", &host).body.contains("EventSource"));
    // No --as-of and the plan's `период: 2022` is over: the page is as of
    // its last day, and says so, rather than hundreds of days overdue.
    let ended = "(period ended 31 Dec 2022)";
    assert_eq!(page.body.matches(ended).count(), 2, "{}", page.body);
    assert!(
        page.body.contains("as-of date: 31 Dec 2022"),
        "{}",
        page.body
    );

    // Only loopback names are answered (DNS rebinding).
    assert_eq!(get(port, "/", "roadmaps.example.com").status, 403);
    assert_eq!(get(port, "/", &format!("localhost:{port}")).status, 200);
    assert_eq!(get(port, "/r/nothing.roadmap", &host).status, 404);

    // A save: the page's event stream sends a new version, and the page has
    // the new text.
    let events_url = page_url.replacen("/r/", "/events/", 1);
    let mut events = Events::open(port, &events_url);
    let first = events.next();
    save_atomically(&plan, &version(2));
    let second = events.next();
    assert_ne!(first, second);
    assert!(get(port, &page_url, &host).body.contains("версия 2"));

    // Broken: the findings on the page, above the last good schedule.
    save_atomically(&plan, &broken(3));
    let third = events.next();
    assert_ne!(second, third);
    let page = get(port, &page_url, &host).body;
    assert!(page.contains("E0203") && page.contains("Никто"), "{page}");
    assert!(page.contains("last schedule made without errors"), "{page}");
    assert!(
        page.contains("План школы — версия 2"),
        "the last good one stays"
    );
    assert!(page.contains("<svg"));
    let status: serde_json::Value =
        serde_json::from_str(&get(port, "/status.json", &host).body).unwrap();
    let file = status["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == name)
        .unwrap()
        .clone();
    assert_eq!(file["errors"], 1, "{file}");

    // Deleted: the stream says so (version 0), the page is gone, the
    // server goes on.
    std::fs::remove_file(&plan).unwrap();
    assert_eq!(events.next(), "0");
    assert_eq!(get(port, &page_url, &host).status, 404);
    assert!(serve.is_running());

    let (code, output) = serve.interrupt();
    assert_eq!(code, Some(0), "{output}");
}

#[test]
fn serve_rolls_the_plans_up_and_follows_their_status_files() {
    let dir = tempfile::tempdir().unwrap();
    let region = dir.path().join("500plus");
    std::fs::create_dir(&region).unwrap();
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("roadmaps/500plus");
    for entry in std::fs::read_dir(&bundled).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, region.join(path.file_name().unwrap())).unwrap();
    }
    let mut serve = Running::start(
        dir.path(),
        &[
            "serve",
            "500plus",
            "--port",
            "0",
            "--lang",
            "en",
            "--debounce",
            "50",
            "--as-of",
            "2022-03-15",
        ],
    );
    let port = serve.port();
    let host = format!("127.0.0.1:{port}");
    assert!(get(port, "/", &host).body.contains("href=\"/rollup\""));
    // The same figures as `roadmap status 500plus --as-of 2022-03-15`.
    let page = get(port, "/rollup", &host);
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("в 2022 году: all schools</h1>"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains(
            "Plans: <strong>3</strong> of 24 (as listed in schools.csv) · Behind schedule: <strong class=\"bad\">2</strong>"
        ),
        "{}",
        page.body
    );
    assert!(page.body.contains("src=\"/live.js\""));
    // Krasnogorsk reports 4.7 done: it is no longer behind.
    let mut events = Events::open(port, "/events");
    let first = events.next();
    let status = region.join("krasnogorsk.status");
    let text = read(&status);
    save_atomically(
        &status,
        &format!("{text}\nмероприятие 4.7\n  выполнено: 01.03.2022 — план-график направлен\n"),
    );
    assert_ne!(events.next(), first);
    let page = get(port, "/rollup", &host).body;
    assert!(
        page.contains(
            "Plans: <strong>3</strong> of 24 (as listed in schools.csv) · Behind schedule: <strong class=\"bad\">1</strong>"
        ),
        "{page}"
    );
    // A plan broken: not judged, the others still are.
    let plan = region.join("vostok.roadmap");
    save_atomically(
        &plan,
        &format!("{}\nмероприятие 4.4\n  после: 9.9\n", read(&plan)),
    );
    let _ = events.next();
    let page = get(port, "/rollup", &host).body;
    assert!(page.contains("Plans: <strong>2</strong> of 24"), "{page}");
    assert!(page.contains("vostok.roadmap: 1 error<"), "{page}");
    let (code, output) = serve.interrupt();
    assert_eq!(code, Some(0), "{output}");
}

// ---------------------------------------------------------------- a browser

#[test]
#[ignore = "needs Chromium and Python's websocket-client: cargo test -- --include-ignored"]
fn a_page_in_chromium_updates_itself_on_save() {
    let browser = tools::chromium();
    tools::python_with("websocket", "python3 -m pip install websocket-client");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let artifacts = Path::new(BIN)
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile>/roadmap")
        .join("test-artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let output = Command::new("python3")
        .arg(root.join("scripts/browser-test.py"))
        .args(["--bin", BIN, "--chromium", browser, "--artifacts"])
        .arg(&artifacts)
        .current_dir(root)
        .stdin(Stdio::null())
        .output()
        .expect("python3 runs");
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success(),
        "scripts/browser-test.py:\n{printed}"
    );
    assert!(printed.contains("updated in place"), "{printed}");
    for png in ["serve-live-clean.png", "serve-live-broken.png"] {
        let size = std::fs::metadata(artifacts.join(png)).map_or(0, |m| m.len());
        assert!(size > 10_000, "{png}: {size} bytes");
    }
}

#[test]
#[ignore = "needs Chromium and Python's websocket-client: cargo test -- --include-ignored"]
fn a_mark_sent_from_the_page_in_chromium_reaches_the_status_file() {
    let browser = tools::chromium();
    tools::python_with("websocket", "python3 -m pip install websocket-client");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let artifacts = Path::new(BIN)
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile>/roadmap")
        .join("test-artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let output = Command::new("python3")
        .arg(root.join("scripts/browser-test.py"))
        .args([
            "--bin",
            BIN,
            "--chromium",
            browser,
            "--marks",
            "--artifacts",
        ])
        .arg(&artifacts)
        .current_dir(root)
        .stdin(Stdio::null())
        .output()
        .expect("python3 runs");
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success(),
        "scripts/browser-test.py --marks:\n{printed}"
    );
    assert!(
        printed.contains("the page shows: done 03.02.2022 — протокол № 3"),
        "{printed}"
    );
    assert!(
        printed.contains("wrong date refused: Date: `31.02.2022` is not a date"),
        "{printed}"
    );
}

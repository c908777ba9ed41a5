//! `roadmap schedule` and `roadmap graph`, run as a user runs them: on the
//! bundled roadmaps (every format, snapshots of the Tomari roadmap), read back
//! by independent tools (Python's icalendar and openpyxl, headless Chromium),
//! and on the fixtures in tests/schedule/ (escaping, filters, errors, files).
//!
//! The checks that need Python packages or Chromium are ignored by a plain
//! `cargo test` and run with `--include-ignored`, failing when the tool is
//! missing (tests/tools/; `.ci/run` installs them).

#[path = "tools/mod.rs"]
mod tools;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const AS_OF: &str = "2022-03-15";
const TOMARI: &str = "roadmaps/tomari-500plus-2022.roadmap";
const ESCAPING: &str = "tests/schedule/escaping.roadmap";
const SERIES: &str = "tests/schedule/series.roadmap";
const FORMATS: [&str; 7] = ["md", "html", "csv", "xlsx", "json", "ics", "mermaid"];

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
        .stdin(Stdio::null());
    cmd
}

fn run(args: &[&str]) -> Output {
    roadmap().args(args).output().expect("the binary runs")
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

/// `roadmap schedule PATH --format FORMAT --as-of AS_OF --lang ru`, and more.
fn schedule(path: &str, format: &str, more: &[&str]) -> String {
    let mut args = vec!["schedule", path, "--format", format];
    for (flag, default) in [("--as-of", AS_OF), ("--lang", "ru")] {
        if !more.contains(&flag) {
            args.extend([flag, default]);
        }
    }
    args.extend_from_slice(more);
    stdout(&args)
}

fn json(path: &str, more: &[&str]) -> Value {
    serde_json::from_str(&schedule(path, "json", more)).expect("valid JSON")
}

/// The bundled roadmaps (not the shared files they include).
fn bundled() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(root().join("roadmaps"))
        .expect("roadmaps/")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "roadmap"))
        .filter(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            text.lines().any(|l| {
                let l = l.to_lowercase();
                l.starts_with("дорожная карта:") || l.starts_with("roadmap:")
            })
        })
        .map(|p| format!("roadmaps/{}", p.file_name().unwrap().to_string_lossy()))
        .collect();
    files.sort();
    assert!(files.len() >= 3, "bundled roadmaps: {files:?}");
    files
}

/// Where the test leaves what a person may want to look at.
fn artifacts() -> PathBuf {
    let target = Path::new(env!("CARGO_BIN_EXE_roadmap"))
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile>/roadmap");
    let dir = target.join("test-artifacts");
    std::fs::create_dir_all(&dir).expect("create target/test-artifacts");
    dir
}

/// Runs a Python script with `args`; its standard output as JSON.
fn python(script: &str, args: &[&Path]) -> Value {
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "python failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the script prints JSON")
}

/// Runs a Python script file with `args`; its standard output as JSON.
fn python_file(script: &Path, args: &[&std::ffi::OsStr]) -> Value {
    let out = Command::new("python3")
        .arg(script)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{} failed:\n{}",
        script.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the script prints JSON")
}

fn numbers(doc: &Value, dated_only: bool) -> Vec<String> {
    doc["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| !dated_only || !e["start"].is_null())
        .map(|e| e["number"].as_str().unwrap().to_string())
        .collect()
}

// ---------------------------------------------------------------- every format

#[test]
fn every_format_for_every_bundled_roadmap() {
    let dir = tempfile::tempdir().unwrap();
    for file in bundled() {
        let stem = Path::new(&file)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        for format in FORMATS {
            let out = dir.path().join(format!("{stem}.{format}"));
            let result = run(&[
                "schedule",
                &file,
                "--format",
                format,
                "--as-of",
                AS_OF,
                "-o",
                out.to_str().unwrap(),
            ]);
            assert_eq!(
                result.status.code(),
                Some(0),
                "{file} --format {format}:\n{}",
                String::from_utf8_lossy(&result.stderr)
            );
            let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
            assert!(size > 100, "{file} --format {format}: {size} bytes");
        }
        for by in ["section", "month", "party"] {
            for format in ["md", "html", "csv"] {
                assert!(!schedule(&file, format, &["--by", by]).is_empty());
            }
        }
        for format in ["dot", "mermaid"] {
            let text = stdout(&["graph", &file, "--format", format, "--lang", "ru"]);
            assert!(!text.is_empty(), "{file} graph --format {format}");
        }
    }
}

// ---------------------------------------------------------------- snapshots

/// The generator's version would change every snapshot on a release.
fn unversioned(text: String) -> String {
    text.replace(env!("CARGO_PKG_VERSION"), "[version]")
}

#[test]
fn tomari_markdown() {
    insta::assert_snapshot!("tomari.md", schedule(TOMARI, "md", &[]));
}

#[test]
fn tomari_mermaid() {
    insta::assert_snapshot!("tomari.mermaid", schedule(TOMARI, "mermaid", &[]));
}

#[test]
fn tomari_csv() {
    let csv = schedule(TOMARI, "csv", &[]);
    let body = csv
        .strip_prefix('\u{feff}')
        .expect("CSV starts with a byte-order mark for Excel");
    assert!(
        body.lines().next().unwrap().contains(";№;"),
        "`;`-separated"
    );
    assert!(
        body.split('\n')
            .filter(|l| !l.is_empty())
            .all(|l| l.ends_with('\r')),
        "CRLF line ends"
    );
    insta::assert_snapshot!("tomari.csv", body.replace("\r\n", "\n"));
}

#[test]
fn tomari_markdown_as_approved() {
    insta::assert_snapshot!(
        "tomari-no-progress.md",
        schedule(TOMARI, "md", &["--no-progress"])
    );
}

#[test]
fn tomari_csv_as_approved() {
    let csv = schedule(TOMARI, "csv", &["--no-progress"]);
    insta::assert_snapshot!(
        "tomari-no-progress.csv",
        csv.trim_start_matches('\u{feff}').replace("\r\n", "\n")
    );
}

/// A roadmap with no status file has no progress column at all, and
/// `--no-progress` drops it (the cancellation the plan always showed stays).
#[test]
fn no_progress_is_the_roadmap_without_its_marks() {
    let dir = tempfile::tempdir().unwrap();
    let bare = dir.path().join("tomari.roadmap");
    std::fs::copy(root().join(TOMARI), &bare).unwrap();
    std::fs::copy(
        root().join("roadmaps/tomari-parties.roadmap"),
        dir.path().join("tomari-parties.roadmap"),
    )
    .unwrap();
    let bare = bare.to_str().unwrap();
    for format in ["md", "csv"] {
        let unmarked = schedule(bare, format, &[]);
        assert!(!unmarked.contains("Исполнение"), "{format}: {unmarked}");
        let approved = schedule(TOMARI, format, &["--no-progress"]);
        assert!(!approved.contains("Исполнение"), "{format}: {approved}");
        assert!(approved.contains("отменено"), "{format}: {approved}");
        assert!(
            schedule(TOMARI, format, &[]).contains("Исполнение"),
            "{format}"
        );
    }
    let doc = json(bare, &[]);
    assert!(doc["entries"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e.get("progress").is_none()));
}

/// What the progress says of Tomari's activities as of 15.03.2022, in both
/// languages: the words `roadmap status` uses.
#[test]
fn progress_in_the_words_of_status() {
    let doc = json(TOMARI, &[]);
    let progress = |number: &str| {
        doc["entries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["number"] == number)
            .map(|e| e["progress"].clone())
            .unwrap()
    };
    assert_eq!(progress("4.7")["state"], "overdue");
    assert_eq!(progress("4.7")["text"], "просрочено на 14 дней");
    assert_eq!(progress("4.8")["text"], "скоро срок: через 9 дней");
    assert_eq!(
        progress("1.4")["text"],
        "выполнено с опозданием на 2 дня (26.01.2022)"
    );
    assert_eq!(
        progress("1.4")["evidence"],
        "приказ отдела образования № 14 от 26.01.2022"
    );
    assert_eq!(progress("1.7")["state"], "cancelled");
    assert_eq!(
        progress("4.6")["actuals"][0],
        "факт 0,5 раза в месяц (план ≥ 1 раз/месяц) — не достигнуто"
    );
    let en = json(TOMARI, &["--lang", "en"]);
    let overdue = en["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["number"] == "4.7")
        .unwrap();
    assert_eq!(overdue["progress"]["text"], "14 days overdue");
    // A series: the share of its occurrences done.
    let plan = json("roadmaps/500plus/boshnyakovo.roadmap", &[]);
    let series: Vec<&Value> = plan["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| !e["progress"]["series_text"].is_null())
        .collect();
    assert!(!series.is_empty(), "a series in {plan}");
    for e in &series {
        let p = &e["progress"];
        assert_eq!(
            p["series_text"],
            format!("{} из {}", p["series_done"], p["series_total"])
        );
    }
    assert_eq!(series[0]["number"], "6.4");
    assert_eq!(series[0]["progress"]["series_text"], "0 из 3");
}

#[test]
fn tomari_json() {
    insta::assert_snapshot!("tomari.json", unversioned(schedule(TOMARI, "json", &[])));
}

/// The words between backquotes in `line`.
fn quoted(line: &str) -> Vec<&str> {
    line.split('`').skip(1).step_by(2).collect()
}

/// docs/schedule.md's rows for `every`, `repeat`, `labels` and `length`
/// say what the JSON holds for each form of a series.
#[test]
fn json_series_fields_are_as_documented() {
    let doc = std::fs::read_to_string(root().join("docs/schedule.md")).expect("docs/schedule.md");
    // The table of an entry's fields (`labels` is also a template's field).
    let (_, entry_fields) = doc
        .split_once("An entry is the schedule stage's entry")
        .expect("the table of an entry's fields");
    let row = |field: &str| {
        entry_fields
            .lines()
            .find(|l| l.starts_with(&format!("| `{field}` |")))
            .unwrap_or_else(|| panic!("docs/schedule.md has no row for `{field}`"))
    };
    let json = json(SERIES, &[]);
    let entries = json["entries"].as_array().expect("entries");
    let printed: std::collections::BTreeSet<&str> =
        entries.iter().filter_map(|e| e["every"].as_str()).collect();
    let documented: std::collections::BTreeSet<&str> = quoted(row("every"))
        .into_iter()
        .filter(|v| !["every", "null"].contains(v))
        .collect();
    assert_eq!(printed, documented, "`every` as printed and as documented");
    let mut repeats = 0;
    for entry in entries {
        if let Some(repeat) = entry.get("repeat") {
            let key = repeat
                .as_object()
                .and_then(|o| o.keys().next())
                .unwrap_or_else(|| panic!("repeat is an object: {repeat}"));
            assert!(
                row("repeat").contains(&format!("`{{\"{key}\": ")),
                "`repeat` {repeat} is documented"
            );
            repeats += 1;
        }
        if let Some(length) = entry.get("length") {
            let unit = length[1].as_str().expect("a length's unit");
            assert!(length[0].is_u64(), "a length's amount: {length}");
            assert!(
                quoted(row("length")).contains(&unit),
                "`length` unit {unit}"
            );
        }
        if let Some(labels) = entry.get("labels") {
            for label in labels.as_array().expect("labels") {
                assert!(label["label"].is_string() && label["window"]["start"].is_string());
                assert!(label["window"]["end"].is_string(), "{label}");
            }
            assert!(row("labels").contains("`[{window: {start, end}, label}]`"));
        }
    }
    assert_eq!(
        repeats, 3,
        "on a weekday, by a day of each month, by a date of each year"
    );
}

#[test]
fn json_holds_header_parties_and_every_activity() {
    let doc = json(TOMARI, &[]);
    assert_eq!(doc["format"], "roadmap-schedule");
    assert_eq!(doc["version"], 2);
    // Each indicator as written and as read.
    let webinars = doc["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["number"] == "4.6")
        .unwrap();
    let indicator = &webinars["indicators"][0];
    assert_eq!(indicator["read"], "≥ 1 раз/месяц");
    assert_eq!(indicator["targets"][0]["comparator"], "at_least");
    assert_eq!(indicator["targets"][0]["unit"], "раз/месяц");
    assert_eq!(
        indicator["description"],
        "Проведение научно-методических вебинаров"
    );
    assert_eq!(doc["as_of"], AS_OF);
    assert!(doc["roadmap"]["title"].as_str().unwrap().contains("500+"));
    assert_eq!(doc["roadmap"]["approval"]["number"], "52-а");
    assert!(doc["parties"].as_array().unwrap().len() >= 5);
    let text = std::fs::read_to_string(root().join(TOMARI)).unwrap();
    let declared = text
        .lines()
        .filter(|l| l.starts_with("мероприятие "))
        .count();
    assert_eq!(numbers(&doc, false).len(), declared);
    let grouped: usize = doc["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["members"].as_array().unwrap().len())
        .sum();
    assert_eq!(grouped, declared, "by section, each activity once");
}

// ---------------------------------------------------------------- calendars

const ICS_SCRIPT: &str = r#"
import json, sys
from icalendar import Calendar
raw = open(sys.argv[1], 'rb').read()
cal = Calendar.from_ical(raw)
events = []
for ev in cal.walk('VEVENT'):
    start = ev.decoded('DTSTART')
    end = ev.decoded('DTEND')
    events.append({
        'uid': str(ev['UID']),
        'activity': str(ev['X-ROADMAP-ACTIVITY']),
        'summary': str(ev['SUMMARY']),
        'start': start.isoformat(),
        'end': end.isoformat(),
        'all_day': not hasattr(start, 'hour'),
        'rrule': ev['RRULE'].to_ical().decode() if 'RRULE' in ev else None,
        'alarms': len(ev.walk('VALARM')),
        'transp': str(ev.get('TRANSP', 'OPAQUE')),
        'triggers': [{
            'related': a['TRIGGER'].params.get('RELATED', 'START'),
            'seconds': a.decoded('TRIGGER').total_seconds(),
        } for a in ev.walk('VALARM')],
    })
print(json.dumps({'version': str(cal['VERSION']), 'events': events}))
"#;

#[test]
#[ignore = "needs Python's icalendar: cargo test -- --include-ignored"]
fn ics_parses_with_python_icalendar() {
    tools::python_with("icalendar", "python3 -m pip install icalendar");
    let dir = tempfile::tempdir().unwrap();
    for file in bundled() {
        let ics = schedule(&file, "ics", &[]);
        let raw = ics.as_bytes();
        assert!(ics.contains("\r\n"), "{file}: CRLF lines");
        for line in raw.split(|&b| b == b'\n') {
            assert!(
                line.strip_suffix(b"\r").unwrap_or(line).len() <= 75,
                "{file}: a line over 75 octets: {:?}",
                String::from_utf8_lossy(line)
            );
        }
        let path = dir.path().join("schedule.ics");
        std::fs::write(&path, raw).unwrap();
        let parsed = python(ICS_SCRIPT, &[&path]);
        assert_eq!(parsed["version"], "2.0");
        let events = parsed["events"].as_array().unwrap();

        let doc = json(&file, &[]);
        let dated = numbers(&doc, true);
        let mut uids = std::collections::HashSet::new();
        for e in events {
            assert!(
                uids.insert(e["uid"].as_str().unwrap().to_string()),
                "{file}: UIDs are unique"
            );
            assert_eq!(e["all_day"], true, "{file}: all-day events");
            assert!(
                e["end"].as_str() > e["start"].as_str(),
                "{file}: DTEND after DTSTART (exclusive)"
            );
            assert_eq!(e["alarms"], 1, "{file}: a reminder on every event");
            assert_eq!(
                e["triggers"][0]["related"], "END",
                "{file}: the reminder counts from the deadline"
            );
            let number = e["activity"].as_str().unwrap();
            assert!(
                dated.iter().any(|n| n == number),
                "{file}: event for undated {number}"
            );
        }
        for number in &dated {
            assert!(
                events.iter().any(|e| e["activity"] == number.as_str()),
                "{file}: no VEVENT or series for dated activity {number}"
            );
        }
        let checkpoints: usize = doc["entries"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| !e["start"].is_null())
            .map(|e| e["checkpoints"].as_array().unwrap().len())
            .sum();
        let checkpoint_events = events
            .iter()
            .filter(|e| e["uid"].as_str().unwrap().contains("-cp"))
            .count();
        assert_eq!(
            checkpoint_events, checkpoints,
            "{file}: an event per checkpoint"
        );
        // Recurring activities: a weekly series becomes an RRULE.
        for e in doc["entries"].as_array().unwrap() {
            if e["kind"] == "recurring"
                && e["every"]
                    .as_str()
                    .is_some_and(|f| f.eq_ignore_ascii_case("weekly"))
            {
                let number = e["number"].as_str().unwrap();
                assert!(
                    events
                        .iter()
                        .any(|x| x["activity"] == number && !x["rrule"].is_null()),
                    "{file}: weekly {number} as an RRULE series"
                );
            }
        }
    }
    // Same input, same calendar: UIDs and stamps are stable.
    assert_eq!(schedule(TOMARI, "ics", &[]), schedule(TOMARI, "ics", &[]));
}

/// The events of `path`'s calendar made with `more`, as Python's icalendar reads them.
fn calendar_events(path: &str, more: &[&str]) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("schedule.ics");
    std::fs::write(&file, schedule(path, "ics", more)).unwrap();
    python(ICS_SCRIPT, &[&file])["events"]
        .as_array()
        .unwrap()
        .clone()
}

#[test]
#[ignore = "needs Python's icalendar: cargo test -- --include-ignored"]
fn ics_reminds_before_the_deadline_and_keeps_a_series_as_one_event() {
    tools::python_with("icalendar", "python3 -m pip install icalendar");
    let events = calendar_events(SERIES, &["--lang", "en"]);
    let of = |number: &str| -> Vec<&Value> {
        events.iter().filter(|e| e["activity"] == number).collect()
    };
    // 9:00 three days before the deadline by default: 3 days and 15 hours
    // before the end of the deadline's day (DTEND).
    for e in &events {
        assert_eq!(
            e["triggers"],
            serde_json::json!([{"related": "END", "seconds": -(3 * 86400 + 15 * 3600) as f64}]),
            "{e}"
        );
        assert_eq!(e["transp"], "OPAQUE", "{e}");
        // An event stands on its deadline: one day.
        let (start, end) = (e["start"].as_str().unwrap(), e["end"].as_str().unwrap());
        let days = chrono::NaiveDate::parse_from_str(end, "%Y-%m-%d").unwrap()
            - chrono::NaiveDate::parse_from_str(start, "%Y-%m-%d").unwrap();
        assert_eq!(days.num_days(), 1, "{e}");
    }
    // «до 5 числа каждого месяца 2022»: one event repeating monthly on the 5th.
    let monthly = of("2");
    assert_eq!(monthly.len(), 1, "{monthly:?}");
    assert_eq!(monthly[0]["start"], "2022-01-05");
    let mut rule: Vec<&str> = monthly[0]["rrule"].as_str().unwrap().split(';').collect();
    rule.sort_unstable();
    assert_eq!(rule, ["COUNT=12", "FREQ=MONTHLY", "INTERVAL=1"]);
    // «ежегодно в мае с 2023 года»: one event on 31 May, yearly.
    let yearly = of("3");
    assert_eq!(yearly.len(), 1, "{yearly:?}");
    assert!(
        yearly[0]["rrule"]
            .as_str()
            .unwrap()
            .starts_with("FREQ=YEARLY;"),
        "{yearly:?}"
    );
    // Labelled windows are titled with their labels.
    let labelled: Vec<&str> = of("5")
        .iter()
        .map(|e| e["summary"].as_str().unwrap())
        .collect();
    assert_eq!(
        labelled,
        [
            "Due: 5. Метки — входной мониторинг",
            "Due: 5. Метки — итоговый мониторинг"
        ]
    );

    // --alarm 1w: a week and 15 hours before the end; --alarm none: no reminder.
    let week = calendar_events(SERIES, &["--alarm", "1w"]);
    assert!(week
        .iter()
        .all(|e| e["triggers"][0]["seconds"] == -(7 * 86400 + 15 * 3600) as f64));
    let none = calendar_events(SERIES, &["--alarm", "none"]);
    assert_eq!(none.len(), events.len());
    assert!(none.iter().all(|e| e["alarms"] == 0));

    // --windows: each long window also in the background, without a reminder,
    // ending on the day its deadline event stands on.
    let windows = calendar_events(TOMARI, &["--windows"]);
    let background: Vec<&Value> = windows
        .iter()
        .filter(|e| e["transp"] == "TRANSPARENT")
        .collect();
    assert!(!background.is_empty());
    for b in &background {
        assert_eq!(b["alarms"], 0, "{b}");
        let last = chrono::NaiveDate::parse_from_str(b["end"].as_str().unwrap(), "%Y-%m-%d")
            .unwrap()
            .pred_opt()
            .unwrap()
            .to_string();
        assert!(
            windows.iter().any(|e| e["activity"] == b["activity"]
                && e["transp"] == "OPAQUE"
                && e["start"] == last.as_str()),
            "no deadline event for {b}"
        );
    }
    assert_eq!(
        windows.len() - background.len(),
        calendar_events(TOMARI, &[]).len(),
        "the same deadlines with and without --windows"
    );
}

// ---------------------------------------------------------------- workbooks

const XLSX_SCRIPT: &str = r#"
import json, sys, datetime
from openpyxl import load_workbook
wb = load_workbook(sys.argv[1])
ws = wb.worksheets[0]
rows = []
for row in ws.iter_rows(min_row=1, values_only=True):
    rows.append([c.isoformat() if isinstance(c, (datetime.date, datetime.datetime)) else c for c in row])
print(json.dumps({
    'sheets': wb.sheetnames,
    'freeze': ws.freeze_panes,
    'header_bold': ws.cell(row=3, column=1).font.b,
    'rows': rows,
    'struck': [ws.cell(row=r, column=1).value for r in range(4, ws.max_row + 1) if ws.cell(row=r, column=2).font.strike],
}))
"#;

/// Tomari's workbook with its status as of 15.03.2022: state, actual and
/// evidence columns; the cancelled activity struck through. Without marks
/// shown, none of it.
#[test]
#[ignore = "needs Python's openpyxl: cargo test -- --include-ignored"]
fn xlsx_shows_progress() {
    tools::python_with("openpyxl", "python3 -m pip install openpyxl");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("schedule.xlsx");
    let path_arg = path.to_str().unwrap();
    for more in [&[][..], &["--no-progress"][..]] {
        let mut args = vec![
            "schedule", TOMARI, "--as-of", AS_OF, "--lang", "ru", "-o", path_arg, "--force",
        ];
        args.extend_from_slice(more);
        stdout(&args);
        let book = python(XLSX_SCRIPT, &[&path]);
        let rows = book["rows"].as_array().unwrap();
        let header: Vec<&str> = rows[2]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let row = |number: &str| {
            rows.iter()
                .find(|r| r[0].as_str() == Some(number))
                .unwrap()
                .as_array()
                .unwrap()
                .clone()
        };
        if more.is_empty() {
            let at = |h: &str| header.iter().position(|x| *x == h).unwrap();
            let (state, evidence) = (at("Исполнение"), at("Подтверждение выполнения"));
            assert_eq!(row("4.7")[state], "просрочено на 14 дней");
            assert_eq!(
                row("1.2")[evidence],
                "приказ отдела образования № 12 от 24.01.2022"
            );
            assert_eq!(book["struck"], serde_json::json!(["1.7"]));
        } else {
            assert!(!header.contains(&"Исполнение"), "{header:?}");
            assert_eq!(book["struck"], serde_json::json!([]));
        }
    }
}

#[test]
#[ignore = "needs Python's openpyxl: cargo test -- --include-ignored"]
fn xlsx_opens_with_openpyxl() {
    tools::python_with("openpyxl", "python3 -m pip install openpyxl");
    let dir = tempfile::tempdir().unwrap();
    for file in bundled() {
        let path = dir.path().join("schedule.xlsx");
        let out = run(&[
            "schedule",
            &file,
            "--as-of",
            AS_OF,
            "--lang",
            "ru",
            "-o",
            path.to_str().unwrap(),
            "--force",
        ]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let book = python(XLSX_SCRIPT, &[&path]);
        assert_eq!(
            book["freeze"], "A4",
            "{file}: title, meta and header frozen"
        );
        assert_eq!(book["header_bold"], true, "{file}: bold header");
        let rows = book["rows"].as_array().unwrap();
        let doc = json(&file, &[]);
        for e in doc["entries"].as_array().unwrap() {
            let number = e["number"].as_str().unwrap();
            let row = rows
                .iter()
                .find(|r| r[0].as_str() == Some(number))
                .unwrap_or_else(|| panic!("{file}: activity {number} is not in the workbook"));
            assert_eq!(row[1], e["title"], "{file}: {number}'s title");
            if let Some(start) = e["start"].as_str() {
                // An Excel date, read back as a datetime.
                assert_eq!(
                    row[4].as_str().map(|s| &s[..10]),
                    Some(start),
                    "{file}: {number} starts on an Excel date"
                );
            }
        }
    }
}

// ---------------------------------------------------------------- the page

/// A screenshot of `html` in headless Chromium, kept as `png`.
fn screenshot(browser: &str, html: &Path, png: &Path) {
    let profile = tempfile::tempdir().unwrap();
    let _ = std::fs::remove_file(png);
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg("--window-size=1600,2000")
        .arg(format!("file://{}", html.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let started = Instant::now();
    loop {
        if child.try_wait().expect("wait for chromium").is_some() {
            break;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium took over two minutes");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn html_is_self_contained_with_a_gantt_chart() {
    let html = schedule(TOMARI, "html", &[]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        html.contains("<svg") && html.contains("class=\"gantt progress\""),
        "inline SVG Gantt chart"
    );
    let doc = json(TOMARI, &[]);
    for number in numbers(&doc, true) {
        assert!(
            html.contains(&format!("<title>{number}. ")),
            "a row for {number} in the chart"
        );
    }
    assert!(html.contains("class=\"today\""), "the as-of line");
    assert!(html.contains("class=\"checkpoint\""), "checkpoint diamonds");
    assert!(html.contains("class=\"arrow"), "dependency arrows");
    assert!(html.contains("class=\"row crit"), "the critical path");
    for outside in [
        "<script",
        "<link",
        "@import",
        "src=\"http",
        "href=\"http",
        "url(http",
    ] {
        assert!(
            !html.contains(outside),
            "nothing from the network: {outside}"
        );
    }
}

#[test]
#[ignore = "needs Chromium: cargo test -- --include-ignored"]
fn html_renders_in_headless_chromium() {
    let browser = tools::chromium();
    let dir = artifacts();
    for (file, name) in [
        (TOMARI, "schedule-tomari"),
        ("roadmaps/smolensk-region-2020.roadmap", "schedule-smolensk"),
    ] {
        let html = dir.join(format!("{name}.html"));
        let png = dir.join(format!("{name}.png"));
        std::fs::write(&html, schedule(file, "html", &[])).unwrap();
        screenshot(browser, &html, &png);
        let size = std::fs::metadata(&png).map(|m| m.len()).unwrap_or(0);
        assert!(
            size > 50_000,
            "{}: {size} bytes: a blank page?",
            png.display()
        );
    }
}

/// The Tomari page with its status as of 15.03.2022, opened in headless
/// Chromium (scripts/print-test.py) on screen and printed: the overdue
/// activity drawn in the overdue colour, the printed chart's text at 8 pt or
/// more, at most six A4 landscape pages.
#[test]
#[ignore = "needs Chromium and Python's websocket-client: cargo test -- --include-ignored"]
fn the_page_shows_progress_and_prints_on_six_a4_pages() {
    let browser = tools::chromium();
    tools::python_with("websocket", "python3 -m pip install websocket-client");
    let dir = artifacts();
    let html = dir.join("schedule-tomari-progress.html");
    std::fs::write(&html, schedule(TOMARI, "html", &[])).unwrap();
    let facts = python_file(
        &root().join("scripts/print-test.py"),
        &[
            html.as_os_str(),
            "--chromium".as_ref(),
            browser.as_ref(),
            "--artifacts".as_ref(),
            dir.as_os_str(),
        ],
    );
    let overdue = &facts["overdue"];
    let rows = overdue["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "{facts}");
    assert!(
        rows[0]["title"].as_str().unwrap().starts_with("4.7. "),
        "{facts}"
    );
    assert_eq!(rows[0]["fill"], overdue["colour"], "{facts}");
    assert_ne!(overdue["colour"], "rgb(0, 0, 0)", "{facts}");
    let labels = &facts["labels"];
    assert!(
        labels["charts"].as_u64().unwrap() >= 2,
        "split by rows: {facts}"
    );
    assert!(labels["texts"].as_u64().unwrap() > 43, "{facts}");
    assert!(labels["smallest_pt"].as_f64().unwrap() >= 8.0, "{facts}");
    assert_eq!(labels["screen_chart_shown"], false, "{facts}");
    let pdf = &facts["pdf"];
    let pages = pdf["pages"].as_u64().unwrap();
    assert!((1..=6).contains(&pages), "{pages} pages: {facts}");
    let (width, height) = (
        pdf["width_pt"].as_f64().unwrap(),
        pdf["height_pt"].as_f64().unwrap(),
    );
    // A4 landscape: 842 × 595 points.
    assert!(
        (width - 842.0).abs() < 2.0 && (height - 595.0).abs() < 2.0,
        "{facts}"
    );
}

// ---------------------------------------------------------------- fixtures

#[test]
fn user_text_is_escaped_in_every_format() {
    let html = schedule(ESCAPING, "html", &[]);
    for raw in ["<script>alert", "<img src=x", "<b>жирная</b>"] {
        assert!(!html.contains(raw), "HTML: {raw} unescaped");
    }
    assert!(html.contains("&lt;script&gt;alert"));

    let md = schedule(ESCAPING, "md", &[]);
    assert!(
        md.contains(r"\<img src=x onerror=alert(1)\> \| «ОО»"),
        "{md}"
    );
    for line in md.lines().filter(|l| l.starts_with("| 1.1 ")) {
        let cells = line.replace(r"\|", "").matches('|').count();
        assert_eq!(cells, 7, "a pipe in the text must not add a cell: {line}");
    }

    let mermaid = schedule(ESCAPING, "mermaid", &[]);
    for line in mermaid
        .lines()
        .filter(|l| l.contains(":a") || l.contains(":crit") || l.contains(":milestone"))
    {
        let name = line.split(" :").next().unwrap();
        assert!(
            !name.contains(':')
                && !name.contains('#')
                && !name.contains(';')
                && !name.contains("%%"),
            "mermaid name: {name}"
        );
    }
    assert!(
        mermaid
            .lines()
            .nth(1)
            .unwrap()
            .trim_start()
            .starts_with("title "),
        "{mermaid}"
    );
    assert!(!mermaid.lines().nth(1).unwrap().contains('#'));

    let dot = stdout(&["graph", ESCAPING, "--format", "dot"]);
    assert!(
        dot.contains(r#"результатов \"в"#) && dot.contains(r#"кавычках\" \\ с"#),
        "{dot}"
    );
    let flow = stdout(&["graph", ESCAPING, "--format", "mermaid"]);
    assert!(
        flow.contains("#34;в кавычках#34;") && !flow.contains("\"в кавычках\""),
        "{flow}"
    );
}

#[test]
fn ics_text_is_escaped_and_folded() {
    let ics = schedule(ESCAPING, "ics", &[]);
    assert!(ics.contains(r"\;") && ics.contains(r"\,"), "TEXT escaping");
    let unfolded = ics.replace("\r\n ", "");
    assert!(unfolded.contains("SUMMARY:1.1. Анкетирование: <img src=x onerror=alert(1)> | «ОО» # 1\\; %% не комментарий"), "{unfolded}");
}

/// A roadmap with errors is still rendered in every format and by every
/// command, its findings printed on standard error and listed in the output,
/// and the exit code is 1.
#[test]
fn a_roadmap_with_errors_is_rendered_with_its_findings() {
    const BROKEN: &str = "tests/schedule/broken.roadmap";
    let dir = artifacts().join("broken");
    std::fs::create_dir_all(&dir).expect("artifacts folder");
    for format in FORMATS {
        let file = dir.join(format!("broken.{format}"));
        let _ = std::fs::remove_file(&file);
        let out = run(&[
            "schedule",
            BROKEN,
            "--format",
            format,
            "--lang",
            "en",
            "--as-of",
            AS_OF,
            "-o",
            file.to_str().expect("UTF-8 path"),
        ]);
        assert_eq!(out.status.code(), Some(1), "{format}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("E0203") && err.contains("1 error"), "{err}");
        let bytes = std::fs::read(&file).expect("the output is written");
        let listed = match format {
            // The workbook's second sheet holds the findings.
            "xlsx" => bytes
                .windows(b"xl/worksheets/sheet2.xml".len())
                .any(|w| w == b"xl/worksheets/sheet2.xml"),
            // A calendar has no place for them: standard error has them.
            "ics" => String::from_utf8_lossy(&bytes).contains("BEGIN:VEVENT"),
            _ => String::from_utf8_lossy(&bytes).contains("E0203"),
        };
        assert!(listed, "{format}: {}", String::from_utf8_lossy(&bytes));
    }
    let json = run(&["schedule", BROKEN, "--format", "json", "--lang", "en"]);
    let doc: Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(doc["findings"][0]["code"], "E0203");
    assert_eq!(doc["findings"][0]["line"], 9);
    for args in [
        &["graph", BROKEN][..],
        &["graph", BROKEN, "--format", "mermaid"],
        &["status", BROKEN, "--as-of", AS_OF],
        &["status", BROKEN, "--as-of", AS_OF, "--format", "json"],
        &["next", BROKEN, "--as-of", AS_OF],
        &["remind", BROKEN, "--as-of", AS_OF],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("E0203"), "{args:?}: {text}");
    }
    // Letters are shown, never written or sent, from dates that may be wrong.
    let letters = dir.join("letters");
    let _ = std::fs::remove_dir_all(&letters);
    let out = run(&[
        "remind",
        BROKEN,
        "--as-of",
        AS_OF,
        "--out",
        letters.to_str().expect("UTF-8 path"),
        "--log",
        dir.join("remind.log").to_str().expect("UTF-8 path"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no letter is written or sent"), "{err}");
    assert!(!letters.exists(), "no letter is written");
}

/// What the roadmap says is shown: the activity's and its stages' notes in
/// md, csv, xlsx and html; a yearly series by its month; the windows of two
/// stages that overlap as one; no critical path without dependencies; the
/// approval's number after «N» and its date in words.
#[test]
fn what_is_written_is_shown() {
    const FILE: &str = "tests/schedule/what-is-written.roadmap";
    stdout(&["check", FILE, "--lang", "en"]);
    let md = schedule(FILE, "md", &["--as-of", "2021-03-01"]);
    insta::assert_snapshot!("what-is-written.md", md);
    let stage_note = "экспертиза школьных программ повышения качества образования";
    let csv = schedule(FILE, "csv", &["--as-of", "2021-03-01"]);
    assert!(
        csv.contains(&format!("Этап программы: {stage_note}")),
        "{csv}"
    );
    let html = schedule(FILE, "html", &["--as-of", "2021-03-01"]);
    assert!(
        html.contains(&format!(
            "<span class=\"stage\">программы:</span> {stage_note}"
        )),
        "{html}"
    );
    let doc = json(FILE, &["--as-of", "2021-03-01"]);
    assert_eq!(doc["roadmap"]["approval"]["number"], "52");
    assert_eq!(doc["roadmap"]["approval"]["date"], "2020-06-05");
    assert_eq!(doc["critical_path"], serde_json::json!([]));
    assert_eq!(doc["entries"][0]["windows"], serde_json::json!([]));
    assert_eq!(doc["entries"][0]["start"], "2020-04-01");
    assert_eq!(doc["entries"][0]["end"], "2020-08-31");
    assert_eq!(doc["entries"][1]["resolved"], "май, ежегодно 2020–2023");
}

/// The stage's note of tests/schedule/what-is-written.roadmap, in the
/// workbook as Excel reads it.
#[test]
#[ignore = "needs Python's openpyxl: cargo test -- --include-ignored"]
fn what_is_written_is_shown_in_the_workbook() {
    const FILE: &str = "tests/schedule/what-is-written.roadmap";
    let stage_note = "экспертиза школьных программ повышения качества образования";
    tools::python_with("openpyxl", "python3 -m pip install openpyxl");
    let out = artifacts().join("what-is-written.xlsx");
    let _ = std::fs::remove_file(&out);
    stdout(&[
        "schedule",
        FILE,
        "-o",
        out.to_str().expect("UTF-8 path"),
        "--lang",
        "ru",
    ]);
    let cells = python(
        "import json, sys, openpyxl\nws = openpyxl.load_workbook(sys.argv[1]).active\nprint(json.dumps([[str(c) if c is not None else '' for c in row] for row in ws.iter_rows(values_only=True)]))",
        &[&out],
    );
    let rows = cells.as_array().expect("rows");
    let header = rows[2].as_array().expect("the header row");
    let notes = header
        .iter()
        .position(|h| h == "Примечания")
        .expect("a notes column");
    assert!(
        rows[4][notes]
            .as_str()
            .is_some_and(|n| n.contains(stage_note)),
        "{rows:?}"
    );
}

/// A party written in another case is the declared one: the roadmap checks
/// clean and `--party` finds its activities.
#[test]
fn a_party_in_another_case_is_the_declared_one() {
    const FILE: &str = "tests/schedule/party-in-another-case.roadmap";
    stdout(&["check", FILE, "--lang", "en"]);
    let doc = json(FILE, &["--party", "Кураторы"]);
    assert_eq!(numbers(&doc, false), ["4.2", "4.5"]);
    let responsible = &doc["entries"][0]["responsible"];
    assert_eq!(responsible[0]["id"], "Кураторы");
    assert_eq!(responsible[1]["id"], "ОО");
    assert_eq!(responsible[1]["name"], "МБОУ СОШ с. Красногорск");
    // `--party` too takes the id in any case.
    let lower = json(FILE, &["--party", "кураторы"]);
    assert_eq!(lower["party"], "Кураторы");
    assert_eq!(numbers(&lower, false), ["4.2", "4.5"]);
    stdout(&["status", FILE, "--as-of", AS_OF, "--party", "оо"]);
}

/// The newcomer's case: an approved «февраль – март» activity after one that
/// ends 11.02 starts on 11.02, and the roadmap checks clean.
#[test]
fn a_dependency_narrows_a_window_and_checks_clean() {
    const FILE: &str = "tests/schedule/after-in-a-window.roadmap";
    stdout(&["check", FILE, "--lang", "en"]);
    insta::assert_snapshot!("after-in-a-window.md", schedule(FILE, "md", &[]));
}

/// Slack on a plan of fixed dates: shown for what others come after (the
/// days until the first of them starts) and explained under the table; a
/// plan with no `после:` shows neither slack nor a critical path.
#[test]
fn slack_is_shown_where_others_depend_and_explained() {
    const WITH: &str = "tests/schedule/slack.roadmap";
    const WITHOUT: &str = "tests/schedule/no-dependencies.roadmap";
    let md = schedule(WITH, "md", &[]);
    assert!(
        md.contains("Анкетирование педагогов (резерв 10 дней)"),
        "{md}"
    );
    assert!(md.contains("Анализ анкет (резерв 4 дня)"), "{md}");
    assert!(!md.contains("Программа антирисковых мер (резерв"), "{md}");
    assert!(
        md.contains(
            "на сколько дней можно задержать мероприятие, не сдвигая зависящие от него мероприятия"
        ),
        "{md}"
    );
    insta::assert_snapshot!("slack.md", md);
    let html = schedule(WITH, "html", &["--lang", "en"]);
    assert!(
        html.contains("<span class=\"tag slack\">slack 10 days</span>"),
        "{html}"
    );
    assert!(
        html.contains("how many days it can slip without moving the activities that depend on it")
    );

    let md = schedule(WITHOUT, "md", &[]);
    assert!(!md.contains("резерв") && !md.contains("Резерв"), "{md}");
    assert!(
        !md.contains("Критический путь") && !md.contains("крит."),
        "{md}"
    );
    insta::assert_snapshot!("no-dependencies.md", md);
    let html = schedule(WITHOUT, "html", &["--lang", "en"]);
    assert!(!html.contains("class=\"tag slack\"") && !html.contains("bar window crit"));
    let csv = schedule(WITHOUT, "csv", &[]);
    let header: Vec<&str> = csv.lines().next().unwrap().split(';').collect();
    let column = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (slack, critical) = (column("Резерв, дней"), column("Критический путь"));
    for line in csv.lines().skip(1) {
        let cells: Vec<&str> = line.split(';').collect();
        assert_eq!((cells[slack], cells[critical]), ("", ""), "{line}");
    }
}

#[test]
fn usage_failures_exit_2() {
    let cases: [&[&str]; 6] = [
        &["schedule", "roadmaps"],
        &["schedule", "no/such.roadmap"],
        &["schedule", "roadmaps/tomari-parties.roadmap"],
        &["schedule", ESCAPING, "--party", "Никто"],
        &["schedule", ESCAPING, "--as-of", "31.02.2022"],
        &["schedule", ESCAPING, "--format", "pdf"],
    ];
    for args in cases {
        let out = run(args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn output_files_are_not_overwritten_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.html");
    std::fs::write(&path, "mine").unwrap();
    let p = path.to_str().unwrap();
    let out = run(&["schedule", ESCAPING, "-o", p]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "mine",
        "left alone"
    );

    let out = run(&["schedule", ESCAPING, "-o", p, "--force", "--as-of", AS_OF]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(
        written.starts_with("<!DOCTYPE html>"),
        "the format follows the extension"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left behind");

    let new = dir.path().join("plan.xlsx");
    let out = run(&["schedule", ESCAPING, "-o", new.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        std::fs::read(&new).unwrap().starts_with(b"PK"),
        "a zip: an xlsx"
    );
}

#[test]
fn party_filter_and_groupings() {
    let doc = json(ESCAPING, &["--party", "Куратор"]);
    assert_eq!(numbers(&doc, false), ["1.2", "2.1"]);
    assert_eq!(doc["party"], "Куратор");

    let doc = json(ESCAPING, &["--by", "party"]);
    let groups: Vec<(&str, Vec<&str>)> = doc["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["key"].as_str().unwrap(),
                g["members"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|m| m["number"].as_str().unwrap())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        groups,
        [
            ("Школа", vec!["1.1", "2.1"]),
            ("Куратор", vec!["1.2", "2.1"])
        ]
    );

    let doc = json(ESCAPING, &["--by", "month"]);
    let months: Vec<&str> = doc["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["key"].as_str().unwrap())
        .collect();
    assert_eq!(months, ["2022-02", "2022-03"]);

    let md = schedule(ESCAPING, "md", &["--by", "month"]);
    assert!(
        md.contains("## Февраль 2022") && md.contains("## Март 2022"),
        "{md}"
    );
    let md = schedule(ESCAPING, "md", &["--by", "party", "--lang", "en"]);
    assert!(md.contains("| No. | Activity |"), "English labels: {md}");
}

#[test]
fn templates_are_overridable() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("schedule.md.hbs"),
        "{{#each entries}}{{number}}: {{date start}} ({{month start \"gen\"}}, {{quarter start}}), \
         {{plural (days_between start @root.as_of) \"день\" \"дня\" \"дней\"}} до {{date @root.as_of \"short\"}}\n{{/each}}",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("gantt.svg.hbs"),
        "<svg class=\"custom\">{{len gantt.rows}}</svg>",
    )
    .unwrap();
    let templates = dir.path().to_str().unwrap();
    let md = schedule(
        ESCAPING,
        "md",
        &["--templates", templates, "--as-of", "2022-02-22"],
    );
    assert_eq!(
        md,
        "1.1: 1 февраля 2022 г. (февраля, I квартал), 21 день до 22.02.2022\n\
         1.2: 15 февраля 2022 г. (февраля, I квартал), 7 дней до 22.02.2022\n\
         2.1: 1 марта 2022 г. (марта, I квартал), -7 дней до 22.02.2022\n"
    );
    let html = schedule(ESCAPING, "html", &["--templates", templates]);
    assert!(
        html.contains("<svg class=\"custom\">3</svg>"),
        "a partial replaced, the page kept"
    );

    std::fs::write(dir.path().join("schedule.md.hbs"), "{{#each}}").unwrap();
    let out = run(&["schedule", ESCAPING, "--templates", templates]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("schedule.md.hbs"));
}

#[test]
fn graph_marks_sections_and_the_critical_path() {
    let doc = json(ESCAPING, &[]);
    let critical: Vec<&str> = doc["critical_path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(!critical.is_empty());
    let dot = stdout(&["graph", ESCAPING]);
    assert!(dot.starts_with("digraph roadmap {"), "{dot}");
    assert_eq!(
        dot.matches("subgraph cluster_").count(),
        2,
        "a cluster per section"
    );
    assert!(dot.contains("a1_1 -> a1_2") && dot.contains("a1_2 -> a2_1"));
    for number in critical {
        let id = format!("a{}", number.replace('.', "_"));
        let line = dot
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{id} [")))
            .unwrap();
        assert!(
            line.contains("penwidth"),
            "critical {number} in bold red: {line}"
        );
    }
    let flow = stdout(&["graph", ESCAPING, "--format", "mermaid"]);
    assert!(flow.starts_with("flowchart LR"));
    assert!(flow.contains("class ") && flow.contains(" crit"));
    assert!(
        flow.contains(r#"a1_1["1.1. Анкетирование"#),
        "labelled «number. title»: {flow}"
    );
}

/// «сентябрь 2021 (по запросу)»: the window is kept on the schedule, and the
/// activity stays marked as on request or on someone's schedule.
#[test]
fn a_window_with_a_note_keeps_its_window() {
    const FILE: &str = "tests/schedule/window-with-a-note.roadmap";
    stdout(&["check", FILE, "--lang", "en"]);
    let doc = json(FILE, &[]);
    let entries = doc["entries"].as_array().expect("entries");
    let got: Vec<(&str, &str, &str, &str)> = entries
        .iter()
        .map(|e| {
            (
                e["number"].as_str().unwrap_or("?"),
                e["start"].as_str().unwrap_or("-"),
                e["end"].as_str().unwrap_or("-"),
                e["undated"]["kind"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("1.1", "2020-01-01", "2021-12-31", "schedule"),
            ("1.2", "2021-09-01", "2021-09-30", "on_demand"),
            ("1.3", "2022-09-01", "2022-09-30", "schedule"),
            ("1.4", "-", "-", "on_demand"),
        ]
    );
    assert_eq!(entries[2]["undated"]["owner"], "СОИРО");
    // The calendar: the deadline, and with --windows the window behind it.
    let ics = schedule(FILE, "ics", &[]);
    assert!(ics.contains("DTSTART;VALUE=DATE:20210930"), "{ics}");
    let ics = schedule(FILE, "ics", &["--windows"]);
    assert!(ics.contains("DTSTART;VALUE=DATE:20210901"), "{ics}");
    insta::assert_snapshot!("window-with-a-note.md", schedule(FILE, "md", &[]));
}

/// «к 2025 году», «до 2026 года»: the user named no day (the deadline is the
/// year's end by rule), so a day off there is not worth a warning.
#[test]
fn a_deadline_by_rule_is_not_warned_about_as_a_day_off() {
    const FILE: &str = "tests/schedule/deadline-by-rule.roadmap";
    let check = run(&["check", FILE, "--lang", "en"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("W0504"), "{stderr}");
    let doc = json(FILE, &[]);
    assert_eq!(doc["entries"][0]["deadline"], "2025-12-31");
    assert_eq!(doc["entries"][1]["deadline"], "2026-12-31");
}

//! `roadmap-lsp-latency`: how long `roadmap lsp` takes to publish the
//! diagnostics of a roadmap after a change (BENCHMARKS.md). A measurement,
//! not a test.
//!
//! ```text
//! roadmap-lsp-latency ROADMAP FILE [--changes N]
//! ```
//!
//! Starts `ROADMAP lsp` in FILE's folder, opens FILE, then sends N changes
//! (100 by default), each a whole new text that alternately breaks the first
//! `ответственный:` line and mends it, and times each from the moment the
//! change is written to the moment its diagnostics arrive. Prints the
//! median, the 90th percentile and the worst, in milliseconds.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: roadmap-lsp-latency ROADMAP FILE [--changes N]";
    let (Some(binary), Some(file)) = (args.first(), args.get(1)) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let changes: usize = match args.get(2).map(String::as_str) {
        Some("--changes") => args.get(3).and_then(|n| n.parse().ok()).unwrap_or(100),
        _ => 100,
    };
    let binary = std::fs::canonicalize(binary).expect("ROADMAP exists");
    let file = std::fs::canonicalize(file).expect("FILE exists");
    let text = std::fs::read_to_string(&file).expect("FILE is readable");
    let key = ["ответственный: ", "ответственные: "]
        .into_iter()
        .find(|k| text.contains(k))
        .expect("FILE has an `ответственный:` line");
    let broken = text.replacen(key, &format!("{key}Нет"), 1);
    let dir: PathBuf = file.parent().expect("a folder").to_path_buf();
    let uri = format!("file://{}", file.display());

    let mut child = Command::new(&binary)
        .args(["lsp", "--lang", "en"])
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("ROADMAP lsp starts");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut send = |message: Value| {
        let body = message.to_string();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        stdin.flush().expect("flush");
    };
    let root = format!("file://{}", dir.display());
    send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": {"processId": null, "rootUri": root, "capabilities": {}}}));
    wait(&mut stdout, |m| m["id"] == 1);
    send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                "params": {"textDocument": {"uri": uri, "languageId": "roadmap", "version": 1, "text": text}}}));
    let published =
        |m: &Value| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri;
    wait(&mut stdout, published);

    let mut times = Vec::with_capacity(changes);
    for version in 0..changes {
        let new = if version % 2 == 0 { &broken } else { &text };
        let message = json!({"jsonrpc": "2.0", "method": "textDocument/didChange",
            "params": {"textDocument": {"uri": uri, "version": version + 2},
                       "contentChanges": [{"text": new}]}});
        let started = Instant::now();
        send(message);
        let found = wait(&mut stdout, published);
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        let errors = found["params"]["diagnostics"]
            .as_array()
            .map_or(0, |d| d.iter().filter(|d| d["severity"] == 1).count());
        assert_eq!(
            errors > 0,
            version % 2 == 0,
            "the change's diagnostics arrived"
        );
    }
    send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null}));
    wait(&mut stdout, |m| m["id"] == 2);
    send(json!({"jsonrpc": "2.0", "method": "exit", "params": null}));
    let _ = child.wait();

    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "{} changes of {}: median {:.1} ms, p90 {:.1} ms, worst {:.1} ms",
        times.len(),
        file.display(),
        at(0.5),
        at(0.9),
        at(1.0)
    );
}

/// Reads messages until one satisfies `done`.
fn wait(reader: &mut impl BufRead, done: impl Fn(&Value) -> bool) -> Value {
    loop {
        let mut length = 0;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).expect("read") == 0 {
                panic!("roadmap lsp closed its output");
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.parse().expect("a length");
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).expect("a body");
        let message: Value = serde_json::from_slice(&body).expect("JSON");
        if done(&message) {
            return message;
        }
    }
}

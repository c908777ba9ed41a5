//! An editor in miniature: starts the real `roadmap lsp`, speaks JSON-RPC to
//! it with `Content-Length` framing, and keeps every message for a
//! transcript.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

/// Only a safety net, so that a server that never answers fails the test
/// with a message; nothing asserts how fast it answers.
const HANG: Duration = Duration::from_secs(300);

pub struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    /// Notifications read while waiting for a response.
    pending: Vec<Value>,
    next_id: i64,
    pub dir: PathBuf,
    /// Every message, `>` from the editor, `<` from the server.
    pub transcript: Vec<(char, Value)>,
}

impl Client {
    /// Starts `roadmap lsp` in `dir` and initializes it with `dir` as the workspace.
    pub fn start(dir: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_roadmap"))
            .args(["lsp", "--lang", "ru", "--as-of", "2022-03-15"])
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("roadmap lsp starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, incoming) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            incoming,
            pending: Vec::new(),
            next_id: 1,
            dir: dir.to_path_buf(),
            transcript: Vec::new(),
        };
        let root = client.uri("");
        let result = client.request(
            "initialize",
            json!({ "processId": null, "rootUri": root, "capabilities": {} }),
        );
        assert!(result["capabilities"]["hoverProvider"]
            .as_bool()
            .unwrap_or(false));
        client.notify("initialized", json!({}));
        client
    }

    /// The `file://` URI of a file of the workspace.
    pub fn uri(&self, name: &str) -> String {
        let path = self.dir.join(name);
        format!("file://{}", path.display()).replace(' ', "%20")
    }

    fn send(&mut self, message: Value) {
        self.transcript.push(('>', message.clone()));
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write to lsp");
        self.stdin.flush().expect("flush");
    }

    fn receive(&mut self) -> Value {
        let message = self
            .incoming
            .recv_timeout(HANG)
            .expect("roadmap lsp answered (it neither hung nor died)");
        self.transcript.push(('<', message.clone()));
        message
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and returns its result; an error response fails the test.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_raw(method, params);
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    pub fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        loop {
            let message = self.receive();
            if message["id"] == json!(id) {
                return message;
            }
            self.pending.push(message);
        }
    }

    /// The next diagnostics published for `name`.
    pub fn diagnostics(&mut self, name: &str) -> Vec<Value> {
        let uri = self.uri(name);
        let is_for = |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == json!(uri)
        };
        if let Some(i) = self.pending.iter().position(is_for) {
            let m = self.pending.remove(i);
            return m["params"]["diagnostics"]
                .as_array()
                .cloned()
                .unwrap_or_default();
        }
        loop {
            let message = self.receive();
            if is_for(&message) {
                return message["params"]["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
            }
            self.pending.push(message);
        }
    }

    pub fn open(&mut self, name: &str, text: &str) {
        let uri = self.uri(name);
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "roadmap", "version": 1, "text": text } }),
        );
    }

    pub fn change(&mut self, name: &str, version: i32, text: &str) {
        let uri = self.uri(name);
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
        );
    }

    /// `{textDocument, position}` for the `nth` (0-based) occurrence of
    /// `needle` in `text`, plus `shift` characters, in UTF-16 units as LSP counts.
    pub fn at(&self, name: &str, text: &str, needle: &str, nth: usize, shift: usize) -> Value {
        let offset = text
            .match_indices(needle)
            .nth(nth)
            .unwrap_or_else(|| panic!("`{needle}` in {name}"))
            .0;
        let before = &text[..offset];
        let line = before.matches('\n').count();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let character = text[line_start..offset].encode_utf16().count() + shift;
        json!({ "textDocument": { "uri": self.uri(name) }, "position": { "line": line, "character": character } })
    }

    /// Shuts the server down and checks it exits cleanly.
    pub fn shutdown(mut self) -> Vec<(char, Value)> {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let status = self.child.wait().expect("roadmap lsp exits");
        assert!(status.success(), "roadmap lsp exited with {status}");
        std::mem::take(&mut self.transcript)
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

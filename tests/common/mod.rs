//! A small builder for running the real `roadmap` binary the way a person
//! does, in the style of casey/just's integration tests:
//!
//! ```ignore
//! Test::new()
//!     .file("a.roadmap", "дорожная карта: …")
//!     .args(["check", "a.roadmap", "--lang", "en", "--color", "never"])
//!     .stderr_snapshot("name")
//!     .failure();
//! ```
//!
//! Every run, whatever it expects, also checks that the binary neither
//! panicked nor died by a signal, and that it wrote UTF-8.

use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_roadmap");

/// Only a safety net so that a hang shows up as a failure with a message
/// instead of a test run that never ends; no test asserts how fast it is.
const HANG: Duration = Duration::from_secs(600);

/// The root of this repository.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Where the snapshots of this test binary live.
fn snapshot_dir() -> PathBuf {
    repo_root().join("tests").join("snapshots")
}

/// Compares `content` with `tests/snapshots/<name>.snap`; `description` says
/// in the snapshot file how it was made (the command line).
pub fn assert_snapshot(name: &str, description: &str, content: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(snapshot_dir());
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.set_description(description);
    settings.bind(|| insta::assert_snapshot!(name, content));
}

enum Dir {
    Temp(tempfile::TempDir),
    Fixed(PathBuf),
}

/// One run of the binary: files to write, arguments, and what to expect.
#[must_use = "a Test does nothing until .run(), .status(), .success() or .failure()"]
pub struct Test {
    dir: Dir,
    args: Vec<OsString>,
    env: Vec<(OsString, OsString)>,
    stdout: Option<String>,
    stderr: Option<String>,
    stdout_snapshot: Option<String>,
    stderr_snapshot: Option<String>,
    output_snapshot: Option<String>,
}

impl Default for Test {
    fn default() -> Self {
        Self::new()
    }
}

impl Test {
    /// A run in a fresh, empty temporary folder.
    pub fn new() -> Test {
        let dir = tempfile::Builder::new()
            .prefix("roadmap-test")
            .tempdir()
            .expect("a temporary folder");
        Test::with_dir(Dir::Temp(dir))
    }

    /// A run in an existing folder of this repository (`tests/corpus`, the
    /// repository root), given relative to the root.
    pub fn in_repo(relative: &str) -> Test {
        Test::with_dir(Dir::Fixed(repo_root().join(relative)))
    }

    /// A run in a folder the test owns (a temporary folder it keeps to
    /// read the files the run writes).
    pub fn in_dir(path: &Path) -> Test {
        Test::with_dir(Dir::Fixed(path.to_path_buf()))
    }

    fn with_dir(dir: Dir) -> Test {
        Test {
            dir,
            args: Vec::new(),
            env: Vec::new(),
            stdout: None,
            stderr: None,
            stdout_snapshot: None,
            stderr_snapshot: None,
            output_snapshot: None,
        }
    }

    /// The folder the binary runs in.
    pub fn path(&self) -> &Path {
        match &self.dir {
            Dir::Temp(dir) => dir.path(),
            Dir::Fixed(path) => path,
        }
    }

    /// Writes a file (text or raw bytes), creating its folders.
    pub fn file(self, path: impl AsRef<Path>, contents: impl AsRef<[u8]>) -> Test {
        assert!(
            matches!(self.dir, Dir::Temp(_)),
            "files are written only into a temporary folder"
        );
        let path = self.path().join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create the file's folder");
        }
        std::fs::write(&path, contents).expect("write the file");
        self
    }

    /// Creates an empty folder.
    pub fn dir(self, path: impl AsRef<Path>) -> Test {
        std::fs::create_dir_all(self.path().join(path)).expect("create the folder");
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Test
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    pub fn env(mut self, key: impl Into<OsString>, value: impl Into<OsString>) -> Test {
        self.env.push((key.into(), value.into()));
        self
    }

    /// Expects exactly this on standard output.
    pub fn stdout(mut self, expected: impl Into<String>) -> Test {
        self.stdout = Some(expected.into());
        self
    }

    /// Expects exactly this on standard error.
    pub fn stderr(mut self, expected: impl Into<String>) -> Test {
        self.stderr = Some(expected.into());
        self
    }

    /// Compares standard output with a snapshot.
    pub fn stdout_snapshot(mut self, name: impl Into<String>) -> Test {
        self.stdout_snapshot = Some(name.into());
        self
    }

    /// Compares standard error with a snapshot.
    pub fn stderr_snapshot(mut self, name: impl Into<String>) -> Test {
        self.stderr_snapshot = Some(name.into());
        self
    }

    /// Compares the exit code and both streams with one snapshot.
    pub fn output_snapshot(mut self, name: impl Into<String>) -> Test {
        self.output_snapshot = Some(name.into());
        self
    }

    /// Runs and expects exit code 0.
    pub fn success(self) -> Output {
        self.status(0)
    }

    /// Runs and expects exit code 1: the roadmaps have errors.
    pub fn failure(self) -> Output {
        self.status(1)
    }

    /// Runs and expects this exit code.
    pub fn status(self, code: i32) -> Output {
        let output = self.run();
        assert_eq!(
            output.status,
            code,
            "exit code of `{}`\n--- stdout\n{}\n--- stderr\n{}",
            output.command,
            clip(&output.stdout),
            clip(&output.stderr)
        );
        output
    }

    /// Runs and expects a verdict on the roadmaps, 0 or 1, whichever it is:
    /// not a usage failure, a panic or a signal.
    pub fn completes(self) -> Output {
        let output = self.run();
        assert!(
            output.status == 0 || output.status == 1,
            "`{}` exited with {}\n--- stderr\n{}",
            output.command,
            output.status,
            clip(&output.stderr)
        );
        output
    }

    /// Runs and checks what was asked, except the exit code.
    pub fn run(self) -> Output {
        let command_line = std::iter::once("roadmap".to_string())
            .chain(self.args.iter().map(|a| a.to_string_lossy().into_owned()))
            .collect::<Vec<_>>()
            .join(" ");
        let where_ = match &self.dir {
            Dir::Temp(_) => String::new(),
            Dir::Fixed(path) => {
                let relative = path.strip_prefix(repo_root()).unwrap_or(path);
                match relative.to_string_lossy().as_ref() {
                    "" => " (in the repository root)".to_string(),
                    r => format!(" (in {r})"),
                }
            }
        };
        let description = format!("{command_line}{where_}");
        let mut command = Command::new(BIN);
        command
            .args(&self.args)
            .current_dir(self.path())
            .env_remove("LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("NO_COLOR")
            .env_remove("RUST_BACKTRACE")
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let (status, stdout, stderr) = run_with_watchdog(command, &description);
        let output = Output {
            command: description.clone(),
            status,
            stdout: String::from_utf8(stdout)
                .unwrap_or_else(|e| panic!("`{description}` wrote stdout that is not UTF-8: {e}")),
            stderr: String::from_utf8(stderr)
                .unwrap_or_else(|e| panic!("`{description}` wrote stderr that is not UTF-8: {e}")),
        };
        assert!(
            !output.stderr.contains("panicked"),
            "`{description}` panicked:\n{}",
            clip(&output.stderr)
        );
        assert_ne!(
            output.status, 101,
            "`{description}` exited with 101 (a panic)"
        );
        if let Dir::Temp(dir) = &self.dir {
            let mut paths = vec![dir.path().to_path_buf()];
            paths.extend(dir.path().canonicalize().ok());
            for path in paths {
                let path = path.to_string_lossy();
                assert!(
                    !output.stdout.contains(path.as_ref())
                        && !output.stderr.contains(path.as_ref()),
                    "`{description}` printed the temporary folder {path}"
                );
            }
        }
        if let Some(expected) = &self.stdout {
            assert_eq!(&output.stdout, expected, "stdout of `{description}`");
        }
        if let Some(expected) = &self.stderr {
            assert_eq!(&output.stderr, expected, "stderr of `{description}`");
        }
        if let Some(name) = &self.stdout_snapshot {
            assert_snapshot(name, &description, &output.stdout);
        }
        if let Some(name) = &self.stderr_snapshot {
            assert_snapshot(name, &description, &output.stderr);
        }
        if let Some(name) = &self.output_snapshot {
            assert_snapshot(name, &description, &output.combined());
        }
        output
    }
}

/// Runs the command, reading both pipes while it runs; a run that takes
/// longer than [`HANG`] is killed and reported as a hang. A death by signal
/// fails the test.
fn run_with_watchdog(mut command: Command, description: &str) -> (i32, Vec<u8>, Vec<u8>) {
    let mut child = command.spawn().expect("start the roadmap binary");
    let mut out = child.stdout.take().expect("stdout is piped");
    let mut err = child.stderr.take().expect("stderr is piped");
    let out = std::thread::spawn(move || {
        let mut buffer = Vec::new();
        let _ = out.read_to_end(&mut buffer);
        buffer
    });
    let err = std::thread::spawn(move || {
        let mut buffer = Vec::new();
        let _ = err.read_to_end(&mut buffer);
        buffer
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for the binary") {
            break status;
        }
        if started.elapsed() > HANG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`{description}` hung: still running after {HANG:?}, killed");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = out.join().expect("read stdout");
    let stderr = err.join().expect("read stderr");
    let code = status.code().unwrap_or_else(|| {
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            panic!(
                "`{description}` was killed by signal {:?}\n--- stderr\n{}",
                status.signal(),
                clip(&String::from_utf8_lossy(&stderr))
            );
        }
        #[cfg(not(unix))]
        panic!("`{description}` ended without an exit code");
    });
    (code, stdout, stderr)
}

/// What a run printed and how it ended.
#[derive(Debug)]
pub struct Output {
    pub command: String,
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    /// The exit code and both streams, as stored in an output snapshot.
    pub fn combined(&self) -> String {
        let mut text = format!("exit code: {}\n", self.status);
        if !self.stdout.is_empty() {
            text.push_str("--- stdout\n");
            text.push_str(&self.stdout);
        }
        if !self.stderr.is_empty() {
            text.push_str("--- stderr\n");
            text.push_str(&self.stderr);
        }
        text
    }

    /// The last line of standard error: the summary.
    pub fn summary(&self) -> &str {
        self.stderr.lines().last().unwrap_or("")
    }

    /// Standard output parsed as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout of `{}` is not JSON: {e}\n{}",
                self.command,
                clip(&self.stdout)
            )
        })
    }
}

/// At most a few kilobytes of a long text, for failure messages.
pub fn clip(text: &str) -> String {
    const MAX: usize = 4000;
    if text.len() <= MAX {
        return text.to_string();
    }
    let mut end = MAX;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes in all)", &text[..end], text.len())
}

/// A header, parties and sections that check clean: the start of many
/// test files.
pub const HEADER: &str = "\
дорожная карта: Дорожная карта проекта «500+» МО «Томаринский городской округ»
период: 2022
утверждена: приказ № 52-а от 14.03.2022
владелец: ОтделОбр

участник ОтделОбр: Отдел образования МО «Томаринский городской округ»
участник ОО: МБОУ СОШ с. Красногорск
участник Кураторы: Кураторы проекта
";

/// Windows-1251, the encoding of Russian Windows, for the characters the
/// roadmaps use: Cyrillic letters, «», dashes, № and ASCII.
const CP1251_EXTRA: &[(char, u8)] = &[
    ('Ё', 0xA8),
    ('ё', 0xB8),
    ('«', 0xAB),
    ('»', 0xBB),
    ('–', 0x96),
    ('—', 0x97),
    ('№', 0xB9),
];

/// Text as a Russian Windows editor saves it.
pub fn encode_cp1251(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            c if c.is_ascii() => c as u8,
            'А'..='я' => (c as u32 - 'А' as u32 + 0xC0) as u8,
            c => CP1251_EXTRA
                .iter()
                .find(|(k, _)| *k == c)
                .map(|(_, b)| *b)
                .unwrap_or_else(|| panic!("{c:?} is not in the Windows-1251 table here")),
        })
        .collect()
}

/// The inverse of [`encode_cp1251`].
pub fn decode_cp1251(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x00..=0x7F => b as char,
            0xC0..=0xFF => char::from_u32(u32::from(b) - 0xC0 + 'А' as u32).expect("a letter"),
            b => CP1251_EXTRA
                .iter()
                .find(|(_, v)| *v == b)
                .map_or('\u{FFFD}', |(k, _)| *k),
        })
        .collect()
}

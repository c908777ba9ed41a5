//! Standard output for every subcommand: written through a locked handle, so
//! that a reader who stops early (`roadmap fmt --check … | head -3`) ends the
//! output quietly instead of a panic.

use super::{CLEAN, FAILURE};
use crate::lang::Lang;
use std::io::{ErrorKind, Write};

/// How far a write to standard output went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Written {
    /// Everything was written.
    All,
    /// The reader closed the pipe: nothing more is wanted.
    Closed,
}

/// Writes `bytes` to standard output; a closed pipe is not an error.
pub(super) fn write(bytes: &[u8]) -> std::io::Result<Written> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(Written::All),
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(Written::Closed),
        Err(e) => Err(e),
    }
}

/// The message for a write to standard output that failed.
pub(super) fn failed(e: &std::io::Error, lang: Lang) -> String {
    match lang {
        Lang::Ru => format!("ошибка: не удалось вывести отчёт: {e}"),
        Lang::En => format!("error: cannot write the report: {e}"),
    }
}

/// Prints `text` to standard output; a closed pipe is not an error.
pub(super) fn print(text: &str, lang: Lang) -> i32 {
    match write(text.as_bytes()) {
        Ok(_) => CLEAN,
        Err(e) => {
            eprintln!("{}", failed(&e, lang));
            FAILURE
        }
    }
}

/// Standard output written piece by piece (a diff per file, a line per
/// form): once the reader has gone, the rest is dropped, while the work the
/// pieces report on goes on.
#[derive(Debug, Default)]
pub(super) struct Pieces {
    closed: bool,
}

impl Pieces {
    /// Writes `text` unless the reader has gone; `Err` when writing failed
    /// for another reason.
    pub(super) fn print(&mut self, text: &str) -> std::io::Result<()> {
        if !self.closed && write(text.as_bytes())? == Written::Closed {
            self.closed = true;
        }
        Ok(())
    }
}

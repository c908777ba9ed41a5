//! File-system notifications, debounced: the operating system's own
//! (inotify, FSEvents, ReadDirectoryChangesW) where it has them, else — or
//! with `--poll` — a scan of the files' metadata every so often.

use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    new_debouncer_opt, DebounceEventResult, Debouncer, NoCache, RecommendedCache,
};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::time::Duration;

/// What the loop is told.
#[derive(Debug)]
pub enum Event {
    /// These paths changed (created, written, renamed, deleted) and then
    /// stayed quiet for the debounce time.
    Changed(Vec<PathBuf>),
    /// Events were lost (the kernel's queue overflowed): anything may have
    /// changed.
    Rescan,
    /// The watcher could not do something; the loop goes on.
    Failed(String),
    /// Ctrl-C (SIGINT) or SIGTERM.
    Stop,
}

/// How changes are noticed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The operating system says.
    Native,
    /// The files' metadata is read every so often.
    Poll,
}

enum Inner {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, NoCache>),
}

/// Watches the root and the folders added later; stops when dropped.
pub struct Watcher {
    inner: Inner,
    watched: HashSet<PathBuf>,
    /// Why the native watcher could not be used, when the watcher fell back
    /// to polling.
    pub fell_back: Option<String>,
}

impl Watcher {
    /// Watches `root` (its subfolders too when `recursive`) and sends what
    /// changed to `tx`. Native notifications unless `poll`; when they cannot
    /// be had (no inotify, too many watches), polling every `poll_interval`.
    pub fn start(
        root: &Path,
        recursive: bool,
        poll: bool,
        debounce: Duration,
        poll_interval: Duration,
        tx: Sender<Event>,
    ) -> notify::Result<Watcher> {
        let mut fell_back = None;
        if !poll {
            match Self::native(root, recursive, debounce, tx.clone()) {
                Ok(mut watcher) => {
                    watcher.watched.insert(root.to_path_buf());
                    return Ok(watcher);
                }
                Err(err) => fell_back = Some(err.to_string()),
            }
        }
        // Modification times are compared in whole seconds: two saves in one
        // second would look like one. The contents are compared too.
        let config = notify::Config::default()
            .with_poll_interval(poll_interval)
            .with_compare_contents(true);
        let mut debouncer = new_debouncer_opt::<_, PollWatcher, NoCache>(
            debounce,
            None,
            handler(tx),
            NoCache,
            config,
        )?;
        debouncer.watch(root, mode(recursive))?;
        Ok(Watcher {
            inner: Inner::Poll(debouncer),
            watched: [root.to_path_buf()].into(),
            fell_back,
        })
    }

    fn native(
        root: &Path,
        recursive: bool,
        debounce: Duration,
        tx: Sender<Event>,
    ) -> notify::Result<Watcher> {
        let mut debouncer = new_debouncer_opt::<_, RecommendedWatcher, RecommendedCache>(
            debounce,
            None,
            handler(tx),
            RecommendedCache::new(),
            notify::Config::default(),
        )?;
        debouncer.watch(root, mode(recursive))?;
        Ok(Watcher {
            inner: Inner::Native(debouncer),
            watched: HashSet::new(),
            fell_back: None,
        })
    }

    pub fn mode(&self) -> Mode {
        match &self.inner {
            Inner::Native(_) => Mode::Native,
            Inner::Poll(_) => Mode::Poll,
        }
    }

    fn watch(&mut self, path: &Path, recursive: bool) -> notify::Result<()> {
        match &mut self.inner {
            Inner::Native(d) => d.watch(path, mode(recursive)),
            Inner::Poll(d) => d.watch(path, mode(recursive)),
        }
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        match &mut self.inner {
            Inner::Native(d) => d.unwatch(path),
            Inner::Poll(d) => d.unwatch(path),
        }
    }

    /// Also watches `dir` (not its subfolders): a folder outside the root
    /// that holds a template or an included file. Once per folder.
    pub fn add(&mut self, dir: &Path) -> notify::Result<()> {
        if self.watched.contains(dir) {
            return Ok(());
        }
        self.watch(dir, false)?;
        self.watched.insert(dir.to_path_buf());
        Ok(())
    }

    /// Watches `root` again: after the folder itself was deleted and made
    /// anew, the old watch watches nothing.
    pub fn rewatch(&mut self, root: &Path, recursive: bool) -> notify::Result<()> {
        let _ = self.unwatch(root);
        self.watch(root, recursive)
    }
}

fn mode(recursive: bool) -> RecursiveMode {
    if recursive {
        RecursiveMode::Recursive
    } else {
        RecursiveMode::NonRecursive
    }
}

/// Passes on what changed. Reads are not changes: inotify reports every
/// open, and the check's own reads would otherwise start the next check.
fn handler(tx: Sender<Event>) -> impl FnMut(DebounceEventResult) + Send + 'static {
    move |result: DebounceEventResult| {
        let event = match result {
            Ok(events) if events.iter().any(|e| e.need_rescan()) => Event::Rescan,
            Ok(events) => {
                let paths: Vec<PathBuf> = events
                    .into_iter()
                    .filter(|e| !matches!(e.kind, EventKind::Access(_)))
                    .flat_map(|e| e.event.paths)
                    .collect();
                if paths.is_empty() {
                    return;
                }
                Event::Changed(paths)
            }
            Err(errors) => Event::Failed(
                errors
                    .iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        };
        let _ = tx.send(event);
    }
}

/// Ctrl-C (and SIGTERM) send [`Event::Stop`]; a second one, while the loop
/// is still busy with a long check, exits at once. The outputs are written
/// atomically, so there is nothing to clean up.
pub fn on_interrupt(tx: Sender<Event>) -> Result<(), ctrlc::Error> {
    static ASKED: AtomicBool = AtomicBool::new(false);
    ctrlc::set_handler(move || {
        if ASKED.swap(true, Ordering::SeqCst) {
            std::process::exit(0);
        }
        let _ = tx.send(Event::Stop);
    })
}

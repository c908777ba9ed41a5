//! What the server knows: every file under PATH as its last check left it,
//! and each roadmap's schedule page, made when first asked for.

use super::draw::Refused;
use super::marks::Marks;
use crate::diagnostic::{Human, Report};
use crate::graph::Graph;
use crate::lang::Lang;
use crate::model::Roadmap;
use crate::watch::{self, Checked};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};

/// One file as the pages show it; a copy is taken out of the state to
/// answer a request, so that nothing is drawn while the state is locked.
#[derive(Clone)]
pub(super) struct Page {
    /// The file, as found under PATH.
    pub(super) path: String,
    pub(super) title: Option<String>,
    /// A roadmap (not a file of parties only).
    pub(super) roadmap: bool,
    pub(super) activities: usize,
    /// The last version without errors, and when it was checked.
    pub(super) good: Option<(Arc<Good>, String)>,
    /// The findings, as `check` prints them without colour.
    pub(super) report: String,
    pub(super) errors: usize,
    pub(super) warnings: usize,
    /// When it was last checked.
    pub(super) checked: String,
    /// [`State::version`] at its last check.
    pub(super) version: u64,
    /// The roadmap as last checked, errors and all: what the roll-up judges.
    pub(super) current: Option<Arc<(Roadmap, Graph)>>,
    /// The templates it extends, by name, from the one it names to the root.
    pub(super) templates: Vec<String>,
}

/// A version without errors and its schedule page. The page is drawn when
/// first asked for (a thousand plans are checked in a second, and their
/// pages would take half a minute), once however many ask at the same time,
/// and kept until the roadmap changes.
pub(super) struct Good {
    pub(super) loaded: Arc<(Roadmap, Graph)>,
    pub(super) page: OnceLock<Result<String, Refused>>,
}

impl Good {
    pub(super) fn new(loaded: Arc<(Roadmap, Graph)>) -> Good {
        Good {
            loaded,
            page: OnceLock::new(),
        }
    }
}

impl Page {
    /// The schedule page, when drawn; or why it was not.
    pub(super) fn drawn(&self) -> Option<&Result<String, Refused>> {
        self.good.as_ref().and_then(|(good, _)| good.page.get())
    }
}

pub(super) struct State {
    pub(super) pages: BTreeMap<String, Page>,
    /// Goes up on every re-check.
    pub(super) version: u64,
    pub(super) checked: String,
}

pub(super) struct Shared {
    pub(super) state: Mutex<State>,
    pub(super) changed: Condvar,
    pub(super) lang: Lang,
    /// Taking marks from the browser (`--allow-marks`), or not.
    pub(super) marks: Option<Marks>,
    /// PATH, as named.
    pub(super) root: String,
    /// Requests must name a loopback host.
    pub(super) loopback: bool,
    pub(super) as_of: Option<NaiveDate>,
}

impl Shared {
    pub(super) fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Takes a re-check into the pages and wakes the event streams.
pub(super) fn apply(shared: &Shared, checked: Checked, lang: Lang) {
    let time = watch::timestamp();
    let reports: Vec<String> = checked
        .files
        .iter()
        .map(|file| {
            let diagnostics = checked.diagnostics_of(file);
            if diagnostics.is_empty() {
                return String::new();
            }
            Human::plain(lang).render(&Report {
                sources: &checked.sources,
                diagnostics: &diagnostics,
                files: 1,
                activities: 0,
            })
        })
        .collect();
    let mut state = shared.lock();
    state.version += 1;
    let version = state.version;
    state.checked = time.clone();
    for (_, name) in &checked.removed {
        state.pages.remove(name);
    }
    let root = std::path::Path::new(&shared.root);
    let name_of = |id: crate::source::FileId| {
        let path = &checked.sources.get(id).path;
        let relative = path.strip_prefix(root).unwrap_or(path);
        let name = relative.to_string_lossy().replace('\\', "/");
        if name.is_empty() {
            path.to_string_lossy().into_owned()
        } else {
            name
        }
    };
    for (file, report) in checked.files.into_iter().zip(reports) {
        let roadmap = file.roadmap.as_ref().map(|(r, _)| r);
        let templates = roadmap
            .and_then(|r| r.extension.as_ref())
            .map(|e| e.chain.iter().map(|&id| name_of(id)).collect())
            .unwrap_or_default();
        let mut page = Page {
            path: file.path.display().to_string(),
            title: roadmap
                .and_then(|r| r.title.as_ref())
                .map(|t| t.text.clone()),
            roadmap: roadmap.is_some(),
            activities: roadmap.map_or(0, |r| r.activities.len()),
            good: None,
            report,
            errors: file.errors,
            warnings: file.warnings,
            checked: time.clone(),
            version,
            current: None,
            templates,
        };
        let old = state.pages.remove(&file.name);
        let loaded = file.roadmap.map(Arc::new);
        page.current = loaded.clone();
        page.good = match loaded {
            Some(loaded) if file.errors == 0 => Some((Arc::new(Good::new(loaded)), time.clone())),
            Some(_) => old.and_then(|old| old.good),
            None => None,
        };
        state.pages.insert(file.name, page);
    }
    drop(state);
    shared.changed.notify_all();
}

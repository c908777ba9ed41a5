//! The pipeline for a set of files: read → syntax → model → graph → check,
//! the same for every command.

use crate::check;
use crate::code::Severity;
use crate::diagnostic::{Diagnostic, Report};
use crate::graph::{self, Graph};
use crate::lang::Lang;
use crate::model::{self, Loaded, Roadmap, Workspace};
use crate::source::FileId;
use std::path::{Path, PathBuf};

/// A file or folder that could not be read: a usage or I/O failure (exit 2),
/// not a finding in a roadmap.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: crate::confine::ReadError,
    },
    #[error("{path} is not a .roadmap file or a folder")]
    NotRoadmap { path: PathBuf },
    #[error("no .roadmap files in {path}")]
    Empty { path: PathBuf },
}

impl Failure {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Failure::Read { path, source }, _) if source.code().is_some() => {
                let code = source.code().map(|c| c.as_str()).unwrap_or_default();
                match lang {
                    Lang::Ru => format!("ошибка[{code}]: {}", source.ru()),
                    Lang::En => format!("error[{code}]: {source}"),
                }
            }
            (_, Lang::En) => format!("error: {self}"),
            (Failure::Read { path, source }, Lang::Ru) => {
                format!(
                    "ошибка: не удалось прочитать {}: {}",
                    path.display(),
                    source.ru()
                )
            }
            (Failure::NotRoadmap { path }, Lang::Ru) => {
                format!("ошибка: {} — не файл .roadmap и не папка", path.display())
            }
            (Failure::Empty { path }, Lang::Ru) => {
                format!("ошибка: в {} нет файлов .roadmap", path.display())
            }
        }
    }
}

/// The roadmap files named by `paths`: files as given, folders searched
/// recursively for `*.roadmap`, in a stable order.
pub fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Failure>) {
    let mut files = Vec::new();
    let mut failures = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(source) => failures.push(Failure::Read {
                path: path.clone(),
                source: source.into(),
            }),
            Ok(meta) if meta.is_dir() => {
                let before = files.len();
                walk(path, &mut files, &mut failures);
                files[before..].sort();
                if files.len() == before {
                    failures.push(Failure::Empty { path: path.clone() });
                }
            }
            Ok(_) if is_roadmap(path) || paths.len() == 1 => files.push(path.clone()),
            Ok(_) => failures.push(Failure::NotRoadmap { path: path.clone() }),
        }
    }
    // The same file named twice (`a.roadmap ./a.roadmap`) is read once.
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    (files, failures)
}

/// A `.roadmap` file, but not an editor's lock file (`.#a.roadmap`, Emacs).
fn is_roadmap(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "roadmap")
        && !path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(".#"))
}

/// Depth-first over a folder without recursion; symbolic links to folders are
/// not followed, so a link loop cannot trap it.
fn walk(root: &Path, files: &mut Vec<PathBuf>, failures: &mut Vec<Failure>) {
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(source) => {
                failures.push(Failure::Read {
                    path: dir,
                    source: source.into(),
                });
                continue;
            }
        };
        for entry in entries.flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() => stack.push(path),
                Ok(_) if is_roadmap(&path) => files.push(path),
                _ => {}
            }
        }
    }
}

/// Everything one run found.
///
/// When the files were checked in parallel (see [`check_files`]), `workspace`
/// holds every file's text (`sources`) but the syntax trees of only some of
/// them: read a file again with [`Workspace::load`] to get its tree.
pub struct Run {
    pub workspace: Workspace,
    pub diagnostics: Vec<Diagnostic>,
    pub roadmaps: Vec<(Roadmap, Graph)>,
    pub activities: usize,
    pub failures: Vec<Failure>,
}

impl Run {
    /// What the run found, for the diagnostics' renderers.
    pub fn report(&self) -> Report<'_> {
        Report {
            sources: &self.workspace.sources,
            diagnostics: &self.diagnostics,
            files: self.workspace.sources.len(),
            activities: self.activities,
        }
    }
}

/// Reads and checks every file: across the machine's cores when there are
/// enough files (`ROADMAP_THREADS` sets the number of threads; 1 checks in
/// this thread), with the same result, in the same order, as one by one.
pub fn check_files(files: &[PathBuf]) -> Run {
    check_files_keeping(files, Keep::Roadmaps)
}

/// [`check_files`] for the findings only: each roadmap is dropped once it is
/// checked, so `roadmaps` is empty (`activities` still counts them). At
/// national scale the roadmaps are most of the memory, and `check` reports
/// findings only.
pub fn check_files_for_findings(files: &[PathBuf]) -> Run {
    check_files_keeping(files, Keep::Counts)
}

/// [`check_files`] that hands each roadmap, with the workspace it was checked
/// in, to `visit` as soon as it is checked (on the thread that checked it, in
/// no particular order), then drops it: `roadmaps` is empty. What a roll-up
/// over thousands of plans needs, without holding all their models at once.
/// When the parallel check gives up (a file it did not foresee) and the
/// files are checked again one by one, a roadmap is visited again: the
/// later visit, after every thread has ended, is the one to keep.
pub fn check_files_visiting(files: &[PathBuf], visit: Visit<'_>) -> Run {
    check_files_keeping(files, Keep::Visit(visit))
}

/// What [`check_files_visiting`] calls with each roadmap checked.
pub type Visit<'a> = &'a (dyn Fn(&Workspace, &Roadmap, &Graph) + Sync);

/// What a run keeps of the roadmaps it checked.
#[derive(Clone, Copy)]
enum Keep<'a> {
    Roadmaps,
    /// Only how many activities they have.
    Counts,
    /// Only how many activities they have, each roadmap visited first.
    Visit(Visit<'a>),
}

impl Keep<'_> {
    fn roadmaps(self) -> bool {
        matches!(self, Keep::Roadmaps)
    }

    fn visit(self, workspace: &Workspace, checked: &(Roadmap, Graph)) {
        if let Keep::Visit(visit) = self {
            visit(workspace, &checked.0, &checked.1);
        }
    }
}

fn check_files_keeping(files: &[PathBuf], keep: Keep) -> Run {
    let threads = threads(files.len());
    if threads > 1 {
        if let Some(run) = parallel::check(files, threads, keep) {
            return run;
        }
    }
    check_sequentially(files, keep)
}

/// Files below this many per thread are checked in one thread: starting
/// threads would cost more than it saves.
const MIN_FILES_PER_THREAD: usize = 8;

fn threads(files: usize) -> usize {
    let wanted = std::env::var("ROADMAP_THREADS")
        .ok()
        .and_then(|n| n.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    wanted.min(files / MIN_FILES_PER_THREAD).max(1)
}

fn check_sequentially(files: &[PathBuf], keep: Keep) -> Run {
    load_and_check(Workspace::default(), files, keep)
}

/// Checks one file given as bytes (standard input, tests, the fuzzer);
/// includes are read relative to `path`.
pub fn check_bytes(path: PathBuf, bytes: Vec<u8>) -> Run {
    let mut workspace = Workspace::default();
    let id = workspace.add(path, bytes);
    check_loaded(workspace, &[id], Keep::Roadmaps)
}

/// Checks `files` one by one in `workspace` (which may hold unsaved texts,
/// see [`Workspace::with_unsaved`]), keeping every roadmap: what an editor
/// shows as the files are typed.
pub fn check_in(workspace: Workspace, files: &[PathBuf]) -> Run {
    load_and_check(workspace, files, Keep::Roadmaps)
}

fn load_and_check(mut workspace: Workspace, files: &[PathBuf], keep: Keep) -> Run {
    let mut failures = Vec::new();
    let mut ids = Vec::with_capacity(files.len());
    for path in files {
        match workspace.load(path) {
            Ok(id) => ids.push(id),
            Err(source) => failures.push(Failure::Read {
                path: path.clone(),
                source,
            }),
        }
    }
    let mut run = check_loaded(workspace, &ids, keep);
    run.failures = failures;
    run
}

fn check_loaded(mut workspace: Workspace, ids: &[FileId], keep: Keep) -> Run {
    let mut diagnostics = Vec::new();
    let mut roadmaps = Vec::new();
    let mut activities = 0;
    for &id in ids {
        let status = workspace.sources.get(id).path.with_extension("status");
        let status = workspace.exists(&status).then_some(status);
        if let Some(checked) = check_one(&mut workspace, id, status, &mut diagnostics) {
            activities += checked.0.activities.len();
            keep.visit(&workspace, &checked);
            if keep.roadmaps() {
                roadmaps.push(checked);
            }
        }
    }
    diagnostics.append(&mut workspace.diagnostics);
    sort(&workspace, &mut diagnostics);
    Run {
        workspace,
        diagnostics,
        roadmaps,
        activities,
        failures: Vec::new(),
    }
}

/// Checks one roadmap with `status` as the text of its status file in place
/// of the one on disk (there may be none yet): marks are checked before they
/// are written. Returns the run and the status file's id in it.
pub fn check_with_status(path: &Path, status: Vec<u8>) -> Result<(Run, FileId), Failure> {
    check_with_status_in(Workspace::default(), path, status)
}

/// [`check_with_status`] in a workspace that may hold files read before (the
/// run's `workspace`, handed back): a template shared by many plans is read
/// and parsed once, not once a plan. The files on disk must not have changed
/// since they were read, except the status file, whose text is `status`.
pub fn check_with_status_in(
    mut workspace: Workspace,
    path: &Path,
    status: Vec<u8>,
) -> Result<(Run, FileId), Failure> {
    let read = |source: crate::confine::ReadError| Failure::Read {
        path: path.to_path_buf(),
        source,
    };
    let id = workspace.load(path).map_err(read)?;
    let status_path = path.with_extension("status");
    let status_id = workspace
        .add_in_place_of(&status_path, status)
        .map_err(|e| read(e.into()))?;
    let mut diagnostics = Vec::new();
    let mut roadmaps = Vec::new();
    let mut activities = 0;
    if let Some(checked) = check_one(&mut workspace, id, Some(status_path), &mut diagnostics) {
        activities = checked.0.activities.len();
        roadmaps.push(checked);
    }
    diagnostics.append(&mut workspace.diagnostics);
    sort(&workspace, &mut diagnostics);
    let run = Run {
        workspace,
        diagnostics,
        roadmaps,
        activities,
        failures: Vec::new(),
    };
    Ok((run, status_id))
}

/// What a plan says with `status` as the text of its status file, built but
/// not checked (a reader of its marks that checks the new text afterwards),
/// in a workspace as for [`check_with_status_in`], handed back; `None` for a
/// file that is no roadmap.
pub fn build_with_status_in(
    mut workspace: Workspace,
    path: &Path,
    status: Vec<u8>,
) -> Result<(Workspace, Option<Box<Roadmap>>), Failure> {
    let read = |source: crate::confine::ReadError| Failure::Read {
        path: path.to_path_buf(),
        source,
    };
    let id = workspace.load(path).map_err(read)?;
    let status_path = path.with_extension("status");
    workspace
        .add_in_place_of(&status_path, status)
        .map_err(|e| read(e.into()))?;
    let built = build_one(&mut workspace, id, Some(status_path), &mut Vec::new());
    Ok((workspace, built.map(|(roadmap, _)| roadmap)))
}

/// Builds one loaded file with its status file, unchecked; the roadmap and
/// the files it was read from.
fn build_one(
    workspace: &mut Workspace,
    id: FileId,
    status: Option<PathBuf>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(Box<Roadmap>, Vec<FileId>)> {
    if workspace.sources.get(id).text.trim().is_empty() {
        diagnostics.push(empty_file(id));
    }
    let loaded = model::build(workspace, id, diagnostics);
    // Its tree is not needed again unless the file is also a template or
    // included, and then it is parsed again.
    workspace.forget(id);
    let Loaded::Roadmap(mut roadmap) = loaded else {
        return None;
    };
    let mut files = vec![id];
    files.extend(
        roadmap
            .extension
            .iter()
            .flat_map(|e| e.chain.iter().copied()),
    );
    if let Some(status) = status {
        match workspace.load(&status) {
            Ok(status) => {
                files.push(status);
                model::apply_status(workspace, &mut roadmap, status, diagnostics);
                workspace.forget(status);
            }
            Err(source) => diagnostics.push(unreadable_status(id, &status, &source)),
        }
    }
    Some((roadmap, files))
}

/// Builds, graphs and checks one loaded file, with its status file (`status`,
/// when one lies next to it); `None` for a file of parties only.
fn check_one(
    workspace: &mut Workspace,
    id: FileId,
    status: Option<PathBuf>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(Roadmap, Graph)> {
    let before = diagnostics.len();
    let (mut roadmap, files) = build_one(workspace, id, status, diagnostics)?;
    let graph = graph::build(&roadmap, diagnostics);
    check::check(&roadmap, &graph, diagnostics);
    if let Some(extension) = &roadmap.extension {
        extension.point_at_bindings(&mut diagnostics[before..]);
    }
    // What building and checking it found, and what reading its files did
    // (the workspace keeps that apart: it is reported once per file).
    roadmap.errors = diagnostics[before..]
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .count()
        + files
            .iter()
            .map(|&f| workspace.read_errors(f))
            .sum::<usize>();
    Some((*roadmap, graph))
}

/// A file checked that holds nothing (`fmt` leaves it be; it is not wrong).
fn empty_file(file: FileId) -> Diagnostic {
    Diagnostic::new(
        crate::code::Code::EmptyFile,
        crate::source::Span::new(file, 0, 0),
        crate::text!(ru: "Файл пуст"; en: "The file is empty"),
    )
    .with_help(crate::text!(
        ru: "Начните с «дорожная карта: …» и «период: …» или удалите файл";
        en: "Start with `roadmap: …` and `period: …`, or delete the file"
    ))
}

fn unreadable_status(roadmap: FileId, path: &Path, err: &crate::confine::ReadError) -> Diagnostic {
    Diagnostic::new(
        err.code().unwrap_or(crate::code::Code::IncludeNotFound),
        crate::source::Span::new(roadmap, 0, 0),
        crate::text!(
            ru: "Файл отметок {} нельзя прочитать: {}", path.display(), err.ru();
            en: "Cannot read the status file {}: {}", path.display(), err
        ),
    )
}

/// By file, then place, then code; the same finding reached twice (a file
/// both checked and included) is kept once.
fn sort(workspace: &Workspace, diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| {
        let path = |d: &Diagnostic| &workspace.sources.get(d.span.file).path;
        path(a)
            .cmp(path(b))
            .then(a.span.start.cmp(&b.span.start))
            .then(a.code.cmp(&b.code))
            .then(a.span.end.cmp(&b.span.end))
    });
    diagnostics.dedup();
}

/// Checking files on several threads with the result of checking them one by
/// one.
///
/// A [`Workspace`] numbers files in the order it reads them, and every span
/// of a syntax tree, a roadmap and a diagnostic carries that number. So each
/// thread gets a workspace of its own in which every file has the number it
/// would have in one shared workspace: the files given come first, in their
/// order; then the templates and included files they reach that were not
/// given; then the status files. A thread really reads only the files it
/// checks and what they reach (a template is read once by each thread that
/// needs it); every other place is held by an empty stand-in. The numbers
/// then agree across threads, and the results are merged without touching
/// a span: the texts into one [`crate::source::Sources`], the diagnostics
/// sorted as ever.
///
/// What a file reaches is known before it is read by a quick look at its
/// `расширяет:`/`подключить:` lines, and exactly after it is parsed. Whenever
/// a thread would read a file the plan did not foresee, the numbers could
/// disagree: the parallel check gives up (`None`) and the caller checks the
/// files one by one instead.
mod parallel {
    use super::{check_one, sort, Failure, Keep, Run};
    use crate::diagnostic::Diagnostic;
    use crate::graph::Graph;
    use crate::model::{Roadmap, Workspace};
    use crate::source::{normalize, FileId, Sources};
    use crate::syntax::Key;
    use std::collections::{HashMap, HashSet};
    use std::path::{Path, PathBuf};
    use std::sync::Arc;

    /// What a thread hands back: its workspace, the files it read, and for
    /// each of them the paths it names (includes, templates) and whether each
    /// exists.
    type Parsed = (Workspace, Vec<Read>, Vec<Vec<(PathBuf, bool)>>);

    /// A file given, read by its thread.
    struct Read {
        /// Index into the files given.
        index: usize,
        /// Its place among the files read.
        place: usize,
        real: PathBuf,
        bytes: Vec<u8>,
        /// Paths its `расширяет:` and `подключить:` lines seem to name.
        hints: Vec<PathBuf>,
        status: Option<PathBuf>,
    }

    /// What a thread checked.
    struct Checked {
        index: usize,
        diagnostics: Vec<Diagnostic>,
        /// Its activities, when it is a roadmap.
        activities: usize,
        /// The roadmap, when the run keeps it.
        roadmap: Option<(Roadmap, Graph)>,
    }

    /// A file reached through `расширяет:` or `подключить:` that was not given.
    struct Reached {
        path: PathBuf,
        /// The files it names, with whether they are followed as templates.
        refs: Vec<(PathBuf, bool)>,
    }

    /// The thread that checks the `index`-th file: blocks of files in turn,
    /// so that a folder's neighbours share a thread.
    fn thread_of(index: usize, threads: usize) -> usize {
        (index / 16) % threads
    }

    pub(super) fn check(files: &[PathBuf], threads: usize, keep: Keep) -> Option<Run> {
        // 1. Every thread reads its files and glances at what they name.
        let reads: Vec<Vec<Result<Read, (usize, Failure)>>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|t| {
                    scope.spawn(move || {
                        (0..files.len())
                            .filter(|&i| thread_of(i, threads) == t)
                            .map(|i| read(i, &files[i]))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let mut failures: Vec<(usize, Failure)> = Vec::new();
        let mut by_thread: Vec<Vec<Read>> = Vec::with_capacity(threads);
        for list in reads {
            let mut ok = Vec::new();
            for r in list {
                match r {
                    Ok(read) => ok.push(read),
                    Err(failure) => failures.push(failure),
                }
            }
            by_thread.push(ok);
        }
        failures.sort_by_key(|(i, _)| *i);
        // Places: the files read, in the order given.
        let mut order: Vec<(usize, usize, usize)> = by_thread
            .iter()
            .enumerate()
            .flat_map(|(t, list)| list.iter().enumerate().map(move |(j, r)| (r.index, t, j)))
            .collect();
        order.sort_unstable();
        let given = order.len();
        let mut place_of_real: HashMap<PathBuf, usize> = HashMap::with_capacity(given);
        let mut owner = vec![0usize; given];
        let mut path_of = Vec::with_capacity(given);
        for (place, &(index, t, j)) in order.iter().enumerate() {
            let read = &mut by_thread[t][j];
            read.place = place;
            owner[place] = t;
            path_of.push(files[index].clone());
            if place_of_real.insert(read.real.clone(), place).is_some() {
                // The same file given twice under two names.
                return None;
            }
        }

        // 2. Which given files each thread must read as someone's template or
        // include, from the glance: those are read in full, not stood in for.
        let mut canonical: HashMap<PathBuf, Option<PathBuf>> = HashMap::new();
        let mut hints_of_other: HashMap<PathBuf, Vec<PathBuf>> = HashMap::new();
        let mut hinted: Vec<HashSet<usize>> = vec![HashSet::new(); threads];
        let mut named_at_all: HashSet<usize> = HashSet::new();
        let hints_by_real: HashMap<&Path, &[PathBuf]> = by_thread
            .iter()
            .flatten()
            .map(|r| (r.real.as_path(), r.hints.as_slice()))
            .collect();
        for (t, list) in by_thread.iter().enumerate() {
            let mut seen: HashSet<PathBuf> = HashSet::new();
            let mut stack: Vec<PathBuf> = list.iter().flat_map(|r| r.hints.clone()).collect();
            while let Some(path) = stack.pop() {
                let real = canonical
                    .entry(path.clone())
                    .or_insert_with(|| std::fs::canonicalize(&path).ok())
                    .clone();
                let Some(real) = real else { continue };
                if !seen.insert(real.clone()) {
                    continue;
                }
                if let Some(&place) = place_of_real.get(&real) {
                    hinted[t].insert(place);
                    named_at_all.insert(place);
                    stack.extend(hints_by_real[real.as_path()].iter().cloned());
                } else {
                    let hints = hints_of_other.entry(real).or_insert_with(|| {
                        crate::confine::read(&path)
                            .map(|(_, bytes)| glance(&path, &bytes))
                            .unwrap_or_default()
                    });
                    stack.extend(hints.iter().cloned());
                }
            }
        }

        // 3. Every thread parses its files in their places, reads in full the
        // given files it may reach, and stands in for the rest.
        let path_of = &path_of;
        let (owner_ref, hinted_ref, named_ref) = (&owner, &hinted, &named_at_all);
        let parsed: Vec<Option<Parsed>> = std::thread::scope(|scope| {
            let handles: Vec<_> = by_thread
                .into_iter()
                .enumerate()
                .map(|(t, list)| {
                    scope.spawn(move || {
                        parse_given(t, list, path_of, owner_ref, &hinted_ref[t], named_ref)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let mut parsed: Vec<_> = parsed.into_iter().collect::<Option<Vec<_>>>()?;

        // 4. Exactly what each thread reaches, from the parsed files; the
        // files reached that were not given get the places after the given
        // ones, in the order they are first reached.
        let mut refs_of_given: Vec<Vec<(PathBuf, bool)>> = vec![Vec::new(); given];
        for (_, list, refs) in &mut parsed {
            for (read, r) in list.iter().zip(refs.drain(..)) {
                refs_of_given[read.place] = r;
            }
        }
        let mut scratch = Workspace::default();
        let mut reached: Vec<Reached> = Vec::new();
        let mut reached_place: HashMap<PathBuf, usize> = HashMap::new();
        let mut reach: Vec<HashSet<usize>> = vec![HashSet::new(); threads];
        for (place, &t) in owner.iter().enumerate() {
            // (place, followed as a template) to visit; places past `given`
            // are files reached.
            let mut stack: Vec<(usize, bool)> = vec![(place, true)];
            let mut visited: HashMap<usize, bool> = HashMap::new();
            let mut first = true;
            while let Some((at, as_template)) = stack.pop() {
                if !first {
                    reach[t].insert(at);
                }
                first = false;
                match visited.get(&at) {
                    Some(&done) if done || !as_template => continue,
                    _ => {}
                }
                visited.insert(at, as_template);
                let refs = if at < given {
                    refs_of_given[at].clone()
                } else {
                    reached[at - given].refs.clone()
                };
                // Depth first, in the order of the lines.
                for (path, template) in refs.into_iter().rev() {
                    if template && !as_template {
                        continue;
                    }
                    let real = canonical
                        .entry(path.clone())
                        .or_insert_with(|| std::fs::canonicalize(&path).ok())
                        .clone();
                    let Some(real) = real else {
                        continue;
                    };
                    let next = if let Some(&p) = place_of_real.get(&real) {
                        p
                    } else if let Some(&p) = reached_place.get(&real) {
                        p
                    } else {
                        let Ok(id) = scratch.load(&path) else {
                            continue;
                        };
                        let refs = references(&scratch, id, &path);
                        reached.push(Reached { path, refs });
                        reached_place.insert(real, given + reached.len() - 1);
                        given + reached.len() - 1
                    };
                    stack.push((next, template));
                }
            }
        }
        drop(scratch);
        // A given file a thread reaches must have been read in full by it.
        for (t, (_, list, _)) in parsed.iter().enumerate() {
            let registered: HashSet<usize> = list
                .iter()
                .map(|r| r.place)
                .filter(|p| named_at_all.contains(p))
                .chain(hinted[t].iter().copied())
                .collect();
            if reach[t]
                .iter()
                .any(|&p| p < given && !registered.contains(&p))
            {
                return None;
            }
        }
        // Status files last, in the order of their roadmaps.
        let mut status_place: HashMap<usize, usize> = HashMap::new();
        let mut status_paths: Vec<(PathBuf, usize)> = Vec::new();
        for (_, list, _) in &parsed {
            for read in list {
                if let Some(status) = &read.status {
                    status_paths.push((status.clone(), read.place));
                }
            }
        }
        status_paths.sort_by_key(|(_, place)| *place);
        let first_status = given + reached.len();
        for (k, (_, place)) in status_paths.iter().enumerate() {
            status_place.insert(*place, first_status + k);
        }
        let total = first_status + status_paths.len();

        // Which thread's copy of each file the merged run keeps: the thread
        // that checks it, or the first that read it in full.
        let source_thread: Vec<usize> = (0..total)
            .map(|p| {
                if p < given {
                    owner[p]
                } else if p < first_status {
                    (0..threads).find(|&t| reach[t].contains(&p)).unwrap_or(0)
                } else {
                    owner[status_paths[p - first_status].1]
                }
            })
            .collect();

        // 5. Every thread fills the places of the files reached and of the
        // status files, then builds, graphs and checks its files, and hands
        // over the texts it keeps (its workspace is dropped there, not here).
        let (reached_ref, reach_ref, status_ref, status_place_ref, source_ref) = (
            &reached,
            &reach,
            &status_paths,
            &status_place,
            &source_thread,
        );
        let finished: Vec<Option<Finished>> = std::thread::scope(|scope| {
            let handles: Vec<_> = parsed
                .into_iter()
                .enumerate()
                .map(|(t, (ws, list, _))| {
                    scope.spawn(move || {
                        let places = Places {
                            given,
                            reached: reached_ref,
                            reach: &reach_ref[t],
                            status: status_ref,
                            status_place: status_place_ref,
                            owner: owner_ref,
                            source_thread: source_ref,
                            total,
                        };
                        check_given(t, ws, list, &places, keep)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let finished: Vec<Finished> = finished.into_iter().collect::<Option<Vec<_>>>()?;

        // 6. Merge.
        let mut texts: Vec<Option<(PathBuf, Arc<str>)>> = vec![None; total];
        let mut results: Vec<Checked> = Vec::with_capacity(given);
        let mut read_diagnostics = Vec::new();
        let mut base = None;
        for f in finished {
            for (place, path, text) in f.texts {
                texts[place] = Some((path, text));
            }
            read_diagnostics.extend(f.read);
            results.extend(f.checked);
            base = base.or(f.workspace);
        }
        let mut sources = Sources::default();
        for text in texts {
            let (path, text) = text?;
            sources.add(path, text);
        }
        results.sort_by_key(|c| c.index);
        let mut workspace = base?;
        workspace.sources = sources;
        workspace.diagnostics.clear();
        let mut diagnostics = Vec::new();
        let mut roadmaps = Vec::new();
        let mut activities = 0;
        for c in results {
            diagnostics.extend(c.diagnostics);
            activities += c.activities;
            roadmaps.extend(c.roadmap);
        }
        diagnostics.append(&mut read_diagnostics);
        sort(&workspace, &mut diagnostics);
        Some(Run {
            workspace,
            diagnostics,
            roadmaps,
            activities,
            failures: failures.into_iter().map(|(_, f)| f).collect(),
        })
    }

    /// Reads a given file as [`Workspace::load`] does, and glances at it.
    fn read(index: usize, path: &Path) -> Result<Read, (usize, Failure)> {
        let fail = |source| {
            (
                index,
                Failure::Read {
                    path: path.to_path_buf(),
                    source,
                },
            )
        };
        let (real, bytes) = crate::confine::read(path).map_err(fail)?;
        let status = path.with_extension("status");
        Ok(Read {
            index,
            place: 0,
            real,
            hints: glance(path, &bytes),
            bytes,
            status: status.is_file().then_some(status),
        })
    }

    /// The paths that the `расширяет:` and `подключить:` lines of a file seem
    /// to name (any spelling, any case): a guess, checked after parsing.
    fn glance(path: &Path, bytes: &[u8]) -> Vec<PathBuf> {
        const KEYS: [&str; 4] = ["расширяет", "extends", "подключить", "include"];
        let base = path.parent().unwrap_or(Path::new(""));
        let text = String::from_utf8_lossy(bytes);
        let mut found = Vec::new();
        for line in text.lines() {
            let line = line.trim_start_matches('\u{feff}');
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let key = key.trim_end();
            let first = key.chars().next().map(|c| c.to_lowercase().next());
            if !matches!(first, Some(Some('р' | 'e' | 'п' | 'i'))) {
                continue;
            }
            let key = key.to_lowercase();
            let value = value.trim();
            if KEYS.contains(&key.as_str()) && !value.is_empty() {
                found.push(normalize(&base.join(value)));
            }
        }
        found
    }

    /// The files a parsed file names: its first `расширяет:` (followed as a
    /// template) and every `подключить:`, relative to its folder.
    fn references(ws: &Workspace, id: FileId, path: &Path) -> Vec<(PathBuf, bool)> {
        let doc = ws.document(id);
        let base = path.parent().unwrap_or(Path::new(""));
        let extends = doc
            .header(Key::Extends)
            .map(|h| (normalize(&base.join(&h.value.text)), true));
        extends
            .into_iter()
            .chain(
                doc.headers
                    .iter()
                    .filter(|h| h.key == Key::Include)
                    .map(|h| (normalize(&base.join(&h.value.text)), false)),
            )
            .collect()
    }

    /// Step 3 for thread `t`: the given files in their places.
    fn parse_given(
        t: usize,
        mut list: Vec<Read>,
        path_of: &[PathBuf],
        owner: &[usize],
        hinted: &HashSet<usize>,
        named: &HashSet<usize>,
    ) -> Option<Parsed> {
        let mut ws = Workspace::default();
        let mut mine = list.iter_mut().peekable();
        for (place, path) in path_of.iter().enumerate() {
            let id = if owner[place] == t {
                let read = mine.next()?;
                debug_assert_eq!(read.place, place);
                if named.contains(&place) {
                    ws.load(path).ok()?
                } else {
                    ws.add(path.clone(), std::mem::take(&mut read.bytes))
                }
            } else if hinted.contains(&place) {
                ws.load(path).ok()?
            } else {
                ws.add(path.clone(), Vec::new())
            };
            if id.0 as usize != place {
                return None;
            }
        }
        let refs = list
            .iter()
            .map(|r| references(&ws, FileId(r.place as u32), &path_of[r.place]))
            .collect();
        Some((ws, list, refs))
    }

    /// Where the files of a run go, for step 5.
    struct Places<'a> {
        given: usize,
        reached: &'a [Reached],
        /// The places the thread reaches.
        reach: &'a HashSet<usize>,
        status: &'a [(PathBuf, usize)],
        status_place: &'a HashMap<usize, usize>,
        owner: &'a [usize],
        source_thread: &'a [usize],
        total: usize,
    }

    /// What a thread hands over.
    struct Finished {
        /// Thread 0's, the merged run's base.
        workspace: Option<Workspace>,
        /// The texts of the places whose copy is this thread's.
        texts: Vec<(usize, PathBuf, Arc<str>)>,
        /// Diagnostics of reading those places.
        read: Vec<Diagnostic>,
        checked: Vec<Checked>,
    }

    /// Step 5 for thread `t`.
    fn check_given(
        t: usize,
        mut ws: Workspace,
        list: Vec<Read>,
        at: &Places,
        keep: Keep,
    ) -> Option<Finished> {
        let (given, reached) = (at.given, at.reached);
        for (k, file) in reached.iter().enumerate() {
            let place = given + k;
            let id = if at.reach.contains(&place) {
                ws.load(&file.path).ok()?
            } else {
                ws.add(file.path.clone(), Vec::new())
            };
            if id.0 as usize != place {
                return None;
            }
        }
        for (k, (path, roadmap)) in at.status.iter().enumerate() {
            let place = given + reached.len() + k;
            let id = if at.owner[*roadmap] == t {
                ws.load(path).ok()?
            } else {
                ws.add(path.clone(), Vec::new())
            };
            if id.0 as usize != place {
                return None;
            }
        }
        let mut checked = Vec::with_capacity(list.len());
        for read in &list {
            let id = FileId(read.place as u32);
            let mut diagnostics = Vec::new();
            let roadmap = check_one(&mut ws, id, read.status.clone(), &mut diagnostics);
            if let Some(checked) = &roadmap {
                keep.visit(&ws, checked);
            }
            if roadmap.is_none() && at.status_place.contains_key(&read.place) {
                // A file of parties with a status file next to it: one by one,
                // the status file is not read.
                return None;
            }
            checked.push(Checked {
                index: read.index,
                diagnostics,
                activities: roadmap.as_ref().map_or(0, |(r, _)| r.activities.len()),
                roadmap: roadmap.filter(|_| keep.roadmaps()),
            });
        }
        // Nothing read that the places did not foresee.
        if ws.sources.len() != at.total {
            return None;
        }
        let mine = |place: usize| at.source_thread[place] == t;
        let texts = (0..at.total)
            .filter(|&p| mine(p))
            .map(|p| {
                let file = ws.sources.get(FileId(p as u32));
                (p, file.path.clone(), Arc::clone(&file.text))
            })
            .collect();
        let read = std::mem::take(&mut ws.diagnostics)
            .into_iter()
            .filter(|d| mine(d.span.file.0 as usize))
            .collect();
        Some(Finished {
            workspace: (t == 0).then_some(ws),
            texts,
            read,
            checked,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Format, Report};

    /// Everything a run shows, with file numbers replaced by paths (the
    /// numbers of files reached through templates may differ; nothing shows
    /// them).
    fn shown(run: &Run) -> String {
        let report = Report {
            sources: &run.workspace.sources,
            diagnostics: &run.diagnostics,
            files: run.workspace.sources.len(),
            activities: run.activities,
        };
        let ids = regex::Regex::new(r"FileId\((\d+)\)").unwrap();
        let roadmaps = format!("{:?}", run.roadmaps);
        let roadmaps = ids.replace_all(&roadmaps, |c: &regex::Captures| {
            let id = FileId(c[1].parse().unwrap());
            run.workspace.sources.get(id).path.display().to_string()
        });
        let failures: Vec<String> = run.failures.iter().map(|f| f.to_string()).collect();
        format!(
            "{}\n{}\n{}\n{}\n{failures:?}\n{roadmaps}",
            report.render(Format::Human, Lang::En),
            report.render(Format::Json, Lang::Ru),
            report.summary(Lang::En),
            run.activities
        )
    }

    fn write(dir: &Path, name: &str, text: &str) {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// A template with an include, 40 plans (some broken), a status file, a
    /// plan whose template is missing, a folder that cannot be read.
    fn region(dir: &Path) {
        write(
            dir,
            "parties.roadmap",
            "участник Куратор: Куратор проекта\n",
        );
        write(
            dir,
            "template.roadmap",
            "дорожная карта: План {школа}\nпериод: 2022\nподключить: parties.roadmap\n\
             параметр школа\n\nучастник ОО: {школа}\n\nраздел 1. Работа\n\n\
             мероприятие 1.1. Анкетирование\n  срок: 17.01. – 04.02.2022\n  ответственный: ОО\n\n\
             мероприятие 1.2. Консультации\n  срок: ежемесячно\n  ответственный: Куратор\n  после: 1.1\n",
        );
        for i in 0..40 {
            let mut text = format!(
                "расширяет: ../template.roadmap\nпараметр школа: Школа № {i}\n\n\
                 раздел 1. Работа\n\nмероприятие 1.{}. Своё\n  срок: март 2022 года\n  ответственный: ОО\n",
                i + 3
            );
            if i % 7 == 3 {
                text.push_str("  после: 9.9\n  срок: Сентбярь\n");
            }
            if i % 11 == 5 {
                text.push_str("\nмероприятие 1.1\n  срок: 17.01. – 28.02.2022\n");
            }
            write(dir, &format!("plans/plan-{i:02}.roadmap"), &text);
        }
        write(
            dir,
            "plans/plan-07.status",
            "отметки к: plan-07.roadmap\n\nмероприятие 1.1\n  выполнено: 03.02.2022\n\nмероприятие 5\n  начато: 01.02.2022\n",
        );
        write(
            dir,
            "orphan/plan.roadmap",
            "расширяет: ../missing.roadmap\nпараметр школа: Школа\n",
        );
    }

    fn files(extra: &Path) -> Vec<PathBuf> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (files, _) = collect(&[
            root.join("roadmaps"),
            root.join("tests/corpus/broken"),
            extra.to_path_buf(),
            extra.join("no-such-file.roadmap"),
        ]);
        files
    }

    #[test]
    fn checking_in_parallel_shows_what_checking_one_by_one_does() {
        let dir = tempfile::tempdir().unwrap();
        region(dir.path());
        let files = files(dir.path());
        assert!(files.len() > 90, "{}", files.len());
        let one_by_one = shown(&check_sequentially(&files, Keep::Roadmaps));
        for threads in [2, 3, 8] {
            let run = parallel::check(&files, threads, Keep::Roadmaps)
                .unwrap_or_else(|| panic!("{threads} threads fell back to one"));
            let parallel = shown(&run);
            if parallel != one_by_one {
                let diff = similar::TextDiff::from_lines(&one_by_one, &parallel);
                panic!(
                    "{threads} threads differ:\n{}",
                    diff.unified_diff().context_radius(2)
                );
            }
        }
    }

    #[test]
    fn a_file_the_glance_misses_falls_back_to_one_by_one() {
        let dir = tempfile::tempdir().unwrap();
        region(dir.path());
        // A file of parties with a status file is built but its status not
        // read: the places planned for status files would not match.
        write(dir.path(), "parties.status", "отметки к: parties.roadmap\n");
        let files = files(dir.path());
        assert!(parallel::check(&files, 2, Keep::Roadmaps).is_none());
        let run = check_files(&files);
        assert_eq!(
            shown(&run),
            shown(&check_sequentially(&files, Keep::Roadmaps))
        );
    }

    #[test]
    fn checking_for_findings_keeps_no_roadmap_and_finds_the_same() {
        let dir = tempfile::tempdir().unwrap();
        region(dir.path());
        let files = files(dir.path());
        let all = check_sequentially(&files, Keep::Roadmaps);
        // `shown` without its last line, the roadmaps.
        let report = |run: &Run| shown(run).rsplit_once('\n').map(|(r, _)| r.to_string());
        for threads in [1, 2, 3] {
            let run = match threads {
                1 => check_sequentially(&files, Keep::Counts),
                n => parallel::check(&files, n, Keep::Counts)
                    .unwrap_or_else(|| panic!("{n} threads fell back to one")),
            };
            assert!(run.roadmaps.is_empty());
            assert!(run.activities > 0);
            assert_eq!(report(&run), report(&all), "{threads} threads");
        }
    }
}

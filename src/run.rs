//! The pipeline for a set of files: read → syntax → model → graph → check,
//! the same for every command.

use crate::check;
use crate::diagnostic::Diagnostic;
use crate::graph::{self, Graph};
use crate::lang::Lang;
use crate::model::{self, Loaded, Roadmap, Workspace};
use std::path::{Path, PathBuf};

/// A file or folder that could not be read: a usage or I/O failure (exit 2),
/// not a finding in a roadmap.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not a .roadmap file or a folder")]
    NotRoadmap { path: PathBuf },
    #[error("no .roadmap files in {path}")]
    Empty { path: PathBuf },
}

impl Failure {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (_, Lang::En) => format!("error: {self}"),
            (Failure::Read { path, source }, Lang::Ru) => {
                format!("ошибка: не удалось прочитать {}: {source}", path.display())
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
                source,
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
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(f.clone()));
    (files, failures)
}

fn is_roadmap(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "roadmap")
}

/// Depth-first over a folder without recursion; symbolic links to folders are
/// not followed, so a link loop cannot trap it.
fn walk(root: &Path, files: &mut Vec<PathBuf>, failures: &mut Vec<Failure>) {
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(source) => {
                failures.push(Failure::Read { path: dir, source });
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
pub struct Run {
    pub workspace: Workspace,
    pub diagnostics: Vec<Diagnostic>,
    pub roadmaps: Vec<(Roadmap, Graph)>,
    pub activities: usize,
    pub failures: Vec<Failure>,
}

/// Reads and checks every file.
pub fn check_files(files: &[PathBuf]) -> Run {
    let mut workspace = Workspace::default();
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
    let mut run = check_loaded(workspace, &ids);
    run.failures = failures;
    run
}

/// Checks one file given as bytes (standard input, tests, the fuzzer);
/// includes are read relative to `path`.
pub fn check_bytes(path: PathBuf, bytes: Vec<u8>) -> Run {
    let mut workspace = Workspace::default();
    let id = workspace.add(path, bytes);
    check_loaded(workspace, &[id])
}

fn check_loaded(mut workspace: Workspace, ids: &[crate::source::FileId]) -> Run {
    let mut diagnostics = Vec::new();
    let mut roadmaps = Vec::new();
    for &id in ids {
        if let Loaded::Roadmap(mut roadmap) = model::build(&mut workspace, id, &mut diagnostics) {
            let status = workspace.sources.get(id).path.with_extension("status");
            if status.is_file() {
                match workspace.load(&status) {
                    Ok(status) => {
                        model::apply_status(&workspace, &mut roadmap, status, &mut diagnostics)
                    }
                    Err(source) => diagnostics.push(unreadable_status(id, &status, &source)),
                }
            }
            let graph = graph::build(&roadmap, &mut diagnostics);
            check::check(&roadmap, &graph, &mut diagnostics);
            roadmaps.push((*roadmap, graph));
        }
    }
    diagnostics.append(&mut workspace.diagnostics);
    sort(&workspace, &mut diagnostics);
    let activities = roadmaps.iter().map(|(r, _)| r.activities.len()).sum();
    Run {
        workspace,
        diagnostics,
        roadmaps,
        activities,
        failures: Vec::new(),
    }
}

fn unreadable_status(
    roadmap: crate::source::FileId,
    path: &Path,
    err: &std::io::Error,
) -> Diagnostic {
    Diagnostic::new(
        crate::code::Code::IncludeNotFound,
        crate::source::Span::new(roadmap, 0, 0),
        crate::text!(
            ru: "Файл отметок {} нельзя прочитать: {}", path.display(), err;
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

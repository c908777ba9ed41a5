//! The texts the server works on: open files as the editor has them (saved
//! or not), every other file as saved; and the files they reach through
//! `расширяет:` and `подключить:`, so that a change shows in every roadmap
//! it touches.

use crate::model::Workspace;
use crate::run::{self, Run};
use crate::source::{normalize, FileId};
use crate::syntax::{self, Document, Key};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Open files and the folder they belong to.
#[derive(Default)]
pub struct Texts {
    root: Option<PathBuf>,
    open: HashMap<PathBuf, String>,
    /// For each saved roadmap of the folder, the files it names; read at the
    /// start and again on every save.
    names: HashMap<PathBuf, Vec<PathBuf>>,
}

impl Texts {
    pub fn new(root: Option<PathBuf>) -> Texts {
        let mut texts = Texts {
            root,
            ..Texts::default()
        };
        texts.rescan();
        texts
    }

    /// Reads again what every saved file of the folder names.
    pub fn rescan(&mut self) {
        self.names.clear();
        for path in self.saved_files() {
            let names = self.text(&path).map_or_else(Vec::new, |t| named(&path, &t));
            self.names.insert(path, names);
        }
    }

    fn saved_files(&self) -> Vec<PathBuf> {
        let Some(root) = &self.root else {
            return Vec::new();
        };
        let (files, _) = run::collect(std::slice::from_ref(root));
        let mut all: Vec<PathBuf> = files.iter().map(|f| absolute(f)).collect();
        let statuses: Vec<PathBuf> = all
            .iter()
            .map(|f| f.with_extension("status"))
            .filter(|s| s.is_file())
            .collect();
        all.extend(statuses);
        all
    }

    /// Reads again what one saved file names.
    pub fn saved(&mut self, path: &Path) {
        if let Some(text) = self.text(path) {
            self.names.insert(path.to_path_buf(), named(path, &text));
        }
    }

    pub fn set(&mut self, path: PathBuf, text: String) {
        let names = named(&path, &text);
        self.names.insert(path.clone(), names);
        self.open.insert(path, text);
    }

    pub fn close(&mut self, path: &Path) {
        self.open.remove(path);
        if !path.is_file() {
            self.names.remove(path);
        }
    }

    pub fn open_files(&self) -> impl Iterator<Item = &PathBuf> {
        self.open.keys()
    }

    /// The text the editor has, or else the saved one.
    pub fn text(&self, path: &Path) -> Option<String> {
        match self.open.get(path) {
            Some(text) => Some(text.clone()),
            None => std::fs::read(path)
                .ok()
                .map(|b| String::from_utf8_lossy(&b).into_owned()),
        }
    }

    /// The files joined to `path` by `расширяет:`, `подключить:` and status
    /// files, either way: the files a party or an activity number is shared by.
    pub fn family(&self, path: &Path) -> BTreeSet<PathBuf> {
        let mut family = BTreeSet::from([path.to_path_buf()]);
        let mut changed = true;
        while changed {
            changed = false;
            for (file, names) in &self.names {
                let joined = family.contains(file) || names.iter().any(|n| family.contains(n));
                let new: Vec<&PathBuf> = std::iter::once(file)
                    .chain(names)
                    .filter(|f| !family.contains(*f))
                    .collect();
                if joined && !new.is_empty() {
                    family.extend(new.into_iter().cloned());
                    changed = true;
                }
            }
        }
        family
    }

    /// Checks every open roadmap, the roadmap of every open status file,
    /// and every roadmap of the folder that extends or includes an open file.
    pub fn analyse(&self) -> Analysis {
        let mut roadmaps = BTreeSet::new();
        for path in self.open.keys() {
            if path.extension().is_some_and(|e| e == "status") {
                roadmaps.insert(path.with_extension("roadmap"));
            } else {
                roadmaps.insert(path.clone());
            }
            for (file, names) in &self.names {
                if names.contains(path) && file.extension().is_some_and(|e| e == "roadmap") {
                    roadmaps.insert(file.clone());
                }
            }
        }
        let unsaved = self
            .open
            .iter()
            .map(|(p, t)| {
                let key = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
                (key, t.clone().into_bytes())
            })
            .collect();
        let files: Vec<PathBuf> = roadmaps
            .into_iter()
            .filter(|p| p.is_file() || self.open.contains_key(p))
            .collect();
        Analysis {
            run: run::check_in(Workspace::with_unsaved(unsaved), &files),
        }
    }
}

/// What the last check found.
pub struct Analysis {
    pub run: Run,
}

impl Analysis {
    /// The file read from `path`, if the check read it.
    pub fn file(&self, path: &Path) -> Option<FileId> {
        let sources = &self.run.workspace.sources;
        (0..sources.len() as u32)
            .map(FileId)
            .find(|&id| absolute(&sources.get(id).path) == path)
    }

    pub fn path(&self, id: FileId) -> PathBuf {
        absolute(&self.run.workspace.sources.get(id).path)
    }

    pub fn text(&self, id: FileId) -> &str {
        &self.run.workspace.sources.get(id).text
    }

    pub fn document(&self, id: FileId) -> std::sync::Arc<Document> {
        self.run.workspace.document(id)
    }

    /// The roadmaps built from the file: its own, or those that include it
    /// or extend it.
    pub fn roadmaps_of(
        &self,
        id: FileId,
    ) -> impl Iterator<Item = &(crate::model::Roadmap, crate::graph::Graph)> {
        self.run.roadmaps.iter().filter(move |(r, _)| {
            r.file == id
                || r.parties.iter().any(|p| p.id.span.file == id)
                || r.activities.iter().any(|a| a.number.span.file == id)
        })
    }
}

/// A path made absolute and without `.` and `..`, the form the server keys
/// files by.
pub fn absolute(path: &Path) -> PathBuf {
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map_or_else(|_| path.to_path_buf(), |d| d.join(path))
    };
    normalize(&path)
}

/// The files a text names in `расширяет:`, `подключить:` and `отметки к:`:
/// headers, so only the lines before the first section or activity are read.
fn named(path: &Path, text: &str) -> Vec<PathBuf> {
    let mut end = text.len();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let word = syntax::fold_case(line.trim_start().split(' ').next().unwrap_or(""));
        if ["раздел", "мероприятие", "section", "activity"].contains(&word.as_ref())
        {
            end = offset;
            break;
        }
        offset += line.len();
    }
    let (doc, _) = syntax::parse(FileId(0), &text[..end]);
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut names: Vec<PathBuf> = doc
        .headers
        .iter()
        .filter(|h| matches!(h.key, Key::Include | Key::Extends | Key::StatusOf))
        .flat_map(|h| h.value.text.split(',').map(str::trim).collect::<Vec<_>>())
        .filter(|n| !n.is_empty())
        .map(|n| absolute(&dir.join(n)))
        .collect();
    if path.extension().is_some_and(|e| e == "roadmap") {
        let status = path.with_extension("status");
        if status.is_file() {
            names.push(status);
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_files_named_in_the_headers_are_read_relative_to_the_file() {
        let text = "# план школы\nрасширяет: ../template.roadmap\nподключить: parties.roadmap\n\nраздел 1. А\n# подключить: not-a-header.roadmap\n";
        let names = named(Path::new("/r/schools/a.roadmap"), text);
        assert_eq!(
            names,
            [
                PathBuf::from("/r/template.roadmap"),
                PathBuf::from("/r/schools/parties.roadmap")
            ]
        );
    }

    #[test]
    fn a_family_joins_a_template_its_plans_and_their_includes_but_no_stranger() {
        let mut texts = Texts::default();
        texts.set("/r/t.roadmap".into(), "подключить: p.roadmap\n".into());
        texts.set("/r/a.roadmap".into(), "расширяет: t.roadmap\n".into());
        texts.set("/r/b.roadmap".into(), "расширяет: t.roadmap\n".into());
        texts.set("/r/other.roadmap".into(), "дорожная карта: другая\n".into());
        let family = texts.family(Path::new("/r/a.roadmap"));
        let names: Vec<&str> = family.iter().map(|p| p.to_str().unwrap()).collect();
        assert_eq!(
            names,
            [
                "/r/a.roadmap",
                "/r/b.roadmap",
                "/r/p.roadmap",
                "/r/t.roadmap"
            ]
        );
    }
}

//! The files being watched, what each roadmap depends on, and the re-check
//! of the roadmaps a change touches.

use super::{is_noise, key};
use crate::code::Severity;
use crate::diagnostic::Diagnostic;
use crate::graph::Graph;
use crate::model::Roadmap;
use crate::run::{self, Failure, Run};
use crate::source::{FileId, Sources};
use crate::syntax::Key;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// A roadmap file or a folder of them, and what every file in it depends on.
pub struct Tree {
    /// As the user named it.
    root: PathBuf,
    root_key: PathBuf,
    /// A folder searched for `*.roadmap` (else one file).
    dir: bool,
    /// Folders whose changes never matter (the outputs' folder).
    ignored: Vec<PathBuf>,
    /// Every file checked (its path as [`run::collect`] gives it) and the
    /// [`key`]s of the files it depends on, itself and its `.status` file
    /// included.
    files: BTreeMap<PathBuf, HashSet<PathBuf>>,
}

/// One file's part of a re-check.
pub struct FileOutcome {
    /// As [`run::collect`] gives it.
    pub path: PathBuf,
    /// Relative to the watched folder, `/`-separated (the file's name when
    /// one file is watched): how pages and outputs name it.
    pub name: String,
    /// `None` for a file that is not a roadmap (parties only, to be included).
    pub roadmap: Option<(Roadmap, Graph)>,
    /// Indices into [`Checked::diagnostics`]: the findings in this file and
    /// in the files it depends on.
    pub diagnostics: Vec<usize>,
    pub errors: usize,
    pub warnings: usize,
}

/// What a re-check found.
pub struct Checked {
    /// Every file the re-check read.
    pub sources: Sources,
    /// Every finding, sorted as `check` sorts them.
    pub diagnostics: Vec<Diagnostic>,
    /// The files re-checked, in path order.
    pub files: Vec<FileOutcome>,
    /// Files that are gone since the last check: path and name.
    pub removed: Vec<(PathBuf, String)>,
    /// Files and folders that could not be read.
    pub failures: Vec<Failure>,
    pub activities: usize,
    /// The changed paths that led here, relative to the watched folder where
    /// they are in it (empty for the first check).
    pub changed: Vec<String>,
}

impl Checked {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity() == severity)
            .count()
    }

    /// A file's findings, for a [`crate::diagnostic::Report`] of its own.
    pub fn diagnostics_of(&self, file: &FileOutcome) -> Vec<Diagnostic> {
        file.diagnostics
            .iter()
            .map(|&i| self.diagnostics[i].clone())
            .collect()
    }
}

impl Tree {
    /// A tree over `path`, a roadmap file or a folder; nothing is read yet.
    pub fn new(path: &Path) -> Result<Tree, Failure> {
        let meta = std::fs::metadata(path).map_err(|source| Failure::Read {
            path: path.to_path_buf(),
            source: source.into(),
        })?;
        Ok(Tree {
            root: path.to_path_buf(),
            root_key: key(path),
            dir: meta.is_dir(),
            ignored: Vec::new(),
            files: BTreeMap::new(),
        })
    }

    /// Changes under `dir` (where the outputs go) are not looked at.
    pub fn ignore(&mut self, dir: &Path) {
        self.ignored.push(key(dir));
    }

    pub fn is_dir(&self) -> bool {
        self.dir
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// How many files are being checked.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// What to hand the watcher: the folder, recursively; or, for one file,
    /// its folder alone (an editor that saves by renaming a new file over
    /// the old one would leave a watch on the file itself watching nothing).
    pub fn watch_targets(&self) -> (PathBuf, bool) {
        if self.dir {
            (self.root_key.clone(), true)
        } else {
            let parent = self
                .root_key
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| PathBuf::from("/"));
            (parent, false)
        }
    }

    /// Folders that hold a dependency the watch on the root does not see: a
    /// template or shared file outside the watched folder.
    pub fn folders_outside(&self) -> BTreeSet<PathBuf> {
        let (watched, recursive) = self.watch_targets();
        self.files
            .values()
            .flatten()
            .filter_map(|dep| {
                let parent = dep.parent()?;
                let seen = if recursive {
                    dep.starts_with(&watched)
                } else {
                    parent == watched
                };
                (!seen && parent.is_dir()).then(|| parent.to_path_buf())
            })
            .collect()
    }

    /// The name pages and outputs give a file: relative to the watched
    /// folder, with `/` between folders.
    pub fn name(&self, path: &Path) -> String {
        let relative = if self.dir {
            path.strip_prefix(&self.root).unwrap_or(path)
        } else {
            path.file_name().map(Path::new).unwrap_or(path)
        };
        relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The roadmap files there are now.
    fn scan(&self) -> (Vec<PathBuf>, Vec<Failure>) {
        if !self.dir {
            let files = if self.root.is_file() {
                vec![self.root.clone()]
            } else {
                Vec::new()
            };
            return (files, Vec::new());
        }
        if !self.root.is_dir() {
            let source = std::io::Error::new(std::io::ErrorKind::NotFound, "the folder is gone");
            return (
                Vec::new(),
                vec![Failure::Read {
                    path: self.root.clone(),
                    source: source.into(),
                }],
            );
        }
        let (mut files, mut failures) = run::collect(std::slice::from_ref(&self.root));
        // A folder with no roadmaps yet is fine while watching it.
        failures.retain(|f| !matches!(f, Failure::Empty { .. }));
        files.retain(|f| !is_noise(f));
        (files, failures)
    }

    /// Checks every file (again: files gone since are reported removed).
    pub fn check_all(&mut self) -> Checked {
        let (files, failures) = self.scan();
        let removed = std::mem::take(&mut self.files)
            .into_keys()
            .filter(|f| !files.contains(f))
            .map(|f| {
                let name = self.name(&f);
                (f, name)
            })
            .collect();
        self.check(files, removed, failures, Vec::new())
    }

    /// Re-checks what the changed paths touch: the roadmaps that depend on
    /// them, and files that appeared. `None` when the change touches no
    /// roadmap (a side file, an output, an unrelated file).
    pub fn update(&mut self, changed: &[PathBuf]) -> Option<Checked> {
        let keys: Vec<PathBuf> = changed
            .iter()
            .filter(|p| !is_noise(p))
            .map(|p| key(p))
            .filter(|k| !self.ignored.iter().any(|i| k.starts_with(i)))
            .collect();
        if keys.is_empty() {
            return None;
        }
        // A folder renamed or deleted: what was in it is gone. (A folder that
        // is still there changed only because a file in it did, and that
        // file has its own event.)
        let gone: Vec<&PathBuf> = keys.iter().filter(|k| !k.exists()).collect();
        let touches = |dep: &PathBuf| keys.contains(dep) || gone.iter().any(|g| dep.starts_with(g));

        let (current, failures) = self.scan();
        let now: HashSet<&PathBuf> = current.iter().collect();
        let removed: Vec<PathBuf> = self
            .files
            .keys()
            .filter(|f| !now.contains(f))
            .cloned()
            .collect();
        let mut affected: BTreeSet<PathBuf> = current
            .iter()
            .filter(|f| !self.files.contains_key(*f))
            .cloned()
            .collect();
        for (file, deps) in &self.files {
            if now.contains(file) && deps.iter().any(touches) {
                affected.insert(file.clone());
            }
        }
        if affected.is_empty() && removed.is_empty() {
            return None;
        }
        for file in &removed {
            self.files.remove(file);
        }
        let removed = removed
            .into_iter()
            .map(|f| {
                let name = self.name(&f);
                (f, name)
            })
            .collect();
        let (watched, _) = self.watch_targets();
        let changed = keys
            .iter()
            .filter(|k| **k != watched)
            .map(|k| match k.strip_prefix(&watched) {
                Ok(rel) => rel.display().to_string(),
                Err(_) => k.display().to_string(),
            })
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        Some(self.check(affected.into_iter().collect(), removed, failures, changed))
    }

    fn check(
        &mut self,
        files: Vec<PathBuf>,
        removed: Vec<(PathBuf, String)>,
        mut failures: Vec<Failure>,
        changed: Vec<String>,
    ) -> Checked {
        let Run {
            workspace,
            diagnostics,
            roadmaps,
            activities,
            failures: read,
        } = run::check_files(&files);
        failures.extend(read);

        // What each file read names with `подключить:` and `расширяет:`,
        // from its text: a run checked on several threads keeps the syntax
        // trees of only some files.
        let count = workspace.sources.len();
        let ids = (0..count).map(|i| FileId(i as u32));
        let keys: Vec<PathBuf> = ids
            .clone()
            .map(|id| key(&workspace.sources.get(id).path))
            .collect();
        let mut edges: HashMap<&PathBuf, Vec<PathBuf>> = HashMap::new();
        for id in ids {
            let file = workspace.sources.get(id);
            let base = file.path.parent().unwrap_or(Path::new(""));
            let (document, _) = crate::syntax::parse(id, &file.text);
            for header in &document.headers {
                let value = header.value.text.trim();
                if matches!(header.key, Key::Include | Key::Extends) && !value.is_empty() {
                    let target = crate::source::normalize(&base.join(value));
                    edges
                        .entry(&keys[id.0 as usize])
                        .or_default()
                        .push(key(&target));
                }
            }
        }

        let mut by_path: HashMap<PathBuf, (Roadmap, Graph)> = roadmaps
            .into_iter()
            .map(|(r, g)| (workspace.sources.get(r.file).path.clone(), (r, g)))
            .collect();
        let mut outcomes = Vec::with_capacity(files.len());
        for path in files {
            let own = key(&path);
            let mut deps: HashSet<PathBuf> =
                [own.clone(), key(&path.with_extension("status"))].into();
            let mut stack = vec![own];
            while let Some(file) = stack.pop() {
                for target in edges.get(&file).into_iter().flatten() {
                    if deps.insert(target.clone()) {
                        stack.push(target.clone());
                    }
                }
            }
            // A finding in a file this one depends on is its own, unless it
            // points into a file it does not depend on: a value another
            // plan filled into the template is that plan's.
            let ours = |file: FileId| deps.contains(&keys[file.0 as usize]);
            let mine: Vec<usize> = diagnostics
                .iter()
                .enumerate()
                .filter(|(_, d)| ours(d.span.file) && d.labels.iter().all(|l| ours(l.span.file)))
                .map(|(i, _)| i)
                .collect();
            let errors = mine
                .iter()
                .filter(|&&i| diagnostics[i].severity() == Severity::Error)
                .count();
            outcomes.push(FileOutcome {
                name: self.name(&path),
                roadmap: by_path.remove(&path),
                warnings: mine.len() - errors,
                errors,
                diagnostics: mine,
                path: path.clone(),
            });
            self.files.insert(path, deps);
        }
        Checked {
            sources: workspace.sources,
            diagnostics,
            files: outcomes,
            removed,
            failures,
            activities,
            changed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "дорожная карта: Шаблон — {школа}\nпериод: 2022\nпараметр школа\n\nподключить: участники.roadmap\n\nмероприятие 1. Анкетирование\n  срок: март 2022 года\n  ответственный: ОО\n";
    const PARTIES: &str = "участник ОО: Общеобразовательная организация\n";

    fn plan(name: &str) -> String {
        format!("расширяет: ../template.roadmap\nпараметр школа: {name}\n")
    }

    fn names(checked: &Checked) -> Vec<&str> {
        checked.files.iter().map(|f| f.name.as_str()).collect()
    }

    #[test]
    fn a_change_rechecks_what_depends_on_it() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("schools")).unwrap();
        std::fs::write(root.join("template.roadmap"), TEMPLATE).unwrap();
        std::fs::write(root.join("участники.roadmap"), PARTIES).unwrap();
        std::fs::write(root.join("schools/a.roadmap"), plan("А")).unwrap();
        std::fs::write(root.join("schools/b.roadmap"), plan("Б")).unwrap();
        let mut tree = Tree::new(root).unwrap();
        let all = tree.check_all();
        assert_eq!(
            names(&all),
            [
                "schools/a.roadmap",
                "schools/b.roadmap",
                "template.roadmap",
                "участники.roadmap"
            ]
        );
        assert_eq!(all.errors(), 0, "{:?}", all.diagnostics);

        // A plan: itself only.
        let a = tree.update(&[root.join("schools/a.roadmap")]).unwrap();
        assert_eq!(names(&a), ["schools/a.roadmap"]);
        // The template's included file: everything that reaches it.
        let parties = tree.update(&[root.join("участники.roadmap")]).unwrap();
        assert_eq!(parties.files.len(), 4);
        // A status file, even one that did not exist before.
        std::fs::write(
            root.join("schools/b.status"),
            "отметки к: b.roadmap\n\nмероприятие 1\n  выполнено: 10.03.2022\n",
        )
        .unwrap();
        let status = tree.update(&[root.join("schools/b.status")]).unwrap();
        assert_eq!(names(&status), ["schools/b.roadmap"]);
        // Side files and unrelated files: nothing.
        assert!(tree
            .update(&[root.join("schools/.a.roadmap.swp")])
            .is_none());
        assert!(tree.update(&[root.join("notes.txt")]).is_none());

        // A new file is checked; a deleted one is reported, and what
        // depended on it re-checked (and now fails).
        std::fs::write(root.join("schools/c.roadmap"), plan("В")).unwrap();
        let added = tree.update(&[root.join("schools/c.roadmap")]).unwrap();
        assert_eq!(names(&added), ["schools/c.roadmap"]);
        std::fs::remove_file(root.join("template.roadmap")).unwrap();
        let gone = tree.update(&[root.join("template.roadmap")]).unwrap();
        assert_eq!(gone.removed.len(), 1);
        assert_eq!(gone.removed[0].1, "template.roadmap");
        assert_eq!(gone.files.len(), 3, "the three plans");
        assert!(gone.files.iter().all(|f| f.errors > 0));
        // Brought back: the plans recover.
        std::fs::write(root.join("template.roadmap"), TEMPLATE).unwrap();
        let back = tree.update(&[root.join("template.roadmap")]).unwrap();
        assert_eq!(back.files.len(), 4);
        assert_eq!(back.errors(), 0, "{:?}", back.diagnostics);
    }

    #[test]
    fn a_renamed_folder_takes_its_files_along() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("schools")).unwrap();
        std::fs::write(root.join("template.roadmap"), TEMPLATE).unwrap();
        std::fs::write(root.join("участники.roadmap"), PARTIES).unwrap();
        std::fs::write(root.join("schools/a.roadmap"), plan("А")).unwrap();
        let mut tree = Tree::new(root).unwrap();
        tree.check_all();
        std::fs::rename(root.join("schools"), root.join("plans")).unwrap();
        let moved = tree
            .update(&[root.join("schools"), root.join("plans")])
            .unwrap();
        assert_eq!(moved.removed[0].1, "schools/a.roadmap");
        assert_eq!(names(&moved), ["plans/a.roadmap"]);
    }

    #[test]
    fn one_file_watched_through_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("one.roadmap");
        std::fs::write(&file, TEMPLATE.replace("{школа}", "Школа")).unwrap();
        std::fs::write(dir.path().join("участники.roadmap"), PARTIES).unwrap();
        std::fs::write(dir.path().join("other.roadmap"), PARTIES).unwrap();
        let mut tree = Tree::new(&file).unwrap();
        let (folder, recursive) = tree.watch_targets();
        assert_eq!(folder, key(dir.path()));
        assert!(!recursive);
        assert_eq!(names(&tree.check_all()), ["one.roadmap"]);
        assert!(tree.update(&[dir.path().join("other.roadmap")]).is_none());
        let included = tree.update(&[dir.path().join("участники.roadmap")]);
        assert_eq!(names(&included.unwrap()), ["one.roadmap"]);
    }
}

//! Reading files once each: the text, its syntax tree and the diagnostics of
//! reading it, shared by every roadmap that includes the file.

use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Sources};
use crate::syntax::{self, Document};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use super::Roadmap;

/// What a file turned out to be.
#[derive(Debug)]
pub enum Loaded {
    Roadmap(Box<Roadmap>),
    /// A file of parties only, meant to be included.
    Shared,
}

/// The files read in one run.
#[derive(Debug, Default)]
pub struct Workspace {
    pub sources: Sources,
    /// Empty once [`Workspace::forget`] drops a tree; read again on demand.
    documents: Vec<OnceLock<Arc<Document>>>,
    by_real_path: HashMap<PathBuf, FileId>,
    /// Diagnostics of reading files (syntax, encoding), once per file.
    pub diagnostics: Vec<Diagnostic>,
    /// How many of those are errors, by file.
    read_errors: Vec<usize>,
    /// Shared by every roadmap built from this workspace.
    pub(crate) timings: super::TimingCache,
    /// The same for indicators, dependencies, checkpoints and the like.
    pub(crate) memo: super::build::Memo,
    /// Texts not yet saved (an editor's open files), by canonical path: read
    /// instead of the disk.
    unsaved: HashMap<PathBuf, Vec<u8>>,
}

impl Workspace {
    /// A workspace that reads `unsaved` texts (by canonical path, or by the
    /// absolute path of a file not yet on disk) instead of the disk.
    pub fn with_unsaved(unsaved: HashMap<PathBuf, Vec<u8>>) -> Workspace {
        Workspace {
            unsaved,
            ..Workspace::default()
        }
    }

    /// Whether `path` exists, on disk or among the unsaved texts.
    pub fn exists(&self, path: &Path) -> bool {
        path.is_file() || self.unsaved.contains_key(path)
    }

    /// Reads and parses a file, or returns the one read before.
    /// Only what [`crate::confine`] allows is read; an unsaved text (from an
    /// editor) is taken instead of the disk.
    pub fn load(&mut self, path: &Path) -> Result<FileId, crate::confine::ReadError> {
        let real = match crate::confine::allowed(path) {
            Ok(real) => real,
            Err(_) if self.unsaved.contains_key(path) => path.to_path_buf(),
            Err(err) => return Err(err),
        };
        if let Some(&id) = self.by_real_path.get(&real) {
            return Ok(id);
        }
        let (real, bytes) = match self.unsaved.get(&real) {
            Some(bytes) => (real, bytes.clone()),
            None => crate::confine::read(path)?,
        };
        let id = self.add(path.to_path_buf(), bytes);
        self.by_real_path.insert(real, id);
        Ok(id)
    }

    /// Adds a file from memory (tests, the fuzzer, standard input).
    pub fn add(&mut self, path: PathBuf, bytes: Vec<u8>) -> FileId {
        let next = FileId(self.sources.len() as u32);
        let (text, encoding) = syntax::decode(next, bytes);
        let (document, diagnostics) = syntax::parse(next, &text);
        let id = self.sources.add(path, text);
        debug_assert_eq!(id, next);
        self.documents.push(OnceLock::from(Arc::new(document)));
        self.read_errors.push(
            encoding
                .iter()
                .chain(&diagnostics)
                .filter(|d| d.severity() == crate::code::Severity::Error)
                .count(),
        );
        self.diagnostics.extend(encoding);
        self.diagnostics.extend(diagnostics);
        id
    }

    /// Adds `bytes` as the text of the file at `path`, which need not exist
    /// yet: a later [`Workspace::load`] of the path gets this text, not the
    /// disk's (a status file checked before it is written).
    pub fn add_in_place_of(&mut self, path: &Path, bytes: Vec<u8>) -> std::io::Result<FileId> {
        let real = match std::fs::canonicalize(path) {
            Ok(real) => real,
            Err(_) => {
                let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
                std::fs::canonicalize(dir.unwrap_or(Path::new(".")))?
                    .join(path.file_name().unwrap_or_default())
            }
        };
        let id = self.add(path.to_path_buf(), bytes);
        self.by_real_path.insert(real, id);
        Ok(id)
    }

    /// How many errors reading `id` found (syntax, encoding).
    pub fn read_errors(&self, id: FileId) -> usize {
        self.read_errors.get(id.0 as usize).copied().unwrap_or(0)
    }

    /// The syntax tree of a file read before; parsed again from its text if
    /// it was forgotten (the same tree: the diagnostics of reading it were
    /// kept the first time).
    pub fn document(&self, id: FileId) -> Arc<Document> {
        let tree = self.documents[id.0 as usize]
            .get_or_init(|| Arc::new(syntax::parse(id, &self.sources.get(id).text).0));
        Arc::clone(tree)
    }

    /// Drops the syntax tree of a file that has been built: a large roadmap's
    /// tree is several times the size of its model. Asked for again, it is
    /// parsed again.
    pub fn forget(&mut self, id: FileId) {
        if let Some(slot) = self.documents.get_mut(id.0 as usize) {
            slot.take();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_forgotten_tree_is_parsed_again_the_same() {
        let mut ws = Workspace::default();
        let text =
            "дорожная карта: Т\nпериод: 2022\n\nмероприятие 1. А\n  срок: март\n  после: 9\n";
        let id = ws.add("t.roadmap".into(), text.as_bytes().to_vec());
        let before = ws.document(id);
        let diagnostics = ws.diagnostics.len();
        ws.forget(id);
        assert_eq!(*ws.document(id), *before);
        assert_eq!(ws.diagnostics.len(), diagnostics);
    }
}

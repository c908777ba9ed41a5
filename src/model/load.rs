//! Reading files once each: the text, its syntax tree and the diagnostics of
//! reading it, shared by every roadmap that includes the file.

use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Sources};
use crate::syntax::{self, Document};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    documents: Vec<Arc<Document>>,
    by_real_path: HashMap<PathBuf, FileId>,
    /// Diagnostics of reading files (syntax, encoding), once per file.
    pub diagnostics: Vec<Diagnostic>,
    /// Shared by every roadmap built from this workspace.
    pub(crate) timings: super::TimingCache,
    /// The same for indicators, dependencies, checkpoints and the like.
    pub(crate) memo: super::build::Memo,
}

impl Workspace {
    /// Reads and parses a file, or returns the one read before.
    pub fn load(&mut self, path: &Path) -> std::io::Result<FileId> {
        let real = std::fs::canonicalize(path)?;
        if let Some(&id) = self.by_real_path.get(&real) {
            return Ok(id);
        }
        let bytes = std::fs::read(&real)?;
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
        self.documents.push(Arc::new(document));
        self.diagnostics.extend(encoding);
        self.diagnostics.extend(diagnostics);
        id
    }

    pub fn document(&self, id: FileId) -> Arc<Document> {
        Arc::clone(&self.documents[id.0 as usize])
    }
}

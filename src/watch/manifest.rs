//! What `watch --out` wrote into its folder, kept in the folder itself
//! (`.roadmap-outputs`): it overwrites and deletes only those files, never
//! one a person put there, whatever its name.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The file that lists them, one path a line, relative to the folder.
pub const NAME: &str = ".roadmap-outputs";

/// The files of an output folder that `watch` wrote.
#[derive(Debug, Default)]
pub struct Manifest {
    folder: PathBuf,
    owned: BTreeSet<PathBuf>,
}

impl Manifest {
    /// The list of `folder`, empty when there is none.
    pub fn load(folder: &Path) -> Manifest {
        let owned = std::fs::read_to_string(folder.join(NAME))
            .map(|text| {
                text.lines()
                    .filter(|l| !l.is_empty())
                    .map(PathBuf::from)
                    .collect()
            })
            .unwrap_or_default();
        Manifest {
            folder: folder.to_path_buf(),
            owned,
        }
    }

    fn relative<'a>(&self, path: &'a Path) -> &'a Path {
        path.strip_prefix(&self.folder).unwrap_or(path)
    }

    /// May `path` be written: it does not exist (not even as a broken
    /// link), or `watch` wrote it.
    pub fn may_write(&self, path: &Path) -> bool {
        std::fs::symlink_metadata(path).is_err() || self.owns(path)
    }

    pub fn owns(&self, path: &Path) -> bool {
        self.owned.contains(self.relative(path))
    }

    pub fn add(&mut self, path: &Path) {
        let relative = self.relative(path).to_path_buf();
        self.owned.insert(relative);
    }

    pub fn remove(&mut self, path: &Path) {
        let relative = self.relative(path).to_path_buf();
        self.owned.remove(&relative);
    }

    /// Writes the list back.
    pub fn save(&self) -> std::io::Result<()> {
        let mut text = String::new();
        for path in &self.owned {
            text.push_str(&path.to_string_lossy());
            text.push('\n');
        }
        crate::atomic::write_atomically(&self.folder.join(NAME), text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_it_wrote_are_its_own() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("mine.html"), "made by a person").unwrap();
        let mut manifest = Manifest::load(dir.path());
        let mine = dir.path().join("mine.html");
        let new = dir.path().join("plan.html");
        assert!(!manifest.may_write(&mine));
        assert!(manifest.may_write(&new));
        std::fs::write(&new, "x").unwrap();
        manifest.add(&new);
        manifest.save().unwrap();
        let again = Manifest::load(dir.path());
        assert!(again.may_write(&new) && again.owns(&new));
        assert!(!again.owns(&mine));
    }
}

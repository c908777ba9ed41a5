//! The editing loop shared by `roadmap watch` and `roadmap serve`: which
//! files a change touches ([`Tree`]), the file-system notifications that say
//! so ([`Watcher`]), and the small helpers both commands need.
//!
//! A change to a file re-checks only the roadmaps that depend on it: the file
//! itself, the roadmaps that `подключить:` (include) it, those whose
//! `расширяет:` (extends) chain passes through it, and the roadmap whose
//! `.status` file it is. The dependencies are read from the headers of the
//! files the last check read, so a file that does not exist yet (a misspelt
//! include, a status file still to be written) is a dependency too, and
//! creating it re-checks its roadmap.

mod manifest;
mod notifier;
mod tree;

pub use manifest::Manifest;
pub use notifier::{on_interrupt, Event, Mode, Watcher};
pub use tree::{Checked, FileOutcome, Tree};

use std::path::{Path, PathBuf};

/// Editors' and tools' side files: swap, backup, lock and temporary files,
/// which come and go on every save and are never roadmaps.
///
/// Vim: `.name.swp` (and `.swo`, `.swn` …), `name~`, and `4913` (the file it
/// writes to test that a folder is writable); Emacs: `name~`, `#name#`,
/// `.#name` (a lock, a symbolic link to nowhere); Kate: `.name.kate-swp`;
/// JetBrains: `name___jb_tmp___`, `name___jb_old___`; and the `.name.PID.tmp`
/// files that `roadmap` itself writes and renames over its outputs.
pub fn is_noise(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("");
    name == "4913"
        || name.ends_with('~')
        || name.starts_with(".#")
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || name.ends_with(".kate-swp")
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || name.starts_with(".goutputstream-")
        || (ext.len() == 3 && ext.starts_with("sw"))
        || ext == "bak"
        || (name.starts_with('.') && ext == "tmp")
}

/// One name for a file, whatever path reached it: absolute, with `.` and
/// `..` resolved and symbolic links followed. A file that is gone (deleted,
/// renamed away) keeps the name its folder gives it, so a deletion still
/// matches the file as it was.
pub fn key(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|cwd| cwd.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let absolute = crate::source::normalize(&absolute);
    if let Ok(real) = std::fs::canonicalize(&absolute) {
        return real;
    }
    match (absolute.parent(), absolute.file_name()) {
        (Some(dir), Some(name)) => std::fs::canonicalize(dir)
            .map(|dir| dir.join(name))
            .unwrap_or(absolute),
        _ => absolute,
    }
}

/// The wall-clock time for the lines the loop prints: `14:02:11`.
pub fn timestamp() -> String {
    chrono::Local::now().format("%H:%M:%S").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editors_side_files_are_noise() {
        for name in [
            ".plan.roadmap.swp",
            ".plan.roadmap.swx",
            "plan.roadmap~",
            ".#plan.roadmap",
            "#plan.roadmap#",
            "4913",
            ".plan.roadmap.kate-swp",
            "plan.roadmap___jb_tmp___",
            "plan.roadmap.bak",
            ".plan.html.1234.tmp",
        ] {
            assert!(is_noise(Path::new("dir").join(name).as_path()), "{name}");
        }
        for name in [
            "plan.roadmap",
            "plan.status",
            "участники.roadmap",
            "#",
            "swift",
        ] {
            assert!(!is_noise(Path::new("dir").join(name).as_path()), "{name}");
        }
    }

    #[test]
    fn a_deleted_file_keeps_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.roadmap");
        std::fs::write(&file, "x").unwrap();
        let before = key(&file);
        std::fs::remove_file(&file).unwrap();
        assert_eq!(key(&file), before);
        assert_eq!(key(&dir.path().join("sub/../a.roadmap")), before);
    }
}

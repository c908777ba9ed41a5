//! Which files a roadmap may make the tool read: only regular files, inside
//! the root, below a size cap — so that a roadmap proposed by a stranger
//! cannot print a secret back, block on a device or exhaust memory.
//!
//! The root is that of the run (set once by the command line, see
//! [`set_root`]): the enclosing git work tree of each path given, else the
//! folder given (a file's own folder), or the `--root` a user names. Until it
//! is set (a library user, a test), location is not confined; the other rules
//! always hold.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::RwLock;

/// The largest file read, in bytes (128 MiB): the largest real roadmap is a
/// few hundred kilobytes; the cap bounds the memory a file can take.
pub const MAX_FILE_BYTES: u64 = 128 * 1024 * 1024;

/// Folders whose files are not data, whatever `stat` says of them
/// (`/proc/self/environ` is a "regular" file of size 0).
const SPECIAL: [&str; 3] = ["/proc", "/sys", "/dev"];

static ROOTS: RwLock<Vec<PathBuf>> = RwLock::new(Vec::new());

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{} lies outside the root (the git work tree or the folder checked) and is not read", path.display())]
    Outside { path: PathBuf },
    #[error("{} is {kind}, not a regular file, and is not read", path.display())]
    NotRegular { path: PathBuf, kind: Kind },
    #[error("{} is larger than {} bytes, the largest file read", path.display(), MAX_FILE_BYTES)]
    TooLarge { path: PathBuf },
}

/// What a file that is not a regular file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Folder,
    Fifo,
    Device,
    Socket,
    /// A file of `/proc`, `/sys` or `/dev`.
    System,
    Other,
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.en())
    }
}

impl Kind {
    fn en(self) -> &'static str {
        match self {
            Kind::Folder => "a folder",
            Kind::Fifo => "a named pipe (FIFO)",
            Kind::Device => "a device",
            Kind::Socket => "a socket",
            Kind::System => "a system file",
            Kind::Other => "a special file",
        }
    }

    fn ru(self) -> &'static str {
        match self {
            Kind::Folder => "папка",
            Kind::Fifo => "именованный канал (FIFO)",
            Kind::Device => "устройство",
            Kind::Socket => "сокет",
            Kind::System => "системный файл",
            Kind::Other => "особый файл",
        }
    }

    fn of(meta: &std::fs::Metadata) -> Kind {
        let t = meta.file_type();
        if t.is_dir() {
            return Kind::Folder;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if t.is_fifo() {
                return Kind::Fifo;
            }
            if t.is_block_device() || t.is_char_device() {
                return Kind::Device;
            }
            if t.is_socket() {
                return Kind::Socket;
            }
        }
        Kind::Other
    }
}

impl ReadError {
    /// The finding's code, when the file was refused rather than missing.
    pub fn code(&self) -> Option<crate::code::Code> {
        use crate::code::Code;
        match self {
            ReadError::Io(_) => None,
            ReadError::Outside { .. } => Some(Code::OutsideRoot),
            ReadError::NotRegular { .. } => Some(Code::NotRegularFile),
            ReadError::TooLarge { .. } => Some(Code::FileTooLarge),
        }
    }

    /// The same in Russian.
    pub fn ru(&self) -> String {
        match self {
            ReadError::Io(err) => err.to_string(),
            ReadError::Outside { path } => format!(
                "{} лежит вне корня (git-репозитория или проверяемой папки) и не читается",
                path.display()
            ),
            ReadError::NotRegular { path, kind } => format!(
                "{} — {}, а не обычный файл, и не читается",
                path.display(),
                kind.ru()
            ),
            ReadError::TooLarge { path } => format!(
                "{} больше {} байт — самого большого файла, который читается",
                path.display(),
                MAX_FILE_BYTES
            ),
        }
    }
}

/// Sets the roots of this run: a file may be read when it lies inside one
/// of them.
pub fn set_root(roots: Vec<PathBuf>) {
    let mut slot = ROOTS.write().unwrap_or_else(|e| e.into_inner());
    *slot = roots;
}

/// The root for a path named on the command line: `explicit` when given,
/// else the git work tree that holds it, else the folder itself (a file's
/// own folder).
pub fn root_for(path: &Path, explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(root) = explicit {
        return std::fs::canonicalize(root).ok();
    }
    let real = std::fs::canonicalize(path).ok()?;
    let folder = if real.is_dir() {
        real
    } else {
        real.parent()?.to_path_buf()
    };
    let work_tree = folder
        .ancestors()
        .find(|dir| dir.join(".git").exists())
        .map(Path::to_path_buf);
    Some(work_tree.unwrap_or(folder))
}

/// Sets the roots for the paths named on a command line (see [`root_for`]).
pub fn set_root_for(paths: &[PathBuf], explicit: Option<&Path>) {
    let mut roots: Vec<PathBuf> = paths.iter().filter_map(|p| root_for(p, explicit)).collect();
    roots.sort();
    roots.dedup();
    set_root(roots);
}

/// Checks that `path` may be read, without reading it; its real path.
pub fn allowed(path: &Path) -> Result<PathBuf, ReadError> {
    let real = std::fs::canonicalize(path)?;
    if SPECIAL.iter().any(|s| real.starts_with(s)) {
        return Err(ReadError::NotRegular {
            path: path.to_path_buf(),
            kind: Kind::System,
        });
    }
    let roots = ROOTS.read().unwrap_or_else(|e| e.into_inner());
    if !roots.is_empty() && !roots.iter().any(|root| real.starts_with(root)) {
        return Err(ReadError::Outside {
            path: path.to_path_buf(),
        });
    }
    let meta = std::fs::metadata(&real)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular {
            path: path.to_path_buf(),
            kind: Kind::of(&meta),
        });
    }
    Ok(real)
}

/// Reads a file a roadmap names (or one named on the command line): its
/// real path and bytes. Nothing is opened outside the root; nothing but a
/// regular file is read, and it is opened so that it cannot block.
pub fn read(path: &Path) -> Result<(PathBuf, Vec<u8>), ReadError> {
    let real = allowed(path)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(&real)?;
    // Swapped for something else between the look and the open?
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular {
            path: path.to_path_buf(),
            kind: Kind::of(&meta),
        });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
        });
    }
    Ok((real, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_files_and_devices_are_refused() {
        assert!(matches!(
            read(Path::new("/proc/self/environ")),
            Err(ReadError::NotRegular {
                kind: Kind::System,
                ..
            })
        ));
        assert!(matches!(
            read(Path::new("/dev/zero")),
            Err(ReadError::NotRegular { .. })
        ));
    }

    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.roadmap");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        assert!(matches!(
            read(&fifo),
            Err(ReadError::NotRegular {
                kind: Kind::Fifo,
                ..
            })
        ));
    }

    #[test]
    fn a_folder_is_its_own_root_outside_a_work_tree() {
        let dir = tempfile::tempdir().unwrap();
        let real = std::fs::canonicalize(dir.path()).unwrap();
        if real.ancestors().any(|d| d.join(".git").exists()) {
            return;
        }
        std::fs::write(dir.path().join("a.roadmap"), "x").unwrap();
        assert_eq!(root_for(&dir.path().join("a.roadmap"), None), Some(real));
    }
}

//! One `remind` at a time for a sent-log: two runs at once would both read
//! the log before either wrote it and send the same letters twice. The lock
//! is the operating system's (`flock`) on `LOG.lock`, so a run that dies
//! cannot leave it held.

use std::path::{Path, PathBuf};

/// Why the log could not be locked.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("another `roadmap remind` is sending with the log {}; try again when it is done", .0.display())]
    Busy(PathBuf),
    #[error("cannot lock {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl LockError {
    pub fn ru(&self) -> String {
        match self {
            LockError::Busy(path) => format!(
                "журнал {} занят другим запуском «roadmap remind»; повторите, когда он закончит",
                path.display()
            ),
            LockError::Io { path, source } => {
                format!("не удалось заблокировать {}: {source}", path.display())
            }
        }
    }
}

/// Held while letters are sent; released when dropped (or the process ends).
#[derive(Debug)]
pub struct Lock {
    _file: std::fs::File,
}

/// Locks `log` for this run, without waiting.
pub fn lock(log: &Path) -> Result<Lock, LockError> {
    let mut name = log.as_os_str().to_owned();
    name.push(".lock");
    let path = PathBuf::from(name);
    let io = |source| LockError::Io {
        path: path.clone(),
        source,
    };
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(io)?;
    #[cfg(unix)]
    {
        use std::os::unix::io::AsRawFd;
        // SAFETY: flock on a descriptor this function owns.
        let held = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
        if held != 0 {
            let err = std::io::Error::last_os_error();
            return Err(if err.kind() == std::io::ErrorKind::WouldBlock {
                LockError::Busy(log.to_path_buf())
            } else {
                io(err)
            });
        }
    }
    Ok(Lock { _file: file })
}

#[cfg(all(test, unix))]
mod tests {
    #[test]
    fn a_second_lock_on_the_same_log_is_refused_until_the_first_goes() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("plan.remind.log");
        let first = super::lock(&log).unwrap();
        assert!(matches!(super::lock(&log), Err(super::LockError::Busy(_))));
        drop(first);
        assert!(super::lock(&log).is_ok());
    }
}

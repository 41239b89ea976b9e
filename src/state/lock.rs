//! The lock file beside the state file (`state.json.lock`): every write, and every re-read that may
//! set a bad file aside, happens while holding it. It is never renamed, so a lock on it stays a
//! lock on the one true file (a lock on `state.json` itself would be lost at the first rename).

use std::fs::{File, TryLockError};
use std::io;
use std::path::Path;
use std::time::{Duration, Instant};

use super::disk;
use crate::base::file::{folder, irregular_kind};

/// How long to wait for the lock before giving up. Another brief holds it for the few milliseconds
/// a write takes; a lock held longer is a process stopped or stuck while writing.
const LOCK_WAIT: Duration = Duration::from_secs(10);

/// Takes the exclusive lock on `state.json.lock`, creating the folder (0700) and the lock file
/// (0600) if needed, waiting at most [`LOCK_WAIT`] for another holder. The lock is released when
/// the returned file is dropped.
pub fn lock(path: &Path) -> Result<File, String> {
    lock_within(path, LOCK_WAIT)
}

/// [`lock`], waiting at most `wait`.
pub fn lock_within(path: &Path, wait: Duration) -> Result<File, String> {
    let dir = folder(path);
    if let Err(e) = disk::create_private_dir(dir) {
        return Err(if dir.exists() && !dir.is_dir() {
            format!("{} is not a folder", dir.display())
        } else {
            format!("cannot create folder {}: {e}", dir.display())
        });
    }
    let lock_path = disk::lock_path(path);
    let shown = lock_path.display();
    // A link, FIFO or device at the lock file's name is not brief's: leave it alone.
    if let Ok(meta) = std::fs::symlink_metadata(&lock_path)
        && let Some(kind) = irregular_kind(&meta)
    {
        return Err(format!(
            "the lock file {shown} is {kind}, not a regular file; brief leaves it alone"
        ));
    }
    let file = disk::open_lock(&lock_path).map_err(|e| match e.kind() {
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            format!("the folder {} is read-only ({e})", dir.display())
        }
        io::ErrorKind::InvalidInput => format!("the lock file {shown}: {e}"),
        _ => format!("cannot create lock file {shown}: {e}"),
    })?;
    let started = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(TryLockError::WouldBlock) if started.elapsed() < wait => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(TryLockError::WouldBlock) => {
                return Err(format!(
                    "{} has been locked by another process for {} s (a brief stopped while \
                     saving?)",
                    shown,
                    wait.as_secs_f64()
                ));
            }
            Err(TryLockError::Error(e)) => {
                return Err(format!("cannot lock {shown}: {e}"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("brief").join("state.json");
        (dir, path)
    }

    #[test]
    fn a_lock_held_too_long_is_an_error_that_names_the_lock_file() {
        let (_dir, path) = folder();
        let held = lock(&path).unwrap();
        let started = std::time::Instant::now();
        let err = lock_within(&path, Duration::from_millis(100)).unwrap_err();
        assert!(started.elapsed() >= Duration::from_millis(100), "it waited");
        assert!(
            err.contains("state.json.lock has been locked by another process"),
            "{err}"
        );
        drop(held);
        assert!(lock_within(&path, Duration::from_millis(100)).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_lock_file_that_is_a_link_or_a_fifo_is_refused_and_left_alone() {
        let (dir, path) = folder();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let lock_path = disk::lock_path(&path);
        let elsewhere = dir.path().join("elsewhere");
        std::os::unix::fs::symlink(&elsewhere, &lock_path).unwrap();
        let e = lock(&path).unwrap_err();
        assert!(e.contains("is a symbolic link, not a regular file"), "{e}");
        assert!(!elsewhere.exists(), "nothing created through the link");
        std::fs::remove_file(&lock_path).unwrap();
        rustix::fs::mkfifoat(rustix::fs::CWD, &lock_path, rustix::fs::Mode::RUSR).unwrap();
        let e = lock(&path).unwrap_err();
        assert!(e.contains("is a FIFO, not a regular file"), "{e}");
    }

    #[test]
    fn a_lock_released_while_waiting_is_taken() {
        let (_dir, path) = folder();
        let held = lock(&path).unwrap();
        let release = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(200));
            drop(held);
        });
        assert!(lock_within(&path, Duration::from_secs(30)).is_ok());
        release.join().unwrap();
    }
}

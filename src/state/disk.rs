//! The file-system steps of the store, each small enough to check by eye: a private folder, the lock
//! file, the bounded read, the temp file's name and setting a bad file aside. The atomic replace
//! itself is [`crate::base::file::write_with`], the crate's one writer.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::MAX_STATE_BYTES;
use crate::base::file::{
    Disk, Existing, Links, ReadError, Steps, WriteOptions, folder, irregular_kind, read_bounded,
};

/// The lock file beside the state file (`state.json.lock`); it is never renamed, so a lock on it
/// stays a lock on the one true file.
pub fn lock_path(path: &Path) -> PathBuf {
    sibling(path, ".lock")
}

/// The temp file the next version is written to (`state.json.tmp`). Only the lock holder touches
/// it, so one name is enough; one left by a killed writer is replaced.
pub fn temp_path(path: &Path) -> PathBuf {
    sibling(path, ".tmp")
}

/// `path` with `suffix` appended to its file name.
pub fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = OsString::from(path.as_os_str());
    name.push(suffix);
    PathBuf::from(name)
}

/// Creates `dir` and any missing parents, mode 0700 (an existing folder is left as it is).
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Options that create a file readable and writable by its owner only (0600).
fn private_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.read(true).write(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
}

/// Opens (creating if needed) the lock file, without following a link at its name or waiting on a
/// FIFO there, and checks that it is a regular file.
pub fn open_lock(path: &Path) -> io::Result<File> {
    let mut options = private_options();
    options.create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let flags = rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK;
        options.custom_flags(i32::try_from(flags.bits()).unwrap_or(0));
    }
    let file = options.open(path)?;
    match irregular_kind(&file.metadata()?) {
        None => Ok(file),
        Some(kind) => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("it is {kind}, not a regular file"),
        )),
    }
}

/// The state file's bytes, `None` if there is no file, or why it cannot be read, naming it: not a
/// regular file (refused at once, never waited on), over [`MAX_STATE_BYTES`], or a system error.
pub fn read_state(path: &Path) -> Result<Option<Vec<u8>>, String> {
    let shown = path.display();
    // Not even opened if it is known not to be a regular file: opening some devices does
    // something. (What opens is checked again: it may have changed since.)
    let kind = fs::metadata(path).ok().as_ref().and_then(irregular_kind);
    let read = match kind {
        Some(kind) => Err(ReadError::NotRegular(kind)),
        None => read_bounded(path, MAX_STATE_BYTES, Links::Follow),
    };
    match read {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.is_not_found() => Ok(None),
        Err(ReadError::NotRegular(kind)) => Err(format!(
            "{shown} is {kind}, not a regular file; brief uses only a regular file as its state \
             file, and leaves this one alone"
        )),
        Err(ReadError::TooBig(_)) => Err(format!(
            "{shown} is over {} MiB, the most brief reads as a state file; it is left as it is \
             (trim it, or point --state at another file)",
            MAX_STATE_BYTES >> 20
        )),
        Err(e) => Err(format!("cannot read {shown}: {e}")),
    }
}

/// Checks that a file can be created in the state file's folder, by creating the temp file and
/// removing it again. Call with the lock held.
pub fn probe_writable(path: &Path) -> io::Result<()> {
    let temp = temp_path(path);
    Disk.clear(&temp)?;
    drop(Disk.create(&temp, true)?);
    fs::remove_file(&temp)
}

/// How the store writes the state file: replacing it, private (0600), through the fixed temp file
/// beside it (only the lock holder writes it).
pub fn write_options(temp: &Path) -> WriteOptions<'_> {
    WriteOptions {
        existing: Existing::Replace,
        private: true,
        temp: Some(temp),
    }
}

/// Renames a bad state file to `state.json.corrupt-<stamp>` (adding `-2`, `-3`... rather than
/// replacing an earlier one), bytes unchanged, and returns where it went. Call with the lock held.
pub fn set_aside(path: &Path, stamp: &str) -> io::Result<PathBuf> {
    let base = sibling(path, &format!(".corrupt-{stamp}"));
    let mut target = base.clone();
    let mut n = 1;
    while target.symlink_metadata().is_ok() {
        n += 1;
        target = sibling(&base, &format!("-{n}"));
    }
    fs::rename(path, &target)?;
    let _ = Disk.sync_folder(folder(path));
    Ok(target)
}

/// What identifies one version of the state file, to notice that another process replaced it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

/// The state file's fingerprint, `None` if there is no file (or it cannot be examined).
pub fn fingerprint(path: &Path) -> Option<Fingerprint> {
    let meta = fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    Some(Fingerprint {
        len: meta.len(),
        modified: meta.modified().ok(),
        inode,
    })
}

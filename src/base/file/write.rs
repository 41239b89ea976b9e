//! The one atomic writer: it leaves the old file or the new one whole, whatever step fails: temp
//! file, fsync, rename or link, fsync the folder; its file-system steps go through [`Steps`], so
//! a test can fail each in turn.
//!
//! We write this ourselves rather than use `tempfile`'s `persist`, which fsyncs neither the file
//! nor the folder. Every failure is returned; none is retried (a second fsync can report success
//! after the data is gone).

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use super::{folder, irregular_kind};

/// What to do when the file to write exists already.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Leave it alone and fail ([`WriteError::Exists`]).
    Keep,
    /// Replace it, if it is a regular file.
    Replace,
}

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The file exists and [`Existing::Keep`] was asked for.
    #[error("already exists")]
    Exists,
    /// What is there is a FIFO, a device, a folder, a socket or a link: never replaced.
    #[error("is {0}, not a regular file; only a regular file is ever replaced")]
    NotRegular(&'static str),
    /// A step failed; [`WriteError::in_full`] says which, naming the file or folder.
    #[error("{source}")]
    Io {
        /// What was being done, naming the file or folder ("cannot flush x.tmp to disk").
        step: String,
        /// The error.
        source: io::Error,
    },
}

impl WriteError {
    /// The error with the step that failed, for a message that must say where.
    pub fn in_full(&self) -> String {
        match self {
            WriteError::Io { step, source } => format!("{step}: {source}"),
            other => other.to_string(),
        }
    }
}

/// How [`write_with`] names and creates its temp file.
#[derive(Debug, Clone, Copy)]
pub struct WriteOptions<'a> {
    /// Keep or replace an existing file.
    pub existing: Existing,
    /// Create the file readable and writable by its owner only (0600), as the state file is.
    pub private: bool,
    /// A fixed temp file that only this caller writes (under its own lock); one a killed writer
    /// left there is removed first. `None`: `.NAME.PID.tmp` beside the target.
    pub temp: Option<&'a Path>,
}

/// Writes `bytes` to `path` so that the file is either whole or not there: a temporary file in
/// the same folder, fsynced, then linked into place (when `existing` is [`Existing::Keep`]: a hard
/// link fails if the name is taken, so no check can be raced) or renamed over it, and the folder
/// fsynced. Only a regular file is ever replaced: a device, a FIFO, a folder, a socket or a
/// symbolic link at `path` is refused and left as it is.
pub fn write_atomically(path: &Path, bytes: &[u8], existing: Existing) -> Result<(), WriteError> {
    let options = WriteOptions {
        existing,
        private: false,
        temp: None,
    };
    write_with(&Disk, path, bytes, &options)
}

/// [`write_atomically`] for a file too big to hold at once: `make` writes its bytes as it makes
/// them (buffered, into the temp file). An error from `make` is returned like a failed write (its
/// inner error kept, for the caller to tell it apart) and the temp file removed: nothing is left
/// under the final name.
pub fn write_atomically_from(
    path: &Path,
    existing: Existing,
    make: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
) -> Result<(), WriteError> {
    let options = WriteOptions {
        existing,
        private: false,
        temp: None,
    };
    write_content(&Disk, path, Content::Made(make), &options)
}

/// What is written: bytes held at once, or a function that writes them as it makes them.
enum Content<'a> {
    Bytes(&'a [u8]),
    Made(&'a mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>),
}

/// [`write_atomically`] with the file-system steps and the temp file given. On failure the temp
/// file is removed (best effort) and the error returned: the caller must not assume anything was
/// written (after a failed folder fsync the new file may be in place, but not yet safe).
pub fn write_with(
    steps: &dyn Steps,
    path: &Path,
    bytes: &[u8],
    options: &WriteOptions<'_>,
) -> Result<(), WriteError> {
    write_content(steps, path, Content::Bytes(bytes), options)
}

/// [`write_with`], of either kind of content.
fn write_content(
    steps: &dyn Steps,
    path: &Path,
    content: Content<'_>,
    options: &WriteOptions<'_>,
) -> Result<(), WriteError> {
    let fail = |step: String| move |source| WriteError::Io { step, source };
    match fs::symlink_metadata(path) {
        Ok(meta) => {
            if let Some(kind) = irregular_kind(&meta) {
                return Err(WriteError::NotRegular(kind));
            }
            if options.existing == Existing::Keep {
                return Err(WriteError::Exists);
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(fail(format!("cannot examine {}", path.display()))(e)),
    }
    let dir = folder(path);
    let temp = options
        .temp
        .map_or_else(|| default_temp(dir, path), Path::to_path_buf);
    if options.temp.is_some() {
        steps
            .clear(&temp)
            .map_err(fail(format!("cannot remove {}", temp.display())))?;
    }
    let result = write_temp_and_place(steps, path, &temp, content, options);
    if result.is_err() || options.existing == Existing::Keep {
        // After a link the temp file is a second name of the new file; after a failure, debris.
        steps.remove(&temp);
    }
    match result {
        Err(WriteError::Io { source, .. }) if source.kind() == io::ErrorKind::AlreadyExists => {
            Err(WriteError::Exists)
        }
        Err(e) => Err(e),
        Ok(()) => steps.sync_folder(dir).map_err(fail(format!(
            "cannot flush folder {} to disk",
            dir.display()
        ))),
    }
}

/// The steps up to the new file being in place: create, write and fsync the temp file, then
/// rename or link it to `path`.
fn write_temp_and_place(
    steps: &dyn Steps,
    path: &Path,
    temp: &Path,
    content: Content<'_>,
    options: &WriteOptions<'_>,
) -> Result<(), WriteError> {
    let shown = temp.display();
    let fail = |step: String| move |source| WriteError::Io { step, source };
    let mut file = steps
        .create(temp, options.private)
        .map_err(fail(format!("cannot create {shown}")))?;
    match content {
        Content::Bytes(bytes) => steps.write(&mut file, bytes),
        Content::Made(make) => {
            let mut out = io::BufWriter::with_capacity(
                BUFFER,
                ByStep {
                    steps,
                    file: &mut file,
                },
            );
            make(&mut out).and_then(|()| io::Write::flush(&mut out))
        }
    }
    .map_err(fail(format!("cannot write {shown}")))?;
    steps
        .sync_file(&file)
        .map_err(fail(format!("cannot flush {shown} to disk")))?;
    drop(file);
    match options.existing {
        Existing::Replace => steps.rename(temp, path),
        Existing::Keep => steps.link(temp, path),
    }
    .map_err(fail(format!("cannot rename {shown} to {}", path.display())))
}

/// How many bytes of made content are gathered before each write to the temp file.
const BUFFER: usize = 1 << 16;

/// The temp file as a writer, each write one [`Steps::write`].
struct ByStep<'a> {
    steps: &'a dyn Steps,
    file: &'a mut File,
}

impl io::Write for ByStep<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.steps.write(self.file, buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// `.NAME.PID.tmp` in `dir`: a name no other process writing `path` at once uses.
fn default_temp(dir: &Path, path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    dir.join(format!(".{name}.{}.tmp", std::process::id()))
}

/// The file-system steps of [`write_with`]. [`Disk`] does them with `std::fs`; a test
/// implementation fails one of them, to check that each failure leaves the old file or the new.
pub trait Steps: std::fmt::Debug + Send + Sync {
    /// Removes a temp file a killed writer left at a fixed temp name (none there is no error).
    fn clear(&self, temp: &Path) -> io::Result<()>;
    /// Creates `temp`, which must not exist: 0600 if `private`.
    fn create(&self, temp: &Path, private: bool) -> io::Result<File>;
    /// Writes all of `bytes` to the temp file.
    fn write(&self, file: &mut File, bytes: &[u8]) -> io::Result<()>;
    /// Fsyncs the temp file.
    fn sync_file(&self, file: &File) -> io::Result<()>;
    /// Renames `temp` over `path`.
    fn rename(&self, temp: &Path, path: &Path) -> io::Result<()>;
    /// Hard-links `temp` at `path`; fails if the name is taken.
    fn link(&self, temp: &Path, path: &Path) -> io::Result<()>;
    /// Fsyncs the folder, so that a rename or link in it is on disk.
    fn sync_folder(&self, dir: &Path) -> io::Result<()>;
    /// Removes the temp file, best effort (it may not be there).
    fn remove(&self, temp: &Path);
}

/// The real file system.
#[derive(Debug, Clone, Copy, Default)]
pub struct Disk;

impl Steps for Disk {
    fn clear(&self, temp: &Path) -> io::Result<()> {
        match fs::remove_file(temp) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    fn create(&self, temp: &Path, private: bool) -> io::Result<File> {
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        if private {
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        }
        #[cfg(not(unix))]
        let _ = private;
        options.open(temp)
    }

    fn write(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        io::Write::write_all(file, bytes)
    }

    fn sync_file(&self, file: &File) -> io::Result<()> {
        file.sync_all()
    }

    fn rename(&self, temp: &Path, path: &Path) -> io::Result<()> {
        fs::rename(temp, path)
    }

    fn link(&self, temp: &Path, path: &Path) -> io::Result<()> {
        fs::hard_link(temp, path)
    }

    fn sync_folder(&self, dir: &Path) -> io::Result<()> {
        #[cfg(unix)]
        {
            File::open(dir)?.sync_all()
        }
        #[cfg(not(unix))]
        {
            let _ = dir;
            Ok(())
        }
    }

    fn remove(&self, temp: &Path) {
        let _ = fs::remove_file(temp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(unix)]
    use std::os::unix::fs::FileTypeExt;

    #[test]
    fn an_atomic_write_keeps_or_replaces_as_asked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.md");
        write_atomically(&path, b"one", Existing::Keep).unwrap();
        assert!(matches!(
            write_atomically(&path, b"two", Existing::Keep),
            Err(WriteError::Exists)
        ));
        assert_eq!(fs::read(&path).unwrap(), b"one");
        write_atomically(&path, b"two", Existing::Replace).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );
    }

    // `brief export -o /dev/null --force` (as root) renamed the export over the device node.
    #[cfg(unix)]
    #[test]
    fn an_atomic_write_never_replaces_what_is_not_a_regular_file() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        rustix::fs::mkfifoat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR,
        )
        .unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(dir.path().join("elsewhere"), &link).unwrap();
        for path in [&fifo, &link, &dir.path().to_path_buf()] {
            assert!(matches!(
                write_atomically(path, b"x", Existing::Replace),
                Err(WriteError::NotRegular(_))
            ));
        }
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        assert!(!dir.path().join("elsewhere").exists());
    }

    #[test]
    fn made_content_is_written_whole_or_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.md");
        let big = vec![b'x'; 3 * BUFFER + 7];
        let mut make = |out: &mut dyn io::Write| {
            out.write_all(b"head ")?;
            out.write_all(&big)
        };
        write_atomically_from(&path, Existing::Keep, &mut make).unwrap();
        assert_eq!(fs::read(&path).unwrap().len(), big.len() + 5);
        let failed = dir.path().join("failed.md");
        let mut make = |out: &mut dyn io::Write| {
            out.write_all(&big)?;
            Err(io::Error::other("the card store failed"))
        };
        let e = write_atomically_from(&failed, Existing::Keep, &mut make).unwrap_err();
        assert!(e.in_full().contains("the card store failed"), "{e}");
        assert!(!failed.exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temp file");
    }
}

//! The one bounded reader and the one atomic writer of the crate. The reader serves a user's or an
//! author's file (config, state, keys, manifests): it opens only regular files, never waits on a
//! FIFO or a device, and never reads past a bound. The writer (state, exports, manifests) leaves
//! the old file or the new one whole, whatever step fails: temp file, fsync, rename or link, fsync
//! the folder; its file-system steps go through [`Steps`], so a test can fail each in turn.
//!
//! We write this ourselves rather than use `tempfile`'s `persist`, which fsyncs neither the file
//! nor the folder. Every failure is returned; none is retried (a second fsync can report success
//! after the data is gone).

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Whether a symbolic link at the path is followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Follow it to a regular file (the user's config and state may live behind a link).
    Follow,
    /// Refuse it (a pack's files: a link could lead anywhere).
    Refuse,
}

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The system said no (missing, no permission, a looping link...).
    #[error("{0}")]
    Io(#[from] io::Error),
    /// It is a FIFO, a device, a folder or a socket.
    #[error("is {0}, not a regular file")]
    NotRegular(&'static str),
    /// It holds more than the bound.
    #[error("is over the limit of {0} bytes")]
    TooBig(u64),
}

impl ReadError {
    /// Whether there is simply no file there.
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }
}

/// What kind of file `meta` describes, for a message ("a FIFO"); `None` for a regular file.
pub fn irregular_kind(meta: &fs::Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("a folder");
    }
    if kind.is_symlink() {
        return Some("a symbolic link");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a FIFO");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
        if kind.is_char_device() {
            return Some("a character device");
        }
        if kind.is_block_device() {
            return Some("a block device");
        }
    }
    Some("not a regular file")
}

/// Opens `path` for reading without blocking (a FIFO opens at once instead of waiting for a
/// writer) and checks that what opened is a regular file.
pub fn open_regular(path: &Path, links: Links) -> Result<File, ReadError> {
    let file = open_nonblocking(path, links)?;
    if let Some(kind) = irregular_kind(&file.metadata()?) {
        return Err(ReadError::NotRegular(kind));
    }
    Ok(file)
}

#[cfg(unix)]
fn open_nonblocking(path: &Path, links: Links) -> Result<File, ReadError> {
    use rustix::fs::OFlags;
    let mut flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC | OFlags::NOCTTY;
    if links == Links::Refuse {
        flags |= OFlags::NOFOLLOW;
    }
    match rustix::fs::open(path, flags, rustix::fs::Mode::empty()) {
        Ok(fd) => Ok(File::from(fd)),
        Err(rustix::io::Errno::LOOP) if links == Links::Refuse => Err(ReadError::NotRegular(
            "a symbolic link (links are not followed)",
        )),
        Err(e) => Err(ReadError::Io(e.into())),
    }
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path, links: Links) -> Result<File, ReadError> {
    if links == Links::Refuse && fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(ReadError::NotRegular(
            "a symbolic link (links are not followed)",
        ));
    }
    Ok(File::open(path)?)
}

/// The bytes of the regular file at `path`, at most `limit` of them.
pub fn read_bounded(path: &Path, limit: u64, links: Links) -> Result<Vec<u8>, ReadError> {
    let file = open_regular(path, links)?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooBig(limit));
    }
    Ok(bytes)
}

/// [`read_bounded`], as UTF-8 text.
pub fn read_bounded_text(path: &Path, limit: u64, links: Links) -> Result<String, ReadError> {
    let bytes = read_bounded(path, limit, links)?;
    String::from_utf8(bytes).map_err(|e| {
        ReadError::Io(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to()),
        ))
    })
}

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

/// [`write_atomically`] with the file-system steps and the temp file given. On failure the temp
/// file is removed (best effort) and the error returned: the caller must not assume anything was
/// written (after a failed folder fsync the new file may be in place, but not yet safe).
pub fn write_with(
    steps: &dyn Steps,
    path: &Path,
    bytes: &[u8],
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
    let result = write_temp_and_place(steps, path, &temp, bytes, options);
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
    bytes: &[u8],
    options: &WriteOptions<'_>,
) -> Result<(), WriteError> {
    let shown = temp.display();
    let fail = |step: String| move |source| WriteError::Io { step, source };
    let mut file = steps
        .create(temp, options.private)
        .map_err(fail(format!("cannot create {shown}")))?;
    steps
        .write(&mut file, bytes)
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

/// The folder holding `path` (`.` for a bare file name).
pub fn folder(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
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

/// Reads the already-open regular file `file`, which says it holds `size` bytes, at most `limit`
/// of them, into `buffer` (cleared first: a caller reading many files passes the last one's
/// buffer back in, and its room is reused). One read is asked for `size + 1` bytes, and one that
/// stops at `size` is taken as the end: one read per file rather than a second that finds nothing.
/// A file longer than it said is read on to its end, within the bound.
pub fn read_open_bounded(
    mut file: &File,
    size: u64,
    limit: u64,
    mut buffer: Vec<u8>,
) -> Result<Vec<u8>, ReadError> {
    let too_big = || ReadError::TooBig(limit);
    let size = usize::try_from(size.min(limit)).map_err(|_| too_big())?;
    buffer.clear();
    buffer.resize(size.checked_add(1).ok_or_else(too_big)?, 0);
    let mut filled = 0;
    let longer = loop {
        match file.read(&mut buffer[filled..]) {
            Ok(0) => break false,
            Ok(n) => {
                filled += n;
                if filled >= size {
                    break filled > size;
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.into()),
        }
    };
    buffer.truncate(filled);
    if longer {
        let room = limit.saturating_add(1).saturating_sub(filled as u64);
        file.take(room).read_to_end(&mut buffer)?;
    }
    if buffer.len() as u64 > limit {
        return Err(too_big());
    }
    Ok(buffer)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(unix)]
    use std::os::unix::fs::FileTypeExt;

    #[test]
    fn reads_a_regular_file_within_its_bound() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        fs::write(&path, b"12345").unwrap();
        assert_eq!(read_bounded(&path, 5, Links::Follow).unwrap(), b"12345");
        assert!(matches!(
            read_bounded(&path, 4, Links::Follow),
            Err(ReadError::TooBig(4))
        ));
    }

    #[test]
    fn a_missing_file_is_not_found() {
        let dir = tempfile::tempdir().unwrap();
        let e = read_bounded(&dir.path().join("none"), 5, Links::Follow).unwrap_err();
        assert!(e.is_not_found(), "{e}");
    }

    #[test]
    fn a_folder_is_refused_by_kind() {
        let dir = tempfile::tempdir().unwrap();
        let e = read_bounded(dir.path(), 5, Links::Follow).unwrap_err();
        assert_eq!(e.to_string(), "is a folder, not a regular file");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_at_once_instead_of_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fifo");
        rustix::fs::mkfifoat(
            rustix::fs::CWD,
            &path,
            rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR,
        )
        .unwrap();
        let e = read_bounded(&path, 5, Links::Follow).unwrap_err();
        assert_eq!(e.to_string(), "is a FIFO, not a regular file");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_followed_or_refused_as_asked() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("t");
        fs::write(&target, b"x").unwrap();
        let link = dir.path().join("l");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert_eq!(read_bounded(&link, 5, Links::Follow).unwrap(), b"x");
        assert!(matches!(
            read_bounded(&link, 5, Links::Refuse),
            Err(ReadError::NotRegular(_))
        ));
    }

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
    fn the_character_device_dev_null_is_refused() {
        #[cfg(unix)]
        {
            let e = read_bounded(Path::new("/dev/null"), 5, Links::Follow).unwrap_err();
            assert_eq!(e.to_string(), "is a character device, not a regular file");
        }
    }
}

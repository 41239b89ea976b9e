//! The one bounded reader and the one atomic writer of the crate. The reader serves a user's or an
//! author's file (config, state, keys, manifests, a pack's cards): it opens only regular files,
//! never waits on a FIFO or a device, and never reads past a bound. The writer ([`write_with`],
//! in `write.rs`) serves state, exports and manifests.

mod write;

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::Path;

pub use write::{
    Disk, Existing, Steps, WriteError, WriteOptions, write_atomically, write_atomically_from,
    write_with,
};

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

/// How every file the crate reads is opened on Unix: read-only, never waiting on a FIFO or a
/// device, never becoming the controlling terminal, closed on exec; with [`Links::Refuse`], a
/// link at the end of the path fails the open. The pack's card reader opens with these too.
#[cfg(unix)]
pub fn read_flags(links: Links) -> rustix::fs::OFlags {
    use rustix::fs::OFlags;
    let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC | OFlags::NOCTTY;
    match links {
        Links::Refuse => flags | OFlags::NOFOLLOW,
        Links::Follow => flags,
    }
}

#[cfg(unix)]
fn open_nonblocking(path: &Path, links: Links) -> Result<File, ReadError> {
    match rustix::fs::open(path, read_flags(links), rustix::fs::Mode::empty()) {
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
    let size = file.metadata()?.len();
    if size > limit {
        return Err(ReadError::TooBig(limit));
    }
    read_open_bounded(&file, size, limit, Vec::new())
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

/// The folder holding `path` (`.` for a bare file name).
pub fn folder(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn the_character_device_dev_null_is_refused() {
        #[cfg(unix)]
        {
            let e = read_bounded(Path::new("/dev/null"), 5, Links::Follow).unwrap_err();
            assert_eq!(e.to_string(), "is a character device, not a regular file");
        }
    }
}

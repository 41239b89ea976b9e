//! How a pack folder's files are read: the cards folder listed into one string and held open,
//! each card opened inside it without following a link, checked through the open file and read
//! within its bound. Everything here is tuning for big packs; what the loader does with the bytes
//! is in `load.rs`.
//!
//! What each trick gains, measured by turning it off alone (`brief list rutte`, callgrind
//! instructions on a 20,000-card pack from `examples/genpack`; system time by `hyperfine`):
//! - each card opened inside the held-open cards folder (`openat`) rather than by its full path:
//!   2.8% fewer instructions (27 M of 977 M), and less system time (0.279 s against 0.294 s);
//! - the open file checked with `fstat` rather than the `statx` of `File::metadata`: 0.9% fewer
//!   instructions, system time 0.279 s against 0.295 s;
//! - each file read in one call into a buffer of its size (see
//!   [`read_open_bounded`]) rather than `read_to_end`: 6.8% fewer instructions, and system time
//!   0.279 s against 0.415 s;
//! - the buffer of a clean card reused for the next file read on its thread ([`let_go`]): 2.0%
//!   fewer instructions;
//! - the listing sorted on both cores rather than one: 0.6% fewer instructions.
//!
//! Giving back serde's spare room (`load.rs`, `shrink`) costs 2.2% of the instructions and saves
//! about 44 MB of a 100,000-card pack's peak memory; all of these pay for themselves and stay.
//! (2026-12-02, host load average about 11: the system times are means of 20 runs and only
//! roughly comparable; the instruction counts repeat.)

use std::borrow::Cow;
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::PackError;
use crate::base::file::{self, Links, ReadError, read_open_bounded};

/// The cards folder of a pack folder. On Unix it is held open and each card is opened inside it:
/// the kernel then looks up one name per card rather than every folder of the path.
pub(super) struct Folder {
    path: PathBuf,
    /// The path as shown in messages, with a separator after it: what comes before a file's
    /// name in `path.join(name).display()`.
    pub(super) shown: String,
    #[cfg(unix)]
    open: fs::File,
}

impl Folder {
    /// The cards folder `path`, listed (at most `max_cards` cards) and then opened.
    pub(super) fn open(path: PathBuf, max_cards: usize) -> Result<(Folder, Listing), PackError> {
        let listing = list_cards(&path, max_cards)?;
        let shown = path.display().to_string();
        let folder = Folder {
            #[cfg(unix)]
            open: fs::File::open(&path).map_err(|e| PackError::Read {
                path: shown.clone(),
                reason: e.to_string(),
            })?,
            path,
            shown: shown + std::path::MAIN_SEPARATOR_STR,
        };
        Ok((folder, listing))
    }

    /// Reads the file `name` of this folder as [`read_bounded`] reads a path.
    pub(super) fn read(
        &self,
        name: &str,
        limit: u64,
        listed_as_file: bool,
    ) -> Result<Vec<u8>, String> {
        let path = || Cow::Owned(self.path.join(name));
        #[cfg(unix)]
        let open = || {
            let file = rustix::fs::openat(
                &self.open,
                name,
                file::read_flags(Links::Refuse),
                rustix::fs::Mode::empty(),
            )?;
            Ok(fs::File::from(file))
        };
        #[cfg(not(unix))]
        let open = || open_no_follow(&self.path.join(name));
        read_file(path, open, limit, listed_as_file)
    }
}

/// What a folder listing says a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Listed {
    /// A regular file.
    File,
    /// A symbolic link (refused, never followed).
    Link,
    /// Something else, or not known.
    Other,
}

/// The `*.json` files of a cards folder.
pub(super) struct Listing {
    /// Their names, one after the other.
    names: String,
    /// Where each name is in `names`, and what the listing says the file is; sorted by name.
    files: Vec<(Range<usize>, Listed)>,
}

impl Listing {
    /// Each file's name and what the listing says it is, in name order.
    pub(super) fn files(&self) -> impl Iterator<Item = (&str, Listed)> {
        self.files
            .iter()
            .map(|(at, kind)| (&self.names[at.clone()], *kind))
    }
}

/// The `*.json` files in the cards folder, sorted, each with what the listing says it is. The
/// names are kept in one string rather than one each: a big pack has many.
fn list_cards(cards_dir: &Path, max_cards: usize) -> Result<Listing, PackError> {
    let shown = cards_dir.display().to_string();
    let read_err = |e: std::io::Error| PackError::Read {
        path: shown.clone(),
        reason: e.to_string(),
    };
    let mut names = String::new();
    let mut files = Vec::new();
    for entry in fs::read_dir(cards_dir).map_err(read_err)? {
        let entry = entry.map_err(read_err)?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let kind = entry.file_type().map_err(read_err)?;
        if !name.ends_with(".json") || kind.is_dir() {
            continue;
        }
        if files.len() == max_cards {
            return Err(PackError::TooManyCards {
                path: shown,
                limit: max_cards,
            });
        }
        let kind = if kind.is_symlink() {
            Listed::Link
        } else if kind.is_file() {
            Listed::File
        } else {
            Listed::Other
        };
        files.push((names.len()..names.len() + name.len(), kind));
        names.push_str(&name);
    }
    // In parallel: a big pack's listing is long. (Names in one folder differ, but two that are not
    // UTF-8 may read the same: links after the rest then, as before.)
    let key = |(at, kind): &(Range<usize>, Listed)| (&names[at.clone()], *kind == Listed::Link);
    files.par_sort_unstable_by(|a, b| key(a).cmp(&key(b)));
    Ok(Listing { names, files })
}

/// Reads at most `limit` bytes of a regular file, refusing links and larger files.
///
/// The file is opened once, without following a link, and checked through the open file (one
/// path lookup, where looking at the path and then opening it took two). Unless the folder listing
/// said it is a regular file, the path is looked at first, so that a device or FIFO is never opened.
pub(super) fn read_bounded(
    path: &Path,
    limit: u64,
    listed_as_file: bool,
) -> Result<Vec<u8>, String> {
    read_file(
        || Cow::Borrowed(path),
        || open_no_follow(path),
        limit,
        listed_as_file,
    )
}

/// [`read_bounded`] with the opening given: `path` is the file's path, built only if it is needed
/// (to look at it first, or to say why the open failed).
fn read_file<'p>(
    path: impl Fn() -> Cow<'p, Path>,
    open: impl FnOnce() -> std::io::Result<fs::File>,
    limit: u64,
    listed_as_file: bool,
) -> Result<Vec<u8>, String> {
    if !listed_as_file || cfg!(not(unix)) {
        check_unopened(&path(), limit)?;
    }
    let file = open().map_err(|e| {
        // Say why as looking first would have: a link, not a regular file, too big.
        match check_unopened(&path(), limit) {
            Err(reason) => reason,
            Ok(()) => e.to_string(),
        }
    })?;
    let (is_file, len) = kind_and_size(&file).map_err(|e| e.to_string())?;
    if !is_file {
        return Err("not a regular file".into());
    }
    if len > limit {
        return Err(too_big(len, limit));
    }
    // Into a buffer let go by an earlier card if there is one.
    let spare = SPARE.with_borrow_mut(std::mem::take);
    read_open_bounded(&file, len, limit, spare).map_err(|e| match e {
        // The read stops one byte past the bound: a file that grew while it was read.
        ReadError::TooBig(_) => too_big(limit.saturating_add(1), limit),
        e => e.to_string(),
    })
}

/// Whether the open file is a regular file, and its size. On Unix by `fstat`, which fills in
/// less than the `statx` that [`fs::File::metadata`] asks for.
fn kind_and_size(file: &fs::File) -> std::io::Result<(bool, u64)> {
    #[cfg(unix)]
    {
        use rustix::fs::{FileType, fstat};
        let stat = fstat(file)?;
        Ok((
            FileType::from_raw_mode(stat.st_mode) == FileType::RegularFile,
            stat.st_size as u64,
        ))
    }
    #[cfg(not(unix))]
    {
        let meta = file.metadata()?;
        Ok((meta.is_file(), meta.len()))
    }
}

thread_local! {
    /// The bytes of a card file that is done with, to read the next one into: a big pack's files
    /// then need no allocation each.
    static SPARE: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Keeps `bytes` for the next file this thread reads.
pub(super) fn let_go(bytes: Vec<u8>) {
    SPARE.with_borrow_mut(|spare| {
        if bytes.capacity() > spare.capacity() {
            *spare = bytes;
        }
    });
}

fn too_big(size: u64, limit: u64) -> String {
    format!("file is {size} bytes, over the limit of {limit} bytes")
}

/// What the path itself says before opening: a link, not a regular file, or too big.
fn check_unopened(path: &Path, limit: u64) -> Result<(), String> {
    let meta = fs::symlink_metadata(path).map_err(|e| e.to_string())?;
    if meta.file_type().is_symlink() {
        return Err("symbolic link not followed".into());
    }
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    if meta.len() > limit {
        return Err(too_big(meta.len(), limit));
    }
    Ok(())
}

/// Opens `path` for reading without following a link; on Unix with base's
/// [`read_flags`](crate::base::file::read_flags).
fn open_no_follow(path: &Path) -> std::io::Result<fs::File> {
    #[cfg(unix)]
    return Ok(fs::File::from(rustix::fs::open(
        path,
        file::read_flags(Links::Refuse),
        rustix::fs::Mode::empty(),
    )?));
    #[cfg(not(unix))]
    fs::File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_read_whole_within_its_bound_even_if_it_said_it_was_shorter() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("card.json");
        fs::write(&path, b"0123456789").unwrap();
        let file = fs::File::open(&path).unwrap();
        // It says 3 bytes and holds 10: read on to its end.
        assert_eq!(
            read_open_bounded(&file, 3, 10, Vec::new()).unwrap(),
            b"0123456789"
        );
        let file = fs::File::open(&path).unwrap();
        assert!(matches!(
            read_open_bounded(&file, 3, 5, vec![1, 2, 3]),
            Err(ReadError::TooBig(5))
        ));
        assert_eq!(read_bounded(&path, 10, false).unwrap(), b"0123456789");
        assert_eq!(
            read_bounded(&path, 9, false).unwrap_err(),
            "file is 10 bytes, over the limit of 9 bytes"
        );
    }
}

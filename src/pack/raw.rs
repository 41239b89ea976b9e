//! A pack's files as the loader sees them: each one's name for messages and its bytes (or why they
//! could not be had), from the binary, from memory or from a folder.

use std::borrow::Cow;
use std::path::Path;

use super::PackError;
use super::read::{self, Folder, Listed, Listing};
use crate::base::diagnostic::Diagnostic;
use crate::base::locate::LineCol;

/// One file of a pack: how to name it, and its bytes or why they could not be had.
pub(super) struct RawFile<'a> {
    /// The folders of the file's path as shown in messages, up to its own name.
    pub(super) folder: Cow<'a, str>,
    /// The file's own name.
    pub(super) name: Cow<'a, str>,
    bytes: Result<Cow<'a, [u8]>, String>,
    /// The folder to read the bytes again from if they were let go (files of a pack folder only).
    disk: Option<&'a Folder>,
}

impl<'a> RawFile<'a> {
    /// The file at `rel` (a path relative to the pack root) of a pack in memory, named in
    /// messages as `shown_prefix` + `rel`.
    pub(super) fn in_memory(shown_prefix: &str, rel: &str, bytes: &[u8]) -> RawFile<'a> {
        let (folder, name) = rel.split_at(rel.rfind('/').map_or(0, |i| i + 1));
        RawFile {
            folder: Cow::Owned(format!("{shown_prefix}{folder}")),
            name: Cow::Owned(name.to_string()),
            bytes: Ok(Cow::Owned(bytes.to_vec())),
            disk: None,
        }
    }

    /// `themes.json` or `sources.json` of the pack folder `dir`, read whole within `limit`.
    pub(super) fn index_in(dir: &Path, name: &'static str, limit: u64) -> Result<Self, PackError> {
        let path = dir.join(name);
        let shown = path.display().to_string();
        let bytes = read::read_bounded(&path, limit, false).map_err(|reason| PackError::Read {
            path: shown.clone(),
            reason,
        })?;
        // What comes before the name in the shown path, which ends with it.
        let folder = shown.strip_suffix(name).unwrap_or_default();
        Ok(RawFile {
            folder: Cow::Owned(folder.to_string()),
            name: Cow::Borrowed(name),
            bytes: Ok(Cow::Owned(bytes)),
            disk: None,
        })
    }

    /// The file as shown in messages. Built only for a message: a big pack's clean cards never
    /// need it.
    pub(super) fn path(&self) -> String {
        [&*self.folder, &*self.name].concat()
    }

    /// The file's name without `.json`: a card's id must equal it.
    pub(super) fn stem(&self) -> &str {
        self.name.strip_suffix(".json").unwrap_or(&self.name)
    }

    /// Lets go of the bytes of a file of a pack folder, for the next file to be read into: a
    /// clean card's text is needed again only if a link check fails, and is read again then.
    pub(super) fn let_go(&mut self) {
        if let (Some(_), Ok(Cow::Owned(bytes))) = (self.disk, &mut self.bytes) {
            read::let_go(std::mem::take(bytes));
        }
    }

    /// Whether the bytes were let go (or the file is empty).
    pub(super) fn is_let_go(&self) -> bool {
        matches!(&self.bytes, Ok(b) if b.is_empty())
    }

    /// Reads the bytes again from the folder if they were let go, so that a message can point at
    /// the line and column.
    pub(super) fn read_again(&mut self, limit: u64) {
        if let Some(folder) = self.disk {
            self.bytes = folder.read(&self.name, limit, false).map(Cow::Owned);
        }
    }
}

/// The text of a file, or where its bytes stop being UTF-8.
pub(super) fn text_of<'f>(file: &'f RawFile<'_>) -> Result<&'f str, Diagnostic> {
    let bytes = file
        .bytes
        .as_ref()
        .map_err(|reason| Diagnostic::whole_file(&file.path(), reason))?;
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
        Diagnostic::new(
            &file.path(),
            LineCol::of_offset(valid, valid.len()),
            "invalid UTF-8",
        )
    })
}

/// A card file not read yet: read inside the parallel parse, so that a big pack's bytes are never
/// all in memory at once (each file's bytes are dropped once its card is parsed and clean).
pub(super) enum CardFile<'a> {
    /// Bytes already at hand (the built-in pack, or a pack in memory).
    Ready(RawFile<'a>),
    /// A file in a pack folder.
    Disk {
        /// The cards folder.
        dir: &'a Folder,
        /// Its name in the cards folder.
        name: &'a str,
        /// What the folder listing says it is.
        kind: Listed,
        /// The size bound.
        limit: u64,
    },
}

impl<'a> CardFile<'a> {
    /// The card files of a listed cards folder, each bound to `limit` bytes.
    pub(super) fn listed(dir: &'a Folder, listing: &'a Listing, limit: u64) -> Vec<Self> {
        listing
            .files()
            .map(|(name, kind)| CardFile::Disk {
                dir,
                name,
                kind,
                limit,
            })
            .collect()
    }

    /// The file with its bytes read (or why they could not be).
    pub(super) fn open(self) -> RawFile<'a> {
        match self {
            CardFile::Ready(raw) => raw,
            CardFile::Disk {
                dir,
                name,
                kind,
                limit,
            } => RawFile {
                folder: Cow::Borrowed(&dir.shown),
                name: Cow::Borrowed(name),
                bytes: if kind == Listed::Link {
                    Err("symbolic link not followed (a pack's cards must be plain files)".into())
                } else {
                    dir.read(name, limit, kind == Listed::File).map(Cow::Owned)
                },
                disk: Some(dir),
            },
        }
    }
}

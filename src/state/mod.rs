//! The state store: bookmarks, notes, read marks and where the user was, kept in one JSON file that
//! no crash, second window or bad file can lose or corrupt.
//!
//! - [`model`]: what the file holds ([`State`], [`Position`]); `records`: one card's bookmark
//!   and note records; `merge`: one process's changes merged into the file per card, later time
//!   winning, with tombstones.
//! - The agenda (the user's order of bookmarks): [`rank`], the sort keys (fractional indexing);
//!   `agenda`, which keys a move changes. `history`: the kept searches.
//! - `format`: bytes ↔ state, the version check and migration; `json`: a JSON reader that
//!   refuses a key twice in one object.
//! - [`store`]: the [`Store`] a process holds: write-through under a lock, atomic replace,
//!   setting a bad file aside, running in memory when the folder cannot be written; `store/open`:
//!   opening it; `store/read`: read marks, decided against the file as it stands.
//! - `place`: where the state file really is (links followed) and that it is a regular file.
//! - `disk`: the file-system steps (private folder, bounded read, the temp file's name, setting a
//!   bad file aside); the replace itself is [`crate::base::file::write_with`]; `lock`: the lock
//!   file.
//!
//! Time (Unix milliseconds, UTC dates) is [`crate::base::time`].

pub(crate) mod agenda;
mod disk;
mod flags;
mod format;
mod history;
mod json;
mod lock;
mod merge;
pub mod model;
mod place;
pub mod rank;
mod records;
pub mod store;

use std::ffi::OsString;
use std::path::{Path, PathBuf};

pub use history::MAX_HISTORY;
pub use model::{Position, State};
pub use store::Store;

/// The longest note [`Store::set_note`] saves, in bytes of UTF-8: 64 KiB, some 10,000 words. A
/// note is a line or a few paragraphs beside a card; this is far more than anyone types there,
/// yet small enough that wrapping and drawing it on every frame stays cheap, and that hundreds of
/// such notes still fit in a state file ([`MAX_STATE_BYTES`]). A longer note already in the file
/// (edited by hand, or merged) is kept whole; [`State::note_is_over_bound`] tells it.
pub const MAX_NOTE_BYTES: usize = 64 * 1024;

/// The largest state file brief reads: 64 MiB. A read mark for each of the 1,000,000 cards a pack
/// may hold is about 50 MB; a file past this is not one brief would have written, and is left
/// exactly as it is (never set aside or overwritten for its size), with a message, and brief does
/// not keep state that session. No save writes a file past it either.
pub const MAX_STATE_BYTES: u64 = 64 * 1024 * 1024;

/// Where the state file lives, as the user asked for it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum StateLocation {
    /// `$XDG_DATA_HOME/brief/state.json`, else `~/.local/share/brief/state.json`.
    #[default]
    Default,
    /// `--state PATH` or `BRIEF_STATE`.
    Path(PathBuf),
}

impl StateLocation {
    /// The state file's path, from this process's environment.
    pub fn resolve(&self) -> Result<PathBuf, StateError> {
        self.resolve_with(std::env::var_os("XDG_DATA_HOME"), std::env::var_os("HOME"))
    }

    /// The state file's path given the values of `XDG_DATA_HOME` and `HOME`. As the XDG base
    /// directory spec says, an empty or relative `XDG_DATA_HOME` is ignored.
    pub fn resolve_with(
        &self,
        xdg_data_home: Option<OsString>,
        home: Option<OsString>,
    ) -> Result<PathBuf, StateError> {
        if let StateLocation::Path(path) = self {
            return Ok(path.clone());
        }
        let data_home = xdg_data_home
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| {
                home.filter(|h| !h.is_empty())
                    .map(|h| Path::new(&h).join(".local").join("share"))
            })
            .ok_or(StateError::NoLocation)?;
        Ok(data_home.join("brief").join("state.json"))
    }
}

/// Why a change could not be kept on disk. Each message says what happened and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StateError {
    /// Neither `XDG_DATA_HOME` nor `HOME` says where state goes.
    #[error(
        "no place for the state file: neither XDG_DATA_HOME nor HOME is set (pass --state PATH or set BRIEF_STATE); bookmarks will not be kept this session"
    )]
    NoLocation,
    /// The state file or its folder cannot be used at all this session.
    #[error("{reason}; bookmarks will not be kept this session")]
    NotKept {
        /// The state file.
        path: PathBuf,
        /// What is wrong, naming the file or folder.
        reason: String,
    },
    /// The file changed on disk and cannot be read again; the state in memory is kept.
    #[error("could not re-read {}: {reason}", path.display())]
    Read {
        /// The state file.
        path: PathBuf,
        /// What failed.
        reason: String,
    },
    /// A note longer than [`MAX_NOTE_BYTES`] was not saved (nor kept in memory).
    #[error(
        "a note can be at most {} KiB ({MAX_NOTE_BYTES} bytes); this one is {bytes} bytes, so it was not saved",
        MAX_NOTE_BYTES / 1024
    )]
    NoteTooLong {
        /// The refused note's length in bytes.
        bytes: usize,
    },
    /// A move in the agenda of a card that is not bookmarked.
    #[error("{id:?} is not bookmarked")]
    NotBookmarked {
        /// The card's id.
        id: String,
    },
    /// A move in the agenda to a place past its end (`place` counts from 0).
    #[error(
        "there is no place {} in an agenda of {len} bookmarks",
        place.saturating_add(1)
    )]
    NoSuchPlace {
        /// The place asked for, from 0.
        place: usize,
        /// How many bookmarks the agenda holds.
        len: usize,
    },
    /// One save failed; the change is kept in memory and retried, in full, with the next change.
    #[error("could not save {}: {reason}; the change is kept in memory only", path.display())]
    Save {
        /// The state file.
        path: PathBuf,
        /// What failed.
        reason: String,
    },
}

/// Reads a state file's bytes as brief does when it opens the file (migrating an older version):
/// the state, or why the file would be set aside. Used by the fuzz target; never panics.
pub fn read_bytes(bytes: &[u8]) -> Result<State, String> {
    format::decode(bytes)
        .map(|decoded| decoded.state)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(s: &str) -> Option<OsString> {
        s.parse().ok()
    }

    #[test]
    fn an_explicit_path_wins_over_the_environment() {
        let loc = StateLocation::Path("/tmp/s.json".into());
        assert_eq!(
            loc.resolve_with(os("/xdg"), os("/home/u")),
            Ok(PathBuf::from("/tmp/s.json"))
        );
    }

    #[test]
    fn xdg_data_home_comes_before_home() {
        let loc = StateLocation::Default;
        assert_eq!(
            loc.resolve_with(os("/xdg"), os("/home/u")),
            Ok(PathBuf::from("/xdg/brief/state.json"))
        );
        assert_eq!(
            loc.resolve_with(None, os("/home/u")),
            Ok(PathBuf::from("/home/u/.local/share/brief/state.json"))
        );
    }

    #[test]
    fn an_empty_or_relative_xdg_data_home_is_ignored() {
        let loc = StateLocation::Default;
        for xdg in ["", "relative/data"] {
            assert_eq!(
                loc.resolve_with(os(xdg), os("/home/u")),
                Ok(PathBuf::from("/home/u/.local/share/brief/state.json"))
            );
        }
    }

    #[test]
    fn no_home_at_all_is_an_error_that_says_what_to_set() {
        let loc = StateLocation::Default;
        let err = loc.resolve_with(None, os("")).unwrap_err();
        assert_eq!(err, StateError::NoLocation);
        assert!(err.to_string().contains("--state"));
    }
}

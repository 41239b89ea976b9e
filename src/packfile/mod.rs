//! The single-file pack: one versioned, checksummed file holding a pack's cards, themes, sources
//! and search index, built by `brief build` and opened with `--pack FILE` (the format is
//! `docs/packfile.md`).
//!
//! - [`format`](mod@format): the header and the part table, encoded and decoded with every field checked.
//! - [`reader`]: [`FileParts`], positioned reads of a part's blocks, each checked by its CRC32.
//! - [`writer`]: [`FileWriter`], which lays parts out as a file.
//! - [`parts`]: the seam ([`Parts`], [`PartSink`]) through which the search index reads and
//!   writes its own parts.

pub mod build;
pub mod cards;
pub mod check;
pub mod format;
pub mod parts;
pub mod reader;
pub mod sign;
pub mod writer;

pub use parts::{MemoryParts, PartError, PartFault, PartSink, Parts};
pub use reader::FileParts;
pub use writer::FileWriter;

/// A pack file that cannot be used: which file, which part, and what is wrong, on one line
/// (`summit.brief: cards.titles: bytes 65536..131072: checksum mismatch`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {}{what}", part_prefix(.part.as_deref()))]
pub struct FileError {
    /// The file's path, as it may be printed.
    pub file: String,
    /// The part (`header`, `part table`, or a part's name), if the problem is in one.
    pub part: Option<String>,
    /// What is wrong.
    pub what: String,
}

fn part_prefix(part: Option<&str>) -> String {
    part.map_or_else(String::new, |p| format!("{p}: "))
}

impl FileError {
    /// A problem in part `part` of `file`.
    pub fn new(file: &str, part: &str, what: impl Into<String>) -> Self {
        FileError {
            file: file.to_owned(),
            part: Some(crate::base::inert::visible(part).into_owned()),
            what: what.into(),
        }
    }

    /// A problem with the file as a whole (it cannot be opened).
    pub fn whole(file: &str, what: impl Into<String>) -> Self {
        FileError {
            file: file.to_owned(),
            part: None,
            what: what.into(),
        }
    }
}

#[cfg(test)]
mod tests;

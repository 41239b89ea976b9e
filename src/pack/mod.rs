//! The briefing pack: its types, loading (embedded at build time, or from a folder), validation and
//! sanitizing. A loaded [`Pack`] holds only clean, valid cards; what was skipped is in `problems`.

pub mod cite;
mod index_files;
mod load;
pub mod manifest;
pub mod model;
mod order;
mod raw;
mod read;
pub mod sentences;
pub mod validate;
pub mod visible;

use std::path::PathBuf;

use crate::base::diagnostic::Diagnostic;

pub use model::{Card, Figure, Quote, Source, SourceRef, Theme};
pub use order::first_out_of_order;

/// Size bounds past which a pack is refused or a card skipped, with a message naming the bound.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest card file, in bytes.
    pub max_card_bytes: u64,
    /// Largest `themes.json` / `sources.json`, in bytes.
    pub max_index_bytes: u64,
    /// Longest string in a card, in bytes.
    pub max_string_bytes: usize,
    /// Most cards in one pack.
    pub max_cards: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_card_bytes: 256 * 1024,
            max_index_bytes: 1024 * 1024,
            max_string_bytes: 16 * 1024,
            max_cards: 1_000_000,
        }
    }
}

/// Where a pack came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackOrigin {
    /// Built into the binary.
    Embedded,
    /// Read from this folder.
    Dir(PathBuf),
    /// Read from this pack file (`brief build`'s output).
    File(PathBuf),
    /// Given as files in memory.
    Memory,
}

/// How to load a pack.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Refuse the whole pack if any card is bad, instead of skipping it.
    pub strict: bool,
    /// Size bounds.
    pub limits: Limits,
}

/// A loaded pack: themes in display order, sources, and the cards that passed validation.
#[derive(Debug, Clone)]
pub struct Pack {
    /// Where it came from.
    pub origin: PackOrigin,
    /// Themes, in display order.
    pub themes: Vec<Theme>,
    /// Source articles.
    pub sources: Vec<Source>,
    /// Valid, sanitized cards, in pack order (by first theme, then id).
    pub cards: Vec<Card>,
    /// Every problem found; each bad card is skipped.
    pub problems: Vec<Diagnostic>,
    /// How many card files were skipped.
    pub skipped: usize,
}

/// Why a whole pack could not be used.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    /// The pack path is not a folder.
    #[error(
        "{path}: not a folder (a pack is a folder holding themes.json, sources.json and cards/, or a pack file made by `brief build`)"
    )]
    NotADir {
        /// The path given.
        path: String,
    },
    /// A file the pack needs could not be read.
    #[error("{path}: cannot read: {reason}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
    /// `themes.json` or `sources.json` is broken; nothing can be checked without them.
    #[error("{}", join_lines(.0))]
    Index(Vec<Diagnostic>),
    /// More cards than the bound.
    #[error("{path}: more than {limit} cards; refusing the pack")]
    TooManyCards {
        /// The cards folder.
        path: String,
        /// The bound.
        limit: usize,
    },
    /// `--strict` and some cards are bad.
    #[error("{}\n{} bad card file(s); --strict refuses the pack", join_lines(.0), .0.len())]
    Strict(Vec<Diagnostic>),
}

fn join_lines(problems: &[Diagnostic]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

impl Pack {
    /// The pack built into the binary.
    pub fn embedded(options: &LoadOptions) -> Result<Pack, PackError> {
        load::embedded(options)
    }

    /// The pack in folder `dir`.
    pub fn from_dir(dir: impl Into<PathBuf>, options: &LoadOptions) -> Result<Pack, PackError> {
        load::from_dir(&dir.into(), options)
    }

    /// A pack from its files in memory: (path relative to the pack root, bytes), e.g.
    /// `("cards/a.json", b"{...}")`. Messages name each file as `shown_prefix` + its path.
    pub fn from_memory(
        files: &[(&str, &[u8])],
        shown_prefix: &str,
        options: &LoadOptions,
    ) -> Result<Pack, PackError> {
        load::from_memory(files, shown_prefix, PackOrigin::Memory, options)
    }

    /// The themes and sources of a pack given as the bytes of `themes.json` and `sources.json`
    /// (with the names messages give them), checked as a folder's are.
    pub fn index_from_bytes(
        themes: (&str, &[u8]),
        sources: (&str, &[u8]),
        options: &LoadOptions,
    ) -> Result<(Vec<Theme>, Vec<Source>), PackError> {
        load::index_from_bytes(themes, sources, options)
    }

    /// A short name for where the pack came from, for messages.
    pub fn describe(&self) -> String {
        match &self.origin {
            PackOrigin::Embedded => "the built-in pack".into(),
            PackOrigin::Dir(dir) | PackOrigin::File(dir) => {
                crate::base::inert::visible(&dir.display().to_string()).into_owned()
            }
            PackOrigin::Memory => "the pack in memory".into(),
        }
    }
}

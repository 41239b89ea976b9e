//! Export of the cards now shown: Markdown for people (renders the same in any CommonMark viewer, with
//! card text escaped so it can never become markup) and JSON for machines (stable field order).
//! Bookmarks listed in the user's agenda order are numbered as an agenda, each card by its place
//! in the whole agenda (a search that shows some of them numbers them `2.`, `5.`: "second and
//! fifth on the agenda"). `notes`: the user's notes alone, as a brief to hand on.
//!
//! An export is written as it is made ([`write_markdown`], [`write_json`], to standard output or
//! through [`write_file_from`] to a file): the cards are read from the corpus a run at a time
//! (`cards.rs`), so an export of a whole big pack file holds one run of decoded cards, not all.

mod cards;
mod json;
mod markdown;
mod notes;

pub use markdown::escape;
pub use notes::{NoteItem, notes_markdown};

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use crate::base::file;
use crate::corpus::Corpus;
use crate::pack::Card;
use crate::packfile::FileError;
use cards::Cards;
use markdown::{code_span, paragraph};

/// One card to export, with what the user added to it.
#[derive(Debug, Clone, Copy)]
pub struct Item<'a> {
    /// The card.
    pub card: &'a Card,
    /// Its place in the user's agenda (0 first), if the user bookmarked it.
    pub place: Option<usize>,
    /// The user's note, if any.
    pub note: Option<&'a str>,
}

impl Item<'_> {
    /// Its number in an agenda: its place, from 1.
    fn number(&self) -> Option<usize> {
        self.place.map(|p| p.saturating_add(1))
    }
}

/// What the user added to the cards, looked up by card id as each run of cards is read.
pub trait Marks {
    /// The card's place in the user's agenda (0 first), if the user bookmarked it.
    fn place(&self, id: &str) -> Option<usize>;
    /// The user's note on the card, if any.
    fn note(&self, id: &str) -> Option<&str>;
}

/// What the export says about itself.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    /// When it was made (UTC, `YYYY-MM-DD HH:MM UTC`).
    pub exported_at: String,
    /// Which pack it came from.
    pub pack: String,
    /// The query used (empty: every card).
    pub query: String,
    /// Whether only bookmarked cards were shown.
    pub bookmarks_only: bool,
    /// Whether cards without a note were left out (`brief export --noted`); in JSON only when so.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub noted_only: bool,
}

impl Meta {
    /// Whether the cards are the user's bookmarks in agenda order (bookmarks only, or a query
    /// with a top-level `is:bookmarked`): the Markdown numbers them as an agenda.
    pub fn lists_agenda(&self, corpus: &Corpus) -> bool {
        self.bookmarks_only
            || crate::search::parse(&self.query, corpus.themes()).is_ok_and(|q| q.lists_agenda())
    }
}

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The target exists and `--force` was not given.
    #[error("{0}: already exists (use --force to overwrite it)")]
    Exists(String),
    /// Writing failed.
    #[error("{path}: cannot write: {reason}")]
    Write {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
    /// A card could not be read from the pack file (nothing was left under the file's name).
    #[error("{0}")]
    Card(FileError),
}

/// Why a streamed export stopped (what it wrote so far stays written).
#[derive(Debug, thiserror::Error)]
pub enum StreamError {
    /// A card could not be read from the pack file (the error names the file and the part).
    #[error("{0}")]
    Card(#[from] FileError),
    /// The output could not be written.
    #[error("{0}")]
    Write(#[from] io::Error),
}

/// The Markdown brief of the cards the caller holds (see [`write_markdown`]); a related card's
/// title that a pack file cannot give is shown by the card's id.
pub fn markdown(corpus: &Corpus, meta: &Meta, items: &[Item<'_>]) -> String {
    let mut out = Vec::new();
    // Into memory nothing fails to be written, and from held cards nothing fails to be read.
    let _ = markdown::write(corpus, meta, &Cards::Held(items), &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// The JSON export of the cards the caller holds (see [`write_json`]).
pub fn json(meta: &Meta, items: &[Item<'_>]) -> String {
    let mut out = Vec::new();
    let _ = json::write(meta, &Cards::Held(items), &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// Writes to `out` the Markdown brief of the cards at `positions` in the corpus (in that order,
/// with their places and notes from `marks`), reading the cards a run at a time: a title and
/// date line, the query, then one section per card; bookmarks in agenda order numbered by their
/// places, with the agenda (their titles, numbered) first.
pub fn write_markdown(
    corpus: &Corpus,
    meta: &Meta,
    positions: &[usize],
    marks: &dyn Marks,
    out: &mut dyn Write,
) -> Result<(), StreamError> {
    let cards = Cards::Read {
        corpus,
        positions,
        marks,
    };
    markdown::write(corpus, meta, &cards, out)
}

/// Writes to `out` the JSON export of the cards at `positions` in the corpus, reading them a run
/// at a time: the meta fields, then the cards with their bookmark flags and notes.
pub fn write_json(
    corpus: &Corpus,
    meta: &Meta,
    positions: &[usize],
    marks: &dyn Marks,
    out: &mut dyn Write,
) -> Result<(), StreamError> {
    let cards = Cards::Read {
        corpus,
        positions,
        marks,
    };
    json::write(meta, &cards, out)
}

/// Writes `bytes` to `path` atomically (see [`file::write_atomically`]). Without `force` an
/// existing file is never replaced; with it, only a regular file is.
pub fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<(), ExportError> {
    write_file_from(path, force, &mut |out| Ok(out.write_all(bytes)?))
}

/// [`write_file`] of what `make` writes as it makes it (see [`file::write_atomically_from`]): a
/// card that cannot be read, like a failed write, leaves nothing under the file's name.
pub fn write_file_from(
    path: &Path,
    force: bool,
    make: &mut dyn FnMut(&mut dyn Write) -> Result<(), StreamError>,
) -> Result<(), ExportError> {
    let shown = crate::base::inert::visible(&path.display().to_string()).into_owned();
    let existing = if force {
        file::Existing::Replace
    } else {
        file::Existing::Keep
    };
    // A card's error travels through the writer as an I/O error's inner error, and back.
    let mut as_io = |out: &mut dyn Write| match make(out) {
        Ok(()) => Ok(()),
        Err(StreamError::Write(e)) => Err(e),
        Err(StreamError::Card(e)) => Err(io::Error::other(e)),
    };
    file::write_atomically_from(path, existing, &mut as_io).map_err(|e| match e {
        file::WriteError::Exists => ExportError::Exists(shown),
        other => match card_error(&other) {
            Some(card) => ExportError::Card(card),
            None => ExportError::Write {
                path: shown,
                reason: other.to_string(),
            },
        },
    })
}

/// The card's error that a failed write carries, if reading a card is what failed.
fn card_error(e: &file::WriteError) -> Option<FileError> {
    match e {
        file::WriteError::Io { source, .. } => {
            source.get_ref()?.downcast_ref::<FileError>().cloned()
        }
        _ => None,
    }
}

//! Search: one query language for the TUI, `brief list` and `brief export`, answered from an index
//! built once at load, ranked, with byte ranges to highlight.
//!
//! - [`parse()`] turns the query text into a [`Query`] or a [`QueryError`] (what, and at which
//!   character); [`fold`] is the case and accent folding both sides share.
//! - [`Index::build`] indexes a pack's cards; [`Index::search`] ranks the matching cards ([`rank`]);
//!   [`Index::highlights`] finds what to highlight on the few cards shown.
//! - [`Query::matches`] is the same query answered by a plain scan of one card: the reference the
//!   index is tested against.
//! - [`synth`] makes large packs from the built-in one, for benchmarks.

mod eval;
pub mod fields;
pub mod fold;
mod index;
mod parse;
mod query;
mod rank;
pub mod synth;

use std::ops::Range;

use serde::Serialize;

pub use fields::Field;
pub use index::Index;
pub use parse::{QueryError, parse};
pub use query::{Query, State};
pub use rank::{Hit, score};

use crate::pack::Card;

/// What the state store knows about each card, for the `is:` filters.
pub trait Flags {
    /// Whether the card `id` is bookmarked.
    fn is_bookmarked(&self, id: &str) -> bool;
    /// Whether the card `id` has been read.
    fn is_read(&self, id: &str) -> bool;
    /// Whether the card `id` has a note.
    fn has_note(&self, id: &str) -> bool;
}

/// No state: nothing bookmarked or noted, every card unread.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoFlags;

impl Flags for NoFlags {
    fn is_bookmarked(&self, _id: &str) -> bool {
        false
    }
    fn is_read(&self, _id: &str) -> bool {
        false
    }
    fn has_note(&self, _id: &str) -> bool {
        false
    }
}

/// Where a query matched in one string of a card.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct FieldMatch {
    /// Which string (flattened into this object in JSON: `"field"`, `"index"`).
    #[serde(flatten)]
    pub field: Field,
    /// Byte ranges into that string, ascending.
    pub ranges: Vec<Range<usize>>,
}

impl Index {
    /// What to highlight on `card` (one of the indexed cards) for `query`: byte ranges of each
    /// positive term's matches, per field. Done by scanning the one card, so it costs nothing until
    /// a card is shown.
    pub fn highlights(&self, card: &Card, query: &Query) -> Vec<FieldMatch> {
        query.highlights(card)
    }
}

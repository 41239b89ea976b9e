//! Search: one query language for the TUI, `brief list` and `brief export`, answered from an index
//! built once at load, ranked, with byte ranges to highlight.
//!
//! - [`parse()`] turns the query text into a [`Query`] or a [`QueryError`] (what, and at which
//!   character); [`fold`] splits text into folded words, the one splitter the index, the scan,
//!   the parser and highlighting share (`letters.rs`: how one character folds).
//! - `node/`: one file per kind of query term, each with how it parses its value, how it matches
//!   one card by a scan and how the index answers it. A new operator goes there and in the parser.
//! - `index/`: [`Index::build`] indexes a pack's cards (`vocab`, `build`, `postings`);
//!   [`Index::search`] ranks the matching cards (`rank`, from the `tally` of hits);
//!   [`Index::highlights`] finds what to highlight on the few cards shown.
//! - [`Query::matches`] and [`scan`] answer the same query by a plain scan of each card: the
//!   reference the index is tested against, and what a one-shot command uses.
//! - [`fields`]: which strings of a card are searched; a new card field is added there.
//! - [`synth`] makes large packs from the built-in one, for benchmarks.

mod bits;
pub mod fields;
pub mod fold;
mod index;
mod letters;
mod node;
mod parse;
mod query;
mod rank;
pub mod synth;
mod tally;

use std::ops::Range;

use serde::Serialize;

pub use fields::Field;
pub use index::Index;
pub use index::disk::{CardIds, FileIndex, write_parts};
pub use node::{Mark, State};
pub use parse::{MAX_NESTING, MAX_QUERY_CHARS, QueryError, parse};
pub use query::Query;
pub use rank::{Hit, scan, score};

use crate::pack::Card;

/// The query language, as `brief list --help` shows it.
pub const HELP: &str = "\
Query language (the same in the viewer's / search):
  rutte ukr          every word must match; a word matches any word of the card that starts with
                     it, ignoring case and accents (orban finds Orbán, ukr finds Ukraine's)
  \"prime minister\"   the words in this order, next to each other, within one string (the title,
                     the summary, one point, figure, actor, quote or tag); the last may be a prefix
  -word  -\"a b\"  -tag:x
                     leave out the cards that match
  theme:ukraine      cards of that theme (unknown theme ids are an error)
  tag:china          cards with that tag (exact, ignoring case)
  source:004         cards citing a source whose id starts with 004
  actor:rutte        a word (or \"words\") of an actor's name
  is:bookmarked  is:unread  is:noted
                     what you marked in the viewer
  a OR b             either; without OR, terms must all match
  (a OR b) -c        parentheses group
Words split at anything that is not a letter or digit (apostrophes and hyphens too); each Chinese,
Japanese or Korean character is a word of its own, so 峰会 finds 北约峰会召开. Folding also takes
Ł to l, ø to o, æ to ae and ß to ss (blaszczak finds Błaszczak). The title, summary, points,
figures, actors, quotes and tags are searched. Cards with a hit in the title come first, then in a
point, then in the summary, then elsewhere; then more hits first; ties keep pack order. An empty
query lists every card. A query with is:bookmarked as a whole term (not under OR or -) lists your
bookmarks in your agenda order (brief bookmarks move changes it). A malformed query (unclosed quote or '(', unknown field, dangling OR, empty
value, unknown theme; over 1000 characters; more than 32 '(' and '-' inside one another) is an
error naming the character where it goes wrong (counted from 0), and exits 2. --json adds each
card's score and the byte ranges that matched.";

/// What the state store knows about each card, for the `is:` filters.
pub trait Flags {
    /// Whether the card `id` is bookmarked.
    fn is_bookmarked(&self, id: &str) -> bool;
    /// Whether the card `id` has been read.
    fn is_read(&self, id: &str) -> bool;
    /// Whether the card `id` has a note.
    fn has_note(&self, id: &str) -> bool;
    /// The card's place in the user's agenda (0 first), if it is bookmarked and the agenda is
    /// known: a query with a top-level `is:bookmarked` lists its hits in this order.
    fn agenda_place(&self, _id: &str) -> Option<usize> {
        None
    }

    /// Every id that has `mark` (bookmarked, read, noted), if these flags can list them: an index
    /// on disk then finds those cards by id instead of asking about every card of the pack
    /// (`is:unread` lists the read ones and takes the rest). `None`, the default, asks about
    /// every card.
    fn marked(&self, _mark: Mark) -> Option<Vec<&str>> {
        None
    }
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

#[cfg(test)]
mod tests;

//! The query tree: one [`Node`] per term, and for each kind of term, in a file of its own, how it
//! is parsed from its value, how it matches one card by a plain scan, and how the index answers it
//! for the whole pack. A new operator is a variant here, its file beside this one, and a line in
//! the parser.
//!
//! - `logic`: `a b` (and), `a OR b`, `-a`;
//! - `text`: a word (a prefix), a `"phrase"` or an `actor:` value; `phrase`: how the index finds
//!   words one after another;
//! - `field`: `theme:`, `tag:`, `source:`;
//! - `is`: `is:bookmarked`, `is:unread`, `is:noted`.

mod field;
mod is;
mod logic;
mod phrase;
mod text;

pub use is::{Mark, State};
pub(crate) use text::Text;

pub(crate) use field::theme;

use super::Flags;
use super::bits::Bits;
use super::index::{Key, Store};
use super::tally::{CardTally, Tallies};
use crate::pack::Card;

/// One node of the query tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Node {
    /// Every child matches.
    And(Vec<Node>),
    /// At least one child matches.
    Or(Vec<Node>),
    /// The child does not match; nothing under it counts as a hit.
    Not(Box<Node>),
    /// Words next to each other in one string, the last one a prefix.
    Text(Text),
    /// `theme:ID`, lower-cased.
    Theme(String),
    /// `tag:ID`, lower-cased.
    Tag(String),
    /// `source:PREFIX`, lower-cased.
    Source(String),
    /// `is:...`.
    Is(State),
}

impl Node {
    /// Whether this node or one under it is an `is:` filter, which needs the saved state.
    pub(crate) fn uses_state(&self) -> bool {
        match self {
            Node::And(all) | Node::Or(all) => all.iter().any(Node::uses_state),
            Node::Not(child) => child.uses_state(),
            Node::Is(_) => true,
            Node::Text(_) | Node::Theme(_) | Node::Tag(_) | Node::Source(_) => false,
        }
    }

    /// Whether every card this node matches is bookmarked because of a term at its top level:
    /// `is:bookmarked` itself, or as one of the terms an AND needs. Such a query lists its hits
    /// in the user's agenda order.
    pub(crate) fn lists_agenda(&self) -> bool {
        match self {
            Node::Is(State::Bookmarked) => true,
            Node::And(all) => all.iter().any(Node::lists_agenda),
            _ => false,
        }
    }

    /// Whether `card` matches, by a plain scan of its text; `positive` (not under a `-`) terms
    /// add what they find to `tally`. Every child is visited (no short cut) so that all positive
    /// text terms are tallied, as the index does.
    pub(crate) fn scan(
        &self,
        card: &Card,
        flags: &dyn Flags,
        positive: bool,
        tally: &mut CardTally,
    ) -> bool {
        match self {
            Node::And(all) => logic::scan_and(all, card, flags, positive, tally),
            Node::Or(any) => logic::scan_or(any, card, flags, positive, tally),
            Node::Not(child) => logic::scan_not(child, card, flags, tally),
            Node::Text(text) => text.scan(card, positive, tally),
            Node::Theme(id) => field::scan_theme(id, card),
            Node::Tag(id) => field::scan_tag(id, card, positive, tally),
            Node::Source(prefix) => field::scan_source(prefix, card),
            Node::Is(state) => state.holds(flags, &card.id),
        }
    }

    /// The cards of `store` that match; `positive` text terms add their hits to `tallies`.
    pub(crate) fn select<S: Store>(
        &self,
        store: &S,
        flags: &dyn Flags,
        positive: bool,
        tallies: &mut Tallies,
    ) -> Result<Bits, S::Error> {
        match self {
            Node::And(all) => logic::select_and(all, store, flags, positive, tallies),
            Node::Or(any) => logic::select_or(any, store, flags, positive, tallies),
            Node::Not(child) => logic::select_not(child, store, flags, tallies),
            Node::Text(text) => text.select(store, positive, tallies),
            Node::Theme(id) => field::select_keyed(store, Key::Theme, id, false),
            Node::Tag(id) => field::select_keyed(store, Key::Tag, id, false),
            Node::Source(prefix) => field::select_keyed(store, Key::Source, prefix, true),
            Node::Is(state) => state.select(store, flags),
        }
    }
}

//! A parsed query (the tree the parser builds, see `parse.rs`) and what it asks of one card by a
//! plain scan over the card's text. The index answers the same question for a whole pack at once;
//! this scan is the reference it is tested against, and what highlighting uses for the few cards
//! on screen.

use std::ops::Range;

use super::fields::fields;
use super::node::Node;
use super::tally::CardTally;
use super::{FieldMatch, Flags, NoFlags, score};
use crate::pack::Card;

/// A parsed query. The empty query matches every card.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub(crate) root: Option<Node>,
}

impl Query {
    /// Whether this is the empty query (every card matches).
    pub fn is_empty(&self) -> bool {
        self.root.is_none()
    }

    /// Whether the query has an `is:` filter, and so needs the saved state.
    pub fn uses_state(&self) -> bool {
        self.root.as_ref().is_some_and(Node::uses_state)
    }

    /// Whether the query lists its hits in the user's agenda order instead of by rank: it has a
    /// top-level `is:bookmarked` (the whole query, or one of the terms it ANDs).
    pub fn lists_agenda(&self) -> bool {
        self.root.as_ref().is_some_and(Node::lists_agenda)
    }

    /// Whether `card` matches, by a plain scan of its text.
    pub fn matches(&self, card: &Card, flags: &dyn Flags) -> bool {
        self.score(card, flags).is_some()
    }

    /// The card's score if it matches (see [`score`]), by a plain scan of its text.
    pub fn score(&self, card: &Card, flags: &dyn Flags) -> Option<u32> {
        let Some(root) = &self.root else {
            return Some(0);
        };
        let mut tally = CardTally::default();
        root.scan(card, flags, true, &mut tally)
            .then(|| score(tally.tier, tally.hits))
    }

    /// Where the query's positive terms (words, phrases, `actor:`, `tag:`) match in `card`: byte
    /// ranges into each field's string, in field order. Excluded terms highlight nothing.
    pub fn highlights(&self, card: &Card) -> Vec<FieldMatch> {
        let mut tally = CardTally {
            keep: true,
            ..CardTally::default()
        };
        if let Some(root) = &self.root {
            root.scan(card, &NoFlags, true, &mut tally);
        }
        let mut merged: Vec<FieldMatch> = Vec::new();
        for (field, _) in fields(card) {
            let mut ranges: Vec<Range<usize>> = tally
                .matches
                .iter()
                .filter(|m| m.field == field)
                .flat_map(|m| m.ranges.iter().cloned())
                .collect();
            if ranges.is_empty() {
                continue;
            }
            ranges.sort_by_key(|r| (r.start, r.end));
            ranges.dedup();
            merged.push(FieldMatch { field, ranges });
        }
        merged
    }
}

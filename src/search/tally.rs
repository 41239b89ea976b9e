//! What the positive text terms of a query found, for ranking (see [`super::score`]): the best
//! tier they hit and how many hits in all. A scan keeps a [`CardTally`] for the one card it looks
//! at (and, to highlight, where each match is); the index keeps [`Tallies`] for every card at once.

use super::FieldMatch;
use super::fields::{Field, Tier};

/// What a scan of one card found for the query's positive text terms.
#[derive(Default)]
pub(crate) struct CardTally {
    pub(crate) hits: u32,
    pub(crate) tier: Option<Tier>,
    /// Whether to keep where each term matched (for highlighting; a score needs only counts).
    pub(crate) keep: bool,
    pub(crate) matches: Vec<FieldMatch>,
}

impl CardTally {
    /// Counts `hits` matches in `field`.
    pub(crate) fn add(&mut self, field: Field, hits: u32) {
        self.hits = self.hits.saturating_add(hits);
        self.tier = self.tier.max(Some(field.tier()));
    }
}

/// Per-card tallies of the positive text terms, for every card of an index: hit count and best
/// tier (`None`: no hit).
pub(crate) struct Tallies {
    pub(crate) hits: Vec<u32>,
    pub(crate) tier: Vec<Option<Tier>>,
}

impl Tallies {
    /// No hits on any of `cards` cards.
    pub(crate) fn new(cards: usize) -> Tallies {
        Tallies {
            hits: vec![0; cards],
            tier: vec![None; cards],
        }
    }

    /// Counts `hits` matches in `tier` on card `card`.
    pub(crate) fn add(&mut self, card: usize, hits: u32, tier: Tier) {
        self.hits[card] = self.hits[card].saturating_add(hits);
        self.tier[card] = self.tier[card].max(Some(tier));
    }
}

//! Ranking: a hit in the title first, then in a key point, then in the summary, then anywhere
//! else; then more hits first; ties keep pack order.

use serde::Serialize;

use super::Flags;
use super::eval::Tally;
use super::fields::Tier;
use super::index::Index;
use super::query::Query;

/// One matching card.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index into the pack's cards.
    pub card: usize,
    /// Higher ranks first: see [`score`].
    pub score: u32,
}

/// The score of a card whose best hit is in `tier` with `hits` hits in all: the tier in the top
/// bits (title 4, point 3, summary 2, other 1) and the hit count (capped) below, so comparing
/// scores compares tiers first. A card matched only by filters (`theme:`, `is:` ...) scores 0.
pub fn score(tier: Option<Tier>, hits: u32) -> u32 {
    match tier {
        None => 0,
        Some(t) => ((t as u32 + 1) << 24) | hits.min(0x00FF_FFFF),
    }
}

impl Index {
    /// The cards that match `query`, best first; the empty query gives every card in pack order.
    pub fn search(&self, query: &Query, flags: &dyn Flags) -> Vec<Hit> {
        let Some(root) = &query.root else {
            return (0..self.len()).map(|card| Hit { card, score: 0 }).collect();
        };
        let mut tally = Tally::new(self.len());
        let matched = self.eval(root, flags, true, &mut tally);
        // One u64 per hit: (inverted score, card), so one unstable sort gives rank then pack order.
        let mut keys: Vec<u64> = matched
            .iter()
            .map(|card| {
                let tier = match tally.tier[card] {
                    0 => None,
                    1 => Some(Tier::Rest),
                    2 => Some(Tier::Summary),
                    3 => Some(Tier::Point),
                    _ => Some(Tier::Title),
                };
                let s = score(tier, tally.hits[card]);
                (u64::from(u32::MAX - s) << 32) | card as u64
            })
            .collect();
        keys.sort_unstable();
        keys.into_iter()
            .map(|k| Hit {
                card: (k & 0xFFFF_FFFF) as usize,
                score: u32::MAX - (k >> 32) as u32,
            })
            .collect()
    }
}

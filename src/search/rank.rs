//! Ranking: a hit in the title first, then in a key point, then in the summary, then anywhere
//! else; then more hits first; ties keep pack order. A query for bookmarks (a top-level
//! `is:bookmarked`) lists them in the user's agenda order instead ([`agenda_order`]).

use rayon::prelude::*;
use serde::Serialize;

use super::Flags;
use super::fields::Tier;
use super::index::{Index, Store};
use super::query::Query;
use super::tally::Tallies;
use crate::pack::Card;

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

/// The cards that match `query`, ranked as [`Index::search`] ranks them, by a plain scan of every
/// card on every core. For a one-shot query (the command line) this is cheaper than building an
/// index: each card is read once either way, and the scan skips the index's word tables.
pub fn scan(cards: &[Card], query: &Query, flags: &(dyn Flags + Sync)) -> Vec<Hit> {
    let scores: Vec<Option<u32>> = cards.par_iter().map(|c| query.score(c, flags)).collect();
    let mut hits: Vec<Hit> = scores
        .into_iter()
        .enumerate()
        .filter_map(|(card, score)| score.map(|score| Hit { card, score }))
        .collect();
    // Stable: equal scores keep pack order.
    hits.sort_by_key(|h| std::cmp::Reverse(h.score));
    if query.lists_agenda() {
        agenda_order(&mut hits, |card| cards[card].id.as_str(), flags);
    }
    hits
}

/// Puts `hits` in the agenda's order (by [`Flags::agenda_place`]); hits without a place (flags
/// that know no agenda) follow in the order they were in. `id` gives a hit's card id.
pub(crate) fn agenda_order<'a>(hits: &mut [Hit], id: impl Fn(usize) -> &'a str, flags: &dyn Flags) {
    // Stable, and each place asked once.
    hits.sort_by_cached_key(|h| flags.agenda_place(id(h.card)).unwrap_or(usize::MAX));
}

/// The tier of a rank bucket's tier code (0: no hit, else tier + 1).
fn tier_of(code: usize) -> Option<Tier> {
    code.checked_sub(1).map(Tier::from_rank)
}

/// A tier's code in the rank buckets: 0 for no hit, else tier + 1.
fn code_of(tier: Option<Tier>) -> usize {
    tier.map_or(0, |t| t as usize + 1)
}

/// Most (tier, hit count) buckets a counting sort may use before a comparison sort is cheaper.
const MAX_BUCKETS: usize = 1 << 16;

impl Index {
    /// The cards that match `query`, best first; the empty query gives every card in pack order.
    pub fn search(&self, query: &Query, flags: &dyn Flags) -> Vec<Hit> {
        let Ok(hits) = search_in(self, query, flags);
        hits
    }
}

/// The cards of `store` that match `query`, best first; the empty query gives every card in pack
/// order.
pub(crate) fn search_in<S: Store>(
    store: &S,
    query: &Query,
    flags: &dyn Flags,
) -> Result<Vec<Hit>, S::Error> {
    let Some(root) = &query.root else {
        return Ok((0..store.cards())
            .map(|card| Hit { card, score: 0 })
            .collect());
    };
    let mut tally = Tallies::new(store.cards());
    let matched: Vec<u32> = root
        .select(store, flags, true, &mut tally)?
        .iter()
        .map(|c| c as u32)
        .collect();
    let mut hits = rank(&matched, &tally);
    if query.lists_agenda() {
        store.agenda_order(&mut hits, flags)?;
    }
    Ok(hits)
}

/// Orders the matched cards (ascending) by score, best first, keeping pack order among equals.
/// A query often matches most of the pack, so this is a counting sort over (tier, hits) buckets:
/// linear, and stable for free.
fn rank(matched: &[u32], tally: &Tallies) -> Vec<Hit> {
    let max_hits = matched
        .iter()
        .map(|&c| tally.hits[c as usize])
        .max()
        .unwrap_or(0)
        .min(0x00FF_FFFF) as usize;
    let width = max_hits + 1;
    let bucket = |c: u32| {
        let c = c as usize;
        code_of(tally.tier[c]) * width + (tally.hits[c] as usize).min(max_hits)
    };
    let hit = |c: u32| Hit {
        card: c as usize,
        score: score(tally.tier[c as usize], tally.hits[c as usize]),
    };
    if 5 * width > MAX_BUCKETS {
        let mut hits: Vec<Hit> = matched.iter().map(|&c| hit(c)).collect();
        hits.sort_by_key(|h| (std::cmp::Reverse(h.score), h.card));
        return hits;
    }
    // Each card's bucket, read once; bucket b's first slot: after every card in a better one.
    let keys: Vec<u32> = matched.iter().map(|&c| bucket(c) as u32).collect();
    let mut next = vec![0usize; 5 * width];
    for &k in &keys {
        next[k as usize] += 1;
    }
    let mut start = 0;
    for slot in next.iter_mut().rev() {
        let count = *slot;
        *slot = start;
        start += count;
    }
    // Every card in a bucket has the same score.
    let scores: Vec<u32> = (0..5 * width)
        .map(|b| score(tier_of(b / width), (b % width) as u32))
        .collect();
    let mut hits = vec![Hit { card: 0, score: 0 }; matched.len()];
    for (&c, &k) in matched.iter().zip(&keys) {
        let k = k as usize;
        hits[next[k]] = Hit {
            card: c as usize,
            score: scores[k],
        };
        next[k] += 1;
    }
    hits
}

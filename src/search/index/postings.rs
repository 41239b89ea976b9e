//! The two per-word lists of the index, filled from the places the build laid out: every place of
//! each word (`invert`), then every card of each word with its best tier and count there, packed
//! into one byte (`count_cards`, [`Packed`]). Both are counting sorts split into one run of words
//! per core, each run filling its own part of the output.

use std::ops::Range;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::Index;
use crate::search::fields::Tier;

/// A (word, card) entry's best tier and count, in one byte: the tier in the top two bits and below
/// them how many times the word occurs on the card, from 1 up to [`Packed::MANY`], which means
/// the exact count is kept in `Index::many`.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub(crate) struct Packed(u8);

impl Packed {
    /// The count that means "look in `Index::many`".
    pub(crate) const MANY: u8 = 63;

    /// `count` occurrences (at most [`Packed::MANY`]), the best in `tier`.
    pub(crate) fn new(tier: Tier, count: u8) -> Packed {
        Packed(((tier as u8) << 6) | count.min(Self::MANY))
    }

    /// The best tier the word occurs in on the card.
    pub(crate) fn tier(self) -> Tier {
        Tier::from_rank(usize::from(self.0 >> 6))
    }

    /// How many times the word occurs on the card, if fewer than [`Packed::MANY`].
    pub(crate) fn count(self) -> u8 {
        self.0 & Self::MANY
    }

    /// Whether the count saturated, and the exact one is in `Index::many`.
    pub(crate) fn is_many(self) -> bool {
        self.count() == Self::MANY
    }

    /// One more occurrence, in `tier`.
    fn bump(self, tier: Tier) -> Packed {
        Packed::new(self.tier().max(tier), self.count().saturating_add(1))
    }
}

impl Index {
    /// Fills the (word, card) entries from the places: for every word, the cards it occurs in
    /// (ascending) with its best tier and count there.
    pub(super) fn count_cards(&mut self, card_counts: &[u32]) {
        let firsts = offsets(card_counts);
        let total = firsts[card_counts.len()];
        let mut cards = vec![0u32; total];
        let mut stats = vec![Packed::default(); total];
        let runs = runs(&firsts);
        let parts: Vec<_> = runs
            .iter()
            .cloned()
            .zip(split(&mut cards, &firsts, &runs))
            .zip(split(&mut stats, &firsts, &runs))
            .map(|((words, out_cards), out_stats)| (words, out_cards, out_stats))
            .collect();
        let this = &*self;
        let many = parts
            .into_par_iter()
            .map(|(words, out_cards, out_stats)| {
                let base = firsts[words.start];
                this.count_run(words, base, out_cards, out_stats)
            })
            .reduce(FxHashMap::default, |mut a, b| {
                a.extend(b);
                a
            });
        (self.starts, self.cards, self.stats, self.many) = (firsts, cards, stats, many);
    }

    /// [`Index::count_cards`] for the run of `words` whose entries start at entry `base`: fills
    /// their part of the entries and gives the exact counts of those that saturated.
    fn count_run(
        &self,
        words: Range<usize>,
        base: usize,
        out_cards: &mut [u32],
        out_stats: &mut [Packed],
    ) -> FxHashMap<usize, u32> {
        let mut many = FxHashMap::default();
        let mut i = 0;
        for w in words {
            // The card of the word's last entry, and the first place past that card.
            let (mut card, mut end) = (0, 0);
            for &place in self.places_of(w as u32) {
                if place >= end {
                    card = self.card_at(place);
                    end = self.card_starts[card + 1];
                    out_cards[i] = card as u32;
                    out_stats[i] = Packed::new(self.tier_at(card, place), 1);
                    i += 1;
                    continue;
                }
                let at = i - 1;
                out_stats[at] = out_stats[at].bump(self.tier_at(card, place));
                if out_stats[at].is_many() {
                    // The first time it saturates, this is occurrence MANY.
                    let exact = many.entry(base + at).or_insert(u32::from(Packed::MANY) - 1);
                    *exact += 1;
                }
            }
        }
        many
    }
}

/// Where each word's part of an output starts, given each part's length; one more than there are
/// words, the last being the total.
fn offsets(counts: &[u32]) -> Vec<usize> {
    let mut starts = Vec::with_capacity(counts.len() + 1);
    starts.push(0);
    for &n in counts {
        starts.push(starts[starts.len() - 1] + n as usize);
    }
    starts
}

/// `out` cut into one slice per run of words, each holding those words' parts (`starts` as
/// [`offsets`] gives them), so that each run can be filled on its own core.
fn split<'a, T>(mut out: &'a mut [T], starts: &[usize], runs: &[Range<usize>]) -> Vec<&'a mut [T]> {
    let mut parts = Vec::with_capacity(runs.len());
    for run in runs {
        let (part, rest) = out.split_at_mut(starts[run.end] - starts[run.start]);
        parts.push(part);
        out = rest;
    }
    parts
}

/// Splits the words into one run per core with about as many entries each, given each word's
/// first entry in `starts` (one more than there are words).
fn runs(starts: &[usize]) -> Vec<Range<usize>> {
    let words = starts.len() - 1;
    let total = starts[words];
    let n = rayon::current_num_threads().max(1);
    let mut runs = Vec::with_capacity(n);
    let mut first = 0;
    for r in 1..=n {
        let end = if r == n {
            words
        } else {
            starts
                .partition_point(|&s| s < total * r / n)
                .saturating_sub(1)
        }
        .max(first);
        runs.push(first..end);
        first = end;
    }
    runs
}

/// For every word, its places, ascending: a counting sort of the chunks' words (`forwards`, each
/// chunk's in place order, the chunks one after another) by word id, given how many places each
/// word has. Gives where each word's places start (one more than there are words) and the places.
pub(super) fn invert(place_counts: &[u32], forwards: &[&[u32]]) -> (Vec<usize>, Vec<u32>) {
    let starts = offsets(place_counts);
    let mut places = vec![0u32; starts[place_counts.len()]];
    let runs = runs(&starts);
    let parts: Vec<_> = runs
        .iter()
        .cloned()
        .zip(split(&mut places, &starts, &runs))
        .collect();
    parts.into_par_iter().for_each(|(run, out)| {
        let base = starts[run.start];
        let mut next: Vec<usize> = starts[run.clone()].iter().map(|s| s - base).collect();
        let mut first = 0;
        for forward in forwards {
            for (place, &w) in forward.iter().enumerate() {
                if !run.contains(&(w as usize)) {
                    continue;
                }
                let at = &mut next[w as usize - run.start];
                out[*at] = first + place as u32;
                *at += 1;
            }
            first += forward.len() as u32;
        }
    });
    (starts, places)
}

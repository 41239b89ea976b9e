//! The index, built once when a pack is loaded: a sorted vocabulary of folded words and, for each
//! word, the cards it occurs in (how often, in which tier) and the places it occurs at.
//!
//! Every word of the pack has a place: strings are laid end to end, card after card in pack order
//! and each card's in the order of [`crate::search::fields()`], with one place left empty after
//! each string, so words next to each other in one string are at places next to each other, and a
//! phrase never runs from one string into the next. Card `c` holds places
//! `card_starts[c]..card_starts[c + 1]`, and `bounds[c]` says where its summary, points, other
//! strings, actors and quotes begin (the title comes first): a place's card and field kind are
//! enough to rank a hit there.
//!
//! Layout (flat arrays, so 100,000 cards cost a few bytes per word of text):
//! - `vocab`: the distinct folded words, sorted, so a prefix is one contiguous range of word ids
//!   (`vocab.rs`, with the per-thread word tables of a build);
//! - `cards[starts[w]..starts[w + 1]]`: the cards word `w` occurs in, ascending, and beside each in
//!   `stats` the best tier it occurs in there and how many times (a [`Packed`]); a prefix's cards
//!   are one contiguous run too. Word queries read only these;
//! - `places[place_starts[w]..place_starts[w + 1]]`: every place of word `w`, ascending. Phrases
//!   and `actor:` read these: a phrase is places one after another.
//!
//! `build.rs` splits the cards' text into words on every core and lays the places out;
//! `postings.rs` turns them into the two per-word lists above.
//!
//! Places and counts are `u32`: a pack is bounded well below 4 billion words.

mod build;
pub(crate) mod disk;
mod postings;
mod store;
mod vocab;

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

pub(crate) use postings::Packed;
pub(crate) use store::{Key, Store};
pub(crate) use vocab::Vocab;

use super::fields::Tier;

/// The search index of a pack's cards. Build it once with [`Index::build`].
pub struct Index {
    pub(crate) ids: Vec<Box<str>>,
    pub(crate) vocab: Vocab,
    pub(crate) starts: Vec<usize>,
    pub(crate) cards: Vec<u32>,
    pub(crate) stats: Vec<Packed>,
    /// The exact count of each (word, card) entry whose `stats` count saturated, by entry.
    pub(crate) many: FxHashMap<usize, u32>,
    pub(crate) place_starts: Vec<usize>,
    pub(crate) places: Vec<u32>,
    pub(crate) card_starts: Vec<u32>,
    /// For each block of `1 << BLOCK` places, the card holding its first place.
    pub(crate) block_cards: Vec<u32>,
    pub(crate) bounds: Vec<Bounds>,
    pub(crate) themes: BTreeMap<String, Vec<u32>>,
    pub(crate) tags: BTreeMap<String, Vec<u32>>,
    pub(crate) sources: BTreeMap<String, Vec<u32>>,
}

/// Where a card's summary, points, other strings (figures on), actors and quotes begin, as places.
pub(crate) type Bounds = [u32; 5];

/// The tier of the string at `place` on a card whose fields begin at `b`.
pub(crate) fn tier_in(b: &Bounds, place: u32) -> Tier {
    if place < b[SUMMARY] {
        Tier::Title
    } else if place < b[POINTS] {
        Tier::Summary
    } else if place < b[REST] {
        Tier::Point
    } else {
        Tier::Rest
    }
}
const SUMMARY: usize = 0;
const POINTS: usize = 1;
const REST: usize = 2;
const ACTORS: usize = 3;
const QUOTES: usize = 4;

/// Places per entry of `Index::block_cards`, as a power of two: a card has about 150 places, so
/// a block's first card is the card wanted or one of the next few.
const BLOCK: u32 = 6;

impl Index {
    /// How many cards the index holds.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether the index holds no card.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The tier of the string at `place` on card `c`.
    pub(crate) fn tier_at(&self, c: usize, place: u32) -> Tier {
        tier_in(&self.bounds[c], place)
    }

    /// Whether `place` on card `c` is in an actor's name.
    pub(crate) fn is_actor_at(&self, c: usize, place: u32) -> bool {
        (self.bounds[c][ACTORS]..self.bounds[c][QUOTES]).contains(&place)
    }

    /// The card holding `place`: the card where its block of places begins, or one a little after.
    pub(crate) fn card_at(&self, place: u32) -> usize {
        let mut c = self.block_cards[(place >> BLOCK) as usize] as usize;
        while self.card_starts[c + 1] <= place {
            c += 1;
        }
        c
    }

    /// The places of word `w`, ascending.
    pub(crate) fn places_of(&self, w: u32) -> &[u32] {
        &self.places[self.place_starts[w as usize]..self.place_starts[w as usize + 1]]
    }

    /// The (word, card) entries of the words in `words`.
    pub(crate) fn entries(&self, words: &std::ops::Range<u32>) -> std::ops::Range<usize> {
        self.starts[words.start as usize]..self.starts[words.end as usize]
    }

    /// The cards (ascending) of theme `id` (lower-cased), as the viewer's header counts them.
    pub fn theme_cards(&self, id: &str) -> &[u32] {
        self.themes.get(id).map_or(&[], Vec::as_slice)
    }

    /// About how many bytes of memory the index holds (its arrays and tables, not the allocator's
    /// own overhead): for the performance figures.
    pub fn heap_bytes(&self) -> usize {
        fn vec<T>(v: &[T]) -> usize {
            std::mem::size_of_val(v)
        }
        let keyed = |map: &BTreeMap<String, Vec<u32>>| -> usize {
            map.iter().map(|(k, v)| k.len() + vec(v) + 48).sum()
        };
        self.ids.iter().map(|id| id.len() + 16).sum::<usize>()
            + self.vocab.heap_bytes()
            + vec(&self.starts)
            + vec(&self.cards)
            + vec(&self.stats)
            + self.many.len() * 24
            + vec(&self.place_starts)
            + vec(&self.places)
            + vec(&self.card_starts)
            + vec(&self.block_cards)
            + vec(&self.bounds)
            + keyed(&self.themes)
            + keyed(&self.tags)
            + keyed(&self.sources)
    }
}

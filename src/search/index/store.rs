//! What the query nodes ask of an index, whichever storage holds it: the [`Store`] trait, and its
//! answers from the arrays of an [`Index`] in memory. The index on disk (`disk/`) answers the same
//! questions by reading only the parts and ranges each one needs, and may fail where memory
//! cannot (its error type says so: [`Infallible`] here).
//!
//! The nodes are generic over the store, so the in-memory path compiles to the same loops over
//! its arrays as before the trait (borrowed slices, closures inlined).

use std::convert::Infallible;
use std::ops::{Deref, Range};

use super::Index;
use crate::search::fields::Tier;
use crate::search::rank::agenda_order;
use crate::search::{Flags, Hit};

/// The id tables of an index: which cards carry a theme, a tag or a source id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Key {
    /// `theme:` ids.
    Theme,
    /// `tag:` ids.
    Tag,
    /// `source:` ids.
    Source,
}

/// An index's answers, as the query nodes ask for them. Word ids, places and cards are the
/// in-memory index's (`index/mod.rs`); a store on disk gives exactly the same numbers.
pub(crate) trait Store {
    /// Why a question could not be answered (a damaged file); memory never fails.
    type Error;

    /// How many cards the index holds.
    fn cards(&self) -> usize;

    /// The id of exactly `word`.
    fn find(&self, word: &str) -> Result<Option<u32>, Self::Error>;

    /// The ids of the words that start with `prefix`.
    fn prefix(&self, prefix: &str) -> Result<Range<u32>, Self::Error>;

    /// How many places word `w` has.
    fn place_count(&self, w: u32) -> Result<usize, Self::Error>;

    /// A word's places, as the store holds them (borrowed from memory, shared from a cache).
    type Places<'a>: Deref<Target = [u32]>
    where
        Self: 'a;

    /// The places of word `w`, ascending.
    fn places(&self, w: u32) -> Result<Self::Places<'_>, Self::Error>;

    /// Calls `each` with every (word, card) entry of the words `words`: the card, how many times
    /// the word occurs there and its best tier there.
    fn entries(
        &self,
        words: &Range<u32>,
        each: impl FnMut(u32, u32, Tier),
    ) -> Result<(), Self::Error>;

    /// Calls `each` with the card of every (word, card) entry of the words `words`.
    fn entry_cards(&self, words: &Range<u32>, each: impl FnMut(u32)) -> Result<(), Self::Error>;

    /// Calls `each` with the card of each of `places`, the tier of the string there, and whether
    /// that string is an actor's name.
    fn locate(
        &self,
        places: &[u32],
        each: impl FnMut(usize, Tier, bool),
    ) -> Result<(), Self::Error>;

    /// Calls `each` with the cards listed under `id` in the `key` table, or, if `prefix`, under
    /// every id that starts with `id`.
    fn keyed(
        &self,
        key: Key,
        id: &str,
        prefix: bool,
        each: impl FnMut(&[u32]),
    ) -> Result<(), Self::Error>;

    /// The card of each of `ids` (sorted, distinct) that the index holds, or `None` when it
    /// would rather be asked about every card (see [`Store::each_id`]).
    fn positions(&self, ids: &[&str]) -> Option<Result<Vec<u32>, Self::Error>>;

    /// Calls `each` with every card and its id.
    fn each_id(&self, each: impl FnMut(usize, &str)) -> Result<(), Self::Error>;

    /// Puts `hits` (bookmarked cards) in the user's agenda order ([`Flags::agenda_place`]).
    fn agenda_order(&self, hits: &mut [Hit], flags: &dyn Flags) -> Result<(), Self::Error>;
}

impl Store for Index {
    type Error = Infallible;

    fn cards(&self) -> usize {
        self.len()
    }

    fn find(&self, word: &str) -> Result<Option<u32>, Infallible> {
        Ok(self.vocab.find(word))
    }

    fn prefix(&self, prefix: &str) -> Result<Range<u32>, Infallible> {
        Ok(self.vocab.prefix(prefix))
    }

    fn place_count(&self, w: u32) -> Result<usize, Infallible> {
        Ok(self.places_of(w).len())
    }

    type Places<'a> = &'a [u32];

    fn places(&self, w: u32) -> Result<&[u32], Infallible> {
        Ok(self.places_of(w))
    }

    fn entries(
        &self,
        words: &Range<u32>,
        mut each: impl FnMut(u32, u32, Tier),
    ) -> Result<(), Infallible> {
        let entries = self.entries(words);
        let cards = &self.cards[entries.clone()];
        for (i, (&c, &packed)) in cards.iter().zip(&self.stats[entries.clone()]).enumerate() {
            let count = if packed.is_many() {
                self.many.get(&(entries.start + i)).copied().unwrap_or(0)
            } else {
                u32::from(packed.count())
            };
            each(c, count, packed.tier());
        }
        Ok(())
    }

    fn entry_cards(&self, words: &Range<u32>, mut each: impl FnMut(u32)) -> Result<(), Infallible> {
        for &c in &self.cards[self.entries(words)] {
            each(c);
        }
        Ok(())
    }

    fn locate(
        &self,
        places: &[u32],
        mut each: impl FnMut(usize, Tier, bool),
    ) -> Result<(), Infallible> {
        for &place in places {
            let card = self.card_at(place);
            each(
                card,
                self.tier_at(card, place),
                self.is_actor_at(card, place),
            );
        }
        Ok(())
    }

    fn keyed(
        &self,
        key: Key,
        id: &str,
        prefix: bool,
        mut each: impl FnMut(&[u32]),
    ) -> Result<(), Infallible> {
        let map = match key {
            Key::Theme => &self.themes,
            Key::Tag => &self.tags,
            Key::Source => &self.sources,
        };
        if !prefix {
            if let Some(cards) = map.get(id) {
                each(cards);
            }
            return Ok(());
        }
        let matching = map.range(id.to_string()..);
        for (_, cards) in matching.take_while(|(k, _)| k.starts_with(id)) {
            each(cards);
        }
        Ok(())
    }

    fn positions(&self, _ids: &[&str]) -> Option<Result<Vec<u32>, Infallible>> {
        // Asking about every id in memory costs less than building a lookup.
        None
    }

    fn each_id(&self, mut each: impl FnMut(usize, &str)) -> Result<(), Infallible> {
        for (i, id) in self.ids.iter().enumerate() {
            each(i, id);
        }
        Ok(())
    }

    fn agenda_order(&self, hits: &mut [Hit], flags: &dyn Flags) -> Result<(), Infallible> {
        agenda_order(hits, |card| &*self.ids[card], flags);
        Ok(())
    }
}

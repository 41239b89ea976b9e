//! The index on disk answers the query nodes' questions ([`Store`]) from its parts.

use std::ops::Range;
use std::sync::Arc;

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::{FileIndex, PartError};
use crate::search::fields::Tier;
use crate::search::index::{Key, Store};
use crate::search::rank::agenda_order;
use crate::search::{Flags, Hit};

impl Store for FileIndex {
    type Error = PartError;

    fn cards(&self) -> usize {
        self.len()
    }

    fn find(&self, word: &str) -> Result<Option<u32>, PartError> {
        self.find_word(word)
    }

    fn prefix(&self, prefix: &str) -> Result<Range<u32>, PartError> {
        self.prefix_words(prefix)
    }

    fn place_count(&self, w: u32) -> Result<usize, PartError> {
        Ok(self.word(w)?.place_count as usize)
    }

    type Places<'a> = Arc<[u32]>;

    fn places(&self, w: u32) -> Result<Arc<[u32]>, PartError> {
        self.places_of(w)
    }

    fn entries(
        &self,
        words: &Range<u32>,
        each: impl FnMut(u32, u32, Tier),
    ) -> Result<(), PartError> {
        self.each_entry(words, each)
    }

    fn entry_cards(&self, words: &Range<u32>, mut each: impl FnMut(u32)) -> Result<(), PartError> {
        self.each_entry(words, |card, _, _| each(card))
    }

    fn locate(&self, places: &[u32], each: impl FnMut(usize, Tier, bool)) -> Result<(), PartError> {
        if places.is_sorted() {
            return self.locate_places(places, each);
        }
        // The places of several words one after another: sorted, each block is read once.
        let mut sorted = places.to_vec();
        sorted.sort_unstable();
        self.locate_places(&sorted, each)
    }

    fn keyed(
        &self,
        key: Key,
        id: &str,
        prefix: bool,
        each: impl FnMut(&[u32]),
    ) -> Result<(), PartError> {
        self.each_keyed(key, id, prefix, each)
    }

    fn positions(&self, ids: &[&str]) -> Option<Result<Vec<u32>, PartError>> {
        Some(
            self.ids
                .positions(ids)
                .map(|cards| cards.into_iter().flatten().collect()),
        )
    }

    fn each_id(&self, mut each: impl FnMut(usize, &str)) -> Result<(), PartError> {
        self.ids.each_id(&mut each)
    }

    fn agenda_order(&self, hits: &mut [Hit], flags: &dyn Flags) -> Result<(), PartError> {
        // The hits are the bookmarked cards: their ids, read by position.
        let cards: Vec<usize> = hits.iter().map(|h| h.card).collect();
        let ids: FxHashMap<usize, Cow<'_, str>> = cards
            .iter()
            .copied()
            .zip(self.ids.ids_of(&cards)?)
            .collect();
        agenda_order(hits, |card| ids.get(&card).map_or("", |id| id), flags);
        Ok(())
    }
}

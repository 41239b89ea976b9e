//! The ascending lists of the index on disk, and how each is written and read back: a count,
//! then the first value and each later one's gap past the one before (minus one, so equal values
//! cannot be written), as varints. A word's entries (`index.entries`) carry the tier and count
//! beside each card's gap; its places (`index.places`) and the id tables' card lists
//! (`index.keyed`) are plain.

use std::ops::Range;
use std::sync::Arc;

use super::cache::{Entry, WORTH_KEEPING};
use super::codec::{Reader, put};
use super::{FileIndex, PartError, part};
use crate::search::fields::Tier;

/// Appends an ascending list of distinct values.
pub(super) fn put_list(out: &mut Vec<u8>, values: &[u32]) {
    put(out, values.len() as u64);
    let mut next = 0u32;
    for &v in values {
        put(out, u64::from(v - next));
        next = v + 1;
    }
}

/// Reads an ascending list of distinct values each less than `bound` (`what` names them).
pub(super) fn read_list(r: &mut Reader, bound: u32, what: &str) -> Result<Vec<u32>, PartError> {
    let n = r.count(1, what)?;
    let mut out = Vec::with_capacity(n);
    let mut next = 0u64;
    for _ in 0..n {
        let v = next + r.varint()?.min(u64::from(u32::MAX) + 1);
        if v >= u64::from(bound) {
            return Err(r.fail(format!("{what} {v} is past the last ({bound})")));
        }
        out.push(v as u32);
        next = v + 1;
    }
    Ok(out)
}

/// Appends one word's entries: each card's gap shifted past three bits, which hold the tier and
/// whether a count above one follows (as count - 2).
pub(super) fn put_entries(out: &mut Vec<u8>, entries: &[(u32, u32, Tier)]) {
    put(out, entries.len() as u64);
    let mut next = 0u32;
    for &(card, count, tier) in entries {
        let more = u64::from(count > 1);
        put(
            out,
            (u64::from(card - next) << 3) | ((tier as u64) << 1) | more,
        );
        if count > 1 {
            put(out, u64::from(count - 2));
        }
        next = card + 1;
    }
}

/// Reads the entries of one word after another until the bytes end, calling `each` with every
/// (card, count, tier); cards ascend within a word and are less than `cards`.
fn read_entries(
    r: &mut Reader,
    cards: u32,
    mut each: impl FnMut(u32, u32, Tier),
) -> Result<(), PartError> {
    while !r.is_done() {
        let n = r.count(1, "entries")?;
        let mut next = 0u64;
        for _ in 0..n {
            let v = r.varint()?;
            let card = next + (v >> 3);
            if card >= u64::from(cards) {
                return Err(r.fail(format!("card {card} is past the last ({cards})")));
            }
            let count = if v & 1 == 1 {
                r.upto(u64::from(u32::MAX) - 2, "count")? as u32 + 2
            } else {
                1
            };
            each(card as u32, count, Tier::from_rank(((v >> 1) & 3) as usize));
            next = card + 1;
        }
    }
    Ok(())
}

impl FileIndex {
    /// Calls `each` with every entry of the words `words`; a long list is kept decoded.
    pub(super) fn each_entry(
        &self,
        words: &Range<u32>,
        mut each: impl FnMut(u32, u32, Tier),
    ) -> Result<(), PartError> {
        let key = (words.start, words.end);
        if let Some(list) = self.cache().entries.get(&key) {
            for e in list.iter() {
                each(e.card, e.count, e.tier);
            }
            return Ok(());
        }
        let range = self.entries_of(words)?;
        if range.is_empty() {
            return Ok(());
        }
        let bytes = self.read(part::ENTRIES, range.clone())?;
        let mut r = Reader::new(part::ENTRIES, &bytes, range.start);
        // Each entry takes a byte at least: fewer bytes are fewer entries than worth keeping.
        if bytes.len() < WORTH_KEEPING {
            return read_entries(&mut r, self.meta.cards, each);
        }
        let mut list = Vec::new();
        read_entries(&mut r, self.meta.cards, |card, count, tier| {
            list.push(Entry { card, count, tier });
        })?;
        for e in &list {
            each(e.card, e.count, e.tier);
        }
        if list.len() >= WORTH_KEEPING {
            let bytes = list.len().saturating_mul(size_of::<Entry>());
            self.cache().entries.put(key, Arc::new(list), bytes);
        }
        Ok(())
    }

    /// The places of word `w`, ascending; a long list is kept.
    pub(super) fn places_of(&self, w: u32) -> Result<Arc<[u32]>, PartError> {
        if let Some(places) = self.cache().places.get(&w) {
            return Ok(places);
        }
        let word = self.word(w)?;
        let bytes = self.read(part::PLACES, word.places.clone())?;
        let mut r = Reader::new(part::PLACES, &bytes, word.places.start);
        let places = read_list(&mut r, self.meta.places, "place")?;
        if !r.is_done() || places.len() != word.place_count as usize {
            return Err(r.fail(format!(
                "word {w} has {} places, not the {} its vocabulary entry gives",
                places.len(),
                word.place_count
            )));
        }
        let places: Arc<[u32]> = places.into();
        if places.len() >= WORTH_KEEPING {
            let bytes = places.len().saturating_mul(size_of::<u32>());
            self.cache().places.put(w, Arc::clone(&places), bytes);
        }
        Ok(places)
    }
}

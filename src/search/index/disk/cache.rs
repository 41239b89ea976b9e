//! Small caches of what the index on disk decoded, so a run of keystrokes does not decode it
//! again: the vocabulary blocks of a growing prefix, and the entries and places of the words a
//! query keeps while the next word is typed (`rutte allies ukr…` decodes `rutte` and `allies`
//! once). Each is bounded by a budget in bytes, the least recently used going first; lists too
//! short to be worth keeping are decoded each time. The index is shared by every query of a
//! corpus (`corpus/store.rs`), so what one keystroke decoded is there for the next.

use std::sync::Arc;

use super::vocab::VocabBlock;
use crate::search::fields::Tier;

/// Bytes of decoded vocabulary blocks kept (a block of 64 words takes about 4 KiB).
const VOCAB_BYTES: usize = 1 << 20;
/// Bytes of decoded (word, card) entries kept (12 bytes each): at 100,000 cards, every prefix
/// of a query typed a letter at a time (`r`, `ru`, ... `rutte a`, ... `rutte allies`: some
/// 2.7 million entries) and those of the query before it.
const ENTRIES_BYTES: usize = 40 << 20;
/// Bytes of decoded places kept (4 bytes each).
const PLACES_BYTES: usize = 8 << 20;
/// The fewest entries or places a list must have to be kept.
pub(super) const WORTH_KEEPING: usize = 2048;

/// One (word, card) entry: the card, the word's count on it, and its best tier there.
#[derive(Clone, Copy)]
pub(super) struct Entry {
    pub(super) card: u32,
    pub(super) count: u32,
    pub(super) tier: Tier,
}

/// The caches.
pub(super) struct Cache {
    pub(super) vocab: Lru<usize, VocabBlock>,
    /// By the words' id range (a word, or the words a prefix covers).
    pub(super) entries: Lru<(u32, u32), Vec<Entry>>,
    /// By word id.
    pub(super) places: Lru<u32, [u32]>,
}

impl Default for Cache {
    fn default() -> Self {
        Cache {
            vocab: Lru::new(VOCAB_BYTES),
            entries: Lru::new(ENTRIES_BYTES),
            places: Lru::new(PLACES_BYTES),
        }
    }
}

/// Values by key, each with a weight (its bytes), at most `budget` in all; least recently used
/// first.
pub(super) struct Lru<K, T: ?Sized> {
    slots: Vec<(K, Arc<T>, usize)>,
    weight: usize,
    budget: usize,
}

impl<K: PartialEq, T: ?Sized> Lru<K, T> {
    fn new(budget: usize) -> Self {
        Lru {
            slots: Vec::new(),
            weight: 0,
            budget,
        }
    }

    /// The value of `key`, if kept (it becomes the most recently used).
    pub(super) fn get(&mut self, key: &K) -> Option<Arc<T>> {
        let i = self.slots.iter().rposition(|(k, _, _)| k == key)?;
        let slot = self.slots.remove(i);
        let value = Arc::clone(&slot.1);
        self.slots.push(slot);
        Some(value)
    }

    /// Keeps `value` of `weight` under `key` (not if heavier than the whole budget), dropping
    /// the least recently used until the rest fit.
    pub(super) fn put(&mut self, key: K, value: Arc<T>, weight: usize) {
        if weight > self.budget || self.slots.iter().any(|(k, _, _)| *k == key) {
            return;
        }
        while self.weight + weight > self.budget && !self.slots.is_empty() {
            let (_, _, w) = self.slots.remove(0);
            self.weight -= w;
        }
        self.weight += weight;
        self.slots.push((key, value, weight));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_least_recently_used_go_first_and_the_budget_holds() {
        let mut lru: Lru<u32, u32> = Lru::new(10);
        for k in 0..4 {
            lru.put(k, Arc::new(k), 3);
        }
        // 0 went to make room for 3; using 1 makes 2 the next to go.
        assert!(lru.get(&0).is_none());
        assert_eq!(lru.get(&1).as_deref(), Some(&1));
        lru.put(9, Arc::new(9), 3);
        assert!(lru.get(&2).is_none());
        assert_eq!((lru.get(&1).is_some(), lru.get(&3).is_some()), (true, true));
        lru.put(7, Arc::new(7), 11);
        assert!(lru.get(&7).is_none(), "heavier than the whole budget");
        assert!(lru.weight <= lru.budget);
    }
}

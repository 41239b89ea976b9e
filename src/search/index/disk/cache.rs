//! A small cache of decoded vocabulary blocks, so the few blocks a run of keystrokes needs again
//! (those of a growing prefix) are read and checked once. Bounded by count: a few hundred blocks
//! of a few KiB each.

use std::sync::Arc;

use super::vocab::VocabBlock;

/// Most blocks kept of each kind.
const KEEP: usize = 256;

/// The blocks decoded last, least recently used first.
#[derive(Default)]
pub(super) struct Cache {
    pub(super) vocab: Lru<VocabBlock>,
}

/// Up to [`KEEP`] values by block number, least recently used first.
pub(super) struct Lru<T> {
    slots: Vec<(usize, Arc<T>)>,
}

impl<T> Default for Lru<T> {
    fn default() -> Self {
        Lru { slots: Vec::new() }
    }
}

impl<T> Lru<T> {
    /// Block `n`, if kept (it becomes the most recently used).
    pub(super) fn get(&mut self, n: usize) -> Option<Arc<T>> {
        let i = self.slots.iter().rposition(|(k, _)| *k == n)?;
        let slot = self.slots.remove(i);
        let value = Arc::clone(&slot.1);
        self.slots.push(slot);
        Some(value)
    }

    /// Keeps block `n`, dropping the least recently used past [`KEEP`].
    pub(super) fn put(&mut self, n: usize, value: Arc<T>) {
        if self.slots.len() >= KEEP {
            self.slots.remove(0);
        }
        self.slots.push((n, value));
    }
}

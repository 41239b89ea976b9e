//! The index's vocabulary: every distinct folded word of the pack, sorted in one string (so a
//! prefix is a range of word ids), and the per-thread tables that number a chunk's words while the
//! index is built.

use rustc_hash::FxHashMap;

/// The distinct folded words, sorted, in one string.
pub(crate) struct Vocab {
    text: String,
    ends: Vec<u32>,
}

impl Vocab {
    /// The vocabulary of `sorted` (ascending, distinct) words.
    pub(super) fn new(sorted: &[&str]) -> Vocab {
        let mut text = String::with_capacity(sorted.iter().map(|w| w.len()).sum());
        let mut ends = Vec::with_capacity(sorted.len());
        for w in sorted {
            text.push_str(w);
            ends.push(text.len() as u32);
        }
        Vocab { text, ends }
    }

    /// How many words.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Word `i`.
    pub(crate) fn word(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// The bytes the vocabulary holds.
    pub(super) fn heap_bytes(&self) -> usize {
        self.text.len() + std::mem::size_of_val(self.ends.as_slice())
    }

    fn partition(&self, pred: impl Fn(&str) -> bool) -> usize {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if pred(self.word(mid)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// The id of exactly `word`.
    pub(crate) fn find(&self, word: &str) -> Option<u32> {
        let i = self.partition(|w| w < word);
        (i < self.len() && self.word(i) == word).then_some(i as u32)
    }

    /// The ids of the words that start with `prefix`.
    pub(crate) fn prefix(&self, prefix: &str) -> std::ops::Range<u32> {
        let lo = self.partition(|w| w < prefix);
        let hi = self.partition(|w| w < prefix || w.starts_with(prefix));
        lo as u32..hi as u32
    }
}

/// A chunk's word ids. Nearly every word fits in 16 bytes: those are keyed by their bytes in a
/// `u128` (zero-padded; a folded word holds no NUL), so a lookup touches one table slot and no
/// heap string. That lookup is most of the cost of a build.
pub(super) struct WordIds {
    short: FxHashMap<u128, u32>,
    long: FxHashMap<String, u32>,
    /// The last few short words seen, by a hash of their key: common words ("the", "nato") are
    /// most of the text and are answered here without touching the big table.
    recent: Vec<(u128, u32)>,
}

impl Default for WordIds {
    fn default() -> Self {
        WordIds {
            short: FxHashMap::default(),
            long: FxHashMap::default(),
            // Key 0 is no word (a word has at least one byte), so empty slots never match.
            recent: vec![(0, 0); RECENT],
        }
    }
}

/// Slots of `WordIds::recent` (a power of two).
const RECENT: usize = 4096;

impl WordIds {
    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// The id of `word`, giving it the next one if it is new.
    pub(super) fn id(&mut self, word: &str) -> u32 {
        let next = self.len() as u32;
        if word.len() <= 16 {
            let mut bytes = [0u8; 16];
            bytes[..word.len()].copy_from_slice(word.as_bytes());
            let key = u128::from_le_bytes(bytes);
            let mixed = (key as u64 ^ (key >> 64) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            let slot = (mixed >> (64 - RECENT.trailing_zeros())) as usize;
            if self.recent[slot].0 == key {
                return self.recent[slot].1;
            }
            let id = *self.short.entry(key).or_insert(next);
            self.recent[slot] = (key, id);
            id
        } else if let Some(&id) = self.long.get(word) {
            id
        } else {
            self.long.insert(word.to_string(), next);
            next
        }
    }

    /// Every word with its id, written end to end into one string (so a chunk's 100,000 words
    /// are not 100,000 allocations, which would leave the heap full of holes once freed).
    pub(super) fn into_words(self) -> Words {
        let mut words = Words::default();
        let mut add = |word: &str, id: u32| {
            words.text.push_str(word);
            words.ends.push((words.text.len() as u32, id));
        };
        for (key, id) in self.short {
            let bytes = key.to_le_bytes();
            let len = bytes.iter().position(|&b| b == 0).unwrap_or(16);
            add(&String::from_utf8_lossy(&bytes[..len]), id);
        }
        for (word, id) in &self.long {
            add(word, *id);
        }
        words
    }
}

/// A chunk's words, end to end, with where each ends and its id.
#[derive(Default)]
pub(super) struct Words {
    text: String,
    ends: Vec<(u32, u32)>,
}

impl Words {
    /// How many words.
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Each word with its id.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&str, u32)> {
        let starts = std::iter::once(0).chain(self.ends.iter().map(|&(end, _)| end));
        starts
            .zip(&self.ends)
            .map(|(start, &(end, id))| (&self.text[start as usize..end as usize], id))
    }
}

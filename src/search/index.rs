//! The index, built once when a pack is loaded: a sorted vocabulary of folded words, for each word
//! the strings it occurs in, and every string's words in order (to check phrases).
//!
//! Layout (all flat `u32` arrays, so 100,000 cards cost a few bytes per word of text):
//! - `vocab`: the distinct folded words, sorted, so a prefix is one contiguous range of word ids;
//! - `postings[starts[w]..starts[w + 1]]`: the string of each occurrence of word `w`, ascending,
//!   and beside it in `positions` the word's place in that string (saturating at `u16::MAX`: a
//!   string that long is checked word by word);
//! - `forward[string_starts[s]..string_starts[s + 1]]`: the word ids of string `s`, in order;
//! - `string_meta[s]`: the card the string belongs to and what kind of field it is.
//!
//! Strings are numbered card after card in the order of [`super::fields()`]. Ids and counts are
//! `u32`: a pack is bounded well below 4 billion words and 500 million cards.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

use super::fields::{Field, fields};
use super::fold::for_each_word;
use crate::pack::Card;

/// The search index of a pack's cards. Build it once with [`Index::build`].
pub struct Index {
    pub(crate) ids: Vec<Box<str>>,
    pub(crate) vocab: Vocab,
    pub(crate) starts: Vec<usize>,
    pub(crate) postings: Vec<u32>,
    pub(crate) positions: Vec<u16>,
    pub(crate) forward: Vec<u32>,
    pub(crate) string_starts: Vec<u32>,
    pub(crate) string_meta: Vec<u32>,
    /// Whether some string has more words than a `u16` position can tell apart.
    pub(crate) long_strings: bool,
    pub(crate) themes: BTreeMap<String, Vec<u32>>,
    pub(crate) tags: BTreeMap<String, Vec<u32>>,
    pub(crate) sources: BTreeMap<String, Vec<u32>>,
}

/// `string_meta`: `card << 3 | actor << 2 | tier`.
pub(crate) fn meta(card: usize, field: Field) -> u32 {
    ((card as u32) << 3) | (u32::from(field.is_actor()) << 2) | field.tier() as u32
}

/// The distinct folded words, sorted, in one string.
pub(crate) struct Vocab {
    text: String,
    ends: Vec<u32>,
}

impl Vocab {
    fn new(sorted: &[&str]) -> Vocab {
        let mut text = String::with_capacity(sorted.iter().map(|w| w.len()).sum());
        let mut ends = Vec::with_capacity(sorted.len());
        for w in sorted {
            text.push_str(w);
            ends.push(text.len() as u32);
        }
        Vocab { text, ends }
    }

    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(crate) fn word(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
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

/// A fast, non-cryptographic hash (the Firefox/rustc one) for the word tables of a build: the
/// keys are the pack's own words, and std's SipHash costs more than the rest of the build.
#[derive(Default)]
struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn write_u128(&mut self, n: u128) {
        for half in [n as u64, (n >> 64) as u64] {
            self.0 = (self.0.rotate_left(5) ^ half).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type Fast = BuildHasherDefault<Fx>;

/// A chunk's word ids. Nearly every word fits in 16 bytes: those are keyed by their bytes in a
/// `u128` (zero-padded; a folded word holds no NUL), so a lookup touches one table slot and no
/// heap string. That lookup is most of the cost of a build.
struct WordIds {
    short: HashMap<u128, u32, Fast>,
    long: HashMap<String, u32, Fast>,
    /// The last few short words seen, by a hash of their key: common words ("the", "nato") are
    /// most of the text and are answered here without touching the big table.
    recent: Vec<(u128, u32)>,
}

impl Default for WordIds {
    fn default() -> Self {
        WordIds {
            short: HashMap::default(),
            long: HashMap::default(),
            // Key 0 is no word (a word has at least one byte), so empty slots never match.
            recent: vec![(0, 0); RECENT],
        }
    }
}

/// Slots of `WordIds::recent` (a power of two).
const RECENT: usize = 1024;

impl WordIds {
    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// The id of `word`, giving it the next one if it is new.
    fn id(&mut self, word: &str) -> u32 {
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

    /// Every word with its id.
    fn into_words(self) -> Vec<(String, u32)> {
        let short = self.short.into_iter().map(|(key, id)| {
            let bytes = key.to_le_bytes();
            let len = bytes.iter().position(|&b| b == 0).unwrap_or(16);
            (String::from_utf8_lossy(&bytes[..len]).into_owned(), id)
        });
        short.chain(self.long).collect()
    }
}

/// What one thread found in its run of cards, with its own word ids.
struct Chunk {
    words: Vec<(String, u32)>,
    forward: Vec<u32>,
    lens: Vec<u32>,
    meta: Vec<u32>,
}

fn index_chunk(cards: &[Card], first_card: usize) -> Chunk {
    let mut ids = WordIds::default();
    let mut chunk = Chunk {
        words: Vec::new(),
        forward: Vec::new(),
        lens: Vec::new(),
        meta: Vec::new(),
    };
    for (k, card) in cards.iter().enumerate() {
        for (field, text) in fields(card) {
            let before = chunk.forward.len();
            for_each_word(text, |w, _| chunk.forward.push(ids.id(w)));
            chunk.lens.push((chunk.forward.len() - before) as u32);
            chunk.meta.push(meta(first_card + k, field));
        }
    }
    chunk.words = ids.into_words();
    chunk
}

impl Index {
    /// Indexes `cards` (in pack order), using every core.
    pub fn build(cards: &[Card]) -> Index {
        let per = cards
            .len()
            .div_ceil(rayon::current_num_threads() * 2)
            .max(1);
        let mut chunks: Vec<Chunk> = cards
            .par_chunks(per)
            .enumerate()
            .map(|(i, run)| index_chunk(run, i * per))
            .collect();
        let vocab = global_ids(&mut chunks);
        let (forward, string_starts, string_meta) = concat(chunks);
        let (starts, postings, positions) = invert(&vocab, &forward, &string_starts);
        let long_strings = string_starts
            .windows(2)
            .any(|w| w[1] - w[0] >= u32::from(u16::MAX));
        let (themes, tags, sources) = keyed(cards);
        Index {
            ids: cards.iter().map(|c| c.id.as_str().into()).collect(),
            vocab,
            starts,
            postings,
            positions,
            forward,
            string_starts,
            string_meta,
            long_strings,
            themes,
            tags,
            sources,
        }
    }

    /// How many cards the index holds.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether the index holds no card.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// Sorts every chunk's words into one vocabulary and rewrites each chunk's forward index in its ids.
fn global_ids(chunks: &mut [Chunk]) -> Vocab {
    // Every (word, chunk, local id), sorted by word, so equal words from all chunks sit together.
    let mut all: Vec<(&str, usize, u32)> = chunks
        .iter()
        .enumerate()
        .flat_map(|(c, chunk)| chunk.words.iter().map(move |(w, id)| (w.as_str(), c, *id)))
        .collect();
    all.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut maps: Vec<Vec<u32>> = chunks.iter().map(|c| vec![0; c.words.len()]).collect();
    let mut sorted: Vec<&str> = Vec::new();
    for &(word, c, local) in &all {
        if sorted.last() != Some(&word) {
            sorted.push(word);
        }
        maps[c][local as usize] = sorted.len() as u32 - 1;
    }
    let vocab = Vocab::new(&sorted);
    drop(all);
    drop(sorted);
    chunks.par_iter_mut().zip(maps).for_each(|(chunk, map)| {
        chunk.words = Vec::new();
        for id in &mut chunk.forward {
            *id = map[*id as usize];
        }
    });
    vocab
}

/// Joins the chunks' strings into one numbering, freeing each chunk as it goes.
fn concat(chunks: Vec<Chunk>) -> (Vec<u32>, Vec<u32>, Vec<u32>) {
    let words: usize = chunks.iter().map(|c| c.forward.len()).sum();
    let strings: usize = chunks.iter().map(|c| c.lens.len()).sum();
    let mut forward = Vec::with_capacity(words);
    let mut string_starts = Vec::with_capacity(strings + 1);
    let mut string_meta = Vec::with_capacity(strings);
    string_starts.push(0);
    for chunk in chunks {
        forward.extend_from_slice(&chunk.forward);
        for len in chunk.lens {
            let last = string_starts.last().copied().unwrap_or_default();
            string_starts.push(last + len);
        }
        string_meta.extend_from_slice(&chunk.meta);
    }
    (forward, string_starts, string_meta)
}

/// For every word, the strings it occurs in (once per occurrence, ascending) and the positions:
/// a counting sort of the forward index by word id. The words are split into one run per core,
/// each filling its own part of the output.
fn invert(
    vocab: &Vocab,
    forward: &[u32],
    string_starts: &[u32],
) -> (Vec<usize>, Vec<u32>, Vec<u16>) {
    let mut starts = vec![0usize; vocab.len() + 1];
    for &w in forward {
        starts[w as usize + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut postings = vec![0u32; forward.len()];
    let mut positions = vec![0u16; forward.len()];
    let runs = rayon::current_num_threads().max(1);
    let mut parts = Vec::with_capacity(runs);
    let (mut strings, mut places, mut first) = (&mut postings[..], &mut positions[..], 0usize);
    for r in 1..=runs {
        let end = if r == runs {
            vocab.len()
        } else {
            starts
                .partition_point(|&s| s < forward.len() * r / runs)
                .saturating_sub(1)
        }
        .max(first);
        let len = starts[end] - starts[first];
        let (these_strings, other_strings) = std::mem::take(&mut strings).split_at_mut(len);
        let (these_places, other_places) = std::mem::take(&mut places).split_at_mut(len);
        parts.push((first..end, these_strings, these_places));
        (strings, places, first) = (other_strings, other_places, end);
    }
    parts.into_par_iter().for_each(|(words, post, pos)| {
        let base = starts[words.start];
        let mut cursor: Vec<usize> = starts[words.clone()].iter().map(|s| s - base).collect();
        for (s, range) in string_starts.windows(2).enumerate() {
            let string = &forward[range[0] as usize..range[1] as usize];
            for (p, &w) in string.iter().enumerate() {
                if !words.contains(&(w as usize)) {
                    continue;
                }
                let at = &mut cursor[w as usize - words.start];
                post[*at] = s as u32;
                pos[*at] = u16::try_from(p).unwrap_or(u16::MAX);
                *at += 1;
            }
        }
    });
    (starts, postings, positions)
}

type Keyed = BTreeMap<String, Vec<u32>>;

/// The cards of each theme, tag and source id, keyed by the lower-cased id.
fn keyed(cards: &[Card]) -> (Keyed, Keyed, Keyed) {
    let mut themes = Keyed::new();
    let mut tags = Keyed::new();
    let mut sources = Keyed::new();
    let add = |map: &mut Keyed, key: &str, card: usize| {
        // Ids are nearly always lower case already: look up without allocating.
        let lower = if key.chars().any(char::is_uppercase) {
            std::borrow::Cow::Owned(key.to_lowercase())
        } else {
            std::borrow::Cow::Borrowed(key)
        };
        let list = match map.get_mut(lower.as_ref()) {
            Some(list) => list,
            None => map.entry(lower.into_owned()).or_default(),
        };
        // A card may name the same id twice; list it once.
        if list.last() != Some(&(card as u32)) {
            list.push(card as u32);
        }
    };
    for (i, card) in cards.iter().enumerate() {
        card.themes.iter().for_each(|t| add(&mut themes, t, i));
        card.tags.iter().for_each(|t| add(&mut tags, t, i));
        card.sources
            .iter()
            .for_each(|s| add(&mut sources, &s.source, i));
    }
    (themes, tags, sources)
}

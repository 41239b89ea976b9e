//! The index, built once when a pack is loaded: a sorted vocabulary of folded words and, for each
//! word, the cards it occurs in (how often, in which tier) and the places it occurs at.
//!
//! Every word of the pack has a place: strings are laid end to end, card after card in pack order
//! and each card's in the order of [`super::fields()`], with one place left empty after each
//! string, so words next to each other in one string are at places next to each other, and a
//! phrase never runs from one string into the next. Card `c` holds places
//! `card_starts[c]..card_starts[c + 1]`, and `bounds[c]` says where its summary, points, other
//! strings, actors and quotes begin (the title comes first): a place's card and field kind are
//! enough to rank a hit there.
//!
//! Layout (flat arrays, so 100,000 cards cost a few bytes per word of text):
//! - `vocab`: the distinct folded words, sorted, so a prefix is one contiguous range of word ids;
//! - `cards[starts[w]..starts[w + 1]]`: the cards word `w` occurs in, ascending, and beside each in
//!   `stats` the best tier it occurs in there and how many times (see [`stat`]); a prefix's
//!   cards are one contiguous run too. Word queries read only these;
//! - `places[place_starts[w]..place_starts[w + 1]]`: every place of word `w`, ascending. Phrases
//!   and `actor:` read these: a phrase is places one after another.
//!
//! Places and counts are `u32`: a pack is bounded well below 4 billion words.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use rayon::prelude::*;

use super::fields::{Field, Tier, fields};
use super::fold::for_each_word;
use crate::pack::Card;

/// The search index of a pack's cards. Build it once with [`Index::build`].
pub struct Index {
    pub(crate) ids: Vec<Box<str>>,
    pub(crate) vocab: Vocab,
    pub(crate) starts: Vec<usize>,
    pub(crate) cards: Vec<u32>,
    pub(crate) stats: Vec<u8>,
    /// The exact count of each (word, card) entry whose `stats` count saturated, by entry.
    pub(crate) many: HashMap<usize, u32>,
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
const SUMMARY: usize = 0;
const POINTS: usize = 1;
const REST: usize = 2;
const ACTORS: usize = 3;
const QUOTES: usize = 4;

/// A `stats` entry: the best tier a word occurs in on a card in the top two bits, and below them
/// how many times it occurs there, from 1 up to [`MANY`] (which means "look in `many`").
pub(crate) const fn stat(tier: u8, count: u8) -> u8 {
    (tier << 6) | count
}

/// The count in a `stats` entry that means the exact count is kept in `Index::many`.
pub(crate) const MANY: u8 = 63;

/// Places per entry of `Index::block_cards`, as a power of two: a card has about 150 places, so
/// a block's first card is the card wanted or one of the next few.
const BLOCK: u32 = 6;

/// The empty place after each string, while building (no word has this id).
const END: u32 = u32::MAX;

impl Index {
    /// The tier of the string at `place` on card `c`.
    pub(crate) fn tier_at(&self, c: usize, place: u32) -> Tier {
        let b = &self.bounds[c];
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
    pub(crate) fn entries(&self, words: &Range<u32>) -> Range<usize> {
        self.starts[words.start as usize]..self.starts[words.end as usize]
    }
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
const RECENT: usize = 4096;

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

    /// Every word with its id, written end to end into one string (so a chunk's 100,000 words
    /// are not 100,000 allocations, which would leave the heap full of holes once freed).
    fn into_words(self) -> Words {
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
struct Words {
    text: String,
    ends: Vec<(u32, u32)>,
}

impl Words {
    fn len(&self) -> usize {
        self.ends.len()
    }

    /// Each word with its id.
    fn iter(&self) -> impl Iterator<Item = (&str, u32)> {
        let starts = std::iter::once(0).chain(self.ends.iter().map(|&(end, _)| end));
        starts
            .zip(&self.ends)
            .map(|(start, &(end, id))| (&self.text[start as usize..end as usize], id))
    }
}

/// What one thread found in its run of cards, with its own word ids.
#[derive(Default)]
struct Chunk {
    words: Words,
    /// The strings' words, each string followed by [`END`].
    forward: Vec<u32>,
    /// Each card's first place and [`Bounds`], counted from the chunk's first place.
    cards: Vec<(u32, Bounds)>,
    /// For each (local) word, how many cards of the chunk it occurs in, and how many times.
    counts: Counts,
}

/// For each word, how many cards it occurs in and how many times.
#[derive(Default)]
struct Counts {
    cards: Vec<u32>,
    places: Vec<u32>,
}

fn index_chunk(cards: &[Card]) -> Chunk {
    let mut ids = WordIds::default();
    let mut chunk = Chunk::default();
    // At most one word in two bytes of text, and one empty place per string: reserved at once, so
    // the array is never copied as it grows, and only the part used takes memory.
    let most: usize = cards
        .iter()
        .flat_map(|card| fields(card).map(|(_, text)| text.len() / 2 + 2))
        .sum();
    chunk.forward.reserve_exact(most);
    // The last card (counted from 1) each word was seen on.
    let mut seen: Vec<u32> = Vec::new();
    for (k, card) in cards.iter().enumerate() {
        let start = chunk.forward.len() as u32;
        let mut bounds = [0; 5];
        let mut next = 0;
        for (field, text) in fields(card) {
            // Fields come in a fixed order: each bound is where the first field past it starts.
            let kind = match field {
                Field::Title => 0,
                Field::Summary => 1,
                Field::Point(_) => 2,
                Field::FigureLabel(_) | Field::FigureValue(_) | Field::FigureContext(_) => 3,
                Field::Actor(_) => 4,
                Field::QuoteSpeaker(_) | Field::QuoteWords(_) | Field::Tag(_) => 5,
            };
            while next < kind {
                bounds[next] = chunk.forward.len() as u32;
                next += 1;
            }
            for_each_word(text, |w, _| {
                let id = ids.id(w);
                chunk.forward.push(id);
                let id = id as usize;
                if id == seen.len() {
                    seen.push(0);
                    chunk.counts.cards.push(0);
                    chunk.counts.places.push(0);
                }
                chunk.counts.places[id] += 1;
                if seen[id] != k as u32 + 1 {
                    seen[id] = k as u32 + 1;
                    chunk.counts.cards[id] += 1;
                }
            });
            chunk.forward.push(END);
        }
        while next < 5 {
            bounds[next] = chunk.forward.len() as u32;
            next += 1;
        }
        chunk.cards.push((start, bounds));
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
        // The filter lists are made on one thread while the others split the text into words.
        let ((themes, tags, sources), mut chunks) = rayon::join(
            || keyed(cards),
            || {
                cards
                    .par_chunks(per)
                    .map(index_chunk)
                    .collect::<Vec<Chunk>>()
            },
        );
        let (vocab, counts) = global_ids(&mut chunks);
        let (card_starts, bounds) = layout(&chunks);
        let block_cards = blocks(&card_starts);
        let (place_starts, places) = invert(&counts.places, &chunks);
        drop(chunks);
        let mut index = Index {
            ids: cards.iter().map(|c| c.id.as_str().into()).collect(),
            vocab,
            starts: Vec::new(),
            cards: Vec::new(),
            stats: Vec::new(),
            many: HashMap::new(),
            place_starts,
            places,
            card_starts,
            block_cards,
            bounds,
            themes,
            tags,
            sources,
        };
        index.count_cards(&counts.cards);
        index
    }

    /// How many cards the index holds.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether the index holds no card.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
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
            + self.vocab.text.len()
            + vec(&self.vocab.ends)
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

    /// Fills the (word, card) entries from the places: for every word, the cards it occurs in
    /// (ascending) with its best tier and count there. The words are split into one run per core,
    /// each filling its own part of the output.
    fn count_cards(&mut self, card_counts: &[u32]) {
        let firsts = offsets(card_counts);
        let total = firsts[card_counts.len()];
        let mut cards = vec![0u32; total];
        let mut stats = vec![0u8; total];
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
                let mut many = HashMap::new();
                let mut i = 0;
                for w in words {
                    // The card of the word's last entry, and the first place past that card.
                    let (mut card, mut end) = (0, 0);
                    for &place in this.places_of(w as u32) {
                        if place >= end {
                            card = this.card_at(place);
                            end = this.card_starts[card + 1];
                            out_cards[i] = card as u32;
                            out_stats[i] = stat(this.tier_at(card, place) as u8, 1);
                            i += 1;
                            continue;
                        }
                        let tier = this.tier_at(card, place) as u8;
                        let at = i - 1;
                        let (best, count) = (out_stats[at] >> 6, out_stats[at] & MANY);
                        let count = match count {
                            MANY => {
                                *many.entry(base + at).or_insert(u32::from(MANY)) += 1;
                                MANY
                            }
                            n if n + 1 == MANY => {
                                many.insert(base + at, u32::from(MANY));
                                MANY
                            }
                            n => n + 1,
                        };
                        out_stats[at] = stat(best.max(tier), count);
                    }
                }
                many
            })
            .reduce(HashMap::new, |mut a, b| {
                a.extend(b);
                a
            });
        (self.starts, self.cards, self.stats, self.many) = (firsts, cards, stats, many);
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

/// Sorts every chunk's words into one vocabulary, rewrites each chunk's words in its ids, and adds
/// up each word's counts.
fn global_ids(chunks: &mut [Chunk]) -> (Vocab, Counts) {
    // Every (word, chunk, local id), sorted by word, so equal words from all chunks sit together.
    let mut all: Vec<(&str, usize, u32)> = chunks
        .iter()
        .enumerate()
        .flat_map(|(c, chunk)| chunk.words.iter().map(move |(w, id)| (w, c, id)))
        .collect();
    all.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut maps: Vec<Vec<u32>> = chunks.iter().map(|c| vec![0; c.words.len()]).collect();
    let mut sorted: Vec<&str> = Vec::new();
    let mut counts = Counts::default();
    for &(word, c, local) in &all {
        if sorted.last() != Some(&word) {
            sorted.push(word);
            counts.cards.push(0);
            counts.places.push(0);
        }
        maps[c][local as usize] = sorted.len() as u32 - 1;
        let local = local as usize;
        if let (Some(cards), Some(places)) = (counts.cards.last_mut(), counts.places.last_mut()) {
            *cards += chunks[c].counts.cards[local];
            *places += chunks[c].counts.places[local];
        }
    }
    let vocab = Vocab::new(&sorted);
    drop(all);
    drop(sorted);
    chunks.par_iter_mut().zip(maps).for_each(|(chunk, map)| {
        chunk.words = Words::default();
        chunk.counts = Counts::default();
        for id in &mut chunk.forward {
            if *id != END {
                *id = map[*id as usize];
            }
        }
    });
    (vocab, counts)
}

/// Numbers the chunks' places one after the other: each card's first place (and, last, the end)
/// and each card's bounds.
fn layout(chunks: &[Chunk]) -> (Vec<u32>, Vec<Bounds>) {
    let cards: usize = chunks.iter().map(|c| c.cards.len()).sum();
    let mut card_starts = Vec::with_capacity(cards + 1);
    let mut bounds = Vec::with_capacity(cards);
    let mut base = 0;
    for chunk in chunks {
        for (start, b) in &chunk.cards {
            card_starts.push(base + start);
            bounds.push(b.map(|x| base + x));
        }
        base += chunk.forward.len() as u32;
    }
    card_starts.push(base);
    (card_starts, bounds)
}

/// For each block of places, the card holding its first place (`card_starts` ends with the end).
fn blocks(card_starts: &[u32]) -> Vec<u32> {
    let end = card_starts.last().copied().unwrap_or(0);
    let mut blocks = Vec::with_capacity((end >> BLOCK) as usize + 1);
    let mut c = 0;
    for block in 0..=(end >> BLOCK) {
        let first = block << BLOCK;
        while c + 2 < card_starts.len() && card_starts[c + 1] <= first {
            c += 1;
        }
        blocks.push(c as u32);
    }
    blocks
}

/// For every word, its places, ascending: a counting sort of the chunks' words (in place order)
/// by word id, given how many places each word has. The words are split into one run per core,
/// each filling its own part of the output.
fn invert(place_counts: &[u32], chunks: &[Chunk]) -> (Vec<usize>, Vec<u32>) {
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
        for chunk in chunks {
            for (place, &w) in chunk.forward.iter().enumerate() {
                if !run.contains(&(w as usize)) {
                    continue;
                }
                let at = &mut next[w as usize - run.start];
                out[*at] = first + place as u32;
                *at += 1;
            }
            first += chunk.forward.len() as u32;
        }
    });
    (starts, places)
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

//! Building the index: the cards are cut into one chunk per thread, each chunk's strings split
//! into words (numbered by the chunk's own [`WordIds`]) and laid out as places; the chunks' words
//! are then merged into one sorted vocabulary, and `postings.rs` fills the per-word lists.

use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::postings::invert;
use super::vocab::{Vocab, WordIds, Words};
use super::{BLOCK, Bounds, Index};
use crate::pack::Card;
use crate::search::fields::{Field, fields};
use crate::search::fold::for_each_word;

/// The empty place after each string, while building (no word has this id).
const END: u32 = u32::MAX;

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
        let forwards: Vec<&[u32]> = chunks.iter().map(|c| c.forward.as_slice()).collect();
        let (place_starts, places) = invert(&counts.places, &forwards);
        drop(forwards);
        drop(chunks);
        let mut index = Index {
            ids: cards.iter().map(|c| c.id.as_str().into()).collect(),
            vocab,
            starts: Vec::new(),
            cards: Vec::new(),
            stats: Vec::new(),
            many: FxHashMap::default(),
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
}

/// Which of a card's [`Bounds`] `field` lies past: its strings come in a fixed order, title (0),
/// summary, points, figures, actors, then quotes and tags (5).
fn section(field: Field) -> usize {
    match field {
        Field::Title => 0,
        Field::Summary => 1,
        Field::Point(_) => 2,
        Field::FigureLabel(_) | Field::FigureValue(_) | Field::FigureContext(_) => 3,
        Field::Actor(_) => 4,
        Field::QuoteSpeaker(_) | Field::QuoteWords(_) | Field::Tag(_) => 5,
    }
}

/// Splits one run of cards into words and places.
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
            // Each bound is where the first field past it starts.
            while next < section(field) {
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

/// Card lists by lower-cased id.
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

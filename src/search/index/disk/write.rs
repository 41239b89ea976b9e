//! Writing an [`Index`] as the parts `docs/packfile.md` specifies: each array encoded once,
//! `index.meta` first with the counts and every other part's length.

use rayon::prelude::*;

use super::codec::{put, put_bytes};
use super::keys::KINDS;
use super::lists::{put_entries, put_list};
use super::meta::{CARD_BLOCK, MAX_SHARED, Meta, VOCAB_BLOCK};
use super::{PartError, PartSink, part};
use crate::search::fields::Tier;
use crate::search::index::{Index, Key};

/// Writes `index` into `sink` as the index's parts.
pub fn write_parts(index: &Index, sink: &mut dyn PartSink) -> Result<(), PartError> {
    let ((vocab, vocab_dir, entries, places), ((cards, cards_dir), (keys, keyed))) =
        rayon::join(|| words(index), || (cards(index), keyed(index)));
    let parts = [
        vocab, vocab_dir, entries, places, cards, cards_dir, keys, keyed,
    ];
    let meta = Meta {
        cards: index.len() as u32,
        words: index.vocab.len() as u32,
        places: index.card_starts.last().copied().unwrap_or(0),
        vocab_block: VOCAB_BLOCK,
        card_block: CARD_BLOCK,
        lens: parts.each_ref().map(|p| p.len() as u64),
    };
    sink.add_part(part::META, meta.write())?;
    for (name, bytes) in part::SIZED.into_iter().zip(parts) {
        sink.add_part(name, bytes)?;
    }
    Ok(())
}

/// A run of words' entries and places, end to end, and each word's byte lengths of both and its
/// place count.
type Lists = (Vec<u8>, Vec<u8>, Vec<(u64, u64, u32)>);

/// The vocabulary, its directory, and every word's entries and places.
fn words(index: &Index) -> (Vec<u8>, Vec<u8>, Vec<u8>, Vec<u8>) {
    let n = index.vocab.len();
    // Each word's lists, encoded on every core in runs of words, then laid end to end.
    let lists: Vec<Lists> = (0..n.div_ceil(4096))
        .into_par_iter()
        .map(|run| word_lists(index, run * 4096..((run + 1) * 4096).min(n)))
        .collect();
    let (mut vocab, mut dir) = (Vec::new(), Vec::new());
    let (mut entries, mut places) = (Vec::new(), Vec::new());
    let mut sizes = Vec::with_capacity(n);
    for (e, p, s) in lists {
        entries.extend_from_slice(&e);
        places.extend_from_slice(&p);
        sizes.extend(s);
    }
    put(&mut dir, n.div_ceil(VOCAB_BLOCK as usize) as u64);
    let (mut last_vocab, mut entries_at, mut places_at) = (0, 0, 0);
    let (mut last_entries, mut last_places) = (0, 0);
    for (w, &(e, p, count)) in sizes.iter().enumerate() {
        let word = index.vocab.word(w).as_bytes();
        let shared = if w % VOCAB_BLOCK as usize == 0 {
            for v in [
                (vocab.len() - last_vocab) as u64,
                entries_at - last_entries,
                places_at - last_places,
            ] {
                put(&mut dir, v);
            }
            put_bytes(&mut dir, word);
            (last_vocab, last_entries, last_places) = (vocab.len(), entries_at, places_at);
            0
        } else {
            let prev = index.vocab.word(w - 1).as_bytes();
            let shared = prev.iter().zip(word).take_while(|(a, b)| a == b).count();
            shared.min(MAX_SHARED)
        };
        put(&mut vocab, shared as u64);
        put_bytes(&mut vocab, &word[shared..]);
        for v in [e, p, u64::from(count)] {
            put(&mut vocab, v);
        }
        (entries_at, places_at) = (entries_at + e, places_at + p);
    }
    (vocab, dir, entries, places)
}

/// The [`Lists`] of the words `words`.
fn word_lists(index: &Index, words: std::ops::Range<usize>) -> Lists {
    let (mut entries, mut places, mut sizes) = (Vec::new(), Vec::new(), Vec::new());
    let mut list: Vec<(u32, u32, Tier)> = Vec::new();
    for w in words {
        let range = index.entries(&(w as u32..w as u32 + 1));
        list.clear();
        for i in range {
            let packed = index.stats[i];
            let count = if packed.is_many() {
                index.many.get(&i).copied().unwrap_or(0)
            } else {
                u32::from(packed.count())
            };
            list.push((index.cards[i], count, packed.tier()));
        }
        let (e, p) = (entries.len(), places.len());
        put_entries(&mut entries, &list);
        let word_places = index.places_of(w as u32);
        put_list(&mut places, word_places);
        let lens = ((entries.len() - e) as u64, (places.len() - p) as u64);
        sizes.push((lens.0, lens.1, word_places.len() as u32));
    }
    (entries, places, sizes)
}

/// Each card's length in places and field bounds as gaps, in blocks, and the blocks' directory.
fn cards(index: &Index) -> (Vec<u8>, Vec<u8>) {
    let (mut cards, mut dir) = (Vec::new(), Vec::new());
    let n = index.len();
    put(&mut dir, n.div_ceil(CARD_BLOCK as usize) as u64);
    let (mut last_offset, mut last_place) = (0, 0);
    for c in 0..n {
        let start = index.card_starts[c];
        if c % CARD_BLOCK as usize == 0 {
            put(&mut dir, (cards.len() - last_offset) as u64);
            put(&mut dir, u64::from(start - last_place));
            (last_offset, last_place) = (cards.len(), start);
        }
        put(&mut cards, u64::from(index.card_starts[c + 1] - start));
        let mut at = start;
        for &bound in &index.bounds[c] {
            put(&mut cards, u64::from(bound - at));
            at = bound;
        }
    }
    (cards, dir)
}

/// The theme, tag and source ids with their card lists' lengths, and the lists.
fn keyed(index: &Index) -> (Vec<u8>, Vec<u8>) {
    let (mut keys, mut keyed) = (Vec::new(), Vec::new());
    for kind in KINDS {
        let map = match kind {
            Key::Theme => &index.themes,
            Key::Tag => &index.tags,
            Key::Source => &index.sources,
        };
        put(&mut keys, map.len() as u64);
        for (id, cards) in map {
            let at = keyed.len();
            put_list(&mut keyed, cards);
            put_bytes(&mut keys, id.as_bytes());
            put(&mut keys, (keyed.len() - at) as u64);
        }
    }
    (keys, keyed)
}

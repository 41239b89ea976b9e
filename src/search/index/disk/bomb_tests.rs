//! A small encoded thing that would decode to something huge is refused: the vocabulary's
//! front-coded words (each sharing the word before's bytes) and a word longer than any card's.

use std::sync::Arc;

use super::codec::{put, put_bytes};
use super::meta::{MAX_SHARED, MAX_WORD, Meta};
use super::tests::{fixture, index_parts, open_with_ids};
use super::*;
use crate::packfile::MemoryParts;
use crate::search::index::Index;
use crate::search::{NoFlags, parse};

/// The fixture's parts with a vocabulary of `words` alone (one block, no entries or places),
/// each word sharing `share(prev, word)` bytes with the one before it.
fn with_vocab(words: &[Vec<u8>], share: impl Fn(&[u8], &[u8]) -> usize) -> MemoryParts {
    let (_, _, parts) = fixture();
    let (mut vocab, mut dir) = (Vec::new(), Vec::new());
    put(&mut dir, 1);
    for v in [0, 0, 0] {
        put(&mut dir, v);
    }
    put_bytes(&mut dir, &words[0]);
    let mut prev: &[u8] = &[];
    for word in words {
        let shared = share(prev, word);
        put(&mut vocab, shared as u64);
        put_bytes(&mut vocab, &word[shared..]);
        for v in [0, 0, 0] {
            put(&mut vocab, v);
        }
        prev = word;
    }
    let mut out = MemoryParts::new();
    for (name, bytes) in parts.iter() {
        let bytes = match name {
            part::VOCAB => vocab.clone(),
            part::VOCAB_DIR => dir.clone(),
            part::ENTRIES | part::PLACES => Vec::new(),
            _ => bytes.to_vec(),
        };
        out.add_part(name, bytes).unwrap();
    }
    let mut meta = Meta::read(parts).unwrap();
    meta.words = words.len() as u32;
    meta.vocab_block = words.len() as u32;
    for (i, name) in part::SIZED.iter().enumerate() {
        meta.lens[i] = out.part_len(name).unwrap();
    }
    let mut fixed = MemoryParts::new();
    for (name, bytes) in out.iter() {
        let bytes = if name == part::META {
            meta.write()
        } else {
            bytes.to_vec()
        };
        fixed.add_part(name, bytes).unwrap();
    }
    fixed
}

/// The error a prefix query over `parts` gives.
fn query_error(parts: MemoryParts) -> Option<String> {
    let file = open_with_ids(Arc::new(parts), fixture().0.cards.len()).unwrap();
    let query = parse("a", &fixture().0.themes).unwrap();
    file.search(&query, &NoFlags).err().map(|e| e.to_string())
}

/// Regression: a 608 KB file whose 4096 words each shared the 256 KiB before them decoded to
/// 1 GB. Sharing is bounded now, so a block decodes to a few times its bytes.
#[test]
fn words_sharing_more_than_the_bound_are_refused() {
    let words: Vec<Vec<u8>> = (0..64u8)
        .map(|i| [vec![b'a'; 1000], vec![b'0' + i]].concat())
        .collect();
    let longest =
        |prev: &[u8], word: &[u8]| prev.iter().zip(word).take_while(|(a, b)| a == b).count();
    let err = query_error(with_vocab(&words, longest)).unwrap_or_default();
    assert!(
        err.starts_with("index.vocab: byte ")
            && err.contains(&format!("word 1 shares 1000 bytes (at most {MAX_SHARED})")),
        "{err}"
    );
    // The same words, sharing as the writer shares, read.
    let capped = |prev: &[u8], word: &[u8]| longest(prev, word).min(MAX_SHARED);
    assert_eq!(query_error(with_vocab(&words, capped)), None);
}

/// Regression: a word's length was not bounded, so one word of the file could claim any size.
#[test]
fn a_word_longer_than_any_card_can_hold_is_refused() {
    let words = vec![b"a".to_vec(), vec![b'b'; MAX_WORD + 1]];
    let err = query_error(with_vocab(&words, |_, _| 0)).unwrap_or_default();
    assert!(
        err.starts_with("index.vocab: byte ") && err.contains("word 1 is over"),
        "{err}"
    );
}

/// The writer shares no more than the reader takes: words with long common beginnings read back.
#[test]
fn long_words_with_long_common_beginnings_are_found() {
    let (pack, _, _) = fixture();
    let mut cards = pack.cards[..3].to_vec();
    for (i, card) in cards.iter_mut().enumerate() {
        card.title = format!("{}{i}", "x".repeat(300));
    }
    let index = Index::build(&cards);
    let file = open_with_ids(Arc::new(index_parts(&index)), cards.len()).unwrap();
    for i in 0..3 {
        let word = format!("{}{i}", "x".repeat(300));
        assert!(file.find_word(&word).unwrap().is_some(), "{i}");
    }
}

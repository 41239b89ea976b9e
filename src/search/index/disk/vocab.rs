//! The vocabulary on disk: `index.vocab.dir` (read once, on first use) gives each block's first
//! word and where its words' lists begin; a block (`index.vocab`) gives each word, front-coded,
//! with the byte lengths of its lists and its place count. A word is found by a binary search
//! of the directory, then of one block.

use std::ops::Range;
use std::sync::Arc;

use super::codec::Reader;
use super::meta::{MAX_SHARED, MAX_WORD};
use super::{FileIndex, PartError, lazily, part, partition_point};

/// The directory: one entry per block of `Meta::vocab_block` words.
pub(super) struct Dir {
    /// The blocks' first words, end to end.
    text: Vec<u8>,
    blocks: Vec<DirEntry>,
}

/// Where a vocabulary block and its words' lists begin, and where its first word ends in
/// `Dir::text`.
struct DirEntry {
    vocab: u64,
    entries: u64,
    places: u64,
    first_end: usize,
}

/// One decoded block: its words end to end, and each word's lists.
pub(super) struct VocabBlock {
    text: Vec<u8>,
    words: Vec<Word>,
}

/// A word of a block: where it ends in `VocabBlock::text`, its lists' bytes, its place count.
#[derive(Clone)]
pub(super) struct Word {
    end: usize,
    pub(super) entries: Range<u64>,
    pub(super) places: Range<u64>,
    pub(super) place_count: u32,
}

impl Dir {
    fn first(&self, b: usize) -> &[u8] {
        let start = if b == 0 {
            0
        } else {
            self.blocks[b - 1].first_end
        };
        &self.text[start..self.blocks[b].first_end]
    }
}

impl VocabBlock {
    /// The bytes the block takes in memory.
    pub(super) fn bytes(&self) -> usize {
        let words = self.words.capacity().saturating_mul(size_of::<Word>());
        size_of::<Self>() + self.text.capacity() + words
    }

    fn word(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.words[i - 1].end };
        &self.text[start..self.words[i].end]
    }
}

impl FileIndex {
    /// The vocabulary directory, read and checked on first use.
    fn vocab_dir(&self) -> Result<&Dir, PartError> {
        lazily(&self.vocab_dir, || {
            let bytes = self.read_whole(part::VOCAB_DIR)?;
            let mut r = Reader::new(part::VOCAB_DIR, &bytes, 0);
            let n = r.count(4, "blocks")?;
            let want = self.meta.words.div_ceil(self.meta.vocab_block) as usize;
            if n != want {
                return Err(r.fail(format!("{n} blocks for {want}")));
            }
            let mut dir = Dir {
                text: Vec::new(),
                blocks: Vec::with_capacity(n),
            };
            let (mut vocab, mut entries, mut places) = (0u64, 0u64, 0u64);
            for b in 0..n {
                let deltas = [r.varint()?, r.varint()?, r.varint()?];
                vocab = add(&r, vocab, deltas[0], part::VOCAB, &self.meta)?;
                entries = add(&r, entries, deltas[1], part::ENTRIES, &self.meta)?;
                places = add(&r, places, deltas[2], part::PLACES, &self.meta)?;
                let first = r.bytes()?;
                if first.len() > MAX_WORD {
                    return Err(r.fail(format!("block {b}'s first word is over {MAX_WORD} bytes")));
                }
                if b > 0 && first <= dir.first(b - 1) {
                    return Err(r.fail(format!("block {b}'s first word is out of order")));
                }
                dir.text.extend_from_slice(first);
                let first_end = dir.text.len();
                dir.blocks.push(DirEntry {
                    vocab,
                    entries,
                    places,
                    first_end,
                });
            }
            Ok(dir)
        })
    }

    /// Vocabulary block `b`, decoded and checked (kept in the cache).
    fn vocab_block(&self, b: usize) -> Result<Arc<VocabBlock>, PartError> {
        if let Some(block) = self.cache().vocab.get(&b) {
            return Ok(block);
        }
        let block = Arc::new(self.decode_vocab_block(b)?);
        let bytes = block.bytes();
        self.cache().vocab.put(b, Arc::clone(&block), bytes);
        Ok(block)
    }

    fn decode_vocab_block(&self, b: usize) -> Result<VocabBlock, PartError> {
        let dir = self.vocab_dir()?;
        let this = &dir.blocks[b];
        let next =
            |f: fn(&DirEntry) -> u64, name| dir.blocks.get(b + 1).map_or(self.meta.len(name), f);
        let end = next(|e| e.vocab, part::VOCAB);
        let bytes = self.read(part::VOCAB, this.vocab..end)?;
        let mut r = Reader::new(part::VOCAB, &bytes, this.vocab);
        let size = self.meta.vocab_block as usize;
        let count = (self.meta.words as usize - b * size).min(size);
        let mut block = VocabBlock {
            text: Vec::with_capacity(bytes.len()),
            words: Vec::with_capacity(count),
        };
        let (mut entries, mut places) = (this.entries, this.places);
        let mut prev: Range<usize> = 0..0;
        for i in 0..count {
            let word = read_word(&mut r, &mut block.text, prev.clone(), i)?;
            let first_ok = i > 0 || block.text[word.clone()] == *dir.first(b);
            if !first_ok || (i > 0 && block.text[word.clone()] <= block.text[prev.clone()]) {
                return Err(r.fail(format!("word {i} of block {b} is out of order")));
            }
            let lens = [r.varint()?, r.varint()?];
            let e = add(&r, entries, lens[0], part::ENTRIES, &self.meta)?;
            let p = add(&r, places, lens[1], part::PLACES, &self.meta)?;
            let place_count = r.u32("place count")?;
            block.words.push(Word {
                end: word.end,
                entries: entries..e,
                places: places..p,
                place_count,
            });
            (entries, places, prev) = (e, p, word);
        }
        let ends = (
            next(|e| e.entries, part::ENTRIES),
            next(|e| e.places, part::PLACES),
        );
        let before_next = b + 1 >= dir.blocks.len() || block.text[prev] < *dir.first(b + 1);
        if !r.is_done() || ends != (entries, places) || !before_next {
            return Err(r.fail(format!("block {b} does not end where the next one begins")));
        }
        Ok(block)
    }

    /// The id of the first word for which `before` is false (`before` is true of a run of the
    /// sorted words from the first, and false of the rest).
    fn partition(&self, before: impl Fn(&[u8]) -> bool) -> Result<u32, PartError> {
        let dir = self.vocab_dir()?;
        let b = partition_point(dir.blocks.len(), |b| before(dir.first(b)));
        let Some(b) = b.checked_sub(1) else {
            return Ok(0);
        };
        let block = self.vocab_block(b)?;
        let i = partition_point(block.words.len(), |i| before(block.word(i)));
        Ok((b * self.meta.vocab_block as usize + i) as u32)
    }

    /// The id of exactly `word`.
    pub(super) fn find_word(&self, word: &str) -> Result<Option<u32>, PartError> {
        let word = word.as_bytes();
        let w = self.partition(|x| x < word)?;
        if w >= self.meta.words {
            return Ok(None);
        }
        let (block, i) = self.word_at(w)?;
        Ok((block.word(i) == word).then_some(w))
    }

    /// The ids of the words that start with `prefix`.
    pub(super) fn prefix_words(&self, prefix: &str) -> Result<Range<u32>, PartError> {
        let p = prefix.as_bytes();
        let lo = self.partition(|x| x < p)?;
        let hi = self.partition(|x| x < p || x.starts_with(p))?;
        Ok(lo..hi.max(lo))
    }

    /// The block holding word `w` (less than the number of words), and its place there.
    fn word_at(&self, w: u32) -> Result<(Arc<VocabBlock>, usize), PartError> {
        let size = self.meta.vocab_block;
        Ok((self.vocab_block((w / size) as usize)?, (w % size) as usize))
    }

    /// Word `w`'s lists and place count.
    pub(super) fn word(&self, w: u32) -> Result<Word, PartError> {
        let (block, i) = self.word_at(w)?;
        Ok(block.words[i].clone())
    }

    /// Where the entries of words `words` are, in `index.entries`.
    pub(super) fn entries_of(&self, words: &Range<u32>) -> Result<Range<u64>, PartError> {
        if words.is_empty() {
            return Ok(0..0);
        }
        let start = self.word(words.start)?.entries.start;
        let end = if words.end >= self.meta.words {
            self.meta.len(part::ENTRIES)
        } else {
            self.word(words.end)?.entries.start
        };
        Ok(start..end.max(start))
    }
}

/// Reads word `i` of a block onto the end of `text`, where the word before it is at `prev`:
/// the bytes it shares with that word (at most [`MAX_SHARED`]), then its own (the whole word at
/// most [`MAX_WORD`]). Gives where it is in `text`.
fn read_word(
    r: &mut Reader,
    text: &mut Vec<u8>,
    prev: Range<usize>,
    i: usize,
) -> Result<Range<usize>, PartError> {
    let shared = r.varint()?;
    let most = if i == 0 {
        0
    } else {
        prev.len().min(MAX_SHARED)
    };
    if shared > most as u64 {
        return Err(r.fail(format!("word {i} shares {shared} bytes (at most {most})")));
    }
    let shared = shared as usize;
    let rest = r.bytes()?;
    if rest.len() > MAX_WORD - shared {
        let why = format!("word {i} is over {MAX_WORD} bytes, longer than any card's word");
        return Err(r.fail(why));
    }
    let start = text.len();
    text.extend_from_within(prev.start..prev.start + shared);
    text.extend_from_slice(rest);
    Ok(start..text.len())
}

/// `at + delta`, which must be at most part `name`'s length.
fn add(
    r: &Reader,
    at: u64,
    delta: u64,
    name: &'static str,
    meta: &super::meta::Meta,
) -> Result<u64, PartError> {
    at.checked_add(delta)
        .filter(|&end| end <= meta.len(name))
        .ok_or_else(|| r.fail(format!("an offset past the end of {name}")))
}

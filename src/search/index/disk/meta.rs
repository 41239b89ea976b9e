//! `index.meta`: what the rest of the index is, in a few fixed-width fields read at open, and
//! the checks that make every later allocation bounded by bytes the file really has.

use super::codec::Reader;
use super::{PartError, Parts, part};
use crate::packfile::PartFault;

/// The first bytes of `index.meta`.
pub(super) const MAGIC: &[u8; 8] = b"briefidx";
/// The layout this code writes and reads. Version 1 (brief before the pack file's one id table)
/// held the ids in `index.ids` and `index.ids.dir` and a longer `index.meta`.
pub(super) const VERSION: u32 = 2;
/// Words per vocabulary block.
pub(super) const VOCAB_BLOCK: u32 = 64;
/// Cards per card block.
pub(super) const CARD_BLOCK: u32 = 128;
/// Most cards a pack may hold (the loader refuses more).
pub(super) const MAX_CARDS: u32 = 1_000_000;
/// Most bytes a word of the vocabulary shares with the word before it (the writer shares no
/// more), so that a block's words take at most some twelve times its bytes: a word is at least
/// five bytes encoded (its lengths, its one new byte or more) and at most 64 more decoded.
pub(super) const MAX_SHARED: usize = 64;
/// The longest word: a card holds at most 256 KiB and folding lengthens text at most tenfold
/// (U+FDFA), so no card's word is longer.
pub(super) const MAX_WORD: usize = 4 << 20;
/// Largest block size a file may give.
const MAX_BLOCK: u32 = 4096;
/// `index.meta`'s length: magic, six `u32`s (the version first), and eight `u64` part lengths.
pub(super) const META_LEN: u64 = 8 + 4 * 6 + 8 * 8;

/// The fields of `index.meta`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Meta {
    pub(super) cards: u32,
    pub(super) words: u32,
    /// Places in all (each card's words and the empty place after each string).
    pub(super) places: u32,
    pub(super) vocab_block: u32,
    pub(super) card_block: u32,
    /// The lengths of the parts in [`part::SIZED`], in that order.
    pub(super) lens: [u64; 8],
}

impl Meta {
    /// The bytes of `index.meta`.
    pub(super) fn write(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(META_LEN as usize);
        out.extend_from_slice(MAGIC);
        for v in [
            VERSION,
            self.cards,
            self.words,
            self.places,
            self.vocab_block,
            self.card_block,
        ] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        for len in self.lens {
            out.extend_from_slice(&len.to_le_bytes());
        }
        out
    }

    /// Reads `index.meta` from `parts` and checks it against the other parts' lengths.
    pub(super) fn read(parts: &dyn Parts) -> Result<Meta, PartError> {
        let len = parts
            .part_len(part::META)
            .ok_or_else(|| missing(part::META))?;
        let bytes = parts.read_part(part::META, 0..len.min(META_LEN))?;
        let mut r = Reader::new(part::META, &bytes, 0);
        if bytes.get(..8) != Some(MAGIC.as_slice()) {
            return Err(r.fail("not a brief index (bad magic)"));
        }
        r.take(8)?;
        let version = r.fixed_u32()?;
        if version != VERSION {
            let older = if version < VERSION {
                " (an older brief built this file: build it again with `brief build`)"
            } else {
                ""
            };
            return Err(r.fail(format!(
                "index version {version}; this brief reads version {VERSION}{older}"
            )));
        }
        let mut fixed = [0u32; 5];
        for v in &mut fixed {
            *v = r.fixed_u32()?;
        }
        let [cards, words, places, vocab_block, card_block] = fixed;
        let mut lens = [0u64; 8];
        for l in &mut lens {
            *l = r.fixed_u64()?;
        }
        if len != META_LEN {
            return Err(r.fail(format!("{len} bytes long, not {META_LEN}")));
        }
        let meta = Meta {
            cards,
            words,
            places,
            vocab_block,
            card_block,
            lens,
        };
        meta.check(parts)?;
        Ok(meta)
    }

    /// The length of part `name` (0 for one this index does not have).
    pub(super) fn len(&self, name: &str) -> u64 {
        part::SIZED
            .iter()
            .position(|&p| p == name)
            .map_or(0, |i| self.lens[i])
    }

    /// Checks the counts against the parts: each part as long as this says, block sizes in
    /// range, and counts the parts' bytes can hold (a card takes at least six bytes of
    /// `index.cards`, a word four of `index.vocab`, a place one of `index.places`).
    fn check(&self, parts: &dyn Parts) -> Result<(), PartError> {
        let bad = |reason: String| PartError::damaged(part::META, reason);
        for (name, &want) in part::SIZED.iter().zip(&self.lens) {
            let got = parts.part_len(name).ok_or_else(|| missing(name))?;
            if got != want {
                return Err(bad(format!("{name} is {got} bytes long, not {want}")));
            }
        }
        for (what, size) in [
            ("vocabulary block", self.vocab_block),
            ("card block", self.card_block),
        ] {
            if !(1..=MAX_BLOCK).contains(&size) {
                return Err(bad(format!("{what} of {size}, not 1 to {MAX_BLOCK}")));
            }
        }
        let holds = |name: &str, count: u32, each: u64| u64::from(count) * each <= self.len(name);
        if self.cards > MAX_CARDS {
            return Err(bad(format!(
                "{} cards, over the bound of {MAX_CARDS}",
                self.cards
            )));
        }
        for (name, what, count, each) in [
            (part::CARDS, "cards", self.cards, 6),
            (part::VOCAB, "words", self.words, 4),
        ] {
            if !holds(name, count, each) {
                let len = self.len(name);
                return Err(bad(format!(
                    "{count} {what} cannot fit in {name}'s {len} bytes"
                )));
            }
        }
        if self.places > 0 && self.cards == 0 {
            return Err(bad(format!("{} places on no card", self.places)));
        }
        Ok(())
    }
}

/// The error for a part the file lacks.
fn missing(name: &str) -> PartError {
    PartError::new(name, PartFault::Missing)
}

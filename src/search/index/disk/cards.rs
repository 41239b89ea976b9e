//! The cards' places on disk: `index.cards` holds, per card, how many places it takes and where
//! its fields begin (the in-memory `card_starts` and `bounds`, as gaps), in blocks of
//! `Meta::card_block` cards; `index.cards.dir` (read on first use) gives each block's byte
//! offset and first place. A place's card, tier and actor-ness come from the one block holding it.

use std::sync::OnceLock;

use super::codec::Reader;
use super::{FileIndex, PartError, lazily, part};
use crate::search::fields::Tier;
use crate::search::index::{ACTORS, Bounds, QUOTES, tier_in};

/// Each card block's byte offset in `index.cards` and first place, and the blocks decoded so
/// far: a phrase common in the pack needs nearly every block, so each is decoded once and kept
/// (at most the decoded `index.cards`, about 2.4 MB at 100,000 cards).
pub(super) struct Dir {
    blocks: Vec<(u64, u32)>,
    decoded: Vec<OnceLock<CardBlock>>,
}

/// One decoded block of cards.
pub(super) struct CardBlock {
    /// The block's first card.
    first: usize,
    /// Each card's first place, then the place after the last card.
    starts: Vec<u32>,
    bounds: Vec<Bounds>,
}

impl CardBlock {
    /// Whether `place` is on one of this block's cards.
    fn holds(&self, place: u32) -> bool {
        self.starts.first().is_some_and(|&s| s <= place)
            && self.starts.last().is_some_and(|&e| place < e)
    }

    /// The tier at `place` on the block's card `c`, and whether it is in an actor's name.
    fn at(&self, c: usize, place: u32) -> (Tier, bool) {
        let b = &self.bounds[c];
        (tier_in(b, place), (b[ACTORS]..b[QUOTES]).contains(&place))
    }
}

impl FileIndex {
    /// The card directory, read and checked on first use.
    fn cards_dir(&self) -> Result<&Dir, PartError> {
        lazily(&self.cards_dir, || {
            let bytes = self.read_whole(part::CARDS_DIR)?;
            let mut r = Reader::new(part::CARDS_DIR, &bytes, 0);
            let n = r.count(2, "blocks")?;
            let want = self.meta.cards.div_ceil(self.meta.card_block) as usize;
            if n != want {
                return Err(r.fail(format!("{n} blocks for {want}")));
            }
            let mut blocks = Vec::with_capacity(n);
            let (mut offset, mut place) = (0u64, 0u64);
            for _ in 0..n {
                offset = offset.saturating_add(r.varint()?);
                place = place.saturating_add(r.varint()?);
                if offset > self.meta.len(part::CARDS) || place > u64::from(self.meta.places) {
                    return Err(r.fail("a block past the end"));
                }
                blocks.push((offset, place as u32));
            }
            if blocks.first().is_some_and(|&(o, p)| o != 0 || p != 0) {
                return Err(r.fail("the first block does not start at 0"));
            }
            let decoded = (0..n).map(|_| OnceLock::new()).collect();
            Ok(Dir { blocks, decoded })
        })
    }

    /// Card block `b`, decoded and checked (kept).
    fn card_block(&self, b: usize) -> Result<&CardBlock, PartError> {
        let slot = &self.cards_dir()?.decoded[b];
        lazily(slot, || self.decode_card_block(b))
    }

    fn decode_card_block(&self, b: usize) -> Result<CardBlock, PartError> {
        let dir = self.cards_dir()?;
        let (offset, first_place) = dir.blocks[b];
        let (end, end_place) = dir
            .blocks
            .get(b + 1)
            .copied()
            .unwrap_or((self.meta.len(part::CARDS), self.meta.places));
        let bytes = self.read(part::CARDS, offset..end.max(offset))?;
        let mut r = Reader::new(part::CARDS, &bytes, offset);
        let size = self.meta.card_block as usize;
        let first = b * size;
        let count = (self.meta.cards as usize - first).min(size);
        let mut block = CardBlock {
            first,
            starts: Vec::with_capacity(count + 1),
            bounds: Vec::with_capacity(count),
        };
        let mut at = first_place;
        for c in first..first + count {
            let len = r.u32("card length")?;
            let Some(card_end) = at.checked_add(len) else {
                return Err(r.fail(format!("card {c} ends past the last place")));
            };
            let mut bounds = [0u32; 5];
            let mut bound = at;
            for slot in &mut bounds {
                bound = bound.saturating_add(r.u32("field bound")?);
                if bound > card_end {
                    return Err(r.fail(format!("card {c}'s fields run past its end")));
                }
                *slot = bound;
            }
            block.starts.push(at);
            block.bounds.push(bounds);
            at = card_end;
        }
        block.starts.push(at);
        if !r.is_done() || at != end_place {
            return Err(r.fail(format!("block {b} does not end where the next one begins")));
        }
        Ok(block)
    }

    /// Calls `each` with the card, tier and actor-ness of each of `places` (any order; ascending
    /// reads each block once and moves through it card by card).
    pub(super) fn locate_places(
        &self,
        places: &[u32],
        mut each: impl FnMut(usize, Tier, bool),
    ) -> Result<(), PartError> {
        let mut block: Option<&CardBlock> = None;
        let mut c = 0;
        for &place in places {
            let current = match block {
                Some(blk) if blk.holds(place) => blk,
                _ => {
                    let blk = self.card_block(self.block_of(place)?)?;
                    if !blk.holds(place) {
                        let why = format!("no card holds place {place}");
                        return Err(PartError::damaged(part::CARDS, why));
                    }
                    c = 0;
                    blk
                }
            };
            // Ascending places move the card forward; a smaller one starts the search over.
            if current.starts[c] > place {
                c = 0;
            }
            while current.starts[c + 1] <= place {
                c += 1;
            }
            let (tier, actor) = current.at(c, place);
            each(current.first + c, tier, actor);
            block = Some(current);
        }
        Ok(())
    }

    /// The block holding `place`.
    fn block_of(&self, place: u32) -> Result<usize, PartError> {
        let dir = self.cards_dir()?;
        let b = dir.blocks.partition_point(|&(_, first)| first <= place);
        b.checked_sub(1).ok_or_else(|| {
            PartError::damaged(part::CARDS_DIR, format!("no block holds place {place}"))
        })
    }
}

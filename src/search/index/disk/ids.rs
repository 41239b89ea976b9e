//! Card ids on disk, for the `is:` filters and id lookups: `index.ids` holds every card's id,
//! sorted and front-coded in blocks of `Meta::id_block`, each with its card; `index.ids.dir`
//! (read on first use) gives each block's byte offset and first id. The few ids a user marked are
//! found by a binary search each, never by reading every card's id.

use std::sync::{Arc, OnceLock};

use super::codec::Reader;
use super::{FileIndex, PartError, lazily, part, partition_point};

/// Each id block's byte offset and first id, and the blocks decoded so far (kept: at most the
/// decoded `index.ids`).
pub(super) struct Dir {
    blocks: Vec<(u64, String)>,
    decoded: Vec<OnceLock<Arc<IdBlock>>>,
}

/// One decoded block: its ids end to end, each with where it ends and its card.
pub(super) struct IdBlock {
    text: String,
    ids: Vec<(usize, u32)>,
}

impl IdBlock {
    fn id(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ids[i - 1].0 };
        &self.text[start..self.ids[i].0]
    }

    /// The card of exactly `id`, if in this block.
    fn find(&self, id: &str) -> Option<u32> {
        let at = partition_point(self.ids.len(), |i| self.id(i) < id);
        (at < self.ids.len() && self.id(at) == id).then(|| self.ids[at].1)
    }
}

impl FileIndex {
    /// The id directory, read and checked on first use.
    fn ids_dir(&self) -> Result<&Dir, PartError> {
        lazily(&self.ids_dir, || {
            let bytes = self.read_whole(part::IDS_DIR)?;
            let mut r = Reader::new(part::IDS_DIR, &bytes, 0);
            let n = r.count(2, "blocks")?;
            let want = self.meta.cards.div_ceil(self.meta.id_block) as usize;
            if n != want {
                return Err(r.fail(format!("{n} blocks for {want}")));
            }
            let mut blocks: Vec<(u64, String)> = Vec::with_capacity(n);
            let mut offset = 0u64;
            for _ in 0..n {
                offset = offset.saturating_add(r.varint()?);
                let first = std::str::from_utf8(r.bytes()?)
                    .map_err(|_| r.fail("an id that is not UTF-8"))?;
                let ordered = blocks.last().is_none_or(|(_, last)| last.as_str() < first);
                if offset > self.meta.len(part::IDS) || !ordered {
                    return Err(r.fail("a block out of order or past the end"));
                }
                blocks.push((offset, first.to_string()));
            }
            let decoded = (0..n).map(|_| OnceLock::new()).collect();
            Ok(Dir { blocks, decoded })
        })
    }

    /// Id block `b`, decoded and checked (kept).
    fn id_block(&self, b: usize) -> Result<Arc<IdBlock>, PartError> {
        let slot = &self.ids_dir()?.decoded[b];
        Ok(Arc::clone(lazily(slot, || {
            Ok(Arc::new(self.decode_id_block(b)?))
        })?))
    }

    fn decode_id_block(&self, b: usize) -> Result<IdBlock, PartError> {
        let dir = self.ids_dir()?;
        let (offset, first) = &dir.blocks[b];
        let end = dir
            .blocks
            .get(b + 1)
            .map_or(self.meta.len(part::IDS), |e| e.0);
        let bytes = self.read(part::IDS, *offset..end.max(*offset))?;
        let mut r = Reader::new(part::IDS, &bytes, *offset);
        let size = self.meta.id_block as usize;
        let count = (self.meta.cards as usize - b * size).min(size);
        let mut block = IdBlock {
            text: String::with_capacity(bytes.len()),
            ids: Vec::with_capacity(count),
        };
        let mut word: Vec<u8> = Vec::new();
        for i in 0..count {
            let shared = r.varint()?;
            if shared > word.len() as u64 || (i == 0 && shared > 0) {
                return Err(r.fail(format!("id {i} of block {b} shares {shared} bytes")));
            }
            word.truncate(shared as usize);
            word.extend_from_slice(r.bytes()?);
            let id = std::str::from_utf8(&word).map_err(|_| r.fail("an id that is not UTF-8"))?;
            let ordered = if i == 0 {
                id == first
            } else {
                block.id(i - 1) < id
            };
            if !ordered {
                return Err(r.fail(format!("id {i} of block {b} is out of order")));
            }
            let card = r.u32("card")?;
            if card >= self.meta.cards {
                return Err(r.fail(format!("card {card} is past the last")));
            }
            block.text.push_str(id);
            block.ids.push((block.text.len(), card));
        }
        let before_next = dir.blocks.get(b + 1).is_none_or(|(_, next)| {
            block.ids.is_empty() || block.id(block.ids.len() - 1) < next.as_str()
        });
        if !r.is_done() || !before_next {
            return Err(r.fail(format!("block {b} does not end where the next one begins")));
        }
        Ok(block)
    }

    /// The card of each of `ids` (sorted), if the index holds it.
    pub(super) fn find_each_id(&self, ids: &[&str]) -> Result<Vec<Option<u32>>, PartError> {
        let dir = self.ids_dir()?;
        let mut out = Vec::with_capacity(ids.len());
        let mut current: Option<(usize, Arc<IdBlock>)> = None;
        for &id in ids {
            let b = dir
                .blocks
                .partition_point(|(_, first)| first.as_str() <= id);
            let Some(b) = b.checked_sub(1) else {
                out.push(None);
                continue;
            };
            let block = match current.take() {
                Some((n, block)) if n == b => block,
                _ => self.id_block(b)?,
            };
            out.push(block.find(id));
            current = Some((b, block));
        }
        Ok(out)
    }

    /// Calls `each` with every card and its id, block after block.
    pub(super) fn every_id(&self, mut each: impl FnMut(usize, &str)) -> Result<(), PartError> {
        let blocks = self.ids_dir()?.blocks.len();
        for b in 0..blocks {
            let block = self.id_block(b)?;
            for i in 0..block.ids.len() {
                each(block.ids[i].1 as usize, block.id(i));
            }
        }
        Ok(())
    }
}

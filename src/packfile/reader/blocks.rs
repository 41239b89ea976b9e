//! Reading a part's blocks: each checked against its CRC32 before a byte of it is used, a few
//! recent ones kept for the next small read, and a read of many blocks made straight into its
//! result.

use std::ops::Range;
use std::sync::Arc;

use super::{CACHED_BLOCKS, FileParts, lazily};
use crate::packfile::format::Check;
use crate::packfile::parts::{PartError, PartFault};

impl FileParts {
    /// The block checksums of entry `i`, read and checked once.
    fn sums(&self, i: usize) -> Result<Arc<[u32]>, PartError> {
        let entry = &self.entries[i];
        lazily(&self.sums[i], || {
            let Check::Blocks { sums_crc, .. } = entry.check else {
                return Ok(Arc::from(Vec::new()));
            };
            let name = &entry.name;
            let range = entry.sums_range();
            let bytes = self
                .pread(name, range.clone(), range.start)
                .map_err(|e| PartError::damaged(name, format!("block checksums: {}", e.fault)))?;
            if crc32fast::hash(&bytes) != sums_crc {
                return Err(PartError::damaged(
                    name,
                    "block checksums: checksum mismatch",
                ));
            }
            Ok(bytes
                .chunks_exact(4)
                .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
                .collect())
        })
    }

    /// Blocks `blocks` of entry `i` (block size `1 << shift`), each checked, as one run of bytes.
    pub(super) fn read_blocks(
        &self,
        i: usize,
        shift: u8,
        blocks: Range<u64>,
    ) -> Result<Vec<u8>, PartError> {
        let entry = &self.entries[i];
        let start = blocks.start << shift;
        let end = (blocks.end << shift).min(entry.len);
        let range = entry.offset + start..entry.offset + end;
        let bytes = self.pread(&entry.name, range, entry.offset)?;
        self.check_blocks(i, shift, blocks.start, &bytes)?;
        Ok(bytes)
    }

    /// Checks `bytes`, whole blocks of entry `i` from block `first` on, against their checksums.
    fn check_blocks(&self, i: usize, shift: u8, first: u64, bytes: &[u8]) -> Result<(), PartError> {
        let entry = &self.entries[i];
        let sums = self.sums(i)?;
        for (k, chunk) in bytes.chunks(1 << shift).enumerate() {
            let block = first + k as u64;
            let want = usize::try_from(block).ok().and_then(|b| sums.get(b));
            if want != Some(&crc32fast::hash(chunk)) {
                let from = block << shift;
                let range = from..(from + chunk.len() as u64);
                return Err(PartError::new(&entry.name, PartFault::Checksum { range }));
            }
        }
        Ok(())
    }

    /// Bytes `range` of entry `i` when they span many blocks: the whole blocks inside the range
    /// read straight into the result and checked there (no copy), the partial blocks at either
    /// end through the cache (a table read in two ranges shares the block between them).
    pub(super) fn read_span(
        &self,
        i: usize,
        shift: u8,
        range: Range<u64>,
    ) -> Result<Vec<u8>, PartError> {
        let entry = &self.entries[i];
        let size = 1u64 << shift;
        // The whole blocks inside: from the first block edge at or after the start to the last
        // one at or before the end (the part's end counts as an edge).
        let from = range.start.div_ceil(size) * size;
        let to = if range.end == entry.len {
            range.end
        } else {
            range.end / size * size
        };
        if from >= to {
            // Within two blocks after all (not reached: callers send spans of three or more).
            let mut out = Vec::new();
            for block in range.start >> shift..=(range.end - 1) >> shift {
                self.copy_from_block(i, shift, block, &range, &mut out)?;
            }
            return Ok(out);
        }
        // Zeroed by the allocator as fresh pages (no pass over them here), then filled.
        let mut out = vec![0u8; (range.end - range.start) as usize];
        let (head, rest) = out.split_at_mut((from - range.start) as usize);
        let (whole, tail) = rest.split_at_mut((to - from) as usize);
        // The blocks at either end are whole blocks of the part (lengths from the part table).
        let short = || PartError::damaged(&entry.name, "a block shorter than the part");
        if !head.is_empty() {
            let block = self.cached_block(i, shift, (from >> shift) - 1)?;
            let at = block.len().checked_sub(head.len()).ok_or_else(short)?;
            head.copy_from_slice(block.get(at..).ok_or_else(short)?);
        }
        self.pread_into(&entry.name, whole, entry.offset + from, entry.offset)?;
        self.check_blocks(i, shift, from >> shift, whole)?;
        if !tail.is_empty() {
            let block = self.cached_block(i, shift, to >> shift)?;
            tail.copy_from_slice(block.get(..tail.len()).ok_or_else(short)?);
        }
        Ok(out)
    }

    /// Appends to `out` the bytes of block `block` of entry `i` that lie in `range`.
    pub(super) fn copy_from_block(
        &self,
        i: usize,
        shift: u8,
        block: u64,
        range: &Range<u64>,
        out: &mut Vec<u8>,
    ) -> Result<(), PartError> {
        let bytes = self.cached_block(i, shift, block)?;
        let start = (block << shift).max(range.start) - (block << shift);
        let end = ((block + 1) << shift).min(range.end) - (block << shift);
        out.extend_from_slice(bytes.get(start as usize..end as usize).unwrap_or_default());
        Ok(())
    }

    /// Block `block` of entry `i`, from the cache or read and checked.
    fn cached_block(&self, i: usize, shift: u8, block: u64) -> Result<Arc<[u8]>, PartError> {
        let mut cache = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(k) = cache.iter().position(|(e, b, _)| (*e, *b) == (i, block)) {
            let hit = cache.remove(k);
            let bytes = hit.2.clone();
            cache.push(hit);
            return Ok(bytes);
        }
        drop(cache);
        let bytes: Arc<[u8]> = self.read_blocks(i, shift, block..block + 1)?.into();
        let mut cache = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if cache.len() >= CACHED_BLOCKS {
            cache.remove(0);
        }
        cache.push((i, block, bytes.clone()));
        Ok(bytes)
    }
}

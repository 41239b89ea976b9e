//! Decoding cards out of a pack file: a block's offsets checked and its size bounded before
//! anything is allocated, then decompressed; each card parsed, bounded, sanitized and checked by
//! the folder loader's own rules.

use rayon::prelude::*;

use super::read::FileCards;
use super::{BLOCKS, OFFSETS, u32_at, u64_at};
use crate::pack::Card;
use crate::pack::validate::{self, Context, Origin};
use crate::packfile::FileError;

impl FileCards {
    /// Card `i`, decoded, sanitized and checked.
    pub fn card(&self, i: usize) -> Result<Card, FileError> {
        let ctx = Context::new(&self.themes, &self.sources);
        let per = self.meta.per_block as usize;
        let raw = self.block(i / per)?;
        self.card_in(&raw, i, &ctx)
    }

    /// The cards at `positions`, in that order, decoding each block they are in once, on every
    /// core.
    pub fn cards(&self, positions: &[usize]) -> Result<Vec<Card>, FileError> {
        let ctx = Context::new(&self.themes, &self.sources);
        let per = self.meta.per_block as usize;
        let mut by_block: Vec<(usize, usize)> = positions.iter().map(|&p| (p / per, p)).collect();
        by_block.sort_unstable();
        by_block.dedup();
        let runs: Vec<&[(usize, usize)]> = by_block.chunk_by(|a, b| a.0 == b.0).collect();
        let decoded: Vec<Vec<(usize, Card)>> = runs
            .into_par_iter()
            .map(|run| {
                let raw = self.block(run[0].0)?;
                run.iter()
                    .map(|&(_, p)| Ok((p, self.card_in(&raw, p, &ctx)?)))
                    .collect()
            })
            .collect::<Result<_, FileError>>()?;
        let mut found: std::collections::HashMap<usize, Card> =
            decoded.into_iter().flatten().collect();
        positions
            .iter()
            .map(|p| match found.remove(p) {
                Some(card) => Ok(card),
                // A position asked for twice: decoded once, cloned for the second.
                None => self.card(*p),
            })
            .collect()
    }

    /// Every card, in pack order.
    pub fn all_cards(&self) -> Result<Vec<Card>, FileError> {
        let all: Vec<usize> = (0..self.len()).collect();
        self.cards(&all)
    }

    /// The raw bytes of block `b`: its offsets checked, its size bounded before anything is
    /// allocated, then decompressed.
    fn block(&self, b: usize) -> Result<Vec<u8>, FileError> {
        let damaged =
            |why: String| FileError::new(&self.shown, BLOCKS, format!("block {b}: {why}"));
        let b64 = b as u64;
        if b64 >= self.meta.blocks() {
            return Err(damaged(format!(
                "no such block ({} blocks)",
                self.meta.blocks()
            )));
        }
        let raw = self
            .parts
            .read_part(OFFSETS, b64 * 8..b64 * 8 + 16)
            .map_err(|e| self.error(e))?;
        let (start, end) = (u64_at(&raw, 0), u64_at(&raw, 8));
        let in_block = self.in_block(b) as u64;
        let max_raw = in_block
            .saturating_mul(self.options.limits.max_card_bytes.saturating_add(4))
            .saturating_add(4);
        let max_packed = max_raw.saturating_add(max_raw / 255).saturating_add(20);
        if start > end || end - start > max_packed {
            let why =
                format!("offsets {start}..{end} do not make a block of at most {max_packed} bytes");
            return Err(FileError::new(
                &self.shown,
                OFFSETS,
                format!("block {b}: {why}"),
            ));
        }
        let packed = self
            .parts
            .read_part(BLOCKS, start..end)
            .map_err(|e| self.error(e))?;
        let Some(body) = packed.get(4..) else {
            return Err(damaged("shorter than its length field".into()));
        };
        let raw_len = u64::from(u32_at(&packed, 0));
        // LZ4 makes at most 255 bytes of each byte it reads, so a claim past that is false.
        if raw_len > max_raw || raw_len > (body.len() as u64).saturating_mul(255) + 16 {
            return Err(damaged(format!("claims {raw_len} bytes when decompressed")));
        }
        let mut raw = vec![0u8; raw_len as usize];
        match lz4_flex::block::decompress_into(body, &mut raw) {
            Ok(n) if n as u64 == raw_len => Ok(raw),
            Ok(n) => Err(damaged(format!("decompressed to {n} bytes, not {raw_len}"))),
            Err(e) => Err(damaged(format!("cannot decompress: {e}"))),
        }
    }

    /// How many cards block `b` holds.
    fn in_block(&self, b: usize) -> usize {
        let per = self.meta.per_block as usize;
        self.len().saturating_sub(b * per).min(per)
    }

    /// Card `i` out of its block's raw bytes `raw`: parsed, bounded, sanitized and checked by
    /// the loader's own rules, its id the one the id table gives.
    fn card_in(&self, raw: &[u8], i: usize, ctx: &Context<'_>) -> Result<Card, FileError> {
        let per = self.meta.per_block as usize;
        let (b, slot) = (i / per, i % per);
        let damaged = |why: String| FileError::new(&self.shown, BLOCKS, format!("card {i}: {why}"));
        let head = (self.in_block(b) + 1) * 4;
        let (start, end) = (
            u32_at(raw, slot * 4) as usize,
            u32_at(raw, slot * 4 + 4) as usize,
        );
        let text = raw
            .get(head..)
            .and_then(|t| t.get(start..end))
            .ok_or_else(|| damaged(format!("bytes {start}..{end} are not inside its block")))?;
        if text.len() as u64 > self.options.limits.max_card_bytes {
            return Err(damaged(format!(
                "{} bytes, over the limit of {} bytes",
                text.len(),
                self.options.limits.max_card_bytes
            )));
        }
        let text = std::str::from_utf8(text).map_err(|_| damaged("invalid UTF-8".into()))?;
        let mut card: Card =
            serde_json::from_str(text).map_err(|e| damaged(format!("not a card: {e}")))?;
        let id = self.id(i)?;
        let origin = Origin {
            folder: "",
            name: "",
            text,
        };
        let mut problems = validate::bound_and_sanitize(&mut card, &origin, &self.options.limits);
        problems.extend(validate::check_card(&card, &id, ctx, &origin));
        match problems.first() {
            None => Ok(card),
            Some(d) => {
                let why = format!("card {i} ('{id}'): {}", d.message);
                Err(FileError::new(&self.shown, BLOCKS, why))
            }
        }
    }
}

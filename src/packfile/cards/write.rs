//! Writes a loaded (valid, sanitized) pack's cards, themes and sources as the parts laid out in
//! the module above.

use rayon::prelude::*;

use super::{
    BLOCKS, IDS, MAX_THEMES, MEMBERSHIP, META, Meta, OFFSETS, ORDER, PER_BLOCK, SOURCES, THEMES,
    TITLES,
};
use crate::pack::{Card, Pack};
use crate::packfile::parts::{PartError, PartSink};

/// Adds the parts of `pack` (all but the search index) to `sink`.
pub fn write(pack: &Pack, sink: &mut dyn PartSink) -> Result<(), PartError> {
    if pack.themes.len() > MAX_THEMES {
        let why = format!(
            "{} themes, over the bound of {MAX_THEMES}",
            pack.themes.len()
        );
        return Err(PartError::damaged(THEMES, why));
    }
    let meta = Meta {
        cards: pack.cards.len() as u64,
        per_block: PER_BLOCK,
    };
    sink.add_part(META, json(META, &meta)?)?;
    sink.add_part(THEMES, json(THEMES, &pack.themes)?)?;
    sink.add_part(SOURCES, json(SOURCES, &pack.sources)?)?;
    let ids: Vec<&str> = pack.cards.iter().map(|c| c.id.as_str()).collect();
    write_ids(&ids, sink)?;
    sink.add_part(TITLES, strings(pack.cards.iter().map(|c| c.title.as_str())))?;
    sink.add_part(MEMBERSHIP, membership(pack))?;
    let (blocks, offsets) = blocks(&pack.cards).map_err(|e| PartError::damaged(BLOCKS, e))?;
    sink.add_part(BLOCKS, blocks)?;
    sink.add_part(OFFSETS, offsets)?;
    Ok(())
}

/// `value` as the JSON of part `name`.
fn json(name: &str, value: &impl serde::Serialize) -> Result<Vec<u8>, PartError> {
    serde_json::to_vec_pretty(value)
        .map_err(|e| PartError::damaged(name, format!("cannot encode: {e}")))
}

/// A string table: `n + 1` u64 offsets, then the strings' bytes end to end.
pub fn strings<'a>(items: impl ExactSizeIterator<Item = &'a str> + Clone) -> Vec<u8> {
    let text_len: usize = items.clone().map(str::len).sum();
    let mut out = Vec::with_capacity((items.len() + 1) * 8 + text_len);
    let mut at = 0u64;
    out.extend_from_slice(&at.to_le_bytes());
    for s in items.clone() {
        at += s.len() as u64;
        out.extend_from_slice(&at.to_le_bytes());
    }
    for s in items {
        out.extend_from_slice(s.as_bytes());
    }
    out
}

/// The id table of cards whose ids are `ids` (in card order): `cards.ids` and `cards.order`,
/// the one id table of a file (the search index asks it for ids too).
pub fn write_ids(ids: &[&str], sink: &mut dyn PartSink) -> Result<(), PartError> {
    sink.add_part(IDS, strings(ids.iter().copied()))?;
    let mut order: Vec<u32> = (0..ids.len() as u32).collect();
    order.par_sort_unstable_by_key(|&a| ids[a as usize]);
    sink.add_part(ORDER, order.iter().flat_map(|p| p.to_le_bytes()).collect())
}

/// Each card's themes as bits of a u16 (bit k: theme k of the pack).
fn membership(pack: &Pack) -> Vec<u8> {
    pack.cards
        .iter()
        .flat_map(|card| {
            let bits = pack
                .themes
                .iter()
                .enumerate()
                .filter(|(_, t)| card.themes.contains(&t.id))
                .fold(0u16, |bits, (k, _)| bits | 1 << k);
            bits.to_le_bytes()
        })
        .collect()
}

/// The cards in compressed blocks of [`PER_BLOCK`], compressed on every core, and the blocks'
/// offsets.
fn blocks(cards: &[Card]) -> Result<(Vec<u8>, Vec<u8>), String> {
    let compressed: Vec<Vec<u8>> = cards
        .par_chunks(PER_BLOCK as usize)
        .map(block)
        .collect::<Result<_, _>>()?;
    let mut offsets = Vec::with_capacity((compressed.len() + 1) * 8);
    let mut at = 0u64;
    offsets.extend_from_slice(&at.to_le_bytes());
    for b in &compressed {
        at += b.len() as u64;
        offsets.extend_from_slice(&at.to_le_bytes());
    }
    Ok((compressed.concat(), offsets))
}

/// One block: `k + 1` u32 offsets into the cards' JSON that follows, LZ4-compressed with the raw
/// length in front.
fn block(cards: &[Card]) -> Result<Vec<u8>, String> {
    let texts: Vec<Vec<u8>> = cards
        .iter()
        .map(serde_json::to_vec)
        .collect::<Result<_, _>>()
        .map_err(|e| format!("cannot encode a card: {e}"))?;
    let mut raw =
        Vec::with_capacity((cards.len() + 1) * 4 + texts.iter().map(Vec::len).sum::<usize>());
    let mut at = 0u32;
    raw.extend_from_slice(&at.to_le_bytes());
    for t in &texts {
        at = u32::try_from(t.len())
            .ok()
            .and_then(|n| at.checked_add(n))
            .ok_or("a block of cards over 4 GiB")?;
        raw.extend_from_slice(&at.to_le_bytes());
    }
    for t in &texts {
        raw.extend_from_slice(t);
    }
    Ok(lz4_flex::block::compress_prepend_size(&raw))
}

//! The pack in a pack file: which parts hold it and how their bytes are laid out (the writer,
//! [`write`](mod@write), and the reader, [`FileCards`], share this module's layout and codecs).
//!
//! - `pack.meta` (read whole): [`Meta`] as JSON: how many cards, how many to a block.
//! - `pack.themes`, `pack.sources` (read whole): `themes.json` and `sources.json` as the folder
//!   has them, checked at open exactly as a folder's are.
//! - `cards.ids`, `cards.titles`: string tables: `n + 1` u64 offsets into the text that follows
//!   them, so one card's id or title is two offsets and its bytes.
//! - `cards.order`: `n` u32, the cards' positions in the byte order of their ids (the lookup of an
//!   id halves it). With `cards.ids` it is the file's one id table ([`IdTable`]), which the
//!   search index asks too.
//! - `cards.themes`: `n` u16, bit `k` set when the card is of theme `k` of `pack.themes`.
//! - `cards.blocks`: the cards, `per_block` at a time, each block LZ4-compressed with its raw
//!   length in front (u32); raw, a block is `k + 1` u32 offsets into the JSON texts that follow.
//! - `cards.offsets`: `blocks + 1` u64 offsets of the blocks in `cards.blocks`.
//!
//! Cards are in pack order, so a card's position is the same in the file as in the folder.

mod decode;
mod ids;
mod read;
mod table;
pub mod write;

use serde::{Deserialize, Serialize};

pub use ids::IdTable;
pub use read::{FileCards, Row};

/// The pack's facts.
pub const META: &str = "pack.meta";
/// `themes.json`.
pub const THEMES: &str = "pack.themes";
/// `sources.json`.
pub const SOURCES: &str = "pack.sources";
/// The cards' ids, in pack order.
pub const IDS: &str = "cards.ids";
/// The cards' titles, in pack order.
pub const TITLES: &str = "cards.titles";
/// The positions of the cards in the order of their ids.
pub const ORDER: &str = "cards.order";
/// Each card's themes, as bits.
pub const MEMBERSHIP: &str = "cards.themes";
/// The compressed blocks of cards.
pub const BLOCKS: &str = "cards.blocks";
/// Where each block begins in [`BLOCKS`].
pub const OFFSETS: &str = "cards.offsets";

/// How many cards a block holds when `brief build` writes it: about 50 KB of JSON, which LZ4
/// compresses to a quarter to a half, and which decodes in some 20 µs.
pub const PER_BLOCK: u32 = 64;
/// The most cards a block may hold.
pub const MAX_PER_BLOCK: u32 = 1024;
/// The most themes a pack may have (theme keys are the digits 1–9), so a card's fit in a u16.
pub const MAX_THEMES: usize = 16;

/// `pack.meta`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// How many cards the file holds.
    pub cards: u64,
    /// How many cards each block of `cards.blocks` holds (the last may hold fewer).
    pub per_block: u32,
}

impl Meta {
    /// How many blocks the cards take.
    pub fn blocks(&self) -> u64 {
        self.cards.div_ceil(u64::from(self.per_block.max(1)))
    }
}

/// A u32 from four little-endian bytes at `at` of `bytes` (0 past the end: callers check lengths).
fn u32_at(bytes: &[u8], at: usize) -> u32 {
    let mut w = [0; 4];
    if let Some(b) = bytes.get(at..at.saturating_add(4)) {
        w.copy_from_slice(b);
    }
    u32::from_le_bytes(w)
}

/// A u64 from eight little-endian bytes at `at` of `bytes` (0 past the end).
fn u64_at(bytes: &[u8], at: usize) -> u64 {
    let mut w = [0; 8];
    if let Some(b) = bytes.get(at..at.saturating_add(8)) {
        w.copy_from_slice(b);
    }
    u64::from_le_bytes(w)
}

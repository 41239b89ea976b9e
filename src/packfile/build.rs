//! What `brief build` makes of a loaded pack: every part (the cards' and the search index's)
//! laid out as one file, in memory, for the caller to write atomically.

use super::cards;
use super::parts::{PartError, PartSink};
use super::writer::FileWriter;
use crate::pack::{Card, Pack};
use crate::search::{Index, write_parts};

/// The pack file of `pack` (a loaded pack: valid, sanitized cards in pack order).
pub fn file_bytes(pack: &Pack) -> Result<Vec<u8>, PartError> {
    let mut writer = FileWriter::new();
    cards::write::write(pack, &mut writer)?;
    write_index(&pack.cards, &mut writer)?;
    Ok(writer.finish())
}

/// The search index of `cards`, built once and handed over as the parts named `index.*` (their
/// layout is `search::index::disk`'s, specified in `docs/packfile.md`).
fn write_index(cards: &[Card], sink: &mut dyn PartSink) -> Result<(), PartError> {
    write_parts(&Index::build(cards), sink)
}

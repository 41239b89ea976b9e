//! What `brief build` makes of a loaded pack: every part (the cards' and the search index's)
//! laid out as one file, in memory, for the caller to write atomically.

use super::cards;
use super::parts::{PartError, PartSink};
use super::writer::FileWriter;
use crate::pack::{Card, Pack};

/// The pack file of `pack` (a loaded pack: valid, sanitized cards in pack order).
pub fn file_bytes(pack: &Pack) -> Result<Vec<u8>, PartError> {
    let mut writer = FileWriter::new();
    cards::write::write(pack, &mut writer)?;
    write_index(&pack.cards, &mut writer)?;
    Ok(writer.finish())
}

/// SEAM (branch s13-index): the search index of `cards`, built once and handed over as parts
/// named `index.*`. The index's on-disk form is that branch's; until it is merged a pack file
/// holds no index parts, and a query on such a file scans its cards (see `corpus.rs`).
#[allow(clippy::unnecessary_wraps)] // the index's writer will fail on a part it cannot add
fn write_index(cards: &[Card], sink: &mut dyn PartSink) -> Result<(), PartError> {
    let _ = (cards, sink);
    Ok(())
}

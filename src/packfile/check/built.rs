//! `brief validate FILE`'s last check: a build is deterministic, so the tables and the search
//! index that `brief build` makes of the file's cards must be the file's own, byte for byte. A
//! part that differs (an index list changed and its checksums made again, a title table whose
//! bytes the reader cleans on the way out) names itself and the first byte that differs.

use std::sync::Arc;

use super::super::cards::write::{strings, write_ids};
use super::super::cards::{FileCards, TITLES};
use super::super::parts::{MemoryParts, PartSink, Parts};
use super::super::{FileError, PartError};
use crate::pack::Card;
use crate::search::{FileIndex, Index, write_parts};

/// How much of a part is read at a time to compare it.
const CHUNK: u64 = 1 << 20;

/// The parts brief build would write of `cards` for the id and title tables and, if the file
/// holds one, the search index, compared with the file's; `names` are the file's parts, of
/// which any other `index.` part is refused too. Holds the index built once (some 130 MB at
/// 100,000 cards).
pub(super) fn check_built(
    file: &FileCards,
    cards: &[Card],
    names: &[String],
) -> Result<(), FileError> {
    let parts = file.parts();
    let mut want = MemoryParts::new();
    let built = |e: PartError| file.error(e);
    let ids: Vec<&str> = cards.iter().map(|c| c.id.as_str()).collect();
    write_ids(&ids, &mut want).map_err(built)?;
    let titles = strings(cards.iter().map(|c| c.title.as_str()));
    want.add_part(TITLES, titles).map_err(built)?;
    if FileIndex::is_in(parts.as_ref()) {
        write_parts(&Index::build(cards), &mut want).map_err(built)?;
    }
    for name in names.iter().filter(|n| n.starts_with("index.")) {
        if want.part_len(name).is_none() {
            let why = "not a part brief build writes (or the file lacks index.meta)";
            return Err(FileError::new(file.shown(), name, why));
        }
    }
    for (name, bytes) in want.iter() {
        same_bytes(file, parts, name, bytes)?;
    }
    Ok(())
}

/// Part `name` of the file holds `want`, read a chunk at a time.
fn same_bytes(
    file: &FileCards,
    parts: &Arc<dyn Parts>,
    name: &str,
    want: &[u8],
) -> Result<(), FileError> {
    let differs = |what: String| {
        let why = format!("{what}; the file was not built by brief build from these cards");
        FileError::new(file.shown(), name, why)
    };
    let Some(len) = parts.part_len(name) else {
        return Err(differs("no such part".into()));
    };
    if len != want.len() as u64 {
        let made = want.len();
        return Err(differs(format!("{len} bytes, but the cards make {made}")));
    }
    let mut at = 0u64;
    for chunk in want.chunks(CHUNK as usize) {
        let end = at + chunk.len() as u64;
        let got = parts.read_part(name, at..end).map_err(|e| file.error(e))?;
        if let Some(k) = got.iter().zip(chunk).position(|(a, b)| a != b) {
            let byte = at + k as u64;
            return Err(differs(format!("does not match the cards (byte {byte})")));
        }
        at = end;
    }
    Ok(())
}

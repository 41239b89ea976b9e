//! A string table part (`cards.ids`, `cards.titles`): `n + 1` u64 offsets, then the text. One
//! string is read piecemeal (two offsets, then its bytes); a command that needs most of them
//! loads the table whole once. Either way every offset is checked before it is used.

use std::borrow::Cow;
use std::sync::OnceLock;

use super::u64_at;
use crate::packfile::parts::{PartError, Parts};

/// One string table of a file.
pub(super) struct Strings {
    name: &'static str,
    /// How many strings.
    count: u64,
    /// Where the text begins in the part: after the offsets.
    text_start: u64,
    /// How many bytes of text.
    text_len: u64,
    /// The longest string allowed (the pack's bound on a string).
    max: u64,
    loaded: OnceLock<Result<Loaded, PartError>>,
}

/// A table read whole, its offsets checked.
struct Loaded {
    offsets: Vec<u64>,
    text: Vec<u8>,
}

impl Strings {
    /// The table `name` of `count` strings, each at most `max` bytes; checks that the part is
    /// long enough for its offsets.
    pub(super) fn new(
        parts: &dyn Parts,
        name: &'static str,
        count: u64,
        max: u64,
    ) -> Result<Strings, PartError> {
        let len = parts
            .part_len(name)
            .ok_or_else(|| PartError::new(name, crate::packfile::PartFault::Missing))?;
        let text_start = count
            .checked_add(1)
            .and_then(|n| n.checked_mul(8))
            .filter(|&n| n <= len)
            .ok_or_else(|| {
                PartError::damaged(
                    name,
                    format!("{len} bytes, too short for the offsets of {count} strings"),
                )
            })?;
        Ok(Strings {
            name,
            count,
            text_start,
            text_len: len - text_start,
            max,
            loaded: OnceLock::new(),
        })
    }

    /// The bytes of string `i` (below the count), from the loaded table or read piecemeal.
    pub(super) fn get(&self, parts: &dyn Parts, i: u64) -> Result<Cow<'_, [u8]>, PartError> {
        if let Some(Ok(table)) = self.loaded.get() {
            return Ok(Cow::Borrowed(table.slice(i)));
        }
        let raw = parts.read_part(self.name, i * 8..i * 8 + 16)?;
        let span = self.span(u64_at(&raw, 0), u64_at(&raw, 8), i)?;
        let from = self.text_start + span.start;
        parts
            .read_part(self.name, from..self.text_start + span.end)
            .map(Cow::Owned)
    }

    /// Checks string `i`'s offsets: in order, inside the text, not over the bound.
    fn span(&self, start: u64, end: u64, i: u64) -> Result<std::ops::Range<u64>, PartError> {
        if start > end || end > self.text_len {
            let why = format!(
                "string {i}: bytes {start}..{end} are not inside the text ({} bytes)",
                self.text_len
            );
            return Err(PartError::damaged(self.name, why));
        }
        if end - start > self.max {
            let why = format!(
                "string {i}: {} bytes, over the bound of {}",
                end - start,
                self.max
            );
            return Err(PartError::damaged(self.name, why));
        }
        Ok(start..end)
    }

    /// Reads the whole table once and checks every offset; later reads come from memory.
    pub(super) fn load(&self, parts: &dyn Parts) -> Result<(), PartError> {
        self.loaded
            .get_or_init(|| {
                let bytes = parts.read_part(self.name, 0..self.text_start + self.text_len)?;
                let head = usize::try_from(self.text_start).unwrap_or(usize::MAX);
                let offsets: Vec<u64> = bytes
                    .get(..head)
                    .unwrap_or_default()
                    .chunks_exact(8)
                    .map(|w| u64_at(w, 0))
                    .collect();
                if offsets.first() != Some(&0) {
                    return Err(PartError::damaged(self.name, "the first offset is not 0"));
                }
                for (i, pair) in offsets.windows(2).enumerate() {
                    self.span(pair[0], pair[1], i as u64)?;
                }
                let text = bytes.get(head..).unwrap_or_default().to_vec();
                Ok(Loaded { offsets, text })
            })
            .as_ref()
            .map(|_| ())
            .map_err(Clone::clone)
    }

    /// How many strings.
    pub(super) fn count(&self) -> u64 {
        self.count
    }
}

impl Loaded {
    /// String `i`: its offsets were checked at load.
    fn slice(&self, i: u64) -> &[u8] {
        let i = usize::try_from(i).unwrap_or(usize::MAX);
        match (self.offsets.get(i), self.offsets.get(i.saturating_add(1))) {
            (Some(&a), Some(&b)) => self.text.get(a as usize..b as usize).unwrap_or_default(),
            _ => &[],
        }
    }
}

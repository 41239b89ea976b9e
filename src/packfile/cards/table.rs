//! A string table part (`cards.ids`, `cards.titles`): `n + 1` u64 offsets, then the text. One
//! string is read piecemeal (its two offsets, then its bytes: the reads land in the file's
//! blocks, which the reader keeps a few of); a command that needs many reads the table whole,
//! once, and then checks the text's UTF-8 once for all of it (a string is UTF-8 when its ends
//! fall on character boundaries). Either way every offset is checked before it is used.

use std::borrow::Cow;
use std::sync::OnceLock;

use super::u64_at;
use crate::packfile::parts::{PartError, PartFault, Parts};

/// One string read out of a table: its text, or its bytes when they are not UTF-8.
pub(super) type Got<'a> = Result<Cow<'a, str>, Vec<u8>>;

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
    /// The whole table, once read.
    whole: OnceLock<Result<Run, PartError>>,
}

/// Strings read together, `first..first + count` (one, or the whole table): their offsets
/// (checked) and their text.
struct Run {
    first: u64,
    count: u64,
    /// The `count + 1` offsets, as the part holds them.
    offsets: Vec<u8>,
    /// The text offset of the first string.
    base: u64,
    /// The text from the first string's start to the last one's end.
    text: Text,
}

/// A run's text: UTF-8 as a whole (checked once), or not.
enum Text {
    Utf8(String),
    Bytes(Vec<u8>),
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
            .ok_or_else(|| PartError::new(name, PartFault::Missing))?;
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
            whole: OnceLock::new(),
        })
    }

    /// How many strings.
    pub(super) fn count(&self) -> u64 {
        self.count
    }

    /// String `i` (below the count): borrowed from the whole table if it was read, else read
    /// alone.
    pub(super) fn get(&self, parts: &dyn Parts, i: u64) -> Result<Got<'_>, PartError> {
        if let Some(Ok(whole)) = self.whole.get() {
            return Ok(whole.get(i).map(Cow::Borrowed).map_err(<[u8]>::to_vec));
        }
        let run = self.read_run(parts, i, 1)?;
        Ok(match run.text {
            Text::Utf8(text) => Ok(Cow::Owned(text)),
            Text::Bytes(bytes) => Err(bytes),
        })
    }

    /// Calls `each` with every string in order, out of the table read whole.
    pub(super) fn each(
        &self,
        parts: &dyn Parts,
        mut each: impl FnMut(u64, Result<&str, &[u8]>) -> Result<(), PartError>,
    ) -> Result<(), PartError> {
        let whole = self.whole(parts)?;
        (0..self.count).try_for_each(|i| each(i, whole.get(i)))
    }

    /// Reads the whole table once and checks every offset and the text's UTF-8; later reads
    /// come from memory.
    pub(super) fn load(&self, parts: &dyn Parts) -> Result<(), PartError> {
        self.whole(parts).map(|_| ())
    }

    fn whole(&self, parts: &dyn Parts) -> Result<&Run, PartError> {
        self.whole
            .get_or_init(|| self.read_run(parts, 0, self.count))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Reads strings `first..first + count`: their offsets, checked (the last string's end
    /// the text's), then their text in one read, checked as UTF-8 in one pass.
    fn read_run(&self, parts: &dyn Parts, first: u64, count: u64) -> Result<Run, PartError> {
        let offsets = parts.read_part(self.name, first * 8..(first + count + 1) * 8)?;
        let at = |k: u64| u64_at(&offsets, (k * 8) as usize);
        if first == 0 && at(0) != 0 {
            return Err(PartError::damaged(self.name, "the first offset is not 0"));
        }
        for k in 0..count {
            self.span(at(k), at(k + 1), first + k)?;
        }
        // The last string ends where the text does: no bytes lie past it.
        if first + count == self.count && at(count) != self.text_len {
            let why = format!(
                "the last string ends at byte {} of the text, not at its end ({})",
                at(count),
                self.text_len
            );
            return Err(PartError::damaged(self.name, why));
        }
        let (base, end) = (at(0), at(count));
        let text = parts.read_part(self.name, self.text_start + base..self.text_start + end)?;
        let text = match String::from_utf8(text) {
            Ok(text) => Text::Utf8(text),
            Err(e) => Text::Bytes(e.into_bytes()),
        };
        Ok(Run {
            first,
            count,
            offsets,
            base,
            text,
        })
    }

    /// Checks string `i`'s offsets: in order, inside the text, not over the bound.
    fn span(&self, start: u64, end: u64, i: u64) -> Result<(), PartError> {
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
        Ok(())
    }
}

impl Run {
    /// String `i` of the table (inside this run; its offsets were checked when it was read): its
    /// text, or its bytes when they are not UTF-8.
    fn get(&self, i: u64) -> Result<&str, &[u8]> {
        let k = i.wrapping_sub(self.first);
        if k >= self.count {
            return Ok("");
        }
        let at = |k: u64| u64_at(&self.offsets, (k * 8) as usize).saturating_sub(self.base);
        let range = at(k) as usize..at(k + 1) as usize;
        match &self.text {
            // The whole text is UTF-8: the string is, unless an end splits a character.
            Text::Utf8(text) => text
                .get(range.clone())
                .ok_or_else(|| text.as_bytes().get(range).unwrap_or_default()),
            Text::Bytes(bytes) => {
                let bytes = bytes.get(range).unwrap_or_default();
                std::str::from_utf8(bytes).map_err(|_| bytes)
            }
        }
    }
}

//! The seam between the container and what lives in its parts: [`Parts`] reads a named part
//! piecemeal, every read checked before it is returned; [`PartSink`] takes parts to write. The
//! search index (`search::index`) owns every byte inside its parts; the pack file
//! ([`crate::packfile`]) owns the rest: where parts are, their lengths and their checksums.
//! [`MemoryParts`] is both, in memory, for tests and for building a file.

use std::collections::BTreeMap;
use std::ops::Range;

/// The longest part name, in bytes.
pub const MAX_NAME_BYTES: usize = 32;

/// A named part of a pack file, read piecemeal; every read is checked against the part's
/// checksums before it is returned, and a damaged or truncated part is an error naming it.
pub trait Parts: Send + Sync {
    /// The part's length in bytes, or None if the file has no such part.
    fn part_len(&self, name: &str) -> Option<u64>;
    /// Bytes `range` of part `name` (checked, bounds-checked).
    fn read_part(&self, name: &str, range: Range<u64>) -> Result<Vec<u8>, PartError>;
}

/// Writing: the index hands over (name, bytes) pairs; names are short ASCII like "index.vocab".
pub trait PartSink {
    /// Adds part `name` holding `bytes`; a bad or repeated name is an error.
    fn add_part(&mut self, name: &str, bytes: Vec<u8>) -> Result<(), PartError>;
}

/// What went wrong with one part: which part, and what (`index.places: bytes 1048576..1114112:
/// checksum mismatch`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{part}: {fault}")]
pub struct PartError {
    /// The part's name, as asked for (sanitized for display by whoever prints it).
    pub part: String,
    /// What is wrong with it.
    pub fault: PartFault,
}

/// What is wrong with a part, or with one read of it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PartFault {
    /// The file has no part of that name.
    #[error("no such part")]
    Missing,
    /// The range asked for is not inside the part (or is backwards).
    #[error("bytes {}..{}: past the end of the part ({len} bytes)", .range.start, .range.end)]
    OutOfRange {
        /// The range asked for.
        range: Range<u64>,
        /// The part's length.
        len: u64,
    },
    /// The bytes read do not match their checksum.
    #[error("bytes {}..{}: checksum mismatch", .range.start, .range.end)]
    Checksum {
        /// The checked range (a whole block, or the whole part).
        range: Range<u64>,
    },
    /// The file ends before the part does (it was cut short, or shrank while open).
    #[error("bytes {}..{}: past the end of the file", .range.start, .range.end)]
    PastEnd {
        /// The range that could not be read.
        range: Range<u64>,
    },
    /// Reading failed.
    #[error("bytes {}..{}: {what}", .range.start, .range.end)]
    Io {
        /// The range being read.
        range: Range<u64>,
        /// The system's message.
        what: String,
    },
    /// The part's own content is wrong (said by whoever decodes it: a count that overflows, an
    /// offset past the part, a version it does not know).
    #[error("{0}")]
    Damaged(String),
    /// A name that is not 1 to [`MAX_NAME_BYTES`] bytes of `a-z 0-9 . _ -`.
    #[error("not a part name (1 to {MAX_NAME_BYTES} bytes of a-z, 0-9, '.', '_', '-')")]
    BadName,
    /// A part added twice.
    #[error("added twice")]
    Duplicate,
    /// A part too big for the file's limits.
    #[error("{len} bytes, over the bound of {max}")]
    TooBig {
        /// Its length.
        len: u64,
        /// The bound.
        max: u64,
    },
}

impl PartError {
    /// An error on part `part`.
    pub fn new(part: &str, fault: PartFault) -> Self {
        PartError {
            part: part.to_owned(),
            fault,
        }
    }

    /// The part's content is wrong: `why` says how (for the index's own decoding checks).
    pub fn damaged(part: &str, why: impl Into<String>) -> Self {
        PartError::new(part, PartFault::Damaged(why.into()))
    }
}

/// Whether `name` may name a part: 1 to [`MAX_NAME_BYTES`] bytes of `a-z 0-9 . _ -`.
pub fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_NAME_BYTES
        && name.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        })
}

/// Checks `range` against a part of `len` bytes: inside it and not backwards.
pub fn check_range(name: &str, range: &Range<u64>, len: u64) -> Result<(), PartError> {
    if range.start > range.end || range.end > len {
        return Err(PartError::new(
            name,
            PartFault::OutOfRange {
                range: range.clone(),
                len,
            },
        ));
    }
    Ok(())
}

/// Parts held in memory: what a test reads the index from, and what `brief build` collects
/// before writing the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemoryParts {
    parts: BTreeMap<String, Vec<u8>>,
}

impl MemoryParts {
    /// No parts.
    pub fn new() -> Self {
        MemoryParts::default()
    }

    /// The parts by name, in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.parts.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// Takes the parts out, in name order.
    pub fn into_parts(self) -> impl Iterator<Item = (String, Vec<u8>)> {
        self.parts.into_iter()
    }
}

impl Parts for MemoryParts {
    fn part_len(&self, name: &str) -> Option<u64> {
        self.parts.get(name).map(|p| p.len() as u64)
    }

    fn read_part(&self, name: &str, range: Range<u64>) -> Result<Vec<u8>, PartError> {
        let part = self
            .parts
            .get(name)
            .ok_or_else(|| PartError::new(name, PartFault::Missing))?;
        check_range(name, &range, part.len() as u64)?;
        // In range of an in-memory slice, so both ends fit in usize.
        let (start, end) = (range.start as usize, range.end as usize);
        Ok(part.get(start..end).unwrap_or_default().to_vec())
    }
}

impl PartSink for MemoryParts {
    fn add_part(&mut self, name: &str, bytes: Vec<u8>) -> Result<(), PartError> {
        if !valid_name(name) {
            return Err(PartError::new(name, PartFault::BadName));
        }
        if self.parts.contains_key(name) {
            return Err(PartError::new(name, PartFault::Duplicate));
        }
        self.parts.insert(name.to_owned(), bytes);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_parts_read_back_what_was_added() {
        let mut parts = MemoryParts::new();
        parts
            .add_part("index.vocab", b"hello world".to_vec())
            .unwrap();
        assert_eq!(parts.part_len("index.vocab"), Some(11));
        assert_eq!(parts.part_len("index.places"), None);
        assert_eq!(parts.read_part("index.vocab", 6..11).unwrap(), b"world");
        assert_eq!(parts.read_part("index.vocab", 11..11).unwrap(), b"");
    }

    #[test]
    fn out_of_range_missing_and_bad_names_are_errors_naming_the_part() {
        let mut parts = MemoryParts::new();
        parts.add_part("a", vec![0; 4]).unwrap();
        let err = parts.read_part("a", 2..5).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a: bytes 2..5: past the end of the part (4 bytes)"
        );
        #[allow(clippy::reversed_empty_ranges)]
        let backwards = 3..1;
        assert!(parts.read_part("a", backwards).is_err());
        assert_eq!(
            parts.read_part("b", 0..0).unwrap_err().to_string(),
            "b: no such part"
        );
        assert_eq!(
            parts.add_part("a", vec![]).unwrap_err().fault,
            PartFault::Duplicate
        );
        for bad in ["", "Index", "a/b", "a b", &"x".repeat(33), "é"] {
            assert_eq!(
                parts.add_part(bad, vec![]).unwrap_err().fault,
                PartFault::BadName
            );
        }
        assert_eq!(
            PartError::new(
                "index.places",
                PartFault::Checksum {
                    range: 1_048_576..1_114_112
                }
            )
            .to_string(),
            "index.places: bytes 1048576..1114112: checksum mismatch"
        );
        assert_eq!(
            PartError::damaged("index.vocab", "word count overflows").to_string(),
            "index.vocab: word count overflows"
        );
    }
}

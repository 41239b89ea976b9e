//! The container's own bytes: the header and the part table, encoded and decoded here and
//! nowhere else (`docs/packfile.md` is the same layout in prose). Decoding checks every field
//! before it is used: a count, an offset or a length read from the file is never trusted in
//! arithmetic, and nothing is allocated that the file's size does not justify.
//!
//! ```text
//! header (64 bytes, at 0)   magic, version, flags, table offset and count, table CRC32, header CRC32
//! part table                count × 64-byte entries, sorted by name
//! parts                     each part's bytes, anywhere in the file
//! block checksums           for each part read piecemeal: one CRC32 per block
//! ```

use std::ops::Range;

use super::parts::{MAX_NAME_BYTES, valid_name};

/// The first eight bytes of every pack file (as PNG's: a high byte and a CR LF, so a transfer
/// that mangles text is seen at once).
pub const MAGIC: [u8; 8] = *b"\x89BRIEF\r\n";
/// The format version this build writes and reads.
pub const VERSION: u32 = 1;
/// The header's size, in bytes.
pub const HEADER_BYTES: usize = 64;
/// One part table entry's size, in bytes.
pub const ENTRY_BYTES: usize = 64;
/// Most parts a file may have (a pack file has about twenty).
pub const MAX_PARTS: u32 = 1024;
/// Smallest and largest block, as powers of two (4 KiB to 16 MiB).
pub const BLOCK_SHIFTS: Range<u8> = 12..25;
/// The block a part read piecemeal is checked in: 64 KiB.
pub const DEFAULT_BLOCK_SHIFT: u8 = 16;

/// What the header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// The format version.
    pub version: u32,
    /// Where the part table begins.
    pub table_offset: u64,
    /// How many entries it has.
    pub part_count: u32,
    /// CRC32 of the whole table.
    pub table_crc: u32,
}

/// How a part's bytes are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// One CRC32 over the whole part, which is read whole.
    Whole {
        /// The CRC32.
        crc: u32,
    },
    /// One CRC32 per block of `1 << shift` bytes (the last may be shorter), kept in an array of
    /// u32 at `sums` whose own CRC32 is `sums_crc`: a piece is checked by reading its blocks only.
    Blocks {
        /// The block size as a power of two.
        shift: u8,
        /// Where the array of block checksums begins.
        sums: u64,
        /// CRC32 of that array.
        sums_crc: u32,
    },
}

/// One part table entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The part's name.
    pub name: String,
    /// Where its bytes begin.
    pub offset: u64,
    /// How many there are.
    pub len: u64,
    /// How they are checked.
    pub check: Check,
}

impl Entry {
    /// The file bytes of the part.
    pub fn range(&self) -> Range<u64> {
        // Checked when the entry was decoded (and made so by the writer).
        self.offset..self.offset.saturating_add(self.len)
    }

    /// How many blocks a part read piecemeal has (0 for a whole part).
    pub fn blocks(&self) -> u64 {
        match self.check {
            Check::Whole { .. } => 0,
            Check::Blocks { shift, .. } => self.len.div_ceil(1u64 << shift),
        }
    }

    /// The file bytes of its block checksums (empty for a whole part).
    pub fn sums_range(&self) -> Range<u64> {
        match self.check {
            Check::Whole { .. } => 0..0,
            Check::Blocks { sums, .. } => sums..sums.saturating_add(self.blocks() * 4),
        }
    }
}

/// Why the header or the part table cannot be read; each names what it is about.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    /// The file is shorter than a header.
    #[error("the file is {0} bytes long, shorter than the {HEADER_BYTES}-byte header")]
    Short(u64),
    /// The magic bytes are not there.
    #[error(
        "not a pack file made by `brief build` (it does not begin with its magic bytes), nor a pack folder"
    )]
    Magic,
    /// The header's CRC32 does not match.
    #[error("checksum mismatch")]
    HeaderChecksum,
    /// A version this build cannot read.
    #[error("format version {0}, but this brief reads version {VERSION} (a newer brief wrote it?)")]
    Version(u32),
    /// Flags this build does not know.
    #[error("unknown flags {0:#x}")]
    Flags(u32),
    /// A field that must be zero is not.
    #[error("reserved bytes are not zero")]
    Reserved,
    /// More parts than [`MAX_PARTS`].
    #[error("{0} parts, over the bound of {MAX_PARTS}")]
    TooManyParts(u32),
    /// The table (or a part, or its checksums) does not fit in the file.
    #[error("bytes {}..{} are past the end of the file ({size} bytes)", .range.start, .range.end)]
    PastEnd {
        /// The range claimed.
        range: Range<u128>,
        /// The file's size.
        size: u64,
    },
    /// The table's CRC32 does not match.
    #[error("checksum mismatch")]
    TableChecksum,
    /// An entry is malformed.
    #[error("entry {index}: {what}")]
    Entry {
        /// Its place in the table, from 0.
        index: u32,
        /// What is wrong.
        what: String,
    },
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    let mut word = [0; 4];
    if let Some(b) = bytes.get(at..at + 4) {
        word.copy_from_slice(b);
    }
    u32::from_le_bytes(word)
}

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0; 8];
    if let Some(b) = bytes.get(at..at + 8) {
        word.copy_from_slice(b);
    }
    u64::from_le_bytes(word)
}

/// The header's bytes.
pub fn encode_header(header: &Header) -> [u8; HEADER_BYTES] {
    let mut out = [0u8; HEADER_BYTES];
    out[..8].copy_from_slice(&MAGIC);
    out[8..12].copy_from_slice(&header.version.to_le_bytes());
    // 12..16: flags, none defined.
    out[16..24].copy_from_slice(&header.table_offset.to_le_bytes());
    out[24..28].copy_from_slice(&header.part_count.to_le_bytes());
    out[28..32].copy_from_slice(&header.table_crc.to_le_bytes());
    // 32..60: reserved, zero.
    let crc = crc32fast::hash(&out[..60]);
    out[60..].copy_from_slice(&crc.to_le_bytes());
    out
}

/// Reads the header of a file of `size` bytes whose first bytes are `bytes` (at most
/// [`HEADER_BYTES`] of them), and checks that its table lies inside the file.
pub fn decode_header(bytes: &[u8], size: u64) -> Result<Header, FormatError> {
    // A file that ends inside the magic (or is empty) is one cut short, not another kind.
    if bytes.len() < MAGIC.len() && MAGIC.starts_with(bytes) {
        return Err(FormatError::Short(size));
    }
    if bytes.len() < MAGIC.len() || bytes[..MAGIC.len()] != MAGIC {
        return Err(FormatError::Magic);
    }
    if bytes.len() < HEADER_BYTES {
        return Err(FormatError::Short(size));
    }
    if crc32fast::hash(&bytes[..60]) != u32_at(bytes, 60) {
        return Err(FormatError::HeaderChecksum);
    }
    let version = u32_at(bytes, 8);
    if version != VERSION {
        return Err(FormatError::Version(version));
    }
    let flags = u32_at(bytes, 12);
    if flags != 0 {
        return Err(FormatError::Flags(flags));
    }
    if bytes[32..60].iter().any(|&b| b != 0) {
        return Err(FormatError::Reserved);
    }
    let header = Header {
        version,
        table_offset: u64_at(bytes, 16),
        part_count: u32_at(bytes, 24),
        table_crc: u32_at(bytes, 28),
    };
    if header.part_count > MAX_PARTS {
        return Err(FormatError::TooManyParts(header.part_count));
    }
    inside(table_range(&header), size)?;
    Ok(header)
}

/// The file bytes of the part table (the count is bounded, so this cannot overflow u128).
pub fn table_range(header: &Header) -> Range<u128> {
    let start = u128::from(header.table_offset);
    start..start + u128::from(header.part_count) * ENTRY_BYTES as u128
}

/// `range` as u64 file offsets, if it lies inside a file of `size` bytes.
pub fn inside(range: Range<u128>, size: u64) -> Result<Range<u64>, FormatError> {
    if range.start > range.end || range.end > u128::from(size) {
        return Err(FormatError::PastEnd { range, size });
    }
    // Both ends are at most `size`, a u64.
    Ok(range.start as u64..range.end as u64)
}

/// One entry's bytes.
pub fn encode_entry(entry: &Entry) -> [u8; ENTRY_BYTES] {
    let mut out = [0u8; ENTRY_BYTES];
    let name = entry.name.as_bytes();
    let n = name.len().min(MAX_NAME_BYTES);
    out[..n].copy_from_slice(&name[..n]);
    out[32..40].copy_from_slice(&entry.offset.to_le_bytes());
    out[40..48].copy_from_slice(&entry.len.to_le_bytes());
    match entry.check {
        Check::Whole { crc } => out[52..56].copy_from_slice(&crc.to_le_bytes()),
        Check::Blocks {
            shift,
            sums,
            sums_crc,
        } => {
            out[48] = shift;
            out[52..56].copy_from_slice(&sums_crc.to_le_bytes());
            out[56..64].copy_from_slice(&sums.to_le_bytes());
        }
    }
    out
}

/// Reads the part table `bytes` (its CRC32 already checked) of a file of `size` bytes: every
/// entry's name valid, names in strictly ascending order, and every part and block checksum
/// array inside the file.
pub fn decode_table(bytes: &[u8], size: u64) -> Result<Vec<Entry>, FormatError> {
    let entries: Vec<Entry> = bytes
        .chunks_exact(ENTRY_BYTES)
        .enumerate()
        .map(|(i, raw)| decode_entry(raw, size).map_err(|what| entry_error(i, what)))
        .collect::<Result<_, _>>()?;
    for (i, pair) in entries.windows(2).enumerate() {
        if pair[0].name >= pair[1].name {
            return Err(entry_error(
                i + 1,
                format!("'{}' is out of order or repeated", pair[1].name),
            ));
        }
    }
    Ok(entries)
}

fn entry_error(index: usize, what: String) -> FormatError {
    FormatError::Entry {
        index: u32::try_from(index).unwrap_or(u32::MAX),
        what,
    }
}

fn decode_entry(raw: &[u8], size: u64) -> Result<Entry, String> {
    let name_end = raw[..MAX_NAME_BYTES]
        .iter()
        .position(|&b| b == 0)
        .unwrap_or(MAX_NAME_BYTES);
    if raw[name_end..MAX_NAME_BYTES].iter().any(|&b| b != 0) {
        return Err("a name padded with something other than zero bytes".into());
    }
    let name = std::str::from_utf8(&raw[..name_end])
        .ok()
        .filter(|n| valid_name(n))
        .ok_or_else(|| {
            format!(
                "not a part name ({})",
                crate::base::inert::visible(&String::from_utf8_lossy(&raw[..name_end]))
            )
        })?
        .to_owned();
    let offset = u64_at(raw, 32);
    let len = u64_at(raw, 40);
    let shift = raw[48];
    if raw[49..52].iter().any(|&b| b != 0) {
        return Err(format!("{name}: reserved bytes are not zero"));
    }
    let crc = u32_at(raw, 52);
    let sums = u64_at(raw, 56);
    let check = if shift == 0 {
        if sums != 0 {
            return Err(format!("{name}: a whole part with a block checksum array"));
        }
        Check::Whole { crc }
    } else if BLOCK_SHIFTS.contains(&shift) {
        Check::Blocks {
            shift,
            sums,
            sums_crc: crc,
        }
    } else {
        return Err(format!("{name}: block size 2^{shift} is not 2^12 to 2^24"));
    };
    let entry = Entry {
        name,
        offset,
        len,
        check,
    };
    let part = u128::from(offset)..u128::from(offset) + u128::from(len);
    inside(part, size).map_err(|e| format!("{}: {e}", entry.name))?;
    let blocks = u128::from(entry.blocks());
    let sums = u128::from(sums)..u128::from(sums) + blocks * 4;
    inside(sums, size).map_err(|e| format!("{}: block checksums: {e}", entry.name))?;
    Ok(entry)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_and_an_entry_read_back_as_written() {
        let header = Header {
            version: VERSION,
            table_offset: 64,
            part_count: 1,
            table_crc: 7,
        };
        let bytes = encode_header(&header);
        assert_eq!(decode_header(&bytes, 128), Ok(header));
        let entry = Entry {
            name: "cards.ids".into(),
            offset: 128,
            len: 70_000,
            check: Check::Blocks {
                shift: 16,
                sums: 70_128,
                sums_crc: 9,
            },
        };
        let raw = encode_entry(&entry);
        assert_eq!(decode_entry(&raw, 70_136), Ok(entry.clone()));
        assert!(
            decode_entry(&raw, 70_135).is_err(),
            "checksums past the end"
        );
    }

    #[test]
    fn every_header_field_is_checked() {
        let header = Header {
            version: VERSION,
            table_offset: 64,
            part_count: 2,
            table_crc: 0,
        };
        let good = encode_header(&header);
        assert_eq!(decode_header(&good[..8], 8), Err(FormatError::Short(8)));
        assert_eq!(decode_header(b"PK\x03\x04", 4), Err(FormatError::Magic));
        let mut flipped = good;
        flipped[20] ^= 1;
        assert_eq!(
            decode_header(&flipped, 1 << 20),
            Err(FormatError::HeaderChecksum)
        );
        assert!(matches!(
            decode_header(&good, 100),
            Err(FormatError::PastEnd { .. })
        ));
        let newer = encode_header(&Header {
            version: 2,
            ..header
        });
        assert_eq!(decode_header(&newer, 1 << 20), Err(FormatError::Version(2)));
        let huge = encode_header(&Header {
            table_offset: u64::MAX,
            part_count: MAX_PARTS,
            ..header
        });
        assert!(matches!(
            decode_header(&huge, u64::MAX),
            Err(FormatError::PastEnd { .. })
        ));
    }

    #[test]
    fn entries_that_claim_more_than_the_file_holds_are_refused() {
        let entry = |offset: u64, len: u64, shift: u8| {
            let mut raw = encode_entry(&Entry {
                name: "x".into(),
                offset,
                len,
                check: Check::Whole { crc: 0 },
            });
            raw[48] = shift;
            raw
        };
        assert!(decode_entry(&entry(u64::MAX, u64::MAX, 0), u64::MAX).is_err());
        assert!(decode_entry(&entry(10, 91, 0), 100).is_err());
        assert!(decode_entry(&entry(10, 90, 0), 100).is_ok());
        assert!(
            decode_entry(&entry(0, 0, 11), 100).is_err(),
            "block too small"
        );
        assert!(decode_entry(&entry(1, u64::MAX, 12), u64::MAX).is_err());
        let mut bad_name = entry(0, 0, 0);
        bad_name[0] = 0x1b;
        assert!(
            decode_entry(&bad_name, 100)
                .unwrap_err()
                .contains("\\u{1b}")
        );
    }
}

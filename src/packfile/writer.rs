//! [`FileWriter`]: collects named parts and lays them out as one pack file (`docs/packfile.md`):
//! the header, the part table, each part's bytes (8-byte aligned), then the block checksums of
//! the parts read piecemeal. The file is assembled in memory and written by the caller through
//! the one atomic writer.

use super::format::{self, Check, DEFAULT_BLOCK_SHIFT, ENTRY_BYTES, Entry, HEADER_BYTES, Header};
use super::parts::{PartError, PartFault, PartSink, valid_name};

/// Parts whose name starts so are read whole (the pack's facts, themes, sources); every other
/// part is checked per block of 64 KiB, so it can be read piecemeal.
pub const WHOLE_PREFIX: &str = "pack.";

/// A pack file being put together.
#[derive(Debug, Default)]
pub struct FileWriter {
    parts: Vec<(String, Vec<u8>)>,
}

impl FileWriter {
    /// No parts yet.
    pub fn new() -> Self {
        FileWriter::default()
    }

    /// The whole file: header, part table (sorted by name), parts, block checksums.
    pub fn finish(mut self) -> Vec<u8> {
        self.parts.sort_by(|a, b| a.0.cmp(&b.0));
        let table_len = self.parts.len() * ENTRY_BYTES;
        let data_len: usize = self
            .parts
            .iter()
            .map(|(_, b)| b.len().next_multiple_of(8))
            .sum();
        let mut out = Vec::with_capacity(HEADER_BYTES + table_len + data_len + data_len / 8192);
        out.resize(HEADER_BYTES + table_len, 0);
        let mut entries = Vec::with_capacity(self.parts.len());
        let mut sums: Vec<(usize, Vec<u8>)> = Vec::new();
        // Each part is let go once copied: the file and the parts are never both whole in memory.
        for (k, (name, bytes)) in std::mem::take(&mut self.parts).into_iter().enumerate() {
            let offset = out.len() as u64;
            out.extend_from_slice(&bytes);
            out.resize(out.len().next_multiple_of(8), 0);
            let check = if name.starts_with(WHOLE_PREFIX) {
                Check::Whole {
                    crc: crc32fast::hash(&bytes),
                }
            } else {
                let array: Vec<u8> = bytes
                    .chunks(1 << DEFAULT_BLOCK_SHIFT)
                    .flat_map(|block| crc32fast::hash(block).to_le_bytes())
                    .collect();
                let sums_crc = crc32fast::hash(&array);
                sums.push((k, array));
                Check::Blocks {
                    shift: DEFAULT_BLOCK_SHIFT,
                    sums: 0,
                    sums_crc,
                }
            };
            entries.push(Entry {
                name,
                offset,
                len: bytes.len() as u64,
                check,
            });
        }
        for (k, array) in sums {
            if let Check::Blocks { sums, .. } = &mut entries[k].check {
                *sums = out.len() as u64;
            }
            out.extend_from_slice(&array);
        }
        let table: Vec<u8> = entries.iter().flat_map(format::encode_entry).collect();
        out[HEADER_BYTES..HEADER_BYTES + table_len].copy_from_slice(&table);
        let header = Header {
            version: format::VERSION,
            table_offset: HEADER_BYTES as u64,
            part_count: entries.len() as u32,
            table_crc: crc32fast::hash(&table),
        };
        out[..HEADER_BYTES].copy_from_slice(&format::encode_header(&header));
        out
    }
}

impl PartSink for FileWriter {
    fn add_part(&mut self, name: &str, bytes: Vec<u8>) -> Result<(), PartError> {
        if !valid_name(name) {
            return Err(PartError::new(name, PartFault::BadName));
        }
        if self.parts.iter().any(|(n, _)| n == name) {
            return Err(PartError::new(name, PartFault::Duplicate));
        }
        if self.parts.len() >= format::MAX_PARTS as usize {
            let fault = PartFault::TooBig {
                len: self.parts.len() as u64 + 1,
                max: u64::from(format::MAX_PARTS),
            };
            return Err(PartError::new(name, fault));
        }
        self.parts.push((name.to_owned(), bytes));
        Ok(())
    }
}

//! [`FileParts`]: a pack file opened for positioned reads. Opening reads the header and the part
//! table only; each read of a part then reads just the blocks it touches and checks each against
//! its CRC32 before any byte is returned. Nothing is mapped into memory and nothing is `unsafe`:
//! a file that shrinks or changes while open makes the next read fail with an error naming the
//! part, never a crash.

use std::fs::File;
use std::io::ErrorKind;
use std::ops::Range;
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use super::FileError;
use super::format::{self, Check, Entry, FormatError, HEADER_BYTES};
use super::parts::{PartError, PartFault, Parts, check_range};
use crate::base::file::{self, Links};

mod blocks;

/// The largest part read whole (themes, sources and the pack's own facts are a few kilobytes).
pub const MAX_WHOLE_BYTES: u64 = 16 * 1024 * 1024;
/// How many checked blocks are kept for the next small read (64 KiB each: 2 MiB at most).
const CACHED_BLOCKS: usize = 32;
/// A read spanning more blocks than this reads its whole blocks straight into the result and
/// keeps only the partial ones at either end.
const CACHED_SPAN: u64 = 2;

/// A block read and checked: (entry, block, bytes).
type Cached = (usize, u64, Arc<[u8]>);

/// A pack file's parts, read piecemeal and checked.
pub struct FileParts {
    file: File,
    /// The file's path as it may be printed.
    shown: String,
    size: u64,
    entries: Vec<Entry>,
    /// The file bytes of the part table.
    table: Range<u64>,
    /// Per entry: its block checksums, read and checked on first use.
    sums: Vec<OnceLock<Arc<[u32]>>>,
    /// Per entry read whole: its bytes, read and checked on first use.
    whole: Vec<OnceLock<Arc<[u8]>>>,
    /// Recently read blocks, checked, the newest last.
    cache: Mutex<Vec<Cached>>,
}

impl std::fmt::Debug for FileParts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileParts")
            .field("file", &self.shown)
            .field("size", &self.size)
            .field("parts", &self.entries.len())
            .finish_non_exhaustive()
    }
}

impl FileParts {
    /// Opens the pack file at `path` (a link to one is followed; a FIFO, a device or a folder is
    /// refused at once) and reads its header and part table.
    pub fn open(path: &Path) -> Result<FileParts, FileError> {
        let (file, shown, size) = open_file(path)?;
        Self::of(file, shown, size)
    }

    /// The open file the parts are read from.
    pub fn file(&self) -> &File {
        &self.file
    }

    /// The parts of the open `file`, of `size` bytes, named `shown` in messages.
    pub fn of(file: File, shown: String, size: u64) -> Result<FileParts, FileError> {
        let header_err = |e: FormatError| FileError::new(&shown, "header", e.to_string());
        let head_len = HEADER_BYTES.min(usize::try_from(size).unwrap_or(HEADER_BYTES));
        let mut head = vec![0u8; head_len];
        read_at(&file, &mut head, 0)
            .map_err(|e| FileError::new(&shown, "header", e.to_string()))?;
        let header = format::decode_header(&head, size).map_err(header_err)?;
        let table_err = |e: String| FileError::new(&shown, "part table", e);
        let range = format::inside(format::table_range(&header), size)
            .map_err(|e| table_err(e.to_string()))?;
        // Inside the file, and at most MAX_PARTS entries long.
        let mut table = vec![0u8; (range.end - range.start) as usize];
        read_at(&file, &mut table, range.start).map_err(|e| table_err(e.to_string()))?;
        if crc32fast::hash(&table) != header.table_crc {
            return Err(table_err(FormatError::TableChecksum.to_string()));
        }
        let entries = format::decode_table(&table, size).map_err(|e| table_err(e.to_string()))?;
        Ok(FileParts {
            file,
            shown,
            size,
            table: range,
            sums: entries.iter().map(|_| OnceLock::new()).collect(),
            whole: entries.iter().map(|_| OnceLock::new()).collect(),
            entries,
            cache: Mutex::new(Vec::new()),
        })
    }

    /// The file's path, as it may be printed.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// The file's size when it was opened.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The part table, in name order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// An error about this file's part `e.part`.
    pub fn error(&self, e: PartError) -> FileError {
        let PartError { part, fault } = e;
        FileError::new(&self.shown, &part, fault.to_string())
    }

    fn find(&self, name: &str) -> Result<usize, PartError> {
        self.entries
            .binary_search_by(|e| e.name.as_str().cmp(name))
            .map_err(|_| PartError::new(name, PartFault::Missing))
    }

    /// The whole part `name`, read once and checked (for parts written to be read whole).
    pub fn whole(&self, name: &str) -> Result<Arc<[u8]>, PartError> {
        let i = self.find(name)?;
        let entry = &self.entries[i];
        let Check::Whole { crc } = entry.check else {
            let bytes = self.read_part(name, 0..entry.len)?;
            return Ok(bytes.into());
        };
        lazily(&self.whole[i], || {
            if entry.len > MAX_WHOLE_BYTES {
                let fault = PartFault::TooBig {
                    len: entry.len,
                    max: MAX_WHOLE_BYTES,
                };
                return Err(PartError::new(name, fault));
            }
            let bytes = self.pread(name, entry.range(), entry.offset)?;
            if crc32fast::hash(&bytes) != crc {
                let range = 0..entry.len;
                return Err(PartError::new(name, PartFault::Checksum { range }));
            }
            Ok(bytes.into())
        })
    }

    /// Reads file bytes `range` (inside the file when it was opened) for part `part`; an error
    /// names the bytes counted from `base` (the part's first byte, for the part's own bytes).
    fn pread(&self, part: &str, range: Range<u64>, base: u64) -> Result<Vec<u8>, PartError> {
        // The range lies inside the file as opened, so its length fits in memory's terms only
        // if the file does: a part's length was checked against the file's size.
        let len = usize::try_from(range.end - range.start).map_err(|_| {
            let fault = PartFault::TooBig {
                len: range.end - range.start,
                max: usize::MAX as u64,
            };
            PartError::new(part, fault)
        })?;
        let mut buf = vec![0u8; len];
        self.pread_into(part, &mut buf, range.start, base)?;
        Ok(buf)
    }

    /// Fills `buf` with the file's bytes from `at` on, for part `part` (an error names the bytes
    /// counted from `base`).
    fn pread_into(&self, part: &str, buf: &mut [u8], at: u64, base: u64) -> Result<(), PartError> {
        read_at(&self.file, buf, at).map_err(|e| {
            let end = at + buf.len() as u64;
            let range = at.saturating_sub(base)..end.saturating_sub(base);
            let fault = match e {
                ReadFault::PastEnd => PartFault::PastEnd { range },
                ReadFault::Io(what) => PartFault::Io { range, what },
            };
            PartError::new(part, fault)
        })
    }

    /// Reads every part through and checks every checksum, a block at a time; the first part
    /// that fails is the error. Parts that overlap each other are refused too, and padding
    /// (bytes in no part) that is not zero.
    pub fn check_all(&self) -> Result<(), PartError> {
        let mut spans: Vec<(Range<u64>, &str)> = vec![
            (0..HEADER_BYTES as u64, "the header"),
            (self.table.clone(), "the part table"),
        ];
        for (i, entry) in self.entries.iter().enumerate() {
            spans.push((entry.range(), &entry.name));
            spans.push((entry.sums_range(), &entry.name));
            match entry.check {
                Check::Whole { .. } => {
                    self.whole(&entry.name)?;
                }
                Check::Blocks { shift, .. } => {
                    // A few megabytes at a time.
                    let step = (1u64 << 22 >> shift).max(1);
                    let mut block = 0;
                    while block < entry.blocks() {
                        let to = block.saturating_add(step).min(entry.blocks());
                        self.read_blocks(i, shift, block..to)?;
                        block = to;
                    }
                }
            }
        }
        spans.retain(|(r, _)| !r.is_empty());
        spans.sort_by_key(|(r, _)| r.start);
        for pair in spans.windows(2) {
            if pair[1].0.start < pair[0].0.end {
                // Name a part, not the header or table (which come first in the file).
                let (part, other) = if pair[1].1.starts_with("the ") {
                    (pair[0].1, pair[1].1)
                } else {
                    (pair[1].1, pair[0].1)
                };
                return Err(PartError::damaged(part, format!("overlaps {other}")));
            }
        }
        self.check_padding(&spans)
    }

    /// The bytes no span covers (`spans` sorted, none overlapping), between them and after the
    /// last to the file's end, are zero: no checksum covers them, so they must hold nothing.
    /// An error names the span before the first byte that is not.
    fn check_padding(&self, spans: &[(Range<u64>, &str)]) -> Result<(), PartError> {
        let nexts = spans
            .iter()
            .skip(1)
            .map(|(r, _)| r.start)
            .chain([self.size]);
        for ((span, name), next) in spans.iter().zip(nexts) {
            let name = name.strip_prefix("the ").unwrap_or(name);
            let mut at = span.end;
            while at < next {
                let to = next.min(at.saturating_add(1 << 20));
                let bytes = self.pread(name, at..to, 0)?;
                if let Some(k) = bytes.iter().position(|&b| b != 0) {
                    let byte = at + k as u64;
                    let why = format!("file byte {byte}, after it, is not zero (padding must be)");
                    return Err(PartError::damaged(name, why));
                }
                at = to;
            }
        }
        Ok(())
    }
}

impl Parts for FileParts {
    fn part_len(&self, name: &str) -> Option<u64> {
        self.find(name).ok().map(|i| self.entries[i].len)
    }

    fn read_part(&self, name: &str, range: Range<u64>) -> Result<Vec<u8>, PartError> {
        let i = self.find(name)?;
        let entry = &self.entries[i];
        check_range(name, &range, entry.len)?;
        if range.is_empty() {
            return Ok(Vec::new());
        }
        let shift = match entry.check {
            Check::Whole { .. } => {
                let bytes = self.whole(name)?;
                // In range: checked against the part's length above.
                let (from, to) = (range.start as usize, range.end as usize);
                return Ok(bytes.get(from..to).unwrap_or_default().to_vec());
            }
            Check::Blocks { shift, .. } => shift,
        };
        let first = range.start >> shift;
        let last = (range.end - 1) >> shift;
        if last - first >= CACHED_SPAN {
            return self.read_span(i, shift, range);
        }
        let mut out = Vec::with_capacity((range.end - range.start) as usize);
        for block in first..=last {
            self.copy_from_block(i, shift, block, &range, &mut out)?;
        }
        Ok(out)
    }
}

/// `cell`'s value, made by `make` if it has none; a failure leaves it empty, so that the next
/// read tries again (and meets the damage again, or a transient error gone).
fn lazily<T: Clone>(
    cell: &OnceLock<T>,
    make: impl FnOnce() -> Result<T, PartError>,
) -> Result<T, PartError> {
    if let Some(v) = cell.get() {
        return Ok(v.clone());
    }
    let v = make()?;
    Ok(cell.get_or_init(|| v).clone())
}

/// Opens the regular file at `path` for reading (a link to one is followed; a FIFO, a device or
/// a folder is refused at once, never waited on): the file, its path as it may be printed, and
/// its size.
pub fn open_file(path: &Path) -> Result<(File, String, u64), FileError> {
    let shown = crate::base::inert::visible(&path.display().to_string()).into_owned();
    let cannot = |e: &dyn std::fmt::Display| FileError::whole(&shown, format!("cannot read: {e}"));
    let file = file::open_regular(path, Links::Follow).map_err(|e| cannot(&e))?;
    let size = file.metadata().map_err(|e| cannot(&e))?.len();
    Ok((file, shown, size))
}

/// Why a positioned read failed.
enum ReadFault {
    /// The file ends before the bytes wanted (it was cut short, or shrank while open).
    PastEnd,
    /// The system's error.
    Io(String),
}

impl std::fmt::Display for ReadFault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadFault::PastEnd => f.write_str("past the end of the file"),
            ReadFault::Io(what) => f.write_str(what),
        }
    }
}

fn read_at(file: &File, buf: &mut [u8], at: u64) -> Result<(), ReadFault> {
    file.read_exact_at(buf, at).map_err(|e| match e.kind() {
        ErrorKind::UnexpectedEof => ReadFault::PastEnd,
        _ => ReadFault::Io(e.to_string()),
    })
}

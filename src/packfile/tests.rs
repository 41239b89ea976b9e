//! The container on its own: parts written and read back piecemeal across block boundaries,
//! and every read of a damaged or shrunken file an error naming the part.

use std::io::Write;
use std::path::Path;

use super::*;

/// A file of `parts` written to `path`.
fn write_file(path: &Path, parts: &[(&str, Vec<u8>)]) {
    let mut writer = FileWriter::new();
    for (name, bytes) in parts {
        writer.add_part(name, bytes.clone()).unwrap();
    }
    std::fs::write(path, writer.finish()).unwrap();
}

/// Bytes that differ at every place, so a read from the wrong place shows.
fn pattern(len: usize, seed: u8) -> Vec<u8> {
    (0..len)
        .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed) ^ (i >> 8) as u8)
        .collect()
}

#[test]
fn parts_read_back_whole_and_piecemeal_across_blocks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.brief");
    let big = pattern(300_000, 1);
    let small = pattern(100, 2);
    write_file(
        &path,
        &[
            ("pack.small", small.clone()),
            ("index.big", big.clone()),
            ("empty", Vec::new()),
        ],
    );
    let parts = FileParts::open(&path).unwrap();
    assert_eq!(parts.part_len("index.big"), Some(300_000));
    assert_eq!(parts.part_len("pack.small"), Some(100));
    assert_eq!(parts.part_len("empty"), Some(0));
    assert_eq!(parts.part_len("nothing"), None);
    assert_eq!(parts.read_part("pack.small", 0..100).unwrap(), small);
    assert_eq!(parts.read_part("empty", 0..0).unwrap(), b"");
    let block = 1u64 << format::DEFAULT_BLOCK_SHIFT;
    for range in [
        0..1,
        0..block,
        block - 3..block + 3,
        block..2 * block,
        5..250_000,
        299_999..300_000,
        0..300_000,
        2 * block + 7..2 * block + 7,
        // Spans of three blocks and more, read straight into the result: each end on a block
        // edge or not, to the part's end or not.
        0..3 * block,
        1..3 * block,
        1..3 * block - 1,
        block..300_000,
        block + 1..300_000,
        block - 1..4 * block + 1,
        0..4 * block + 1,
    ] {
        let want = &big[range.start as usize..range.end as usize];
        assert_eq!(
            parts.read_part("index.big", range.clone()).unwrap(),
            want,
            "{range:?}"
        );
        // Again, from the cache of checked blocks.
        assert_eq!(
            parts.read_part("index.big", range.clone()).unwrap(),
            want,
            "{range:?}"
        );
    }
    let err = parts.read_part("index.big", 299_999..300_001).unwrap_err();
    assert_eq!(
        err.to_string(),
        "index.big: bytes 299999..300001: past the end of the part (300000 bytes)"
    );
    parts.check_all().unwrap();
}

#[test]
fn a_flipped_byte_is_a_checksum_error_naming_the_part_and_its_block() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.brief");
    write_file(
        &path,
        &[
            ("index.big", pattern(200_000, 3)),
            ("pack.meta", pattern(10, 4)),
        ],
    );
    let parts = FileParts::open(&path).unwrap();
    let big = parts
        .entries()
        .iter()
        .find(|e| e.name == "index.big")
        .unwrap()
        .clone();
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[(big.offset + 70_000) as usize] ^= 0x10;
    std::fs::write(&path, &bytes).unwrap();
    let parts = FileParts::open(&path).unwrap();
    assert_eq!(
        parts.read_part("index.big", 0..65_536).unwrap().len(),
        65_536,
        "block 0 is sound"
    );
    let err = parts.read_part("index.big", 69_000..70_001).unwrap_err();
    assert_eq!(
        err.to_string(),
        "index.big: bytes 65536..131072: checksum mismatch"
    );
    assert_eq!(parts.check_all().unwrap_err().part, "index.big");
    let shown = parts.error(err).to_string();
    assert!(
        shown.starts_with(&parts.shown().to_string()) && !shown.contains('\n'),
        "{shown}"
    );
}

#[test]
fn a_file_that_shrinks_or_changes_while_open_gives_errors_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.brief");
    write_file(&path, &[("index.big", pattern(200_000, 5))]);
    let parts = FileParts::open(&path).unwrap();
    // The block checksums (at the file's end) are read with the first block.
    parts.read_part("index.big", 0..10).unwrap();
    let len = std::fs::metadata(&path).unwrap().len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(len / 2)
        .unwrap();
    let err = parts.read_part("index.big", 150_000..160_000).unwrap_err();
    assert!(
        err.to_string().contains("past the end of the file"),
        "{err}"
    );
    // Grown back with other bytes: the checksums see it.
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap();
    file.write_all(&vec![0xAA; (len - len / 2) as usize])
        .unwrap();
    let err = parts.read_part("index.big", 150_000..160_000).unwrap_err();
    assert!(err.to_string().contains("checksum mismatch"), "{err}");
}

#[test]
fn not_a_pack_file_and_short_files_are_refused_naming_the_header() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x");
    for bytes in [
        &b""[..],
        b"\x89BRIEF\r\n",
        b"PK\x03\x04 a zip file, not a pack",
    ] {
        std::fs::write(&path, bytes).unwrap();
        let err = FileParts::open(&path).unwrap_err();
        assert_eq!(err.part.as_deref(), Some("header"), "{err}");
        assert!(!err.to_string().contains('\n'));
    }
    // Regression: a file cut short inside the magic (or empty) was called not a pack file;
    // it is a pack file cut short, as one cut anywhere else in the header is.
    for n in 0..=format::MAGIC.len() {
        std::fs::write(&path, &format::MAGIC[..n]).unwrap();
        let err = FileParts::open(&path).unwrap_err().to_string();
        let want = format!("header: the file is {n} bytes long, shorter than the 64-byte header");
        assert!(err.ends_with(&want), "{n}: {err}");
    }
    let err = FileParts::open(dir.path()).unwrap_err();
    assert!(
        err.to_string().contains("is a folder, not a regular file"),
        "{err}"
    );
}

#[test]
fn truncated_anywhere_or_any_bit_flipped_the_container_refuses_or_reads_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.brief");
    let parts_in = [("pack.a", pattern(300, 6)), ("b", pattern(70_000, 7))];
    write_file(&path, &parts_in);
    let good = std::fs::read(&path).unwrap();
    let read_all = |path: &Path| -> Result<Vec<Vec<u8>>, String> {
        let parts = FileParts::open(path).map_err(|e| e.to_string())?;
        parts.check_all().map_err(|e| e.to_string())?;
        parts_in
            .iter()
            .map(|(name, _)| {
                let len = parts.part_len(name).ok_or("missing")?;
                parts.read_part(name, 0..len).map_err(|e| e.to_string())
            })
            .collect()
    };
    let want: Vec<Vec<u8>> = parts_in.iter().map(|(_, b)| b.clone()).collect();
    assert_eq!(read_all(&path).unwrap(), want);
    let mut cuts: Vec<usize> = (0..600).collect();
    cuts.extend((600..good.len()).step_by(997));
    for cut in cuts {
        std::fs::write(&path, &good[..cut]).unwrap();
        let err = read_all(&path).unwrap_err();
        assert!(!err.contains('\n'), "cut at {cut}: {err}");
    }
    let mut flips: Vec<usize> = (0..700).collect();
    flips.extend((700..good.len()).step_by(499));
    for at in flips {
        let mut bad = good.clone();
        bad[at] ^= 1 << (at % 8);
        std::fs::write(&path, &bad).unwrap();
        match read_all(&path) {
            Ok(read) => assert_eq!(read, want, "flip at {at} read wrong bytes"),
            Err(e) => assert!(!e.contains('\n'), "flip at {at}: {e}"),
        }
    }
}

#[test]
fn parts_that_overlap_the_header_or_each_other_are_refused_by_the_whole_check() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.brief");
    write_file(
        &path,
        &[("pack.a", pattern(100, 8)), ("pack.b", pattern(100, 9))],
    );
    let mut bytes = std::fs::read(&path).unwrap();
    let parts = FileParts::open(&path).unwrap();
    let rewrite = |bytes: &mut Vec<u8>, entries: &[format::Entry]| {
        let table: Vec<u8> = entries.iter().flat_map(format::encode_entry).collect();
        bytes[64..64 + table.len()].copy_from_slice(&table);
        let header = format::Header {
            version: format::VERSION,
            table_offset: 64,
            part_count: entries.len() as u32,
            table_crc: crc32fast::hash(&table),
        };
        bytes[..64].copy_from_slice(&format::encode_header(&header));
    };
    let b = parts.entries()[1].clone();
    // Part a as the magic bytes (which no rewrite changes), then as b's bytes: readable, and
    // each checksum agrees, but the bytes are the header's or another part's.
    let magic = (0, 8, crc32fast::hash(&format::MAGIC));
    let on_b = (b.offset, b.len, crc32fast::hash(&pattern(100, 9)));
    for ((offset, len, crc), says) in [(magic, "pack.a: overlaps the header"), (on_b, "overlaps")] {
        let mut entries = parts.entries().to_vec();
        entries[0].offset = offset;
        entries[0].len = len;
        entries[0].check = format::Check::Whole { crc };
        rewrite(&mut bytes, &entries);
        std::fs::write(&path, &bytes).unwrap();
        let err = FileParts::open(&path).unwrap().check_all().unwrap_err();
        assert!(err.to_string().contains(says), "{err}");
    }
}

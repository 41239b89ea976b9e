//! This test's own minimal pack file writer and reader, sharing no code with brief's (only the
//! CRC32 and LZ4 crates): what another program, a careless one or a hostile one, could write
//! by following `docs/packfile.md`. `patch` rewrites one part of a sound file and makes every
//! checksum agree again, so a lie inside a part reaches the checks behind the checksums.

/// `\x89BRIEF\r\n`.
const MAGIC: &[u8; 8] = b"\x89BRIEF\r\n";
/// This writer's blocks: 4 KiB (brief writes 64 KiB), so small parts span several.
const SHIFT: u8 = 12;

fn crc(bytes: &[u8]) -> u32 {
    crc32fast::hash(bytes)
}

/// A pack file of `parts` (sorted by name here): `pack.*` checked whole, the rest per 4 KiB block.
pub fn container(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut parts = parts.to_vec();
    parts.sort_by(|a, b| a.0.cmp(&b.0));
    let table_at = 64usize;
    let mut out = vec![0u8; table_at + 64 * parts.len()];
    let mut table = Vec::new();
    let mut sums = Vec::new();
    for (name, bytes) in &parts {
        let offset = out.len() as u64;
        out.extend_from_slice(bytes);
        let mut entry = [0u8; 64];
        entry[..name.len()].copy_from_slice(name.as_bytes());
        entry[32..40].copy_from_slice(&offset.to_le_bytes());
        entry[40..48].copy_from_slice(&(bytes.len() as u64).to_le_bytes());
        if name.starts_with("pack.") {
            entry[52..56].copy_from_slice(&crc(bytes).to_le_bytes());
        } else {
            entry[48] = SHIFT;
            let array: Vec<u8> = bytes
                .chunks(1 << SHIFT)
                .flat_map(|b| crc(b).to_le_bytes())
                .collect();
            entry[52..56].copy_from_slice(&crc(&array).to_le_bytes());
            sums.push((table.len(), array));
        }
        table.push(entry);
    }
    for (k, array) in sums {
        table[k][56..64].copy_from_slice(&(out.len() as u64).to_le_bytes());
        out.extend_from_slice(&array);
    }
    let table: Vec<u8> = table.concat();
    out[table_at..table_at + table.len()].copy_from_slice(&table);
    let mut header = [0u8; 64];
    header[..8].copy_from_slice(MAGIC);
    header[8..12].copy_from_slice(&1u32.to_le_bytes());
    header[16..24].copy_from_slice(&(table_at as u64).to_le_bytes());
    header[24..28].copy_from_slice(&(parts.len() as u32).to_le_bytes());
    header[28..32].copy_from_slice(&crc(&table).to_le_bytes());
    let head_crc = crc(&header[..60]);
    header[60..].copy_from_slice(&head_crc.to_le_bytes());
    out[..64].copy_from_slice(&header);
    out
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().unwrap())
}

/// The parts of a sound file, by name (trusting it: this reads files brief or this writer wrote).
pub fn parts_of(file: &[u8]) -> Vec<(String, Vec<u8>)> {
    let table_at = u64_at(file, 16) as usize;
    let count = u32::from_le_bytes(file[24..28].try_into().unwrap()) as usize;
    (0..count)
        .map(|k| {
            let e = &file[table_at + 64 * k..table_at + 64 * (k + 1)];
            let name_len = e[..32].iter().position(|&b| b == 0).unwrap_or(32);
            let name = String::from_utf8(e[..name_len].to_vec()).unwrap();
            let (at, len) = (u64_at(e, 32) as usize, u64_at(e, 40) as usize);
            (name, file[at..at + len].to_vec())
        })
        .collect()
}

/// `file` with part `name` changed by `change`, every checksum made to agree again.
pub fn patch(file: &[u8], name: &str, change: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let mut parts = parts_of(file);
    let part = parts.iter_mut().find(|(n, _)| n == name).unwrap();
    change(&mut part.1);
    container(&parts)
}

/// A string table: `n + 1` u64 offsets, then the bytes.
pub fn strings(items: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut at = 0u64;
    out.extend_from_slice(&at.to_le_bytes());
    for s in items {
        at += s.len() as u64;
        out.extend_from_slice(&at.to_le_bytes());
    }
    for s in items {
        out.extend_from_slice(s);
    }
    out
}

/// One block of cards: `c + 1` u32 offsets and the texts, LZ4-compressed with the raw length
/// in front.
pub fn card_block(texts: &[&[u8]]) -> Vec<u8> {
    let mut raw = Vec::new();
    let mut at = 0u32;
    raw.extend_from_slice(&at.to_le_bytes());
    for t in texts {
        at += t.len() as u32;
        raw.extend_from_slice(&at.to_le_bytes());
    }
    for t in texts {
        raw.extend_from_slice(t);
    }
    lz4_flex::block::compress_prepend_size(&raw)
}

/// One card for [`pack_file`]: its id, its title's bytes for the title table, its JSON, and its
/// theme bits.
pub type Card<'a> = (&'a str, &'a [u8], &'a [u8], u16);

/// A pack file of these cards, in the order given, all in one block, with `themes` and
/// `sources` JSON as given.
pub fn pack_file(cards: &[Card<'_>], themes: &[u8], sources: &[u8]) -> Vec<u8> {
    let n = cards.len();
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_by_key(|&i| cards[i as usize].0);
    let ids: Vec<&[u8]> = cards.iter().map(|c| c.0.as_bytes()).collect();
    let titles: Vec<&[u8]> = cards.iter().map(|c| c.1).collect();
    let texts: Vec<&[u8]> = cards.iter().map(|c| c.2).collect();
    let block = card_block(&texts);
    let mut offsets = 0u64.to_le_bytes().to_vec();
    offsets.extend_from_slice(&(block.len() as u64).to_le_bytes());
    let meta = format!("{{\"cards\": {n}, \"per_block\": {}}}", n.max(1));
    container(&[
        ("pack.meta".into(), meta.into_bytes()),
        ("pack.themes".into(), themes.to_vec()),
        ("pack.sources".into(), sources.to_vec()),
        ("cards.ids".into(), strings(&ids)),
        ("cards.titles".into(), strings(&titles)),
        (
            "cards.order".into(),
            order.iter().flat_map(|p| p.to_le_bytes()).collect(),
        ),
        (
            "cards.themes".into(),
            cards.iter().flat_map(|c| c.3.to_le_bytes()).collect(),
        ),
        ("cards.blocks".into(), block),
        ("cards.offsets".into(), offsets),
    ])
}

#[test]
fn a_file_from_this_writer_is_read_by_brief() {
    let dir = tempfile::tempdir().unwrap();
    let good = super::fixtures::fixture("good-pack");
    let mut card: serde_json::Value =
        serde_json::from_slice(&std::fs::read(good.join("cards/alpha.json")).unwrap()).unwrap();
    card["related"] = serde_json::json!([]);
    let title = card["title"].as_str().unwrap().as_bytes().to_vec();
    let json = serde_json::to_vec(&card).unwrap();
    let themes = std::fs::read(good.join("themes.json")).unwrap();
    let sources = std::fs::read(good.join("sources.json")).unwrap();
    let file = dir.path().join("w.brief");
    let bytes = pack_file(&[("alpha", &title, &json, 0b11)], &themes, &sources);
    std::fs::write(&file, bytes).unwrap();
    let (code, out, err) = super::run(super::brief(dir.path()).arg("validate").arg(&file));
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, _) = super::run(
        super::brief(dir.path())
            .arg("--pack")
            .arg(&file)
            .arg("list"),
    );
    assert_eq!(code, 0);
    assert_eq!(out, "alpha  Card alpha\n");
}

//! A damaged index is an error naming the part, never a panic, a hang or an allocation the bytes
//! do not justify. The parts here are in memory, with no checksums: every change reaches the
//! index's own checks, as a part rewritten and re-checksummed by a hostile builder would.

use std::sync::Arc;

use super::meta::META_LEN;
use super::tests::{QUERIES, fixture, open_with_ids};
use super::*;
use crate::packfile::MemoryParts;
use crate::search::{NoFlags, parse};

/// `parts` with part `name` changed by `change`, and `index.meta` giving its new length (so
/// that the damage reaches the part's own decoding, past the length check at open).
fn damaged(parts: &MemoryParts, name: &str, change: impl FnOnce(&mut Vec<u8>)) -> MemoryParts {
    let mut bytes: Vec<(String, Vec<u8>)> = parts
        .iter()
        .map(|(n, b)| (n.to_string(), b.to_vec()))
        .collect();
    let at = bytes.iter().position(|(n, _)| n == name).unwrap();
    change(&mut bytes[at].1);
    let len = bytes[at].1.len() as u64;
    if let Some(i) = part::SIZED.iter().position(|&p| p == name) {
        let meta = bytes.iter_mut().find(|(n, _)| n == part::META).unwrap();
        let field = 32 + 8 * i;
        meta.1[field..field + 8].copy_from_slice(&len.to_le_bytes());
    }
    let mut out = MemoryParts::new();
    for (n, b) in bytes {
        out.add_part(&n, b).unwrap();
    }
    out
}

/// Opens `parts` and asks every query, every theme and a few ids; each answer must be an answer
/// or an error naming one of the index's parts. Gives the errors.
fn ask_everything(parts: MemoryParts) -> Vec<String> {
    let mut errors = Vec::new();
    let mut check = |e: PartError| {
        assert!(e.part.starts_with("index."), "{e}");
        errors.push(e.to_string());
    };
    let (pack, _, _) = fixture();
    let file = match open_with_ids(Arc::new(parts), pack.cards.len()) {
        Ok(file) => file,
        Err(e) => {
            check(e);
            return errors;
        }
    };
    // The first words of the vocabulary ("0", "000"...), whose lists come first.
    for text in QUERIES.iter().chain(&["0", "actor:0 OR \"0 0\""]) {
        let query = parse(text, &pack.themes).unwrap();
        if let Err(e) = file.search(&query, &NoFlags) {
            check(e);
        }
    }
    for theme in &pack.themes {
        if let Err(e) = file.theme_cards(&theme.id) {
            check(e);
        }
    }
    for card in pack.cards.iter().step_by(40) {
        if let Err(e) = file.position(&card.id) {
            check(e);
        }
    }
    errors
}

/// A small deterministic sequence (xorshift), to pick bytes and bits to flip.
fn picks(seed: u64) -> impl Iterator<Item = u64> {
    let mut x = seed | 1;
    std::iter::repeat_with(move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    })
}

#[test]
fn a_part_of_another_length_than_the_meta_says_is_refused_at_open() {
    let (_, _, parts) = fixture();
    for name in part::SIZED {
        for cut in [1, 1000] {
            let mut changed = MemoryParts::new();
            for (n, b) in parts.iter() {
                let keep = if n == name {
                    b.len().saturating_sub(cut)
                } else {
                    b.len()
                };
                changed.add_part(n, b[..keep].to_vec()).unwrap();
            }
            let err = open_with_ids(Arc::new(changed), fixture().0.cards.len())
                .err()
                .unwrap()
                .to_string();
            assert!(
                err.starts_with("index.meta: ") && err.contains(name),
                "{err}"
            );
        }
    }
    let mut no_meta = MemoryParts::new();
    for (n, b) in parts.iter().filter(|(n, _)| *n != part::META) {
        no_meta.add_part(n, b.to_vec()).unwrap();
    }
    let err = open_with_ids(Arc::new(no_meta), fixture().0.cards.len())
        .err()
        .unwrap();
    assert_eq!(err.to_string(), "index.meta: no such part");
}

#[test]
fn every_part_cut_short_is_an_error_naming_it_or_reads_correctly() {
    let (_, _, parts) = fixture();
    for name in part::SIZED {
        let len = parts.part_len(name).unwrap() as usize;
        for keep in [0, 1, len / 3, len / 2] {
            let errors = ask_everything(damaged(parts, name, |b| b.truncate(keep)));
            assert!(
                errors.iter().any(|e| e.contains(name)),
                "{name} cut to {keep}: {errors:?}"
            );
        }
        // Only the last byte gone: caught where the queries reach it, and never a panic.
        ask_everything(damaged(parts, name, |b| b.truncate(len - 1)));
    }
}

#[test]
fn flipped_bits_in_any_part_never_panic_and_errors_name_the_part() {
    let (_, _, parts) = fixture();
    let mut caught = 0;
    for (k, name) in part::SIZED.iter().enumerate() {
        let len = parts.part_len(name).unwrap();
        for pick in picks(k as u64 + 11).take(60) {
            let (at, bit) = ((pick >> 3) % len, pick & 7);
            let errors = ask_everything(damaged(parts, name, |b| b[at as usize] ^= 1 << bit));
            caught += usize::from(!errors.is_empty());
        }
    }
    // Many flips change a number into another valid one (a tier, a gap); two in five must be
    // caught (the ids, whose order caught most flips, are the pack file's table now).
    let flips = part::SIZED.len() * 60;
    assert!(caught * 5 > flips * 2, "{caught} of {flips} flips caught");
}

#[test]
fn counts_that_claim_more_than_the_bytes_hold_are_refused() {
    let (_, _, parts) = fixture();
    // The meta's counts: cards (more than the bound, then more than the bytes), words, blocks.
    for (field, value) in [
        (12, 2_000_000u32),
        (12, 900_000),
        (16, u32::MAX),
        (24, 0),
        (28, 1 << 20),
    ] {
        let errors = ask_everything(damaged(parts, part::META, |b| {
            b[field..field + 4].copy_from_slice(&value.to_le_bytes());
        }));
        assert!(
            errors.len() == 1 && errors[0].starts_with("index.meta: "),
            "{errors:?}"
        );
    }
    // A directory's count, and the first list's count, made huge (the part's length kept): an
    // eleven-byte number, then a count larger than the bytes left.
    for name in [
        part::VOCAB_DIR,
        part::CARDS_DIR,
        part::KEYS,
        part::ENTRIES,
        part::PLACES,
        part::KEYED,
    ] {
        for big in [vec![0xFF; 11], vec![0xFF, 0xFF, 0xFF, 0x7F]] {
            let errors = ask_everything(damaged(parts, name, |b| {
                b[..big.len()].copy_from_slice(&big);
            }));
            assert!(
                errors.iter().any(|e| e.starts_with(name)),
                "{name}: {errors:?}"
            );
        }
    }
    assert_eq!(META_LEN, parts.part_len(part::META).unwrap());
}

#[test]
fn a_version_this_code_does_not_know_is_refused_by_name() {
    let (_, _, parts) = fixture();
    let errors = ask_everything(damaged(parts, part::META, |b| b[8] = 3));
    assert_eq!(
        errors,
        ["index.meta: byte 12: index version 3; this brief reads version 2"]
    );
    // Version 1 is what brief wrote before the index asked the pack's id table for ids.
    let errors = ask_everything(damaged(parts, part::META, |b| b[8] = 1));
    assert_eq!(
        errors,
        [
            "index.meta: byte 12: index version 1; this brief reads version 2 \
          (an older brief built this file: build it again with `brief build`)"
        ]
    );
    let errors = ask_everything(damaged(parts, part::META, |b| b[0] = b'X'));
    assert_eq!(
        errors,
        ["index.meta: byte 0: not a brief index (bad magic)"]
    );
}

//! `brief validate FILE` refuses what a reader could read without noticing: parts whose
//! checksums were made to agree again but which are not what `brief build` makes of the cards.

use std::path::Path;
use std::sync::Arc;

use brief::corpus::{Corpus, Queries};
use brief::pack::LoadOptions;
use brief::packfile::cards::IdTable;
use brief::packfile::check::check_file;
use brief::packfile::{FileParts, Parts};
use brief::search::CardIds;

use super::fixtures::fixture;
use super::writer::{parts_of, patch, strings};
use super::{brief, built, run};

/// The good pack built, and its bytes.
fn good(dir: &Path) -> Vec<u8> {
    std::fs::read(built(&fixture("good-pack"), dir, "good.brief")).unwrap()
}

/// `validate`'s message for the file `bytes` (written into `dir`), or None if it passes.
fn refused(dir: &Path, bytes: &[u8]) -> Option<String> {
    let path = dir.join("damaged.brief");
    std::fs::write(&path, bytes).unwrap();
    let message = check_file(&path, &LoadOptions::default())
        .err()
        .map(|e| e.to_string());
    if let Some(m) = &message {
        let (code, _, err) = run(brief(dir).arg("validate").arg(&path));
        assert_eq!((code, err.lines().count()), (3, 1), "{err}");
        assert!(err.contains(m.as_str()), "{err}");
    }
    message
}

/// Regression: the last byte of `index.entries` or `index.places` changed (checksums made
/// again) passed validate, while `list` failed or gave other scores: validate only opened the
/// index. It now builds the index of the cards and compares it byte for byte.
#[test]
fn an_index_part_the_cards_do_not_make_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let good = good(dir.path());
    assert_eq!(refused(dir.path(), &good), None);
    for name in [
        "index.entries",
        "index.places",
        "index.vocab",
        "index.cards",
        "index.keyed",
    ] {
        let bad = patch(&good, name, |b| {
            let last = b.len() - 1;
            b[last] ^= 1;
        });
        let message = refused(dir.path(), &bad).unwrap_or_default();
        assert!(
            message.contains(&format!("{name}: ")) && message.contains("not built by brief build"),
            "{name}: {message}"
        );
    }
}

/// Regression: a title with an escape sequence in `cards.titles` passed validate, since the
/// title read out (cleaned) is the card's. The table itself must be the one the cards make.
#[test]
fn a_title_table_the_cards_do_not_make_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let good = good(dir.path());
    let parts = parts_of(&good);
    let n = parts
        .iter()
        .find(|(n, _)| n == "cards.order")
        .unwrap()
        .1
        .len()
        / 4;
    let bad = patch(&good, "cards.titles", |table| {
        let at = |k: usize| u64::from_le_bytes(table[8 * k..8 * k + 8].try_into().unwrap());
        let text = &table[8 * (n + 1)..];
        let mut titles: Vec<Vec<u8>> = (0..n)
            .map(|k| text[at(k) as usize..at(k + 1) as usize].to_vec())
            .collect();
        titles[0].splice(0..0, b"\x1b[2J".iter().copied());
        let items: Vec<&[u8]> = titles.iter().map(Vec::as_slice).collect();
        *table = strings(&items);
    });
    let message = refused(dir.path(), &bad).unwrap_or_default();
    assert!(message.contains("cards.titles: "), "{message}");
}

/// `bytes` with `cards.order`'s entries changed by `change`.
fn with_order(bytes: &[u8], change: impl FnOnce(&mut Vec<u32>)) -> Vec<u8> {
    patch(bytes, "cards.order", |part| {
        let mut order: Vec<u32> = part
            .chunks_exact(4)
            .map(|w| u32::from_le_bytes(w.try_into().unwrap()))
            .collect();
        change(&mut order);
        *part = order.iter().flat_map(|c| c.to_le_bytes()).collect();
    })
}

/// Regression: `cards.order` reversed, or with one card in place of another, made `show ID`
/// say there is no such card (exit 1) and bookmarks "missing", and no error. Every lookup now
/// finds its card or names `cards.order` (but for two neighbours swapped, which a lookup may
/// miss), and validate refuses the table.
#[test]
fn an_unsorted_or_repeating_id_order_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let good = good(dir.path());
    let cases = [
        with_order(&good, |o| o.reverse()),
        with_order(&good, |o| o[1] = o[2]),
        with_order(&good, |o| o.swap(0, 1)),
    ];
    for (k, bad) in cases.iter().enumerate() {
        let message = refused(dir.path(), bad).unwrap_or_default();
        assert!(message.contains("cards.order: "), "case {k}: {message}");
        let path = dir.path().join("damaged.brief");
        let opened = Corpus::open_file(&path, &LoadOptions::default(), Queries::One).unwrap();
        let mut errors = 0;
        for i in 0..opened.len() {
            let id = opened.id_at(i).unwrap().into_owned();
            match opened.find(&id) {
                // Two neighbours swapped can hide from a lookup's probes (it then misses the
                // card); validate, which reads the table whole, refuses it above.
                Ok(None) if k == 2 => {}
                Ok(found) => assert_eq!(found, Some(i), "case {k}: {id}"),
                Err(e) => {
                    assert!(e.to_string().contains("cards.order: "), "{e}");
                    errors += 1;
                }
            }
        }
        assert!(k == 2 || errors > 0, "case {k}: no lookup noticed");
    }
}

/// Regression: `cards.order` read whole (for many lookups: the bookmarks, the `is:` filters)
/// was not checked; now its ids must ascend, so two swapped entries are an error naming it.
#[test]
fn an_id_order_read_whole_must_ascend() {
    let dir = tempfile::tempdir().unwrap();
    let good = good(dir.path());
    let path = dir.path().join("swapped.brief");
    std::fs::write(&path, with_order(&good, |o| o.swap(0, 1))).unwrap();
    let parts: Arc<dyn Parts> = Arc::new(FileParts::open(&path).unwrap());
    let ids = IdTable::open(parts, 4, 16 * 1024).unwrap();
    let all: Vec<String> = (0..ids.len())
        .map(|i| ids.id(i).unwrap().into_owned())
        .collect();
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    let err = ids.positions(&all).unwrap_err().to_string();
    assert!(err.starts_with("cards.order: entry 1: "), "{err}");
}

/// Regression: bytes after the last string of `cards.ids` or `cards.titles` (the last offset
/// short of the text's end) were read without notice; the docs say the last offset is the
/// text's length. Reading the last string, or the table whole, now refuses them.
#[test]
fn bytes_after_the_last_string_of_a_table_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let good = good(dir.path());
    for name in ["cards.ids", "cards.titles"] {
        let bad = patch(&good, name, |table| table.extend_from_slice(b"extra"));
        let path = dir.path().join("tail.brief");
        std::fs::write(&path, &bad).unwrap();
        let file = Corpus::open_file(&path, &LoadOptions::default(), Queries::One).unwrap();
        let last = file.len() - 1;
        let err = if name == "cards.ids" {
            file.id_at(last).err()
        } else {
            file.title_at(last).err()
        };
        let err = err.map(|e| e.to_string()).unwrap_or_default();
        let want = format!("{name}: the last string ends at byte");
        assert!(err.contains(&want), "{name}: {err}");
        let message = refused(dir.path(), &bad).unwrap_or_default();
        assert!(message.contains(&want), "{name}: {message}");
    }
}

/// Regression: the padding after a part (no checksum covers it) could hold anything and
/// validate passed. Padding, and bytes after the last part, must be zero.
#[test]
fn padding_that_is_not_zero_is_refused_naming_the_part_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let good = good(dir.path());
    let u64_at = |at: usize| u64::from_le_bytes(good[at..at + 8].try_into().unwrap()) as usize;
    let (table, count) = (u64_at(16), good[24] as usize);
    let (name, end) = (0..count)
        .map(|k| table + 64 * k)
        .map(|e| {
            let len = good[e..e + 32].iter().position(|&b| b == 0).unwrap_or(32);
            let name = String::from_utf8(good[e..e + len].to_vec()).unwrap();
            (name, u64_at(e + 32) + u64_at(e + 40))
        })
        .find(|(_, end)| end % 8 != 0)
        .unwrap();
    let mut bad = good.clone();
    bad[end] = 1;
    let message = refused(dir.path(), &bad).unwrap_or_default();
    let want = format!("{name}: file byte {end}, after it, is not zero");
    assert!(message.contains(&want), "{message}");
    let mut tail = good.clone();
    tail.extend_from_slice(b"appended");
    let message = refused(dir.path(), &tail).unwrap_or_default();
    assert!(
        message.contains("is not zero (padding must be)"),
        "{message}"
    );
}

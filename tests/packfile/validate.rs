//! `brief validate FILE` refuses what a reader could read without noticing: parts whose
//! checksums were made to agree again but which are not what `brief build` makes of the cards.

use std::path::Path;

use brief::pack::LoadOptions;
use brief::packfile::check::check_file;

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

//! Untrusted input that must never panic or run away: any string as a query, and a pack of a
//! million tiny cards.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use brief::pack::{LoadOptions, Pack, PackError};
use brief::search;
use proptest::prelude::*;

fn themes() -> &'static [brief::pack::Theme] {
    static THEMES: std::sync::OnceLock<Vec<brief::pack::Theme>> = std::sync::OnceLock::new();
    THEMES.get_or_init(|| Pack::embedded(&LoadOptions::default()).unwrap().themes)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// The query parser never panics; an error always points inside the query.
    #[test]
    fn the_query_parser_never_panics(text in prop_oneof![
        any::<String>(),
        "[a-z():\"| \\-]{0,40}".prop_map(|s| s.replace('|', " OR ")),
    ]) {
        match search::parse(&text, themes()) {
            Ok(_) => {}
            Err(e) => prop_assert!(e.offset <= text.chars().count(), "{e:?} for {text:?}"),
        }
    }
}

fn tiny_pack(n: usize) -> Vec<(String, Vec<u8>)> {
    let mut files = vec![
        (
            "themes.json".to_string(),
            include_bytes!("../briefings/themes.json").to_vec(),
        ),
        (
            "sources.json".to_string(),
            include_bytes!("../briefings/sources.json").to_vec(),
        ),
    ];
    files.extend((0..n).map(|i| (format!("cards/c{i}.json"), b"{}".to_vec())));
    files
}

/// A million tiny (empty) cards: each is reported and skipped, nothing panics, and one more than
/// the bound refuses the pack before anything is parsed.
#[test]
fn a_million_tiny_cards_are_each_reported_and_one_more_is_refused() {
    let files = tiny_pack(1_000_000);
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    let pack = Pack::from_memory(&refs, "", &LoadOptions::default()).unwrap();
    assert_eq!((pack.cards.len(), pack.skipped), (0, 1_000_000));
    assert!(
        pack.problems[0].message.contains("missing field `id`"),
        "{}",
        pack.problems[0]
    );
    drop(pack);

    let mut files = files;
    files.push(("cards/one-more.json".into(), b"{}".to_vec()));
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    let err = Pack::from_memory(&refs, "", &LoadOptions::default()).unwrap_err();
    assert!(
        matches!(
            err,
            PackError::TooManyCards {
                limit: 1_000_000,
                ..
            }
        ),
        "{err}"
    );
}

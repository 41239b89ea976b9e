//! The built-in pack, loaded with `--strict` semantics: the shape the issue promises analysts.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use std::collections::HashSet;

use brief::corpus::{Corpus, Queries};
use brief::pack::validate::is_kebab;
use brief::pack::{LoadOptions, Pack};

/// The built-in pack, with the corpus's id lookups.
fn pack() -> Corpus {
    let pack = Pack::embedded(&LoadOptions {
        strict: true,
        ..LoadOptions::default()
    })
    .expect("the built-in pack is valid");
    Corpus::new(pack, Queries::One)
}

#[test]
fn four_themes_in_order() {
    let ids: Vec<_> = pack()
        .themes()
        .iter()
        .map(|t| (t.id.clone(), t.key))
        .collect();
    let want = [
        ("ukraine", 1),
        ("trump", 2),
        ("spending", 3),
        ("nato-eu", 4),
    ];
    assert_eq!(ids, want.map(|(id, key)| (id.to_string(), key)));
}

#[test]
fn enough_cards_on_every_theme() {
    let pack = pack();
    assert!(
        pack.pack().cards.len() >= 28,
        "{} cards",
        pack.pack().cards.len()
    );
    for theme in pack.themes() {
        let n = pack
            .pack()
            .cards
            .iter()
            .filter(|c| c.themes.contains(&theme.id))
            .count();
        assert!(n >= 6, "theme {} has {n} cards", theme.id);
    }
}

#[test]
fn related_links_are_symmetric_and_every_card_has_one() {
    let pack = pack();
    for card in &pack.pack().cards {
        assert!(!card.related.is_empty(), "{} has no related card", card.id);
        for other in &card.related {
            let back = pack
                .card(other)
                .unwrap_or_else(|| panic!("{} -> {other}: missing", card.id));
            assert!(
                back.related.contains(&card.id),
                "{} -> {other} is not returned",
                card.id
            );
        }
    }
}

#[test]
fn sources_and_tags_are_well_formed() {
    let pack = pack();
    let sources: HashSet<_> = pack.sources().iter().map(|s| s.id.as_str()).collect();
    assert_eq!(sources.len(), 3);
    for card in &pack.pack().cards {
        for cite in &card.sources {
            assert!(
                sources.contains(cite.source.as_str()),
                "{}: unknown source {}",
                card.id,
                cite.source
            );
        }
        for tag in &card.tags {
            assert!(is_kebab(tag), "{}: tag {tag} is not kebab-case", card.id);
        }
    }
}

#[test]
fn no_date_or_author_is_guessed() {
    let pack = pack();
    let by_id = |id: &str| pack.source(id).unwrap().clone();
    assert_eq!(by_id("000_c97516f404c32881").author, None);
    assert_eq!(by_id("003_4154c826245825d1").title, None);
    assert_eq!(
        by_id("004_9f90408f4f43cb33").author.as_deref(),
        Some("Camille Grand")
    );
}

/// Where the sources paint different pictures, a `sources-differ` card sets them side by side:
/// it cites at least two sources, and for each of them links (both ways, checked above) a card
/// that gives that source's side.
#[test]
fn cards_where_sources_differ_cite_both_and_link_each_side() {
    let pack = pack();
    let differ: Vec<_> = pack
        .pack()
        .cards
        .iter()
        .filter(|c| c.tags.iter().any(|t| t == "sources-differ"))
        .collect();
    let ids: Vec<&str> = differ.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "sources-differ-ukraine-accession",
            "sources-differ-rutte-trump"
        ],
        "the side-by-side cards, in pack order"
    );
    for card in differ {
        let cited: HashSet<_> = card.sources.iter().map(|s| s.source.as_str()).collect();
        assert!(cited.len() >= 2, "{} cites {cited:?}", card.id);
        for source in &cited {
            let side = card.related.iter().any(|other| {
                pack.card(other)
                    .is_some_and(|o| o.sources.iter().any(|s| s.source == *source))
            });
            assert!(side, "{}: no related card gives {source}'s side", card.id);
        }
    }
}

#[test]
fn the_pack_has_37_cards_after_the_merges_and_the_side_by_side_cards() {
    // 37 read against the articles; ukraine-aid-durability and bilateralisation-risk folded into
    // cohesion-hungary-slovakia and rutte-prepares-for-trump; two sources-differ cards added.
    assert_eq!(pack().pack().cards.len(), 37);
}

//! The built-in pack, loaded with `--strict` semantics: the shape the issue promises analysts.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use std::collections::HashSet;

use brief::pack::validate::is_kebab;
use brief::pack::{LoadOptions, Pack};

fn pack() -> Pack {
    Pack::embedded(&LoadOptions {
        strict: true,
        ..LoadOptions::default()
    })
    .expect("the built-in pack is valid")
}

#[test]
fn four_themes_in_order() {
    let ids: Vec<_> = pack()
        .themes
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
    assert!(pack.cards.len() >= 28, "{} cards", pack.cards.len());
    for theme in &pack.themes {
        let n = pack
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
    for card in &pack.cards {
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
    let sources: HashSet<_> = pack.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(sources.len(), 3);
    for card in &pack.cards {
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

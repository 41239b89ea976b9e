//! The loader's ordering and link rules, whatever order the card files come in: cards in pack
//! order (first theme in display order, then id), duplicate ids pointing at the first file with
//! the id, bad cards skipped without disturbing the rest.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use brief::pack::{Card, LoadOptions, Pack};
use proptest::prelude::*;

const THEMES: &[u8] = include_bytes!("../briefings/themes.json");
const SOURCES: &[u8] = include_bytes!("../briefings/sources.json");

fn built_in() -> &'static Pack {
    static PACK: std::sync::OnceLock<Pack> = std::sync::OnceLock::new();
    PACK.get_or_init(|| Pack::embedded(&LoadOptions::default()).unwrap())
}

/// A pack in memory: the built-in index files and `cards` as (file name, JSON), in that order.
fn load(cards: &[(String, Vec<u8>)]) -> Pack {
    let mut files: Vec<(String, &[u8])> = vec![
        ("themes.json".into(), THEMES),
        ("sources.json".into(), SOURCES),
    ];
    files.extend(
        cards
            .iter()
            .map(|(name, json)| (format!("cards/{name}"), json.as_slice())),
    );
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(p, b)| (p.as_str(), *b)).collect();
    Pack::from_memory(&refs, "", &LoadOptions::default()).unwrap()
}

fn card_file(card: &Card) -> (String, Vec<u8>) {
    (
        format!("{}.json", card.id),
        serde_json::to_vec(card).unwrap(),
    )
}

/// What pack order means, written out plainly.
fn expected_order(pack: &Pack, cards: &[Card]) -> Vec<String> {
    let mut keyed: Vec<(usize, &str)> = cards
        .iter()
        .map(|c| {
            let theme = pack.themes.iter().position(|t| t.id == c.themes[0]);
            (theme.expect("a known theme"), c.id.as_str())
        })
        .collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, id)| id.to_string()).collect()
}

fn ids(pack: &Pack) -> Vec<String> {
    pack.cards.iter().map(|c| c.id.clone()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// The built-in cards, each given a random first theme and read in a random order, with a bad
    /// file somewhere among them, come out in pack order and the bad one alone is skipped.
    #[test]
    fn cards_come_out_in_pack_order_whatever_the_file_order(
        first_themes in proptest::collection::vec(0usize..4, 37),
        order in Just((0..37).collect::<Vec<usize>>()).prop_shuffle(),
        bad_at in 0usize..38,
        sorted_names in any::<bool>(),
    ) {
        let pack = built_in();
        prop_assume!(pack.cards.len() == 37);
        let cards: Vec<Card> = pack
            .cards
            .iter()
            .zip(&first_themes)
            .map(|(card, &t)| {
                let mut card = card.clone();
                let theme = pack.themes[t % pack.themes.len()].id.clone();
                card.themes.retain(|x| *x != theme);
                card.themes.insert(0, theme);
                card
            })
            .collect();
        let mut files: Vec<(String, Vec<u8>)> = if sorted_names {
            let mut files: Vec<_> = cards.iter().map(card_file).collect();
            files.sort();
            files
        } else {
            order.iter().map(|&i| card_file(&cards[i])).collect()
        };
        files.insert(bad_at, ("broken.json".into(), b"{\"id\": ".to_vec()));

        let loaded = load(&files);
        prop_assert_eq!(loaded.skipped, 1);
        prop_assert_eq!(loaded.problems.len(), 1);
        prop_assert_eq!(&loaded.problems[0].path, "cards/broken.json");
        prop_assert_eq!(ids(&loaded), expected_order(pack, &cards));
        // Each card is the one that was written, untouched by the reordering.
        for card in &loaded.cards {
            let written = cards.iter().find(|c| c.id == card.id).unwrap();
            prop_assert_eq!(card, written);
        }
    }
}

/// Three files with one id: the second and third each name the first, in file order, and all
/// three are skipped (an id must also equal its file's name).
#[test]
fn a_duplicate_id_points_at_the_first_file_that_has_it() {
    let mut card = built_in().cards[0].clone();
    card.id = "same".into();
    card.related.clear();
    let json = serde_json::to_vec(&card).unwrap();
    let files: Vec<(String, Vec<u8>)> = ["c.json", "a.json", "b.json"]
        .iter()
        .map(|name| (name.to_string(), json.clone()))
        .collect();
    let pack = load(&files);
    assert_eq!(pack.skipped, 3);
    let duplicates: Vec<(&str, &str)> = pack
        .problems
        .iter()
        .filter(|d| d.message.starts_with("duplicate id"))
        .map(|d| (d.path.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(
        duplicates,
        [
            ("cards/a.json", "duplicate id 'same' (also in cards/c.json)"),
            ("cards/b.json", "duplicate id 'same' (also in cards/c.json)"),
        ]
    );
}

/// A link to a card that is skipped is dropped from the cards that stay, and the rest keep theirs.
#[test]
fn links_to_a_skipped_card_are_dropped() {
    let pack = built_in();
    let linked = pack
        .cards
        .iter()
        .find(|c| !c.related.is_empty())
        .expect("a built-in card with a link");
    let gone = linked.related[0].clone();
    let mut files: Vec<(String, Vec<u8>)> = pack.cards.iter().map(card_file).collect();
    let at = files
        .iter()
        .position(|(name, _)| *name == format!("{gone}.json"))
        .unwrap();
    // Still JSON, but breaks a card rule: the card is skipped, not the pack.
    let mut bad: Card = pack.cards.iter().find(|c| c.id == gone).unwrap().clone();
    bad.points.clear();
    files[at].1 = serde_json::to_vec(&bad).unwrap();

    let loaded = load(&files);
    assert_eq!(loaded.skipped, 1);
    assert!(loaded.cards.iter().all(|c| c.id != gone));
    assert!(loaded.cards.iter().all(|c| !c.related.contains(&gone)));
    let kept = loaded.cards.iter().find(|c| c.id == linked.id).unwrap();
    assert_eq!(kept.related, linked.related[1..]);
}

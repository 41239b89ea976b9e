//! Text beyond ASCII: letters NFKD keeps whole, full case folding, and CJK runs without spaces,
//! through the index and through the plain scan, which must agree; and highlights that stay on
//! the original text when folding changes its length.

use super::{card, themes};
use crate::pack::Card;
use crate::search::{Field, Index, NoFlags, parse};

fn pack() -> Vec<Card> {
    let europe = card(
        "europe",
        "Błaszczak meets Søren on Ærø",
        "Die Straße nach Łódź. Μητσοτάκης spoke to Þórður.",
    );
    let cjk = card(
        "cjk",
        "北约峰会召开",
        "東京タワーでビザの話。한국 대표단이 도착했다.",
    );
    let pizza = card("pizza", "ピザ", "ﾋﾞｻﾞ in half-width kana.");
    vec![europe, cjk, pizza]
}

/// Card ids matching `query`, in pack order; the index and the scan must give the same.
fn ids(query: &str) -> Vec<String> {
    let cards = pack();
    let q = parse(query, &themes()).unwrap_or_else(|e| panic!("{query:?}: {e}"));
    let index = Index::build(&cards);
    let mut from_index: Vec<usize> = index.search(&q, &NoFlags).iter().map(|h| h.card).collect();
    from_index.sort_unstable();
    let from_scan: Vec<usize> = (0..cards.len())
        .filter(|&i| q.matches(&cards[i], &NoFlags))
        .collect();
    assert_eq!(from_index, from_scan, "{query:?}: index and scan disagree");
    from_index.iter().map(|&i| cards[i].id.clone()).collect()
}

#[test]
fn folding_finds_letters_nfkd_keeps_whole_and_greek_final_sigma() {
    let cases: &[(&str, &[&str])] = &[
        ("blaszczak", &["europe"]),
        ("BŁASZCZAK", &["europe"]),
        ("soren", &["europe"]),
        ("aero", &["europe"]),
        ("strasse", &["europe"]),
        ("straß", &["europe"]),
        ("STRASSE", &["europe"]),
        ("lodz", &["europe"]),
        ("ΜΗΤΣΟΤΑΚΗΣ", &["europe"]),
        ("μητσοτακης", &["europe"]),
        ("thordur", &["europe"]),
        ("\"nach lodz\"", &["europe"]),
        ("strase", &[]),
    ];
    for (query, want) in cases {
        assert_eq!(ids(query), *want, "{query:?}");
    }
}

#[test]
fn a_cjk_query_finds_the_characters_in_a_run() {
    let cases: &[(&str, &[&str])] = &[
        ("峰会", &["cjk"]),
        ("北约峰会召开", &["cjk"]),
        ("约峰", &["cjk"]),
        ("峰 开", &["cjk"]),
        ("会峰", &[]),
        ("\"峰会 召开\"", &["cjk"]),
        ("タワー", &["cjk"]),
        ("ビザ", &["cjk", "pizza"]),
        ("ﾋﾞｻﾞ", &["cjk", "pizza"]),
        ("ピザ", &["pizza"]),
        ("ヒ", &[]),
        ("한국", &["cjk"]),
        ("하", &[]),
        ("-峰会", &["europe", "pizza"]),
    ];
    for (query, want) in cases {
        assert_eq!(ids(query), *want, "{query:?}");
    }
}

#[test]
fn highlights_cover_the_original_text_when_folding_changes_its_length() {
    let cards = pack();
    let index = Index::build(&cards);
    let shown = |card: &Card, query: &str| -> Vec<(Field, Vec<String>)> {
        let q = parse(query, &themes()).unwrap_or_else(|e| panic!("{query:?}: {e}"));
        index
            .highlights(card, &q)
            .into_iter()
            .map(|m| {
                let text = match m.field {
                    Field::Title => card.title.as_str(),
                    Field::Summary => card.summary.as_str(),
                    other => panic!("unexpected {other:?}"),
                };
                let parts = m.ranges.iter().map(|r| text[r.clone()].to_string());
                (m.field, parts.collect())
            })
            .collect()
    };
    assert_eq!(
        shown(&cards[0], "strasse ΜΗΤΣΟΤΑΚΗΣ blaszczak aero"),
        [
            (Field::Title, vec!["Błaszczak".to_string(), "Ærø".into()]),
            (Field::Summary, vec!["Straße".into(), "Μητσοτάκης".into()]),
        ]
    );
    assert_eq!(
        shown(&cards[1], "峰会 タワー"),
        [
            (Field::Title, vec!["峰会".to_string()]),
            (Field::Summary, vec!["タワー".into()]),
        ]
    );
    assert_eq!(
        shown(&cards[2], "ビザ"),
        [(Field::Summary, vec!["ﾋﾞｻﾞ".to_string()])]
    );
}

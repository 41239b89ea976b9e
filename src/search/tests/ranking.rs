//! Ranking: title hits, then points, then summary, then the rest; then hit count; then pack order.

use super::{card, themes};
use crate::search::{Index, NoFlags, parse};

fn order(cards: &[crate::pack::Card], query: &str) -> Vec<String> {
    let index = Index::build(cards);
    let q = parse(query, &themes()).unwrap_or_default();
    index
        .search(&q, &NoFlags)
        .iter()
        .map(|h| cards[h.card].id.clone())
        .collect()
}

#[test]
fn title_then_points_then_summary_then_rest() {
    let mut rest = card("rest", "Other", "One. Two.");
    rest.tags = vec!["drone".into()];
    let summary = card("summary", "Other", "A drone flew. Two.");
    let mut point = card("point", "Other", "One. Two.");
    point.points = vec!["A drone".into()];
    let title = card("title", "Drone news", "One. Two.");
    let none = card("none", "Other", "One. Two.");
    let cards = vec![rest, summary, none, point, title];
    assert_eq!(
        order(&cards, "drone"),
        ["title", "point", "summary", "rest"]
    );
}

#[test]
fn then_more_hits_then_pack_order() {
    let one = card("one", "Drone", "One. Two.");
    let three = card("three", "Drone", "Drone one. Drone two.");
    let also_one = card("also-one", "Drone", "One. Two.");
    let summary_many = card("summary-many", "x", "Drone drone drone. Drone.");
    let cards = vec![one, summary_many, three, also_one];
    assert_eq!(
        order(&cards, "drone"),
        ["three", "one", "also-one", "summary-many"]
    );
}

#[test]
fn excluded_terms_and_filters_do_not_rank() {
    let a = card("a", "Drone", "x. y.");
    let b = card("b", "Other", "Drone. y.");
    let cards = vec![b, a];
    // Only filters: no text hits, so pack order.
    assert_eq!(order(&cards, "theme:ukraine"), ["b", "a"]);
    assert_eq!(order(&cards, "theme:ukraine -zzz"), ["b", "a"]);
    assert_eq!(order(&cards, "theme:ukraine drone"), ["a", "b"]);
}

#[test]
fn the_empty_query_is_every_card_in_pack_order_with_score_zero() {
    let cards = vec![card("b", "B", "x. y."), card("a", "A", "x. y.")];
    let index = Index::build(&cards);
    let hits = index.search(&crate::search::Query::default(), &NoFlags);
    assert_eq!(
        hits.iter().map(|h| (h.card, h.score)).collect::<Vec<_>>(),
        [(0, 0), (1, 0)]
    );
}

/// The index keeps a word's count on a card in six bits up to 62 and the exact count elsewhere
/// past that: counts on both sides of the edge still rank, and score, as the scan does.
#[test]
fn counts_past_the_index_byte_rank_exactly() {
    let with = |id: &str, n: usize| card(id, "x", &"drone ".repeat(n));
    let cards = vec![
        with("c62", 62),
        with("c63", 63),
        with("c64", 64),
        with("c200", 200),
        with("c1", 1),
    ];
    assert_eq!(order(&cards, "drone"), ["c200", "c64", "c63", "c62", "c1"]);
    let index = Index::build(&cards);
    for text in ["drone", "dro", "\"drone drone\""] {
        let q = parse(text, &themes()).unwrap_or_default();
        for hit in index.search(&q, &NoFlags) {
            assert_eq!(
                Some(hit.score),
                q.score(&cards[hit.card], &NoFlags),
                "{text}"
            );
        }
    }
}

/// The agenda: card id → place.
struct Agenda(&'static [&'static str]);

impl crate::search::Flags for Agenda {
    fn is_bookmarked(&self, id: &str) -> bool {
        self.0.contains(&id)
    }
    fn is_read(&self, _: &str) -> bool {
        false
    }
    fn has_note(&self, _: &str) -> bool {
        false
    }
    fn agenda_place(&self, id: &str) -> Option<usize> {
        self.0.iter().position(|&a| a == id)
    }
}

#[test]
fn a_query_for_bookmarks_lists_them_in_agenda_order_by_index_and_by_scan() {
    let cards = vec![
        card("a", "Drone", "x. y."),
        card("b", "Other", "Drone. y."),
        card("c", "Drone drone", "x. y."),
        card("d", "Other", "x. y."),
    ];
    let agenda = Agenda(&["d", "b", "c"]);
    let index = Index::build(&cards);
    let cases: &[(&str, &[&str])] = &[
        ("is:bookmarked", &["d", "b", "c"]),
        ("IS:BOOKMARKED", &["d", "b", "c"]),
        ("drone is:bookmarked", &["b", "c"]),
        ("is:bookmarked (drone OR other)", &["d", "b", "c"]),
        ("(is:bookmarked drone) -tag:x", &["b", "c"]),
        // Not a top-level term: ranked as usual.
        ("is:bookmarked OR drone", &["c", "a", "b", "d"]),
        ("drone (is:bookmarked OR tag:x)", &["c", "b"]),
        ("-is:bookmarked", &["a"]),
    ];
    for &(text, want) in cases {
        let q = parse(text, &themes()).unwrap();
        for hits in [
            index.search(&q, &agenda),
            crate::search::scan(&cards, &q, &agenda),
        ] {
            let got: Vec<&str> = hits.iter().map(|h| cards[h.card].id.as_str()).collect();
            assert_eq!(got, want, "{text}");
        }
    }
    // Flags that know no agenda keep the rank order.
    let q = parse("drone is:bookmarked", &themes()).unwrap();
    let ranked = index.search(&q, &Every);
    assert_eq!(ranked.iter().map(|h| h.card).collect::<Vec<_>>(), [2, 0, 1]);
}

/// Every card bookmarked, and no agenda.
struct Every;

impl crate::search::Flags for Every {
    fn is_bookmarked(&self, _: &str) -> bool {
        true
    }
    fn is_read(&self, _: &str) -> bool {
        false
    }
    fn has_note(&self, _: &str) -> bool {
        false
    }
}

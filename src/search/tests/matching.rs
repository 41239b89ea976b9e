//! The matcher on the fixed pack: every operator, folding, prefixes and phrases, through the index
//! and through the plain scan, which must agree.

use super::{pack, themes};
use crate::search::{Field, Flags, Index, NoFlags, parse};

/// Card ids matching `query`, in pack order, checked to be the same by index and by scan.
fn ids(query: &str, flags: &dyn Flags) -> Vec<String> {
    let cards = pack();
    let q = match parse(query, &themes()) {
        Ok(q) => q,
        Err(e) => panic!("{query:?}: {e}"),
    };
    let index = Index::build(&cards);
    let mut from_index: Vec<usize> = index.search(&q, flags).iter().map(|h| h.card).collect();
    from_index.sort_unstable();
    let from_scan: Vec<usize> = (0..cards.len())
        .filter(|&i| q.matches(&cards[i], flags))
        .collect();
    assert_eq!(from_index, from_scan, "{query:?}: index and scan disagree");
    from_index.iter().map(|&i| cards[i].id.clone()).collect()
}

struct Marks;

impl Flags for Marks {
    fn is_bookmarked(&self, id: &str) -> bool {
        id == "china"
    }
    fn is_read(&self, id: &str) -> bool {
        id != "rutte"
    }
    fn has_note(&self, id: &str) -> bool {
        id == "orban"
    }
}

#[test]
fn operators() {
    let cases: &[(&str, &[&str])] = &[
        ("", &["orban", "rutte", "china"]),
        ("orban", &["orban"]),
        ("ORBÁN", &["orban"]),
        ("ukr", &["orban"]),
        ("hungary", &["orban"]),
        ("minister", &["orban", "rutte", "china"]),
        ("prime minister", &["orban", "rutte"]),
        ("\"prime minister\"", &["orban", "rutte"]),
        ("\"prime min\"", &["orban", "rutte"]),
        ("\"pri minister\"", &[]),
        ("\"minister prime\"", &[]),
        ("mark rutte", &["orban", "rutte", "china"]),
        ("-rutte", &[]),
        ("-orban", &["rutte", "china"]),
        ("minister -\"prime minister\"", &["china"]),
        ("theme:trump", &["rutte"]),
        ("-theme:trump", &["orban", "china"]),
        ("tag:china", &["china"]),
        ("tag:chin", &[]),
        ("tag:north-korea", &["china"]),
        ("korea", &["china"]),
        ("source:004", &["orban"]),
        ("source:00", &["orban", "rutte", "china"]),
        ("actor:stoltenberg", &["rutte"]),
        ("actor:\"viktor orb\"", &["orban"]),
        ("actor:mark -actor:jens", &["orban"]),
        ("actor:beijing", &[]),
        ("theme:trump OR tag:china", &["rutte", "china"]),
        (
            "veto OR beijing OR stoltenberg",
            &["orban", "rutte", "china"],
        ),
        ("(veto OR beijing) minister", &["orban", "china"]),
        ("veto OR beijing minister", &["orban", "china"]),
        ("-(veto OR beijing)", &["rutte"]),
        ("32", &["rutte"]),
        ("\"of 2024\"", &["rutte"]),
        ("fuelling", &["china"]),
    ];
    for (query, want) in cases {
        assert_eq!(ids(query, &NoFlags), *want, "{query:?}");
    }
}

#[test]
fn a_phrase_never_spans_two_strings() {
    // "general." ends a point and "Prime" is the next point; "office" ends the title and "Mark"
    // starts the summary; "Orbán" and "Mark" are two actors.
    for query in [
        "\"general prime\"",
        "\"office mark\"",
        "\"orban mark\"",
        "\"veto hungary\"",
    ] {
        assert_eq!(ids(query, &NoFlags), Vec::<String>::new(), "{query:?}");
    }
}

#[test]
fn state_filters_ask_the_flags() {
    assert_eq!(ids("is:bookmarked", &Marks), ["china"]);
    assert_eq!(ids("is:unread", &Marks), ["rutte"]);
    assert_eq!(ids("is:noted", &Marks), ["orban"]);
    assert_eq!(ids("-is:unread", &Marks), ["orban", "china"]);
    assert_eq!(ids("is:bookmarked", &NoFlags), Vec::<String>::new());
    assert_eq!(ids("is:unread", &NoFlags), ["orban", "rutte", "china"]);
}

#[test]
fn highlights_are_byte_ranges_of_positive_terms_only() {
    let cards = pack();
    let index = Index::build(&cards);
    let q = parse("orb \"prime min\" -veto tag:hungary", &themes()).ok();
    let found = q
        .map(|q| index.highlights(&cards[0], &q))
        .unwrap_or_default();
    let shown: Vec<(Field, Vec<&str>)> = found
        .iter()
        .map(|m| {
            let text = match m.field {
                Field::Title => cards[0].title.as_str(),
                Field::Summary => cards[0].summary.as_str(),
                Field::Actor(i) => cards[0].actors[i].as_str(),
                Field::Tag(i) => cards[0].tags[i].as_str(),
                other => panic!("unexpected {other:?}"),
            };
            (m.field, m.ranges.iter().map(|r| &text[r.clone()]).collect())
        })
        .collect();
    assert_eq!(
        shown,
        vec![
            (Field::Title, vec!["Orbán"]),
            (Field::Summary, vec!["prime minister"]),
            (Field::Actor(0), vec!["Orbán"]),
            (Field::Tag(0), vec!["hungary"]),
        ]
    );
}

/// A string of 210,000 words: phrases far into it are found, and counts that no longer fit the
/// index's per-card byte are kept exactly.
#[test]
fn phrases_and_counts_in_a_very_long_string() {
    let mut cards = pack();
    let filler = "word ".repeat(70_000);
    cards[2].summary =
        format!("Prime minister one. {filler} prime minister. {filler} prime ministers.");
    let index = Index::build(&cards);
    for query in [
        "\"prime minister\"",
        "\"word prime\"",
        "\"minister word\"",
        "word",
        "wor",
    ] {
        let q = parse(query, &themes()).unwrap_or_default();
        let hits = index.search(&q, &NoFlags);
        let china = hits.iter().find(|h| h.card == 2).map(|h| h.score);
        assert_eq!(china, q.score(&cards[2], &NoFlags), "{query}");
        assert!(china.is_some(), "{query}");
    }
}

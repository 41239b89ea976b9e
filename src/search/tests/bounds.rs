//! What a hostile or pasted query cannot do: nest deeper than the bound (the parser and the tree
//! walks recurse once per level), run longer than the bound, or hide words behind control
//! characters that the cards' text no longer has.

use super::{pack, themes};
use crate::search::node::{Node, Text};
use crate::search::{Index, MAX_NESTING, MAX_QUERY_CHARS, NoFlags, parse};

fn error(input: &str) -> (usize, String) {
    match parse(input, &themes()) {
        Ok(q) => panic!("{input:.40}... should fail, got {q:?}"),
        Err(e) => (e.offset, e.reason),
    }
}

#[test]
fn nesting_is_bounded_at_the_opener_past_the_bound() {
    let n = MAX_NESTING;
    let parens = |k: usize| format!("{}a{}", "(".repeat(k), ")".repeat(k));
    let dashes = |k: usize| format!("{}a", "-".repeat(k));
    let mixed = |k: usize| format!("{}a{}", "-(".repeat(k), ")".repeat(k));
    for ok in [parens(n), dashes(n), mixed(n / 2)] {
        assert!(parse(&ok, &themes()).is_ok(), "{ok}");
    }
    for (bad, at) in [
        (parens(n + 1), n),
        (dashes(n + 1), n),
        (mixed(n / 2 + 1), n),
        (parens(400), n),
        (dashes(900), n),
    ] {
        let (offset, reason) = error(&bad);
        assert_eq!(offset, at, "{reason}");
        assert!(reason.contains("inside one another"), "{reason}");
    }
}

#[test]
fn length_is_bounded_in_characters() {
    // The length is checked first: a query nested far too deep is usually far too long too.
    for huge in [
        format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000)),
        format!("{}a", "-".repeat(18_600)),
    ] {
        assert_eq!(error(&huge).0, MAX_QUERY_CHARS);
    }
    let longest = "é".repeat(MAX_QUERY_CHARS);
    assert!(parse(&longest, &themes()).is_ok());
    let (offset, reason) = error(&format!("{longest}x"));
    assert_eq!(offset, MAX_QUERY_CHARS);
    assert!(
        reason.contains("1001 characters long, over the limit of 1000"),
        "{reason}"
    );
}

/// The deepest query allowed is parsed, answered by the index and by the scan, highlighted and
/// dropped on a thread with a small stack (the viewer and rayon's workers have far more).
#[test]
fn the_deepest_query_allowed_runs_in_a_small_stack() {
    let cards = pack();
    let index = Index::build(&cards);
    let half = MAX_NESTING / 2;
    let deepest = format!("{}rutte{}", "(-".repeat(half), ")".repeat(half));
    let run = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let q = parse(&deepest, &themes()).unwrap_or_else(|e| panic!("{e}"));
            let hits = index.search(&q, &NoFlags).len();
            let scanned = crate::search::scan(&cards, &q, &NoFlags).len();
            let lit: usize = cards.iter().map(|c| q.highlights(c).len()).sum();
            drop(q);
            (hits, scanned, lit)
        })
        .map(std::thread::JoinHandle::join);
    assert!(matches!(run, Ok(Ok((h, s, _))) if h == s), "{run:?}");
}

#[test]
fn a_query_is_sanitized_as_card_text_is() {
    let words = |input: &str| match parse(input, &themes()).map(|q| q.root) {
        Ok(Some(Node::Text(Text { words, .. }))) => words,
        other => panic!("{input:?}: {other:?}"),
    };
    // Pasted from a card's raw file: the escape sequence, BEL and bidi control are gone from the
    // card's text, so they go from the query too.
    assert_eq!(words("rut\u{1b}[1mte"), ["rutte"]);
    assert_eq!(words("rut\u{7}te\u{202e}"), ["rutte"]);
    // Line breaks of any kind are spaces.
    for broken in ["rutte\rukraine", "rutte\nukraine", "rutte\r\nukraine"] {
        let q = parse(broken, &themes()).map(|q| q.root);
        let want = Node::And(vec![
            Node::Text(Text {
                words: vec!["rutte".into()],
                actors_only: false,
            }),
            Node::Text(Text {
                words: vec!["ukraine".into()],
                actors_only: false,
            }),
        ]);
        assert_eq!(q, Ok(Some(want)), "{broken:?}");
    }
    // Offsets count characters of the query as searched.
    assert_eq!(error("\u{1b}[31mfoo:x").0, 0);
}

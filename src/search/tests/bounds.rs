//! What a hostile or pasted query cannot do: nest deeper than the bound (the parser and the tree
//! walks recurse once per level), or run longer than the bound.

use super::{pack, themes};
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

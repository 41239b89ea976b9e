//! The parser: every construct, and every malformed query with the character it points at.

use super::themes;
use crate::search::node::{Node, State, Text};
use crate::search::parse;

fn text(words: &[&str]) -> Node {
    Node::Text(Text {
        words: words.iter().map(|w| (*w).to_string()).collect(),
        actors_only: false,
    })
}

fn parsed(input: &str) -> Option<Node> {
    match parse(input, &themes()) {
        Ok(q) => q.root,
        Err(e) => panic!("{input:?} should parse: {e}"),
    }
}

#[test]
fn constructs() {
    let actor = |w: &[&str]| {
        Node::Text(Text {
            words: w.iter().map(|s| (*s).to_string()).collect(),
            actors_only: true,
        })
    };
    let cases: Vec<(&str, Option<Node>)> = vec![
        ("", None),
        ("   ", None),
        ("Orbán", Some(text(&["orban"]))),
        ("a b", Some(Node::And(vec![text(&["a"]), text(&["b"])]))),
        ("\"prime minister\"", Some(text(&["prime", "minister"]))),
        ("Ukraine's", Some(text(&["ukraine", "s"]))),
        ("-war", Some(Node::Not(Box::new(text(&["war"]))))),
        ("-\"a b\"", Some(Node::Not(Box::new(text(&["a", "b"]))))),
        (
            "-theme:trump",
            Some(Node::Not(Box::new(Node::Theme("trump".into())))),
        ),
        ("theme:Ukraine", Some(Node::Theme("ukraine".into()))),
        ("tag:China", Some(Node::Tag("china".into()))),
        ("source:004", Some(Node::Source("004".into()))),
        ("actor:rutte", Some(actor(&["rutte"]))),
        ("actor:\"mark rutte\"", Some(actor(&["mark", "rutte"]))),
        ("is:bookmarked", Some(Node::Is(State::Bookmarked))),
        ("is:unread", Some(Node::Is(State::Unread))),
        ("is:noted", Some(Node::Is(State::Noted))),
        ("a OR b", Some(Node::Or(vec![text(&["a"]), text(&["b"])]))),
        (
            "a or b",
            Some(Node::And(vec![text(&["a"]), text(&["or"]), text(&["b"])])),
        ),
        (
            "a b OR c",
            Some(Node::Or(vec![
                Node::And(vec![text(&["a"]), text(&["b"])]),
                text(&["c"]),
            ])),
        ),
        (
            "(a OR b) c",
            Some(Node::And(vec![
                Node::Or(vec![text(&["a"]), text(&["b"])]),
                text(&["c"]),
            ])),
        ),
        ("-(a)", Some(Node::Not(Box::new(text(&["a"]))))),
        ("12:30", Some(text(&["12", "30"]))),
        ("ORBAN", Some(text(&["orban"]))),
    ];
    for (input, want) in cases {
        assert_eq!(parsed(input), want, "{input:?}");
    }
}

#[test]
fn malformed_queries_say_what_and_where() {
    let cases: &[(&str, usize, &str)] = &[
        ("ukraine \"prime minister", 8, "never closed"),
        ("foo:bar", 0, "unknown field 'foo:'"),
        ("a Foo:bar", 2, "unknown field 'Foo:'"),
        ("OR a", 0, "before it"),
        ("a OR", 2, "after it"),
        ("a OR OR b", 2, "another 'OR'"),
        ("a OR )", 2, "after it"),
        ("theme:", 0, "needs a value"),
        ("tag: x", 0, "needs a value"),
        ("theme:\"\"", 0, "needs a value"),
        (
            "theme:ukrane",
            6,
            "unknown theme 'ukrane' (known: ukraine, trump, spending, nato-eu)",
        ),
        ("is:starred", 3, "unknown 'is:starred'"),
        ("(a b", 0, "never closed"),
        ("x (a (b)", 2, "never closed"),
        ("a b)", 3, "without a matching '('"),
        (")", 0, "without a matching '('"),
        ("()", 0, "holds nothing"),
        ("a - b", 2, "'-' needs a term"),
        ("a -", 2, "'-' needs a term"),
        ("\"\"", 0, "empty phrase"),
        ("ä \"…\"", 2, "no letters or digits"),
        ("—", 0, "no letters or digits"),
        ("actor:\"--\"", 6, "no letters or digits"),
    ];
    for (input, offset, reason) in cases {
        match parse(input, &themes()) {
            Ok(q) => panic!("{input:?} should fail, got {q:?}"),
            Err(e) => {
                assert_eq!(e.offset, *offset, "{input:?}: {e}");
                assert!(e.reason.contains(reason), "{input:?}: {e}");
            }
        }
    }
}

#[test]
fn offsets_count_characters_not_bytes() {
    let e = parse("Orbán ÿ foo:x", &themes()).err();
    assert_eq!(e.map(|e| e.offset), Some(8));
}

#[test]
fn the_help_names_the_bounds() {
    use crate::search::{HELP, MAX_NESTING, MAX_QUERY_CHARS};
    let flat = HELP.replace('\n', " ");
    assert!(flat.contains(&format!("over {MAX_QUERY_CHARS} characters")));
    assert!(flat.contains(&format!("more than {MAX_NESTING} '(' and '-'")));
}

//! Regression tests: query.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::{Value, json};

use super::common::brief;

/// A pack of one valid card per `(id, title, summary)`, each with one theme, one source and three
/// plain points.
fn pack_of(cards: &[(&str, &str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join("cards")).unwrap();
    let themes =
        json!([{"id": "ukraine", "label": "Ukraine", "description": "The war.", "key": 1}]);
    fs::write(root.join("themes.json"), themes.to_string()).unwrap();
    let sources = json!([{"id": "src_a", "title": "A source", "author": null, "publisher": null,
        "date": null, "description": "For tests."}]);
    fs::write(root.join("sources.json"), sources.to_string()).unwrap();
    for (id, title, summary) in cards {
        let card = json!({"id": id, "title": title, "themes": ["ukraine"], "summary": summary,
            "points": ["One.", "Two.", "Three."], "figures": [], "actors": [], "quotes": [],
            "tags": [], "sources": [{"source": "src_a", "paragraphs": [1]}], "related": []});
        fs::write(root.join(format!("cards/{id}.json")), card.to_string()).unwrap();
    }
    dir
}

/// `brief [--pack PACK] list ARGS...`, with a home that does not exist (a query without `is:`
/// reads no state).
fn list(pack: Option<&Path>, args: &[&str]) -> Command {
    let mut cmd = brief(Path::new("/nonexistent/brief-regression-home"));
    if let Some(pack) = pack {
        cmd.arg("--pack").arg(pack);
    }
    cmd.arg("list").args(args);
    cmd
}

/// The byte ranges `--json` gives for the first match of the first card, as the text they cover.
fn first_match(pack: &Path, query: &str) -> Vec<String> {
    let out = list(Some(pack), &["--json", "--", query]).output().unwrap();
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    let title = rows[0]["title"].as_str().unwrap_or_default();
    let ranges = rows[0]["matches"][0]["ranges"].as_array().cloned();
    let span = |r: &Value| {
        let at = |k: &str| usize::try_from(r[k].as_u64().unwrap()).unwrap();
        title[at("start")..at("end")].to_string()
    };
    ranges.unwrap_or_default().iter().map(span).collect()
}

// `brief list -- "((((…a))))"` with 10,000 '(' overflowed the stack in the recursive parser and
// aborted (exit 134); in the viewer it left the terminal raw. The query is now bounded in length
// (1,000 characters) and nesting (32 levels), each a usage error at its character.
#[test]
fn query_nested_10000_deep_overflowed_the_stack() {
    let deep = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
    let out = list(None, &["--", &deep]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("bad query: at character 1000: the query is 20001 characters long, over the limit of 1000"),
        "{err}"
    );
    let nested = format!("{}a{}", "(".repeat(40), ")".repeat(40));
    let out = list(None, &["--", &nested]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("at character 32: more than 32 '(' and '-' inside one another"),
        "{err}"
    );
}

// 18,600 leading '-' overflowed the stack the same way, one recursive call per '-'.
#[test]
fn query_of_18600_leading_dashes_overflowed_the_stack() {
    let dashes = format!("{}a", "-".repeat(18_600));
    let out = list(None, &["--", &dashes]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let dashes = format!("{}a", "-".repeat(33));
    let out = list(None, &["--", &dashes]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("at character 32: more than 32"), "{err}");
}

// A query pasted from a card's raw file, escape sequence and all, found nothing: the card's text
// had been sanitized at load and the query had not, so `rut<ESC>[1mte` was the words `rut` and
// `1mte`. The query is now sanitized the same way, where the CLI and the viewer both parse it.
#[test]
fn query_with_control_bytes_found_nothing() {
    let plain = list(None, &["rutte"]).output().unwrap();
    assert_eq!(plain.status.code(), Some(0));
    for pasted in ["rut\u{1b}[1mte", "rut\u{7}te", "\u{202e}rutte"] {
        let out = list(None, &["--", pasted]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{pasted:?}");
        assert_eq!(out.stdout, plain.stdout, "{pasted:?}");
    }
}

// The sanitizer dropped carriage returns, so a card written with CR line breaks had
// `allies⏎Ukraine` as the one word `alliesukraine`, and `ukraine` did not find it. CR and CRLF
// are now line breaks (a space in a one-line string), in cards and in queries alike.
#[test]
fn cr_line_breaks_glued_the_words_on_either_side() {
    let pack = pack_of(&[(
        "cr-card",
        "Rutte meets allies",
        "Rutte met the allies\rUkraine asked for more. Second sentence here.",
    )]);
    for query in [
        "ukraine",
        "\"allies ukraine\"",
        "allies\rukraine",
        "allies\r\nukraine",
    ] {
        let out = list(Some(pack.path()), &["--", query]).output().unwrap();
        let shown = String::from_utf8_lossy(&out.stdout);
        assert!(shown.contains("cr-card"), "{query:?}: {shown}");
    }
}

// Folding was NFKD without its marks, then lower case: letters NFKD leaves whole (Ł, Ø, Æ) stayed
// as they were, ß stayed ß, and a capital Σ became σ where the card had a final ς, so none of
// these found their card. Full case folding and a table of such letters now fold both sides.
#[test]
fn folding_missed_letters_nfkd_keeps_whole_and_final_sigma() {
    let pack = pack_of(&[(
        "names",
        "Błaszczak and Søren at the Straße on Ærø",
        "Μητσοτάκης spoke. Second sentence here.",
    )]);
    for query in [
        "blaszczak",
        "soren",
        "aero",
        "strasse",
        "ΜΗΤΣΟΤΑΚΗΣ",
        "μητσοτακης",
    ] {
        let out = list(Some(pack.path()), &[query]).output().unwrap();
        let shown = String::from_utf8_lossy(&out.stdout);
        assert!(shown.contains("names"), "{query}: {shown}");
    }
    // The highlight is the word as written, however folding changed its length.
    assert_eq!(first_match(pack.path(), "strasse aero"), ["Straße", "Ærø"]);
}

// Chinese and Japanese put no spaces between words, so a whole run of characters was one word and
// `峰会` never matched inside `北约峰会召开`. Each CJK character is now a word of its own, and a
// query word of several is the phrase of those characters one after another.
#[test]
fn cjk_word_inside_a_run_never_matched() {
    let pack = pack_of(&[
        (
            "summit",
            "北约峰会召开",
            "峰会在海牙举行. Second sentence here.",
        ),
        ("other", "会议", "没有. Second sentence here."),
    ]);
    let out = list(Some(pack.path()), &["峰会"]).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim_end(),
        "summit  北约峰会召开"
    );
    assert_eq!(first_match(pack.path(), "峰会"), ["峰会"]);
    let out = list(Some(pack.path()), &["会峰"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
}

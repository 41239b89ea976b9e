//! `assets/card.schema.json` is kept true: every card of the built-in pack validates against it with a
//! real JSON Schema validator (boon, draft 2020-12), and cards that break the rules do not.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use std::path::Path;

use serde_json::{Value, json};

fn compile() -> (boon::Schemas, boon::SchemaIndex) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("assets/card.schema.json")).unwrap(),
    )
    .unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler
        .add_resource("file:///card.schema.json", schema)
        .unwrap();
    let index = compiler
        .compile("file:///card.schema.json", &mut schemas)
        .unwrap();
    (schemas, index)
}

#[test]
fn every_built_in_card_validates_against_the_schema() {
    let (schemas, index) = compile();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings/cards");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let card: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        if let Err(e) = schemas.validate(&card, index) {
            panic!("{}: {e}", path.display());
        }
        count += 1;
    }
    assert!(count >= 28, "only {count} cards");
}

#[test]
fn the_schema_rejects_what_the_loader_rejects() {
    let (schemas, index) = compile();
    let good = json!({
        "id": "a-card", "title": "T", "themes": ["ukraine"], "summary": "One. Two.",
        "points": ["a", "b", "c"], "sources": [{"source": "s", "paragraphs": [1]}], "related": []
    });
    assert!(schemas.validate(&good, index).is_ok());
    let mut cases = Vec::new();
    for (key, value) in [
        ("id", json!("Not Kebab")),
        ("title", json!("x".repeat(73))),
        ("themes", json!([])),
        ("points", json!(["a", "b"])),
        ("sources", json!([{"source": "s", "paragraphs": []}])),
        ("colour", json!("red")),
    ] {
        let mut bad = good.clone();
        bad[key] = value;
        cases.push((key, bad));
    }
    let mut missing = good.clone();
    missing.as_object_mut().unwrap().remove("summary");
    cases.push(("missing summary", missing));
    for (what, bad) in cases {
        assert!(
            schemas.validate(&bad, index).is_err(),
            "schema accepted a card with bad {what}"
        );
    }
}

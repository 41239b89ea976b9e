//! One fixture per failure (tests/fixtures/bad-packs/<what-is-wrong>/): each holds four good cards and
//! one bad one. `brief validate` must name the bad file at the right line and column, exit 3, and the
//! loader must still load the four good cards.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use std::path::PathBuf;

use assert_cmd::Command;
use brief::pack::{LoadOptions, Pack, PackError};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bad-packs")
        .join(name)
}

/// (fixture, file, line, column, part of the message)
const CASES: &[(&str, &str, usize, usize, &str)] = &[
    ("syntax-error", "broken.json", 4, 3, "expected `,` or `}`"),
    (
        "unknown-field",
        "extra.json",
        30,
        10,
        "unknown field `colour`",
    ),
    (
        "missing-field",
        "nosummary.json",
        29,
        1,
        "missing field `summary`",
    ),
    (
        "wrong-type",
        "wrongtype.json",
        8,
        29,
        "invalid type: string \"just one string\", expected a sequence",
    ),
    (
        "unknown-theme",
        "typo.json",
        6,
        5,
        "unknown theme 'ukrane' (known: ukraine, trump, spending, nato-eu)",
    ),
    (
        "duplicate-id",
        "zeta.json",
        2,
        9,
        "duplicate id 'alpha' (also in ",
    ),
    (
        "id-not-stem",
        "stem.json",
        2,
        9,
        "id 'other-id' does not match the file name 'stem.json'",
    ),
    (
        "long-title",
        "long.json",
        3,
        12,
        "title is 79 characters long (at most 72)",
    ),
    (
        "summary-sentences",
        "terse.json",
        7,
        14,
        "summary has 1 sentence(s) (want 2 to 4)",
    ),
    (
        "too-few-points",
        "sparse.json",
        8,
        13,
        "2 point(s) (want 3 to 7)",
    ),
    (
        "dangling-related",
        "lonely.json",
        30,
        5,
        "related card 'nowhere' does not exist",
    ),
    (
        "one-way-related",
        "oneway.json",
        30,
        5,
        "related card 'alpha' does not link back to 'oneway'",
    ),
    (
        "unknown-source",
        "unsourced.json",
        23,
        17,
        "unknown source 'src_b'",
    ),
    ("invalid-utf8", "latin1.json", 3, 16, "invalid UTF-8"),
    (
        "bad-kebab-tag",
        "tagged.json",
        19,
        5,
        "tag 'North Korea' is not lower-case kebab-case",
    ),
];

#[test]
fn each_bad_card_is_reported_at_its_place_and_the_good_ones_load() {
    for &(name, file, line, column, message) in CASES {
        let pack = Pack::from_dir(fixture(name), &LoadOptions::default()).unwrap();
        assert_eq!(pack.cards.len(), 4, "{name}: the four good cards load");
        assert_eq!(pack.skipped, 1, "{name}: one card skipped");
        let found = pack
            .problems
            .iter()
            .find(|d| d.message.contains(message))
            .unwrap_or_else(|| {
                panic!(
                    "{name}: no problem saying {message:?} in {:?}",
                    pack.problems
                )
            });
        assert!(
            found.path.ends_with(&format!("cards/{file}")),
            "{name}: {found}"
        );
        assert_eq!(
            (found.line, found.column),
            (line, column),
            "{name}: {found}"
        );
    }
}

#[test]
fn strict_refuses_each_bad_pack() {
    for &(name, file, ..) in CASES {
        let options = LoadOptions {
            strict: true,
            ..LoadOptions::default()
        };
        match Pack::from_dir(fixture(name), &options) {
            Err(PackError::Strict(problems)) => {
                assert!(problems.iter().any(|d| d.path.ends_with(file)), "{name}");
            }
            other => panic!("{name}: expected a strict refusal, got {other:?}"),
        }
    }
}

#[test]
fn validate_prints_file_line_column_and_exits_3() {
    for &(name, file, line, column, message) in CASES {
        let output = Command::cargo_bin("brief")
            .unwrap()
            .arg("validate")
            .arg(fixture(name))
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(3), "{name}");
        let stdout = String::from_utf8(output.stdout).unwrap();
        let want = format!("cards/{file}:{line}:{column}: ");
        assert!(
            stdout
                .lines()
                .any(|l| l.contains(&want) && l.contains(message)),
            "{name}: no line with {want}{message} in\n{stdout}"
        );
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(
            stderr.contains("1 of 5 card file(s) would be skipped"),
            "{name}: {stderr}"
        );
    }
}

#[test]
fn the_good_fixture_has_no_problems() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good-pack");
    let pack = Pack::from_dir(
        &dir,
        &LoadOptions {
            strict: true,
            ..LoadOptions::default()
        },
    )
    .unwrap();
    assert_eq!(pack.cards.len(), 4);
    assert!(pack.problems.is_empty());
}

#[test]
fn more_cards_than_the_bound_refuses_the_pack() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good-pack");
    let mut options = LoadOptions::default();
    options.limits.max_cards = 3;
    let err = Pack::from_dir(&dir, &options).unwrap_err();
    assert!(
        matches!(err, PackError::TooManyCards { limit: 3, .. }),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .contains("more than 3 cards; refusing the pack"),
        "{err}"
    );
    options.limits.max_cards = 4;
    assert_eq!(Pack::from_dir(&dir, &options).unwrap().cards.len(), 4);
}

//! Packs from outside: no input file can make brief panic, hang or use unbounded memory. Each case is
//! a clear one-line error naming the file, and the good cards still load (or exit 3 for the pack).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use std::path::Path;

mod common;

use assert_cmd::Command;

/// Runs `brief validate DIR`, which must exit 3 without panicking, and returns its stdout and stderr.
fn validate(dir: &Path) -> (String, String) {
    let out = Command::cargo_bin("brief")
        .unwrap()
        .env("XDG_CONFIG_HOME", "/nonexistent/brief-tests")
        .arg("validate")
        .arg(dir)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    (String::from_utf8_lossy(&out.stdout).into_owned(), stderr)
}

#[test]
fn deeply_nested_json_is_an_error_not_a_stack_overflow() {
    let dir = common::copy_of("good-pack");
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    std::fs::write(dir.path().join("cards/deep.json"), deep).unwrap();
    let (out, _) = validate(dir.path());
    assert!(out.contains("cards/deep.json:1:"), "{out}");
    // Typed parsing stops at the first bracket that is not a card (serde_json's recursion limit of
    // 128 would stop it otherwise): either way, one message at the start of the file.
    assert!(
        out.contains("invalid type: sequence") || out.contains("recursion limit"),
        "{out}"
    );
}

#[test]
fn deep_json_nesting_stops_at_serde_jsons_recursion_limit_with_its_place() {
    // themes.json and sources.json are read as untyped JSON first (every string in them is
    // sanitized), the one place where nesting is not bounded by a type: serde_json refuses more
    // than 128 levels, and brief reports where.
    let arrays = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let objects = format!("[{}1{}]", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    for (file, deep, at) in [("themes.json", arrays, 128), ("sources.json", objects, 632)] {
        let dir = common::copy_of("good-pack");
        std::fs::write(dir.path().join(file), deep).unwrap();
        let (_, err) = validate(dir.path());
        assert!(
            err.contains(&format!("{file}:1:{at}: recursion limit exceeded")),
            "{err}"
        );
    }
    // A card is read straight into its type, which nests a few levels only: the second bracket
    // is already the error.
    let dir = common::copy_of("good-pack");
    let card = format!("{{\"id\": \"deep\", \"points\": {}}}", "[".repeat(100_000));
    std::fs::write(dir.path().join("cards/deep.json"), card).unwrap();
    let (out, _) = validate(dir.path());
    assert!(
        out.contains("cards/deep.json:1:26: invalid type: sequence, expected a string"),
        "{out}"
    );
}

#[test]
fn a_100_mb_card_is_refused_without_being_read() {
    let dir = common::copy_of("good-pack");
    let file = std::fs::File::create(dir.path().join("cards/huge.json")).unwrap();
    file.set_len(100 * 1024 * 1024).unwrap();
    let (out, _) = validate(dir.path());
    assert!(
        out.contains(
            "cards/huge.json:1:1: file is 104857600 bytes, over the limit of 262144 bytes"
        ),
        "{out}"
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_and_a_link_out_of_the_pack_are_not_followed() {
    let dir = common::copy_of("good-pack");
    std::os::unix::fs::symlink("loop.json", dir.path().join("cards/loop.json")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", dir.path().join("cards/escape.json")).unwrap();
    let (out, _) = validate(dir.path());
    assert!(
        out.contains("cards/loop.json:1:1: symbolic link not followed"),
        "{out}"
    );
    assert!(
        out.contains("cards/escape.json:1:1: symbolic link not followed"),
        "{out}"
    );
    assert!(!out.contains("root:"), "the link target was read: {out}");
}

#[cfg(unix)]
#[test]
fn a_symlinked_themes_file_is_not_followed() {
    let dir = common::copy_of("good-pack");
    std::fs::remove_file(dir.path().join("themes.json")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", dir.path().join("themes.json")).unwrap();
    let (_, err) = validate(dir.path());
    assert!(
        err.contains("themes.json: cannot read: symbolic link not followed"),
        "{err}"
    );
}

#[test]
fn a_card_id_with_dot_dot_is_refused() {
    let dir = common::copy_of("good-pack");
    let path = dir.path().join("cards/alpha.json");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("\"id\": \"alpha\"", "\"id\": \"../../etc/alpha\"");
    std::fs::write(&path, text).unwrap();
    let (out, _) = validate(dir.path());
    assert!(
        out.contains("cards/alpha.json:2:9: id '../../etc/alpha' is not kebab-case"),
        "{out}"
    );
}

#[test]
fn invalid_utf8_and_binary_garbage_are_reported() {
    let dir = common::copy_of("good-pack");
    std::fs::write(
        dir.path().join("cards/garbage.json"),
        [0xff, 0xfe, 0x00, 0x9b, 0x1b, b'[', b'2', b'J'],
    )
    .unwrap();
    let (out, _) = validate(dir.path());
    assert!(
        out.contains("cards/garbage.json:1:1: invalid UTF-8"),
        "{out}"
    );
}

#[test]
fn an_empty_folder_a_missing_themes_file_and_a_missing_cards_folder_each_say_what() {
    let empty = tempfile::tempdir().unwrap();
    let (_, err) = validate(empty.path());
    assert!(
        err.contains("themes.json: cannot read: No such file"),
        "{err}"
    );

    let dir = common::copy_of("good-pack");
    std::fs::remove_dir_all(dir.path().join("cards")).unwrap();
    let (_, err) = validate(dir.path());
    assert!(err.contains("cards: cannot read"), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
}

#[test]
fn broken_themes_json_is_reported_at_its_place() {
    let dir = common::copy_of("good-pack");
    std::fs::write(
        dir.path().join("themes.json"),
        "[\n  {\"id\": \"ukraine\", \"label\": 3}\n]\n",
    )
    .unwrap();
    let (_, err) = validate(dir.path());
    assert!(
        err.contains("themes.json:2:30: invalid type: integer `3`, expected a string"),
        "{err}"
    );
}

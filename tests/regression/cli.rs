//! Regression tests: the command line (what a first real session tripped on).

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::Path;

use super::common::brief;

/// A card of the built-in pack.
const CARD: &str = "rutte-takes-office";

/// `brief ARGS...` in `home`: exit code, stdout, stderr.
fn run(home: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = brief(home).args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The ids `brief list ARGS... --json` prints (exit 0 asserted).
fn ids(home: &Path, args: &[&str]) -> BTreeSet<String> {
    let (code, stdout, stderr) = run(home, args);
    assert_eq!(code, Some(0), "{args:?}: {stderr}");
    let rows: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

// `brief list -theme:ukraine` was refused by clap ("unexpected argument '-t'"), though the README
// documents `-word` and `-theme:...` to exclude: a query word starting with `-` was read as a flag.
#[test]
fn a_query_word_starting_with_a_dash_excludes_on_list() {
    let home = tempfile::tempdir().unwrap();
    let all = ids(home.path(), &["list", "--json"]);
    let ukraine = ids(home.path(), &["list", "theme:ukraine", "--json"]);
    let not_ukraine = ids(home.path(), &["list", "-theme:ukraine", "--json"]);
    assert!(!ukraine.is_empty() && !not_ukraine.is_empty());
    assert!(ukraine.is_disjoint(&not_ukraine));
    assert_eq!(&ukraine | &not_ukraine, all);
    // Flags before or after the query, and a plain word before the dash, all still work.
    let (code, text, stderr) = run(home.path(), &["list", "-theme:ukraine"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(text.lines().count(), not_ukraine.len());
    let rutte = ids(home.path(), &["list", "rutte", "--json"]);
    let trump = ids(home.path(), &["list", "theme:trump", "--json"]);
    let after = ids(home.path(), &["list", "rutte", "-theme:trump", "--json"]);
    let before = ids(home.path(), &["list", "--json", "rutte", "-theme:trump"]);
    assert_eq!(after, &rutte - &trump);
    assert_eq!(before, after);
    assert!(!after.is_empty());
}

// The same refusal hit `brief export -theme:trump --format json`; and `-o FILE` after such a word
// must still be the output flag, not a query word.
#[test]
fn a_query_word_starting_with_a_dash_excludes_on_export() {
    let home = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = run(home.path(), &["export", "-theme:trump", "--format", "json"]);
    assert_eq!(code, Some(0), "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert!(
        stdout.contains("-theme:trump"),
        "the query is kept as typed"
    );
    let text = json.to_string();
    assert!(
        !text.contains("\"trump\""),
        "no card of theme trump: {text}"
    );
    let file = home.path().join("out.md");
    let file_arg = file.to_str().unwrap();
    let (code, _, stderr) = run(home.path(), &["export", "-theme:trump", "-o", file_arg]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("-theme:trump")
    );
}

/// A state file in `home` holding a note on [`CARD`].
fn state_with_note(home: &Path, note: &str) -> std::path::PathBuf {
    let state = serde_json::json!({
        "version": 1,
        "notes": { CARD: {"text": note, "edited": 1} }
    });
    let path = home.join("state.json");
    std::fs::write(&path, serde_json::to_vec(&state).unwrap()).unwrap();
    path
}

// `brief show ID` printed the card without the user's note, and its `--json` had no `note`.
#[test]
fn show_prints_the_note_under_its_heading_and_in_json() {
    let home = tempfile::tempdir().unwrap();
    let state = state_with_note(home.path(), "call \u{1b}]52;c;eA==\u{7}Anna\nsecond line");
    let state = state.to_str().unwrap();
    let (code, text, stderr) = run(home.path(), &["--state", state, "show", CARD]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        text.contains("✎ Your note\n  call Anna\n  second line\n"),
        "{text}"
    );
    let (code, json, _) = run(home.path(), &["--state", state, "show", CARD, "--json"]);
    assert_eq!(code, Some(0));
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["note"], "call Anna\nsecond line");
    assert_eq!(json["id"], CARD);
}

// Reading the note must not create a state file (or its folder) when there is none.
#[test]
fn show_creates_no_state() {
    let home = tempfile::tempdir().unwrap();
    let state = home.path().join("sub").join("state.json");
    let (code, json, _) = run(
        home.path(),
        &["--state", state.to_str().unwrap(), "show", CARD, "--json"],
    );
    assert_eq!(code, Some(0));
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(json["note"].is_null());
    assert!(!home.path().join("sub").exists());
}

// The README said every subcommand takes `--json`; `bookmarks add`, `bookmarks rm`, `bookmarks`
// alone, `manifest`, `config` and `export` refused it.
#[test]
fn every_data_subcommand_takes_json() {
    let home = tempfile::tempdir().unwrap();
    let state = home.path().join("state.json");
    let state = state.to_str().unwrap();
    let pack = home.path().join("pack");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good-pack"),
        &pack,
    );
    let pack = pack.to_str().unwrap();
    let runs: [&[&str]; 7] = [
        &["--state", state, "bookmarks", "add", CARD, "--json"],
        &["--state", state, "bookmarks", "--json"],
        &["--state", state, "bookmarks", "list", "--json"],
        &["--state", state, "bookmarks", "rm", CARD, "--json"],
        &["manifest", pack, "--json"],
        &["config", "--json"],
        &["export", "--json"],
    ];
    for args in runs {
        let (code, stdout, stderr) = run(home.path(), args);
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        let _: serde_json::Value =
            serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{args:?}: {e}: {stdout}"));
    }
    let (_, added, _) = run(
        home.path(),
        &["--state", state, "bookmarks", "add", CARD, "--json"],
    );
    let added: serde_json::Value = serde_json::from_str(&added).unwrap();
    assert_eq!(
        added,
        serde_json::json!([{"id": CARD, "bookmarked": true, "changed": true}])
    );
}

/// Copies the files of `from` into `to`, folders included.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

// `brief man` named pages that do not exist (`brief-list(1)`) and had no keys, query language,
// files, environment or exit codes.
#[test]
fn man_is_one_page_with_every_section() {
    let home = tempfile::tempdir().unwrap();
    let (code, page, stderr) = run(home.path(), &["man"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!page.contains("brief-list(1)") && !page.contains("brief\\-list(1)"));
    for section in [
        "KEYS",
        "QUERY LANGUAGE",
        "FILES",
        "ENVIRONMENT",
        "EXIT STATUS",
        "COMMANDS",
    ] {
        assert!(
            page.contains(&format!(".SH \"{section}\""))
                || page.contains(&format!(".SH {section}\n")),
            "no {section}"
        );
    }
    for text in [
        "BRIEF_STATE",
        "NO_COLOR",
        "XDG_DATA_HOME",
        "state.json.lock",
        "theme:ukraine",
        "toggle a theme filter",
    ] {
        assert!(page.contains(text), "no {text}");
    }
    // Rendered by man(1) when it is installed (the test does not require it).
    let Ok(man) = std::process::Command::new("man")
        .args(["-l", "-"])
        .env("MANWIDTH", "100")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
    else {
        return;
    };
    let mut man = man;
    man.stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let out = man.wait_with_output().unwrap();
    let shown = unstruck(&String::from_utf8_lossy(&out.stdout));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        shown.contains("QUERY LANGUAGE") && shown.contains("EXIT STATUS"),
        "{shown}"
    );
}

/// man's output to a pipe without its overstrikes: bold is a character, a backspace and the
/// character again, underline `_`, a backspace and the character.
fn unstruck(text: &str) -> String {
    let mut plain = String::new();
    for c in text.chars() {
        if c == '\u{8}' {
            plain.pop();
        } else {
            plain.push(c);
        }
    }
    plain
}

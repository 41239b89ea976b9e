//! The meeting-prep flow from the command line: the agenda (`bookmarks list`, `bookmarks move`,
//! kept across processes and merged between them), `export is:bookmarked` in agenda order and
//! numbered, `export --noted`, and `notes --format md`, the notes-only brief.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use std::fs;
use std::path::Path;
use std::thread;

use assert_cmd::Command;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_brief");

/// `brief --state PATH` on the built-in pack, with nothing from the developer's environment.
fn brief(state: &Path) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env_remove("BRIEF_PACK")
        .env_remove("BRIEF_STATE")
        .env_remove("XDG_DATA_HOME")
        .env("XDG_CONFIG_HOME", "/nonexistent/brief-tests")
        .arg("--state")
        .arg(state);
    cmd
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn ok(cmd: &mut Command) -> String {
    let out = run(cmd);
    assert_eq!(out.code, Some(0), "stderr: {}", out.stderr);
    out.stdout
}

/// The agenda as `bookmarks list --json` gives it: ids in order, each with its place.
fn agenda(state: &Path) -> Vec<String> {
    let rows: Value =
        serde_json::from_str(&ok(brief(state).args(["bookmarks", "list", "--json"]))).unwrap();
    let rows = rows.as_array().unwrap();
    for (n, row) in rows.iter().enumerate() {
        assert_eq!(row["place"], n + 1, "{row}");
    }
    rows.iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

const A: &str = "rutte-takes-office";
const B: &str = "albright-three-ds";
const C: &str = "four-challenges";

fn with_agenda(dir: &Path) -> std::path::PathBuf {
    let state = dir.join("state.json");
    ok(brief(&state).args(["bookmarks", "add", A, B, C]));
    state
}

#[test]
fn a_move_is_kept_across_processes_and_every_command_follows_the_agenda() {
    let dir = tempfile::tempdir().unwrap();
    let state = with_agenda(dir.path());
    assert_eq!(
        agenda(&state),
        [A, B, C],
        "new bookmarks at the end, in order"
    );
    let said = ok(brief(&state).args(["bookmarks", "move", C, "--to", "1"]));
    assert_eq!(said, format!("moved {C} to place 1 of 3\n"));
    // Each of these is a new process reading the file.
    assert_eq!(agenda(&state), [C, A, B]);
    let text = ok(brief(&state).args(["bookmarks", "list"]));
    let numbered: Vec<&str> = text.lines().map(|l| &l[..3]).collect();
    assert_eq!(numbered, ["1. ", "2. ", "3. "], "{text}");
    assert!(text.lines().next().unwrap().contains(C), "{text}");
    let list = ok(brief(&state).args(["list", "is:bookmarked"]));
    let ids: Vec<&str> = list.lines().map(|l| l.split(' ').next().unwrap()).collect();
    assert_eq!(ids, [C, A, B]);
    let export: Value = serde_json::from_str(&ok(brief(&state).args([
        "export",
        "is:bookmarked",
        "--json",
    ])))
    .unwrap();
    let ids: Vec<&str> = export["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [C, A, B]);
    // A new bookmark goes to the end of the agenda as it now is.
    ok(brief(&state).args(["bookmarks", "add", "human-cost-of-war"]));
    assert_eq!(agenda(&state), [C, A, B, "human-cost-of-war"]);
    let file: Value = serde_json::from_slice(&fs::read(&state).unwrap()).unwrap();
    assert_eq!(file["version"], 1, "the file stays version 1");
}

#[test]
fn move_json_gives_the_new_agenda() {
    let dir = tempfile::tempdir().unwrap();
    let state = with_agenda(dir.path());
    let out = ok(brief(&state).args(["bookmarks", "move", A, "--to", "3", "--json"]));
    let rows: Value = serde_json::from_str(&out).unwrap();
    let ids: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [B, C, A]);
    assert_eq!(rows[2]["place"], 3);
}

#[test]
fn a_bad_move_says_why_exits_1_or_2_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let state = with_agenda(dir.path());
    let before = fs::read(&state).unwrap();
    let cases: [(&[&str], i32, &str); 6] = [
        (
            &["no-such-card", "--to", "1"],
            1,
            "'no-such-card' names no bookmark",
        ),
        (&["human-cost-of-war", "--to", "1"], 1, "is not bookmarked"),
        (&[A, "--to", "0"], 2, "from 1 to 3"),
        (&[A, "--to", "4"], 2, "from 1 to 3"),
        (&[A, "--to", "first"], 2, "invalid value 'first'"),
        (&[A], 2, "--to <N>"),
    ];
    for (args, code, says) in cases {
        let out = run(brief(&state).args(["bookmarks", "move"]).args(args));
        assert_eq!(out.code, Some(code), "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains(says), "{args:?}: {}", out.stderr);
        assert!(out.stdout.is_empty(), "{args:?}: {}", out.stdout);
        assert_eq!(
            fs::read(&state).unwrap(),
            before,
            "{args:?} changed the file"
        );
    }
    // Already there: nothing to write, and it says where it is.
    let out = ok(brief(&state).args(["bookmarks", "move", B, "--to", "2"]));
    assert_eq!(out, format!("moved {B} to place 2 of 3\n"));
    assert_eq!(fs::read(&state).unwrap(), before);
}

#[test]
fn an_older_state_file_lists_by_time_and_moves_and_stays_version_1() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let older = format!(
        r#"{{"bookmarks": {{"{A}": {{"added": 3}}, "{B}": {{"added": 1}}, "{C}": {{"added": 2}}}},
            "read": {{"{A}": 5}}}}"#
    );
    fs::write(&state, older).unwrap();
    assert_eq!(agenda(&state), [B, C, A]);
    ok(brief(&state).args(["bookmarks", "move", A, "--to", "2"]));
    assert_eq!(agenda(&state), [B, A, C]);
    let file: Value = serde_json::from_slice(&fs::read(&state).unwrap()).unwrap();
    assert_eq!(file["version"], 1);
    assert_eq!(file["read"][A], 5, "the rest of the file is kept");
}

/// Two processes at a time, over and over: each adds its own card and moves it to the top.
/// However the saves interleave, every card is kept, the agenda lists each once, and every
/// command reads one order.
#[test]
fn processes_adding_and_moving_at_once_lose_nothing_and_agree() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let cards: Vec<String> = ok(brief(&state).arg("list"))
        .lines()
        .map(|l| l.split(' ').next().unwrap().to_owned())
        .take(24)
        .collect();
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(2));
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let (state, barrier) = (state.clone(), barrier.clone());
            let mine: Vec<String> = cards.iter().skip(w).step_by(2).cloned().collect();
            thread::spawn(move || {
                barrier.wait();
                for id in &mine {
                    ok(brief(&state).args(["bookmarks", "add", id]));
                    ok(brief(&state).args(["bookmarks", "move", id, "--to", "1"]));
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap();
    }
    let order = agenda(&state);
    let mut sorted = order.clone();
    sorted.sort();
    let mut wanted = cards.clone();
    wanted.sort();
    assert_eq!(sorted, wanted, "a bookmark was lost or doubled");
    let list = ok(brief(&state).args(["list", "is:bookmarked"]));
    let listed: Vec<&str> = list.lines().map(|l| l.split(' ').next().unwrap()).collect();
    assert_eq!(listed, order);
}

fn headings(markdown: &str) -> Vec<String> {
    markdown
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_markdown_export_of_the_agenda_is_numbered_and_noted_leaves_out_cards_without_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let state = with_agenda(dir.path());
    ok(brief(&state).args(["bookmarks", "move", C, "--to", "1"]));
    let md = ok(brief(&state).args(["export", "is:bookmarked"]));
    let titles: Vec<String> = headings(&md)
        .into_iter()
        .filter(|h| h.starts_with("## "))
        .collect();
    assert_eq!(titles.len(), 3);
    assert!(
        titles[0].starts_with("## 1. Camille Grand: the four"),
        "{titles:?}"
    );
    assert!(titles[1].starts_with("## 2. Rutte succeeds"), "{titles:?}");
    assert!(
        titles[2].starts_with("## 3. Grand: the US should"),
        "{titles:?}"
    );
    assert!(md.contains("**Agenda**\n\n1. Camille Grand"), "{md}");
    assert!(md.contains("(in your agenda order)"), "{md}");
    // Any other query: not numbered.
    let other = ok(brief(&state).args(["export", "rutte"]));
    assert!(
        !other.contains("## 1. ") && !other.contains("**Agenda**"),
        "{other}"
    );

    // --noted: only the cards with a note, in Markdown and JSON.
    let file: Value = serde_json::from_slice(&fs::read(&state).unwrap()).unwrap();
    let mut file = file;
    file["notes"] = serde_json::json!({
        A: {"text": "raise first", "edited": 1},
        "human-cost-of-war": {"text": "not on the agenda", "edited": 2},
        B: {"text": "   ", "edited": 3}
    });
    fs::write(&state, serde_json::to_vec(&file).unwrap()).unwrap();
    let md = ok(brief(&state).args(["export", "is:bookmarked", "--noted"]));
    let titles: Vec<String> = headings(&md).into_iter().skip(1).collect();
    // Numbered by its place in the whole agenda: second.
    assert_eq!(
        titles,
        ["## 2. Rutte succeeds Stoltenberg as NATO Secretary General"]
    );
    assert!(
        md.contains("- 2\\. Rutte succeeds Stoltenberg as NATO Secretary General\n"),
        "{md}"
    );
    assert!(md.contains("cards with your note only"), "{md}");
    let json: Value =
        serde_json::from_str(&ok(brief(&state).args(["export", "--noted", "--json"]))).unwrap();
    let ids: Vec<&str> = json["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert!(ids.contains(&A) && ids.contains(&"human-cost-of-war"));
    assert_eq!(json["noted_only"], true);
    // Nothing noted matches: exit 1, as for any empty export.
    let out = run(brief(&state).args(["export", "--noted", "tag:no-such-tag"]));
    assert_eq!(out.code, Some(1));
}

/// A state file with notes on two cards of the pack (one bookmarked) and one that left it, the
/// notes holding Markdown and escapes.
fn noted_state(dir: &Path) -> std::path::PathBuf {
    let state = dir.join("state.json");
    let file = serde_json::json!({
        "version": 1,
        "bookmarks": {C: {"added": 1}},
        "notes": {
            A: {"text": "# not a heading\n*raise* <b>this</b> \u{1b}]0;x\u{7}first", "edited": 1},
            C: {"text": "1. not a list\n[link](http://x)", "edited": 2},
            "retired-card": {"text": "ask why it went", "edited": 3}
        }
    });
    fs::write(&state, serde_json::to_vec(&file).unwrap()).unwrap();
    state
}

#[test]
fn notes_as_markdown_are_a_brief_with_titles_citations_and_missing_cards() {
    let dir = tempfile::tempdir().unwrap();
    let state = noted_state(dir.path());
    let md = ok(brief(&state).args(["notes", "--format", "md"]));
    assert_eq!(
        headings(&md),
        [
            "# Notes",
            // The agenda first (numbered by its place there), then the pack's order.
            "## 1. Camille Grand: the four immediate challenges facing Rutte",
            "## Rutte succeeds Stoltenberg as NATO Secretary General",
            "## Notes on cards missing from the built-in pack",
            "### `retired-card`",
        ],
        "{md}"
    );
    assert!(md.contains("3 note(s)"), "{md}");
    // The short citations and the sources by name, as the card pane and the export give them.
    assert!(
        md.contains("`rutte-takes-office` · 004 ¶2 · 000 ¶2, 6"),
        "{md}"
    );
    assert!(
        md.contains("- 004: Camille Grand, European Council on Foreign Relations (ECFR) — ¶2"),
        "{md}"
    );
    assert!(md.contains("★ bookmarked"), "{md}");
    // The notes are escaped: no heading, list, link, HTML or escape sequence of their own.
    assert!(md.contains("> \\# not a heading"), "{md}");
    assert!(md.contains("> \\*raise\\* \\<b\\>this\\</b\\>"), "{md}");
    assert!(md.contains("> 1\\. not a list"), "{md}");
    assert!(md.contains("> \\[link\\](http://x)"), "{md}");
    assert!(!md.contains('\u{1b}'), "{md}");
    assert!(md.contains("> ask why it went"), "{md}");
}

#[test]
fn notes_go_to_a_file_atomically_and_never_over_one_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let state = noted_state(dir.path());
    let file = dir.path().join("notes.md");
    let out = run(brief(&state)
        .args(["notes", "--format", "md", "-o"])
        .arg(&file));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout.is_empty());
    assert!(out.stderr.contains("wrote 3 note(s) to"), "{}", out.stderr);
    let written = fs::read_to_string(&file).unwrap();
    assert!(written.starts_with("# Notes\n"), "{written}");
    assert!(
        !written.contains('\u{1b}'),
        "the file is inert too: {written}"
    );

    fs::write(&file, "mine").unwrap();
    let out = run(brief(&state)
        .args(["notes", "--format", "md", "-o"])
        .arg(&file));
    assert_eq!(out.code, Some(3));
    assert!(
        out.stderr.contains("already exists (use --force"),
        "{}",
        out.stderr
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), "mine");
    ok(brief(&state)
        .args(["notes", "--json", "--force", "-o"])
        .arg(&file));
    let json: Value = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 3);
    // --force needs -o; --json and --format are one choice.
    let out = run(brief(&state).args(["notes", "--force"]));
    assert_eq!(out.code, Some(2));
    let out = run(brief(&state).args(["notes", "--json", "--format", "md"]));
    assert_eq!(out.code, Some(2));
    // No notes: exit 1, in every format.
    let empty = dir.path().join("empty.json");
    for format in ["text", "md", "json"] {
        let out = run(brief(&empty).args(["notes", "--format", format]));
        assert_eq!(out.code, Some(1), "{format}");
    }
}

#[test]
fn the_manual_and_the_completions_know_the_new_subcommand_and_flags() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let man = ok(brief(&state).arg("man"));
    for word in ["move", "\\-\\-noted", "\\-\\-to"] {
        assert!(man.contains(word), "{word} not in the manual");
    }
    let bash = ok(brief(&state).args(["completions", "bash"]));
    for word in ["move", "--noted", "--to"] {
        assert!(bash.contains(word), "{word} not in the completions");
    }
}

//! End-to-end: the real `brief` binary in a pseudo-terminal, the screen read back with a vt100
//! parser and checked for what a person would see. Nothing depends on timing: each step waits
//! until the expected text is on the screen (up to a generous timeout), and the child is always
//! killed at the end.

#![allow(clippy::unwrap_used)]

use std::path::Path;

mod common;
use common::pty::{Session, scroll_start};

#[test]
fn a_first_time_users_journey() {
    let mut s = Session::start(80, 24);
    s.wait_for("card 1/37");
    s.wait_for("? help");

    s.send("j");
    s.wait_for("card 2/37");
    s.send("n");
    s.wait_for("card 3/37");
    s.send(" ");
    s.wait_until("the card to scroll", |screen| {
        scroll_start(screen).is_some_and(|n| n > 1)
    });
    s.send("G");
    // The header says `card 37/37`, or `37/37` when the unread count leaves no room for `card`.
    s.wait_for(" 37/37 ");
    s.send("g");
    s.wait_for("card 1/37");

    s.send("2");
    s.wait_for("theme:trump");
    s.wait_for("card 1/18");

    s.send("/rutte");
    s.wait_for("/rutte  theme:trump ─");
    s.send("\r");
    s.wait_for("/rutte theme:trump");
    s.wait_gone("Enter keep");

    s.send("b");
    s.wait_for("★ 1");
    s.wait_for("bookmarked:");

    s.send("?");
    s.wait_for("bookmark / un-bookmark");
    s.wait_for("toggle a theme filter");
    s.send("q");
    s.wait_gone("toggle a theme filter");

    s.send("q");
    assert!(s.wait_exit(), "brief did not quit on q");
    assert!(s.restored(), "terminal not restored after q");
}

// Bookmarks outlive the session once the state store is wired into `Command::Browse` (the
// browser's seam, src/tui/persist.rs, holds them in memory until then).
#[test]
fn reopening_finds_the_bookmark() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let env = [("BRIEF_STATE", state.to_str().unwrap())];
    let mut s = Session::start_with(80, 24, &env);
    s.wait_for("card 1/37");
    s.send("jb");
    s.wait_for("★ 1");
    s.send("q");
    assert!(s.wait_exit());
    drop(s);
    let mut s = Session::start_with(80, 24, &env);
    s.wait_for("★ 1");
    s.wait_for("card 2/37");
    s.send("B");
    s.wait_for(" 1/1 ");
    s.send("q");
    assert!(s.wait_exit());
}

/// The footer while typing: `/` and the line, whose cursor cell (a blank at the end) comes
/// before ` ─ N matches`.
fn typing(line: &str) -> String {
    format!("/{line}  ─")
}

#[test]
fn an_earlier_search_comes_back_with_up_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let env = [("BRIEF_STATE", state.to_str().unwrap())];
    let mut s = Session::start_with(80, 24, &env);
    s.wait_for("card 1/37");
    s.send("/rutte");
    s.wait_for(&typing("rutte"));
    s.send("\r");
    s.wait_for("/rutte ─");
    s.send("/");
    s.wait_for(&typing("rutte"));
    s.send("\x15grand\r"); // Ctrl-U clears the line
    s.wait_for("/grand ─");
    // Esc while typing puts back the search from before `/`.
    s.send("/ xyz");
    s.wait_for(&typing("grand xyz"));
    s.send("\x1b");
    s.wait_for("/grand ─");
    s.send("q");
    assert!(s.wait_exit());
    drop(s);
    let mut s = Session::start_with(80, 24, &env);
    s.wait_for("/grand ─");
    // `/` starts on "grand"; ↑↑ goes back to the first search (stepping over "grand").
    s.send("/\x1b[A\x1b[A");
    s.wait_for(&typing("rutte"));
    s.send("\x1b[B");
    s.wait_for(&typing("grand"));
    s.send("\x1b[A\r");
    s.wait_for("/rutte ─");
    // In the list, Esc clears the kept search.
    s.send("\x1b");
    s.wait_for("search cleared");
    s.wait_for("card 1/37");
    s.send("q");
    assert!(s.wait_exit());
}

#[test]
fn resizing_to_20x5_and_back_redraws() {
    let mut s = Session::start(80, 24);
    s.wait_for("card 1/37");
    s.resize(20, 5);
    s.wait_for("terminal too small");
    s.resize(100, 30);
    s.wait_for("brief ─");
    s.wait_gone("terminal too small");
    // Keys typed between two resizes were once seen lost under heavy load (not reproduced alone);
    // the keys here come after the redraw, so the test checks the redraw, not that race.
    s.send("jjj");
    s.wait_for("card 4/37");
    s.send("q");
    assert!(s.wait_exit());
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut s = Session::start(80, 24);
    s.wait_for("card 1/37");
    assert!(s.parser.screen().alternate_screen());
    let pid = s.child.process_id().unwrap();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    assert!(s.wait_exit(), "brief did not end on SIGTERM");
    assert!(s.restored(), "terminal not restored after SIGTERM");
    assert!(!s.parser.screen().alternate_screen());
}

#[test]
fn sighup_ends_brief_and_restores_the_terminal() {
    let mut s = Session::start(80, 24);
    s.wait_for("card 1/37");
    let pid = s.child.process_id().unwrap();
    let status = std::process::Command::new("kill")
        .args(["-HUP", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    assert!(s.wait_exit(), "brief did not end on SIGHUP");
    assert!(s.restored(), "terminal not restored after SIGHUP");
}

#[test]
fn refuses_without_a_terminal() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("needs a terminal"), "{err}");
}

#[test]
fn a_note_is_written_and_seen_again_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let env = [("BRIEF_STATE", state.to_str().unwrap())];
    let mut s = Session::start_with(80, 40, &env);
    s.wait_for("card 1/37");
    s.send("a");
    s.wait_for("✎ Note:");
    s.send("Ask about the timeline");
    s.wait_for("Ask about the timeline");
    // A bracketed paste goes in as text: its `q` does not quit, its line break is kept.
    s.send("\x1b[200~\rquote: pasted\x1b[201~");
    s.wait_for("quote: pasted");
    s.send("\x13"); // Ctrl-S
    s.wait_for("note saved");
    s.wait_gone("✎ Note:");
    s.send("q");
    assert!(s.wait_exit());
    drop(s);
    let mut s = Session::start_with(80, 40, &env);
    s.wait_for("card 1/37");
    s.wait_for("│> ✎");
    s.wait_for("✎ Your note");
    s.wait_for("Ask about the timeline");
    s.wait_for("quote: pasted");
    assert!(
        !s.screen().contains("timelinequote"),
        "the pasted line break is kept"
    );
    s.send("q");
    assert!(s.wait_exit());
}

#[test]
fn a_rebound_key_works_and_the_help_shows_it() {
    let config = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(config.path().join("brief")).unwrap();
    std::fs::write(
        config.path().join("brief/config.toml"),
        "[keys]\nselect_next = \"x\"\nfly_away = \"z\"\n",
    )
    .unwrap();
    let env = [("XDG_CONFIG_HOME", config.path().to_str().unwrap())];
    let mut s = Session::start_with(100, 30, &env);
    // The footer says how many problems and where to read them (each is listed by
    // `brief config`, tested in cli.rs).
    s.wait_for("1 config problem: `brief config` shows it and where");
    s.send("x");
    s.wait_for("card 2/37");
    s.send("?");
    s.wait_for("x / k ↑");
    s.send("q");
    s.send("q");
    assert!(s.wait_exit());
}

#[test]
fn e_exports_the_cards_shown_into_the_working_folder() {
    let cwd = tempfile::tempdir().unwrap();
    let mut s = Session::start_in(120, 30, &[], Some(cwd.path()));
    s.wait_for("card 1/37");
    s.send("2");
    s.wait_for("theme:trump");
    s.send("e");
    s.wait_for("exported to");
    let files: Vec<_> = std::fs::read_dir(cwd.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let name = &files[0];
    assert!(
        name.starts_with("brief-export-") && name.ends_with(".md"),
        "{name}"
    );
    s.wait_for(name);
    let text = std::fs::read_to_string(cwd.path().join(name)).unwrap();
    assert!(text.contains("`theme:trump`"), "{text}");
    assert_eq!(text.matches("\n## ").count(), 18);
    s.send("q");
    assert!(s.wait_exit());
}

/// Bytes of a planted sequence that must never reach the terminal from the hostile pack.
const PLANTED: &[(&str, &[u8])] = &[
    ("OSC (window title, clipboard)", b"\x1b]"),
    ("BEL", b"\x07"),
    ("C1 CSI as UTF-8", "\u{9b}".as_bytes()),
    ("C1 OSC as UTF-8", "\u{9d}".as_bytes()),
    ("RLO", "\u{202e}".as_bytes()),
    ("LRI", "\u{2066}".as_bytes()),
    ("PDI", "\u{2069}".as_bytes()),
    ("backspace", b"\x08"),
    ("carriage return inside text", b"and\rreturn"),
    ("title payload", b"pwned"),
    ("clipboard payload", b"cm0gLXJm"),
    ("blink from a card", b"\x1b[5m"),
];

#[test]
fn a_hostile_pack_changes_nothing_on_the_terminal() {
    let pack = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile-pack");
    let mut s = Session::start_with(120, 40, &[("BRIEF_PACK", pack.to_str().unwrap())]);
    s.wait_for("Evil title red enil");
    s.send("j");
    s.wait_for("Card plain");
    s.send("k?");
    s.wait_for("quit");
    s.send("q/evil");
    s.wait_for("/evil");
    s.send("\r");
    s.send("q");
    assert!(s.wait_exit());
    for (what, bytes) in PLANTED {
        assert!(
            !s.raw.windows(bytes.len()).any(|w| w == *bytes),
            "{what} reached the terminal"
        );
    }
    assert!(
        s.raw.windows(7).any(|w| w == b"Ukraine"),
        "visible text of the theme label is kept"
    );
}

/// Environment variables for a session.
type Env<'a> = &'a [(&'a str, &'a str)];

/// Whether the program wrote any colour (a foreground or background other than the default).
fn wrote_colour(raw: &[u8]) -> bool {
    let text = String::from_utf8_lossy(raw);
    text.contains("38;5;") || text.contains("48;5;")
}

/// Whether the first list row's marker (`>`, the selected card) is drawn in reverse video.
fn selection_reversed(s: &Session) -> bool {
    let screen = s.parser.screen();
    (0..screen.size().0.get()).any(|row| {
        screen
            .cell(row, 1)
            .is_some_and(|c| c.contents() == ">" && c.inverse())
    })
}

// Under NO_COLOR, `--color always` drew no colour at all: crossterm dropped every colour on its
// own and wrote `ESC[;m` (a full reset) instead, which also undid the selection's reverse video.
#[test]
fn color_always_wins_over_no_color() {
    let mut s = Session::start_args(80, 24, &["--color", "always"], &[("NO_COLOR", "1")], None);
    s.wait_for("card 1/37");
    assert!(wrote_colour(&s.raw), "no colour with --color always");
    assert!(selection_reversed(&s), "selection not in reverse video");
    s.send("q");
    assert!(s.wait_exit());
}

// Without colour (NO_COLOR, or `--color never`) the selection must still show by reverse video.
#[test]
fn without_colour_the_selection_is_reverse_video() {
    let no_color: (&[&str], Env<'_>) = (&[], &[("NO_COLOR", "1")]);
    let never: (&[&str], Env<'_>) = (&["--color", "never"], &[]);
    for (args, env) in [no_color, never] {
        let mut s = Session::start_args(80, 24, args, env, None);
        s.wait_for("card 1/37");
        assert!(!wrote_colour(&s.raw), "colour with {args:?} {env:?}");
        assert!(
            selection_reversed(&s),
            "no reverse video with {args:?} {env:?}"
        );
        s.send("q");
        assert!(s.wait_exit());
    }
}

// The viewer on a pack file (the built-in pack, built), which it reads card by card as it shows
// them: the first card's whole title in the card pane, a search through the file's index, quit.
#[test]
fn the_viewer_opens_a_pack_file_shows_the_first_card_and_searches() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("briefings.brief");
    let briefings = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings");
    let built = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["build".as_ref(), briefings.as_os_str(), "-o".as_ref()])
        .arg(&file)
        .env_remove("BRIEF_PACK")
        .env_remove("BRIEF_CONFIG")
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("BRIEF_STATE", dir.path().join("state.json"))
        .output()
        .unwrap();
    assert!(built.status.success(), "{built:?}");
    let env = [("BRIEF_PACK", file.to_str().unwrap())];
    let mut s = Session::start_with(120, 40, &env);
    s.wait_for("card 1/37");
    s.wait_for("│ Rutte to Trump (FT): a suboptimal Ukraine deal could bring");
    s.send("/burden");
    s.wait_for(&typing("burden"));
    s.send("\r");
    s.wait_for("/burden ─");
    s.wait_until("fewer cards", |screen| {
        screen.contains("card 1/") && !screen.contains("card 1/37")
    });
    s.send("q");
    assert!(s.wait_exit(), "brief did not quit on q");
    assert!(s.restored(), "terminal not restored after q");
}

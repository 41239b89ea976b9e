//! End-to-end journeys of the meeting-prep flow in the real binary (in a pseudo-terminal, see
//! `common::pty`): reading on with Space, ordering the agenda, and undoing a note's removal.
//! Each checks afterwards, through the command line, what the state file holds.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

mod common;
use common::pty::Session;

/// A state file and a config folder of their own for one journey.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    /// A fresh home whose config file holds `config`.
    fn new(config: &str) -> Home {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("config/brief")).unwrap();
        std::fs::write(dir.path().join("config/brief/config.toml"), config).unwrap();
        Home { dir }
    }

    fn state(&self) -> PathBuf {
        self.dir.path().join("state.json")
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    /// Starts the browser on this home at `cols`×`rows`, in `cwd`.
    fn browse(&self, cols: u16, rows: u16, cwd: Option<&Path>) -> Session {
        let (state, config) = (self.state(), self.config());
        let env = [
            ("BRIEF_STATE", state.to_str().unwrap()),
            ("XDG_CONFIG_HOME", config.to_str().unwrap()),
        ];
        Session::start_in(cols, rows, &env, cwd)
    }

    /// `brief ARGS` on this home's state file: its standard output.
    fn brief(&self, args: &[&str]) -> String {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
            .args(args)
            .env("BRIEF_STATE", self.state())
            .env("XDG_CONFIG_HOME", self.config())
            .env_remove("BRIEF_PACK")
            .env_remove("BRIEF_CONFIG")
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    }

    /// The ids `brief list QUERY --json` gives, in its order.
    fn list(&self, query: &[&str]) -> Vec<String> {
        let mut args = vec!["list"];
        args.extend(query);
        args.push("--json");
        let text = self.brief(&args);
        let cards: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap_or_default();
        cards
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
    }
}

/// The card pane's bottom border (with its ` 13–24 of 46 ` indicator): the screen's last line
/// that draws one. It is drawn after the header, so when it has changed the header has too.
fn card_bottom(screen: &str) -> String {
    screen
        .lines()
        .rfind(|l| l.contains(" of ") && l.contains('┘'))
        .unwrap_or_default()
        .to_string()
}

/// Presses Space once and waits for the card pane to show its effect.
fn space(s: &mut Session) {
    s.wait_drawn("a whole frame", |_| true);
    let before = card_bottom(&s.screen());
    s.send(" ");
    s.wait_drawn("Space to scroll or go on", |screen| {
        card_bottom(screen) != before
    });
}

// The journey the issue names: on a fresh state, Space from the first card reads on, a page at
// a time, to the fourth; the three cards it went through are read, and only them (arriving at
// the fourth does not read it). `read_after = 0` leaves the time a card stays on the screen out.
#[test]
fn space_reads_the_first_three_cards_and_only_them() {
    let home = Home::new("read_after = 0\n");
    let all = home.list(&[]);
    assert_eq!(all.len(), 37);
    let mut s = home.browse(80, 24, None);
    s.wait_for("card 1/37");
    let mut presses = 0;
    while !s.screen().contains(" 4/37 ") {
        space(&mut s);
        presses += 1;
        assert!(presses < 100, "Space never reached the fourth card");
    }
    assert!(presses > 3, "each card took a page or more");

    s.send("q");
    assert!(s.wait_exit());
    let unread = home.list(&["is:unread"]);
    assert_eq!(unread, all[3..], "read: exactly the first three");
}

// Remove a note (open the editor, clear it, Ctrl-S), then `u` brings the whole note back, and
// the state file holds it at once.
#[test]
fn a_removed_note_comes_back_with_u() {
    let home = Home::new("");
    let mut s = home.browse(80, 40, None);
    s.wait_for("card 1/37");
    let note = "Raise the 5% target";
    s.send("a");
    s.wait_for("✎ Note:");
    s.send(note);
    s.wait_for(note);
    s.send("\x13"); // Ctrl-S
    s.wait_for("note saved");
    s.send("a");
    s.wait_for("✎ Note:");
    s.send(&"\x7f".repeat(note.len())); // Backspace
    s.send("\x13");
    s.wait_for("note removed");
    assert_eq!(home.brief(&["notes", "--json"]).trim(), "[]");
    s.send("u");
    s.wait_for("undone: ✎ note saved");
    let notes = home.brief(&["notes", "--json"]);
    assert!(notes.contains(note), "{notes}");
    s.send("q");
    assert!(s.wait_exit());
    assert!(home.brief(&["notes"]).contains(note));
}

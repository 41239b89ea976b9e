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

/// Each card's title, by id, from `brief list --json`.
fn titles(home: &Home) -> std::collections::HashMap<String, String> {
    let text = home.brief(&["list", "--json"]);
    let cards: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    cards
        .iter()
        .map(|c| {
            let id = c["id"].as_str().unwrap().to_string();
            (id, c["title"].as_str().unwrap().to_string())
        })
        .collect()
}

/// Where each of `titles` first appears in `text` (after `from`), in the order given.
fn places(text: &str, titles: &[&str]) -> Vec<Option<usize>> {
    titles.iter().map(|t| text.find(t)).collect()
}

/// The list pane's text: the left `width` columns of each screen line.
fn list_pane(screen: &str, width: usize) -> String {
    screen
        .lines()
        .map(|l| l.chars().take(width).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

// Bookmark three cards, put them in another order with K and J, quit and reopen: the order is
// kept; `e` in the bookmarks view exports them in that order, as `brief export is:bookmarked`
// and `brief bookmarks list` do.
#[test]
fn the_agenda_is_ordered_kept_and_exported_in_order() {
    let home = Home::new("");
    let all = home.list(&[]);
    let titles = titles(&home);
    let short = |id: &String| titles[id].chars().take(30).collect::<String>();
    let cwd = tempfile::tempdir().unwrap();
    let mut s = home.browse(120, 30, Some(cwd.path()));
    s.wait_for("card 1/37");
    s.send("b");
    s.wait_for("★ 1");
    s.send("jb");
    s.wait_for("★ 2");
    s.send("jb");
    s.wait_for("★ 3");
    s.send("B");
    s.wait_for("card 3/3");
    // The third goes to the top, then the first (now second) to the bottom: 3, 2, 1.
    s.send("K");
    s.wait_for("moved to 2 of 3 in the agenda");
    s.send("K");
    s.wait_for("moved to 1 of 3 in the agenda");
    s.wait_for("card 1/3");
    s.send("j");
    s.wait_for("card 2/3");
    s.send("J");
    s.wait_for("moved to 3 of 3 in the agenda");
    s.wait_for("card 3/3");
    s.send("q");
    assert!(s.wait_exit());
    drop(s);

    let agenda = [all[2].clone(), all[1].clone(), all[0].clone()];
    let want: Vec<String> = agenda.iter().map(short).collect();
    let want: Vec<&str> = want.iter().map(String::as_str).collect();
    let mut s = home.browse(120, 30, Some(cwd.path()));
    s.wait_for("is:bookmarked");
    s.wait_drawn("the bookmarks in their order", |screen| {
        let at = places(&list_pane(screen, 48), &want);
        at.iter().all(Option::is_some) && at.windows(2).all(|w| w[0] < w[1])
    });
    s.send("e");
    s.wait_for("exported to");
    s.send("q");
    assert!(s.wait_exit());

    let files: Vec<_> = std::fs::read_dir(cwd.path()).unwrap().collect();
    assert_eq!(files.len(), 1);
    let export = std::fs::read_to_string(files[0].as_ref().unwrap().path()).unwrap();
    let full: Vec<&str> = agenda.iter().map(|id| titles[id].as_str()).collect();
    let at = places(&export, &full);
    assert!(
        at.windows(2).all(|w| w[0].is_some() && w[0] < w[1]),
        "{export}"
    );
    let cli = home.brief(&["export", "is:bookmarked"]);
    let at = places(&cli, &full);
    assert!(
        at.windows(2).all(|w| w[0].is_some() && w[0] < w[1]),
        "{cli}"
    );
    let listed = home.brief(&["bookmarks", "list", "--json"]);
    let at = places(
        &listed,
        &agenda.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    assert!(
        at.windows(2).all(|w| w[0].is_some() && w[0] < w[1]),
        "{listed}"
    );
}

//! A pack file written by a hostile builder (this test's own writer): escape sequences, C0 and
//! C1 controls and bidi controls in the title table, the cards, the themes and the sources, and
//! invalid UTF-8 where strings go. What brief reads out of the file is sanitized as a folder's
//! text is at load; no subcommand, and no viewer, lets any of it reach the terminal.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use brief::corpus::{Corpus, Queries};
use brief::pack::LoadOptions;

use super::fixtures::fixture;
use super::writer::{Card, pack_file, patch};
use super::{brief, run};

/// The hostile pack folder's own files, written into a pack file as they are: the titles in the
/// title table are the raw (decoded, unsanitized) titles of its cards.
fn hostile_file(dir: &Path) -> PathBuf {
    let pack = fixture("hostile-pack");
    let read = |name: &str| std::fs::read(pack.join(name)).unwrap();
    let cards: Vec<(String, Vec<u8>, Vec<u8>)> = ["hostile", "plain"]
        .iter()
        .map(|id| {
            let json = read(&format!("cards/{id}.json"));
            let value: serde_json::Value = serde_json::from_slice(&json).unwrap();
            let title = value["title"].as_str().unwrap().as_bytes().to_vec();
            ((*id).to_string(), title, json)
        })
        .collect();
    let cards: Vec<Card<'_>> = cards
        .iter()
        .map(|(id, t, j)| (id.as_str(), &t[..], &j[..], 1))
        .collect();
    let path = dir.join("hostile.brief");
    std::fs::write(
        &path,
        pack_file(&cards, &read("themes.json"), &read("sources.json")),
    )
    .unwrap();
    path
}

/// No control character, bidi control or their JSON escapes in `bytes`.
fn assert_inert(bytes: &[u8], what: &str) {
    let text = String::from_utf8_lossy(bytes);
    for c in text.chars() {
        let bad = matches!(c, '\u{1b}' | '\u{7}' | '\u{8}' | '\r' | '\u{7f}'..='\u{9f}')
            || brief::base::sanitize::is_bidi_control(c);
        assert!(!bad, "{what}: found U+{:04X} in {text:?}", c as u32);
    }
    let lower = text.to_lowercase();
    for escape in ["\\u001b", "\\u0007", "\\u009b", "\\u202e", "\\u2066"] {
        assert!(!lower.contains(escape), "{what}: found {escape} in {text}");
    }
}

#[test]
fn what_is_read_out_of_a_hostile_file_is_sanitized_as_at_load() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_file(dir.path());
    let corpus = Corpus::open_file(&file, &LoadOptions::default(), Queries::One).unwrap();
    let title = corpus.title_at(0).unwrap();
    assert_eq!(title, "Evil title red enil");
    let card = corpus.card_at(0).unwrap();
    assert_eq!(
        card.title, title,
        "the card and the title table agree once sanitized"
    );
    let all = format!("{:?} {:?} {:?}", card, corpus.themes(), corpus.sources());
    assert!(
        !all.contains("\\u{1b}") && !all.contains("\\u{9b}") && !all.contains("\\u{202e}"),
        "{all}"
    );
    // Read, it is clean; but its title table is not the one brief build makes of its cards,
    // and validate says so.
    let (code, out, err) = run(brief(dir.path()).arg("validate").arg(&file));
    assert!(
        code == 3 && err.contains("cards.titles: ") && err.contains("not built by brief build"),
        "{out}{err}"
    );
}

#[test]
fn no_subcommand_prints_a_control_from_a_hostile_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_file(dir.path());
    for args in [
        &["show", "hostile"][..],
        &["show", "hostile", "--json"],
        &["list"],
        &["list", "--json"],
        &["list", "evil", "--json"],
        &["themes"],
        &["themes", "--json"],
        &["bookmarks", "add", "hostile"],
        &["bookmarks", "list"],
        &["bookmarks", "list", "--json"],
        &["notes"],
        &["export"],
        &["export", "--format", "json"],
    ] {
        let out = brief(dir.path())
            .arg("--pack")
            .arg(&file)
            .args(args)
            .output()
            .unwrap();
        // `notes` finds none: exit 1.
        let want = i32::from(args[0] == "notes");
        assert_eq!(
            out.status.code(),
            Some(want),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_inert(&out.stdout, &format!("{args:?} stdout"));
        assert_inert(&out.stderr, &format!("{args:?} stderr"));
    }
    for args in [
        &["validate"][..],
        &["validate", "--json"],
        &["verify"],
        &["verify", "--json"],
    ] {
        let out = brief(dir.path()).args(args).arg(&file).output().unwrap();
        // validate refuses the file (its title table is not one brief build makes), inertly.
        let want = if args[0] == "validate" { 3 } else { 0 };
        assert!(
            out.status.code() == Some(want),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_inert(&out.stdout, &format!("{args:?} stdout"));
    }
}

#[test]
fn invalid_utf8_and_controls_where_brief_wants_clean_strings_are_refused_inertly() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read(hostile_file(dir.path())).unwrap();
    let path = dir.path().join("broken.brief");
    let id_table = |id: &[u8]| super::writer::strings(&[id, b"plain"]);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "an id with an OSC",
            patch(&good, "cards.ids", |v| {
                *v = id_table(b"ho\x1b]0;pwned\x07stile");
            }),
            "cards.ids: card 0: id 'ho\\u{1b}]0;pwned\\u{7}stile'",
        ),
        (
            "an id not UTF-8",
            patch(&good, "cards.ids", |v| *v = id_table(b"ho\xffstile")),
            "cards.ids: card 0",
        ),
        (
            "a title not UTF-8",
            patch(&good, "cards.titles", |v| {
                *v = super::writer::strings(&[b"Evil \xc0\x80", b"Card plain"]);
            }),
            "cards.titles: card 0: title is not UTF-8",
        ),
        (
            "a title of controls only",
            patch(&good, "cards.titles", |v| {
                *v = super::writer::strings(&[b"\x1b[2J\xc2\x9b\xe2\x80\xae", b"Card plain"]);
            }),
            "cards.titles: card 0: title is empty",
        ),
        (
            "themes not UTF-8",
            patch(&good, "pack.themes", |v| v[20] = 0xFF),
            "pack.themes: ",
        ),
    ];
    for (what, bytes, says) in cases {
        std::fs::write(&path, bytes).unwrap();
        let out = brief(dir.path())
            .arg("--pack")
            .arg(&path)
            .arg("list")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{what}: {err}");
        assert!(err.contains(says), "{what}: {err}");
        assert_eq!(err.lines().count(), 1, "{what}: {err}");
        assert_inert(&out.stdout, what);
        assert_inert(&out.stderr, what);
    }
}

/// Bytes of a planted sequence that must never reach the terminal from the hostile file.
const PLANTED: &[(&str, &[u8])] = &[
    ("OSC (window title, clipboard)", b"\x1b]"),
    ("BEL", b"\x07"),
    ("C1 CSI as UTF-8", "\u{9b}".as_bytes()),
    ("RLO", "\u{202e}".as_bytes()),
    ("LRI", "\u{2066}".as_bytes()),
    ("backspace", b"\x08"),
    ("title payload", b"pwned"),
    ("clipboard payload", b"cm0gLXJm"),
    ("blink from a card", b"\x1b[5m"),
];

#[test]
fn the_viewer_on_a_hostile_file_changes_nothing_on_the_terminal() {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_file(dir.path());
    let size = PtySize {
        rows: 40,
        cols: 120,
        pixel_width: 0,
        pixel_height: 0,
    };
    let pair = native_pty_system().openpty(size).unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_brief"));
    cmd.env("TERM", "xterm-256color");
    cmd.env("BRIEF_PACK", &file);
    cmd.env("BRIEF_STATE", dir.path().join("state.json"));
    cmd.env("XDG_CONFIG_HOME", dir.path().join("config"));
    cmd.env_remove("BRIEF_CONFIG");
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut writer = pair.master.take_writer().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut raw = Vec::new();
    let nz = |n: u16| std::num::NonZeroU16::new(n).unwrap();
    let mut parser = vt100::Parser::new(nz(40), nz(120), 0);
    let mut wait_for = |text: &str, raw: &mut Vec<u8>| {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !parser.screen().contents().contains(text) {
            assert!(
                Instant::now() < deadline,
                "never saw {text:?}: {}",
                parser.screen().contents()
            );
            if let Ok(bytes) = rx.recv_timeout(Duration::from_millis(50)) {
                parser.process(&bytes);
                raw.extend_from_slice(&bytes);
            }
        }
    };
    wait_for("Evil title red", &mut raw);
    writer.write_all(b"j").unwrap();
    wait_for("Card plain", &mut raw);
    writer.write_all(b"q").unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "the viewer did not quit");
        if let Ok(bytes) = rx.recv_timeout(Duration::from_millis(50)) {
            raw.extend_from_slice(&bytes);
        }
    }
    while let Ok(bytes) = rx.recv_timeout(Duration::from_millis(100)) {
        raw.extend_from_slice(&bytes);
    }
    for (what, bytes) in PLANTED {
        assert!(
            !raw.windows(bytes.len()).any(|w| w == *bytes),
            "{what} reached the terminal"
        );
    }
}

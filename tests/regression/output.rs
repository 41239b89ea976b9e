//! Regression tests: strings from outside reaching the terminal, and the config's trust settings.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::common::{brief, fifo as make_fifo};
use super::fixtures::{copy_of, fixture};

/// A file name that retitles the window and writes the clipboard when printed raw.
const OSC_NAME: &str = "\u{1b}]0;pwned\u{7}\u{1b}]52;c;aGFja2Vk\u{7}\u{202e}txt";

/// Fails if `bytes` hold anything a terminal would obey: ESC, BEL, BS, CR, a C1 control, a bidi
/// control, raw or as a JSON escape that a consumer would decode back into one.
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

fn key_file() -> PathBuf {
    fixture("signed-pack.pub")
}

// `brief verify DIR` printed the names of files missing from the manifest without sanitizing
// them: a file named with an OSC 52 sequence, dropped into a well-signed pack, retitled the window
// and wrote the clipboard.
#[test]
fn verify_shows_a_file_named_with_osc_52_escaped_not_obeyed() {
    let home = tempfile::tempdir().unwrap();
    let pack = copy_of("signed-pack");
    std::fs::write(pack.path().join(OSC_NAME), "x").unwrap();
    for json in [false, true] {
        let mut cmd = brief(home.path());
        cmd.arg("verify")
            .arg(pack.path())
            .arg("--key")
            .arg(key_file());
        if json {
            cmd.arg("--json");
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(3));
        assert_inert(&out.stdout, "verify stdout");
        assert_inert(&out.stderr, "verify stderr");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains("\\u{1b}]52;c;aGFja2Vk"), "{stdout}");
    }
}

// The same name in a `--require-signed` refusal reached the terminal raw.
#[test]
fn a_require_signed_refusal_shows_the_hostile_name_escaped() {
    let home = tempfile::tempdir().unwrap();
    let pack = copy_of("signed-pack");
    std::fs::write(pack.path().join(OSC_NAME), "x").unwrap();
    let out = brief(home.path())
        .arg("--pack")
        .arg(pack.path())
        .args(["--require-signed", "--key"])
        .arg(key_file())
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert_inert(&out.stderr, "refusal");
    assert!(String::from_utf8_lossy(&out.stderr).contains("\\u{1b}]0;pwned"));
}

// `brief manifest DIR` and a manifest entry with an unsafe, hostile name.
#[test]
fn manifest_messages_and_entries_are_inert() {
    let home = tempfile::tempdir().unwrap();
    let pack = copy_of("good-pack");
    let dir = pack.path().join(OSC_NAME);
    std::fs::create_dir(&dir).unwrap();
    let out = brief(home.path())
        .arg("manifest")
        .arg(&dir)
        .output()
        .unwrap();
    assert_inert(&out.stdout, "manifest stdout");
    assert_inert(&out.stderr, "manifest stderr");
    let entry = format!("{{\"version\":1,\"files\":{{\"../{OSC_NAME}\":\"00\"}}}}");
    std::fs::write(pack.path().join("manifest.json"), entry).unwrap();
    let out = brief(home.path())
        .arg("verify")
        .arg(pack.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert_inert(&out.stderr, "manifest entry");
}

/// A state file whose notes, ids, agenda ranks and search history hold escapes, a C1 CSI and bidi
/// controls, as a hand edit or a hostile merge could leave them.
fn hostile_state(dir: &Path) -> PathBuf {
    let note = "note \u{1b}]0;pwned\u{7} \u{9b}31m red \u{202e}desrever\u{2066} end";
    let state = serde_json::json!({
        "version": 1,
        "bookmarks": {
            "hostile": {"added": 1, "rank": "\u{1b}]0;rank\u{7}", "moved": "\u{9b}1m"},
            "gone\u{1b}]0;x\u{7}": {"added": 2, "rank": "V"}
        },
        "notes": {
            "hostile": {"text": note, "edited": 1},
            "gone\u{202e}": {"text": note, "edited": 2}
        },
        "unread": {"hostile\u{1b}[2J": 3},
        "history": [note, "\u{1b}]52;c;aGFja2Vk\u{7}", 7]
    });
    let path = dir.join("state.json");
    std::fs::write(&path, serde_json::to_vec(&state).unwrap()).unwrap();
    path
}

// Notes from the state file passed U+202E raw through `bookmarks list --json` and `export
// --format json` (the text commands sanitized them, the JSON ones did not).
#[test]
fn notes_from_the_state_file_are_inert_in_every_format() {
    let home = tempfile::tempdir().unwrap();
    let state = hostile_state(home.path());
    let pack = fixture("hostile-pack");
    for args in [
        vec!["bookmarks", "list", "--json"],
        vec!["bookmarks", "list"],
        vec!["notes", "--json"],
        vec!["notes"],
        vec!["export", "--format", "json"],
        vec!["export", "--format", "json", "is:bookmarked"],
        vec!["export"],
        vec!["export", "is:bookmarked"],
        vec!["export", "--noted"],
        vec!["export", "--noted", "--json", "is:bookmarked"],
        vec!["notes", "--format", "md"],
        vec!["bookmarks", "move", "hostile", "--to", "2", "--json"],
        vec!["bookmarks", "move", "hostile", "--to", "1"],
        vec!["list", "is:bookmarked", "--json"],
    ] {
        let out = brief(home.path())
            .arg("--state")
            .arg(&state)
            .arg("--pack")
            .arg(&pack)
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {out:?}");
        assert_inert(&out.stdout, &format!("{args:?} stdout"));
        assert_inert(&out.stderr, &format!("{args:?} stderr"));
        // The visible text is kept: the state file was read, not set aside.
        let stdout = String::from_utf8_lossy(&out.stdout);
        if args[0] != "list" && !args.contains(&"--to") {
            assert!(stdout.contains("desrever"), "{args:?}: {stdout}");
        }
    }
}

// What `-o FILE` writes never passes the output guard on stdout: the notes brief and the export
// must be inert by themselves.
#[test]
fn notes_and_exports_written_to_a_file_are_inert() {
    let home = tempfile::tempdir().unwrap();
    let state = hostile_state(home.path());
    let pack = fixture("hostile-pack");
    for (n, args) in [
        vec!["notes", "--format", "md"],
        vec!["notes", "--format", "json"],
        vec!["notes"],
        vec!["export", "--noted"],
        vec!["export", "is:bookmarked"],
        vec!["export", "--json", "--noted"],
    ]
    .into_iter()
    .enumerate()
    {
        let file = home.path().join(format!("out-{n}"));
        let out = brief(home.path())
            .arg("--state")
            .arg(&state)
            .arg("--pack")
            .arg(&pack)
            .args(&args)
            .arg("-o")
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {out:?}");
        let written = std::fs::read(&file).unwrap();
        assert_inert(&written, &format!("{args:?} file"));
        assert!(
            String::from_utf8_lossy(&written).contains("desrever"),
            "{args:?}"
        );
    }
}

// Every subcommand, fed hostile input from every side at once (pack text, a file name in the
// pack, the state file, the config, the command line), prints nothing a terminal would obey.
#[test]
fn every_subcommand_output_is_inert() {
    let home = tempfile::tempdir().unwrap();
    let state = hostile_state(home.path());
    let pack = copy_of("hostile-pack");
    std::fs::write(pack.path().join(OSC_NAME), "x").unwrap();
    std::fs::write(
        pack.path().join("cards").join(format!("{OSC_NAME}.json")),
        "{",
    )
    .unwrap();
    let config = home.path().join("config.toml");
    let bad_key = "\u{1b}]0;pwned\u{7}";
    std::fs::write(
        &config,
        format!("color = \"{bad_key}\"\n\"{bad_key}\" = 1\n[keys]\n\"{bad_key}\" = \"{bad_key}\"\n[colors]\naccent = \"{bad_key}\"\n"),
    )
    .unwrap();
    let osc = "\u{1b}]52;c;aGFja2Vk\u{7}";
    let hostile_query = format!("evil {osc}");
    let runs: Vec<Vec<&str>> = vec![
        vec!["list"],
        vec!["list", "--json"],
        vec!["list", &hostile_query],
        vec!["list", "((", osc],
        vec!["show", "hostile"],
        vec!["show", "hostile", "--json"],
        vec!["show", osc],
        vec!["themes"],
        vec!["themes", "--json"],
        vec!["validate"],
        vec!["validate", "--json"],
        vec!["verify"],
        vec!["verify", "--json"],
        vec!["bookmarks", "list"],
        vec!["bookmarks", "list", "--json"],
        vec!["bookmarks", "add", osc],
        vec!["bookmarks", "rm", osc],
        vec!["bookmarks", "move", osc, "--to", "1"],
        vec!["bookmarks", "move", "hostile", "--to", osc],
        vec!["bookmarks", "move", "hostile", "--to", "9"],
        vec!["bookmarks", "move", "hostile", "--to", "2", "--json"],
        vec!["notes"],
        vec!["notes", "--json"],
        vec!["notes", "--format", "md"],
        vec!["notes", "--format", osc],
        vec!["export"],
        vec!["export", "--format", "json"],
        vec!["export", &hostile_query],
        vec!["export", "is:bookmarked", "--noted"],
        vec!["export", "--noted", "--format", "json", &hostile_query],
        vec!["config"],
        vec![osc],
        vec!["list", "--frobnicate", osc],
    ];
    for args in runs {
        let out = brief(home.path())
            .arg("--config")
            .arg(&config)
            .arg("--state")
            .arg(&state)
            .arg("--pack")
            .arg(pack.path())
            .args(&args)
            .timeout(Duration::from_secs(30))
            .output()
            .unwrap();
        assert!(out.status.code().is_some(), "{args:?} ended by a signal");
        assert_inert(&out.stdout, &format!("{args:?} stdout"));
        assert_inert(&out.stderr, &format!("{args:?} stderr"));
    }
    let out = brief(home.path())
        .arg("manifest")
        .arg(pack.path())
        .output()
        .unwrap();
    assert_inert(&out.stdout, "manifest stdout");
    assert_inert(&out.stderr, "manifest stderr");
}

/// An unsigned pack: the good fixture, whose folder has no manifest.
fn unsigned_pack() -> PathBuf {
    fixture("good-pack")
}

fn key_string() -> String {
    let text = std::fs::read_to_string(key_file()).unwrap();
    text.lines().nth(1).unwrap().to_string()
}

// One mistake in the config (here an unknown setting and a bad colour) threw the whole config
// away, `require_signed = true` and `trusted_keys` with it: an unsigned pack then opened with
// exit 0, and only the first mistake was reported.
#[test]
fn one_config_mistake_no_longer_turns_off_require_signed() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config.toml");
    let text = format!(
        "colour = \"never\"\nrequire_signed = true\ntrusted_keys = [\"{}\"]\ncolor = sometimes\n[keys]\nquit = 5\n",
        key_string()
    );
    std::fs::write(&config, text).unwrap();
    let out = brief(home.path())
        .arg("--config")
        .arg(&config)
        .arg("--pack")
        .arg(unsigned_pack())
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("refusing the pack (--require-signed)"),
        "{stderr}"
    );
    for place in [
        "config.toml:1:1: ",
        "config.toml:4:9: ",
        "config.toml:6:8: ",
    ] {
        assert!(stderr.contains(place), "{place} in {stderr}");
    }
    let out = brief(home.path())
        .arg("--config")
        .arg(&config)
        .arg("config")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.matches("config.toml:").count(), 3, "{stdout}");
}

// A config whose require_signed cannot be read must not quietly fall back to "not required":
// it fails closed for packs from disk, and the built-in pack still opens.
#[test]
fn a_config_whose_require_signed_cannot_be_read_fails_closed() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config.toml");
    std::fs::write(&config, "require_signed = yes\n").unwrap();
    let run = |pack: Option<&Path>| {
        let mut cmd = brief(home.path());
        cmd.arg("--config").arg(&config);
        if let Some(pack) = pack {
            cmd.arg("--pack").arg(pack);
        }
        cmd.arg("themes").output().unwrap()
    };
    let out = run(Some(&unsigned_pack()));
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("config.toml:1:18: "), "{stderr}");
    assert!(stderr.contains("no pack is opened from disk"), "{stderr}");
    assert_eq!(run(None).status.code(), Some(0));
}

// A FIFO given as the config file hung brief forever with no message; an unreadable config may
// have held require_signed, so packs from disk are refused until it is fixed.
#[cfg(unix)]
#[test]
fn a_fifo_as_the_config_file_is_refused_at_once() {
    let home = tempfile::tempdir().unwrap();
    let fifo = home.path().join("config.toml");
    make_fifo(&fifo);
    let out = brief(home.path())
        .arg("--config")
        .arg(&fifo)
        .arg("themes")
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is a FIFO, not a regular file"), "{stderr}");
    let out = brief(home.path())
        .arg("--config")
        .arg(&fifo)
        .arg("--pack")
        .arg(unsigned_pack())
        .arg("themes")
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{out:?}");
}

// A public key file that is a FIFO hung `brief verify --key FIFO` the same way.
#[cfg(unix)]
#[test]
fn a_fifo_as_the_key_file_is_refused_at_once() {
    let home = tempfile::tempdir().unwrap();
    let fifo = home.path().join("author.pub");
    make_fifo(&fifo);
    let pack = copy_of("signed-pack");
    let out = brief(home.path())
        .arg("verify")
        .arg(pack.path())
        .arg("--key")
        .arg(&fifo)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("is a FIFO"));
}

// `brief export -o PATH --force` renamed the export over whatever was at PATH: as root, over a
// device such as /dev/null; here a FIFO. Only a regular file is ever replaced.
#[cfg(unix)]
#[test]
fn export_force_never_replaces_a_fifo_or_a_link() {
    let home = tempfile::tempdir().unwrap();
    let fifo = home.path().join("brief.md");
    make_fifo(&fifo);
    let link = home.path().join("link.md");
    std::os::unix::fs::symlink(home.path().join("target.md"), &link).unwrap();
    for path in [&fifo, &link] {
        let out = brief(home.path())
            .args(["export", "-o"])
            .arg(path)
            .arg("--force")
            .timeout(Duration::from_secs(20))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3), "{out:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("not a regular file"));
    }
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(
        &std::fs::symlink_metadata(&fifo).unwrap().file_type()
    ));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(!home.path().join("target.md").exists());
}

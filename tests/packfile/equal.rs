//! The file answers every command as its folder does: the same lines in the same order, the
//! same scores and highlight ranges, the same cards, and the user's state keyed by card id works
//! with either form.

use std::path::Path;

use super::{brief, briefings, built, fixtures::fixture, run};

/// Runs `args` on the folder (with its own state in `homes.0`) and on the file (`homes.1`), and
/// expects the same exit code and output (with the pack's name, which differs, replaced).
fn same(homes: (&Path, &Path), dir: &Path, file: &Path, args: &[&str]) {
    // A bookmark's time is when each run made it: its digits are left out of the comparison.
    let times = |text: String| match args.first() {
        Some(&"bookmarks") => text.replace(|c: char| c.is_ascii_digit(), "0"),
        _ => text,
    };
    let on = |home: &Path, pack: &Path| {
        let (code, out, err) = run(brief(home).arg("--pack").arg(pack).args(args));
        let name = pack.display().to_string();
        (
            code,
            times(out.replace(&name, "PACK")),
            err.replace(&name, "PACK"),
        )
    };
    let (folder, file) = (on(homes.0, dir), on(homes.1, file));
    assert_eq!(folder, file, "brief {args:?}");
}

#[test]
fn every_command_answers_from_the_file_as_from_the_folder() {
    let (home, other) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let dir = briefings();
    let file = built(&dir, home.path(), "nato.brief");
    for args in [
        &["list"][..],
        &["list", "rutte"],
        &["list", "ukr", "--json"],
        &[
            "list",
            "\"prime minister\" OR theme:spending -tag:china",
            "--json",
        ],
        &["list", "actor:rutte", "source:004"],
        &["list", "nothing-matches-this"],
        &["list", "bad:field"],
        &["show", "rutte-takes-office"],
        &["show", "rutte-takes-office", "--json"],
        &["show", "no-such-card"],
        &["themes"],
        &["themes", "--json"],
        &["export", "--format", "json", "trump"],
        &[
            "bookmarks",
            "add",
            "rutte-takes-office",
            "albright-three-ds",
        ],
        &["bookmarks", "list"],
        &["bookmarks", "list", "--json"],
        &["list", "is:bookmarked", "--json"],
        &["notes"],
        &["bookmarks", "rm", "albright-three-ds"],
        &["bookmarks", "add", "no-such-card"],
    ] {
        same((home.path(), other.path()), &dir, &file, args);
    }
}

#[test]
fn the_markdown_export_differs_only_in_the_packs_name() {
    let home = tempfile::tempdir().unwrap();
    let dir = briefings();
    let file = built(&dir, home.path(), "nato.brief");
    let export = |pack: &Path| {
        let (code, out, _) = run(brief(home.path()).arg("--pack").arg(pack).arg("export"));
        assert_eq!(code, 0);
        out.lines()
            .filter(|l| !l.starts_with("Exported "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(export(&dir), export(&file));
}

#[test]
fn brief_pack_may_name_a_file_and_state_follows_the_card_ids() {
    let home = tempfile::tempdir().unwrap();
    let dir = fixture("good-pack");
    let file = built(&dir, home.path(), "good.brief");
    let (code, out, err) =
        run(brief(home.path())
            .env("BRIEF_PACK", &dir)
            .args(["bookmarks", "add", "gamma"]));
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = run(brief(home.path())
        .env("BRIEF_PACK", &file)
        .args(["list", "is:bookmarked"]));
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(out, "gamma  Card gamma\n");
}

#[test]
fn validate_checks_a_sound_file_whole() {
    let home = tempfile::tempdir().unwrap();
    let file = built(&briefings(), home.path(), "nato.brief");
    let (code, out, err) = run(brief(home.path()).arg("validate").arg(&file));
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains(": 37 cards, ") && out.contains("no problems"),
        "{out}"
    );
    let (code, out, _) = run(brief(home.path()).arg("validate").arg(&file).arg("--json"));
    assert_eq!(code, 0);
    assert!(out.contains("\"cards\": 37"), "{out}");
}

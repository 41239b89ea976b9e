//! The real binary, run as a script would run it: every subcommand, every exit code, `--json` that
//! parses, and packs that are broken or hostile.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

mod common;

use assert_cmd::Command;
use common::fixture;
use serde_json::Value;

fn brief() -> Command {
    let mut cmd = Command::cargo_bin("brief").unwrap();
    cmd.env_remove("BRIEF_PACK")
        .env_remove("NO_COLOR")
        .env_remove("BRIEF_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent/brief-tests");
    cmd
}

fn stdout_of(cmd: &mut Command, code: i32) -> String {
    let out = cmd.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(code),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json_of(cmd: &mut Command, code: i32) -> Value {
    serde_json::from_str(&stdout_of(cmd, code)).expect("--json output parses")
}

#[test]
fn version_and_help_exit_0() {
    assert!(stdout_of(brief().arg("--version"), 0).starts_with("brief "));
    let help = stdout_of(brief().arg("--help"), 0);
    for word in ["list", "show", "themes", "validate", "Exit codes"] {
        assert!(help.contains(word), "help lacks {word}");
    }
}

#[test]
fn usage_errors_exit_2() {
    brief().arg("--no-such-flag").assert().code(2);
    brief().arg("frobnicate").assert().code(2);
    brief().arg("show").assert().code(2);
}

#[test]
fn list_prints_every_card_and_json_parses() {
    let text = stdout_of(brief().arg("list"), 0);
    assert!(text.lines().count() >= 28);
    assert!(text.lines().any(|l| l.starts_with("rutte-takes-office ")));
    let json = json_of(brief().args(["list", "--json"]), 0);
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), text.lines().count());
    assert!(
        rows.iter()
            .all(|r| r["id"].is_string() && r["title"].is_string())
    );
}

#[test]
fn list_with_no_match_exits_1() {
    let out = stdout_of(brief().args(["list", "zzzyzzy-not-a-word"]), 1);
    assert!(out.is_empty());
}

#[test]
fn show_prints_a_card_and_its_json() {
    let text = stdout_of(brief().args(["show", "rutte-takes-office"]), 0);
    assert!(text.contains("Key points"));
    assert!(text.contains("\nSources\n  • 004: "), "{text}");
    let json = json_of(brief().args(["show", "rutte-takes-office", "--json"]), 0);
    assert_eq!(json["id"], "rutte-takes-office");
}

#[test]
fn show_of_an_unknown_id_exits_1_naming_it() {
    let out = brief().args(["show", "no-such-card"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no card with id 'no-such-card'"));
}

#[test]
fn themes_lists_four_in_order() {
    let text = stdout_of(brief().arg("themes"), 0);
    let ids: Vec<&str> = text
        .lines()
        .map(|l| l.split_whitespace().nth(1).unwrap())
        .collect();
    assert_eq!(ids, ["ukraine", "trump", "spending", "nato-eu"]);
    let json = json_of(brief().args(["themes", "--json"]), 0);
    assert_eq!(json[0]["key"], 1);
    assert!(json[0]["cards"].as_u64().unwrap() >= 6);
}

#[test]
fn validate_the_built_in_pack_finds_nothing() {
    let text = stdout_of(brief().arg("validate"), 0);
    assert!(text.contains("no problems"));
    let json = json_of(brief().args(["validate", "--json"]), 0);
    assert_eq!(json["problems"].as_array().unwrap().len(), 0);
}

#[test]
fn validate_json_lists_problems_with_places() {
    let json = json_of(
        brief()
            .args(["validate", "--json"])
            .arg(fixture("bad-packs/unknown-theme")),
        3,
    );
    let problem = &json["problems"][0];
    assert_eq!(
        (problem["line"].as_u64(), problem["column"].as_u64()),
        (Some(6), Some(5))
    );
    assert_eq!(json["skipped"], 1);
}

#[test]
fn pack_flag_and_env_var_read_another_pack() {
    let good = fixture("good-pack");
    assert_eq!(
        stdout_of(brief().arg("--pack").arg(&good).arg("list"), 0)
            .lines()
            .count(),
        4
    );
    assert_eq!(
        stdout_of(brief().env("BRIEF_PACK", &good).arg("list"), 0)
            .lines()
            .count(),
        4
    );
}

#[test]
fn a_bad_card_is_skipped_with_a_warning_and_strict_refuses() {
    let pack = fixture("bad-packs/long-title");
    let out = brief()
        .arg("--pack")
        .arg(&pack)
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 4);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("long.json:3:12: title is 79 characters long"),
        "{stderr}"
    );
    assert!(stderr.contains("skipped 1 bad card file(s)"), "{stderr}");

    let out = brief()
        .arg("--pack")
        .arg(&pack)
        .args(["--strict", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--strict refuses the pack"));
}

#[test]
fn a_broken_card_in_a_temporary_pack_is_named_with_its_place() {
    let dir = common::copy_of("good-pack");
    std::fs::write(
        dir.path().join("cards/broken.json"),
        "{\n  \"id\": \"broken\",\n  \"title\": 42\n}\n",
    )
    .unwrap();
    let out = brief().arg("validate").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("cards/broken.json:3:13: invalid type: integer `42`, expected a string"),
        "{stdout}"
    );
}

#[test]
fn a_card_file_over_256_kib_is_refused_with_the_bound() {
    let dir = common::copy_of("good-pack");
    std::fs::write(
        dir.path().join("cards/huge.json"),
        " ".repeat(256 * 1024 + 1),
    )
    .unwrap();
    let stdout = stdout_of(brief().arg("validate").arg(dir.path()), 3);
    assert!(
        stdout.contains("huge.json:1:1: file is 262145 bytes, over the limit of 262144 bytes"),
        "{stdout}"
    );
}

#[test]
fn a_string_over_16_kib_is_refused_with_its_place() {
    let dir = common::copy_of("good-pack");
    let path = dir.path().join("cards/alpha.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let long = format!("\"summary\": \"{}. Two.\"", "a".repeat(16 * 1024));
    let text = text.replace(
        "\"summary\": \"First sentence here. Second sentence here.\"",
        &long,
    );
    std::fs::write(&path, text).unwrap();
    let stdout = stdout_of(brief().arg("validate").arg(dir.path()), 3);
    assert!(
        stdout.contains("alpha.json:8:14: string of 16390 bytes is over the limit of 16384 bytes"),
        "{stdout}"
    );
}

#[cfg(unix)]
#[test]
fn symbolic_links_in_a_pack_are_not_followed() {
    let dir = common::copy_of("good-pack");
    let outside = tempfile::NamedTempFile::new().unwrap();
    std::fs::copy(dir.path().join("cards/alpha.json"), outside.path()).unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("cards/link.json")).unwrap();
    let stdout = stdout_of(brief().arg("validate").arg(dir.path()), 3);
    assert!(
        stdout.contains("link.json:1:1: symbolic link not followed"),
        "{stdout}"
    );
}

#[test]
fn a_pack_that_is_not_a_folder_or_lacks_themes_exits_3() {
    let file = tempfile::NamedTempFile::new().unwrap();
    // An empty file is a pack file cut short (as one that ends inside the magic is).
    let out = brief()
        .arg("--pack")
        .arg(file.path())
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("header: the file is 0 bytes long"), "{err}");
    std::fs::write(file.path(), "a text file, not a pack").unwrap();
    let out = brief()
        .arg("--pack")
        .arg(file.path())
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    // A file is read as a pack file (`brief build`'s); this one is not one.
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("header: not a pack file") && err.contains("nor a pack folder"),
        "{err}"
    );

    let empty = tempfile::tempdir().unwrap();
    let out = brief()
        .arg("--pack")
        .arg(empty.path())
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("themes.json: cannot read"));
}

/// Bytes that must never reach a terminal from a pack: ESC, BEL, C1 CSI (U+009B as UTF-8) and the
/// bidi controls.
fn assert_inert(bytes: &[u8], what: &str) {
    let text = String::from_utf8_lossy(bytes);
    for c in text.chars() {
        let bad = matches!(c, '\u{1b}' | '\u{7}' | '\u{8}' | '\r' | '\u{80}'..='\u{9f}')
            || brief::base::sanitize::is_bidi_control(c);
        assert!(!bad, "{what}: found U+{:04X} in {text:?}", c as u32);
    }
}

#[test]
fn hostile_text_never_reaches_the_output() {
    let pack = fixture("hostile-pack");
    let state = tempfile::tempdir().unwrap();
    let state = state.path().join("state.json");
    for args in [
        vec!["show", "hostile"],
        vec!["show", "hostile", "--json"],
        vec!["list"],
        vec!["list", "--json"],
        vec!["list", "evil"],
        vec!["themes"],
        vec!["themes", "--json"],
        vec!["validate"],
        vec!["validate", "--json"],
        vec!["bookmarks", "add", "hostile"],
        vec!["bookmarks", "list"],
        vec!["bookmarks", "list", "--json"],
        vec!["export"],
        vec!["export", "--format", "json"],
        vec!["related-does-not-exist"],
    ] {
        let out = brief()
            .env("BRIEF_STATE", &state)
            .arg("--pack")
            .arg(&pack)
            .args(&args)
            .output()
            .unwrap();
        let expected = if args[0] == "related-does-not-exist" {
            2
        } else {
            0
        };
        assert_eq!(out.status.code(), Some(expected), "{args:?}");
        assert_inert(&out.stdout, &format!("{args:?} stdout"));
        assert_inert(&out.stderr, &format!("{args:?} stderr"));
    }
    let shown = stdout_of(
        brief().arg("--pack").arg(&pack).args(["show", "hostile"]),
        0,
    );
    assert!(
        shown.starts_with("Evil title red enil\n"),
        "visible text is kept: {shown}"
    );
}

#[test]
fn an_id_with_escapes_is_not_echoed_raw() {
    let out = brief()
        .args(["show", "x\u{1b}]0;pwned\u{7}"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_inert(&out.stderr, "stderr");
}

#[test]
fn output_to_a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .arg("list")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(status.code(), Some(0));
}

#[test]
fn bash_completions_mention_every_subcommand() {
    let script = stdout_of(brief().args(["completions", "bash"]), 0);
    for sub in [
        "list",
        "show",
        "themes",
        "validate",
        "manifest",
        "verify",
        "completions",
        "man",
    ] {
        assert!(script.contains(sub), "completion script lacks {sub}");
    }
    for shell in ["zsh", "fish"] {
        assert!(
            !stdout_of(brief().args(["completions", shell]), 0).is_empty(),
            "{shell}"
        );
    }
    brief().args(["completions", "tcsh-9000"]).assert().code(2);
}

#[test]
fn the_man_page_is_roff_generated_from_the_command_line() {
    let page = stdout_of(brief().arg("man"), 0);
    assert!(page.contains(".TH brief 1"), "{page}");
    assert!(
        page.contains("validate") && page.contains("\\-\\-strict"),
        "{page}"
    );
}

#[test]
fn config_default_prints_a_config_that_checks_clean() {
    let text = stdout_of(brief().args(["config", "--default"]), 0);
    assert!(
        text.contains("[keys]") && text.contains("# pack ="),
        "{text}"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, &text).unwrap();
    let out = stdout_of(brief().arg("--config").arg(&path).arg("config"), 0);
    assert!(
        out.contains(&format!("config: {}", path.display())),
        "{out}"
    );
}

#[test]
fn the_config_names_the_default_pack_and_flags_override_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(
        &path,
        format!("pack = {:?}\n", fixture("good-pack").display().to_string()),
    )
    .unwrap();
    assert_eq!(
        stdout_of(brief().arg("--config").arg(&path).arg("list"), 0)
            .lines()
            .count(),
        4
    );
    let built_in = fixture("bad-packs/long-title");
    let out = brief()
        .arg("--config")
        .arg(&path)
        .arg("--pack")
        .arg(built_in)
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 4);
    assert!(String::from_utf8_lossy(&out.stderr).contains("long.json"));
}

#[test]
fn a_bad_config_is_reported_with_its_place_and_brief_carries_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "# mine\npack = 42\n").unwrap();
    let out = brief()
        .arg("--config")
        .arg(&path)
        .arg("themes")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("config.toml:2:8: "), "{stderr}");
    assert!(stderr.contains("pack must be a string"), "{stderr}");
    let out = brief()
        .arg("--config")
        .arg(&path)
        .arg("config")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("config.toml:2:8: ")
    );
}

#[test]
fn a_missing_explicit_config_is_reported_but_the_default_path_may_be_absent() {
    let out = brief()
        .args(["--config", "/nonexistent/brief.toml", "themes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("/nonexistent/brief.toml:1:1: cannot read the config")
    );
    let out = brief().arg("themes").output().unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn brief_config_lists_key_and_colour_problems_with_their_places() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(
        &path,
        "[colors]\naccent = \"mauve-ish\"\n[keys]\nfly_away = \"x\"\nquit = \"Ctrl-\"\n",
    )
    .unwrap();
    let out = brief()
        .arg("--config")
        .arg(&path)
        .arg("config")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("config.toml:2:10: "), "{text}");
    assert!(text.contains("config.toml:4:1: "), "{text}");
    assert!(text.contains("config.toml:5:8: "), "{text}");
}

//! The state file through the real binary: `brief bookmarks` as scripts use it, two processes at
//! once, writers killed mid-write, a corrupt file, an unwritable folder, file modes.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_brief");

/// `brief --state PATH`, with no state, pack or XDG settings from the developer's environment.
fn brief(state: &Path) -> Command {
    let mut cmd = Command::new(BIN);
    clean_env(cmd.arg("--state").arg(state));
    cmd
}

fn clean_env(cmd: &mut Command) -> &mut Command {
    cmd.env_remove("BRIEF_PACK")
        .env_remove("BRIEF_STATE")
        .env_remove("XDG_DATA_HOME")
        .env_remove("NO_COLOR")
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

fn json_list(state: &Path) -> Vec<Value> {
    let out = run(brief(state).args(["bookmarks", "list", "--json"]));
    assert_eq!(out.code, Some(0), "stderr: {}", out.stderr);
    serde_json::from_str::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn ids(rows: &[Value]) -> Vec<String> {
    let mut ids: Vec<String> = rows
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids
}

/// The files in `dir` whose names start with `state.json.corrupt-`.
fn corrupt_files(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("state.json.corrupt-")
        })
        .collect();
    found.sort();
    found
}

#[test]
fn bookmarks_add_list_and_rm() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let out = run(brief(&state).args([
        "bookmarks",
        "add",
        "rutte-takes-office",
        "albright-three-ds",
    ]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout.contains("bookmarked rutte-takes-office"));
    let again = run(brief(&state).args(["bookmarks", "add", "rutte-takes-office"]));
    assert!(
        again
            .stdout
            .contains("already bookmarked rutte-takes-office")
    );

    let text = run(brief(&state).arg("bookmarks"));
    assert_eq!(text.code, Some(0));
    let line = text
        .stdout
        .lines()
        .find(|l| l.contains(" rutte-takes-office "))
        .unwrap();
    assert!(line.starts_with("1. "), "numbered in agenda order: {line}");
    assert!(line.contains(" UTC "), "{line}");
    assert!(line.contains("Rutte succeeds Stoltenberg"), "{line}");
    assert!(!text.stdout.contains('\u{1b}'));

    let rows = json_list(&state);
    assert_eq!(ids(&rows), ["albright-three-ds", "rutte-takes-office"]);
    let row = &rows[0];
    assert_eq!(row["missing"], false);
    assert!(row["added"].as_u64().unwrap() > 1_600_000_000_000);
    assert!(row["added_at"].as_str().unwrap().ends_with('Z'));

    let out = run(brief(&state).args(["bookmarks", "rm", "rutte-takes-office"]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(ids(&json_list(&state)), ["albright-three-ds"]);
    let file: Value = serde_json::from_slice(&fs::read(&state).unwrap()).unwrap();
    assert!(
        file["bookmarks"]["rutte-takes-office"]["removed"].is_u64(),
        "a tombstone is kept"
    );
}

#[test]
fn an_unknown_id_is_named_exits_1_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    brief(&state)
        .args(["bookmarks", "add", "albright-three-ds"])
        .assert()
        .code(0);
    let before = fs::read(&state).unwrap();
    for action in ["add", "rm"] {
        let out =
            run(brief(&state).args(["bookmarks", action, "rutte-takes-office", "no-such-card"]));
        assert_eq!(out.code, Some(1), "{action}");
        assert!(out.stderr.contains("'no-such-card'"), "{}", out.stderr);
        assert!(out.stderr.contains("nothing was changed"), "{}", out.stderr);
        assert_eq!(fs::read(&state).unwrap(), before, "{action} half-applied");
    }
    brief(&state).args(["bookmarks", "add"]).assert().code(2);
}

#[test]
fn a_bookmark_whose_card_left_the_pack_is_kept_and_listed_as_missing() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let hand_written = r#"{
        "version": 1,
        "written_by": "a newer brief",
        "bookmarks": {"retired-card": {"added": 1700000000000, "label": "x"}},
        "notes": {"retired-card": {"text": "ask about this", "edited": 1700000000001}}
    }"#;
    fs::write(&state, hand_written).unwrap();
    let text = run(brief(&state).args(["bookmarks", "list"]));
    assert_eq!(text.code, Some(0));
    assert!(text.stdout.contains("retired-card"));
    assert!(text.stdout.contains("missing"), "{}", text.stdout);
    assert!(text.stdout.contains("ask about this"));
    let rows = json_list(&state);
    assert_eq!(rows[0]["missing"], true);
    assert_eq!(rows[0]["title"], Value::Null);

    brief(&state)
        .args(["bookmarks", "add", "albright-three-ds"])
        .assert()
        .code(0);
    let file: Value = serde_json::from_slice(&fs::read(&state).unwrap()).unwrap();
    assert_eq!(file["written_by"], "a newer brief");
    assert_eq!(file["bookmarks"]["retired-card"]["label"], "x");
    assert_eq!(
        ids(&json_list(&state)),
        ["albright-three-ds", "retired-card"]
    );
    // A missing card's bookmark can still be removed by its id.
    brief(&state)
        .args(["bookmarks", "rm", "retired-card"])
        .assert()
        .code(0);
    assert_eq!(ids(&json_list(&state)), ["albright-three-ds"]);
}

/// A pack of `n` valid cards, `card-000`..., built from the built-in pack's themes and sources.
fn big_pack(dir: &Path, n: usize) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings");
    let pack = dir.join("pack");
    fs::create_dir_all(pack.join("cards")).unwrap();
    for file in ["themes.json", "sources.json"] {
        fs::copy(root.join(file), pack.join(file)).unwrap();
    }
    let template: Value =
        serde_json::from_slice(&fs::read(root.join("cards/albright-three-ds.json")).unwrap())
            .unwrap();
    for i in 0..n {
        let mut card = template.clone();
        card["id"] = format!("card-{i:03}").into();
        card["title"] = format!("Card {i}").into();
        card["related"] = Value::Array(Vec::new());
        let path = pack.join(format!("cards/card-{i:03}.json"));
        fs::write(path, serde_json::to_vec(&card).unwrap()).unwrap();
    }
    pack
}

#[test]
fn two_processes_adding_50_bookmarks_each_at_once_lose_none() {
    let dir = tempfile::tempdir().unwrap();
    let pack = big_pack(dir.path(), 100);
    let state = dir.path().join("state").join("state.json");
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(2));
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let (pack, state, barrier) = (pack.clone(), state.clone(), barrier.clone());
            thread::spawn(move || {
                barrier.wait();
                for i in (w * 50)..(w * 50 + 50) {
                    let out = run(clean_env(&mut Command::new(BIN))
                        .arg("--pack")
                        .arg(&pack)
                        .arg("--state")
                        .arg(&state)
                        .args(["bookmarks", "add", &format!("card-{i:03}")]));
                    assert_eq!(out.code, Some(0), "card-{i:03}: {}", out.stderr);
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap();
    }
    let rows = json_list(&state);
    let expected: Vec<String> = (0..100).map(|i| format!("card-{i:03}")).collect();
    assert_eq!(ids(&rows), expected);
    assert!(corrupt_files(state.parent().unwrap()).is_empty());
}

/// A small xorshift generator: random kill points without a dependency.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

#[test]
fn a_writer_killed_at_random_points_never_leaves_a_torn_file() {
    use std::os::unix::process::ExitStatusExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("state");
    let state = folder.join("state.json");
    let card_ids = ["rutte-takes-office", "albright-three-ds"];
    let spawn = |action: &str, id: &str| {
        StdCommand::new(BIN)
            .env_remove("BRIEF_PACK")
            .env_remove("BRIEF_STATE")
            .arg("--state")
            .arg(&state)
            .args(["bookmarks", action, id])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    // How long one whole run takes here: kill points are spread over that span, and a little past.
    let start = Instant::now();
    assert!(spawn("add", card_ids[0]).wait().unwrap().success());
    let kill_window = u64::try_from(start.elapsed().as_micros())
        .unwrap()
        .max(1000)
        * 3
        / 2;

    let seed = u64::from(std::process::id()) | 1;
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let (mut killed, mut finished) = (0, 0);
    let deadline = Instant::now() + Duration::from_secs(60);
    for round in 0..200 {
        if Instant::now() > deadline {
            break;
        }
        let id = card_ids[round % 2];
        let action = if (round / 2) % 2 == 0 { "rm" } else { "add" };
        let mut child = spawn(action, id);
        thread::sleep(Duration::from_micros(rng.below(kill_window)));
        let _ = child.kill(); // SIGKILL; a child that has already ended is not an error
        let status = child.wait().unwrap();
        if status.signal() == Some(9) {
            killed += 1;
        } else {
            assert!(status.success(), "round {round}: {status:?}");
            finished += 1;
        }
        if let Ok(bytes) = fs::read(&state) {
            let file: Value = serde_json::from_slice(&bytes)
                .unwrap_or_else(|e| panic!("round {round}: torn state file ({e}): {bytes:?}"));
            assert_eq!(file["version"], 1, "round {round}");
            if status.success() {
                let live = file["bookmarks"][id]["added"].is_u64();
                assert_eq!(
                    live,
                    action == "add",
                    "round {round}: a finished {action} was lost"
                );
            }
        }
    }
    eprintln!("seed {seed}: {killed} writers killed, {finished} finished");
    let out = run(brief(&state).args(["bookmarks", "list"]));
    assert_eq!(out.code, Some(0));
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    assert!(corrupt_files(&folder).is_empty());
}

#[test]
fn a_corrupt_state_file_is_set_aside_byte_for_byte_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let bytes: &[u8] = b"{\"version\": 1, \"bookmarks\": {\"a\": \xc3\x28 torn";
    fs::write(&state, bytes).unwrap();
    let out = run(brief(&state).args(["bookmarks", "list"]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let moved = corrupt_files(dir.path());
    assert_eq!(moved.len(), 1);
    assert_eq!(fs::read(&moved[0]).unwrap(), bytes);
    assert!(
        out.stderr.contains("not a valid state file"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(&*moved[0].to_string_lossy()),
        "the message says where it went: {}",
        out.stderr
    );
    assert!(!state.exists());
    // brief starts from empty state, and the next change writes a good file.
    brief(&state)
        .args(["bookmarks", "add", "albright-three-ds"])
        .assert()
        .code(0);
    assert_eq!(ids(&json_list(&state)), ["albright-three-ds"]);
    assert_eq!(fs::read(&moved[0]).unwrap(), bytes, "never overwritten");
}

#[test]
fn a_state_file_from_a_newer_brief_is_set_aside_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let newer = br#"{"version": 2, "bookmarks": {"a": {"added": 1}}}"#;
    fs::write(&state, newer).unwrap();
    let out = run(brief(&state).args(["bookmarks", "add", "albright-three-ds"]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stderr.contains("version 2"), "{}", out.stderr);
    let moved = corrupt_files(dir.path());
    assert_eq!(fs::read(&moved[0]).unwrap(), newer);
}

/// Whether `dir`'s permission bits stop this user writing in it (they do not stop root).
fn permissions_stop_writes(dir: &Path) -> bool {
    let probe = dir.join("probe");
    let stopped = fs::write(&probe, b"").is_err();
    let _ = fs::remove_file(probe);
    stopped
}

fn assert_not_kept(state: &Path, names: &str) {
    let out = run(brief(state).args(["bookmarks", "add", "albright-three-ds"]));
    assert_eq!(out.code, Some(3), "stderr: {}", out.stderr);
    assert!(
        out.stderr
            .contains("bookmarks will not be kept this session"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains(names), "names {names}: {}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "said once: {}", out.stderr);
    // Reading still works, and says the same.
    let list = run(brief(state).args(["bookmarks", "list"]));
    assert_eq!(list.code, Some(0));
    assert!(list.stderr.contains("will not be kept"), "{}", list.stderr);
}

#[test]
fn a_state_folder_that_cannot_be_written_gives_the_message_and_exit_3() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();

    // A "folder" that is a regular file: no user, root included, can create anything in it.
    let file = dir.path().join("not-a-folder");
    fs::write(&file, b"keep me").unwrap();
    assert_not_kept(&file.join("state.json"), "not-a-folder");
    assert_eq!(fs::read(&file).unwrap(), b"keep me");

    // A read-only folder holding a state file, where permission bits stop this user.
    let folder = dir.path().join("read-only");
    let state = folder.join("state.json");
    brief(&state)
        .args(["bookmarks", "add", "rutte-takes-office"])
        .assert()
        .code(0);
    let before = fs::read(&state).unwrap();
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o500)).unwrap();
    if permissions_stop_writes(&folder) {
        assert_not_kept(&state, "read-only");
        let rows = json_list(&state);
        assert_eq!(
            ids(&rows),
            ["rutte-takes-office"],
            "what was saved is still shown"
        );
        assert_eq!(fs::read(&state).unwrap(), before);
    } else {
        eprintln!("running as root: permission bits do not stop writes; checked ENOTDIR only");
    }
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o700)).unwrap();
}

#[test]
fn the_default_location_is_private_0700_and_0600() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let xdg = dir.path().join("xdg");
    let home = dir.path().join("home");
    let mut cmd = Command::new(BIN);
    clean_env(&mut cmd)
        .env("XDG_DATA_HOME", &xdg)
        .env("HOME", &home)
        .args(["bookmarks", "add", "albright-three-ds"])
        .assert()
        .code(0);
    let state = xdg.join("brief/state.json");
    assert_eq!(mode(&state), 0o600);
    assert_eq!(mode(&xdg.join("brief")), 0o700);
    assert_eq!(mode(&xdg.join("brief/state.json.lock")), 0o600);

    // Without XDG_DATA_HOME: ~/.local/share/brief/state.json.
    let mut cmd = Command::new(BIN);
    clean_env(&mut cmd)
        .env("HOME", &home)
        .args(["bookmarks", "add", "albright-three-ds"])
        .assert()
        .code(0);
    let state = home.join(".local/share/brief/state.json");
    assert_eq!(mode(&state), 0o600);
    assert_eq!(mode(state.parent().unwrap()), 0o700);
}

#[test]
fn brief_state_in_the_environment_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("elsewhere.json");
    let mut cmd = Command::new(BIN);
    clean_env(&mut cmd)
        .env("BRIEF_STATE", &state)
        .env("HOME", dir.path().join("home"))
        .args(["bookmarks", "add", "albright-three-ds"])
        .assert()
        .code(0);
    assert!(state.exists());
    assert!(!dir.path().join("home").exists());
}

#[test]
fn notes_lists_each_note_with_its_card_and_marks_missing_cards() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    std::fs::write(
        &state,
        r#"{"version": 1, "notes": {
            "rutte-takes-office": {"text": "Raise at the meeting\nsecond line \u001b[31m", "edited": 1700000000000},
            "gone-card": {"text": "kept", "edited": 1700000000000},
            "removed-one": {"removed": 1700000000000}
        }}"#,
    )
    .unwrap();
    let out = assert_cmd::Command::cargo_bin("brief")
        .unwrap()
        .env("BRIEF_STATE", &state)
        .env_remove("BRIEF_PACK")
        .arg("notes")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("rutte-takes-office  Rutte succeeds Stoltenberg"),
        "{text}"
    );
    assert!(
        text.contains("    Raise at the meeting\n    second line"),
        "{text}"
    );
    assert!(
        text.contains("gone-card  (missing: no such card in the built-in pack)"),
        "{text}"
    );
    assert!(!text.contains("removed-one"), "{text}");
    assert!(
        !text.contains('\u{1b}'),
        "a hand-edited escape is not printed: {text:?}"
    );

    let out = assert_cmd::Command::cargo_bin("brief")
        .unwrap()
        .env("BRIEF_STATE", &state)
        .env_remove("BRIEF_PACK")
        .args(["notes", "--json"])
        .output()
        .unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 2);
    assert_eq!(rows[0]["missing"], true);
    assert_eq!(rows[0]["id"], "gone-card");
}

#[test]
fn notes_with_none_written_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let out = assert_cmd::Command::cargo_bin("brief")
        .unwrap()
        .env("BRIEF_STATE", dir.path().join("state.json"))
        .env_remove("BRIEF_PACK")
        .arg("notes")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}

/// Commands that only read the state create nothing when there is none yet: no folder, no lock
// A refused `bookmarks add`, `rm` or `move` opened the state for writing before it checked what
// it was asked, and so created the state folder and its lock file though it "changed nothing".
#[test]
fn a_refused_change_creates_no_state_folder_or_lock_file() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("not-yet");
    let state = folder.join("state.json");
    let refused: [(&[&str], i32); 5] = [
        (&["add", "no-such-card"], 1),
        (&["add", "rutte-takes-office", "no-such-card"], 1),
        (&["rm", "no-such-card"], 1),
        (&["move", "rutte-takes-office", "--to", "1"], 1),
        (&["move", "no-such-card", "--to", "1"], 1),
    ];
    for (args, code) in refused {
        let out = run(brief(&state).arg("bookmarks").args(args));
        assert_eq!(out.code, Some(code), "{args:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("nothing was changed"),
            "{args:?}: {}",
            out.stderr
        );
        assert!(!folder.exists(), "{args:?} created {}", folder.display());
    }
    // With a state file there: a place outside the agenda is refused the same way.
    brief(&state)
        .args(["bookmarks", "add", "rutte-takes-office"])
        .assert()
        .code(0);
    let before = fs::read(&state).unwrap();
    let out = run(brief(&state).args(["bookmarks", "move", "rutte-takes-office", "--to", "2"]));
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert_eq!(fs::read(&state).unwrap(), before);
}

/// file. The first change does.
#[test]
fn reading_commands_create_no_state_folder_or_lock_file() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("not-yet");
    let state = folder.join("state.json");
    let out_file = dir.path().join("out.md");
    let reads: [(&[&str], i32); 5] = [
        (&["list", "is:bookmarked"], 1),
        (&["list", "is:unread", "rutte"], 0),
        (&["notes"], 1),
        (&["bookmarks", "list"], 0),
        (
            &["export", "is:unread", "-o", out_file.to_str().unwrap()],
            0,
        ),
    ];
    for (args, code) in reads {
        let out = run(brief(&state).args(args));
        assert_eq!(out.code, Some(code), "{args:?}: {}", out.stderr);
        // Nothing said about the state (export says where it wrote).
        assert!(
            out.stderr.is_empty() || out.stderr.starts_with("brief: exported 37 card(s)"),
            "{args:?}: {}",
            out.stderr
        );
        assert!(!folder.exists(), "{args:?} created {}", folder.display());
    }
    brief(&state)
        .args(["bookmarks", "add", "albright-three-ds"])
        .assert()
        .code(0);
    assert!(state.exists() && folder.join("state.json.lock").exists());
    assert_eq!(ids(&json_list(&state)), ["albright-three-ds"]);
    let out = run(brief(&state).args(["list", "is:bookmarked"]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stdout.starts_with("albright-three-ds"),
        "{}",
        out.stdout
    );
}

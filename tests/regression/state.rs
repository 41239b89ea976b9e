//! Regression tests: state.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::common::brief;

/// A card of the built-in pack.
const CARD: &str = "rutte-takes-office";

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// `brief --state STATE ARGS...`, killed after 20 s (a hang is a failure, not a stuck test run).
fn run(home: &Path, state: &Path, args: &[&str]) -> Run {
    let out = brief(home)
        .arg("--state")
        .arg(state)
        .args(args)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The files beside `state` whose names start with `state.json.corrupt-`.
fn corrupt_files(state: &Path) -> Vec<PathBuf> {
    let dir = state.parent().unwrap();
    names(dir)
        .into_iter()
        .filter(|n| n.starts_with("state.json.corrupt-"))
        .map(|n| dir.join(n))
        .collect()
}

/// The ids `brief bookmarks list --json` lists.
fn listed(home: &Path, state: &Path) -> Vec<String> {
    let out = run(home, state, &["bookmarks", "list", "--json"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let rows: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    rows.iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

/// What identifies the node at `path` (type, inode, device number), without following a link.
#[cfg(unix)]
fn node(path: &Path) -> (fs::FileType, u64, u64) {
    use std::os::unix::fs::MetadataExt;
    let meta = fs::symlink_metadata(path).unwrap();
    (meta.file_type(), meta.ino(), meta.rdev())
}

/// Every command refuses the state path, naming it and its `kind`, and nothing is created,
/// renamed or replaced beside it: no lock file, no temp file, no `.corrupt-` copy.
#[cfg(unix)]
fn assert_refused_untouched(dir: &Path, state: &Path, kind: &str) {
    let before = node(state);
    let shown = state.display().to_string();
    let add = run(dir, state, &["bookmarks", "add", CARD]);
    assert_eq!(add.code, Some(3), "{}", add.stderr);
    // Its bookmarks are unknown: a move is refused for that, not as "not bookmarked" (exit 1),
    // which it once was.
    let moved = run(dir, state, &["bookmarks", "move", CARD, "--to", "1"]);
    assert_eq!(moved.code, Some(3), "{}", moved.stderr);
    assert!(!moved.stderr.contains("not bookmarked"), "{}", moved.stderr);
    let reads: [&[&str]; 3] = [
        &["bookmarks", "list"],
        &["notes"],
        &["list", "is:bookmarked"],
    ];
    for args in std::iter::once(&["bookmarks", "add", CARD][..]).chain(reads) {
        let out = run(dir, state, args);
        assert!(
            out.stderr.contains(&shown) && out.stderr.contains(kind),
            "{args:?}: {}",
            out.stderr
        );
        assert!(out.stderr.contains("not a regular file"), "{}", out.stderr);
    }
    assert_eq!(names(dir), ["state.json"], "nothing created beside it");
    assert_eq!(node(state), before, "left as it was");
}

// As root, a character device as the state file (`BRIEF_STATE=/dev/null`) was renamed aside as
// "corrupt" and a lock file created beside it (`/dev/null.lock`).
#[cfg(unix)]
#[test]
fn a_device_as_the_state_file_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    // A node like /dev/null (char 1,3) made in the tempdir: no test goes near a real device.
    // Making one needs CAP_MKNOD (we run as root); without it there is nothing to test.
    let made = rustix::fs::mknodat(
        rustix::fs::CWD,
        &state,
        rustix::fs::FileType::CharacterDevice,
        rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR,
        rustix::fs::makedev(1, 3),
    );
    match made {
        Err(rustix::io::Errno::PERM | rustix::io::Errno::ACCESS) => {
            eprintln!("skipped: making a device node needs privilege (CAP_MKNOD)");
            return;
        }
        other => other.unwrap(),
    }
    assert_refused_untouched(dir.path(), &state, "a character device");
}

// A FIFO as the state file hung every command (and the viewer showed a blank screen) waiting for
// a writer that never came.
#[cfg(unix)]
#[test]
fn a_fifo_as_the_state_file_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    super::common::fifo(&state);
    assert_refused_untouched(dir.path(), &state, "a FIFO");
}

// A folder as the state file: the message was "cannot read", and a lock file was created beside
// it and a temp file made and removed there.
#[cfg(unix)]
#[test]
fn a_folder_as_the_state_file_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    fs::create_dir(&state).unwrap();
    assert_refused_untouched(dir.path(), &state, "a folder");
}

// A unix socket as the state file: the same, with "No such device or address".
#[cfg(unix)]
#[test]
fn a_socket_as_the_state_file_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let _listener = std::os::unix::net::UnixListener::bind(&state).unwrap();
    assert_refused_untouched(dir.path(), &state, "a socket");
}

// A dangling link as state.json (a sync folder not there yet) was replaced by a regular file,
// though the README says brief writes the file the link points to and leaves the link in place.
#[cfg(unix)]
#[test]
fn a_dangling_state_link_is_written_through_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let synced = dir.path().join("synced");
    fs::create_dir(&synced).unwrap();
    let state = dir.path().join("state.json");
    // Relative, as `ln -s synced/state.json state.json` makes it: relative to the link's folder.
    std::os::unix::fs::symlink("synced/state.json", &state).unwrap();
    let out = run(dir.path(), &state, &["bookmarks", "add", CARD]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(fs::symlink_metadata(&state).unwrap().is_symlink());
    assert_eq!(names(dir.path()), ["state.json", "synced"]);
    assert_eq!(names(&synced), ["state.json", "state.json.lock"]);
    assert_eq!(listed(dir.path(), &state), [CARD]);
}

// A dangling link into a folder that is not there (a sync folder not mounted): brief replaced the
// link by a regular file in the link's folder (creating the missing folders would be wrong too).
#[cfg(unix)]
#[test]
fn a_dangling_state_link_into_a_missing_folder_is_refused_and_nothing_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("mnt").join("sync").join("state.json");
    let state = dir.path().join("state.json");
    std::os::unix::fs::symlink(&target, &state).unwrap();
    let out = run(dir.path(), &state, &["bookmarks", "add", CARD]);
    assert_eq!(out.code, Some(3), "{}", out.stderr);
    assert!(
        out.stderr.contains(&*target.to_string_lossy()),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("does not exist"), "{}", out.stderr);
    assert_eq!(names(dir.path()), ["state.json"]);
    assert_eq!(fs::read_link(&state).unwrap(), target);
}

// `brief bookmarks list` (and every read-only command) on a dangling or a looping link printed
// nothing at all, as if there simply were no bookmarks.
#[cfg(unix)]
#[test]
fn reading_through_a_dangling_or_looping_link_says_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let dangling = dir.path().join("dangling.json");
    std::os::unix::fs::symlink(dir.path().join("gone.json"), &dangling).unwrap();
    let looping = dir.path().join("loop.json");
    std::os::unix::fs::symlink(&looping, &looping).unwrap();
    for (state, what) in [(&dangling, "does not exist"), (&looping, "loop")] {
        for args in [&["bookmarks", "list"][..], &["notes"]] {
            let out = run(dir.path(), state, args);
            assert!(
                out.stderr.contains(&*state.to_string_lossy()) && out.stderr.contains(what),
                "{state:?} {args:?}: {}",
                out.stderr
            );
        }
    }
    let out = run(dir.path(), &looping, &["bookmarks", "add", CARD]);
    assert_eq!(out.code, Some(3), "{}", out.stderr);
    assert!(out.stderr.contains("loop"), "{}", out.stderr);
    assert_eq!(names(dir.path()), ["dangling.json", "loop.json"]);
}

// A state file of any size was read whole into memory; one that big and not valid was set aside
// as corrupt (a user's data moved away only for being big), a valid one rewritten on each change.
#[test]
fn a_state_file_over_the_size_bound_is_refused_and_left_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let size = brief::state::MAX_STATE_BYTES + 1;
    // Sparse: the test writes no 64 MiB to disk.
    fs::File::create(&state).unwrap().set_len(size).unwrap();
    let out = run(dir.path(), &state, &["bookmarks", "add", CARD]);
    assert_eq!(out.code, Some(3), "{}", out.stderr);
    assert!(
        out.stderr.contains(&*state.to_string_lossy()),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("64 MiB"), "{}", out.stderr);
    let out = run(dir.path(), &state, &["bookmarks", "list"]);
    assert!(out.stderr.contains("64 MiB"), "{}", out.stderr);
    assert!(corrupt_files(&state).is_empty());
    assert_eq!(fs::metadata(&state).unwrap().len(), size);
}

// A bookmark stamped u64::MAX in the file: the removal's time `stamp + 1` wrapped to 0 (a panic in
// a debug build), so `bookmarks rm` said "removed bookmark" and the bookmark stayed.
#[test]
fn removing_a_bookmark_stamped_u64_max_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let file = format!(
        r#"{{"version": 1, "bookmarks": {{"{CARD}": {{"added": {}}}}}}}"#,
        u64::MAX
    );
    fs::write(&state, file).unwrap();
    assert_eq!(listed(dir.path(), &state), [CARD]);
    let out = run(dir.path(), &state, &["bookmarks", "rm", CARD]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout.contains("removed bookmark"), "{}", out.stdout);
    assert!(listed(dir.path(), &state).is_empty(), "the removal is kept");
    let out = run(dir.path(), &state, &["bookmarks", "add", CARD]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(listed(dir.path(), &state), [CARD], "and so is the next add");
}

// Two "notes" objects in one state file: the next write kept only the second, silently dropping
// the first one's notes.
#[test]
fn a_duplicate_key_makes_the_state_file_corrupt_and_it_is_set_aside_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let bytes = br#"{"version": 1,
 "notes": {"a": {"text": "first", "edited": 1}},
 "notes": {"b": {"text": "second", "edited": 2}}}
"#;
    fs::write(&state, bytes).unwrap();
    let out = run(dir.path(), &state, &["bookmarks", "add", CARD]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let moved = corrupt_files(&state);
    assert_eq!(moved.len(), 1, "{}", out.stderr);
    assert_eq!(fs::read(&moved[0]).unwrap(), bytes);
    assert!(
        out.stderr.contains(&*moved[0].to_string_lossy()),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("the key \"notes\" appears twice"),
        "{}",
        out.stderr
    );
}

// A state file that starts with a UTF-8 byte-order mark (Notepad saves one) was set aside as
// corrupt, and its bookmarks were gone from brief's view.
#[test]
fn a_state_file_with_a_byte_order_mark_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let file =
        format!("\u{feff}{{\"version\": 1, \"bookmarks\": {{\"{CARD}\": {{\"added\": 5}}}}}}");
    fs::write(&state, file).unwrap();
    assert_eq!(listed(dir.path(), &state), [CARD]);
    let out = run(
        dir.path(),
        &state,
        &["bookmarks", "add", "albright-three-ds"],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(corrupt_files(&state).is_empty(), "{}", out.stderr);
    assert_eq!(listed(dir.path(), &state), [CARD, "albright-three-ds"]);
}

// A blank note (only a hand edit leaves one: saving a blank note removes it) was a note to
// `brief notes` (text, JSON) and `is:noted` but not to `notes --format md` and `export --noted`:
// `notes --format md -o F` said "wrote 1 note(s)" over a file of "0 note(s)" and exited 0.
#[test]
fn a_blank_note_from_a_hand_edit_is_no_note_to_any_command() {
    let home = tempfile::tempdir().unwrap();
    let state = home.path().join("state.json");
    let text =
        format!(r#"{{"version": 1, "notes": {{"{CARD}": {{"text": " \n\t ", "edited": 3}}}}}}"#);
    fs::write(&state, &text).unwrap();
    for args in [
        &["notes"][..],
        &["notes", "--json"],
        &["notes", "--format", "md"],
        &["list", "is:noted"],
        &["export", "--noted"],
    ] {
        let out = run(home.path(), &state, args);
        assert_eq!(out.code, Some(1), "{args:?}: {}{}", out.stdout, out.stderr);
    }
    let file = home.path().join("notes.md");
    let file = file.to_str().unwrap();
    let out = run(
        home.path(),
        &state,
        &["notes", "--format", "md", "-o", file],
    );
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(out.stderr.contains("wrote 0 note(s)"), "{}", out.stderr);
    assert_eq!(
        fs::read_to_string(&state).unwrap(),
        text,
        "the file is left as it is"
    );
}

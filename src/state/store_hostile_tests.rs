//! The store against state files that are not what brief writes: other kinds of file at the path,
//! links, a file too big, times at the edge of `u64`, notes past the bound.

use std::fs;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use super::*;
use crate::base::time::MAX_MS;
use crate::state::StateLocation;

fn folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    (dir, path)
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn write(path: &Path, json: &serde_json::Value) {
    fs::write(path, json.to_string()).unwrap();
}

/// Opens the store as the viewer does, failing (not hanging) if that takes more than 10 s.
fn open_within_10_s(path: &Path) -> Store {
    let (send, receive) = mpsc::channel();
    let location = StateLocation::Path(path.to_path_buf());
    std::thread::spawn(move || send.send(Box::new(Store::open(&location))));
    *receive
        .recv_timeout(Duration::from_secs(10))
        .expect("opening the store hung")
}

/// The store is unusable, says why (naming the path and `kind`), and nothing is beside the path.
fn assert_refused(dir: &Path, path: &Path, kind: &str) {
    let mut store = open_within_10_s(path);
    let notices = store.take_notices();
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(notices[0].contains(&*path.to_string_lossy()), "{notices:?}");
    assert!(
        notices[0].contains(&format!("{kind}, not a regular file")),
        "{notices:?}"
    );
    assert!(notices[0].contains("bookmarks will not be kept this session"));
    assert!(store.unusable().is_some() && !store.is_persistent());
    assert!(store.set_bookmark("a", true).is_err());
    assert!(store.set_note("a", Some("n")).is_err());
    assert!(store.mark_read_many(&["a", "b"]).is_err());
    assert!(store.refresh().is_ok());
    assert!(store.state().is_bookmarked("a"), "kept in memory");
    assert_eq!(names(dir), ["state.json"]);
}

// A FIFO as the state file hung the viewer (a blank screen) waiting for a writer.
#[cfg(unix)]
#[test]
fn a_fifo_state_file_is_refused_at_once_and_nothing_is_made_beside_it() {
    let (dir, path) = folder();
    rustix::fs::mkfifoat(rustix::fs::CWD, &path, rustix::fs::Mode::RUSR).unwrap();
    assert_refused(dir.path(), &path, "a FIFO");
}

// As root, a device as the state file was renamed aside as corrupt and a lock file made beside it.
#[cfg(unix)]
#[test]
fn a_device_state_file_is_refused_and_nothing_is_made_beside_it() {
    let (dir, path) = folder();
    // A node like /dev/null (char 1,3), in the tempdir: never a real device. It needs CAP_MKNOD
    // (we run as root); without that privilege there is nothing to test.
    let made = rustix::fs::mknodat(
        rustix::fs::CWD,
        &path,
        rustix::fs::FileType::CharacterDevice,
        rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR,
        rustix::fs::makedev(1, 3),
    );
    if let Err(rustix::io::Errno::PERM | rustix::io::Errno::ACCESS) = made {
        eprintln!("skipped: making a device node needs privilege (CAP_MKNOD)");
        return;
    }
    made.unwrap();
    assert_refused(dir.path(), &path, "a character device");
}

// A dangling link was replaced by a regular file (and its temp file made beside the link).
#[cfg(unix)]
#[test]
fn a_dangling_link_is_written_through_with_the_temp_file_beside_its_target() {
    let (dir, link) = folder();
    let synced = dir.path().join("synced");
    fs::create_dir(&synced).unwrap();
    std::os::unix::fs::symlink("synced/mine.json", &link).unwrap();
    let mut store = Store::open_path(&link);
    let notices = store.take_notices();
    assert!(
        notices[0].contains("which does not exist yet"),
        "{notices:?}"
    );
    store.set_bookmark("a", true).unwrap();
    assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
    assert_eq!(names(&synced), ["mine.json", "mine.json.lock"]);
    assert!(Store::open_path(&link).state().is_bookmarked("a"));
    assert!(
        Store::open_path(&synced.join("mine.json"))
            .state()
            .is_bookmarked("a")
    );
}

// (New bound.) No save writes a file over MAX_STATE_BYTES, which brief would refuse to read.
#[test]
fn a_state_over_the_file_bound_is_not_written() {
    let max = usize::try_from(MAX_STATE_BYTES).unwrap();
    assert!(within_bound(max).is_ok());
    let e = within_bound(max + 1).unwrap_err();
    assert!(e.contains("over 64 MiB"), "{e}");
}

// A time of u64::MAX in the file made `stamp + 1` wrap: a note said "saved" and was lost, and
// a bookmark could not be removed or added back.
#[test]
fn notes_and_bookmarks_stamped_u64_max_can_still_be_changed() {
    let (_dir, path) = folder();
    let max = u64::MAX;
    write(
        &path,
        &serde_json::json!({"version": 1,
            "bookmarks": {"on": {"added": max}, "off": {"removed": max}},
            "notes": {"n": {"text": "old", "edited": max}, "gone": {"removed": max}}}),
    );
    let mut store = Store::open_path(&path);
    store.set_bookmark("on", false).unwrap();
    store.set_bookmark("off", true).unwrap();
    store.set_note("n", Some("new")).unwrap();
    store.set_note("gone", Some("back")).unwrap();
    let again = Store::open_path(&path);
    assert!(!again.state().is_bookmarked("on") && again.state().is_bookmarked("off"));
    assert_eq!(again.state().note("n"), Some("new"));
    assert_eq!(again.state().note("gone"), Some("back"));
    // And again, on top of the clamped times.
    store.set_note("n", None).unwrap();
    store.set_bookmark("on", true).unwrap();
    let again = Store::open_path(&path);
    assert_eq!(again.state().note("n"), None);
    assert_eq!(
        again.state().bookmarks(),
        vec![("off", MAX_MS), ("on", MAX_MS)]
    );
}

// The same for read marks: one stamped u64::MAX is read, kept, and marking others works.
#[test]
fn read_marks_stamped_u64_max_are_kept_and_others_are_added() {
    let (_dir, path) = folder();
    write(
        &path,
        &serde_json::json!({"version": 1, "read": {"a": u64::MAX}}),
    );
    let mut store = Store::open_path(&path);
    assert!(store.state().is_read("a"));
    store.mark_read_many(&["a", "b", "c"]).unwrap();
    let again = Store::open_path(&path);
    assert_eq!(again.state().read_ids(), ["a", "b", "c"]);
    let file: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    assert_eq!(file["read"]["a"], MAX_MS);
}

#[test]
fn mark_read_many_writes_once_and_not_at_all_when_all_are_read() {
    let (_dir, path) = folder();
    let mut store = Store::open_path(&path);
    store.mark_read_many(&[]).unwrap();
    assert!(!path.exists());
    store.mark_read_many(&["a", "b"]).unwrap();
    let written = disk::fingerprint(&path);
    store.mark_read_many(&["b", "a"]).unwrap();
    assert_eq!(disk::fingerprint(&path), written, "nothing new: no write");
    assert_eq!(Store::open_path(&path).state().read_ids(), ["a", "b"]);
}

// (New bound.) A note of tens of megabytes made each frame and each save cost seconds.
#[test]
fn a_note_over_the_bound_is_refused_naming_it_and_changes_nothing() {
    let (_dir, path) = folder();
    let mut store = Store::open_path(&path);
    let long = "x".repeat(MAX_NOTE_BYTES + 1);
    let err = store.set_note("a", Some(&long)).unwrap_err();
    assert_eq!(
        err,
        StateError::NoteTooLong {
            bytes: MAX_NOTE_BYTES + 1
        }
    );
    assert!(err.to_string().contains("64 KiB (65536 bytes)"), "{err}");
    assert_eq!(store.state().note("a"), None);
    assert!(!store.has_unsaved_changes() && !path.exists());
    let longest = "é".repeat(MAX_NOTE_BYTES / 2);
    store.set_note("a", Some(&longest)).unwrap();
    assert_eq!(Store::open_path(&path).state().note("a"), Some(&*longest));
    assert!(!store.state().note_is_over_bound("a"));
}

// A longer note already in the file is the user's: kept whole through other changes.
#[test]
fn a_note_over_the_bound_in_the_file_is_kept_whole_and_can_be_removed() {
    let (_dir, path) = folder();
    let long = "y".repeat(3 * MAX_NOTE_BYTES);
    write(
        &path,
        &serde_json::json!({"version": 1, "notes": {"a": {"text": long, "edited": 1}}}),
    );
    let mut store = Store::open_path(&path);
    assert!(store.state().note_is_over_bound("a"));
    assert!(!store.state().note_is_over_bound("b"));
    store.set_bookmark("b", true).unwrap();
    store.set_note("c", Some("short")).unwrap();
    assert_eq!(Store::open_path(&path).state().note("a"), Some(&*long));
    store.set_note("a", None).unwrap();
    assert_eq!(Store::open_path(&path).state().note("a"), None);
}

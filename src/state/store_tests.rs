//! The store against a real folder: write-through, two windows, bad files, an unwritable folder.

use std::fs;
use std::path::PathBuf;

use super::*;

fn folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brief").join("state.json");
    (dir, path)
}

fn on_disk(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&fs::read(path).unwrap()).unwrap()
}

#[test]
fn a_change_is_on_disk_when_the_call_returns() {
    let (_dir, path) = folder();
    let mut store = Store::open_path(&path);
    assert!(store.take_notices().is_empty());
    assert!(store.is_persistent());
    assert!(!path.exists(), "opening writes no state file");
    store.set_bookmark("a", true).unwrap();
    store.set_note("a", Some("raise this")).unwrap();
    store.mark_read("a").unwrap();
    let again = Store::open_path(&path);
    assert!(again.state().is_bookmarked("a"));
    assert_eq!(again.state().note("a"), Some("raise this"));
    assert!(again.state().is_read("a"));
    assert_eq!(on_disk(&path)["version"], 1);
}

#[cfg(unix)]
#[test]
fn the_folder_is_0700_and_the_files_0600() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, path) = folder();
    Store::open_path(&path).set_bookmark("a", true).unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(path.parent().unwrap()), 0o700);
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&disk::lock_path(&path)), 0o600);
    assert!(!disk::temp_path(&path).exists());
}

#[test]
fn two_stale_windows_keep_each_others_bookmarks() {
    let (_dir, path) = folder();
    let mut a = Store::open_path(&path);
    let mut b = Store::open_path(&path);
    a.set_bookmark("from-a", true).unwrap();
    b.set_bookmark("from-b", true).unwrap();
    assert!(
        b.state().is_bookmarked("from-a"),
        "a save picks up the others' changes"
    );
    let again = Store::open_path(&path);
    assert!(again.state().is_bookmarked("from-a") && again.state().is_bookmarked("from-b"));
}

#[test]
fn a_stale_window_does_not_revive_a_removed_bookmark() {
    let (_dir, path) = folder();
    Store::open_path(&path).set_bookmark("x", true).unwrap();
    let mut a = Store::open_path(&path);
    let mut b = Store::open_path(&path);
    assert!(b.state().is_bookmarked("x"));
    a.set_bookmark("x", false).unwrap();
    b.set_bookmark("y", true).unwrap();
    b.set_note("z", Some("n")).unwrap();
    assert!(!b.state().is_bookmarked("x"));
    assert!(!Store::open_path(&path).state().is_bookmarked("x"));
}

#[test]
fn refresh_picks_up_another_windows_change_once() {
    let (_dir, path) = folder();
    let mut a = Store::open_path(&path);
    let mut b = Store::open_path(&path);
    assert!(!b.refresh().unwrap());
    a.set_bookmark("x", true).unwrap();
    assert!(b.refresh().unwrap());
    assert!(b.state().is_bookmarked("x"));
    assert!(!b.refresh().unwrap());
}

#[test]
fn a_corrupt_file_is_set_aside_unchanged_and_named() {
    let (_dir, path) = folder();
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let bytes = b"{\"version\": 1, \"bookmarks\": {\xff".to_vec();
    fs::write(&path, &bytes).unwrap();
    let mut store = Store::open_path(&path);
    let notices = store.take_notices();
    assert_eq!(notices.len(), 1, "{notices:?}");
    let moved = corrupt_files(&path);
    assert_eq!(moved.len(), 1);
    assert_eq!(fs::read(&moved[0]).unwrap(), bytes);
    assert!(
        notices[0].contains(&*moved[0].to_string_lossy()),
        "{notices:?}"
    );
    assert!(store.is_persistent());
    assert_eq!(store.state().bookmark_count(), 0);
    assert!(!path.exists());
}

#[test]
fn a_newer_version_is_set_aside_not_overwritten() {
    let (_dir, path) = folder();
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, br#"{"version": 7, "bookmarks": {}}"#).unwrap();
    let mut store = Store::open_path(&path);
    assert!(store.take_notices()[0].contains("version 7"));
    store.set_bookmark("a", true).unwrap();
    let moved = corrupt_files(&path);
    assert_eq!(
        fs::read(&moved[0]).unwrap(),
        br#"{"version": 7, "bookmarks": {}}"#
    );
}

#[test]
fn a_file_broken_behind_a_windows_back_is_set_aside_and_the_window_keeps_its_state() {
    let (_dir, path) = folder();
    let mut store = Store::open_path(&path);
    store.set_bookmark("a", true).unwrap();
    fs::write(&path, b"garbage").unwrap();
    store.set_bookmark("b", true).unwrap();
    assert_eq!(corrupt_files(&path).len(), 1);
    assert_eq!(store.take_notices().len(), 1);
    let again = Store::open_path(&path);
    assert!(again.state().is_bookmarked("a") && again.state().is_bookmarked("b"));
}

#[test]
fn an_unwritable_folder_keeps_changes_in_memory_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    fs::write(&file, b"").unwrap();
    let path = file.join("state.json");
    let mut store = Store::open_path(&path);
    let notices = store.take_notices();
    assert_eq!(notices.len(), 1);
    assert!(notices[0].contains("bookmarks will not be kept this session"));
    assert!(notices[0].contains("not-a-folder"), "{notices:?}");
    assert!(!store.is_persistent());
    assert!(store.unusable().is_some());
    let err = store.set_bookmark("a", true).unwrap_err();
    assert!(err.to_string().contains("will not be kept"));
    assert!(
        store.state().is_bookmarked("a"),
        "the change is kept in memory"
    );
    assert_eq!(fs::read(&file).unwrap(), b"");
}

#[test]
fn unchanged_values_write_nothing() {
    let (_dir, path) = folder();
    let mut store = Store::open_path(&path);
    store.set_bookmark("a", false).unwrap();
    store.set_note("a", Some("   ")).unwrap();
    store.set_position(Position::default()).unwrap();
    assert!(!path.exists());
}

#[test]
fn a_blank_note_removes_the_note() {
    let (_dir, path) = folder();
    let mut store = Store::open_path(&path);
    store.set_note("a", Some("text")).unwrap();
    store.set_note("a", Some("  ")).unwrap();
    assert_eq!(store.state().note("a"), None);
    assert!(on_disk(&path)["notes"]["a"]["removed"].is_u64());
}

#[test]
fn remove_then_add_in_the_same_millisecond_ends_bookmarked() {
    let (_dir, path) = folder();
    let mut store = Store::open_path(&path);
    for _ in 0..20 {
        store.set_bookmark("a", true).unwrap();
        store.set_bookmark("a", false).unwrap();
        store.set_bookmark("a", true).unwrap();
    }
    assert!(Store::open_path(&path).state().is_bookmarked("a"));
}

#[test]
fn the_position_is_kept() {
    let (_dir, path) = folder();
    let position = Position {
        selected: Some("a".into()),
        themes: vec!["ukraine".into()],
        query: "rutte".into(),
        bookmarks_only: true,
    };
    Store::open_path(&path)
        .set_position(position.clone())
        .unwrap();
    assert_eq!(Store::open_path(&path).state().position(), &position);
}

#[test]
fn an_in_memory_store_works_and_writes_nothing() {
    let mut store = Store::in_memory();
    store.set_bookmark("a", true).unwrap();
    assert!(store.state().is_bookmarked("a"));
    assert!(!store.is_persistent());
    assert!(store.path().is_none());
    assert!(!store.refresh().unwrap());
}

fn corrupt_files(path: &Path) -> Vec<PathBuf> {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let mut found: Vec<PathBuf> = fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&format!("{name}.corrupt-"))
        })
        .collect();
    found.sort();
    found
}

#[test]
fn a_failed_save_is_reported_kept_in_memory_and_written_in_full_with_the_next_change() {
    let (_dir, path) = folder();
    let mut store = Store::open_path(&path);
    store.set_bookmark("a", true).unwrap();
    // A folder where the temp file must go: creating the temp file fails, as on a full disk.
    let blocker = disk::temp_path(&path);
    fs::create_dir(&blocker).unwrap();
    fs::write(blocker.join("x"), b"").unwrap();
    let err = store.set_bookmark("b", true).unwrap_err();
    assert!(matches!(err, StateError::Save { .. }), "{err}");
    assert!(err.to_string().contains("state.json"), "{err}");
    assert!(!store.is_persistent());
    assert!(store.has_unsaved_changes());
    assert!(store.state().is_bookmarked("b"), "kept in memory");
    assert!(
        !Store::open_path(&path).state().is_bookmarked("b"),
        "not on disk"
    );
    fs::remove_dir_all(&blocker).unwrap();
    store.set_bookmark("a", true).unwrap();
    assert!(
        store.has_unsaved_changes(),
        "a call that changes nothing writes nothing"
    );
    store.set_bookmark("c", true).unwrap();
    assert!(store.is_persistent());
    assert!(!store.has_unsaved_changes());
    let again = Store::open_path(&path);
    let ids: Vec<&str> = again.state().bookmarks().iter().map(|b| b.0).collect();
    assert_eq!(ids, ["a", "b", "c"]);
}

#[cfg(unix)]
#[test]
fn a_symlinked_state_file_stays_a_link_and_its_target_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("synced").join("my-state.json");
    fs::create_dir_all(target.parent().unwrap()).unwrap();
    fs::write(&target, br#"{"version": 1}"#).unwrap();
    let link = dir.path().join("state.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    Store::open_path(&link).set_bookmark("a", true).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(on_disk(&target)["bookmarks"]["a"]["added"].is_u64());
}

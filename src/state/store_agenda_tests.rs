//! The store's Step 12 changes against a real folder: the agenda, read marks that can be taken
//! off, the search history; each kept across processes, merged between windows, and safe against
//! what a hand-edited file may hold.

use std::fs;
use std::path::PathBuf;

use super::*;
use crate::search::Flags;
use crate::state::rank::MAX_RANK_LEN;

fn folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brief").join("state.json");
    (dir, path)
}

fn on_disk(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&fs::read(path).unwrap()).unwrap()
}

fn agenda(store: &Store) -> Vec<&str> {
    store.state().bookmarks().into_iter().map(|b| b.0).collect()
}

fn write(path: &Path, json: &serde_json::Value) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, json.to_string()).unwrap();
}

#[test]
fn new_bookmarks_go_to_the_end_in_the_order_given() {
    let (_dir, path) = folder();
    let mut store = Store::open_path(&path);
    store.set_bookmarks(&["m", "z", "a"], true).unwrap();
    store.set_bookmark("b", true).unwrap();
    assert_eq!(agenda(&store), ["m", "z", "a", "b"]);
    assert_eq!(agenda(&Store::open_path(&path)), ["m", "z", "a", "b"]);
    assert!(on_disk(&path)["bookmarks"]["b"]["rank"].is_string());
}

// Cards whose tombstones a hand-edited file stamps in the far future all got the one time
// `MAX_MS` when bookmarked again together, and the agenda then put them in id order.
#[test]
fn bookmarks_added_together_over_far_future_tombstones_keep_the_order_given() {
    let (_dir, path) = folder();
    let max = u64::MAX;
    write(
        &path,
        &serde_json::json!({"version": 1, "bookmarks": {
            "first": {"added": 1, "rank": "V"},
            "a": {"removed": max}, "b": {"removed": max}, "c": {"removed": max}}}),
    );
    let mut store = Store::open_path(&path);
    store.set_bookmarks(&["c", "a", "b"], true).unwrap();
    assert_eq!(agenda(&store), ["first", "c", "a", "b"]);
    assert_eq!(agenda(&Store::open_path(&path)), ["first", "c", "a", "b"]);
}

#[test]
fn a_move_is_kept_and_rewrites_only_the_moved_card() {
    let (_dir, path) = folder();
    let mut store = Store::open_path(&path);
    store.set_bookmarks(&["a", "b", "c", "d"], true).unwrap();
    let before = on_disk(&path);
    store.move_bookmark("d", 1).unwrap();
    assert_eq!(agenda(&store), ["a", "d", "b", "c"]);
    let after = on_disk(&path);
    for id in ["a", "b", "c"] {
        assert_eq!(after["bookmarks"][id], before["bookmarks"][id], "{id}");
    }
    assert!(after["bookmarks"]["d"]["moved"].is_u64());
    let again = Store::open_path(&path);
    assert_eq!(agenda(&again), ["a", "d", "b", "c"]);
    assert_eq!(again.state().agenda_place("d"), Some(1));
    assert_eq!(again.state().agenda_place("zzz"), None);
    // Through the search's trait too.
    assert_eq!(Flags::agenda_place(again.state(), "c"), Some(3));
}

#[test]
fn moving_to_either_end_and_back_works() {
    let (_dir, path) = folder();
    let mut store = Store::open_path(&path);
    store.set_bookmarks(&["a", "b", "c"], true).unwrap();
    store.move_bookmark("a", 2).unwrap();
    assert_eq!(agenda(&store), ["b", "c", "a"]);
    store.move_bookmark("a", 0).unwrap();
    assert_eq!(agenda(&store), ["a", "b", "c"]);
    store.move_bookmark("c", 0).unwrap();
    assert_eq!(agenda(&Store::open_path(&path)), ["c", "a", "b"]);
}

#[test]
fn a_bad_move_is_an_error_and_writes_nothing() {
    let (_dir, path) = folder();
    let mut store = Store::open_path(&path);
    store.set_bookmarks(&["a", "b"], true).unwrap();
    store.set_bookmark("gone", true).unwrap();
    store.set_bookmark("gone", false).unwrap();
    let bytes = fs::read(&path).unwrap();
    assert_eq!(
        store.move_bookmark("nope", 0),
        Err(StateError::NotBookmarked { id: "nope".into() })
    );
    assert!(matches!(
        store.move_bookmark("gone", 0),
        Err(StateError::NotBookmarked { .. })
    ));
    let err = store.move_bookmark("a", 2).unwrap_err();
    assert_eq!(err, StateError::NoSuchPlace { place: 2, len: 2 });
    assert_eq!(
        err.to_string(),
        "there is no place 3 in an agenda of 2 bookmarks"
    );
    assert!(store.move_bookmark("a", usize::MAX).is_err());
    // A card already at its place: nothing to write.
    store.move_bookmark("b", 1).unwrap();
    assert_eq!(fs::read(&path).unwrap(), bytes);
    assert!(!store.has_unsaved_changes());
}

#[test]
fn an_older_file_without_ranks_keeps_its_order_and_new_bookmarks_go_after() {
    let (_dir, path) = folder();
    write(
        &path,
        &serde_json::json!({"bookmarks": {"b": {"added": 1}, "a": {"added": 2}, "c": {"added": 3}}}),
    );
    let mut store = Store::open_path(&path);
    assert_eq!(agenda(&store), ["b", "a", "c"]);
    store.set_bookmark("d", true).unwrap();
    assert_eq!(agenda(&store), ["b", "a", "c", "d"]);
    // Moving among bookmarks without a rank ranks them, in the order the user sees.
    store.move_bookmark("d", 1).unwrap();
    assert_eq!(agenda(&store), ["b", "d", "a", "c"]);
    assert_eq!(agenda(&Store::open_path(&path)), ["b", "d", "a", "c"]);
    assert_eq!(on_disk(&path)["version"], 1);
}

#[test]
fn ranks_brief_does_not_make_read_as_none_and_never_panic() {
    let (_dir, path) = folder();
    let long = "a".repeat(MAX_RANK_LEN + 1);
    write(
        &path,
        &serde_json::json!({"version": 1, "bookmarks": {
            "a": {"added": 5, "rank": 7},
            "b": {"added": 4, "rank": "\u{1b}]0;x\u{7}"},
            "c": {"added": 3, "rank": long},
            "d": {"added": 2, "rank": "V0"},
            "e": {"added": 9, "rank": "V", "moved": u64::MAX},
            "f": {"added": 1, "rank": null, "moved": "later"},
        }}),
    );
    let mut store = Store::open_path(&path);
    assert!(store.take_notices().is_empty());
    // e is ranked; the rest by when they were added.
    assert_eq!(agenda(&store), ["e", "f", "d", "c", "b", "a"]);
    store.move_bookmark("a", 0).unwrap();
    store.move_bookmark("e", 5).unwrap();
    assert_eq!(agenda(&store), ["a", "f", "d", "c", "b", "e"]);
    assert_eq!(
        agenda(&Store::open_path(&path)),
        ["a", "f", "d", "c", "b", "e"]
    );
    // f was re-ranked, not moved: it has a rank now, and the bad `moved` is not written back.
    let f = &on_disk(&path)["bookmarks"]["f"];
    assert!(f["rank"].is_string(), "{f}");
    assert!(f.get("moved").is_none(), "{f}");
}

#[test]
fn two_windows_ranking_alike_still_agree_and_a_move_between_them_works() {
    let (_dir, path) = folder();
    let mut a = Store::open_path(&path);
    let mut b = Store::open_path(&path);
    // Neither saw the other's add before its own: both ranks follow the same last one.
    a.set_bookmark("x", true).unwrap();
    b.set_bookmark("y", true).unwrap();
    b.set_bookmark("z", true).unwrap();
    a.refresh().unwrap();
    assert_eq!(agenda(&a), agenda(&b));
    assert_eq!(agenda(&a), ["x", "y", "z"]);
    a.move_bookmark("z", 1).unwrap();
    b.refresh().unwrap();
    assert_eq!(agenda(&b), ["x", "z", "y"]);
}

#[test]
fn read_marks_can_be_taken_off_and_a_stale_window_does_not_put_them_back() {
    let (_dir, path) = folder();
    let mut a = Store::open_path(&path);
    a.set_read(&["x", "y"], true).unwrap();
    let mut b = Store::open_path(&path);
    a.set_read(&["x"], false).unwrap();
    assert!(!a.state().is_read("x") && a.state().is_read("y"));
    // b still thinks x is read; its own change to another card keeps x unread.
    b.set_read(&["z"], true).unwrap();
    assert!(!b.state().is_read("x"));
    let again = Store::open_path(&path);
    assert_eq!(again.state().read_ids(), ["y", "z"]);
    assert!(on_disk(&path)["unread"]["x"].is_u64());
    // And read again.
    a.refresh().unwrap();
    a.set_read(&["x"], true).unwrap();
    assert!(Store::open_path(&path).state().is_read("x"));
    assert!(on_disk(&path).get("unread").is_none());
}

// A window skipped a read mark its own view already had, however stale: a card another window
// had made unread since stayed unread however the user read it here, and an explicit unread (`m`,
// undo) of a card another window had read since was never written.
#[test]
fn read_marks_from_a_stale_window_are_written_when_the_user_reads_or_asks() {
    let (_dir, path) = folder();
    let mut a = Store::open_path(&path);
    a.set_read(&["x", "y"], true).unwrap();
    let mut b = Store::open_path(&path);
    // a makes x unread; b still sees it read, and its user reads it.
    a.set_read(&["x"], false).unwrap();
    b.mark_read_many(&["x"]).unwrap();
    assert!(Store::open_path(&path).state().is_read("x"));
    // a reads z; b still sees it unread, and its user makes it unread (`m`, undo).
    a.mark_read_many(&["z"]).unwrap();
    b.set_read(&["z"], false).unwrap();
    assert!(!Store::open_path(&path).state().is_read("z"));
    // Reading a card the file has read already writes nothing (its time stays), even from a
    // window that has not seen the file as it is.
    let before = fs::read(&path).unwrap();
    a.mark_read_many(&["y", "x"]).unwrap();
    assert_eq!(fs::read(&path).unwrap(), before);
    assert!(
        a.state().is_read("x") && !a.state().is_read("z"),
        "a sees the file now"
    );
}

#[test]
fn unread_then_read_in_the_same_millisecond_ends_read() {
    let (_dir, path) = folder();
    let mut store = Store::open_path(&path);
    for _ in 0..20 {
        store.set_read(&["a"], true).unwrap();
        store.set_read(&["a"], false).unwrap();
        store.set_read(&["a"], true).unwrap();
    }
    assert!(Store::open_path(&path).state().is_read("a"));
}

#[test]
fn searches_are_kept_once_each_newest_last_and_merged_between_windows() {
    let (_dir, path) = folder();
    let mut a = Store::open_path(&path);
    let mut b = Store::open_path(&path);
    a.push_search("rutte").unwrap();
    a.push_search("theme:trump").unwrap();
    b.push_search("china").unwrap();
    a.push_search("rutte").unwrap();
    assert_eq!(a.state().history(), ["theme:trump", "china", "rutte"]);
    let before = fs::read(&path).unwrap();
    // Blank, too long, or the last one again: nothing written.
    a.push_search("   ").unwrap();
    a.push_search(&"x".repeat(crate::search::MAX_QUERY_CHARS + 1))
        .unwrap();
    a.push_search("rutte").unwrap();
    assert_eq!(fs::read(&path).unwrap(), before);
    for n in 0..120 {
        b.push_search(&format!("q{n}")).unwrap();
    }
    let history = Store::open_path(&path).state().history().to_vec();
    assert_eq!(history.len(), crate::state::MAX_HISTORY);
    assert_eq!(history.first().map(String::as_str), Some("q20"));
    assert_eq!(history.last().map(String::as_str), Some("q119"));
}

#[test]
fn a_failed_save_keeps_moves_reads_and_searches_and_writes_them_with_the_next_change() {
    let (_dir, path) = folder();
    let mut store = Store::open_path(&path);
    store.set_bookmarks(&["a", "b", "c"], true).unwrap();
    let blocker = disk::temp_path(&path);
    fs::create_dir(&blocker).unwrap();
    fs::write(blocker.join("x"), b"").unwrap();
    assert!(store.move_bookmark("c", 0).is_err());
    assert!(store.set_read(&["a"], true).is_err());
    assert!(store.push_search("rutte").is_err());
    assert!(store.set_bookmark("d", true).is_err());
    assert_eq!(agenda(&store), ["c", "a", "b", "d"], "kept in memory");
    fs::remove_dir_all(&blocker).unwrap();
    store.set_note("a", Some("n")).unwrap();
    let again = Store::open_path(&path);
    assert_eq!(agenda(&again), ["c", "a", "b", "d"]);
    assert!(again.state().is_read("a"));
    assert_eq!(again.state().history(), ["rutte"]);
}

//! The merge: this process's pending changes applied to the file as another process left it.

use serde_json::json;

use super::*;
use crate::state::format::{decode, encode};

fn parse(value: &serde_json::Value) -> State {
    decode(value.to_string().as_bytes()).unwrap().state
}

fn as_json(state: &State) -> serde_json::Value {
    serde_json::from_slice(&encode(state).unwrap()).unwrap()
}

fn marks(changes: &[(&str, u64, bool)]) -> Pending {
    let mut pending = Pending::default();
    for &(id, at, on) in changes {
        pending.bookmarks.insert(id.into(), Mark { at, on });
    }
    pending
}

/// Applies each window's changes in turn to the file, as the store does under the lock.
fn write_in_order(mut disk: State, windows: &[&Pending]) -> State {
    for pending in windows {
        disk.apply(pending);
    }
    disk
}

#[test]
fn two_stale_snapshots_adding_different_cards_keep_both() {
    let disk = parse(&json!({"version": 1, "bookmarks": {"old": {"added": 1}}}));
    // Both windows read `disk`, then each bookmarks its own card.
    let a = marks(&[("a", 10, true)]);
    let b = marks(&[("b", 11, true)]);
    for order in [[&a, &b], [&b, &a]] {
        let merged = write_in_order(disk.clone(), &order);
        assert_eq!(merged.bookmarks(), vec![("old", 1), ("a", 10), ("b", 11)]);
    }
}

#[test]
fn a_later_remove_beats_an_earlier_add_whichever_is_written_first() {
    let disk = parse(&json!({"version": 1, "bookmarks": {"x": {"removed": 5}}}));
    let add = marks(&[("x", 10, true)]);
    let remove = marks(&[("x", 20, false)]);
    for order in [[&add, &remove], [&remove, &add]] {
        let merged = write_in_order(disk.clone(), &order);
        assert!(!merged.is_bookmarked("x"), "order {order:?}");
        assert_eq!(merged.bookmark_stamp("x"), 20);
    }
}

#[test]
fn a_later_add_beats_an_earlier_remove_whichever_is_written_first() {
    let disk = parse(&json!({"version": 1, "bookmarks": {"x": {"added": 5}}}));
    let remove = marks(&[("x", 10, false)]);
    let add = marks(&[("x", 20, true)]);
    for order in [[&add, &remove], [&remove, &add]] {
        let merged = write_in_order(disk.clone(), &order);
        assert_eq!(merged.bookmarks(), vec![("x", 20)], "order {order:?}");
    }
}

#[test]
fn a_tombstone_stops_a_stale_window_reviving_a_removed_bookmark() {
    // Window B read the file while `x` was bookmarked; window A then removed it.
    let disk = parse(&json!({"version": 1, "bookmarks": {"x": {"removed": 30}}}));
    // B's own change is to another card: `x` must stay removed.
    let merged = write_in_order(disk.clone(), &[&marks(&[("y", 31, true)])]);
    assert!(!merged.is_bookmarked("x"));
    assert!(merged.is_bookmarked("y"));
    // And a change to `x` that B made before A's removal loses to it.
    let merged = write_in_order(disk, &[&marks(&[("x", 25, true)])]);
    assert!(!merged.is_bookmarked("x"));
    assert_eq!(as_json(&merged)["bookmarks"]["x"], json!({"removed": 30}));
}

#[test]
fn a_stale_add_of_a_bookmarked_card_takes_the_later_time() {
    // The later time must stay on the record, or an older removal written after it would win.
    let disk = parse(&json!({"version": 1, "bookmarks": {"x": {"added": 5}}}));
    let merged = write_in_order(
        disk,
        &[&marks(&[("x", 50, true)]), &marks(&[("x", 10, false)])],
    );
    assert_eq!(merged.bookmarks(), vec![("x", 50)]);
}

#[test]
fn applying_the_same_changes_twice_changes_nothing_more() {
    let disk = parse(&json!({"version": 1, "bookmarks": {"x": {"added": 5}}}));
    let pending = marks(&[("x", 10, false), ("y", 11, true)]);
    let once = write_in_order(disk.clone(), &[&pending]);
    assert_eq!(write_in_order(disk, &[&pending, &pending]), once);
}

#[test]
fn notes_merge_per_card_by_time_with_tombstones() {
    let disk = parse(&json!({"version": 1, "notes": {
        "a": {"text": "theirs", "edited": 20},
        "b": {"removed": 20},
        "c": {"text": "keep", "edited": 1}
    }}));
    let mut pending = Pending::default();
    let change = |at, text: Option<&str>| NoteChange {
        at,
        text: text.map(Into::into),
    };
    pending.notes.insert("a".into(), change(10, Some("stale")));
    pending
        .notes
        .insert("b".into(), change(10, Some("revived?")));
    pending.notes.insert("d".into(), change(10, Some("new")));
    let mut merged = write_in_order(disk, &[&pending]);
    assert_eq!(merged.note("a"), Some("theirs"));
    assert_eq!(merged.note("b"), None);
    assert_eq!(
        merged.notes(),
        vec![("c", "keep", 1), ("d", "new", 10), ("a", "theirs", 20)]
    );
    let mut removal = Pending::default();
    removal.notes.insert("c".into(), change(40, None));
    merged.apply(&removal);
    assert_eq!(merged.note("c"), None);
    assert_eq!(as_json(&merged)["notes"]["c"], json!({"removed": 40}));
}

#[test]
fn read_marks_are_a_union_keeping_the_first_time() {
    let disk = parse(&json!({"version": 1, "read": {"a": 5}}));
    let mut pending = Pending::default();
    pending.read.insert("a".into(), 50);
    pending.read.insert("b".into(), 60);
    let merged = write_in_order(disk, &[&pending]);
    assert!(merged.is_read("a") && merged.is_read("b"));
    assert_eq!(as_json(&merged)["read"], json!({"a": 5, "b": 60}));
}

#[test]
fn unknown_fields_are_kept_everywhere_on_rewrite() {
    let disk = parse(&json!({
        "version": 1,
        "colour_scheme": "dark",
        "bookmarks": {"x": {"added": 5, "label": "for Tuesday"}},
        "notes": {"x": {"text": "hi", "edited": 5, "author": "me"}},
        "read": {"x": 5},
        "position": {"selected": "x", "zoom": 2}
    }));
    let mut pending = marks(&[("y", 9, true), ("x", 10, false)]);
    pending.position = Some(Position {
        selected: Some("y".into()),
        ..Position::default()
    });
    let merged = as_json(&write_in_order(disk, &[&pending]));
    assert_eq!(merged["colour_scheme"], "dark");
    assert_eq!(
        merged["bookmarks"]["x"],
        json!({"removed": 10, "label": "for Tuesday"})
    );
    assert_eq!(merged["notes"]["x"]["author"], "me");
    assert_eq!(merged["position"]["zoom"], 2);
    assert_eq!(merged["position"]["selected"], "y");
}

#[test]
fn a_position_change_replaces_the_position() {
    let disk = parse(&json!({"version": 1, "position": {"query": "old", "themes": ["trump"]}}));
    assert_eq!(disk.position().query, "old");
    let mut pending = Pending::default();
    let position = Position {
        selected: Some("a".into()),
        themes: vec!["ukraine".into()],
        query: "rutte".into(),
        bookmarks_only: true,
    };
    pending.position = Some(position.clone());
    assert_eq!(write_in_order(disk, &[&pending]).position(), &position);
}

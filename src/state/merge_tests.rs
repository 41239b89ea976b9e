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
        pending.mark(id, at, on);
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
    let merged = write_in_order(disk.clone(), &[&a, &b]);
    assert_eq!(merged.bookmarks(), vec![("old", 1), ("a", 10), ("b", 11)]);
    // Each goes to the end of the agenda as the file stands when it is written.
    let merged = write_in_order(disk, &[&b, &a]);
    assert_eq!(merged.bookmarks(), vec![("old", 1), ("b", 11), ("a", 10)]);
}

#[test]
fn a_new_bookmark_goes_after_one_without_a_rank_even_one_added_in_the_future() {
    // An older file's bookmarks have no rank; one was added by a clock set years ahead.
    let disk = parse(&json!({"version": 1, "bookmarks": {
        "future": {"added": 9_000_000_000_000_u64}, "old": {"added": 1},
        "ranked": {"added": 2, "rank": "k", "moved": 2, "label": "mine"}
    }}));
    let merged = write_in_order(disk, &[&marks(&[("new", 10, true)])]);
    assert_eq!(
        merged.bookmarks(),
        vec![
            ("ranked", 2),
            ("old", 1),
            ("future", 9_000_000_000_000),
            ("new", 10)
        ]
    );
    // Every bookmark now has a rank; the others kept their time and their other fields.
    let written = as_json(&merged);
    for id in ["future", "old", "ranked", "new"] {
        assert!(written["bookmarks"][id]["rank"].is_string(), "{id}");
    }
    assert_eq!(written["bookmarks"]["ranked"]["moved"], 2);
    assert_eq!(written["bookmarks"]["ranked"]["label"], "mine");
    assert!(written["bookmarks"]["old"].get("moved").is_none());
    assert_eq!(written["bookmarks"]["new"]["moved"], 10);
}

#[test]
fn a_move_of_a_removed_bookmark_or_an_older_move_is_dropped() {
    let disk = parse(&json!({"version": 1, "bookmarks": {
        "gone": {"removed": 5}, "newer": {"added": 1, "rank": "V", "moved": 50}
    }}));
    let mut pending = Pending::default();
    for id in ["gone", "newer", "missing"] {
        let next_to = crate::state::agenda::Beside {
            card: "newer".into(),
            after: true,
            place: 0,
        };
        pending.moves.insert(id.into(), Move { at: 20, next_to });
    }
    let merged = write_in_order(disk, &[&pending]);
    assert!(!merged.is_bookmarked("gone") && !merged.is_bookmarked("missing"));
    let written = as_json(&merged);
    assert_eq!(written["bookmarks"]["gone"], json!({"removed": 5}));
    assert_eq!(written["bookmarks"]["newer"]["rank"], "V");
    assert!(written["bookmarks"].get("missing").is_none());
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

fn reads(changes: &[(&str, u64, bool)]) -> Pending {
    let mut pending = Pending::default();
    for &(id, at, read) in changes {
        pending.read.insert(id.into(), ReadMark { at, read });
    }
    pending
}

#[test]
fn read_marks_merge_per_card_the_later_time_winning() {
    let disk = parse(&json!({"version": 1, "read": {"a": 5, "c": 5}, "unread": {"b": 20}}));
    // Read a again (another window saw it unread), read b before it was marked unread elsewhere,
    // mark c unread, read d.
    let pending = reads(&[
        ("a", 50, true),
        ("b", 10, true),
        ("c", 30, false),
        ("d", 60, true),
    ]);
    let merged = write_in_order(disk, &[&pending]);
    assert!(merged.is_read("a") && merged.is_read("d"));
    assert!(
        !merged.is_read("b"),
        "an older read mark loses to a newer unread mark"
    );
    assert!(!merged.is_read("c"));
    assert_eq!(merged.read_ids(), ["a", "d"]);
    let written = as_json(&merged);
    assert_eq!(written["read"], json!({"a": 50, "d": 60}));
    assert_eq!(written["unread"], json!({"b": 20, "c": 30}));
}

#[test]
fn a_card_in_both_read_and_unread_is_read_only_if_read_later() {
    let disk = parse(
        &json!({"version": 1, "read": {"a": 5, "b": 9, "c": 7}, "unread": {"a": 6, "b": 8, "c": 7}}),
    );
    assert!(!disk.is_read("a"));
    assert!(disk.is_read("b"));
    assert!(!disk.is_read("c"), "a tie is unread");
    assert_eq!(disk.read_ids(), ["b"]);
}

#[test]
fn a_file_without_unread_marks_or_history_is_written_without_them() {
    let disk = parse(&json!({"version": 1, "read": {"a": 5}}));
    let written = as_json(&write_in_order(disk, &[&reads(&[("b", 6, true)])]));
    assert!(written.get("unread").is_none() && written.get("history").is_none());
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

//! `App::update` for the agenda (`K`/`J` in the bookmarks view) and for undo and redo.

use ratatui_textarea::{Input, Key};

use super::tests::app;
use super::*;

fn selected_id(app: &App) -> String {
    app.selected_card().unwrap().id.clone()
}

fn id_at(app: &App, index: usize) -> String {
    app.pack.cards[app.filtered.cards[index]].id.clone()
}

fn message(app: &App) -> String {
    app.message().map(|m| m.text.clone()).unwrap_or_default()
}

/// The ids the list shows, in order.
fn shown(app: &App) -> Vec<String> {
    (0..app.filtered.cards.len())
        .map(|i| id_at(app, i))
        .collect()
}

/// An app with the cards at these places of the pack bookmarked in this order, in the bookmarks
/// view; their ids.
fn agenda_of(places: &[usize]) -> (App, Vec<String>) {
    let mut app = app();
    let mut ids = Vec::new();
    for &place in places {
        app.select(place);
        ids.push(selected_id(&app));
        app.update(Action::ToggleBookmark);
    }
    app.update(Action::ToggleBookmarksOnly);
    app.update(Action::Top);
    (app, ids)
}

#[test]
fn the_bookmarks_view_lists_the_agenda_not_pack_order() {
    let (app, ids) = agenda_of(&[5, 1, 3]);
    assert_eq!(shown(&app), ids);
    assert_eq!(app.filter_query(), "is:bookmarked");
}

#[test]
fn k_and_j_move_the_bookmark_past_its_neighbour_and_the_selection_follows() {
    let (mut app, ids) = agenda_of(&[5, 1, 3]);
    app.select(1);
    let effects = app.update(Action::MoveBookmarkUp);
    let moved = ids[1].clone();
    assert_eq!(
        effects,
        vec![Effect::MoveBookmark {
            id: moved.clone(),
            to: 0
        }]
    );
    assert_eq!(
        shown(&app),
        vec![ids[1].clone(), ids[0].clone(), ids[2].clone()]
    );
    assert_eq!(selected_id(&app), moved);
    assert!(message(&app).starts_with("moved to 1 of 3 in the agenda: "));
    app.update(Action::MoveBookmarkDown);
    app.update(Action::MoveBookmarkDown);
    assert_eq!(
        shown(&app),
        vec![ids[0].clone(), ids[2].clone(), ids[1].clone()]
    );
    assert_eq!(selected_id(&app), moved);
}

#[test]
fn the_first_cannot_go_up_nor_the_last_down() {
    let (mut app, ids) = agenda_of(&[5, 1, 3]);
    assert!(app.update(Action::MoveBookmarkUp).is_empty());
    assert!(message(&app).starts_with("already first in the agenda: "));
    app.update(Action::Bottom);
    assert!(app.update(Action::MoveBookmarkDown).is_empty());
    assert!(message(&app).starts_with("already last in the agenda: "));
    assert_eq!(shown(&app), ids);
    app.update(Action::Undo);
    assert_eq!(
        shown(&app),
        ids[..2],
        "the last change undone is the last bookmark"
    );
}

#[test]
fn k_outside_the_bookmarks_view_says_where_it_works() {
    let mut app = app();
    assert!(app.update(Action::MoveBookmarkUp).is_empty());
    assert_eq!(
        message(&app),
        "K/J move bookmarks in the agenda: first show the bookmarks with B"
    );
}

#[test]
fn a_move_goes_past_the_neighbour_shown_when_a_filter_hides_others() {
    let app = app();
    let trump: Vec<usize> = (0..app.pack.cards.len())
        .filter(|&i| app.pack.cards[i].themes.contains(&"trump".to_string()))
        .collect();
    let other = (0..app.pack.cards.len())
        .find(|i| !trump.contains(i))
        .unwrap();
    let (mut app, ids) = agenda_of(&[trump[0], other, trump[1]]);
    app.update(Action::ToggleTheme(2));
    assert_eq!(shown(&app), vec![ids[0].clone(), ids[2].clone()]);
    app.update(Action::MoveBookmarkDown);
    assert_eq!(
        app.marks.bookmarked.ids(),
        [ids[1].clone(), ids[2].clone(), ids[0].clone()]
    );
    assert_eq!(shown(&app), vec![ids[2].clone(), ids[0].clone()]);
    app.update(Action::MoveBookmarkDown);
    assert!(message(&app).starts_with("already last of the bookmarks shown: "));
}

// K/J reorder the list in place instead of running the filter again (a whole filter run per
// key at 100,000 cards): the list must be the one a filter run would give, with a search and a
// theme filter on, whatever the moves.
#[test]
fn k_and_j_leave_the_list_a_filter_run_would_give() {
    let app = app();
    let trump: Vec<usize> = (0..app.pack.cards.len())
        .filter(|&i| app.pack.cards[i].themes.contains(&"trump".to_string()))
        .collect();
    let mut places: Vec<usize> = (0..12).collect();
    places.extend(trump.iter().filter(|&&i| i >= 12).take(4));
    let (mut app, _) = agenda_of(&places);
    app.update(Action::ToggleTheme(2));
    assert!(app.filtered.cards.len() >= 4, "{:?}", app.filtered.cards);
    let moves = [
        true, false, false, true, false, false, false, true, true, true,
    ];
    for (n, up) in moves.into_iter().enumerate() {
        app.select(n % app.filtered.cards.len());
        app.update(if up {
            Action::MoveBookmarkUp
        } else {
            Action::MoveBookmarkDown
        });
        let (selected, shown_now) = (selected_id(&app), app.filtered.cards.clone());
        let unread = app.header_view().unread;
        app.refilter();
        assert_eq!(app.filtered.cards, shown_now, "after move {n}");
        assert_eq!(selected_id(&app), selected);
        assert_eq!(app.header_view().unread, unread);
    }
}

#[test]
fn undo_past_the_start_and_redo_with_nothing_undone_say_so() {
    let mut app = app();
    assert!(app.update(Action::Undo).is_empty());
    assert_eq!(message(&app), "nothing to undo");
    assert!(app.update(Action::Redo).is_empty());
    assert_eq!(message(&app), "nothing to redo");
}

#[test]
fn a_bookmark_is_undone_and_redone_and_each_says_so() {
    let mut app = app();
    let id = selected_id(&app);
    let title = app.selected_card().unwrap().title.clone();
    app.update(Action::ToggleBookmark);
    let off = Effect::SetBookmark {
        id: id.clone(),
        on: false,
    };
    assert_eq!(app.update(Action::Undo), vec![off]);
    assert!(!app.is_bookmarked(&id));
    assert_eq!(message(&app), format!("undone: ★ bookmarked: {title}"));
    let on = Effect::SetBookmark {
        id: id.clone(),
        on: true,
    };
    assert_eq!(app.update(Action::Redo), vec![on]);
    assert!(app.is_bookmarked(&id));
    assert_eq!(message(&app), format!("redone: ★ bookmarked: {title}"));
    app.update(Action::Undo);
    app.update(Action::Undo);
    assert_eq!(message(&app), "nothing to undo");
}

#[test]
fn undoing_a_removal_puts_the_bookmark_back_at_its_place_and_selects_it() {
    let (mut app, ids) = agenda_of(&[5, 1, 3]);
    app.select(1);
    app.update(Action::ToggleBookmark);
    assert_eq!(shown(&app), vec![ids[0].clone(), ids[2].clone()]);
    let effects = app.update(Action::Undo);
    let back = ids[1].clone();
    assert_eq!(
        effects,
        vec![
            Effect::SetBookmark {
                id: back.clone(),
                on: true
            },
            Effect::MoveBookmark {
                id: back.clone(),
                to: 1
            },
        ]
    );
    assert_eq!(shown(&app), ids);
    assert_eq!(selected_id(&app), back);
}

#[test]
fn a_move_is_undone() {
    let (mut app, ids) = agenda_of(&[5, 1, 3]);
    app.update(Action::MoveBookmarkDown);
    let effects = app.update(Action::Undo);
    assert_eq!(
        effects,
        vec![Effect::MoveBookmark {
            id: ids[0].clone(),
            to: 0
        }]
    );
    assert_eq!(shown(&app), ids);
    assert!(message(&app).starts_with("undone: moved to 2 of 3 in the agenda: "));
}

#[test]
fn a_new_change_clears_what_could_be_redone() {
    let mut app = app();
    app.update(Action::ToggleBookmark);
    app.update(Action::Undo);
    app.update(Action::SelectNext);
    app.update(Action::ToggleBookmark);
    assert!(app.update(Action::Redo).is_empty());
    assert_eq!(message(&app), "nothing to redo");
}

fn save_note(app: &mut App, text: &str) -> Vec<Effect> {
    app.update(Action::EditNote);
    while app.note.as_ref().is_some_and(|e| !e.content().is_empty()) {
        app.update(Action::NoteKey(Input {
            key: Key::Backspace,
            ..Input::default()
        }));
    }
    for c in text.chars() {
        app.update(Action::NoteKey(Input {
            key: Key::Char(c),
            ..Input::default()
        }));
    }
    app.update(Action::NoteSave)
}

#[test]
fn a_removed_note_comes_back_whole() {
    let mut app = app();
    let id = selected_id(&app);
    save_note(&mut app, "raise the 5% target");
    save_note(&mut app, "");
    assert_eq!(app.note_of(&id), None);
    let effects = app.update(Action::Undo);
    assert_eq!(
        effects,
        vec![Effect::SetNote {
            id: id.clone(),
            text: Some("raise the 5% target".into())
        }]
    );
    assert_eq!(app.note_of(&id), Some("raise the 5% target"));
    assert!(message(&app).starts_with("undone: note removed: "));
    app.update(Action::Undo);
    assert_eq!(app.note_of(&id), None);
    app.update(Action::Redo);
    assert_eq!(app.note_of(&id), Some("raise the 5% target"));
}

// Undo put back the note as the screen shows it (made inert when read from the file), not as
// the file had it: a hand-edited note with a tab, a CRLF or a flag came back changed after
// remove-then-undo.
#[test]
fn a_removed_hand_edited_note_comes_back_exactly_as_the_file_had_it() {
    let raw = "tab\there\r\nflag 🇺🇦 and \u{1b}[31mred";
    let id = super::tests::pack().cards[0].id.clone();
    let file = serde_json::json!({"version": 1, "notes": {&id: {"text": raw, "edited": 1}}});
    let state = crate::state::read_bytes(file.to_string().as_bytes()).unwrap();
    let mut app = App::new(super::tests::pack(), Snapshot::of(&state));
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    assert_eq!(selected_id(&app), id);
    let shown = app.note_of(&id).unwrap().to_string();
    assert_ne!(shown, raw, "drawn made inert");
    save_note(&mut app, "");
    let put_back = Effect::SetNote {
        id: id.clone(),
        text: Some(raw.into()),
    };
    assert_eq!(app.update(Action::Undo), vec![put_back.clone()]);
    assert_eq!(app.note_of(&id), Some(shown.as_str()), "still drawn inert");
    app.update(Action::Redo);
    assert_eq!(app.note_of(&id), None);
    assert_eq!(app.update(Action::Undo), vec![put_back]);
}

// Another window wrote the note after this one saved it: `u` put this window's older text
// (here: none) over it, and the other window's note was gone for good, redo or not.
#[test]
fn undo_never_writes_over_a_note_another_window_changed() {
    let mut app = app();
    let id = selected_id(&app);
    save_note(&mut app, "mine");
    let theirs = "theirs, written since";
    let snapshot = Snapshot {
        notes: [(id.clone(), theirs.to_string())].into(),
        ..Snapshot::default()
    };
    app.sync_marks(snapshot);
    assert!(app.update(Action::Undo).is_empty(), "nothing is written");
    assert_eq!(app.note_of(&id), Some(theirs));
    assert!(
        message(&app).starts_with("not undone: the note on "),
        "{}",
        message(&app)
    );
    // The change is dropped: the next `u` goes on to the one before it.
    assert!(app.update(Action::Undo).is_empty());
    assert_eq!(message(&app), "nothing to undo");
    // Redo is held to the same rule.
    save_note(&mut app, "");
    app.update(Action::Undo);
    assert_eq!(app.note_of(&id), Some(theirs));
    let snapshot = Snapshot {
        notes: [(id.clone(), "a third text".to_string())].into(),
        ..Snapshot::default()
    };
    app.sync_marks(snapshot);
    assert!(app.update(Action::Redo).is_empty());
    assert_eq!(app.note_of(&id), Some("a third text"));
    assert!(
        message(&app).starts_with("not redone: "),
        "{}",
        message(&app)
    );
}

#[test]
fn u_in_the_note_editor_is_typed_and_ctrl_z_stays_the_editors() {
    let keys = crate::tui::keys::Keymap::default();
    let press = |c: char, m| {
        crossterm::event::Event::Key(crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            m,
        ))
    };
    let none = crossterm::event::KeyModifiers::NONE;
    let ctrl = crossterm::event::KeyModifiers::CONTROL;
    assert!(matches!(
        keys.action(&press('u', none), Mode::Note),
        Some(Action::NoteKey(_))
    ));
    assert_eq!(
        keys.action(&press('z', ctrl), Mode::Note),
        Some(Action::NoteUndo)
    );
    assert_eq!(
        keys.action(&press('u', none), Mode::Normal),
        Some(Action::Undo)
    );
    assert_eq!(
        keys.action(&press('r', ctrl), Mode::Normal),
        Some(Action::Redo)
    );
}

#[test]
fn a_read_mark_is_undone_and_the_unread_sticks() {
    let mut app = app();
    let id = selected_id(&app);
    app.update(Action::ToggleRead);
    assert!(app.is_read(&id));
    let effects = app.update(Action::Undo);
    assert_eq!(
        effects,
        vec![Effect::SetRead {
            id: id.clone(),
            read: false
        }]
    );
    assert!(message(&app).starts_with("undone: marked read: "));
    assert!(app.update(Action::ScrollDown).is_empty(), "stays unread");
    assert_eq!(app.dwelling(), None);
    app.update(Action::Redo);
    assert!(app.is_read(&id));
}

#[test]
fn a_hundred_changes_can_be_undone() {
    const { assert!(undo::LEVELS >= 50) };
    let mut app = app();
    for _ in 0..undo::LEVELS + 20 {
        app.update(Action::ToggleRead);
    }
    for _ in 0..undo::LEVELS {
        assert!(!app.update(Action::Undo).is_empty());
    }
    assert!(app.update(Action::Undo).is_empty());
    assert_eq!(message(&app), "nothing to undo");
}

#[test]
fn undoing_a_change_to_a_hidden_card_leaves_the_view_and_says_so() {
    let mut app = app();
    let id = selected_id(&app);
    app.update(Action::ToggleBookmark);
    let ukraine_only = !app.pack.cards[0].themes.contains(&"spending".to_string());
    assert!(ukraine_only, "the first card is not a spending card");
    app.update(Action::ToggleTheme(3));
    let before = (app.filter_query(), app.selected);
    app.update(Action::Undo);
    assert!(!app.is_bookmarked(&id));
    assert!(
        message(&app).ends_with(" (hidden by the filter)"),
        "{}",
        message(&app)
    );
    assert_eq!((app.filter_query(), app.selected), before);
}

#[test]
fn undo_selects_the_card_it_changed() {
    let mut app = app();
    let id = selected_id(&app);
    app.update(Action::ToggleBookmark);
    app.update(Action::Bottom);
    app.update(Action::Undo);
    assert_eq!(selected_id(&app), id);
}

// Only an unread mark sticks: undoing a bookmark on an unread card must not stop reading it.
#[test]
fn undoing_a_bookmark_leaves_reading_alone() {
    let mut app = app();
    let id = selected_id(&app);
    app.update(Action::ToggleBookmark);
    app.update(Action::Undo);
    assert_eq!(app.dwelling(), Some(id.as_str()));
    assert!(
        !app.update(Action::ScrollDown).is_empty(),
        "scrolling reads it"
    );
}

// A card read by staying on it (the event loop's `Dwelled`) after `u` wiped what `Ctrl-R`
// could redo: waiting three seconds on an unread card lost the redo.
#[test]
fn a_card_read_by_staying_on_it_keeps_the_redo() {
    let mut app = app();
    let id = selected_id(&app);
    app.update(Action::ToggleBookmark);
    app.update(Action::Undo);
    assert_eq!(app.dwelling(), Some(id.as_str()));
    app.update(Action::Dwelled(id.clone()));
    assert!(app.is_read(&id));
    assert!(!app.update(Action::Redo).is_empty());
    assert!(app.is_bookmarked(&id), "{}", message(&app));
    app.update(Action::Undo);
    assert!(!app.is_bookmarked(&id));
    // Reading is no undo step: nothing is left, and the card stays read.
    assert!(app.update(Action::Undo).is_empty());
    assert_eq!(message(&app), "nothing to undo");
    assert!(app.is_read(&id));
}

// Reading went on the undo stack: after removing a bookmark by mistake and reading two cards,
// `u` took back the read marks, one at a time, instead of the bookmark.
#[test]
fn u_after_reading_on_undoes_the_last_change_not_the_reading() {
    let mut app = app();
    let id = selected_id(&app);
    app.update(Action::ToggleBookmark);
    app.update(Action::ToggleBookmark);
    assert!(!app.is_bookmarked(&id));
    app.update(Action::NextCard);
    app.update(Action::NextCard);
    app.update(Action::Open);
    assert!(app.is_read(&id_at(&app, 1)) && app.is_read(&id_at(&app, 2)));
    let effects = app.update(Action::Undo);
    assert_eq!(
        effects,
        vec![Effect::SetBookmark {
            id: id.clone(),
            on: true
        }]
    );
    assert!(app.is_bookmarked(&id));
    assert!(message(&app).starts_with("undone: bookmark removed: "));
    assert!(app.is_read(&id_at(&app, 1)) && app.is_read(&id_at(&app, 2)));
}

// Another window's bookmarks come in the order of its agenda, and the bookmarks view follows.
#[test]
fn another_windows_agenda_is_taken_in_its_order() {
    let (mut app, ids) = agenda_of(&[5, 1, 3]);
    let other = [ids[2].clone(), ids[0].clone(), ids[1].clone()];
    let mut snapshot = Snapshot {
        bookmarked: other.iter().cloned().collect(),
        agenda: other.to_vec(),
        ..Snapshot::default()
    };
    snapshot.bookmarked.insert("gone-from-the-pack".into());
    app.sync_marks(snapshot);
    assert_eq!(shown(&app), other);
    assert_eq!(app.marks.bookmarked.ids()[3], "gone-from-the-pack");
    assert_eq!(app.header_view().bookmarks, 4);
}

#[test]
fn e_in_the_bookmarks_view_exports_the_agenda_in_order_and_the_footer_names_k_and_j() {
    let (mut app, ids) = agenda_of(&[5, 1, 3]);
    app.update(Action::MoveBookmarkDown);
    let hints = app.footer_view().hints;
    assert!(hints.contains(&("K/J".to_string(), "reorder")), "{hints:?}");
    let Some(Effect::Export { ids: exported, .. }) = app.update(Action::Export).pop() else {
        panic!("no export");
    };
    assert_eq!(exported, [ids[1].clone(), ids[0].clone(), ids[2].clone()]);
    app.update(Action::ToggleBookmarksOnly);
    let hints = app.footer_view().hints;
    assert!(
        !hints.iter().any(|(_, label)| *label == "reorder"),
        "{hints:?}"
    );
}

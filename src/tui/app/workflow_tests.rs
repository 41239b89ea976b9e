//! `App::update` for the analyst's workflow: notes, related cards and their jumps, export.

use ratatui_textarea::{Input, Key};

use super::*;
use crate::pack::{LoadOptions, Pack};

use super::tests::app;

fn type_note(app: &mut App, text: &str) {
    for c in text.chars() {
        let key = if c == '\n' { Key::Enter } else { Key::Char(c) };
        app.update(Action::NoteKey(Input {
            key,
            ..Input::default()
        }));
    }
}

fn selected_id(app: &App) -> String {
    app.selected_card().unwrap().id.clone()
}

#[test]
fn edit_note_opens_the_editor_on_the_selected_card() {
    let mut app = app();
    app.update(Action::SelectNext);
    app.update(Action::EditNote);
    assert_eq!(app.mode(), Mode::Note);
    let editor = app.note.as_ref().unwrap();
    assert_eq!(editor.id, selected_id(&app));
    assert_eq!(editor.content(), "");
}

#[test]
fn typing_then_save_writes_the_note_and_says_so() {
    let mut app = app();
    let id = selected_id(&app);
    app.update(Action::EditNote);
    type_note(&mut app, "ask about\nthe 5% target");
    let effects = app.update(Action::NoteSave);
    assert_eq!(
        effects,
        vec![Effect::SetNote {
            id: id.clone(),
            text: Some("ask about\nthe 5% target".into())
        }]
    );
    assert_eq!(app.mode(), Mode::Normal);
    assert!(app.note.is_none());
    assert_eq!(app.note_of(&id), Some("ask about\nthe 5% target"));
    assert!(app.message().unwrap().text.contains("note saved"));
}

#[test]
fn an_existing_note_is_edited_and_paste_inserts_text() {
    let pack = Pack::embedded(&LoadOptions::default()).unwrap();
    let id = pack.cards[0].id.clone();
    let mut snapshot = Snapshot::default();
    snapshot.notes.insert(id.clone(), "first".into());
    let mut app = App::new(super::tests::memory(pack), snapshot);
    app.update(Action::EditNote);
    assert_eq!(app.note.as_ref().unwrap().content(), "first");
    app.update(Action::NotePaste(" and\r\npasted".into()));
    assert_eq!(app.note.as_ref().unwrap().content(), "first and\npasted");
}

#[test]
fn esc_on_an_unchanged_note_closes_without_asking() {
    let mut app = app();
    app.update(Action::EditNote);
    let effects = app.update(Action::NoteClose);
    assert!(effects.is_empty());
    assert_eq!(app.mode(), Mode::Normal);
    assert!(app.note.is_none());
}

#[test]
fn esc_on_a_changed_note_asks_and_each_answer_does_its_part() {
    let mut app = app();
    let id = selected_id(&app);
    app.update(Action::EditNote);
    type_note(&mut app, "draft");
    app.update(Action::NoteClose);
    assert_eq!(app.mode(), Mode::Confirm);
    // Cancel: back to the text, nothing lost.
    app.update(Action::NoteResume);
    assert_eq!(app.mode(), Mode::Note);
    assert_eq!(app.note.as_ref().unwrap().content(), "draft");
    // No: closed, nothing written.
    app.update(Action::NoteClose);
    let effects = app.update(Action::NoteDiscard);
    assert!(effects.is_empty());
    assert_eq!((app.mode(), app.note_of(&id)), (Mode::Normal, None));
    // Yes: saved.
    app.update(Action::EditNote);
    type_note(&mut app, "kept");
    app.update(Action::NoteClose);
    let effects = app.update(Action::NoteSave);
    assert_eq!(
        effects,
        vec![Effect::SetNote {
            id,
            text: Some("kept".into())
        }]
    );
}

#[test]
fn saving_an_emptied_note_removes_it() {
    let pack = Pack::embedded(&LoadOptions::default()).unwrap();
    let id = pack.cards[0].id.clone();
    let mut snapshot = Snapshot::default();
    snapshot.notes.insert(id.clone(), "old".into());
    let mut app = App::new(super::tests::memory(pack), snapshot);
    app.update(Action::EditNote);
    for _ in 0..3 {
        app.update(Action::NoteKey(Input {
            key: Key::Backspace,
            ..Input::default()
        }));
    }
    let effects = app.update(Action::NoteSave);
    assert_eq!(
        effects,
        vec![Effect::SetNote {
            id: id.clone(),
            text: None
        }]
    );
    assert_eq!(app.note_of(&id), None);
    assert!(app.message().unwrap().text.contains("note removed"));
}

#[test]
fn quitting_with_a_changed_note_saves_it_first() {
    let mut app = app();
    app.update(Action::EditNote);
    type_note(&mut app, "unsaved");
    let effects = app.update(Action::Quit);
    assert!(matches!(effects[0], Effect::SetNote { .. }));
    assert_eq!(effects.last(), Some(&Effect::Quit));
}

/// An app whose selected card has related cards, and the first of them.
fn app_on_a_card_with_related() -> (App, String) {
    let mut app = app();
    while app.selected_card().unwrap().related.is_empty() {
        app.update(Action::SelectNext);
    }
    let first = app.selected_card().unwrap().related[0].clone();
    (app, first)
}

#[test]
fn open_related_lists_the_cards_and_moves_within_them() {
    let (mut app, first) = app_on_a_card_with_related();
    app.update(Action::OpenRelated);
    assert_eq!(app.mode(), Mode::Related);
    let picker = app.related.clone().unwrap();
    assert_eq!(picker.ids[0], first);
    app.update(Action::PickPrev);
    assert_eq!(app.related.as_ref().unwrap().selected, 0);
    for _ in 0..50 {
        app.update(Action::PickNext);
    }
    assert_eq!(app.related.as_ref().unwrap().selected, picker.ids.len() - 1);
    app.update(Action::PickClose);
    assert_eq!((app.mode(), app.related.is_none()), (Mode::Normal, true));
}

#[test]
fn a_jump_selects_the_card_and_backspace_comes_back() {
    let (mut app, first) = app_on_a_card_with_related();
    let from = selected_id(&app);
    app.update(Action::OpenRelated);
    app.update(Action::PickJump);
    assert_eq!(selected_id(&app), first);
    assert_eq!(app.mode(), Mode::Normal);
    assert!(app.message().unwrap().text.contains("Backspace goes back"));
    app.update(Action::JumpBack);
    assert_eq!(selected_id(&app), from);
    // With no jump left, Backspace goes back to the list.
    app.focus = Focus::Card;
    app.update(Action::JumpBack);
    assert_eq!(app.focus, Focus::List);
}

#[test]
fn a_jump_to_a_hidden_card_clears_the_filters_and_back_restores_them() {
    let (mut app, first) = app_on_a_card_with_related();
    let from = selected_id(&app);
    // Bookmark only the current card and show bookmarks only: the target is hidden.
    app.update(Action::ToggleBookmark);
    app.update(Action::ToggleBookmarksOnly);
    assert!(app.index_of(&first).is_none());
    app.update(Action::OpenRelated);
    app.update(Action::PickJump);
    assert_eq!(selected_id(&app), first);
    assert!(!app.bookmarks_only);
    assert!(app.message().unwrap().text.contains("filters cleared"));
    app.update(Action::JumpBack);
    assert!(app.bookmarks_only);
    assert_eq!(selected_id(&app), from);
}

#[test]
fn a_card_without_related_cards_says_so() {
    let mut app = app();
    while !app.selected_card().unwrap().related.is_empty() {
        app.update(Action::SelectNext);
        if app.selected + 1 == app.filtered.cards.len() {
            return; // every card has related cards: nothing to check
        }
    }
    app.update(Action::OpenRelated);
    assert_eq!(app.mode(), Mode::Normal);
    assert!(app.message().unwrap().text.contains("no related cards"));
}

#[test]
fn export_asks_for_the_cards_shown_with_the_filter() {
    let mut app = app();
    app.update(Action::ToggleTheme(2));
    app.update(Action::StartSearch);
    for c in "rutte".chars() {
        app.update(Action::SearchInput(c));
    }
    app.update(Action::SearchAccept);
    let shown = app.filtered.cards.clone();
    assert!(!shown.is_empty());
    let effects = app.update(Action::Export);
    assert_eq!(
        effects,
        vec![Effect::Export {
            cards: shown,
            query: "rutte theme:trump".into(),
            bookmarks_only: false
        }]
    );
}

#[test]
fn export_with_nothing_shown_says_so() {
    let mut app = app();
    app.update(Action::ToggleBookmarksOnly);
    assert!(app.update(Action::Export).is_empty());
    assert!(app.message().unwrap().warning);
}

//! `App::update` on the search line: editing at the cursor, the history, `Esc` while typing and
//! in the list.

use super::tests::{app, typed};
use super::*;

/// The line split at the cursor.
fn line(app: &App) -> (&str, &str) {
    app.query.text().split_at(app.query.cursor())
}

fn press(app: &mut App, actions: &[Action]) -> Vec<Effect> {
    actions.iter().flat_map(|a| app.update(a.clone())).collect()
}

/// Searches for `text` and keeps it with Enter.
fn kept(app: &mut App, text: &str) -> Vec<Effect> {
    typed(app, text);
    app.update(Action::SearchAccept)
}

#[test]
fn the_cursor_stops_at_both_ends_and_typing_goes_in_where_it_is() {
    let mut app = app();
    typed(&mut app, "rutte");
    press(&mut app, &[Action::SearchRight]);
    assert_eq!(line(&app), ("rutte", ""), "right at the end stays");
    press(&mut app, &[Action::SearchHome, Action::SearchLeft]);
    assert_eq!(line(&app), ("", "rutte"), "left at the start stays");
    typed(&mut app, "-");
    assert_eq!(line(&app), ("-", "rutte"));
    assert!(
        app.filtered
            .cards
            .iter()
            .all(|&i| !app.pack.cards[i].title.to_lowercase().contains("rutte")),
        "the list follows the edit in the middle"
    );
    press(&mut app, &[Action::SearchEnd]);
    assert_eq!(line(&app), ("-rutte", ""));
}

#[test]
fn backspace_and_delete_act_on_either_side_of_the_cursor() {
    let mut app = app();
    typed(&mut app, "rutxte");
    press(&mut app, &[Action::SearchLeft, Action::SearchLeft]);
    press(&mut app, &[Action::SearchBackspace]);
    assert_eq!(line(&app), ("rut", "te"));
    press(&mut app, &[Action::SearchDelete]);
    assert_eq!(line(&app), ("rut", "e"));
    press(&mut app, &[Action::SearchClear]);
    assert_eq!(line(&app), ("", ""));
    assert_eq!(app.filtered.cards.len(), app.pack.cards.len());
}

#[test]
fn ctrl_w_deletes_the_word_before_the_cursor_and_nothing_at_the_start() {
    let mut app = app();
    typed(&mut app, "rutte theme:trump");
    let narrow = app.filtered.cards.len();
    press(&mut app, &[Action::SearchDeleteWord]);
    assert_eq!(line(&app), ("rutte ", ""));
    assert!(app.filtered.cards.len() > narrow, "the list widens at once");
    press(&mut app, &[Action::SearchHome, Action::SearchDeleteWord]);
    assert_eq!(line(&app), ("", "rutte "));
}

#[test]
fn a_wide_character_is_one_step_of_the_cursor() {
    let mut app = app();
    typed(&mut app, "峰会x");
    press(&mut app, &[Action::SearchLeft, Action::SearchLeft]);
    assert_eq!(line(&app), ("峰", "会x"));
    press(&mut app, &[Action::SearchBackspace]);
    assert_eq!(line(&app), ("", "会x"));
    // A letter and its combining accent, typed one after the other, are one grapheme.
    press(&mut app, &[Action::SearchEnd]);
    typed(&mut app, "e\u{301}");
    press(&mut app, &[Action::SearchLeft]);
    assert_eq!(line(&app), ("会x", "e\u{301}"));
}

#[test]
fn a_paste_goes_in_at_the_cursor() {
    let mut app = app();
    typed(&mut app, "rutte nato");
    for _ in 0..4 {
        app.update(Action::SearchLeft);
    }
    app.update(Action::SearchPaste("mark\nrutte ".into()));
    assert_eq!(line(&app), ("rutte mark rutte ", "nato"));
}

// Only control characters were kept out of what was typed: a bidi override (or an isolate)
// typed or pasted a character at a time (no bracketed paste) went into the line, was drawn in
// the footer and saved in the history as it was.
#[test]
fn typed_bidi_controls_and_escapes_never_reach_the_line() {
    let mut app = app();
    typed(&mut app, "ab\u{202e}c\u{2066}d\u{1b}]0;x\u{7}e");
    assert_eq!(app.query.text(), "abcd]0;xe");
    let effects = app.update(Action::SearchAccept);
    assert_eq!(effects, vec![Effect::SaveSearch("abcd]0;xe".into())]);
}

#[test]
fn the_line_holds_at_most_the_query_bound() {
    let mut app = app();
    app.update(Action::StartSearch);
    app.update(Action::SearchPaste("a ".repeat(600)));
    assert_eq!(
        app.query.text().chars().count(),
        crate::search::MAX_QUERY_CHARS
    );
    assert!(app.message().is_some_and(|m| m.text.contains("at most")));
    app.update(Action::SearchInput('b'));
    assert_eq!(
        app.query.text().chars().count(),
        crate::search::MAX_QUERY_CHARS
    );
}

#[test]
fn up_with_no_history_changes_nothing() {
    let mut app = app();
    typed(&mut app, "rut");
    press(&mut app, &[Action::SearchOlder, Action::SearchNewer]);
    assert_eq!(line(&app), ("rut", ""));
}

#[test]
fn up_up_down_walks_the_history_and_the_typed_line_comes_back() {
    let mut app = app();
    kept(&mut app, "rutte");
    app.update(Action::StartSearch);
    app.update(Action::SearchClear);
    kept(&mut app, "grand");
    app.update(Action::StartSearch);
    app.update(Action::SearchClear);
    typed(&mut app, "tru");
    let narrowed = app.filtered.cards.clone();
    press(&mut app, &[Action::SearchOlder]);
    assert_eq!(line(&app), ("grand", ""));
    press(&mut app, &[Action::SearchOlder]);
    assert_eq!(line(&app), ("rutte", ""));
    press(&mut app, &[Action::SearchOlder]);
    assert_eq!(line(&app), ("rutte", ""), "the oldest stays");
    press(&mut app, &[Action::SearchNewer]);
    assert_eq!(line(&app), ("grand", ""));
    press(&mut app, &[Action::SearchNewer]);
    assert_eq!(
        line(&app),
        ("tru", ""),
        "past the newest: the line being typed"
    );
    assert_eq!(app.filtered.cards, narrowed);
    press(&mut app, &[Action::SearchNewer]);
    assert_eq!(line(&app), ("tru", ""));
}

#[test]
fn an_entry_the_same_as_the_line_is_stepped_over() {
    let mut app = app();
    kept(&mut app, "rutte");
    app.update(Action::StartSearch);
    app.update(Action::SearchClear);
    kept(&mut app, "grand");
    // `/` starts on the kept query, which is also the newest entry: ↑ goes to the one before.
    app.update(Action::StartSearch);
    press(&mut app, &[Action::SearchOlder]);
    assert_eq!(line(&app), ("rutte", ""));
}

#[test]
fn enter_saves_a_search_that_ran_once_and_nothing_else() {
    let mut app = app();
    let saved = |effects: Vec<Effect>| -> Vec<String> {
        effects
            .into_iter()
            .filter_map(|e| match e {
                Effect::SaveSearch(q) => Some(q),
                _ => None,
            })
            .collect()
    };
    assert_eq!(saved(kept(&mut app, " rutte ")), ["rutte"]);
    app.update(Action::StartSearch);
    assert!(saved(app.update(Action::SearchAccept)).is_empty(), "again");
    app.update(Action::StartSearch);
    app.update(Action::SearchClear);
    assert!(saved(app.update(Action::SearchAccept)).is_empty(), "empty");
    assert!(saved(kept(&mut app, "\"unclosed")).is_empty(), "malformed");
    app.update(Action::StartSearch);
    app.update(Action::SearchClear);
    assert_eq!(saved(kept(&mut app, "grand")), ["grand"]);
    assert_eq!(app.history, ["rutte", "grand"]);
}

#[test]
fn the_history_keeps_the_last_hundred_once_each() {
    let mut app = app();
    for i in 0..105 {
        app.update(Action::StartSearch);
        app.update(Action::SearchClear);
        kept(&mut app, &format!("w{}", i % 103));
    }
    assert_eq!(app.history.len(), crate::state::MAX_HISTORY);
    assert_eq!(app.history.last().map(String::as_str), Some("w1"));
    assert_eq!(app.history.iter().filter(|h| *h == "w1").count(), 1);
}

#[test]
fn esc_while_typing_puts_back_the_query_from_before() {
    let mut app = app();
    kept(&mut app, "rutte");
    let shown = app.filtered.cards.clone();
    app.update(Action::StartSearch);
    press(&mut app, &[Action::SearchClear]);
    typed(&mut app, "grand");
    assert_ne!(app.filtered.cards, shown);
    app.update(Action::SearchCancel);
    assert_eq!((app.mode(), line(&app)), (Mode::Normal, ("rutte", "")));
    assert_eq!(app.filtered.cards, shown);
}

#[test]
fn esc_in_the_list_clears_the_search_and_says_how_to_get_it_back() {
    let mut app = app();
    kept(&mut app, "rutte");
    app.update(Action::Back);
    assert!(app.query.is_empty());
    assert_eq!(app.filtered.cards.len(), app.pack.cards.len());
    let said = &app.message().unwrap().text;
    assert!(said.contains("/ then ↑ brings it back"), "{said}");
    assert_eq!(app.position().query, "");
}

// "search cleared (/ then ↑ brings it back)" was said of every search, also of one that is not
// in the history (kept with Enter while malformed) or not its newest entry.
#[test]
fn clearing_says_how_to_get_the_search_back_only_when_that_is_how() {
    let cleared = |app: &mut App| {
        app.update(Action::Back);
        app.message().unwrap().text.clone()
    };
    let kept = |app: &mut App, text: &str| {
        app.update(Action::StartSearch);
        app.update(Action::SearchClear);
        kept(app, text);
    };
    let mut app = app();
    kept(&mut app, "rutte \"ukr");
    assert!(app.query_error.is_some());
    assert_eq!(cleared(&mut app), "search cleared");
    app.update(Action::StartSearch);
    app.update(Action::SearchOlder);
    assert_eq!(app.query.text(), "", "nothing came back");
    app.update(Action::SearchCancel);
    // In the history, but not its newest entry: `↑` gives another search first.
    kept(&mut app, "grand");
    kept(&mut app, "rutte");
    let snapshot = Snapshot {
        history: vec!["rutte".into(), "grand".into()],
        ..Snapshot::default()
    };
    app.sync_marks(snapshot);
    let said = cleared(&mut app);
    assert!(!said.contains("brings it back"), "{said}");
    assert!(said.contains("in the search history"), "{said}");
    // The newest: `/` then `↑` brings it back, as it says.
    kept(&mut app, "rutte ");
    let said = cleared(&mut app);
    assert!(said.contains("/ then ↑ brings it back"), "{said}");
    app.update(Action::StartSearch);
    app.update(Action::SearchOlder);
    assert_eq!(app.query.text(), "rutte");
}

#[test]
fn esc_goes_back_from_the_card_before_it_clears_anything() {
    let mut app = app();
    kept(&mut app, "rutte");
    app.update(Action::ToggleFocus);
    app.update(Action::Back);
    assert_eq!((app.focus, app.query.text()), (Focus::List, "rutte"));
    let mut small = super::tests::app_at(60, 12);
    kept(&mut small, "rutte");
    small.update(Action::Open);
    small.update(Action::Back);
    assert_eq!((small.card_open, small.query.text()), (false, "rutte"));
    small.update(Action::Back);
    assert_eq!(small.query.text(), "");
}

#[test]
fn the_history_comes_from_the_state_file() {
    let snapshot = Snapshot {
        history: vec!["rutte".into(), "grand".into()],
        ..Snapshot::default()
    };
    let mut app = App::new(
        crate::pack::Pack::embedded(&crate::pack::LoadOptions::default()).unwrap(),
        snapshot,
    );
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    app.update(Action::StartSearch);
    press(&mut app, &[Action::SearchOlder, Action::SearchOlder]);
    assert_eq!(line(&app), ("rutte", ""));
    assert!(!app.filtered.cards.is_empty());
}

//! Regression tests for what a first real session tripped on: the filter the footer and an export
//! record, the selection after a search or an un-bookmark, what a quit mid-search saves, the note
//! editor's keys, and the keys that messages name.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::*;
use crate::search;
use crate::tui::keys::{Key, Keymap};
use crate::tui::palette::Palette;

use super::tests::{app, typed};

fn selected_id(app: &App) -> String {
    app.selected_card().unwrap().id.clone()
}

/// Sends `event` through the default keymap, as the event loop does.
fn press(app: &mut App, event: &Event) -> Vec<Effect> {
    let action = Keymap::default().action(event, app.mode()).unwrap();
    app.update(action)
}

fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

fn char_key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

/// The query an export records, run as `brief list` runs it (`search::scan`).
fn cli_cards(app: &mut App) -> (String, Vec<usize>) {
    let effects = app.update(Action::Export);
    let Some(Effect::Export { query, .. }) = effects.into_iter().next() else {
        panic!("no export");
    };
    let parsed = search::parse(&query, app.corpus.themes()).unwrap();
    let hits = search::scan(&app.corpus.pack().cards, &parsed, &app.marks);
    (query, hits.into_iter().map(|h| h.card).collect())
}

// Two theme toggles were recorded as `theme:trump theme:spending`, which the query language reads
// as AND, while the list showed cards of either theme; bookmarks-only was not in the query at all.
#[test]
fn the_recorded_query_gives_exactly_the_cards_shown() {
    let cases: [(&[u8], &str, bool); 7] = [
        (&[2], "", false),
        (&[2, 3], "", false),
        (&[2, 3], "rutte", false),
        (&[1], "rutte OR trump", false),
        (&[1, 4], "nato OR -tag:china", false),
        (&[], "", true),
        (&[2, 3], "rutte", true),
    ];
    for (themes, query, only) in cases {
        let mut app = app();
        for i in [0, 3, 6, 9, 12, 20] {
            app.select(i);
            app.update(Action::ToggleBookmark);
        }
        for &key in themes {
            app.update(Action::ToggleTheme(key));
        }
        typed(&mut app, query);
        app.update(Action::SearchAccept);
        if only {
            app.update(Action::ToggleBookmarksOnly);
        }
        assert!(
            !app.filtered.cards.is_empty(),
            "{themes:?} {query:?} {only}"
        );
        let (recorded, cards) = cli_cards(&mut app);
        assert_eq!(recorded, app.filter_query());
        assert_eq!(
            cards, app.filtered.cards,
            "{recorded:?} for {themes:?} {query:?} {only}"
        );
    }
}

/// The screen drawn for `app` (plain theme, default keymap for the footer), as lines of text.
fn screen(app: &App) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let theme = Palette::plain();
    terminal
        .draw(|f| crate::tui::ui::draw(f, app, &theme))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..40)
        .map(|y| (0..120).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

// The footer showed the toggles as `theme:trump theme:spending` too.
#[test]
fn the_footer_shows_the_one_query() {
    let mut app = app();
    app.update(Action::ToggleTheme(2));
    app.update(Action::ToggleTheme(3));
    typed(&mut app, "rutte");
    app.update(Action::SearchAccept);
    let footer = &screen(&app)[39];
    assert!(
        footer.contains("/rutte (theme:trump OR theme:spending) ─"),
        "{footer}"
    );
}

// Un-bookmarking a card in the bookmarks-only view threw the selection back to the top.
#[test]
fn unbookmarking_in_bookmarks_only_keeps_the_place() {
    let mut app = app();
    for i in [2, 5, 8, 11] {
        app.select(i);
        app.update(Action::ToggleBookmark);
    }
    app.update(Action::ToggleBookmarksOnly);
    app.select(1);
    let next = app.corpus.pack().cards[app.filtered.cards[2]].id.clone();
    app.update(Action::ToggleBookmark);
    assert_eq!(
        (app.selected, selected_id(&app)),
        (1, next),
        "the next card"
    );
    app.update(Action::Bottom);
    app.update(Action::ToggleBookmark);
    assert_eq!(app.filtered.cards.len(), 2);
    assert_eq!(app.selected, 1, "the new last card");
}

// Un-bookmarking a card under the search `is:bookmarked` left it in the list until the next search.
#[test]
fn unbookmarking_under_is_bookmarked_takes_the_card_out() {
    let mut app = app();
    for i in [2, 5, 8] {
        app.select(i);
        app.update(Action::ToggleBookmark);
    }
    typed(&mut app, "is:bookmarked");
    app.update(Action::SearchAccept);
    app.select(1);
    app.update(Action::ToggleBookmark);
    assert_eq!((app.filtered.cards.len(), app.selected), (2, 1));
}

// Ctrl-C while typing a search saved the half-typed query as the position.
#[test]
fn quitting_mid_search_saves_the_last_kept_query() {
    let mut app = app();
    typed(&mut app, "rutte");
    app.update(Action::SearchAccept);
    typed(&mut app, " zzz");
    let effects = press(&mut app, &ctrl('c'));
    let saved = effects.iter().find_map(|e| match e {
        Effect::SavePosition(p) => Some(p.query.clone()),
        _ => None,
    });
    assert_eq!(saved.as_deref(), Some("rutte"));
}

// A new search kept the old selection (`/rutte` left you on card 11 of 26).
#[test]
fn a_changed_query_selects_its_top_hit() {
    let mut app = app();
    let parsed = search::parse("rutte", app.corpus.themes()).unwrap();
    let hits = search::scan(&app.corpus.pack().cards, &parsed, &app.marks);
    let later = hits.last().unwrap().card;
    app.select(later);
    app.update(Action::StartSearch);
    app.update(Action::SearchPaste("rutte".into()));
    assert_eq!(app.selected, 0, "the top hit");
    let top = selected_id(&app);
    app.update(Action::SelectNext);
    let second = selected_id(&app);
    app.update(Action::SearchInput(' '));
    assert_eq!(
        selected_id(&app),
        second,
        "the same query keeps the selection"
    );
    app.update(Action::SearchAccept);
    app.update(Action::ToggleTheme(1));
    if app.index_of(&second).is_some() {
        assert_eq!(selected_id(&app), second, "a theme toggle keeps it too");
    }
    assert_ne!(top, second);
}

// The README names Ctrl-Z for undo, but the editor only knew ratatui-textarea's Ctrl-U; and
// Ctrl-C in the editor was typed into the note instead of quitting.
#[test]
fn the_note_editor_undoes_with_ctrl_z_and_quits_with_ctrl_c() {
    let mut app = app();
    app.update(Action::EditNote);
    for c in "ab".chars() {
        press(&mut app, &char_key(c));
    }
    press(&mut app, &ctrl('z'));
    assert_eq!(app.note.as_ref().unwrap().content(), "a");
    press(&mut app, &ctrl('y'));
    assert_eq!(app.note.as_ref().unwrap().content(), "ab");
    let id = selected_id(&app);
    let effects = press(&mut app, &ctrl('c'));
    assert!(effects.contains(&Effect::SetNote {
        id,
        text: Some("ab".into())
    }));
    assert!(effects.contains(&Effect::Quit));
}

// Messages named the default keys (`press b`, `B shows all`, `Backspace goes back`) whatever the
// user had bound.
#[test]
fn messages_name_the_keys_bound() {
    let mut app = app();
    let mut keys = Keymap::default();
    let key = |c| Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::NONE,
    };
    keys.rebind(&Action::ToggleBookmark, &[key('x')]);
    keys.rebind(&Action::ToggleBookmarksOnly, &[key('X')]);
    keys.rebind(&Action::JumpBack, &[key('u')]);
    app.set_keymap(keys);
    app.update(Action::ToggleBookmarksOnly);
    let text = &app.message().unwrap().text;
    assert!(text.contains("press x on a card, X shows all"), "{text}");
    app.update(Action::ToggleBookmarksOnly);
    let from = app
        .corpus
        .pack()
        .cards
        .iter()
        .position(|c| !c.related.is_empty())
        .unwrap();
    app.select(from);
    app.update(Action::OpenRelated);
    app.update(Action::PickJump);
    let text = &app.message().unwrap().text;
    assert!(text.contains("(u goes back)"), "{text}");
}

// The empty list's lines named `/`, `Esc`, `0` and `B` whatever the user had bound.
#[test]
fn the_empty_list_names_the_keys_bound() {
    let mut app = app();
    let mut keys = Keymap::default();
    let key = |c| Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::NONE,
    };
    keys.rebind(&Action::ClearThemes, &[key('y')]);
    keys.rebind(&Action::ToggleBookmarksOnly, &[key('X')]);
    keys.rebind(&Action::StartSearch, &[key('f')]);
    keys.rebind(&Action::Back, &[key('w')]);
    app.set_keymap(keys);
    app.update(Action::ToggleTheme(1));
    app.update(Action::ToggleBookmarksOnly);
    typed(&mut app, "rutte");
    app.update(Action::SearchAccept);
    let text = screen(&app).join("\n");
    for line in [
        "f edits the search, w clears it",
        "y clears the theme filters",
        "X shows all cards again",
    ] {
        assert!(text.contains(line), "{line:?} not in\n{text}");
    }
}

//! `App::update` for the card alone (`ToggleZoom`) and the sources panel (`ToggleSources`).

use super::tests::{app, app_at};
use super::*;
use crate::tui::palette::Palette;

#[test]
fn zoom_shows_the_card_alone_and_the_movement_keys_read_it() {
    let mut app = app_at(120, 12);
    app.update(Action::ToggleZoom);
    let panes = app.panes();
    assert_eq!((panes.list, panes.card.map(|c| c.width)), (None, Some(120)));
    assert_eq!(app.focus, Focus::Card);
    app.update(Action::SelectNext);
    assert_eq!(
        (app.selected, app.card_scroll),
        (0, 1),
        "j scrolls the card"
    );
    app.update(Action::NextCard);
    assert_eq!(
        (app.selected, app.card_scroll),
        (1, 0),
        "n pages to the next"
    );
    app.update(Action::Bottom);
    assert_eq!(app.card_scroll, app.max_card_scroll(), "G: the card's end");
    app.update(Action::ToggleZoom);
    assert!(app.panes().list.is_some());
    assert_eq!((app.focus, app.selected), (Focus::Card, 1));
}

#[test]
fn esc_and_tab_leave_the_card_alone_for_the_list() {
    for leave in [Action::Back, Action::ToggleFocus] {
        let mut app = app();
        app.update(Action::ToggleZoom);
        app.update(leave.clone());
        assert!(app.panes().list.is_some(), "{leave:?}");
        assert_eq!(app.focus, Focus::List, "{leave:?}");
    }
}

#[test]
fn zoom_on_a_narrow_short_screen_and_back_returns_to_the_list() {
    let mut app = app_at(60, 12);
    app.update(Action::ToggleZoom);
    assert!(app.panes().card.is_some() && app.panes().list.is_none());
    app.update(Action::ToggleZoom);
    assert!(app.panes().card.is_none());
    assert_eq!(app.focus, Focus::List);
}

#[test]
fn zoom_with_no_card_does_nothing() {
    let mut app = app();
    app.update(Action::ToggleBookmarksOnly);
    app.update(Action::ToggleZoom);
    assert!(!app.zoomed);
}

#[test]
fn s_opens_the_sources_panel_and_s_esc_or_q_close_it() {
    let mut app = app();
    let id = app.selected_card().unwrap().id.clone();
    app.update(Action::ToggleSources);
    assert_eq!(app.mode(), Mode::Sources);
    assert_eq!(
        app.sources.as_ref().map(|p| p.id.as_str()),
        Some(id.as_str())
    );
    assert!(app.sources_view().is_some());
    app.update(Action::ToggleSources);
    assert_eq!(app.mode(), Mode::Normal);
    assert!(app.sources_view().is_none());
}

#[test]
fn the_sources_panel_scrolls_within_its_text() {
    let mut app = app_at(60, 12);
    let many = app
        .pack
        .cards
        .iter()
        .position(|c| c.sources.len() > 1)
        .unwrap();
    app.select(app.index_of(&app.pack.cards[many].id.clone()).unwrap());
    app.update(Action::ToggleSources);
    let lines = app
        .sources_text(app.sources_width(), &Palette::plain())
        .len();
    let rows = app.sources_rows(lines);
    assert!(lines > rows, "{lines} lines in {rows} rows");
    app.update(Action::SelectNext);
    assert_eq!(app.sources.as_ref().unwrap().scroll, 1);
    assert_eq!(
        app.selected,
        app.index_of(&app.pack.cards[many].id).unwrap()
    );
    for _ in 0..100 {
        app.update(Action::ScrollDown);
    }
    assert_eq!(app.sources.as_ref().unwrap().scroll, lines - rows);
    app.update(Action::Top);
    assert_eq!(app.sources.as_ref().unwrap().scroll, 0);
}

// On an empty list `s`, `z` and Space (and `b`, `r`, `K`) did nothing and said nothing, where `N`,
// `m` and `e` say why.
#[test]
fn keys_on_an_empty_list_say_why_they_do_nothing() {
    let mut app = app();
    super::tests::typed(&mut app, "zzzqqq");
    app.update(Action::SearchAccept);
    assert!(app.filtered.cards.is_empty());
    let keys = [
        Action::ToggleSources,
        Action::ToggleZoom,
        Action::ReadOn,
        Action::ToggleBookmark,
        Action::OpenRelated,
    ];
    for key in keys {
        app.message = None;
        assert!(app.update(key.clone()).is_empty(), "{key:?}");
        let said = app.message().map(|m| m.text.clone()).unwrap_or_default();
        assert!(said.ends_with(": no card is shown"), "{key:?}: {said:?}");
        assert_eq!((app.mode, app.zoomed), (Mode::Normal, false), "{key:?}");
    }
    app.update(Action::ToggleBookmarksOnly);
    app.message = None;
    app.update(Action::MoveBookmarkUp);
    let said = app.message().map(|m| m.text.clone()).unwrap_or_default();
    assert!(said.ends_with(": no card is shown"), "{said:?}");
}

//! `App::update`, one or more tests per action, on the built-in pack.

use super::*;
use crate::pack::LoadOptions;

pub(crate) fn pack() -> Pack {
    Pack::embedded(&LoadOptions::default()).unwrap()
}

/// An app on the built-in pack in a terminal of `width`×`height` (for the other test modules too).
pub(crate) fn app_at(width: u16, height: u16) -> App {
    let mut app = App::new(pack(), Snapshot::default());
    app.update(Action::Resize { width, height });
    app
}

/// An app on the built-in pack at 120×40.
pub(crate) fn app() -> App {
    app_at(120, 40)
}

/// Starts a search and types `text` into it.
pub(crate) fn typed(app: &mut App, text: &str) {
    app.update(Action::StartSearch);
    for c in text.chars() {
        app.update(Action::SearchInput(c));
    }
}

#[test]
fn select_next_and_prev_move_and_stop_at_the_ends() {
    let mut app = app();
    app.update(Action::SelectPrev);
    assert_eq!(app.selected, 0);
    app.update(Action::SelectNext);
    assert_eq!(app.selected, 1);
    app.update(Action::Bottom);
    let last = app.filtered.cards.len() - 1;
    assert_eq!(app.selected, last);
    app.update(Action::SelectNext);
    assert_eq!(app.selected, last, "the last card stays selected");
}

#[test]
fn next_and_prev_card_page_and_reset_the_card_scroll() {
    let mut app = app_at(120, 12);
    app.update(Action::ScrollDown);
    assert!(app.card_scroll > 0);
    app.update(Action::NextCard);
    assert_eq!((app.selected, app.card_scroll), (1, 0));
    app.update(Action::PrevCard);
    app.update(Action::PrevCard);
    assert_eq!(app.selected, 0);
}

#[test]
fn scroll_down_and_up_stay_within_the_card() {
    let mut app = app_at(120, 12);
    for _ in 0..50 {
        app.update(Action::ScrollDown);
    }
    let max = app.max_card_scroll();
    assert!(max > 0);
    assert_eq!(app.card_scroll, max);
    app.update(Action::ScrollUp);
    assert!(app.card_scroll < max);
    for _ in 0..50 {
        app.update(Action::ScrollUp);
    }
    assert_eq!(app.card_scroll, 0);
}

#[test]
fn top_and_bottom_act_on_the_focused_pane() {
    let mut app = app_at(120, 12);
    app.update(Action::Bottom);
    assert_eq!(app.selected, app.filtered.cards.len() - 1);
    app.update(Action::Top);
    assert_eq!(app.selected, 0);
    app.update(Action::ToggleFocus);
    assert_eq!(app.focus, Focus::Card);
    app.update(Action::Bottom);
    assert_eq!((app.selected, app.card_scroll), (0, app.max_card_scroll()));
    app.update(Action::Top);
    assert_eq!(app.card_scroll, 0);
}

#[test]
fn toggle_focus_makes_j_and_k_scroll_the_card() {
    let mut app = app_at(120, 12);
    app.update(Action::ToggleFocus);
    app.update(Action::SelectNext);
    assert_eq!((app.selected, app.card_scroll), (0, 1));
    app.update(Action::ToggleFocus);
    app.update(Action::SelectNext);
    assert_eq!(app.selected, 1);
}

#[test]
fn open_and_back_on_a_narrow_short_terminal() {
    let mut app = app_at(60, 12);
    assert!(app.panes().card.is_none());
    assert!(!app.is_read(&app.pack.cards[0].id.clone()));
    let effects = app.update(Action::Open);
    assert!(app.card_open && app.panes().list.is_none());
    let id = app.selected_card().unwrap().id.clone();
    assert_eq!(effects, vec![Effect::MarkRead { id }]);
    app.update(Action::Back);
    assert!(!app.card_open && app.panes().card.is_none());
}

#[test]
fn open_with_no_card_does_nothing() {
    let mut app = app_at(60, 12);
    app.update(Action::ToggleBookmarksOnly);
    app.update(Action::Open);
    assert!(!app.card_open);
}

#[test]
fn toggle_theme_filters_by_any_and_clear_themes_resets() {
    let mut app = app();
    let all = app.filtered.cards.len();
    app.update(Action::ToggleTheme(2));
    let trump = app.filtered.cards.len();
    assert!(trump < all);
    assert_eq!(app.themes_on, vec!["trump".to_string()]);
    app.update(Action::ToggleTheme(1));
    assert_eq!(
        app.themes_on,
        vec!["ukraine".to_string(), "trump".to_string()]
    );
    assert!(app.filtered.cards.len() >= trump);
    app.update(Action::ToggleTheme(2));
    assert_eq!(app.themes_on, vec!["ukraine".to_string()]);
    app.update(Action::ClearThemes);
    assert_eq!(app.filtered.cards.len(), all);
}

#[test]
fn toggle_theme_on_an_unused_key_says_so() {
    let mut app = app();
    app.update(Action::ToggleTheme(9));
    assert!(app.themes_on.is_empty());
    assert!(app.message().unwrap().text.contains("no theme on key 9"));
}

#[test]
fn search_narrows_on_every_keystroke_and_enter_keeps_it() {
    let mut app = app();
    let all = app.filtered.cards.len();
    typed(&mut app, "rutte");
    assert_eq!(app.mode(), Mode::Search);
    let rutte = app.filtered.cards.len();
    assert!(rutte > 0 && rutte < all);
    app.update(Action::SearchAccept);
    assert_eq!((app.mode(), app.query.text()), (Mode::Normal, "rutte"));
    assert_eq!(app.filtered.cards.len(), rutte);
}

#[test]
fn search_backspace_widens_and_cancel_clears() {
    let mut app = app();
    let all = app.filtered.cards.len();
    typed(&mut app, "zzzq");
    assert!(app.filtered.cards.is_empty(), "an empty result is allowed");
    assert_eq!(app.selected_card(), None);
    for _ in 0..4 {
        app.update(Action::SearchBackspace);
    }
    app.update(Action::SearchBackspace);
    assert_eq!(app.filtered.cards.len(), all);
    typed(&mut app, "rutte");
    app.update(Action::SearchCancel);
    assert_eq!((app.mode(), app.query.text()), (Mode::Normal, ""));
    assert_eq!(app.filtered.cards.len(), all);
}

#[test]
fn a_malformed_query_shows_its_error_and_keeps_the_last_good_result() {
    let mut app = app();
    typed(&mut app, "rutte");
    let good = app.filtered.clone();
    app.update(Action::SearchInput(' '));
    app.update(Action::SearchInput('"'));
    assert!(app.query_error.as_deref().unwrap().contains("never closed"));
    assert_eq!(app.filtered, good);
    app.update(Action::SearchBackspace);
    assert_eq!(app.query_error, None);
}

#[test]
fn selection_follows_its_card_through_a_new_filter() {
    let mut app = app();
    let id = app.pack.cards[app.filtered.cards[5]].id.clone();
    app.update(Action::Top);
    for _ in 0..5 {
        app.update(Action::SelectNext);
    }
    app.update(Action::ToggleTheme(1));
    app.update(Action::ClearThemes);
    assert_eq!(app.selected_card().unwrap().id, id);
}

#[test]
fn toggle_bookmark_returns_the_effect_and_says_so() {
    let mut app = app();
    let id = app.selected_card().unwrap().id.clone();
    let effects = app.update(Action::ToggleBookmark);
    assert_eq!(
        effects,
        vec![Effect::SetBookmark {
            id: id.clone(),
            on: true
        }]
    );
    assert!(app.is_bookmarked(&id));
    assert!(app.message().unwrap().text.contains("bookmarked"));
    let effects = app.update(Action::ToggleBookmark);
    assert_eq!(
        effects,
        vec![Effect::SetBookmark {
            id: id.clone(),
            on: false
        }]
    );
    assert!(!app.is_bookmarked(&id));
}

#[test]
fn toggle_bookmark_with_no_card_does_nothing() {
    let mut app = app();
    typed(&mut app, "zzzq");
    assert!(app.update(Action::ToggleBookmark).is_empty());
}

#[test]
fn bookmarks_only_with_none_bookmarked_is_empty_and_explains() {
    let mut app = app();
    app.update(Action::ToggleBookmarksOnly);
    assert!(app.filtered.cards.is_empty());
    assert!(app.message().unwrap().text.contains("no bookmarks yet"));
    app.update(Action::SelectNext);
    app.update(Action::Bottom);
    app.update(Action::ScrollDown);
    assert_eq!(app.selected, 0);
    app.update(Action::ToggleBookmarksOnly);
    assert_eq!(app.filtered.cards.len(), app.pack.cards.len());
}

#[test]
fn bookmarks_only_shows_the_bookmarked_cards() {
    let mut app = app();
    app.update(Action::SelectNext);
    app.update(Action::ToggleBookmark);
    let id = app.selected_card().unwrap().id.clone();
    app.update(Action::ToggleBookmarksOnly);
    assert_eq!(app.filtered.cards.len(), 1);
    assert_eq!(app.selected_card().unwrap().id, id);
    app.update(Action::ToggleBookmark);
    assert!(app.filtered.cards.is_empty(), "un-bookmarking hides it");
}

#[test]
fn toggle_help_opens_and_closes_the_overlay() {
    let mut app = app();
    app.update(Action::ToggleHelp);
    assert_eq!(app.mode(), Mode::Help);
    app.update(Action::ToggleHelp);
    assert_eq!(app.mode(), Mode::Normal);
}

#[test]
fn quit_saves_the_position_then_quits() {
    let mut app = app();
    app.update(Action::SelectNext);
    app.update(Action::ToggleTheme(1));
    let effects = app.update(Action::Quit);
    let position = app.position();
    assert_eq!(position.themes, vec!["ukraine".to_string()]);
    assert_eq!(effects, vec![Effect::SavePosition(position), Effect::Quit]);
}

#[test]
fn a_saved_position_is_restored() {
    let card = pack().cards[7].id.clone();
    let snapshot = Snapshot {
        position: Position {
            selected: Some(card.clone()),
            themes: vec!["spending".into(), "nope".into()],
            query: String::new(),
            bookmarks_only: false,
        },
        ..Snapshot::default()
    };
    let app = App::new(pack(), snapshot);
    assert_eq!(app.themes_on, vec!["spending".to_string()]);
    let selected = app.selected_card().map(|c| c.id.clone());
    assert!(selected == Some(card) || !app.pack.cards[7].themes.contains(&"spending".into()));
}

// A saved search of 10,000 nested '(' (pasted into the search, saved at quit) overflowed the stack
// at every start; one that does not parse is now dropped at start and the footer says why.
#[test]
fn a_bad_saved_search_is_dropped_at_start_with_a_message() {
    let deep = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
    for query in [
        deep,
        "-".repeat(18_600) + "a",
        "(".repeat(40) + "a",
        "theme:nosuch".into(),
    ] {
        let snapshot = Snapshot {
            position: Position {
                query,
                ..Position::default()
            },
            ..Snapshot::default()
        };
        let app = App::new(pack(), snapshot);
        assert!(app.query.is_empty());
        assert_eq!(app.filtered.cards.len(), app.pack.cards.len());
        let said = app.message().map(|m| m.text.as_str()).unwrap_or_default();
        assert!(
            said.starts_with("saved search dropped: bad query at character"),
            "{said}"
        );
    }
}

#[test]
fn resize_keeps_the_selection_visible_and_tiny_sizes_are_safe() {
    let mut app = app();
    app.update(Action::Bottom);
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    let rows = app.panes().list_rows();
    assert!(app.selected >= app.list_offset && app.selected < app.list_offset + rows);
    for (w, h) in [(20, 5), (0, 0), (1, 1), (29, 7)] {
        app.update(Action::Resize {
            width: w,
            height: h,
        });
        app.update(Action::SelectNext);
        app.update(Action::ScrollDown);
        assert!(app.panes().too_small);
    }
}

#[test]
fn click_selects_a_row_and_focuses_panes() {
    let mut app = app();
    let list = app.panes().list.unwrap();
    app.update(Action::Click {
        column: list.x + 3,
        row: list.y + 4,
    });
    assert_eq!(app.selected, 3);
    let card = app.panes().card.unwrap();
    app.update(Action::Click {
        column: card.x + 3,
        row: card.y + 3,
    });
    assert_eq!(app.focus, Focus::Card);
    app.update(Action::Click {
        column: list.x + 3,
        row: list.bottom() - 1,
    });
    assert_eq!((app.selected, app.focus), (3, Focus::List));
}

#[test]
fn wheel_moves_the_list_or_scrolls_the_card() {
    let mut app = app_at(120, 12);
    let (list, card) = (app.panes().list.unwrap(), app.panes().card.unwrap());
    app.update(Action::Wheel {
        down: true,
        column: list.x + 2,
        row: list.y + 2,
    });
    assert_eq!(app.selected, 1);
    app.update(Action::Wheel {
        down: true,
        column: card.x + 2,
        row: card.y + 2,
    });
    assert_eq!(app.card_scroll, WHEEL_LINES.min(app.max_card_scroll()));
    app.update(Action::Wheel {
        down: false,
        column: card.x + 2,
        row: card.y + 2,
    });
    assert_eq!(app.card_scroll, 0);
}

#[test]
fn dismiss_message_clears_it() {
    let mut app = app();
    app.notify("hello", false);
    let serial = app.message().unwrap().serial;
    app.notify("again", true);
    assert!(app.message().unwrap().serial > serial);
    app.update(Action::DismissMessage);
    assert_eq!(app.message(), None);
}

#[test]
fn start_search_enters_search_mode() {
    let mut app = app();
    app.update(Action::StartSearch);
    assert_eq!(app.mode(), Mode::Search);
}

#[test]
fn a_paste_into_the_search_joins_its_lines() {
    let mut app = app();
    app.update(Action::StartSearch);
    app.update(Action::SearchPaste("rutte\nukraine".into()));
    assert_eq!(app.query.text(), "rutte ukraine");
    assert!(!app.filtered.cards.is_empty());
}

// A query saved in the state file (edited by hand, or pasted before queries were cleaned) and
// messages quoting paths reached the footer, and so the terminal, with their escapes.
#[test]
fn a_saved_query_and_footer_messages_are_inert() {
    let snapshot = Snapshot {
        position: Position {
            query: "rutte\u{1b}]0;pwned\u{7}\u{202e}".into(),
            ..Position::default()
        },
        ..Snapshot::default()
    };
    let mut app = App::new(pack(), snapshot);
    app.notify("exported to /tmp/\u{1b}]52;c;aGk=\u{7}x.md", false);
    let clean = |s: &str| !s.chars().any(|c| c.is_control() || c == '\u{202e}');
    assert!(clean(app.query.text()), "{:?}", app.query);
    assert!(clean(&app.message().unwrap().text));
}

/// An app whose first card has `note` (as a state file could hold it).
fn app_with_note(note: String) -> (App, String) {
    let id = pack().cards[0].id.clone();
    let snapshot = Snapshot {
        notes: [(id.clone(), note)].into_iter().collect(),
        ..Snapshot::default()
    };
    let mut app = App::new(pack(), snapshot);
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    (app, id)
}

// A note of tens of megabytes (a hand-edited or merged state file) made every frame cost
// seconds: the card pane wrapped all of it each time, and the editor opened on all of it.
#[test]
fn a_note_over_the_bound_is_drawn_in_part_and_not_opened_in_the_editor() {
    let (mut app, _) = app_with_note("word ".repeat(4 * 1024 * 1024));
    let lines = app
        .card_text(80, &crate::tui::palette::Palette::plain())
        .lines;
    assert!(lines.len() < 5_000, "{} lines", lines.len());
    let text: String = lines.iter().map(ToString::to_string).collect();
    assert!(text.contains("more bytes not shown"), "the cut is said");
    app.update(Action::EditNote);
    assert_eq!(app.mode(), Mode::Normal, "the editor stays closed");
    assert!(
        app.message()
            .unwrap()
            .text
            .contains("over the 65536 a note may hold")
    );
}

#[test]
fn typing_or_pasting_past_the_note_bound_is_refused_and_the_note_kept() {
    let (mut app, id) = app_with_note("x".repeat(crate::state::MAX_NOTE_BYTES - 1));
    app.update(Action::EditNote);
    assert_eq!(app.mode(), Mode::Note);
    app.update(Action::NotePaste("too long".into()));
    assert!(app.message().unwrap().text.contains("paste refused"));
    let key = |c| {
        Action::NoteKey(ratatui_textarea::Input {
            key: ratatui_textarea::Key::Char(c),
            ctrl: false,
            alt: false,
            shift: false,
        })
    };
    app.update(key('y'));
    app.update(key('z'));
    assert!(app.message().unwrap().text.contains("at most 65536 bytes"));
    let effects = app.update(Action::NoteSave);
    let Some(Effect::SetNote {
        text: Some(text), ..
    }) = effects.first()
    else {
        panic!("{effects:?}");
    };
    assert_eq!(text.len(), crate::state::MAX_NOTE_BYTES);
    assert!(text.ends_with('y'));
    assert_eq!(
        app.note_of(&id).map(str::len),
        Some(crate::state::MAX_NOTE_BYTES)
    );
}

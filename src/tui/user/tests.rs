//! `[keys]` and `[colors]` from a config file: the keymap and theme they make, and every kind of
//! problem placed at its line and column.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;

use super::*;
use crate::config;

fn parsed(text: &str) -> Config {
    let (config, problems) = config::parse(text, "c.toml");
    assert!(problems.is_empty(), "{problems:?}");
    config
}

fn press(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

#[test]
fn a_binding_replaces_the_actions_default_keys() {
    let (map, problems) = keymap(&parsed(
        "[keys]\nselect_next = \"x\"\ntoggle_theme_2 = \"F2\"\n",
    ));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        map.action(&press('x'), Mode::Normal),
        Some(Action::SelectNext)
    );
    assert_eq!(map.action(&press('j'), Mode::Normal), None);
    let f2 = Event::Key(KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE));
    assert_eq!(map.action(&f2, Mode::Normal), Some(Action::ToggleTheme(2)));
    assert!(
        map.help_rows(Mode::Normal)
            .contains(&("x".to_string(), "next card".to_string()))
    );
}

#[test]
fn two_actions_can_swap_keys() {
    let (map, problems) = keymap(&parsed(
        "[keys]\nselect_next = \"k\"\nselect_prev = \"j\"\n",
    ));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        map.action(&press('k'), Mode::Normal),
        Some(Action::SelectNext)
    );
    assert_eq!(
        map.action(&press('j'), Mode::Normal),
        Some(Action::SelectPrev)
    );
}

#[test]
fn an_unknown_action_is_placed_and_ignored() {
    let (map, problems) = keymap(&parsed("[keys]\n\nfly_away = \"x\"\n"));
    assert_eq!(map, Keymap::default());
    assert_eq!(problems.len(), 1);
    assert_eq!((problems[0].line, problems[0].column), (3, 1));
    assert!(
        problems[0].message.contains("unknown action 'fly_away'"),
        "{}",
        problems[0]
    );
    assert!(problems[0].to_string().starts_with("config.toml:3:1: "));
}

#[test]
fn a_bad_key_is_placed_and_the_action_keeps_its_defaults() {
    let (map, problems) = keymap(&parsed("[keys]\nquit = [\"x\", \"Hyper-q\"]\n"));
    assert_eq!(map, Keymap::default());
    assert_eq!((problems[0].line, problems[0].column), (2, 14));
    assert!(
        problems[0].message.contains("'Hyper-q' is not a key"),
        "{}",
        problems[0]
    );
    assert!(problems[0].message.contains("quit keeps its default keys"));
}

#[test]
fn a_key_bound_twice_is_placed_and_the_later_binding_ignored() {
    let (map, problems) = keymap(&parsed("[keys]\nquit = \"x\"\nselect_next = \"x\"\n"));
    assert_eq!(problems.len(), 1, "{problems:?}");
    // The table is sorted by action name: select_next comes after quit.
    assert_eq!((problems[0].line, problems[0].column), (3, 15));
    assert!(
        problems[0].message.contains("also bound to quit"),
        "{}",
        problems[0]
    );
    assert_eq!(map.action(&press('x'), Mode::Normal), Some(Action::Quit));
    assert_eq!(
        map.action(&press('j'), Mode::Normal),
        Some(Action::SelectNext)
    );
}

#[test]
fn a_key_that_another_action_keeps_by_default_is_a_clash() {
    let (map, problems) = keymap(&parsed("[keys]\nselect_next = [\"x\", \"q\"]\n"));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!((problems[0].line, problems[0].column), (2, 21));
    assert!(
        problems[0].message.contains("also bound to quit"),
        "{}",
        problems[0]
    );
    assert_eq!(map, Keymap::default());
    assert_eq!(
        crate::tui::check_config(&parsed("[keys]\nselect_next = [\"x\", \"q\"]\n")).len(),
        1
    );
}

#[test]
fn config_names_are_the_serde_names() {
    assert_eq!(config_name(&Action::SelectNext), "select_next");
    assert_eq!(
        config_name(&Action::ToggleBookmarksOnly),
        "toggle_bookmarks_only"
    );
    assert_eq!(config_name(&Action::ToggleTheme(4)), "toggle_theme_4");
    assert_eq!(config_name(&Action::EditNote), "edit_note");
}

#[test]
fn colours_parse_by_name_and_hex() {
    assert_eq!(parse_color("cyan"), Some(Color::Cyan));
    assert_eq!(parse_color("DarkGray"), Some(Color::DarkGray));
    assert_eq!(parse_color("#ff8000"), Some(Color::Rgb(255, 128, 0)));
    for bad in ["#ff80", "#gg0000", "chartreuse", "", "#ff800000"] {
        assert_eq!(parse_color(bad), None, "{bad}");
    }
}

#[test]
fn colours_apply_to_the_colour_theme_only_and_bad_ones_are_placed() {
    let config =
        parsed("[colors]\nhighlight = \"#102030\"\nbookmark = \"puce\"\nshade = \"red\"\n");
    let (theme, problems) = palette(&config, true);
    assert_eq!(theme.highlight.fg, Some(Color::Rgb(16, 32, 48)));
    assert_eq!(theme.bookmark, Palette::colour().bookmark);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert_eq!((problems[0].line, problems[0].column), (3, 12));
    assert!(problems[0].message.contains("'puce' is not a colour"));
    assert_eq!((problems[1].line, problems[1].column), (4, 1));
    assert!(
        problems[1]
            .message
            .contains("unknown colour setting 'shade'")
    );
    let (plain, problems) = self::palette(&config, false);
    assert_eq!(plain, Palette::plain());
    assert_eq!(problems.len(), 2);
    assert_eq!(crate::tui::check_config(&config).len(), 2);
}

/// assets/config.toml documents the defaults: uncommented, its bindings and colours change nothing
/// and raise no problem (so every name and key it shows is one brief reads).
#[test]
fn the_documented_defaults_uncommented_are_the_defaults() {
    let text: String = config::DEFAULT
        .lines()
        .map(|line| {
            let body = line.strip_prefix("# ").unwrap_or(line);
            let is_setting = body.split_once(" = ").is_some_and(|(name, _)| {
                name.chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit())
            });
            let in_tables = !body.starts_with("pack") && !body.starts_with("trusted_keys");
            if is_setting && in_tables && line.starts_with("# ") {
                format!("{body}\n")
            } else {
                format!("{line}\n")
            }
        })
        .collect();
    let config = parsed(&text);
    assert!(config.keys.len() > 20, "{}", config.keys.len());
    let (map, problems) = keymap(&config);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(map, Keymap::default());
    let (theme, problems) = palette(&config, true);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(theme, Palette::colour());
}

fn key_event(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

#[test]
fn the_new_browsing_keys_and_the_search_lines_keys_rebind() {
    let (map, problems) = keymap(&parsed(
        "[keys]\ntoggle_zoom = \"Z\"\ntoggle_sources = \"F3\"\nsearch_clear = \"Ctrl-k\"\nsearch_older = \"Ctrl-p\"\nprev_card = [\"Ctrl-p\", \"p\"]\n",
    ));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        map.action(&press('Z'), Mode::Normal),
        Some(Action::ToggleZoom)
    );
    assert_eq!(map.action(&press('z'), Mode::Normal), None);
    let f3 = key_event(KeyCode::F(3), KeyModifiers::NONE);
    assert_eq!(map.action(&f3, Mode::Normal), Some(Action::ToggleSources));
    let ctrl = |c| key_event(KeyCode::Char(c), KeyModifiers::CONTROL);
    assert_eq!(
        map.action(&ctrl('k'), Mode::Search),
        Some(Action::SearchClear)
    );
    assert_eq!(
        map.action(&ctrl('u'), Mode::Search),
        None,
        "the default key is replaced"
    );
    // One key, two modes: older searches while typing, the previous card while browsing.
    assert_eq!(
        map.action(&ctrl('p'), Mode::Search),
        Some(Action::SearchOlder)
    );
    assert_eq!(map.action(&ctrl('p'), Mode::Normal), Some(Action::PrevCard));
    let up = key_event(KeyCode::Up, KeyModifiers::NONE);
    assert_eq!(map.action(&up, Mode::Search), None);
    assert_eq!(map.action(&up, Mode::Normal), Some(Action::SelectPrev));
}

#[test]
fn a_search_key_that_would_be_typed_or_taken_is_refused() {
    let (map, problems) = keymap(&parsed(
        "[keys]\nsearch_left = \"h\"\nsearch_clear = \"Enter\"\n",
    ));
    assert_eq!(map, Keymap::default());
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].message.contains("'h' is typed into a search"),
        "{}",
        problems[0]
    );
    assert!(
        problems[1].message.contains("also bound to search_accept"),
        "{}",
        problems[1]
    );
}

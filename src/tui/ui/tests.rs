//! Properties of the drawn screen at every size, and with a rebound keymap.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::app::tests::app_at;
use crate::tui::keys::{Key, Keymap, Mode};
use crate::tui::palette::Palette;

fn app(width: u16, height: u16, actions: &[Action]) -> App {
    let mut app = app_at(width, height);
    for action in actions {
        app.update(action.clone());
    }
    app
}

/// The screen drawn for `app` with `keymap` as its one keymap.
fn screen(app: &App, keymap: &Keymap) -> Buffer {
    let mut app = app.clone();
    app.set_keymap(keymap.clone());
    let app = &app;
    let size = app.panes().area;
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).unwrap();
    terminal
        .draw(|frame| super::draw(frame, app, &Palette::plain()))
        .unwrap();
    terminal.backend().buffer().clone()
}

fn row(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

fn rows(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height).map(|y| row(buf, y)).collect()
}

fn key(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

/// Every tab in `header` is whole or absent, and the counters are whole or absent.
fn assert_header_whole(app: &App, header: &str, width: u16) {
    let mut rest = header.replace("[B ★ only]", "");
    for (t, count) in app.corpus().themes.iter().zip(&app.filtered().theme_counts) {
        let long = format!("[{} {} {count}]", t.key, t.label);
        let short = format!("[{} {count}]", t.key);
        rest = rest.replace(&long, "").replace(&short, "");
    }
    assert!(
        !rest.contains('[') && !rest.contains(']'),
        "a tab cut at width {width}: {header:?}"
    );
    let position = format!(
        "{}/{}",
        (app.selected_index() + 1).min(app.filtered().cards.len()),
        app.filtered().cards.len()
    );
    let (marks, unread) = (app.header_view().bookmarks, app.header_view().unread);
    let forms = [
        format!("• {unread} unread  ★ {marks}  card {position}"),
        format!("• {unread}  ★ {marks}  card {position}"),
        format!("• {unread}  ★ {marks}  {position}"),
        format!("★ {marks}  {position}"),
        position.clone(),
    ];
    let end = rest.trim_end();
    let whole = forms.iter().any(|f| end.ends_with(f.as_str()));
    let none = !rest.contains('★') && !rest.contains('/') && !rest.contains('•');
    assert!(whole || none, "counters cut at width {width}: {header:?}");
    let leftover = forms
        .iter()
        .find(|f| end.ends_with(f.as_str()))
        .map_or(end, |f| &end[..end.len() - f.len()]);
    assert!(
        !leftover.contains('★') && !leftover.contains('/') && !leftover.contains('•'),
        "counters drawn twice or cut at width {width}: {header:?}"
    );
}

// At some widths between 34 and 45 the theme tabs and the counters overwrote each other (a tab
// cut in half under `★`); at 36 a tab vanished under the counters.
#[test]
fn header_elements_are_whole_at_every_width() {
    let states: [&[Action]; 3] = [
        &[],
        &[Action::ToggleTheme(1), Action::ToggleBookmark],
        &[Action::ToggleBookmark, Action::ToggleBookmarksOnly],
    ];
    for actions in states {
        let mut app = app(120, 40, actions);
        for width in 30..=200 {
            for height in [8, 40] {
                app.update(Action::Resize { width, height });
                let header = app.panes().header;
                let mut buf = Buffer::empty(header);
                super::header::render(&mut buf, header, &app.header_view(), &Palette::plain());
                assert_header_whole(&app, &row(&buf, 0), width);
            }
        }
    }
}

fn footer(app: &App, keymap: &Keymap) -> String {
    let buf = screen(app, keymap);
    row(&buf, buf.area.height - 1)
}

// With the card pane focused the footer said `j/k move`: there j and k scroll the card.
#[test]
fn the_footer_names_what_keys_do_in_the_focused_pane() {
    let keymap = Keymap::default();
    let list = footer(&app(120, 40, &[]), &keymap);
    assert!(list.contains("j/k move"), "{list}");
    let card = footer(&app(120, 40, &[Action::ToggleFocus]), &keymap);
    assert!(!card.contains("j/k move"), "{card}");
    assert!(card.contains("j/k scroll"), "{card}");
}

// At narrow widths the footer dropped `? help` first of all.
#[test]
fn help_is_the_last_hint_to_go() {
    let keymap = Keymap::default();
    let mut app = app(120, 24, &[]);
    for width in 30..=200 {
        app.update(Action::Resize { width, height: 24 });
        let line = footer(&app, &keymap);
        assert!(line.contains("? help"), "at {width}: {line:?}");
    }
}

// At 120 columns the footer dropped the reading flow's keys (Space, N/P, u; K/J in the
// bookmarks view), which ranked after `r related` and `e export`.
#[test]
fn at_120_columns_the_list_shows_the_reading_flows_keys() {
    let keymap = Keymap::default();
    let line = footer(&app(120, 40, &[]), &keymap);
    for hint in [
        "Space read on",
        "N/P unread",
        "u undo",
        "? help",
        "/ search",
    ] {
        assert!(line.contains(hint), "{hint}: {line:?}");
    }
    let mut actions = Vec::new();
    for _ in 0..12 {
        actions.extend([Action::ToggleBookmark, Action::SelectNext]);
    }
    actions.extend([Action::ToggleBookmarksOnly, Action::DismissMessage]);
    let line = footer(&app(120, 40, &actions), &keymap);
    assert!(line.contains("12 matches"), "{line:?}");
    for hint in [
        "K/J reorder",
        "Space read on",
        "N/P unread",
        "u undo",
        "? help",
    ] {
        assert!(line.contains(hint), "{hint}: {line:?}");
    }
}

// A message too long for the footer was cut mid-word, with no `…`.
#[test]
fn a_long_message_is_cut_at_a_word_with_an_ellipsis() {
    let keymap = Keymap::default();
    let mut app = app(40, 24, &[]);
    app.notify(
        "the state file could not be written: the disk is full",
        true,
    );
    let line = footer(&app, &keymap);
    assert_eq!(line.trim_end(), " the state file could not be written:…");
}

fn rebound() -> Keymap {
    let mut keymap = Keymap::default();
    keymap.rebind(&Action::StartSearch, &[key(KeyCode::Char('f'))]);
    keymap.rebind(&Action::ClearThemes, &[key(KeyCode::Char('x'))]);
    keymap.rebind(&Action::ToggleBookmarksOnly, &[key(KeyCode::Char('o'))]);
    keymap.rebind(&Action::ToggleHelp, &[key(KeyCode::F(1))]);
    keymap.rebind(&Action::SelectNext, &[key(KeyCode::Char('J'))]);
    keymap
}

// The empty list's lines, the help's closing line and some hints named the default keys
// (`/`, `0`, `B`, `?`), whatever the config had rebound.
#[test]
fn drawn_keys_follow_a_rebound_keymap() {
    let keymap = rebound();
    let mut actions = vec![Action::ToggleTheme(1), Action::ToggleBookmarksOnly];
    actions.push(Action::StartSearch);
    actions.extend("zzzq".chars().map(Action::SearchInput));
    // The app's own message ("press b on a card, B shows all") is not drawn by ui/.
    actions.extend([Action::SearchAccept, Action::DismissMessage]);
    let app = app(80, 24, &actions);
    let text = rows(&screen(&app, &keymap)).join("\n");
    for wanted in [
        "f edits the search",
        "x clears",
        "o shows all",
        "F1 help",
        "J/k",
    ] {
        assert!(text.contains(wanted), "{wanted:?} missing:\n{text}");
    }
    for stale in ["/ edits", "0 clears", "B shows", "? help", "j/k"] {
        assert!(!text.contains(stale), "{stale:?} still drawn:\n{text}");
    }
}
fn long_keymap() -> Keymap {
    let mut keymap = Keymap::default();
    let ctrl = |code| Key {
        code,
        modifiers: KeyModifiers::CONTROL,
    };
    keymap.rebind(
        &Action::SelectNext,
        &[
            ctrl(KeyCode::PageDown),
            ctrl(KeyCode::Char('j')),
            key(KeyCode::Down),
        ],
    );
    keymap
}

// With a long binding (`Ctrl-PageDown`, several keys for one action), the help's key column ran
// into the descriptions: it was 22 columns whatever the keys.
#[test]
fn the_help_key_column_fits_the_longest_keys() {
    let app = app(120, 40, &[Action::ToggleHelp]);
    let buf = screen(&app, &long_keymap());
    let lines = rows(&buf);
    let next = lines
        .iter()
        .find(|l| l.contains("Ctrl-PgDn"))
        .expect("the rebound keys are shown");
    let keys = "Ctrl-PgDn Ctrl-j ↓ / k ↑";
    let at = next.find(keys).unwrap() + keys.len();
    assert!(
        next[at..].starts_with("  "),
        "keys run into the text: {next:?}"
    );
    let column = |line: &str, text: &str| line.find(text).map(|i| line[..i].chars().count());
    let quit = lines.iter().find_map(|l| column(l, "quit")).unwrap();
    assert_eq!(column(next, "next / previous card"), Some(quit));
}

fn press(app: &mut App, keymap: &Keymap, code: KeyCode) {
    let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(action) = keymap.action(&event, app.mode()) {
        app.update(action);
    }
}

// At 60×19 the help overlay was cut off and could not scroll: its last lines were out of reach.
#[test]
fn the_help_scrolls_at_short_heights() {
    let keymap = Keymap::default();
    let mut app = app(60, 19, &[Action::ToggleHelp]);
    let text = |app: &App| rows(&screen(app, &keymap)).join("\n");
    let first = text(&app);
    assert!(!first.contains("Mouse:"), "{first}");
    assert!(first.contains(" of "), "a position indicator: {first}");
    assert!(
        first.contains("j/k PgDn/PgUp scroll"),
        "the help names its scroll keys: {first}"
    );
    for _ in 0..40 {
        press(&mut app, &keymap, KeyCode::Char('j'));
    }
    assert!(text(&app).contains("Mouse:"), "{}", text(&app));
    press(&mut app, &keymap, KeyCode::PageUp);
    press(&mut app, &keymap, KeyCode::Up);
    press(&mut app, &keymap, KeyCode::PageUp);
    assert_eq!(text(&app), first);
    assert_eq!(app.mode(), Mode::Help);
}

// The panes, the card alone, the sources panel and a long search line with wide characters,
// drawn at every size from the smallest: nothing panics, and the search line keeps its cursor.
#[test]
fn every_new_view_draws_at_every_size() {
    let keymap = Keymap::default();
    let mut long = vec![Action::StartSearch];
    long.push(Action::SearchPaste("北约峰会 rutte ".repeat(40)));
    long.extend(std::iter::repeat_n(Action::SearchLeft, 30));
    let states: [&[Action]; 4] = [
        &[Action::ToggleZoom],
        &[Action::ToggleSources, Action::ScrollDown],
        &[Action::ToggleZoom, Action::ToggleSources],
        &long,
    ];
    for actions in states {
        let mut app = app(120, 40, actions);
        for (width, height) in [(20, 5), (30, 8), (45, 12), (60, 19), (89, 30), (90, 24)] {
            app.update(Action::Resize { width, height });
            let buf = screen(&app, &keymap);
            if actions == long.as_slice() && width >= 30 && height >= 8 {
                let footer = buf.area.height - 1;
                let cursor = (0..buf.area.width).filter(|&x| {
                    buf[(x, footer)]
                        .modifier
                        .contains(ratatui::style::Modifier::REVERSED)
                });
                assert!(cursor.count() >= 1, "no cursor at {width}×{height}");
            }
        }
    }
}

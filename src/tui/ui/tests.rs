//! Properties of the drawn screen at every size, and with a rebound keymap.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use crate::pack::{LoadOptions, Pack};
use crate::tui::action::Action;
use crate::tui::app::{App, Mode};
use crate::tui::keys::{Key, Keymap};
use crate::tui::persist::Snapshot;
use crate::tui::theme::Theme;

fn app(width: u16, height: u16, actions: &[Action]) -> App {
    let pack = Pack::embedded(&LoadOptions::default()).unwrap();
    let mut app = App::new(pack, Snapshot::default());
    app.update(Action::Resize { width, height });
    for action in actions {
        app.update(action.clone());
    }
    app
}

fn screen(app: &App, keymap: &Keymap) -> Buffer {
    let size = app.layout().area;
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).unwrap();
    terminal
        .draw(|frame| super::draw(frame, app, &Theme::plain(), keymap))
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
    for (t, count) in app.pack.themes.iter().zip(&app.filtered.theme_counts) {
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
        (app.selected + 1).min(app.filtered.cards.len()),
        app.filtered.cards.len()
    );
    let marks = app.marks.bookmarked.len();
    let forms = [
        format!("★ {marks}  card {position}"),
        format!("★ {marks}  {position}"),
        position.clone(),
    ];
    let end = rest.trim_end();
    let whole = forms.iter().any(|f| end.ends_with(f.as_str()));
    let none = !rest.contains('★') && !rest.contains('/');
    assert!(whole || none, "counters cut at width {width}: {header:?}");
    let leftover = forms
        .iter()
        .find(|f| end.ends_with(f.as_str()))
        .map_or(end, |f| &end[..end.len() - f.len()]);
    assert!(
        !leftover.contains('★') && !leftover.contains('/'),
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
                let header = app.layout().header;
                let mut buf = Buffer::empty(header);
                super::header::render(&mut buf, header, &app, &Theme::plain());
                assert_header_whole(&app, &row(&buf, 0), width);
            }
        }
    }
}


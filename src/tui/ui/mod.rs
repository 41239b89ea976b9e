//! Drawing: one file per screen region, each reading the [`App`] and never changing it.

pub mod card;
pub mod footer;
pub mod header;
pub mod help;
pub mod list;

use ratatui::Frame;
use ratatui::text::Line;

use super::app::{App, Mode};
use super::keys::Keymap;
use super::layout::{MIN_HEIGHT, MIN_WIDTH};
use super::theme::Theme;

/// Draws the whole screen for `app` into `frame`.
pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme, keymap: &Keymap) {
    let layout = app.layout();
    let buf = frame.buffer_mut();
    if layout.too_small {
        let lines = [
            Line::from("terminal too small"),
            Line::from(format!("need {MIN_WIDTH}×{MIN_HEIGHT}")),
        ];
        let area = layout.area.intersection(buf.area);
        for (line, y) in lines.iter().zip(area.top()..area.bottom()) {
            buf.set_line(area.x, y, line, area.width);
        }
        return;
    }
    header::render(buf, layout.header, app, theme);
    if let Some(area) = layout.list {
        list::render(buf, area, app, theme);
    }
    if let Some(area) = layout.card {
        card::render(buf, area, app, theme);
    }
    footer::render(buf, layout.footer, app, theme, keymap);
    if app.mode() == Mode::Help {
        help::render(buf, layout.area, app, theme, keymap);
    }
}

/// The longest prefix of `text` that fits `room` columns, leaving one for `…` if cut.
pub(crate) fn truncate(text: &str, room: usize) -> (&str, bool) {
    if textwrap::core::display_width(text) <= room {
        return (text, false);
    }
    let mut width = 0;
    for (i, c) in text.char_indices() {
        width += textwrap::core::display_width(c.encode_utf8(&mut [0; 4]));
        if width + 1 > room {
            return (&text[..i], true);
        }
    }
    (text, false)
}

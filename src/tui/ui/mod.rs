//! Drawing: one file per screen region, each a widget over the small view struct the [`App`]
//! gives it (`app::views`), never changing anything.

pub mod card;
pub mod footer;
pub mod header;
pub mod help;
mod input;
pub mod list;
pub mod note;
pub mod related;
pub mod sources;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::app::App;
use super::keys::Mode;
use super::palette::Palette;
use super::panes::{MIN_HEIGHT, MIN_WIDTH};

/// Draws the whole screen for `app` into `frame`, with the keys of the app's keymap.
pub fn draw(frame: &mut Frame<'_>, app: &App, palette: &Palette) {
    let panes = app.panes();
    let buf = frame.buffer_mut();
    if panes.too_small {
        let lines = [
            Line::from("terminal too small"),
            Line::from(format!("need {MIN_WIDTH}×{MIN_HEIGHT}")),
        ];
        let area = panes.area.intersection(buf.area);
        for (line, y) in lines.iter().zip(area.top()..area.bottom()) {
            buf.set_line(area.x, y, line, area.width);
        }
        return;
    }
    header::render(buf, panes.header, &app.header_view(), palette);
    if let Some(area) = panes.list {
        list::render(buf, area, &app.list_view(), palette);
    }
    if let Some(area) = panes.card {
        card::render(buf, area, app, palette);
    }
    footer::render(buf, panes.footer, &app.footer_view(), palette);
    let body = panes.body();
    match app.mode() {
        Mode::Help => help::render(buf, panes.area, &app.help_view(), palette),
        Mode::Note | Mode::Confirm => {
            if let Some(view) = app.note_view() {
                note::render(buf, body, &view, palette);
            }
        }
        Mode::Related => {
            if let Some(view) = app.picker_view() {
                related::render(buf, body, &view, palette);
            }
        }
        Mode::Sources => sources::render(buf, body, app, palette),
        Mode::Normal | Mode::Search => {}
    }
}

/// Clears and returns a `width` × `height` box centred in `area`, for an overlay to draw in.
pub(crate) fn popup(
    buf: &mut ratatui::buffer::Buffer,
    area: Rect,
    width: u16,
    height: u16,
) -> Rect {
    use ratatui::layout::{Constraint, Flex, Layout};
    use ratatui::widgets::{Clear, Widget};
    let [row] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(row);
    Clear.render(popup, buf);
    popup
}

/// The longest prefix of `text` that fits `room` columns, leaving one for `…` if cut; it is cut
/// between graphemes, never inside one.
pub(crate) fn truncate(text: &str, room: usize) -> (&str, bool) {
    use unicode_segmentation::UnicodeSegmentation;
    if textwrap::core::display_width(text) <= room {
        return (text, false);
    }
    let mut width = 0usize;
    for (i, g) in text.grapheme_indices(true) {
        width = width.saturating_add(textwrap::core::display_width(g));
        if width.saturating_add(1) > room {
            return (&text[..i], true);
        }
    }
    (text, false)
}

/// `text` cut to `room` columns with `…`, at the last space when one is near enough (so a
/// message loses whole words), otherwise between graphemes.
pub(crate) fn cut_words(text: &str, room: usize) -> String {
    let (shown, cut) = truncate(text, room);
    if !cut {
        return text.to_string();
    }
    let at_space = text[shown.len()..].starts_with(' ');
    let words = match shown.rfind(' ') {
        Some(space) if !at_space && space >= shown.len() / 2 => &shown[..space],
        _ => shown,
    };
    format!("{}…", words.trim_end())
}

#[cfg(test)]
mod tests;

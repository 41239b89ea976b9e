//! The `?` overlay: every key, read from the live keymap, with the themes' keys and the mouse.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use crate::tui::action::Action;
use crate::tui::app::{App, Mode};
use crate::tui::keys::Keymap;
use crate::tui::theme::Theme;

const KEY_COLUMN: usize = 22;

/// Actions shown on one row, as opposites: `j ↓ / k ↑   next / previous card`.
const PAIRS: [(Action, Action, &str); 5] = [
    (
        Action::SelectNext,
        Action::SelectPrev,
        "next / previous card",
    ),
    (
        Action::NextCard,
        Action::PrevCard,
        "page to next / previous card",
    ),
    (
        Action::ScrollDown,
        Action::ScrollUp,
        "scroll the card down / up",
    ),
    (Action::Top, Action::Bottom, "top / bottom of the list"),
    (
        Action::Open,
        Action::Back,
        "open the card / back to the list",
    ),
];

/// Draws the overlay centred in `area`.
pub fn render(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme, keymap: &Keymap) {
    let lines = lines(app, theme, keymap);
    let width = area.width.saturating_sub(2).min(70);
    let height = area
        .height
        .min(u16::try_from(lines.len() + 2).unwrap_or(u16::MAX));
    let popup = super::popup(buf, area, width, height);
    let block = Block::bordered()
        .title(Span::styled(" Keys ", theme.title))
        .title_bottom(Line::styled(" ? q Esc close ", theme.dim).right_aligned())
        .border_style(theme.border_focus);
    let inner = block.inner(popup);
    block.render(popup, buf);
    for (line, y) in lines.iter().zip(inner.top()..inner.bottom()) {
        buf.set_line(inner.x + 1, y, line, inner.width.saturating_sub(1));
    }
}

fn lines(app: &App, theme: &Theme, keymap: &Keymap) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let rows = keymap.help_rows(Mode::Normal);
    let keys_of = |action: Action| {
        rows.iter()
            .find(|(_, label)| *label == action.label())
            .map(|(keys, _)| keys.clone())
    };
    for (keys, label) in &rows {
        let pair = PAIRS
            .iter()
            .find(|(a, b, _)| a.label() == *label || b.label() == *label);
        match pair {
            Some((first, second, both)) if first.label() == *label => {
                let other = keys_of(second.clone()).unwrap_or_default();
                out.push(row(format!("{keys} / {other}"), both, theme));
            }
            Some(_) => {}
            None => out.push(row(keys.clone(), label, theme)),
        }
    }
    let themes: Vec<String> = app
        .pack
        .themes
        .iter()
        .map(|t| format!("{} {}", t.key, t.label))
        .collect();
    out.push(Line::styled(
        format!("themes: {}", themes.join(" · ")),
        theme.dim,
    ));
    let mut search = vec![Span::styled("In a search: ", theme.heading)];
    let quit = Action::Quit.label();
    for (keys, label) in keymap.help_rows(Mode::Search) {
        if label == quit {
            continue;
        }
        search.push(Span::styled(keys, theme.key));
        search.push(Span::raw(format!(" {label}  ")));
    }
    out.push(Line::from(search));
    out.push(Line::styled(
        "Mouse: the wheel scrolls, a click selects.",
        theme.dim,
    ));
    out
}

fn row(keys: String, label: &str, theme: &Theme) -> Line<'static> {
    let pad = KEY_COLUMN.saturating_sub(textwrap::core::display_width(&keys));
    Line::from(vec![
        Span::styled(keys, theme.key),
        Span::raw(" ".repeat(pad)),
        Span::raw(label.to_string()),
    ])
}

//! The sources panel: a box over the body with the selected card's sources in full (their lines
//! from `App::sources_text`), scrolled as the app says, its bottom line saying where you are and
//! the keys that scroll and close it (read from the keymap).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::truncate;
use crate::tui::app::App;
use crate::tui::palette::Palette;

/// Draws the panel centred in `area` (the body), if it is open.
pub fn render(buf: &mut Buffer, area: Rect, app: &App, palette: &Palette) {
    let Some(view) = app.sources_view() else {
        return;
    };
    let lines = app.sources_text(app.sources_width(), palette);
    let rows = app.sources_rows(lines.len());
    let width = app.panes().overlay_width();
    let height = u16::try_from(rows.saturating_add(2)).unwrap_or(u16::MAX);
    let popup = super::popup(buf, area, width, height.min(area.height));
    let (from, cut) = truncate(view.from, usize::from(width.saturating_sub(16)));
    let title = format!(" Sources of: {from}{} ", if cut { "…" } else { "" });
    let first = view.scroll.min(lines.len().saturating_sub(rows));
    let bottom = if rows < lines.len() {
        let end = first.saturating_add(rows);
        format!(" {}–{end} of {} · {} ", first + 1, lines.len(), view.hints)
    } else {
        format!(" {} ", view.hints)
    };
    let block = Block::bordered()
        .title(Span::styled(title, palette.title))
        .title_bottom(Line::styled(bottom, palette.dim).right_aligned())
        .border_style(palette.border_focus);
    let inner = block.inner(popup);
    block.render(popup, buf);
    let text = Rect {
        x: inner.x.saturating_add(1),
        width: inner.width.saturating_sub(2),
        ..inner
    };
    for (line, y) in lines.iter().skip(first).zip(text.top()..text.bottom()) {
        buf.set_line(text.x, y, line, text.width);
    }
}

//! The related cards' picker: a box listing the selected card's related cards (title and themes),
//! the chosen one highlighted, with the keys that jump and close it (read from the keymap).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::truncate;
use crate::tui::app::views::PickerView;
use crate::tui::palette::Palette;

/// Draws the picker centred in `area`.
pub fn render(buf: &mut Buffer, area: Rect, view: &PickerView<'_>, palette: &Palette) {
    let width = area.width.saturating_sub(4).min(76);
    let rows = u16::try_from(view.entries.len().saturating_mul(2)).unwrap_or(u16::MAX);
    let height = rows.saturating_add(2).min(area.height);
    let popup = super::popup(buf, area, width, height);
    let (from, cut) = truncate(view.from, usize::from(width.saturating_sub(16)));
    let title = format!(" Related to: {from}{} ", if cut { "…" } else { "" });
    let block = Block::bordered()
        .title(Span::styled(title, palette.title))
        .title_bottom(Line::styled(format!(" {} ", view.hints), palette.dim).right_aligned())
        .border_style(palette.border_focus);
    let inner = block.inner(popup);
    block.render(popup, buf);
    // Keep the chosen entry in view: two lines per entry.
    let fit = usize::from(inner.height / 2);
    let first = view.selected.saturating_add(1).saturating_sub(fit);
    let mut y = inner.y;
    for (i, (title, themes)) in view.entries.iter().enumerate().skip(first).take(fit) {
        let area = Rect {
            y,
            height: 2,
            ..inner
        };
        entry(buf, area, (title, themes), i == view.selected, palette);
        y = y.saturating_add(2);
    }
}

/// One entry on two lines of `area`: `> title` (highlighted when chosen), then its themes.
fn entry(
    buf: &mut Buffer,
    area: Rect,
    (title, themes): (&str, &str),
    chosen: bool,
    palette: &Palette,
) {
    let room = usize::from(area.width.saturating_sub(3));
    let (shown, cut) = truncate(title, room);
    let marker = if chosen { "> " } else { "  " };
    let line = Line::from(vec![
        Span::raw(marker),
        Span::raw(format!("{shown}{}", if cut { "…" } else { "" })),
    ]);
    if chosen {
        buf.set_style(Rect { height: 1, ..area }, palette.selected);
    }
    buf.set_line(area.x, area.y, &line, area.width);
    let themes = Line::styled(format!("  {themes}"), palette.dim);
    buf.set_line(area.x, area.y.saturating_add(1), &themes, area.width);
}

//! The `?` overlay: the help's text (`keys::help`, from the live keymap) in a centred box, each
//! piece styled by its ink. When the terminal is short it scrolls, and its bottom line says where
//! you are and which keys scroll it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use crate::tui::app::views::HelpView;
use crate::tui::keys::help::{HelpLine, Ink};
use crate::tui::palette::Palette;

/// Draws the overlay centred in `area`, scrolled as far as the view says (within its length).
pub fn render(buf: &mut Buffer, area: Rect, view: &HelpView<'_>, palette: &Palette) {
    let lines = &view.lines;
    let width = area.width.saturating_sub(2).min(70);
    let height = area
        .height
        .min(u16::try_from(lines.len().saturating_add(2)).unwrap_or(u16::MAX));
    let popup = super::popup(buf, area, width, height);
    let rows = usize::from(popup.height.saturating_sub(2));
    let first = view.scroll.min(lines.len().saturating_sub(rows));
    let bottom = view
        .keys
        .help_bottom(first, rows, lines.len(), usize::from(width));
    let block = Block::bordered()
        .title(Span::styled(" Keys ", palette.title))
        .title_bottom(Line::styled(bottom, palette.dim).right_aligned())
        .border_style(palette.border_focus);
    let inner = block.inner(popup);
    block.render(popup, buf);
    for (line, y) in lines.iter().skip(first).zip(inner.top()..inner.bottom()) {
        buf.set_line(
            inner.x.saturating_add(1),
            y,
            &styled(line, palette),
            inner.width.saturating_sub(1),
        );
    }
}

/// A help line with the palette's styles.
fn styled<'a>(line: &'a HelpLine, palette: &Palette) -> Line<'a> {
    let style = |ink: Ink| match ink {
        Ink::Key => palette.key,
        Ink::Heading => palette.heading,
        Ink::Dim => palette.dim,
        Ink::Plain => Style::new(),
    };
    Line::from(
        line.iter()
            .map(|(ink, text)| Span::styled(text.as_str(), style(*ink)))
            .collect::<Vec<_>>(),
    )
}

//! The note editor: a box over the card pane holding the text area, its border naming the card and
//! the keys (read from the keymap) that save and close it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::truncate;
use crate::tui::app::views::NoteView;
use crate::tui::palette::Palette;

/// Draws the editor centred in `area` (the body: the screen less header and footer).
pub fn render(buf: &mut Buffer, area: Rect, view: &NoteView<'_>, palette: &Palette) {
    let width = area.width.saturating_sub(4).min(72);
    let height = area.height.saturating_sub(2).clamp(3, 14);
    let popup = super::popup(buf, area, width, height);
    let (title, cut) = truncate(view.title, usize::from(width.saturating_sub(12)));
    let title = format!(" ✎ Note: {title}{} ", if cut { "…" } else { "" });
    let block = Block::bordered()
        .title(Span::styled(title, palette.title))
        .title_bottom(Line::styled(format!(" {} ", view.hints), palette.dim).right_aligned())
        .border_style(palette.border_focus);
    let inner = block.inner(popup);
    block.render(popup, buf);
    let text = Rect {
        x: inner.x.saturating_add(1),
        width: inner.width.saturating_sub(2),
        ..inner
    };
    // The text area keeps its own scroll position (a `Cell` inside it) so that the cursor stays in
    // view; that is the widget's private bookkeeping, not the app's state.
    view.text.render(text, buf);
}

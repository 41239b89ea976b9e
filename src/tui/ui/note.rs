//! The note editor: a box over the card pane holding the text area, its border naming the card and
//! the keys (read from the keymap) that save and close it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::truncate;
use crate::tui::action::Action;
use crate::tui::app::{App, Mode};
use crate::tui::keys::Keymap;
use crate::tui::theme::Theme;

/// Draws the editor, if open, centred in `area` (the body: the screen less header and footer).
pub fn render(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme, keymap: &Keymap) {
    let Some(editor) = &app.note else {
        return;
    };
    let width = area.width.saturating_sub(4).min(72);
    let height = area.height.saturating_sub(2).clamp(3, 14);
    let popup = super::popup(buf, area, width, height);
    let (title, cut) = truncate(&editor.title, usize::from(width.saturating_sub(12)));
    let title = format!(" ✎ Note: {title}{} ", if cut { "…" } else { "" });
    let hint = |action: Action, label: &str| {
        keymap
            .first_key(&action, Mode::Note)
            .map(|k| format!("{k} {label}"))
    };
    let hints: Vec<String> = [
        hint(Action::NoteSave, "save"),
        hint(Action::NoteClose, "close"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let block = Block::bordered()
        .title(Span::styled(title, theme.title))
        .title_bottom(Line::styled(format!(" {} ", hints.join(" · ")), theme.dim).right_aligned())
        .border_style(theme.border_focus);
    let inner = block.inner(popup);
    block.render(popup, buf);
    let text = Rect {
        x: inner.x.saturating_add(1),
        width: inner.width.saturating_sub(2),
        ..inner
    };
    // The text area keeps its own scroll position (a `Cell` inside it) so that the cursor stays in
    // view; that is the widget's private bookkeeping, not the app's state.
    editor.text.render(text, buf);
}

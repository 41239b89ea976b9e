//! The header line: theme tabs with their live counts, the bookmark count and the position.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::tui::app::App;
use crate::tui::theme::Theme;

/// Draws the header into `area` (one line).
pub fn render(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    buf.set_style(area, theme.header);
    let right = format!(
        "★ {}  card {}/{} ",
        app.marks.bookmarked.len(),
        if app.filtered.cards.is_empty() {
            0
        } else {
            app.selected + 1
        },
        app.filtered.cards.len()
    );
    let right_width = textwrap::core::display_width(&right) as u16;
    let room = usize::from(area.width.saturating_sub(right_width + 1));
    let line = [(true, true), (false, true), (false, false)]
        .into_iter()
        .map(|(name, labels)| tabs(app, theme, name, labels))
        .find(|l| l.width() <= room)
        .unwrap_or_else(|| tabs(app, theme, false, false));
    buf.set_line(area.x, area.y, &line, area.width);
    if area.width > right_width {
        let x = area.right() - right_width;
        buf.set_string(x, area.y, &right, theme.header);
    }
}

/// ` brief ─ [1 Ukraine 9] [2 Trump 8] ...`; without the name, then without the labels
/// (`[1 9] [2 8]`) when space is short.
fn tabs<'a>(app: &'a App, theme: &Theme, name: bool, labels: bool) -> Line<'a> {
    let mut spans = Vec::new();
    if name {
        spans.push(Span::styled(" brief ─ ", theme.header));
    } else {
        spans.push(Span::styled(" ", theme.header));
    }
    for (t, count) in app.pack.themes.iter().zip(&app.filtered.theme_counts) {
        let on = app.themes_on.contains(&t.id);
        let text = if labels {
            format!("[{} {} {count}]", t.key, t.label)
        } else {
            format!("[{} {count}]", t.key)
        };
        let style = if on { theme.tab_on } else { theme.tab };
        spans.push(Span::styled(text, style));
        spans.push(Span::styled(" ", theme.header));
    }
    if app.bookmarks_only {
        spans.push(Span::styled("[B ★ only]", theme.tab_on));
    }
    Line::from(spans)
}

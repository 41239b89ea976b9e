//! The card list: one row per matching card (★ bookmarked, ✎ noted, • unread, matches highlighted), drawing
//! only the rows that are visible.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::truncate;
use crate::tui::app::views::{ListRow, ListView};
use crate::tui::palette::Palette;

/// Draws the list, with its border, into `area`.
pub fn render(buf: &mut Buffer, area: Rect, view: &ListView<'_>, palette: &Palette) {
    let title = if view.bookmarks_only {
        " Cards · bookmarked "
    } else {
        " Cards "
    };
    let block = Block::bordered()
        .title(Span::styled(title, palette.title))
        .border_style(if view.focused {
            palette.border_focus
        } else {
            palette.border
        });
    let inner = block.inner(area);
    block.render(area, buf);
    for (line, y) in view.empty.iter().zip(inner.top()..inner.bottom()) {
        buf.set_line(
            inner.x,
            y,
            &Line::styled(line.as_str(), palette.dim),
            inner.width,
        );
    }
    for (row, y) in view.rows.iter().zip(inner.top()..inner.bottom()) {
        let line = Rect::new(inner.x, y, inner.width, 1);
        if row.selected {
            buf.set_style(line, palette.selected);
        }
        buf.set_line(
            inner.x,
            y,
            &Line::from(spans(row, inner.width, palette)),
            inner.width,
        );
    }
}

/// One row: `>` when selected, then ★ bookmarked, ✎ noted, • unread, and the title.
fn spans<'a>(row: &'a ListRow<'_>, width: u16, palette: &Palette) -> Vec<Span<'a>> {
    let mark = |on: bool, symbol: &'static str, style| {
        if on {
            Span::styled(symbol, style)
        } else {
            Span::raw(" ")
        }
    };
    let mut spans = vec![
        Span::raw(if row.selected { ">" } else { " " }),
        mark(row.marks.bookmarked, "★", palette.bookmark),
        mark(row.marks.noted, "✎", palette.bookmark),
        mark(row.marks.unread, "•", palette.unread),
        Span::raw(" "),
    ];
    let room = usize::from(width).saturating_sub(5);
    spans.extend(title_spans(&row.title, &row.highlights, room, palette));
    spans
}

/// The title cut to `room` columns (with `…`), highlighted ranges styled.
fn title_spans<'a>(
    title: &'a str,
    highlights: &[Range<usize>],
    room: usize,
    palette: &Palette,
) -> Vec<Span<'a>> {
    let (shown, cut) = truncate(title, room);
    let mut spans = Vec::new();
    let mut at = 0;
    for r in highlights {
        let (start, end) = (r.start.max(at).min(shown.len()), r.end.min(shown.len()));
        if start >= end || !shown.is_char_boundary(start) || !shown.is_char_boundary(end) {
            continue;
        }
        spans.push(Span::raw(&shown[at..start]));
        spans.push(Span::styled(&shown[start..end], palette.highlight));
        at = end;
    }
    spans.push(Span::raw(&shown[at..]));
    if cut {
        spans.push(Span::raw("…"));
    }
    spans
}

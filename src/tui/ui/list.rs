//! The card list: one row per matching card (★ bookmarked, ✎ noted, • unread, matches highlighted), drawing
//! only the rows that are visible.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::truncate;
use crate::tui::action::Action;
use crate::tui::app::{App, Focus, Mode};
use crate::tui::filter;
use crate::tui::keys::Keymap;
use crate::tui::theme::Theme;

/// Draws the list, with its border, into `area`.
pub fn render(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme, keymap: &Keymap) {
    let focused = app.focus == Focus::List;
    let title = if app.bookmarks_only {
        " Cards · bookmarked "
    } else {
        " Cards "
    };
    let block = Block::bordered()
        .title(Span::styled(title, theme.title))
        .border_style(if focused {
            theme.border_focus
        } else {
            theme.border
        });
    let inner = block.inner(area);
    block.render(area, buf);
    if app.filtered.cards.is_empty() {
        let lines = empty_lines(app, keymap);
        for (line, y) in lines.into_iter().zip(inner.top()..inner.bottom()) {
            buf.set_line(inner.x, y, &Line::styled(line, theme.dim), inner.width);
        }
        return;
    }
    let rows = usize::from(inner.height);
    let visible = app.filtered.cards.iter().enumerate().skip(app.list_offset);
    for ((position, &index), y) in visible.take(rows).zip(inner.top()..inner.bottom()) {
        let Some(card) = app.pack.cards.get(index) else {
            continue;
        };
        let highlights = &filter::card_highlights(card, &app.filtered).title;
        let selected = position == app.selected;
        let mut spans = vec![
            Span::raw(if selected { ">" } else { " " }),
            if app.is_bookmarked(&card.id) {
                Span::styled("★", theme.bookmark)
            } else {
                Span::raw(" ")
            },
            if app.note_of(&card.id).is_some() {
                Span::styled("✎", theme.bookmark)
            } else {
                Span::raw(" ")
            },
            if app.is_read(&card.id) {
                Span::raw(" ")
            } else {
                Span::styled("•", theme.unread)
            },
            Span::raw(" "),
        ];
        let room = usize::from(inner.width).saturating_sub(5);
        spans.extend(title_spans(&card.title, highlights, room, theme));
        let row = Rect::new(inner.x, y, inner.width, 1);
        if selected {
            buf.set_style(row, theme.selected);
        }
        buf.set_line(inner.x, y, &Line::from(spans), inner.width);
    }
}

/// Why the list is empty and how to undo it, naming the keys the keymap really has (a step
/// whose action has no key is left out).
fn empty_lines(app: &App, keymap: &Keymap) -> Vec<String> {
    let key = |action: Action, mode: Mode| keymap.first_key(&action, mode);
    let mut lines = vec!["No card matches.".to_string()];
    if !app.query.is_empty() {
        match (
            key(Action::StartSearch, Mode::Normal),
            key(Action::SearchCancel, Mode::Search),
        ) {
            (Some(edit), Some(clear)) => {
                lines.push(format!("{edit} edits the search, {clear} in it clears it"));
            }
            (Some(edit), None) => lines.push(format!("{edit} edits the search")),
            _ => {}
        }
    }
    if !app.themes_on.is_empty() {
        lines.extend(
            key(Action::ClearThemes, Mode::Normal).map(|k| format!("{k} clears the theme filters")),
        );
    }
    if app.bookmarks_only {
        lines.extend(
            key(Action::ToggleBookmarksOnly, Mode::Normal)
                .map(|k| format!("{k} shows all cards again")),
        );
    }
    lines
}

/// The title cut to `room` columns (with `…`), highlighted ranges styled.
fn title_spans<'a>(
    title: &'a str,
    highlights: &[Range<usize>],
    room: usize,
    theme: &Theme,
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
        spans.push(Span::styled(&shown[start..end], theme.highlight));
        at = end;
    }
    spans.push(Span::raw(&shown[at..]));
    if cut {
        spans.push(Span::raw("…"));
    }
    spans
}

//! The footer line: the active query (or the one being typed, with its error), the number of
//! matches, and the keys that apply now to the mode and the focused pane, read from the keymap.
//! A message beats the hints (and, if it must, the status) and is cut at a word with `…`; of the
//! hints, `help` is the last to go.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{cut_words, input};
use crate::tui::app::views::FooterView;
use crate::tui::keys::hints::HELP_LABEL;
use crate::tui::palette::Palette;

/// While typing, the search line keeps at least this many columns (or the footer's width), and
/// the error, filters and count after it are cut instead.
const MIN_INPUT_ROOM: usize = 20;

/// Draws the footer into `area` (one line).
pub fn render(buf: &mut Buffer, area: Rect, view: &FooterView<'_>, palette: &Palette) {
    let width = usize::from(area.width);
    let mut spans = status(view, palette, width);
    let status_width = Line::from(spans.clone()).width();
    if let Some(message) = view.message {
        let style = if message.warning {
            palette.warning
        } else {
            palette.message
        };
        let text_width = textwrap::core::display_width(&message.text);
        if status_width.saturating_add(3).saturating_add(text_width) <= width {
            spans.push(Span::raw("   "));
        } else {
            // Not room for both: the message is what the user must read now.
            spans = vec![Span::raw(" ")];
        }
        let room = width.saturating_sub(Line::from(spans.clone()).width());
        spans.push(Span::styled(cut_words(&message.text, room), style));
    } else {
        spans.push(Span::raw("   "));
        let room = width.saturating_sub(status_width.saturating_add(3));
        spans.extend(hints(&view.hints, palette, room));
    }
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}

/// The query, the theme filters and the match count; while typing, the search line (as much
/// of it as fits in `width` with the rest) and its error.
fn status<'a>(view: &'a FooterView<'_>, palette: &Palette, width: usize) -> Vec<Span<'a>> {
    let mut spans = vec![Span::raw(" ")];
    if view.confirm {
        spans.push(Span::styled("save changes to the note?", palette.warning));
        return spans;
    }
    if view.typing {
        let rest = Line::from(after_query(view, palette, true)).width();
        let room = width
            .saturating_sub(rest.saturating_add(2))
            .max(MIN_INPUT_ROOM.min(width.saturating_sub(2)));
        spans.push(Span::styled("/", palette.key));
        spans.extend(input::spans(view.query, view.cursor, room, palette.cursor));
    } else if view.error.is_none() {
        // One query, as `brief list` takes it, that gives exactly the cards shown.
        if !view.shown_query.is_empty() {
            spans.push(Span::raw(format!("/{}", view.shown_query)));
        }
    } else {
        spans.push(Span::raw(format!("/{}", view.query)));
    }
    let lead = spans.len() > 1;
    spans.extend(after_query(view, palette, lead));
    spans
}

/// After the query: its error, the filters (while typing or with an error) and the match count,
/// behind ` ─ ` when something comes before it (`lead`).
fn after_query<'a>(view: &FooterView<'_>, palette: &Palette, lead: bool) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    if let Some(error) = view.error {
        spans.push(Span::styled(format!(" ⚠ {error}"), palette.warning));
    }
    if (view.typing || view.error.is_some()) && !view.filters.is_empty() {
        spans.push(Span::raw(format!(" {}", view.filters)));
    }
    let count = view.count;
    let noun = if count == 1 { "match" } else { "matches" };
    let lead = if lead || !spans.is_empty() {
        " ─ "
    } else {
        ""
    };
    spans.push(Span::styled(format!("{lead}{count} {noun}"), palette.title));
    spans
}

/// The `keys label` hints, as many as fit in `room` columns, in their order; the help's is the
/// last to be dropped.
fn hints(shown: &[(String, &str)], palette: &Palette, room: usize) -> Vec<Span<'static>> {
    let width = |(keys, label): &(String, &str)| {
        textwrap::core::display_width(keys)
            .saturating_add(label.len())
            .saturating_add(3)
    };
    let last = shown.iter().position(|(_, label)| *label == HELP_LABEL);
    let reserved = last.map_or(0, |i| width(&shown[i]));
    let mut used = 0usize;
    let mut kept: Vec<usize> = Vec::new();
    for (i, hint) in shown.iter().enumerate() {
        if Some(i) == last {
            continue;
        }
        if used.saturating_add(width(hint)).saturating_add(reserved) > room {
            break;
        }
        used = used.saturating_add(width(hint));
        kept.push(i);
    }
    kept.extend(last.filter(|&i| width(&shown[i]) <= room));
    kept.sort_unstable();
    kept.into_iter()
        .filter_map(|i| shown.get(i))
        .flat_map(|(keys, label)| {
            [
                Span::styled(keys.clone(), palette.key),
                Span::styled(format!(" {label}  "), palette.dim),
            ]
        })
        .collect()
}

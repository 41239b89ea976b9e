//! The card pane: the selected card in full, wrapped to the pane's width, scrollable, with a
//! scroll indicator when it is longer than the pane.

use std::borrow::Cow;
use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget,
};
use textwrap::core::display_width;

use super::truncate;
use crate::pack::{Card, Pack, cite};
use crate::state::MAX_NOTE_BYTES;
use crate::tui::app::{App, Focus};
use crate::tui::filter;
use crate::tui::palette::Palette as Theme;
use crate::tui::panes::card_text_area;

/// Draws the selected card, with its border, into `area`.
pub fn render(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let border = if app.focus() == Focus::Card {
        theme.border_focus
    } else {
        theme.border
    };
    let mut block = Block::bordered().border_style(border);
    let Some(card) = app.selected_card() else {
        block
            .title(Span::styled(" No card ", theme.title))
            .render(area, buf);
        return;
    };
    let text_area = card_text_area(area);
    let lines = lines(app, card, text_area.width, theme);
    let height = usize::from(text_area.height);
    let scroll = app.card_scroll().min(lines.len().saturating_sub(height));
    let longer = lines.len() > height;
    if longer {
        let end = (scroll + height).min(lines.len());
        let indicator = format!(" {}–{end} of {} ", scroll + 1, lines.len());
        block = block.title_bottom(Line::styled(indicator, theme.dim).right_aligned());
    }
    block
        .title(Span::styled(
            format!(" {} ", title(&card.title, area.width)),
            theme.title,
        ))
        .render(area, buf);
    for (line, y) in lines
        .iter()
        .skip(scroll)
        .zip(text_area.top()..text_area.bottom())
    {
        buf.set_line(text_area.x, y, line, text_area.width);
    }
    if longer {
        let mut state = ScrollbarState::new(lines.len().saturating_sub(height)).position(scroll);
        let bar_area = Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(2),
            ..area
        };
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .render(bar_area, buf, &mut state);
    }
}

/// The title cut to fit the top border, with `…` when cut.
fn title(text: &str, width: u16) -> String {
    let (shown, cut) = truncate(text, usize::from(width.saturating_sub(6)));
    if cut {
        format!("{shown}…")
    } else {
        shown.to_string()
    }
}

/// How many lines the card takes at `width` columns.
pub fn line_count(app: &App, card: &Card, width: u16) -> usize {
    lines(app, card, width, &Theme::plain()).len()
}

/// The card's text, wrapped to `width` columns.
pub fn lines(app: &App, card: &Card, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let width = usize::from(width).max(8);
    let mut out = Vec::new();
    themes_and_sources(&mut out, app.pack(), card, width, theme);
    out.push(Line::raw(""));
    let marks = filter::card_highlights(card, app.filtered());
    let mark = theme.highlight;
    wrap_marked(
        &mut out,
        &card.summary,
        width,
        ("", ""),
        Style::new(),
        (&marks.summary, mark),
    );
    if let Some(note) = app.note_of(&card.id) {
        note_lines(&mut out, note, width, theme);
    }
    section(&mut out, "Key points", theme);
    for (i, point) in card.points.iter().enumerate() {
        let ranges = marks.points.get(i).map_or(&[][..], Vec::as_slice);
        wrap_marked(
            &mut out,
            point,
            width,
            ("• ", "  "),
            Style::new(),
            (ranges, mark),
        );
    }
    if !card.figures.is_empty() {
        section(&mut out, "Figures", theme);
        for f in &card.figures {
            let text = match &f.context {
                Some(context) => format!("{}: {} ({context})", f.label, f.value),
                None => format!("{}: {}", f.label, f.value),
            };
            wrap_into(&mut out, &text, width, "• ", "  ", Style::new());
        }
    }
    if !card.actors.is_empty() {
        section(&mut out, "Actors", theme);
        wrap_into(
            &mut out,
            &card.actors.join(" · "),
            width,
            "",
            "",
            Style::new(),
        );
    }
    if !card.quotes.is_empty() {
        section(&mut out, "Quotes", theme);
        for q in &card.quotes {
            let text = format!("“{}” — {}", q.words, q.speaker);
            wrap_into(&mut out, &text, width, "", "  ", Style::new());
        }
    }
    if !card.tags.is_empty() {
        section(&mut out, "Tags", theme);
        let tags: Vec<String> = card.tags.iter().map(|t| format!("#{t}")).collect();
        wrap_into(&mut out, &tags.join(" "), width, "", "", theme.dim);
    }
    if !card.related.is_empty() {
        section(&mut out, "Related", theme);
        for id in &card.related {
            let title = app.card(id).map_or(id.as_str(), |c| c.title.as_str());
            wrap_into(&mut out, title, width, "→ ", "  ", Style::new());
        }
    }
    out.push(Line::raw(""));
    out.push(Line::styled(format!("id: {}", card.id), theme.dim));
    out
}

/// `UKRAINE · NATO-EU` on the left and the short citations on the right, or on two lines when
/// they do not fit on one.
fn themes_and_sources(
    out: &mut Vec<Line<'static>>,
    pack: &Pack,
    card: &Card,
    width: usize,
    theme: &Theme,
) {
    let themes: Vec<String> = card
        .themes
        .iter()
        .map(|id| {
            pack.theme(id)
                .map_or(id.as_str(), |t| t.label.as_str())
                .to_uppercase()
        })
        .collect();
    let themes = themes.join(" · ");
    let cites: Vec<String> = card.sources.iter().map(cite::short).collect();
    let cites = cites.join(" · ");
    let gap = width.saturating_sub(display_width(&themes) + display_width(&cites));
    if gap >= 2 {
        out.push(Line::from(vec![
            Span::styled(themes, theme.heading),
            Span::raw(" ".repeat(gap)),
            Span::styled(cites, theme.dim),
        ]));
    } else {
        wrap_into(out, &themes, width, "", "", theme.heading);
        wrap_into(out, &cites, width, "", "", theme.dim);
    }
}

fn section(out: &mut Vec<Line<'static>>, title: &str, theme: &Theme) {
    out.push(Line::raw(""));
    out.push(Line::styled(title.to_string(), theme.heading));
}

/// Wraps `text` (which may hold newlines) with textwrap and appends the lines.
fn wrap_into(
    out: &mut Vec<Line<'static>>,
    text: &str,
    width: usize,
    first: &str,
    rest: &str,
    style: Style,
) {
    wrap_marked(out, text, width, (first, rest), style, (&[], style));
}

/// Wraps `text` to `width` columns behind the indents `(first line, other lines)`, styling the
/// byte ranges of `marks` (in `text`'s coordinates) with the mark style.
fn wrap_marked(
    out: &mut Vec<Line<'static>>,
    text: &str,
    width: usize,
    (first, rest): (&str, &str),
    style: Style,
    (ranges, mark): (&[Range<usize>], Style),
) {
    let indent = display_width(first).max(display_width(rest));
    let base = text.as_ptr().addr();
    for (i, line) in textwrap::wrap(text, width.saturating_sub(indent).max(1))
        .iter()
        .enumerate()
    {
        let mut spans = vec![Span::styled(
            if i == 0 { first } else { rest }.to_string(),
            style,
        )];
        // Without indents textwrap returns slices of `text`: their address gives their offset.
        let offset = match line {
            Cow::Borrowed(part) => part.as_ptr().addr().checked_sub(base),
            Cow::Owned(_) => None,
        };
        match offset {
            Some(offset) if !ranges.is_empty() => {
                spans.extend(marked(line, offset, ranges, style, mark));
            }
            _ => spans.push(Span::styled(line.to_string(), style)),
        }
        out.push(Line::from(spans));
    }
}

/// `line` (found at byte `offset` of its text) as spans, the parts inside `ranges` marked.
fn marked(
    line: &str,
    offset: usize,
    ranges: &[Range<usize>],
    style: Style,
    mark: Style,
) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut at = 0;
    for r in ranges {
        let start = r.start.saturating_sub(offset).clamp(at, line.len());
        let end = r.end.saturating_sub(offset).min(line.len());
        if r.end <= offset || start >= end {
            continue;
        }
        if !line.is_char_boundary(start) || !line.is_char_boundary(end) {
            continue;
        }
        spans.push(Span::styled(line[at..start].to_string(), style));
        spans.push(Span::styled(line[start..end].to_string(), mark));
        at = end;
    }
    spans.push(Span::styled(line[at..].to_string(), style));
    spans
}

/// The user's note under its heading. A note over the bound (a hand-edited state file) is drawn
/// in part, so that a frame costs the same whatever the file holds.
fn note_lines(out: &mut Vec<Line<'static>>, note: &str, width: usize, theme: &Theme) {
    section(out, "✎ Your note", theme);
    let shown = prefix(note, MAX_NOTE_BYTES);
    wrap_into(out, shown, width, "", "", Style::new());
    if shown.len() < note.len() {
        let rest = format!(
            "… {} more bytes not shown (a note may hold {MAX_NOTE_BYTES}); `brief notes` prints it all",
            note.len() - shown.len()
        );
        wrap_into(out, &rest, width, "", "", theme.dim);
    }
}

/// The longest start of `text` of at most `bytes` bytes that ends on a character boundary.
fn prefix(text: &str, bytes: usize) -> &str {
    let mut end = bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

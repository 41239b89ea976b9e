//! The card pane's text: a [`CardView`] laid out as styled lines wrapped to the pane's width,
//! from its whole title down.
//! Computed here once, for both the App (how far the card can scroll) and the card pane (what
//! it draws), so the two cannot disagree about a card's length.

use std::borrow::Cow;
use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use textwrap::core::display_width;

use super::filter::CardHighlights;
use super::palette::Palette;
use crate::state::MAX_NOTE_BYTES;
use crate::view::card::{NOTE_LABEL, SEPARATOR};
use crate::view::{CardView, Kind, Section};

/// A card's lines, wrapped for one width.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CardText {
    /// The lines, top to bottom.
    pub lines: Vec<Line<'static>>,
}

impl CardText {
    /// `view` wrapped to `width` columns, the query's `marks` highlighted.
    pub fn new(
        view: &CardView<'_>,
        marks: &CardHighlights,
        width: u16,
        palette: &Palette,
    ) -> CardText {
        let mut text = Text {
            lines: Vec::new(),
            width: usize::from(width).max(8),
            palette,
        };
        let mark = palette.highlight;
        // The whole title, however long: the border has room for its start only.
        text.wrap(view.title, ("", ""), palette.title, (&marks.title, mark));
        text.themes_and_cites(view);
        text.lines.push(Line::raw(""));
        text.wrap(view.summary, ("", ""), Style::new(), (&marks.summary, mark));
        if let Some(note) = view.note {
            text.note(note);
        }
        for section in &view.sections {
            text.section(section, marks);
        }
        text.lines.push(Line::raw(""));
        text.lines
            .push(Line::styled(format!("id: {}", view.id), palette.dim));
        CardText { lines: text.lines }
    }

    /// How many lines the card takes.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether there are no lines (never, for a card).
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

/// The lines being laid out, and how.
struct Text<'t> {
    lines: Vec<Line<'static>>,
    width: usize,
    palette: &'t Palette,
}

impl Text<'_> {
    /// `UKRAINE · NATO-EU` on the left and the short citations on the right, or on two lines
    /// when they do not fit on one.
    fn themes_and_cites(&mut self, view: &CardView<'_>) {
        let themes: Vec<String> = view.themes.iter().map(|t| t.to_uppercase()).collect();
        let themes = themes.join(SEPARATOR);
        let cites = view.cites.join(SEPARATOR);
        let gap = self
            .width
            .saturating_sub(display_width(&themes) + display_width(&cites));
        if gap >= 2 {
            self.lines.push(Line::from(vec![
                Span::styled(themes, self.palette.heading),
                Span::raw(" ".repeat(gap)),
                Span::styled(cites, self.palette.dim),
            ]));
        } else {
            self.wrap(&themes, ("", ""), self.palette.heading, (&[], Style::new()));
            self.wrap(&cites, ("", ""), self.palette.dim, (&[], Style::new()));
        }
    }

    /// A blank line and a heading.
    fn heading(&mut self, title: &str) {
        self.lines.push(Line::raw(""));
        self.lines
            .push(Line::styled(title.to_string(), self.palette.heading));
    }

    /// A list section under its heading: each item behind its marker, or all on one line.
    fn section(&mut self, section: &Section<'_>, marks: &CardHighlights) {
        self.heading(section.kind.label());
        if let Some(separator) = section.kind.inline() {
            let style = if section.kind == Kind::Tags {
                self.palette.dim
            } else {
                Style::new()
            };
            let joined = section.joined(separator);
            self.wrap(&joined, ("", ""), style, (&[], style));
            return;
        }
        let indents = match section.kind {
            Kind::Quotes => ("", "  "),
            Kind::Related => ("→ ", "  "),
            _ => ("• ", "  "),
        };
        for (i, item) in section.items.iter().enumerate() {
            let ranges = match section.kind {
                Kind::Points => marks.points.get(i).map_or(&[][..], Vec::as_slice),
                _ => &[],
            };
            let mark = self.palette.highlight;
            self.wrap(&item.text, indents, Style::new(), (ranges, mark));
        }
    }

    /// The user's note under its heading. A note over the bound (a hand-edited state file) is
    /// drawn in part, so that a frame costs the same whatever the file holds.
    fn note(&mut self, note: &str) {
        self.heading(NOTE_LABEL);
        let shown = prefix(note, MAX_NOTE_BYTES);
        self.wrap(shown, ("", ""), Style::new(), (&[], Style::new()));
        if shown.len() < note.len() {
            let rest = format!(
                "… {} more bytes not shown (a note may hold {MAX_NOTE_BYTES}); `brief notes` prints it all",
                note.len() - shown.len()
            );
            let dim = self.palette.dim;
            self.wrap(&rest, ("", ""), dim, (&[], dim));
        }
    }

    /// Wraps `text` (which may hold newlines) to the width behind the indents `(first line,
    /// other lines)`, styling the byte ranges of `marks` (in `text`'s coordinates) with the mark
    /// style.
    fn wrap(
        &mut self,
        text: &str,
        (first, rest): (&str, &str),
        style: Style,
        (ranges, mark): (&[Range<usize>], Style),
    ) {
        let indent = display_width(first).max(display_width(rest));
        let base = text.as_ptr().addr();
        let wrapped = textwrap::wrap(text, self.width.saturating_sub(indent).max(1));
        for (i, line) in wrapped.iter().enumerate() {
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
            self.lines.push(Line::from(spans));
        }
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

/// The longest start of `text` of at most `bytes` bytes that ends on a character boundary.
fn prefix(text: &str, bytes: usize) -> &str {
    let mut end = bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

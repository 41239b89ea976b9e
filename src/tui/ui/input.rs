//! The search line as the footer draws it: the cursor is a reverse-video cell (the grapheme under
//! it, or a blank at the end), and a line longer than its room shows the part around the cursor,
//! with `…` where it is cut. Nothing is remembered between frames: the part shown follows from
//! the text, the cursor and the room alone.

use ratatui::style::Style;
use ratatui::text::Span;
use textwrap::core::display_width;
use unicode_segmentation::UnicodeSegmentation;

/// `text` with the cursor at byte `cursor`, in at most `room` columns (when there is room for at
/// least the cursor and a `…` on each side).
pub fn spans<'a>(text: &'a str, cursor: usize, room: usize, cursor_style: Style) -> Vec<Span<'a>> {
    let graphemes: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
    let width =
        |range: &[(usize, &str)]| -> usize { range.iter().map(|(_, g)| display_width(g)).sum() };
    let at = graphemes.partition_point(|(start, _)| *start < cursor);
    let under = graphemes.get(at).map(|(_, g)| *g);
    let under_width = under.map_or(1, |g| display_width(g).max(1));
    let len = graphemes.len();
    // Whether graphemes `first..last` fit, with the cursor's cell and a `…` each side they cut.
    let fits = |first: usize, last: usize| {
        let before = graphemes.get(first..at).map_or(0, width);
        let after = graphemes
            .get(at.saturating_add(1).min(len)..last)
            .map_or(0, width);
        let cuts = usize::from(first > 0) + usize::from(last < len);
        cuts + before + under_width + after <= room
    };
    // The first grapheme shown: from the start if the cursor fits, else as far left of it as fits.
    let shown_to = at.saturating_add(1).min(len);
    let mut first = 0;
    while first < at && !fits(first, shown_to) {
        first += 1;
    }
    // Then as many graphemes after the cursor as fit.
    let mut last = shown_to;
    while last < len && fits(first, last.saturating_add(1)) {
        last += 1;
    }
    let slice = |from: usize, to: usize| -> &'a str {
        let start = graphemes.get(from).map_or(text.len(), |(s, _)| *s);
        let end = graphemes.get(to).map_or(text.len(), |(s, _)| *s);
        text.get(start..end).unwrap_or("")
    };
    let mut out = Vec::new();
    if first > 0 {
        out.push(Span::raw("…"));
    }
    out.push(Span::raw(slice(first, at)));
    out.push(Span::styled(under.unwrap_or(" "), cursor_style));
    if at < len {
        out.push(Span::raw(slice(at.saturating_add(1), last)));
        if last < len {
            out.push(Span::raw("…"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;
    use ratatui::text::Line;

    fn shown(text: &str, cursor: usize, room: usize) -> (String, String) {
        let cursor_style = Style::new().add_modifier(Modifier::REVERSED);
        let spans = spans(text, cursor, room, cursor_style);
        let under = spans
            .iter()
            .find(|s| s.style == cursor_style)
            .map(|s| s.content.to_string())
            .unwrap_or_default();
        let line = Line::from(spans);
        assert!(line.width() <= room.max(3), "{line} is wider than {room}");
        (line.to_string(), under)
    }

    #[test]
    fn a_short_line_is_shown_whole_with_the_cursor() {
        assert_eq!(shown("rutte", 5, 20), ("rutte ".into(), " ".into()));
        assert_eq!(shown("rutte", 0, 20), ("rutte".into(), "r".into()));
        assert_eq!(shown("rutte", 2, 20), ("rutte".into(), "t".into()));
        assert_eq!(shown("", 0, 20), (" ".into(), " ".into()));
    }

    #[test]
    fn a_long_line_shows_the_part_around_the_cursor() {
        let text = "abcdefghijklmnopqrstuvwxyz";
        assert_eq!(shown(text, 26, 10), ("…stuvwxyz ".into(), " ".into()));
        assert_eq!(shown(text, 0, 10), ("abcdefghi…".into(), "a".into()));
        assert_eq!(shown(text, 13, 10), ("…ghijklmn…".into(), "n".into()));
    }

    #[test]
    fn a_wide_grapheme_is_one_cursor_cell_of_its_width() {
        let text = "北约峰会";
        let cursor = "北约".len();
        assert_eq!(shown(text, cursor, 20), ("北约峰会".into(), "峰".into()));
        let (line, under) = shown(text, text.len(), 6);
        assert_eq!((line.as_str(), under.as_str()), ("…峰会 ", " "));
        let accent = "cafe\u{301} noir";
        assert_eq!(shown(accent, 3, 20).1, "e\u{301}");
    }
}

//! [`LineEditor`]: the search line as a shell edits one. A cursor that moves by grapheme (a wide
//! CJK character, a letter with its combining marks, a flag are one step each), typing and pasting
//! at the cursor, and the deletions a shell has; never more than [`MAX_QUERY_CHARS`] characters,
//! the query language's own bound. `ratatui-textarea` (the note editor's) was not used here: it
//! moves by `char`, which steps into the middle of a grapheme, and has no length bound.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::search::MAX_QUERY_CHARS;

/// One line of text and a cursor in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEditor {
    text: String,
    /// A byte offset into `text`, always on a grapheme boundary.
    cursor: usize,
}

impl LineEditor {
    /// `text` (cut to the bound), with the cursor at its end.
    pub fn new(text: &str) -> LineEditor {
        let mut line = LineEditor::default();
        line.insert(text);
        line
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Where the cursor is: a byte offset into the text, on a grapheme boundary.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Whether the line is empty.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Replaces the text (cut to the bound), with the cursor at its end.
    pub fn set(&mut self, text: &str) {
        *self = LineEditor::new(text);
    }

    /// Inserts `text` at the cursor, as much of it as the bound leaves room for (whole
    /// graphemes only); false when some was left out.
    pub fn insert(&mut self, text: &str) -> bool {
        let mut room = MAX_QUERY_CHARS.saturating_sub(self.text.chars().count());
        let mut end = 0;
        for grapheme in text.graphemes(true) {
            let chars = grapheme.chars().count();
            if chars > room {
                break;
            }
            room -= chars;
            end += grapheme.len();
        }
        self.text.insert_str(self.cursor, &text[..end]);
        self.cursor += end;
        self.snap();
        end == text.len()
    }

    /// One grapheme left (false at the start).
    pub fn left(&mut self) -> bool {
        let previous = self.before().next_back().map(|(at, _)| at);
        if let Some(at) = previous {
            self.cursor = at;
        }
        previous.is_some()
    }

    /// One grapheme right (false at the end).
    pub fn right(&mut self) -> bool {
        let next = self.after().next().map(|(at, g)| at + g.len());
        if let Some(len) = next {
            self.cursor += len;
        }
        next.is_some()
    }

    /// To the start of the line.
    pub fn home(&mut self) {
        self.cursor = 0;
    }

    /// To the end of the line.
    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }

    /// Deletes the grapheme before the cursor (false at the start).
    pub fn backspace(&mut self) -> bool {
        let end = self.cursor;
        self.left() && self.remove(self.cursor..end)
    }

    /// Deletes the grapheme under the cursor (false at the end).
    pub fn delete(&mut self) -> bool {
        let start = self.cursor;
        let moved = self.right();
        let end = self.cursor;
        self.cursor = start;
        moved && self.remove(start..end)
    }

    /// Deletes the word before the cursor and the blanks after it, as a shell's Ctrl-W does:
    /// a word is what lies between blanks (`theme:trump`, `"a`), so a query term goes at once
    /// (false at the start).
    pub fn delete_word(&mut self) -> bool {
        let end = self.cursor;
        let blank = |g: &str| g.chars().next().is_some_and(char::is_whitespace);
        let mut before = self.text[..end].grapheme_indices(true).rev().peekable();
        let mut start = end;
        while let Some((at, _)) = before.next_if(|(_, g)| blank(g)) {
            start = at;
        }
        while let Some((at, _)) = before.next_if(|(_, g)| !blank(g)) {
            start = at;
        }
        self.cursor = start;
        self.remove(start..end)
    }

    /// Empties the line.
    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// The graphemes before the cursor, with their offsets.
    fn before(&self) -> impl DoubleEndedIterator<Item = (usize, &str)> {
        self.text[..self.cursor].grapheme_indices(true)
    }

    /// The graphemes from the cursor on, with their offsets from the cursor.
    fn after(&self) -> impl Iterator<Item = (usize, &str)> {
        self.text[self.cursor..].grapheme_indices(true)
    }

    /// Moves the cursor to the end of the grapheme it is inside, if it is: text put in or taken
    /// out can join what was on either side into one (a mark typed before a lone combining mark).
    fn snap(&mut self) {
        if self.cursor == 0 {
            return;
        }
        self.cursor = self
            .text
            .grapheme_indices(true)
            .map(|(at, g)| at + g.len())
            .find(|&end| end >= self.cursor)
            .unwrap_or(self.text.len());
    }

    /// Removes `range` (true if it held anything).
    fn remove(&mut self, range: Range<usize>) -> bool {
        let removed = !range.is_empty();
        self.text.replace_range(range, "");
        self.snap();
        removed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: &LineEditor) -> (&str, &str) {
        line.text().split_at(line.cursor())
    }

    #[test]
    fn typing_goes_in_at_the_cursor() {
        let mut line = LineEditor::new("rutte");
        assert_eq!(at(&line), ("rutte", ""));
        line.home();
        line.insert("mark ");
        assert_eq!(at(&line), ("mark ", "rutte"));
        line.end();
        line.insert(" nato");
        assert_eq!(at(&line), ("mark rutte nato", ""));
    }

    #[test]
    fn the_cursor_stops_at_both_ends() {
        let mut line = LineEditor::new("ab");
        assert!(!line.right());
        assert!(line.left() && line.left());
        assert!(!line.left());
        assert_eq!(line.cursor(), 0);
        assert!(!line.backspace());
        assert!(line.delete());
        assert_eq!(at(&line), ("", "b"));
        line.end();
        assert!(!line.delete());
        assert_eq!(line.text(), "b");
    }

    #[test]
    fn the_cursor_moves_over_a_grapheme_at_a_time() {
        // A wide CJK character, e + a combining acute, a flag (two regional indicators).
        let mut line = LineEditor::new("峰e\u{301}🇪🇺x");
        line.left();
        assert_eq!(at(&line).1, "x");
        line.left();
        assert_eq!(at(&line).1, "🇪🇺x");
        line.left();
        assert_eq!(at(&line).1, "e\u{301}🇪🇺x");
        assert!(line.backspace());
        assert_eq!(at(&line), ("", "e\u{301}🇪🇺x"));
        assert!(line.delete());
        assert_eq!(line.text(), "🇪🇺x");
    }

    #[test]
    fn delete_word_takes_the_term_before_the_cursor() {
        let mut line = LineEditor::new("rutte theme:trump  ");
        assert!(line.delete_word());
        assert_eq!(at(&line), ("rutte ", ""));
        assert!(line.delete_word());
        assert_eq!(at(&line), ("", ""));
        assert!(!line.delete_word(), "nothing before the start");
        let mut line = LineEditor::new("a bc de");
        line.left();
        assert!(line.delete_word());
        assert_eq!(at(&line), ("a bc ", "e"));
        line.home();
        assert!(!line.delete_word());
        assert_eq!(line.text(), "a bc e");
        // A blank with a combining mark is one grapheme: the cursor never lands inside it.
        let mut line = LineEditor::new("a \u{301}b");
        assert!(line.delete_word());
        assert_eq!(at(&line), ("a \u{301}", ""));
    }

    #[test]
    fn the_line_never_passes_the_query_bound() {
        let mut line = LineEditor::new(&"a".repeat(MAX_QUERY_CHARS - 1));
        assert!(!line.insert("e\u{301}"), "two characters do not fit in one");
        assert_eq!(line.text().chars().count(), MAX_QUERY_CHARS - 1);
        assert!(line.insert("b"));
        assert!(!line.insert("c"));
        assert_eq!(line.text().chars().count(), MAX_QUERY_CHARS);
        let long = LineEditor::new(&"x".repeat(5000));
        assert_eq!(long.text().len(), MAX_QUERY_CHARS);
        assert_eq!(long.cursor(), MAX_QUERY_CHARS);
    }

    #[test]
    fn the_cursor_stays_between_graphemes_when_text_joins() {
        let mut line = LineEditor::new("\u{301}x");
        line.home();
        line.insert("e");
        assert_eq!(at(&line), ("e\u{301}", "x"));
    }

    #[test]
    fn clear_and_set() {
        let mut line = LineEditor::new("abc");
        line.home();
        line.clear();
        assert_eq!(at(&line), ("", ""));
        line.set("rutte");
        assert_eq!(at(&line), ("rutte", ""));
    }
}

//! Case and accent folding, and splitting text into words that remember where they came from.
//!
//! Index and query go through the same code, so they always agree on what a word is: a run of
//! letters and digits after folding each character (`letters.rs` beside this file: NFKD with the
//! combining marks dropped, full case folding, and a table for Ł, Ø, Æ, ß and the like).
//! Everything else (spaces, punctuation, apostrophes, hyphens) splits words. A Han, kana or Hangul
//! character is a word on its own, since those scripts put no spaces between words: a query of
//! several such characters is then a phrase, and `峰会` finds "北约峰会召开".
//!
//! Each word comes with the bytes of the original text it spans, whatever folding did to its
//! length (ß is two bytes and folds to two letters; ﬁ is three and folds to two), so highlights
//! are ranges into the text as shown.

use std::ops::Range;

use unicode_normalization::char::compose;

use super::letters::{self, Piece};

/// Whether the ASCII byte `b` belongs to a word (a letter or digit): what splits ASCII text, for
/// the scan's shortcut over ASCII strings as for [`for_each_word`].
#[inline]
pub(crate) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// Calls `emit(folded_word, byte_range_in_text)` for each word of `text`, in order: the one place
/// that says what a word is, for the index build, the scan, the query parser and highlighting.
pub fn for_each_word(text: &str, mut emit: impl FnMut(&str, Range<usize>)) {
    if text.is_ascii() {
        ascii_words(text, emit);
        return;
    }
    let mut words = Words::default();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Most text is ASCII: handle it a byte at a time, without decoding or tables.
        let b = bytes[i];
        if b.is_ascii() {
            if is_word_byte(b) {
                words.push(char::from(b.to_ascii_lowercase()), i, i + 1, &mut emit);
            } else {
                words.flush(&mut emit);
            }
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let next = i + c.len_utf8();
        letters::fold(c, |piece| match piece {
            Piece::Letter(l) => words.push(l, i, next, &mut emit),
            Piece::Cjk(l) => words.push_cjk(l, i, next, &mut emit),
            // A mark on its own (an accent) belongs to the word before it and vanishes.
            Piece::Mark(m) => words.mark(m, next),
            Piece::Split => words.flush(&mut emit),
        });
        i = next;
    }
    words.flush(&mut emit);
}

/// [`for_each_word`] for text that is all ASCII (most of it): runs of letters and digits, lower-cased,
/// handed on as slices of `text` itself unless they hold a capital.
fn ascii_words(text: &str, mut emit: impl FnMut(&str, Range<usize>)) {
    let bytes = text.as_bytes();
    let mut lower = String::new();
    let mut i = 0;
    loop {
        while i < bytes.len() && !is_word_byte(bytes[i]) {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && is_word_byte(bytes[i]) {
            i += 1;
        }
        if start == i {
            return;
        }
        let word = &text[start..i];
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            lower.clear();
            lower.push_str(word);
            lower.make_ascii_lowercase();
            emit(&lower, start..i);
        } else {
            emit(word, start..i);
        }
    }
}

/// The folded words of `text`, without their places.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w, _| out.push(w.to_string()));
    out
}

/// The word being gathered and the bytes of the original text it spans.
#[derive(Default)]
struct Words {
    word: String,
    start: usize,
    end: usize,
    /// The word is one CJK character, which ends at the next letter that does not compose with it.
    cjk: bool,
}

impl Words {
    /// Adds one folded letter or digit that came from the original bytes `from..to`.
    fn push(&mut self, c: char, from: usize, to: usize, emit: &mut impl FnMut(&str, Range<usize>)) {
        if self.cjk {
            self.flush(emit);
        }
        if self.word.is_empty() {
            self.start = from;
        }
        self.word.push(c);
        self.end = to;
    }

    /// Adds a CJK letter: a word of its own, unless it composes with the CJK letter before it (a
    /// Hangul syllable comes decomposed into its jamo, and is put back together here).
    fn push_cjk(
        &mut self,
        c: char,
        from: usize,
        to: usize,
        emit: &mut impl FnMut(&str, Range<usize>),
    ) {
        if !self.compose_last(c, to) {
            self.flush(emit);
            self.word.push(c);
            (self.start, self.end, self.cjk) = (from, to, true);
        }
    }

    /// A combining mark ending at byte `to`: it joins a CJK letter it composes with (a kana's
    /// voicing mark: カ and ガ are different sounds) and is otherwise dropped, the word stretched
    /// over it.
    fn mark(&mut self, m: char, to: usize) {
        if !self.compose_last(m, to) && !self.word.is_empty() {
            self.end = to;
        }
    }

    /// Replaces the current CJK letter with its composition with `c`, if it has one.
    fn compose_last(&mut self, c: char, to: usize) -> bool {
        let joined = self
            .word
            .chars()
            .next_back()
            .filter(|_| self.cjk)
            .and_then(|last| compose(last, c));
        let Some(joined) = joined else {
            return false;
        };
        self.word.pop();
        self.word.push(joined);
        self.end = to;
        true
    }

    fn flush(&mut self, emit: &mut impl FnMut(&str, Range<usize>)) {
        if !self.word.is_empty() {
            emit(&self.word, self.start..self.end);
            self.word.clear();
        }
        self.cjk = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(String, &str)> {
        let mut out = Vec::new();
        for_each_word(text, |w, r| out.push((w.to_string(), &text[r])));
        out
    }

    /// Each text with its words, folded, and the part of the text each one spans.
    fn check(cases: &[(&str, &[(&str, &str)])]) {
        for (text, want) in cases {
            let got = spans(text);
            let want: Vec<(String, &str)> =
                want.iter().map(|(w, s)| ((*w).to_string(), *s)).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn folds_case_and_accents_keeping_original_ranges() {
        check(&[
            ("Orbán", &[("orban", "Orbán")]),
            (
                "Ukraine's war",
                &[("ukraine", "Ukraine"), ("s", "s"), ("war", "war")],
            ),
            ("NATO-EU", &[("nato", "NATO"), ("eu", "EU")]),
            ("  ", &[]),
            ("2.5%", &[("2", "2"), ("5", "5")]),
            ("Zelenskyy’s", &[("zelenskyy", "Zelenskyy"), ("s", "s")]),
            ("e\u{301}te\u{301}", &[("ete", "e\u{301}te\u{301}")]),
            ("ﬁnal", &[("final", "ﬁnal")]),
        ]);
    }

    #[test]
    fn letters_nfkd_keeps_whole_and_full_case_folding() {
        check(&[
            ("ŁÓDŹ", &[("lodz", "ŁÓDŹ")]),
            ("Błaszczak", &[("blaszczak", "Błaszczak")]),
            ("Søren Ærø", &[("soren", "Søren"), ("aero", "Ærø")]),
            ("Straße", &[("strasse", "Straße")]),
            ("STRAẞE", &[("strasse", "STRAẞE")]),
            ("Œuvre", &[("oeuvre", "Œuvre")]),
            ("Đorđević", &[("dordevic", "Đorđević")]),
            ("Þórður", &[("thordur", "Þórður")]),
            (
                "İstanbul ıstanbul",
                &[("istanbul", "İstanbul"), ("istanbul", "ıstanbul")],
            ),
            ("Μητσοτάκης", &[("μητσοτακησ", "Μητσοτάκης")]),
            ("ΜΗΤΣΟΤΑΚΗΣ", &[("μητσοτακησ", "ΜΗΤΣΟΤΑΚΗΣ")]),
            ("Ŋaŋ Ħal", &[("nan", "Ŋaŋ"), ("hal", "Ħal")]),
        ]);
    }

    #[test]
    fn each_cjk_character_is_a_word() {
        check(&[
            (
                "北约峰会召开",
                &[
                    ("北", "北"),
                    ("约", "约"),
                    ("峰", "峰"),
                    ("会", "会"),
                    ("召", "召"),
                    ("开", "开"),
                ],
            ),
            (
                "NATO峰会。2025",
                &[
                    ("nato", "NATO"),
                    ("峰", "峰"),
                    ("会", "会"),
                    ("2025", "2025"),
                ],
            ),
            ("ビザ", &[("ビ", "ビ"), ("ザ", "ザ")]),
            // Half-width kana and a separate voicing mark fold to the full-width letter.
            ("ﾋﾞｻﾞ", &[("ビ", "ﾋﾞ"), ("ザ", "ｻﾞ")]),
            ("ピザ", &[("ピ", "ピ"), ("ザ", "ザ")]),
            ("한국", &[("한", "한"), ("국", "국")]),
            // The same syllables written as jamo.
            (
                "\u{1112}\u{1161}\u{11ab}\u{1100}\u{116e}\u{11a8}",
                &[
                    ("한", "\u{1112}\u{1161}\u{11ab}"),
                    ("국", "\u{1100}\u{116e}\u{11a8}"),
                ],
            ),
            (
                "東京タワー",
                &[
                    ("東", "東"),
                    ("京", "京"),
                    ("タ", "タ"),
                    ("ワ", "ワ"),
                    ("ー", "ー"),
                ],
            ),
            // A compatibility ideograph folds to the unified one.
            ("\u{f900}", &[("\u{8c48}", "\u{f900}")]),
        ]);
    }

    #[test]
    fn ascii_text_splits_as_any_other_text() {
        // The same words with one non-ASCII character added, which takes the general path.
        for text in [
            "NATO-EU's 2% goal, Mark Rutte",
            "a",
            "",
            " x1Y2 ",
            "--",
            "ABC def",
        ] {
            let with_accent = format!("{text} é");
            let general = spans(&with_accent);
            let mut ascii = spans(text);
            ascii.push(("e".into(), "é"));
            assert_eq!(ascii, general, "{text:?}");
        }
    }

    #[test]
    fn a_decomposition_that_holds_a_separator_splits_the_word() {
        assert_eq!(words("½"), ["1", "2"]);
    }
}

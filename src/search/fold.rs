//! Case and accent folding, and splitting text into words that remember where they came from.
//!
//! Index and query go through the same code, so they always agree on what a word is: a run of
//! letters and digits after NFKD decomposition, with combining marks dropped and lower-cased.
//! Everything else (spaces, punctuation, apostrophes, hyphens) splits words.

use std::ops::Range;

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Calls `emit(folded_word, byte_range_in_text)` for each word of `text`, in order.
pub fn for_each_word(text: &str, mut emit: impl FnMut(&str, Range<usize>)) {
    if text.is_ascii() {
        ascii_words(text, emit);
        return;
    }
    let mut words = Words {
        word: String::new(),
        start: 0,
        end: 0,
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Most text is ASCII: handle it a byte at a time, without decoding or tables.
        let b = bytes[i];
        if b.is_ascii() {
            if b.is_ascii_alphanumeric() {
                if words.word.is_empty() {
                    words.start = i;
                }
                words.word.push(char::from(b.to_ascii_lowercase()));
                words.end = i + 1;
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
        decompose_compatible(c, |d| {
            // A mark on its own (an accent) belongs to the word before it and vanishes.
            if is_combining_mark(d) {
                words.extend_to(next);
                return;
            }
            for lower in d.to_lowercase() {
                if !is_combining_mark(lower) {
                    words.push(lower, i, next, &mut emit);
                }
            }
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
        while i < bytes.len() && !bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
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
struct Words {
    word: String,
    start: usize,
    end: usize,
}

impl Words {
    /// Adds one folded char that came from the original bytes `from..to`.
    fn push(&mut self, c: char, from: usize, to: usize, emit: &mut impl FnMut(&str, Range<usize>)) {
        if c.is_alphanumeric() {
            if self.word.is_empty() {
                self.start = from;
            }
            self.word.push(c);
            self.end = to;
        } else {
            self.flush(emit);
        }
    }

    /// Stretches the current word over bytes that fold to nothing (a trailing accent).
    fn extend_to(&mut self, to: usize) {
        if !self.word.is_empty() {
            self.end = to;
        }
    }

    fn flush(&mut self, emit: &mut impl FnMut(&str, Range<usize>)) {
        if !self.word.is_empty() {
            emit(&self.word, self.start..self.end);
            self.word.clear();
        }
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

    #[test]
    fn folds_case_and_accents_keeping_original_ranges() {
        let cases: &[(&str, &[(&str, &str)])] = &[
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
            ("ŁÓDŹ", &[("łodz", "ŁÓDŹ")]),
        ];
        for (text, want) in cases {
            let got = spans(text);
            let want: Vec<(String, &str)> =
                want.iter().map(|(w, s)| ((*w).to_string(), *s)).collect();
            assert_eq!(got, want, "{text:?}");
        }
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

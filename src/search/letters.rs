//! How one character folds, for [`super::fold`]: its compatibility decomposition (NFKD) with the
//! combining marks dropped, full Unicode case folding, then a table for the letters decomposition
//! leaves whole (Ł, Ø, Æ, Œ, Đ, Þ, ß ...), so that `blaszczak` finds "Błaszczak" and
//! `ΜΗΤΣΟΤΑΚΗΣ` finds "Μητσοτάκης".

use caseless::Caseless;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// One piece of a folded character, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Piece {
    /// A folded letter or digit, part of the word around it.
    Letter(char),
    /// A combining mark: dropped.
    Mark(char),
    /// Anything else (space, punctuation, a symbol): it ends the word.
    Split,
}

/// Calls `out` with the pieces `c` folds to. `c` is not ASCII (ASCII only lower-cases, and the
/// callers do that themselves).
pub(super) fn fold(c: char, mut out: impl FnMut(Piece)) {
    decompose_compatible(c, |d| {
        if is_combining_mark(d) {
            out(Piece::Mark(d));
        } else if !d.is_alphanumeric() {
            // Nothing that is not a letter or digit folds to one (tested below).
            out(Piece::Split);
        } else {
            for f in std::iter::once(d).default_case_fold() {
                match kept_whole(f) {
                    Some(plain) => plain.chars().for_each(|p| out(Piece::Letter(p))),
                    None if is_combining_mark(f) => out(Piece::Mark(f)),
                    None => out(Piece::Letter(f)),
                }
            }
        }
    });
}

/// What a letter that NFKD leaves whole folds to, once case-folded: the letters with a stroke or
/// bar, the ligatures and the few others that a reader of the language would type without their
/// mark (as Lucene's ASCIIFoldingFilter and ICU's Latin-ASCII transliteration fold them; ß, ẞ and
/// ſ need no entry, case folding gives "ss" and "s").
fn kept_whole(c: char) -> Option<&'static str> {
    Some(match c {
        'æ' => "ae",
        'œ' => "oe",
        'þ' => "th",
        'ł' | 'ƚ' | 'ɫ' => "l",
        'ø' | 'ɵ' => "o",
        'đ' | 'ð' | 'ɖ' => "d",
        'ı' | 'ɨ' => "i",
        'ħ' => "h",
        'ŧ' => "t",
        'ŋ' => "n",
        // Kra: Greenlandic writes q for it since 1973.
        'ĸ' => "q",
        'ƀ' => "b",
        'ȼ' => "c",
        'ɇ' => "e",
        'ƒ' => "f",
        'ǥ' => "g",
        'ɉ' => "j",
        'ɍ' => "r",
        'ʉ' => "u",
        'ɏ' => "y",
        'ƶ' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(c: char) -> String {
        let mut out = String::new();
        fold(c, |p| match p {
            Piece::Letter(l) => out.push(l),
            Piece::Mark(_) => {}
            Piece::Split => out.push(' '),
        });
        out
    }

    #[test]
    fn letters_decomposition_keeps_whole() {
        let cases = [
            ('Ł', "l"),
            ('ł', "l"),
            ('Ø', "o"),
            ('Ǿ', "o"),
            ('Æ', "ae"),
            ('Œ', "oe"),
            ('Đ', "d"),
            ('Ð', "d"),
            ('ð', "d"),
            ('Þ', "th"),
            ('ß', "ss"),
            ('ẞ', "ss"),
            ('ſ', "s"),
            ('ı', "i"),
            ('İ', "i"),
            ('ĸ', "q"),
            ('Ŋ', "n"),
            ('Ħ', "h"),
            ('Ŧ', "t"),
            ('Σ', "σ"),
            ('ς', "σ"),
            ('ά', "α"),
            ('Ё', "е"),
            ('ﬁ', "fi"),
            ('Ｒ', "r"),
            ('½', "1 2"),
            ('—', " "),
        ];
        for (c, want) in cases {
            assert_eq!(folded(c), want, "{c:?}");
        }
    }

    #[test]
    fn the_table_holds_only_folded_letters_and_folds_to_ascii() {
        for c in (0..=0x2FFFF).filter_map(char::from_u32) {
            if let Some(plain) = kept_whole(c) {
                let again: String = std::iter::once(c).default_case_fold().collect();
                assert_eq!(again, c.to_string(), "{c:?} is not case-folded already");
                assert!(plain.bytes().all(|b| b.is_ascii_lowercase()), "{c:?}");
            }
        }
    }

    #[test]
    fn case_folding_keeps_letters_letters_and_leaves_the_rest_alone() {
        // `fold` skips case folding for what is not a letter or digit, and takes what folding
        // gives a letter as letters: both hold for every character.
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            if is_combining_mark(c) {
                continue;
            }
            let again: String = std::iter::once(c).default_case_fold().collect();
            if c.is_alphanumeric() {
                let letters = again
                    .chars()
                    .all(|f| f.is_alphanumeric() || is_combining_mark(f));
                assert!(letters, "{c:?} folds to {again:?}");
            } else {
                assert_eq!(again, c.to_string(), "{c:?}");
            }
        }
    }
}

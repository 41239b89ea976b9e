//! How one character folds, for the word splitter (`fold.rs`): its compatibility decomposition (NFKD) with the
//! combining marks dropped, full Unicode case folding, then a table for the letters decomposition
//! leaves whole (Ł, Ø, Æ, Œ, Đ, Þ, ß ...), so that `blaszczak` finds "Błaszczak" and
//! `ΜΗΤΣΟΤΑΚΗΣ` finds "Μητσοτάκης". And which characters are CJK: text in Chinese, Japanese or
//! Korean has no spaces between words, so each such character is a word of its own.

use caseless::Caseless;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// One piece of a folded character, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Piece {
    /// A folded letter or digit, part of the word around it.
    Letter(char),
    /// A Han, kana or Hangul letter: a word of its own, unless it composes with the one before
    /// (a Hangul syllable written as its jamo, a kana and its voicing mark).
    Cjk(char),
    /// A combining mark: dropped, unless it composes with the CJK letter before it.
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
        } else if is_cjk(d) {
            out(Piece::Cjk(d));
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

/// Whether `c` (a decomposed character) is a Han ideograph, a kana or a Hangul letter: the
/// scripts written without spaces between words (Korean has spaces, but between phrases).
pub(super) fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x11FF         // Hangul jamo
        | 0x2E80..=0x2FDF       // CJK and Kangxi radicals
        | 0x3005..=0x3007       // 々 〆 〇
        | 0x3021..=0x3029       // Hangzhou numerals
        | 0x3031..=0x3035       // kana repeat marks
        | 0x3038..=0x303C
        | 0x3040..=0x30FF       // Hiragana, Katakana
        | 0x3130..=0x318F       // Hangul compatibility jamo
        | 0x31F0..=0x31FF       // Katakana phonetic extensions
        | 0x3400..=0x4DBF       // CJK extension A
        | 0x4E00..=0x9FFF       // CJK unified ideographs
        | 0xA960..=0xA97F       // Hangul jamo extended-A
        | 0xAC00..=0xD7FF       // Hangul syllables, jamo extended-B
        | 0xF900..=0xFAFF       // CJK compatibility ideographs
        | 0xFF66..=0xFFDC       // half-width Katakana and Hangul
        | 0x1AFF0..=0x1B16F     // kana extensions and supplement
        | 0x20000..=0x3FFFF // CJK extensions B on, compatibility supplement
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(c: char) -> String {
        let mut out = String::new();
        fold(c, |p| match p {
            Piece::Letter(l) | Piece::Cjk(l) => out.push(l),
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

    #[test]
    fn cjk_letters_are_their_own_pieces_and_keep_their_marks() {
        let pieces = |c: char| {
            let mut out = Vec::new();
            fold(c, |p| out.push(p));
            out
        };
        assert_eq!(pieces('峰'), [Piece::Cjk('峰')]);
        assert_eq!(pieces('ｶ'), [Piece::Cjk('カ')]);
        assert_eq!(pieces('ガ'), [Piece::Cjk('カ'), Piece::Mark('\u{3099}')]);
        assert_eq!(pieces('ﾞ'), [Piece::Mark('\u{3099}')]);
        assert_eq!(
            pieces('한'),
            [
                Piece::Cjk('\u{1112}'),
                Piece::Cjk('\u{1161}'),
                Piece::Cjk('\u{11ab}')
            ]
        );
        assert_eq!(pieces('・'), [Piece::Split]);
        assert_eq!(pieces('。'), [Piece::Split]);
        assert_eq!(pieces('⼀'), [Piece::Cjk('一')]);
    }
}

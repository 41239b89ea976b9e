//! Text whose width every party agrees on. ratatui measures a grapheme with unicode-width, which
//! gives an emoji sequence (👍🏽, 🇺🇦, ❤️, 👩‍💻) the width of one emoji, while many terminals add
//! up the widths of its code points or draw it some other way: the screen then drifts from what
//! ratatui thinks is on it, and glyphs are left behind in other rows. So such sequences are taken
//! apart into pieces that everyone measures alike: every grapheme of the result is as wide as the
//! sum of its characters' widths.
//!
//! - Variation selectors U+FE00–U+FE0F (VS15/VS16 choose text or emoji presentation, and make
//!   `❤` narrow or wide) are dropped, and so are the skin-tone modifiers U+1F3FB–U+1F3FF, the tag
//!   characters U+E0000–U+E007F (subdivision flags) and the keycap mark U+20E3.
//! - A zero-width joiner next to a pictograph is dropped, so `👩‍💻` becomes `👩💻`; between letters
//!   of other scripts (Indic conjuncts, Persian) it is kept.
//! - A regional indicator becomes its ASCII letter: the flag `🇺🇦` is `UA`.
//! - Kirat Rai vowel signs are composed as Unicode's canonical composition does (U+16D67 U+16D67
//!   is U+16D68): unicode-width gives signs equivalent to one sign a single column.
//! - The halfwidth katakana sound marks `ﾞ` `ﾟ` (U+FF9E, U+FF9F), which ratatui counts one column
//!   wider than unicode-width and terminals do, are composed with the halfwidth kana before them
//!   into the full-width voiced kana (`ｶﾞ` is `ガ`, as wide), or else become the full-width marks
//!   `゛` `゜`.
//!
//! The sanitizer runs this once at load on every string, so pack text and notes get it; the result
//! is a fixed point.

const ZWJ: char = '\u{200d}';
const KEYCAP: char = '\u{20e3}';

/// Whether `c` may need settling: a joiner, a variation selector, a skin-tone modifier, a regional
/// indicator, a tag character, the keycap mark, or a Kirat Rai vowel sign that composes. Text
/// without any of these is left as it is.
pub fn needs_care(c: char) -> bool {
    c == ZWJ
        || is_dropped(c)
        || regional_letter(c).is_some()
        || matches!(c, KIRAT_E | KIRAT_AI | VOICED | SEMI_VOICED)
}

/// Whether `c` is always dropped.
fn is_dropped(c: char) -> bool {
    matches!(
        c,
        KEYCAP | '\u{fe00}'..='\u{fe0f}' | '\u{1f3fb}'..='\u{1f3ff}' | '\u{e0000}'..='\u{e007f}'
    )
}

/// `text` settled as this module says, or `None` when nothing in it changes.
pub fn settle(text: &str) -> Option<String> {
    let (start, _) = text.char_indices().find(|&(_, c)| needs_care(c))?;
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..start]);
    let mut chars = text[start..].chars().peekable();
    while let Some(c) = chars.next() {
        if c == ZWJ || is_dropped(c) {
            // A run of joiners and dropped characters is decided as a whole, by the characters
            // kept on either side of it, so that settling again decides the same.
            let mut joiners = usize::from(c == ZWJ);
            while let Some(next) = chars.next_if(|&n| n == ZWJ || is_dropped(n)) {
                joiners += usize::from(next == ZWJ);
            }
            let pictograph_before = out.chars().next_back().is_some_and(is_pictographic);
            let pictograph_after = chars.peek().copied().is_some_and(is_pictographic);
            if !(pictograph_before || pictograph_after) {
                out.extend(std::iter::repeat_n(ZWJ, joiners));
            }
        } else if let Some(letter) = regional_letter(c) {
            out.push(letter);
        } else if matches!(c, VOICED | SEMI_VOICED) {
            push_sound_mark(&mut out, c);
        } else if let Some(parts) = kirat_rai_parts(c) {
            for &part in parts {
                push_kirat_rai(&mut out, part);
            }
        } else {
            out.push(c);
        }
    }
    (out != text).then_some(out)
}

/// The ASCII letter of a regional indicator (U+1F1E6 is `A`).
fn regional_letter(c: char) -> Option<char> {
    let offset = u32::from(c).checked_sub(0x1f1e6).filter(|&k| k < 26)?;
    Some(char::from(b'A' + offset as u8))
}

const VOICED: char = '\u{ff9e}';
const SEMI_VOICED: char = '\u{ff9f}';

/// Pushes a halfwidth sound mark, composed with the halfwidth kana before it where a full-width
/// voiced kana exists, or else as the full-width spacing mark.
fn push_sound_mark(out: &mut String, mark: char) {
    use unicode_normalization::char::{compose, decompose_compatible};
    let (combining, spacing) = if mark == VOICED {
        ('\u{3099}', '\u{309b}')
    } else {
        ('\u{309a}', '\u{309c}')
    };
    let mut full_width = None;
    if let Some(kana) = out
        .chars()
        .next_back()
        .filter(|k| ('\u{ff66}'..='\u{ff9d}').contains(k))
    {
        decompose_compatible(kana, |c| full_width = Some(c));
    }
    if let Some(voiced) = full_width.and_then(|k| compose(k, combining)) {
        out.pop();
        out.push(voiced);
    } else {
        out.push(spacing);
    }
}

const KIRAT_AA: char = '\u{16d63}';
const KIRAT_E: char = '\u{16d67}';
const KIRAT_AI: char = '\u{16d68}';
const KIRAT_O: char = '\u{16d69}';
const KIRAT_AU: char = '\u{16d6a}';

/// A Kirat Rai vowel sign as the signs AA and E it is canonically equivalent to (AU is AA E E).
fn kirat_rai_parts(c: char) -> Option<&'static [char]> {
    match c {
        KIRAT_AA => Some(&[KIRAT_AA]),
        KIRAT_E => Some(&[KIRAT_E]),
        KIRAT_AI => Some(&[KIRAT_E, KIRAT_E]),
        KIRAT_O => Some(&[KIRAT_AA, KIRAT_E]),
        KIRAT_AU => Some(&[KIRAT_AA, KIRAT_E, KIRAT_E]),
        _ => None,
    }
}

/// Pushes the Kirat Rai sign `part` (AA or E), composed with the sign before it as Unicode's
/// canonical composition does: unicode-width gives a sequence equivalent to one sign one column,
/// the sum of its characters more.
fn push_kirat_rai(out: &mut String, part: char) {
    let composed = match (out.chars().next_back(), part) {
        (Some(KIRAT_E), KIRAT_E) => Some(KIRAT_AI),
        (Some(KIRAT_AA), KIRAT_E) => Some(KIRAT_O),
        (Some(KIRAT_O), KIRAT_E) => Some(KIRAT_AU),
        _ => None,
    };
    if let Some(composed) = composed {
        out.pop();
        out.push(composed);
    } else {
        out.push(part);
    }
}

/// Whether `c` is Extended_Pictographic (UAX #29), which a joiner next to it would glue into an
/// emoji sequence.
fn is_pictographic(c: char) -> bool {
    // Below U+00A9 there is none; most text never reaches the table.
    u32::from(c) >= 0xa9 && {
        let k = PICTOGRAPHIC.partition_point(|&(_, hi)| hi < c);
        PICTOGRAPHIC.get(k).is_some_and(|&(lo, _)| lo <= c)
    }
}

/// The Extended_Pictographic ranges, sorted, as unicode-segmentation 1.13 has them (Unicode 16).
#[rustfmt::skip]
const PICTOGRAPHIC: &[(char, char)] = &[
    ('\u{a9}', '\u{a9}'), ('\u{ae}', '\u{ae}'), ('\u{203c}', '\u{203c}'), ('\u{2049}', '\u{2049}'),
    ('\u{2122}', '\u{2122}'), ('\u{2139}', '\u{2139}'), ('\u{2194}', '\u{2199}'),
    ('\u{21a9}', '\u{21aa}'), ('\u{231a}', '\u{231b}'), ('\u{2328}', '\u{2328}'),
    ('\u{23cf}', '\u{23cf}'), ('\u{23e9}', '\u{23f3}'), ('\u{23f8}', '\u{23fa}'),
    ('\u{24c2}', '\u{24c2}'), ('\u{25aa}', '\u{25ab}'), ('\u{25b6}', '\u{25b6}'),
    ('\u{25c0}', '\u{25c0}'), ('\u{25fb}', '\u{25fe}'), ('\u{2600}', '\u{2604}'),
    ('\u{260e}', '\u{260e}'), ('\u{2611}', '\u{2611}'), ('\u{2614}', '\u{2615}'),
    ('\u{2618}', '\u{2618}'), ('\u{261d}', '\u{261d}'), ('\u{2620}', '\u{2620}'),
    ('\u{2622}', '\u{2623}'), ('\u{2626}', '\u{2626}'), ('\u{262a}', '\u{262a}'),
    ('\u{262e}', '\u{262f}'), ('\u{2638}', '\u{263a}'), ('\u{2640}', '\u{2640}'),
    ('\u{2642}', '\u{2642}'), ('\u{2648}', '\u{2653}'), ('\u{265f}', '\u{2660}'),
    ('\u{2663}', '\u{2663}'), ('\u{2665}', '\u{2666}'), ('\u{2668}', '\u{2668}'),
    ('\u{267b}', '\u{267b}'), ('\u{267e}', '\u{267f}'), ('\u{2692}', '\u{2697}'),
    ('\u{2699}', '\u{2699}'), ('\u{269b}', '\u{269c}'), ('\u{26a0}', '\u{26a1}'),
    ('\u{26a7}', '\u{26a7}'), ('\u{26aa}', '\u{26ab}'), ('\u{26b0}', '\u{26b1}'),
    ('\u{26bd}', '\u{26be}'), ('\u{26c4}', '\u{26c5}'), ('\u{26c8}', '\u{26c8}'),
    ('\u{26ce}', '\u{26cf}'), ('\u{26d1}', '\u{26d1}'), ('\u{26d3}', '\u{26d4}'),
    ('\u{26e9}', '\u{26ea}'), ('\u{26f0}', '\u{26f5}'), ('\u{26f7}', '\u{26fa}'),
    ('\u{26fd}', '\u{26fd}'), ('\u{2702}', '\u{2702}'), ('\u{2705}', '\u{2705}'),
    ('\u{2708}', '\u{270d}'), ('\u{270f}', '\u{270f}'), ('\u{2712}', '\u{2712}'),
    ('\u{2714}', '\u{2714}'), ('\u{2716}', '\u{2716}'), ('\u{271d}', '\u{271d}'),
    ('\u{2721}', '\u{2721}'), ('\u{2728}', '\u{2728}'), ('\u{2733}', '\u{2734}'),
    ('\u{2744}', '\u{2744}'), ('\u{2747}', '\u{2747}'), ('\u{274c}', '\u{274c}'),
    ('\u{274e}', '\u{274e}'), ('\u{2753}', '\u{2755}'), ('\u{2757}', '\u{2757}'),
    ('\u{2763}', '\u{2764}'), ('\u{2795}', '\u{2797}'), ('\u{27a1}', '\u{27a1}'),
    ('\u{27b0}', '\u{27b0}'), ('\u{27bf}', '\u{27bf}'), ('\u{2934}', '\u{2935}'),
    ('\u{2b05}', '\u{2b07}'), ('\u{2b1b}', '\u{2b1c}'), ('\u{2b50}', '\u{2b50}'),
    ('\u{2b55}', '\u{2b55}'), ('\u{3030}', '\u{3030}'), ('\u{303d}', '\u{303d}'),
    ('\u{3297}', '\u{3297}'), ('\u{3299}', '\u{3299}'), ('\u{1f004}', '\u{1f004}'),
    ('\u{1f02c}', '\u{1f02f}'), ('\u{1f094}', '\u{1f09f}'), ('\u{1f0af}', '\u{1f0b0}'),
    ('\u{1f0c0}', '\u{1f0c0}'), ('\u{1f0cf}', '\u{1f0d0}'), ('\u{1f0f6}', '\u{1f0ff}'),
    ('\u{1f170}', '\u{1f171}'), ('\u{1f17e}', '\u{1f17f}'), ('\u{1f18e}', '\u{1f18e}'),
    ('\u{1f191}', '\u{1f19a}'), ('\u{1f1ae}', '\u{1f1e5}'), ('\u{1f201}', '\u{1f20f}'),
    ('\u{1f21a}', '\u{1f21a}'), ('\u{1f22f}', '\u{1f22f}'), ('\u{1f232}', '\u{1f23a}'),
    ('\u{1f23c}', '\u{1f23f}'), ('\u{1f249}', '\u{1f25f}'), ('\u{1f266}', '\u{1f321}'),
    ('\u{1f324}', '\u{1f393}'), ('\u{1f396}', '\u{1f397}'), ('\u{1f399}', '\u{1f39b}'),
    ('\u{1f39e}', '\u{1f3f0}'), ('\u{1f3f3}', '\u{1f3f5}'), ('\u{1f3f7}', '\u{1f3fa}'),
    ('\u{1f400}', '\u{1f4fd}'), ('\u{1f4ff}', '\u{1f53d}'), ('\u{1f549}', '\u{1f54e}'),
    ('\u{1f550}', '\u{1f567}'), ('\u{1f56f}', '\u{1f570}'), ('\u{1f573}', '\u{1f57a}'),
    ('\u{1f587}', '\u{1f587}'), ('\u{1f58a}', '\u{1f58d}'), ('\u{1f590}', '\u{1f590}'),
    ('\u{1f595}', '\u{1f596}'), ('\u{1f5a4}', '\u{1f5a5}'), ('\u{1f5a8}', '\u{1f5a8}'),
    ('\u{1f5b1}', '\u{1f5b2}'), ('\u{1f5bc}', '\u{1f5bc}'), ('\u{1f5c2}', '\u{1f5c4}'),
    ('\u{1f5d1}', '\u{1f5d3}'), ('\u{1f5dc}', '\u{1f5de}'), ('\u{1f5e1}', '\u{1f5e1}'),
    ('\u{1f5e3}', '\u{1f5e3}'), ('\u{1f5e8}', '\u{1f5e8}'), ('\u{1f5ef}', '\u{1f5ef}'),
    ('\u{1f5f3}', '\u{1f5f3}'), ('\u{1f5fa}', '\u{1f64f}'), ('\u{1f680}', '\u{1f6c5}'),
    ('\u{1f6cb}', '\u{1f6d2}'), ('\u{1f6d5}', '\u{1f6e5}'), ('\u{1f6e9}', '\u{1f6e9}'),
    ('\u{1f6eb}', '\u{1f6f0}'), ('\u{1f6f3}', '\u{1f6ff}'), ('\u{1f7da}', '\u{1f7ff}'),
    ('\u{1f80c}', '\u{1f80f}'), ('\u{1f848}', '\u{1f84f}'), ('\u{1f85a}', '\u{1f85f}'),
    ('\u{1f888}', '\u{1f88f}'), ('\u{1f8ae}', '\u{1f8af}'), ('\u{1f8bc}', '\u{1f8bf}'),
    ('\u{1f8c2}', '\u{1f8cf}'), ('\u{1f8d9}', '\u{1f8ff}'), ('\u{1f90c}', '\u{1f93a}'),
    ('\u{1f93c}', '\u{1f945}'), ('\u{1f947}', '\u{1f9ff}'), ('\u{1fa58}', '\u{1fa5f}'),
    ('\u{1fa6e}', '\u{1faff}'), ('\u{1fc00}', '\u{1fffd}'),
];

#[cfg(test)]
mod tests {
    use ratatui::buffer::CellWidth;
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

    use super::*;

    /// The width of `text` counted one character at a time, as a terminal that knows no emoji
    /// sequences does.
    fn per_character(text: &str) -> usize {
        text.chars().map(|c| c.width().unwrap_or(0)).sum()
    }

    /// Panics unless every party measures each line of `text` alike: unicode-width over the whole
    /// line and over each grapheme, ratatui for each grapheme (what its buffer does), and per
    /// character.
    pub(crate) fn assert_widths_agree(text: &str) {
        for line in text.split('\n') {
            assert_eq!(line.width(), per_character(line), "whole {line:?}");
            for grapheme in line.graphemes(true) {
                let sum = per_character(grapheme);
                assert_eq!(grapheme.width(), sum, "grapheme {grapheme:?} of {line:?}");
                assert_eq!(
                    usize::from(grapheme.cell_width()),
                    sum,
                    "ratatui: {grapheme:?}"
                );
            }
        }
    }

    #[test]
    fn emoji_sequences_are_taken_apart() {
        let cases = [
            ("Thumbs 👍🏽 up", "Thumbs 👍 up"),
            ("👋🏻👋🏼👋🏾👋🏿", "👋👋👋👋"),
            ("Flag 🇺🇦 and 🇪🇺", "Flag UA and EU"),
            ("lone 🇺 indicator", "lone U indicator"),
            ("❤️ love", "❤ love"),
            ("☺️ 😀︎ ‘\u{fe01}q’", "☺ 😀 ‘q’"),
            ("coder 👩‍💻 here", "coder 👩💻 here"),
            ("👩🏽‍💻", "👩💻"),
            ("family 👨‍👩‍👧‍👦", "family 👨👩👧👦"),
            ("🏳️‍🌈 🏳️‍⚧️", "🏳🌈 🏳⚧"),
            ("❤‍🔥", "❤🔥"),
            ("keycap 1️⃣ #️⃣ 2⃣", "keycap 1 # 2"),
            (
                "Scotland 🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}",
                "Scotland 🏴",
            ),
            ("😀\u{200d}a", "😀a"),
            ("a\u{200d}😀", "a😀"),
            ("a\u{200d}\u{fe0f}\u{200d}😀", "a😀"),
            ("x\u{1f3fd}\u{200d}\u{1f3fd}y", "x\u{200d}y"),
            (
                "\u{16d67}\u{16d67} \u{16d63}\u{16d67}",
                "\u{16d68} \u{16d69}",
            ),
            (
                "\u{16d63}\u{16d67}\u{16d67} \u{16d63}\u{16d68}",
                "\u{16d6a} \u{16d6a}",
            ),
            ("\u{16d67}\u{16d68}\u{16d67}", "\u{16d68}\u{16d68}"),
            ("\u{16d63}\u{fe0f}\u{16d67}", "\u{16d69}"),
            ("ｶﾞｲﾄﾞ ﾎﾟｰﾙ", "ガｲド ポｰﾙ"),
            ("ｱﾞ ﾞ x\u{ff9f}", "ｱ゛ ゛ x゜"),
        ];
        for (text, want) in cases {
            assert_eq!(settle(text).as_deref(), Some(want), "{text:?}");
            assert_widths_agree(want);
            assert_eq!(settle(want), None, "{want:?} is a fixed point");
        }
    }

    #[test]
    fn text_without_emoji_sequences_is_left_alone() {
        for text in [
            "Rutte’s line — 2% of GDP",
            "Plain emoji 👍 😀 ★ ❤ stay",
            // Joiners and non-joiners between letters: Devanagari, Malayalam, Persian.
            "क्\u{200d}ष",
            "ന്\u{200d}",
            "می\u{200c}خواهم",
            "a\u{200d}b",
            "北约首脑会议",
            "\u{16d68}\u{16d67}",
        ] {
            assert_eq!(settle(text), None, "{text:?}");
        }
    }

    #[test]
    fn pictograph_table_is_sorted_and_knows_the_common_ones() {
        assert!(PICTOGRAPHIC.windows(2).all(|w| w[0].1 < w[1].0));
        for c in [
            '©', '®', '‼', '™', '❤', '☺', '👩', '💻', '🏳', '🌈', '🔥', '🫠',
        ] {
            assert!(is_pictographic(c), "{c:?}");
        }
        for c in ['a', '#', '1', '中', '\u{1f1e6}', '\u{1f3fb}', '\u{200d}'] {
            assert!(!is_pictographic(c), "{c:?}");
        }
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::tests::assert_widths_agree;
    use super::*;
    use crate::base::sanitize::{Lines, sanitize};

    /// Random mixes of emoji, their modifiers, joiners, selectors, flags and tags with text.
    fn emoji_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "👍",
            "👩",
            "💻",
            "❤",
            "☺",
            "😀",
            "🏳",
            "🌈",
            "🏴",
            "©",
            "★",
            "\u{1f3fb}",
            "\u{1f3fd}",
            "\u{1f3ff}",
            "\u{200d}",
            "\u{200c}",
            "\u{fe0f}",
            "\u{fe0e}",
            "\u{fe01}",
            "\u{20e3}",
            "\u{1f1fa}",
            "\u{1f1e6}",
            "\u{e0067}",
            "\u{e007f}",
            "\u{16d63}",
            "\u{16d67}",
            "\u{16d68}",
            "\u{16d69}",
            "a",
            "Z",
            "1",
            "#",
            " ",
            "é",
            "\u{301}",
            "中",
            "‘",
            "क",
            "्",
            "ष",
            "ی",
            "ｶ",
            "ﾞ",
            "ﾟ",
            "\n",
            "\u{1b}[31m",
        ]);
        prop::collection::vec(pieces, 0..30).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn sanitized_text_has_one_width_for_everyone(text in emoji_text()) {
            for lines in [Lines::Keep, Lines::Join] {
                assert_widths_agree(&sanitize(&text, lines));
            }
        }

        #[test]
        fn settling_is_a_fixed_point(text in prop_oneof![emoji_text(), any::<String>()]) {
            if let Some(once) = settle(&text) {
                prop_assert_eq!(settle(&once), None, "{:?} -> {:?}", text, once);
            }
        }
    }
}

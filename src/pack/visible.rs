//! Whether text shows anything on a terminal: a required field made only of spaces, zero-width
//! and format characters or marks with nothing to sit on would be a blank row.
//!
//! This only judges; it removes nothing. Zero-width joiners and non-joiners stay in normal text
//! (Persian and the Indic scripts need them), but a field must also hold something visible.

use unicode_width::UnicodeWidthChar;

/// Whether `text` holds at least one [visible](is_visible) character.
#[inline]
pub fn shows_something(text: &str) -> bool {
    // Almost every field starts with a visible ASCII character: answer that without decoding.
    text.as_bytes().first().is_some_and(u8::is_ascii_graphic) || text.chars().any(is_visible)
}

/// Why the required field `what` holding `text` shows nothing, or `None` when it shows something:
/// `title is empty`, and when it is not empty, which invisible characters it holds instead. `what`
/// is formatted only then (`format_args!` costs nothing until it is).
#[inline]
pub fn blank(what: impl std::fmt::Display, text: &str) -> Option<String> {
    if shows_something(text) {
        None
    } else {
        Some(why_blank(&what, text))
    }
}

/// The message for a required field `what` whose `text` shows nothing.
fn why_blank(what: &dyn std::fmt::Display, text: &str) -> String {
    /// How many of the invisible characters to name.
    const SHOWN: usize = 6;
    let mut held: Vec<char> = text.chars().filter(|&c| c != ' ').collect();
    held.sort_unstable();
    held.dedup();
    if held.is_empty() {
        return format!("{what} is empty");
    }
    let mut names: Vec<String> = held
        .iter()
        .take(SHOWN)
        .map(|&c| format!("U+{:04X}", u32::from(c)))
        .collect();
    if held.len() > SHOWN {
        names.push("...".into());
    }
    format!(
        "{what} is empty: it holds only spaces and invisible characters ({})",
        names.join(" ")
    )
}

/// Whether `c` draws something on its own. Not visible: whitespace, every character of width 0
/// (default-ignorable and format characters such as U+200B, U+200C, U+200D, U+2060, U+FEFF and
/// U+00AD, variation selectors, tag characters, combining marks, which with no letter before them
/// mark nothing), and the letters that are drawn blank: the Hangul fillers and the blank braille
/// pattern U+2800.
pub fn is_visible(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_graphic();
    }
    !c.is_whitespace()
        && !matches!(
            c,
            '\u{115f}' | '\u{1160}' | '\u{2800}' | '\u{3164}' | '\u{ffa0}'
        )
        && c.width().is_some_and(|w| w > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_only_text_shows_nothing() {
        for text in [
            "",
            "   ",
            "\u{200b}\u{200c}\u{200d}\u{2060}\u{feff}",
            "\u{fe0f}\u{fe0e}\u{e0100}",
            "\u{e0041}\u{e0042}\u{e007f}",
            "\u{301}\u{308}",
            " \u{301}",
            "\u{ad}\u{34f}\u{180e}\u{2800}\u{3164}\u{115f}\u{1160}\u{ffa0}",
            "\u{a0}\u{2003}\u{3000}\u{202f}",
        ] {
            assert!(!shows_something(text), "{text:?}");
        }
    }

    #[test]
    fn blank_says_which_invisible_characters_a_field_holds() {
        assert_eq!(blank("title", "Rutte"), None);
        assert_eq!(blank("title", "  ").as_deref(), Some("title is empty"));
        assert_eq!(
            blank("point 2", "\u{200d} \u{200b}\u{200b}").as_deref(),
            Some("point 2 is empty: it holds only spaces and invisible characters (U+200B U+200D)")
        );
        let many: String = ('\u{e0041}'..='\u{e0048}').collect();
        assert!(blank("title", &many).is_some_and(|m| m.ends_with("U+E0046 ...)")));
    }

    #[test]
    fn text_with_a_visible_character_shows_something() {
        for text in [
            "a",
            "\u{200b}Rutte",
            "é",
            "e\u{301}",
            "北约",
            "می\u{200c}خواهم",
            "क्\u{200d}ष",
            "👍",
            "ा",
            "-",
        ] {
            assert!(shows_something(text), "{text:?}");
        }
    }
}

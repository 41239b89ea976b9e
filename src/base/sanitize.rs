//! Makes pack text inert: no control character, escape sequence or bidi control from a pack reaches a
//! terminal. Runs once at load over every string of a pack, ids included.
//!
//! We do not use `strip-ansi-escapes` (it drops tabs and ignores bidi controls) or `vte` (7-bit only):
//! this is a small pass over characters that knows the 8-bit C1 introducers too.
//!
//! Then emoji sequences are [settled](super::width) into pieces whose width ratatui, unicode-width
//! and the terminal all agree on, so that no glyph is left behind on the screen.

use std::borrow::Cow;

use super::width;

/// Whether a field may hold several lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// Newlines are kept (summaries, points, notes).
    Keep,
    /// Newlines become spaces (ids, titles, labels).
    Join,
}

const ESC: char = '\u{1b}';
const BEL: char = '\u{07}';
/// The 8-bit String Terminator.
const ST: char = '\u{9c}';

/// Returns `text` with every escape sequence, control character and bidi control removed, and its
/// emoji sequences [settled](width::settle).
///
/// Visible text is kept; tabs become spaces; a carriage return, alone or before a line feed, is one
/// line break (text with CR or CRLF breaks keeps its lines, and cannot overwrite itself). The
/// result is a fixed point: sanitizing it again changes nothing.
pub fn sanitize(text: &str, lines: Lines) -> Cow<'_, str> {
    if !any_needs_care(text, lines) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ESC => match chars.peek().copied() {
                Some('[') => {
                    chars.next();
                    skip_csi(&mut chars);
                }
                Some(']' | 'P' | 'X' | '^' | '_') => {
                    chars.next();
                    skip_string(&mut chars);
                }
                Some(' '..='/') => {
                    // nF escape: intermediates, then one final character.
                    while chars.next_if(|c| matches!(c, ' '..='/')).is_some() {}
                    chars.next_if(|c| matches!(c, '0'..='~'));
                }
                Some('0'..='~') => {
                    chars.next();
                }
                _ => {}
            },
            '\u{9b}' => skip_csi(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            '\r' => {
                chars.next_if_eq(&'\n');
                match lines {
                    Lines::Keep => out.push('\n'),
                    Lines::Join => push_space(&mut out),
                }
            }
            '\n' if lines == Lines::Keep => out.push('\n'),
            '\n' | '\t' | '\u{2028}' | '\u{2029}' => push_space(&mut out),
            c if is_control(c) || is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    match width::settle(&out) {
        Some(settled) => Cow::Owned(settled),
        // Only a joiner between letters, which stays: nothing changed.
        None if out == text => Cow::Borrowed(text),
        None => Cow::Owned(out),
    }
}

/// Whether `c` is a C0 or C1 control character, or DEL.
pub fn is_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// Whether `c` is a bidirectional formatting control (the Trojan Source characters, CVE-2021-42574).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn needs_care(c: char, lines: Lines) -> bool {
    (is_control(c) && !(c == '\n' && lines == Lines::Keep))
        || is_bidi_control(c)
        || matches!(c, '\u{2028}' | '\u{2029}')
        || width::needs_care(c)
}

/// Whether any character of `text` [needs care](needs_care): the same answer as asking each
/// character, but most text is printable ASCII, so look at bytes, 32 at a time, and decode only
/// where a character could need care: ASCII controls, and the characters whose UTF-8 starts with
/// 0xC2 (C1 controls), 0xD8 (U+061C), 0xE2 (U+200D..U+2069, the keycap U+20E3), 0xEF (the
/// variation selectors U+FE00..U+FE0F), 0xF0 (regional indicators, skin-tone modifiers, Kirat Rai)
/// or 0xF3 (tag characters). Every other byte is either printable ASCII or part of a character that
/// needs no care.
fn any_needs_care(text: &str, lines: Lines) -> bool {
    const CHUNK: usize = 32;
    let bytes = text.as_bytes();
    let mut start = 0;
    for chunk in bytes.chunks(CHUNK) {
        // Without an early exit, so that it compiles to a few vector instructions.
        let printable = chunk
            .iter()
            .fold(true, |all, &b| all & (0x20..0x7f).contains(&b));
        if !printable {
            for (i, &b) in chunk.iter().enumerate() {
                let care = match b {
                    b'\n' => lines == Lines::Join,
                    0..=0x1f | 0x7f => true,
                    0xc2 | 0xd8 | 0xe2 | 0xef | 0xf0 | 0xf3 => text
                        .get(start + i..)
                        .and_then(|rest| rest.chars().next())
                        .is_some_and(|c| needs_care(c, lines)),
                    _ => false,
                };
                if care {
                    return true;
                }
            }
        }
        start += chunk.len();
    }
    false
}

fn push_space(out: &mut String) {
    if !out.ends_with(' ') {
        out.push(' ');
    }
}

/// Skips a control sequence's parameters and intermediates and its final byte. A sequence cut short
/// by anything else ends there, and that character is read as text again.
fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while chars
        .next_if(|c| matches!(c, '0'..='?' | ' '..='/'))
        .is_some()
    {}
    chars.next_if(|c| matches!(c, '@'..='~'));
}

/// Skips the body of an OSC, DCS, SOS, PM or APC string up to its terminator (BEL, ESC \ or ST).
/// A line break (LF or CR) also ends it, so one stray introducer cannot swallow the rest of a field.
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.peek().copied() {
        match c {
            BEL | ST => {
                chars.next();
                return;
            }
            ESC => {
                chars.next();
                chars.next_if_eq(&'\\');
                return;
            }
            '\n' | '\r' => return,
            _ => {
                chars.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> String {
        sanitize(s, Lines::Keep).into_owned()
    }

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        let text = "Rutte’s line on Ukraine — 2% of GDP\nsecond line";
        assert!(matches!(sanitize(text, Lines::Keep), Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn osc_0_window_title_is_removed() {
        assert_eq!(clean("a\u{1b}]0;pwned\u{7}b"), "ab");
        assert_eq!(clean("a\u{1b}]2;pwned\u{1b}\\b"), "ab");
    }

    #[test]
    fn osc_52_clipboard_write_is_removed() {
        assert_eq!(clean("x\u{1b}]52;c;cm0gLXJmIH4=\u{7}y"), "xy");
    }

    #[test]
    fn csi_colour_and_cursor_moves_are_removed() {
        assert_eq!(clean("\u{1b}[31mred\u{1b}[0m"), "red");
        assert_eq!(clean("a\u{1b}[2J\u{1b}[1;1Hb"), "ab");
        assert_eq!(clean("a\u{1b}[?1049hb"), "ab");
    }

    #[test]
    fn eight_bit_c1_csi_is_removed_with_its_parameters() {
        assert_eq!(clean("a\u{9b}31mb"), "ab");
        assert_eq!(clean("a\u{9d}0;title\u{9c}b"), "ab");
        assert_eq!(clean("a\u{85}b"), "ab");
    }

    #[test]
    fn bidi_controls_are_removed() {
        assert_eq!(clean("abc\u{202e}fed\u{202c}"), "abcfed");
        assert_eq!(clean("\u{2066}x\u{2069}\u{200e}\u{200f}\u{61c}"), "x");
    }

    #[test]
    fn bel_and_backspace_are_removed() {
        assert_eq!(clean("ding\u{7}"), "ding");
        assert_eq!(clean("safe\u{8}\u{8}\u{8}\u{8}evil"), "safeevil");
    }

    #[test]
    fn cr_and_crlf_are_line_breaks() {
        // A lone CR used to be dropped, gluing the words on either side together.
        assert_eq!(clean("shown\rhidden"), "shown\nhidden");
        assert_eq!(clean("line\r\nnext"), "line\nnext");
        assert_eq!(clean("a\r\rb\n\r\nc"), "a\n\nb\n\nc");
        assert_eq!(sanitize("rutte\rukraine", Lines::Join), "rutte ukraine");
        assert_eq!(sanitize("rutte\r\nukraine", Lines::Join), "rutte ukraine");
        assert_eq!(sanitize("a \r\n\rb", Lines::Join), "a b");
        assert_eq!(clean("a\u{1b}]0;unterminated\rkept"), "a\nkept");
    }

    #[test]
    fn tabs_become_spaces_and_join_flattens_lines() {
        assert_eq!(clean("a\tb"), "a b");
        assert_eq!(sanitize("one\ntwo", Lines::Join), "one two");
    }

    #[test]
    fn other_escapes_and_stray_introducers() {
        assert_eq!(clean("a\u{1b}(Bb"), "ab");
        assert_eq!(clean("a\u{1b}7b\u{1b}8"), "ab");
        assert_eq!(clean("tail\u{1b}"), "tail");
        assert_eq!(clean("a\u{1b}]0;unterminated\nkept"), "a\nkept");
        assert_eq!(clean("a\u{1b}[31\u{e9}"), "a\u{e9}");
    }

    #[test]
    fn output_is_a_fixed_point_and_free_of_controls() {
        let nasty = "\u{1b}]0;t\u{7}\u{9b}1m\u{202e}x\u{1b}[\u{1b}]\u{9d}\u{0}\r\t\u{7f}y";
        let once = clean(nasty);
        assert_eq!(clean(&once), once);
        assert!(
            !once
                .chars()
                .any(|c| is_control(c) && c != '\n' || is_bidi_control(c))
        );
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    /// Strings rich in what a hostile pack would use: ESC, C1, BEL, CR, bidi controls, brackets.
    fn hostile() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "\u{1b}", "\u{1b}[", "\u{1b}]", "\u{1b}P", "\u{1b}\\", "\u{9b}", "\u{9d}", "\u{9c}",
            "\u{7}", "\u{8}", "\r", "\n", "\t", "\u{7f}", "\u{202e}", "\u{2066}", "\u{200f}",
            "\u{61c}", "[", "]", ";", "0", "31m", "2J", "a", "é", "★", " ", "\u{0}", "\u{85}",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn the_byte_check_agrees_with_asking_each_character(
            text in prop_oneof![hostile(), any::<String>(), "[ -~\u{80}-\u{9f}\u{600}-\u{620}\u{2000}-\u{2070}\u{20e0}-\u{20f0}\u{fe00}-\u{fe10}\u{ff00}-\u{ff10}\u{1f1e0}-\u{1f200}\u{1f3f0}-\u{1f400}\u{16d60}-\u{16d70}\u{e0000}-\u{e0080}\n]{0,80}"]
        ) {
            for lines in [Lines::Keep, Lines::Join] {
                prop_assert_eq!(
                    any_needs_care(&text, lines),
                    text.chars().any(|c| needs_care(c, lines)),
                    "{:?}", text
                );
            }
        }

        #[test]
        fn sanitize_is_idempotent_and_leaves_no_control(text in prop_oneof![hostile(), any::<String>()]) {
            for lines in [Lines::Keep, Lines::Join] {
                let once = sanitize(&text, lines).into_owned();
                prop_assert_eq!(sanitize(&once, lines).into_owned(), once.clone());
                let allowed_newline = lines == Lines::Keep;
                prop_assert!(!once.chars().any(|c| (is_control(c) && !(allowed_newline && c == '\n')) || is_bidi_control(c)),
                    "{:?} -> {:?}", text, once);
            }
        }
    }
}

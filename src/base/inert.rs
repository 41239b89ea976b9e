//! The last guard between brief and a terminal: whatever a subcommand prints, to stdout or stderr,
//! goes through [`Inert`], which drops every control character (but newline and tab) and every
//! bidirectional control. Strings from outside are cleaned where they come in (the sanitizer at
//! load, [`visible`] for names); this writer makes sure a string that was missed still cannot
//! retitle the window, write the clipboard or move the cursor.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

use crate::base::sanitize::{is_bidi_control, is_control};

/// Whether `c` must not reach a terminal: a C0 or C1 control (but newline and tab), DEL, or a
/// bidirectional control.
fn is_unsafe(c: char) -> bool {
    (is_control(c) && c != '\n' && c != '\t') || is_bidi_control(c)
}

/// `name` (a file name, a path, a manifest entry) with every control and bidi character written
/// out as a visible escape (`\u{1b}`), so a hostile name is shown for what it is rather than
/// obeyed or hidden.
pub fn visible(name: &str) -> Cow<'_, str> {
    if !name.chars().any(|c| is_unsafe(c) || c == '\n' || c == '\t') {
        return Cow::Borrowed(name);
    }
    let mut out = String::with_capacity(name.len() + 8);
    for c in name.chars() {
        if is_unsafe(c) || c == '\n' || c == '\t' {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A writer that passes text on without its control and bidi characters. Bytes that are not
/// UTF-8 become U+FFFD (a lone 0x9B byte is a CSI to an 8-bit terminal); a character split
/// across two writes is held until its last byte arrives.
pub struct Inert<W: Write> {
    inner: W,
    /// The first bytes of a character whose rest has not been written yet (at most 3).
    held: Vec<u8>,
}

impl<W: Write> Inert<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        Inert {
            inner,
            held: Vec::new(),
        }
    }

    /// Writes the valid UTF-8 in `bytes` without its unsafe characters; returns how many bytes
    /// at the end are the start of a character still to come.
    fn pass(&mut self, mut bytes: &[u8]) -> io::Result<usize> {
        // Most output is printable ASCII: pass it on without decoding.
        // Without an early exit, so that it compiles to a few vector instructions.
        let needs_care = bytes.iter().fold(0u8, |seen, &b| {
            seen | u8::from(b >= 0x7f || (b < 0x20 && b != b'\n' && b != b'\t'))
        });
        if needs_care == 0 {
            self.inner.write_all(bytes)?;
            return Ok(0);
        }
        loop {
            match std::str::from_utf8(bytes) {
                Ok(text) => {
                    self.pass_text(text)?;
                    return Ok(0);
                }
                Err(e) => {
                    let (good, rest) = bytes.split_at(e.valid_up_to());
                    // Valid up to there, by the error's own word.
                    self.pass_text(std::str::from_utf8(good).unwrap_or_default())?;
                    match e.error_len() {
                        None => return Ok(rest.len()),
                        Some(bad) => {
                            self.inner.write_all("\u{fffd}".as_bytes())?;
                            bytes = rest.get(bad..).unwrap_or_default();
                        }
                    }
                }
            }
        }
    }

    fn pass_text(&mut self, text: &str) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if is_unsafe(c) {
                self.inner.write_all(&text.as_bytes()[start..i])?;
                start = i + c.len_utf8();
            }
        }
        self.inner.write_all(&text.as_bytes()[start..])
    }
}

impl<W: Write> Write for Inert<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.held.is_empty() {
            let tail = self.pass(buf)?;
            self.held.extend_from_slice(&buf[buf.len() - tail..]);
        } else {
            let mut joined = std::mem::take(&mut self.held);
            joined.extend_from_slice(buf);
            let tail = self.pass(&joined)?;
            joined.drain(..joined.len() - tail);
            self.held = joined;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> Drop for Inert<W> {
    fn drop(&mut self) {
        if !self.held.is_empty() {
            let _ = self.inner.write_all("\u{fffd}".as_bytes());
        }
        let _ = self.inner.flush();
    }
}

/// Prints `brief: {message}` on stderr, inert.
pub fn warn(message: impl std::fmt::Display) {
    let mut err = Inert::new(io::stderr().lock());
    let _ = writeln!(err, "brief: {message}");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(pieces: &[&[u8]]) -> String {
        let mut out = Vec::new();
        {
            let mut w = Inert::new(&mut out);
            for piece in pieces {
                w.write_all(piece).unwrap();
            }
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn controls_and_bidi_are_dropped_text_kept() {
        let hostile = "a\u{1b}]52;c;aGk=\u{7}b\u{9b}31mc\u{202e}d\re\u{8}f\tg\nh";
        assert_eq!(through(&[hostile.as_bytes()]), "a]52;c;aGk=b31mcdef\tg\nh");
    }

    #[test]
    fn a_character_split_across_writes_is_kept_whole() {
        let text = "Błaszczak\u{202e}峰会".as_bytes();
        for cut in 0..text.len() {
            assert_eq!(through(&[&text[..cut], &text[cut..]]), "Błaszczak峰会");
        }
    }

    #[test]
    fn bytes_that_are_not_utf8_become_replacement_characters() {
        assert_eq!(through(&[b"a\x9b31mb"]), "a\u{fffd}31mb");
        assert_eq!(through(&[b"a\xe2\x80"]), "a\u{fffd}");
    }

    #[test]
    fn names_show_their_controls_as_escapes() {
        assert_eq!(visible("cards/a.json"), "cards/a.json");
        assert_eq!(
            visible("cards/\u{1b}]52;c;x\u{7}\u{202e}.json"),
            "cards/\\u{1b}]52;c;x\\u{7}\\u{202e}.json"
        );
    }
}

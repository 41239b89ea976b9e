//! One problem found in a pack, reported as `path:line:column: what is wrong`.

use std::fmt;

use super::locate::LineCol;
use super::sanitize::{Lines, sanitize};

/// A problem in one file of a pack, at a place in it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// The file, as the user named it (or `briefings/...` for the built-in pack).
    pub path: String,
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
    /// What is wrong, quoting the bad value.
    pub message: String,
}

impl Diagnostic {
    /// A problem at `position` in `path`. Both are sanitized: a hostile file name or a bad value
    /// quoted back from a pack must not reach the terminal as escape sequences either.
    pub fn new(path: &str, position: LineCol, message: impl AsRef<str>) -> Self {
        Diagnostic {
            path: sanitize(path, Lines::Join).into_owned(),
            line: position.line,
            column: position.column,
            message: sanitize(message.as_ref(), Lines::Join).into_owned(),
        }
    }

    /// A problem with a whole file (it cannot be read, or is too large): reported at 1:1.
    pub fn whole_file(path: &str, message: impl AsRef<str>) -> Self {
        Self::new(path, LineCol { line: 1, column: 1 }, message)
    }

    /// A serde_json error, at the place serde_json found it.
    pub fn from_json(path: &str, err: &serde_json::Error) -> Self {
        let position = LineCol {
            line: err.line().max(1),
            column: err.column().max(1),
        };
        Self::new(path, position, json_message(err))
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.column, self.message
        )
    }
}

/// serde_json's message without its own " at line L column C" suffix (we print the place first).
fn json_message(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

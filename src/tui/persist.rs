//! The seam between the browser and the state store: what the event loop calls when
//! `App::update` returns an effect that must reach the disk.

use std::collections::{HashMap, HashSet};

use crate::base::sanitize::{Lines, sanitize};
use crate::state::{State, StateError, Store};

/// Where the user was: restored at start, saved at quit (the state file's own type).
pub use crate::state::Position;

/// What the store holds when the browser starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// Ids of bookmarked cards.
    pub bookmarked: HashSet<String>,
    /// Ids of cards already read.
    pub read: HashSet<String>,
    /// The user's notes: card id → text.
    pub notes: HashMap<String, String>,
    /// Where the user left off.
    pub position: Position,
}

impl Snapshot {
    /// What the browser needs of the state file's contents.
    pub fn of(state: &State) -> Snapshot {
        Snapshot {
            bookmarked: state
                .bookmarks()
                .into_iter()
                .map(|(id, _)| id.to_string())
                .collect(),
            read: state.read_ids().into_iter().map(str::to_string).collect(),
            notes: state
                .notes()
                .into_iter()
                // The state file is the user's, but may have been edited by hand: the note is
                // drawn on the screen, so it is made inert like pack text.
                .map(|(id, text, _)| (id.to_string(), sanitize(text, Lines::Keep).into_owned()))
                .collect(),
            position: Position {
                // Drawn in the footer, like a note.
                query: sanitize(&state.position().query, Lines::Join).into_owned(),
                ..state.position().clone()
            },
        }
    }
}

/// Writes the user's changes through, each at once. An `Err` is a plain message for the footer;
/// the browser keeps going with the change in memory.
pub trait Persist {
    /// Bookmarks (`on`) or un-bookmarks card `id`.
    fn set_bookmark(&mut self, id: &str, on: bool) -> Result<(), String>;
    /// Marks card `id` read.
    fn mark_read(&mut self, id: &str) -> Result<(), String>;
    /// Marks these cards read, in one write where the store can.
    fn mark_read_many(&mut self, ids: &[String]) -> Result<(), String> {
        ids.iter().try_for_each(|id| self.mark_read(id))
    }
    /// Sets card `id`'s note, or removes it (`None` or blank text).
    fn set_note(&mut self, id: &str, text: Option<&str>) -> Result<(), String>;
    /// Saves where the user is.
    fn save_position(&mut self, position: &Position) -> Result<(), String>;
    /// What the store holds now, if another process changed it since the last call.
    fn refresh(&mut self) -> Option<Snapshot> {
        None
    }
}

/// The real store: every change is on disk (or reported) before the call returns.
impl Persist for Store {
    fn set_bookmark(&mut self, id: &str, on: bool) -> Result<(), String> {
        Store::set_bookmark(self, id, on).map_err(|e| plain(&e))
    }

    fn mark_read(&mut self, id: &str) -> Result<(), String> {
        Store::mark_read(self, id).map_err(|e| plain(&e))
    }

    fn mark_read_many(&mut self, ids: &[String]) -> Result<(), String> {
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        Store::mark_read_many(self, &ids).map_err(|e| plain(&e))
    }

    fn set_note(&mut self, id: &str, text: Option<&str>) -> Result<(), String> {
        Store::set_note(self, id, text).map_err(|e| plain(&e))
    }

    fn save_position(&mut self, position: &Position) -> Result<(), String> {
        self.set_position(position.clone()).map_err(|e| plain(&e))
    }

    fn refresh(&mut self) -> Option<Snapshot> {
        match Store::refresh(self) {
            Ok(true) => Some(Snapshot::of(self.state())),
            Ok(false) | Err(_) => None,
        }
    }
}

fn plain(e: &StateError) -> String {
    e.to_string()
}

/// A store that keeps everything in memory for this session only.
#[derive(Debug, Clone, Default)]
pub struct Memory {
    /// What has been written so far.
    pub state: Snapshot,
}

impl Persist for Memory {
    fn set_bookmark(&mut self, id: &str, on: bool) -> Result<(), String> {
        if on {
            self.state.bookmarked.insert(id.to_string());
        } else {
            self.state.bookmarked.remove(id);
        }
        Ok(())
    }

    fn mark_read(&mut self, id: &str) -> Result<(), String> {
        self.state.read.insert(id.to_string());
        Ok(())
    }

    fn set_note(&mut self, id: &str, text: Option<&str>) -> Result<(), String> {
        match text.filter(|t| !t.trim().is_empty()) {
            Some(text) => self.state.notes.insert(id.to_string(), text.to_string()),
            None => self.state.notes.remove(id),
        };
        Ok(())
    }

    fn save_position(&mut self, position: &Position) -> Result<(), String> {
        self.state.position = position.clone();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;
    use crate::tui::keys::{Keymap, Mode};
    use crossterm::event::Event;

    /// A note with an escape sequence, edited into the state file by hand, must not reach the screen.
    #[test]
    fn a_hand_edited_note_is_made_inert() {
        let bytes = br#"{"version": 1, "notes": {"a": {"text": "x\u001b]0;pwned\u0007y\nz", "edited": 1}}}"#;
        let state = crate::state::read_bytes(bytes).unwrap();
        assert_eq!(Snapshot::of(&state).notes["a"], "xy\nz");
    }

    #[test]
    fn a_hand_edited_saved_search_is_made_inert() {
        let bytes =
            br#"{"version": 1, "position": {"query": "ru\u001b]0;pwned\u0007tte\r\nnato"}}"#;
        let state = crate::state::read_bytes(bytes).unwrap();
        assert_eq!(Snapshot::of(&state).position.query, "rutte nato");
    }

    #[test]
    fn pasted_text_is_made_inert() {
        let keymap = Keymap::default();
        let paste = Event::Paste("a\u{1b}[2Jb\u{202e}c\nd".into());
        assert_eq!(
            keymap.action(&paste, Mode::Note),
            Some(Action::NotePaste("abc\nd".into()))
        );
        assert_eq!(
            keymap.action(&paste, Mode::Search),
            Some(Action::SearchPaste("abc d".into()))
        );
    }
}

//! The seam between the browser and the state store: what the event loop calls when
//! `App::update` returns an effect that must reach the disk.

use std::collections::{HashMap, HashSet};

use crate::base::sanitize::{Lines, sanitize};
use crate::state::{MAX_HISTORY, State, StateError, Store};

/// Where the user was: restored at start, saved at quit (the state file's own type).
pub use crate::state::Position;

/// What the store holds when the browser starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// Ids of bookmarked cards.
    pub bookmarked: HashSet<String>,
    /// The same ids in the user's agenda order (as in the file, like `bookmarked`: they are
    /// matched against card ids, and sanitized if ever drawn).
    pub agenda: Vec<String>,
    /// Ids of cards already read.
    pub read: HashSet<String>,
    /// The user's notes: card id → text, made inert (they are drawn).
    pub notes: HashMap<String, String>,
    /// The store's own text of each note that making it inert changed (a hand edit with a tab,
    /// a CRLF, a flag, an escape): what undo puts back, never drawn.
    pub raw_notes: HashMap<String, String>,
    /// Where the user left off.
    pub position: Position,
    /// The kept searches, oldest first, made inert (they are drawn in the search line).
    pub history: Vec<String>,
}

impl Snapshot {
    /// What the browser needs of the state file's contents.
    pub fn of(state: &State) -> Snapshot {
        let agenda: Vec<String> = state
            .bookmarks()
            .into_iter()
            .map(|(id, _)| id.to_string())
            .collect();
        // The state file is the user's, but may have been edited by hand: a note is drawn on the
        // screen, so it is made inert like pack text; its own text is kept where that changed it.
        let mut notes = HashMap::new();
        let mut raw_notes = HashMap::new();
        for (id, text, _) in state.notes() {
            let shown = sanitize(text, Lines::Keep);
            if shown != text {
                raw_notes.insert(id.to_string(), text.to_string());
            }
            notes.insert(id.to_string(), shown.into_owned());
        }
        Snapshot {
            bookmarked: agenda.iter().cloned().collect(),
            agenda,
            read: state.read_ids().into_iter().map(str::to_string).collect(),
            notes,
            raw_notes,
            position: Position {
                // Drawn in the footer, like a note.
                query: sanitize(&state.position().query, Lines::Join).into_owned(),
                ..state.position().clone()
            },
            // Drawn in the search line, like the saved query. Two that differ only by what
            // sanitizing drops become one.
            history: state.history().iter().fold(Vec::new(), |mut kept, query| {
                let query = sanitize(query, Lines::Join);
                if !query.trim().is_empty() {
                    kept.retain(|q| *q != query);
                    kept.push(query.into_owned());
                }
                kept
            }),
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
    /// Marks card `id` read, or unread (`read` false).
    fn set_read(&mut self, id: &str, read: bool) -> Result<(), String>;
    /// Moves bookmarked card `id` to place `to` of the agenda (0 first). A card not bookmarked,
    /// or a place past the end, is an error that changes nothing.
    fn move_bookmark(&mut self, id: &str, to: usize) -> Result<(), String>;
    /// Keeps `query` at the end of the search history (blank: nothing).
    fn push_search(&mut self, query: &str) -> Result<(), String>;
    /// Sets card `id`'s note, or removes it (`None` or blank text).
    fn set_note(&mut self, id: &str, text: Option<&str>) -> Result<(), String>;
    /// Saves where the user is.
    fn save_position(&mut self, position: &Position) -> Result<(), String>;
    /// What the store holds now, if another process changed it since the last call.
    fn refresh(&mut self) -> Option<Snapshot> {
        None
    }
    /// What the store holds now, asked after this window's own write: a write merges what
    /// other windows wrote meanwhile into the file and the store, and `refresh` then sees no
    /// change (the file is the one this window wrote). `None` where no other window can write.
    fn current(&self) -> Option<Snapshot> {
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

    fn set_read(&mut self, id: &str, read: bool) -> Result<(), String> {
        Store::set_read(self, &[id], read).map_err(|e| plain(&e))
    }

    fn move_bookmark(&mut self, id: &str, to: usize) -> Result<(), String> {
        Store::move_bookmark(self, id, to).map_err(|e| plain(&e))
    }

    fn push_search(&mut self, query: &str) -> Result<(), String> {
        Store::push_search(self, query).map_err(|e| plain(&e))
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

    fn current(&self) -> Option<Snapshot> {
        Some(Snapshot::of(self.state()))
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
        let agenda = &mut self.state.agenda;
        if on {
            if self.state.bookmarked.insert(id.to_string()) {
                agenda.push(id.to_string());
            }
        } else if self.state.bookmarked.remove(id) {
            agenda.retain(|a| a != id);
        }
        Ok(())
    }

    fn mark_read(&mut self, id: &str) -> Result<(), String> {
        self.set_read(id, true)
    }

    fn set_read(&mut self, id: &str, read: bool) -> Result<(), String> {
        if read {
            self.state.read.insert(id.to_string());
        } else {
            self.state.read.remove(id);
        }
        Ok(())
    }

    fn move_bookmark(&mut self, id: &str, to: usize) -> Result<(), String> {
        let agenda = &mut self.state.agenda;
        let Some(from) = agenda.iter().position(|a| a == id) else {
            return Err(plain(&StateError::NotBookmarked { id: id.into() }));
        };
        if to >= agenda.len() {
            let len = agenda.len();
            return Err(plain(&StateError::NoSuchPlace { place: to, len }));
        }
        let card = agenda.remove(from);
        agenda.insert(to, card);
        Ok(())
    }

    fn push_search(&mut self, query: &str) -> Result<(), String> {
        if !query.trim().is_empty() {
            let history = &mut self.state.history;
            history.retain(|q| q != query);
            history.push(query.to_string());
            let over = history.len().saturating_sub(MAX_HISTORY);
            history.drain(..over);
        }
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
    fn the_agenda_and_the_history_come_from_the_file_in_order_the_history_inert() {
        let bytes = br#"{"version": 1,
            "bookmarks": {"a": {"added": 1, "rank": "k"}, "b": {"added": 2, "rank": "V"},
                          "c": {"added": 3}, "d": {"removed": 4}},
            "history": ["rutte", "x\u001b]0;pwned\u0007y", "\u202e", "xy", "nato"]}"#;
        let state = crate::state::read_bytes(bytes).unwrap();
        let snapshot = Snapshot::of(&state);
        assert_eq!(snapshot.agenda, ["b", "a", "c"]);
        assert_eq!(
            snapshot.bookmarked,
            snapshot.agenda.iter().cloned().collect::<HashSet<_>>()
        );
        assert_eq!(snapshot.history, ["rutte", "xy", "nato"]);
    }

    #[test]
    fn memory_keeps_the_agenda_read_marks_and_history_as_the_store_does() {
        let mut memory = Memory::default();
        for id in ["a", "b", "c"] {
            memory.set_bookmark(id, true).unwrap();
        }
        memory.set_bookmark("a", true).unwrap();
        assert_eq!(memory.state.agenda, ["a", "b", "c"]);
        memory.move_bookmark("c", 0).unwrap();
        assert_eq!(memory.state.agenda, ["c", "a", "b"]);
        assert!(memory.move_bookmark("c", 3).is_err());
        assert!(memory.move_bookmark("zz", 0).is_err());
        memory.set_bookmark("a", false).unwrap();
        assert_eq!(memory.state.agenda, ["c", "b"]);
        memory.set_read("a", true).unwrap();
        memory.set_read("a", false).unwrap();
        assert!(memory.state.read.is_empty());
        for q in ["rutte", "nato", "rutte", " "] {
            memory.push_search(q).unwrap();
        }
        assert_eq!(memory.state.history, ["nato", "rutte"]);
        for n in 0..150 {
            memory.push_search(&format!("q{n}")).unwrap();
        }
        assert_eq!(memory.state.history.len(), MAX_HISTORY);
    }

    #[test]
    fn the_store_moves_and_unreads_through_the_trait() {
        let mut store = Store::in_memory();
        let persist: &mut dyn Persist = &mut store;
        persist.set_bookmark("a", true).unwrap();
        persist.set_bookmark("b", true).unwrap();
        persist.move_bookmark("b", 0).unwrap();
        let err = persist.move_bookmark("z", 0).unwrap_err();
        assert!(err.contains("\"z\" is not bookmarked"), "{err}");
        persist.set_read("a", true).unwrap();
        persist.set_read("a", false).unwrap();
        persist.push_search("rutte").unwrap();
        let snapshot = Snapshot::of(store.state());
        assert_eq!(snapshot.agenda, ["b", "a"]);
        assert!(snapshot.read.is_empty());
        assert_eq!(snapshot.history, ["rutte"]);
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

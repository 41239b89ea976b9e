//! The seam between the browser and the state store: what the event loop calls when
//! [`super::app::App::update`] returns an effect that must reach the disk.

use std::collections::HashSet;

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
            position: state.position().clone(),
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

    fn save_position(&mut self, position: &Position) -> Result<(), String> {
        self.state.position = position.clone();
        Ok(())
    }
}

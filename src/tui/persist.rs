//! The seam between the browser and the state store: what the event loop calls when
//! [`super::app::App::update`] returns an effect that must reach the disk.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

/// Where the user was: restored at start, saved at quit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// Id of the selected card.
    pub selected: Option<String>,
    /// Ids of the theme filters that are on.
    pub themes: Vec<String>,
    /// The kept search query.
    pub query: String,
    /// Whether only bookmarked cards are shown.
    pub bookmarks_only: bool,
}

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

/// Writes the user's changes through, each at once. An `Err` is a plain message for the footer;
/// the browser keeps going with the change in memory.
pub trait Persist {
    /// Bookmarks (`on`) or un-bookmarks card `id`.
    fn set_bookmark(&mut self, id: &str, on: bool) -> Result<(), String>;
    /// Marks card `id` read.
    fn mark_read(&mut self, id: &str) -> Result<(), String>;
    /// Saves where the user is.
    fn save_position(&mut self, position: &Position) -> Result<(), String>;
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

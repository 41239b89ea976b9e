//! What [`App::update`](super::App::update) hands back and what it shows: the effects the event
//! loop performs, which pane has the focus, and the footer's transient message.

use super::Position;

/// What the event loop must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write a bookmark (`on`) or its removal through the store.
    SetBookmark {
        /// Card id.
        id: String,
        /// Bookmarked or not.
        on: bool,
    },
    /// Write a read mark through the store, with the others read meanwhile (the user read it).
    MarkRead {
        /// Card id.
        id: String,
    },
    /// Write a read or unread mark through the store at once (the user set it: `m`, undo).
    SetRead {
        /// Card id.
        id: String,
        /// Read or unread.
        read: bool,
    },
    /// Move a bookmark to place `to` (from 0) in the agenda, through the store.
    MoveBookmark {
        /// Card id.
        id: String,
        /// Its new place.
        to: usize,
    },
    /// Write a note (`None`: remove it) through the store.
    SetNote {
        /// Card id.
        id: String,
        /// The text, or `None` to remove the note.
        text: Option<String>,
    },
    /// Write these cards to a new Markdown file in the current folder and say where it went.
    Export {
        /// The cards' positions in the pack, in list order.
        cards: Vec<usize>,
        /// The one query that gives them (the search, the theme filters, bookmarks-only).
        query: String,
        /// Whether only bookmarked cards were shown.
        bookmarks_only: bool,
    },
    /// Save where the user is.
    SavePosition(Position),
    /// Add a kept search to the history in the state file.
    SaveSearch(String),
    /// Leave the event loop.
    Quit,
}

/// Which pane the movement keys act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The card list.
    List,
    /// The selected card.
    Card,
}

/// A transient footer message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// What to say.
    pub text: String,
    /// A warning (something did not work) rather than a confirmation.
    pub warning: bool,
    /// Increases with every new message, so the loop can time each one.
    pub serial: u64,
}

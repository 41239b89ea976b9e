//! One card's records in the state file: its bookmark (with its place in the agenda) and its note.
//! Each keeps the fields this build does not know (`extra`), so a file someone edited by hand, or
//! a newer build wrote with more fields in version 1, loses nothing when this build rewrites it.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::rank::{self, Rank};

/// A bookmark: live since `added`, or a tombstone since `removed` (so a stale window cannot revive
/// it). The later of the two times is the record's time; a record with neither is not live.
///
/// A live bookmark may carry its place in the agenda, `rank` (see [`Rank`]), with the time the
/// place was last set, `moved`: the place merges between windows on its own time, so a move in
/// one window and an add in another both survive. A rank brief does not make, or a `moved` that
/// is not a whole number, reads as none: the agenda never makes a state file unreadable.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Bookmark {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed: Option<u64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "rank::lenient"
    )]
    pub rank: Option<Rank>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "rank::lenient_time"
    )]
    pub moved: Option<u64>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Bookmark {
    /// When it was added, if it is live.
    pub fn live_since(&self) -> Option<u64> {
        match (self.added, self.removed) {
            (Some(added), None) => Some(added),
            (Some(added), Some(removed)) if added > removed => Some(added),
            _ => None,
        }
    }

    /// The time of its last change (added or removed; a move is not one).
    pub fn stamp(&self) -> u64 {
        self.added.unwrap_or(0).max(self.removed.unwrap_or(0))
    }

    /// The time its place in the agenda was last set: a move, or the add that placed it.
    pub fn rank_stamp(&self) -> u64 {
        self.moved.unwrap_or(0).max(self.added.unwrap_or(0))
    }
}

/// A note: its text and when it was last edited, or a tombstone since `removed`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Note {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edited: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed: Option<u64>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Note {
    /// The text and its time, if the note is live. Blank text (only a hand-edited file holds it:
    /// saving a blank note removes it) is no note, so every command and filter agrees on which
    /// cards have one.
    pub fn live(&self) -> Option<(&str, u64)> {
        let text = self.text.as_deref().filter(|t| !t.trim().is_empty())?;
        let edited = self.edited.unwrap_or(0);
        match self.removed {
            Some(removed) if removed >= edited => None,
            _ => Some((text, edited)),
        }
    }

    /// The time of its last change.
    pub fn stamp(&self) -> u64 {
        self.edited.unwrap_or(0).max(self.removed.unwrap_or(0))
    }
}

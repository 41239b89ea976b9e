//! The state file's contents ([`State`]) and the merge: one process's own pending changes applied to
//! the file as it stands on disk, per card, last writer wins by time.
//!
//! Every record keeps the fields it does not know (`extra`), so a file someone edited by hand, or a
//! newer build wrote with more fields in version 1, loses nothing when this build rewrites it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::MAX_NOTE_BYTES;
use crate::base::time::MAX_MS;

/// The state file's format version that this build writes.
pub const VERSION: u64 = 1;

/// Where the user was: the selected card and the filters that were on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Position {
    /// The selected card's id.
    pub selected: Option<String>,
    /// The theme filters that were on (theme ids).
    pub themes: Vec<String>,
    /// The search query.
    pub query: String,
    /// Whether only bookmarked cards were shown.
    pub bookmarks_only: bool,
}

/// A bookmark: live since `added`, or a tombstone since `removed` (so a stale window cannot revive
/// it). The later of the two times is the record's time; a record with neither is not live.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Bookmark {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    added: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    removed: Option<u64>,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

impl Bookmark {
    /// When it was added, if it is live.
    fn live_since(&self) -> Option<u64> {
        match (self.added, self.removed) {
            (Some(added), None) => Some(added),
            (Some(added), Some(removed)) if added > removed => Some(added),
            _ => None,
        }
    }

    /// The time of its last change.
    fn stamp(&self) -> u64 {
        self.added.unwrap_or(0).max(self.removed.unwrap_or(0))
    }
}

/// A note: its text and when it was last edited, or a tombstone since `removed`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Note {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    edited: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    removed: Option<u64>,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

impl Note {
    /// The text and its time, if the note is live.
    fn live(&self) -> Option<(&str, u64)> {
        let text = self.text.as_deref()?;
        let edited = self.edited.unwrap_or(0);
        match self.removed {
            Some(removed) if removed >= edited => None,
            _ => Some((text, edited)),
        }
    }

    /// The time of its last change.
    fn stamp(&self) -> u64 {
        self.edited.unwrap_or(0).max(self.removed.unwrap_or(0))
    }
}

/// The position as stored, with any fields this build does not know.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct PositionRecord {
    #[serde(flatten)]
    position: Position,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

/// Everything in the state file: bookmarks, notes, read marks and where the user was.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct State {
    version: u64,
    #[serde(default)]
    bookmarks: BTreeMap<String, Bookmark>,
    #[serde(default)]
    notes: BTreeMap<String, Note>,
    /// Card id → when it was first read.
    #[serde(default)]
    read: BTreeMap<String, u64>,
    #[serde(default)]
    position: PositionRecord,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

impl Default for State {
    fn default() -> Self {
        State {
            version: VERSION,
            bookmarks: BTreeMap::new(),
            notes: BTreeMap::new(),
            read: BTreeMap::new(),
            position: PositionRecord::default(),
            extra: Map::new(),
        }
    }
}

impl State {
    /// Whether the card is bookmarked.
    pub fn is_bookmarked(&self, id: &str) -> bool {
        self.bookmarks
            .get(id)
            .and_then(Bookmark::live_since)
            .is_some()
    }

    /// The live bookmarks with when each was added (Unix ms), oldest first.
    pub fn bookmarks(&self) -> Vec<(&str, u64)> {
        let mut live: Vec<(&str, u64)> = self
            .bookmarks
            .iter()
            .filter_map(|(id, b)| Some((id.as_str(), b.live_since()?)))
            .collect();
        live.sort_by_key(|&(id, added)| (added, id));
        live
    }

    /// How many cards are bookmarked.
    pub fn bookmark_count(&self) -> usize {
        self.bookmarks
            .values()
            .filter_map(Bookmark::live_since)
            .count()
    }

    /// The note on the card, if any.
    pub fn note(&self, id: &str) -> Option<&str> {
        self.notes
            .get(id)
            .and_then(Note::live)
            .map(|(text, _)| text)
    }

    /// The live notes as (card id, text, last edited in Unix ms), oldest first.
    pub fn notes(&self) -> Vec<(&str, &str, u64)> {
        let mut live: Vec<(&str, &str, u64)> = self
            .notes
            .iter()
            .filter_map(|(id, n)| n.live().map(|(text, at)| (id.as_str(), text, at)))
            .collect();
        live.sort_by_key(|&(id, _, at)| (at, id));
        live
    }

    /// Whether the card has been read.
    pub fn is_read(&self, id: &str) -> bool {
        self.read.contains_key(id)
    }

    /// The ids of every card that has been read.
    pub fn read_ids(&self) -> Vec<&str> {
        self.read.keys().map(String::as_str).collect()
    }

    /// Where the user was.
    pub fn position(&self) -> &Position {
        &self.position.position
    }

    /// Whether the card's note is longer than [`MAX_NOTE_BYTES`] (a hand-edited or merged file):
    /// it is kept whole, but a note that long cannot be saved again as it is.
    pub fn note_is_over_bound(&self, id: &str) -> bool {
        self.note(id)
            .is_some_and(|text| text.len() > MAX_NOTE_BYTES)
    }

    /// Brings every time read from the file down to [`MAX_MS`] at most (see [`next_stamp`]). Two
    /// such times in one record become equal: a bookmark both added and removed after the year
    /// 9999 reads as removed (only a hand-made file holds such times; brief writes one of the two).
    pub(crate) fn clamp_times(&mut self) {
        let clamp = |at: &mut Option<u64>| *at = at.map(|t| t.min(MAX_MS));
        for bookmark in self.bookmarks.values_mut() {
            clamp(&mut bookmark.added);
            clamp(&mut bookmark.removed);
        }
        for note in self.notes.values_mut() {
            clamp(&mut note.edited);
            clamp(&mut note.removed);
        }
        for at in self.read.values_mut() {
            *at = (*at).min(MAX_MS);
        }
    }

    /// The time of the last change to the card's bookmark, 0 if it never had one.
    pub(crate) fn bookmark_stamp(&self, id: &str) -> u64 {
        self.bookmarks.get(id).map_or(0, Bookmark::stamp)
    }

    /// The time of the last change to the card's note, 0 if it never had one.
    pub(crate) fn note_stamp(&self, id: &str) -> u64 {
        self.notes.get(id).map_or(0, Note::stamp)
    }

    /// Applies this process's pending changes on top of `self` (the file as it stands on disk).
    ///
    /// Per card, the later time wins (a tie goes to the change): a change older than what the file
    /// holds (another process changed that card since) is dropped, so a stale window neither revives
    /// a removed bookmark nor removes a newer one. Cards this process did not touch, and fields this
    /// build does not know, are left exactly as they were. Applying the same changes twice gives the
    /// same result, so a save that failed can be retried with the next one.
    pub(crate) fn apply(&mut self, pending: &Pending) {
        for (id, mark) in &pending.bookmarks {
            let record = self.bookmarks.entry(id.clone()).or_default();
            if mark.at < record.stamp() {
                continue;
            }
            if mark.on {
                record.added = Some(mark.at);
                record.removed = None;
            } else {
                record.added = None;
                record.removed = Some(mark.at);
            }
        }
        for (id, change) in &pending.notes {
            let record = self.notes.entry(id.clone()).or_default();
            if change.at < record.stamp() {
                continue;
            }
            record.text.clone_from(&change.text);
            if change.text.is_some() {
                record.edited = Some(change.at);
                record.removed = None;
            } else {
                record.edited = None;
                record.removed = Some(change.at);
            }
        }
        for (id, at) in &pending.read {
            self.read.entry(id.clone()).or_insert(*at);
        }
        if let Some(position) = &pending.position {
            self.position.position = position.clone();
        }
    }
}

/// The time for a change to a record whose last change is at `last`: now, or just after `last`
/// if that is later (a second change in the same millisecond, a clock that went back, a time in
/// the future in a hand-edited file), and never past [`MAX_MS`].
///
/// The rule that keeps a user's change from being lost to a far-future time: the file's times are
/// clamped to [`MAX_MS`] when it is read (`State::clamp_times`), no arithmetic on them can
/// overflow (`saturating_add`), and a change at the same time as the record goes to the change
/// (`State::apply`). So a change made on top of what this process last saw always wins, even over
/// a record stamped `u64::MAX`; only a change another window made since, with a later time, can
/// beat it, as for any two windows.
pub(crate) fn next_stamp(now: u64, last: u64) -> u64 {
    now.max(last.saturating_add(1)).min(MAX_MS)
}

/// A bookmark change this process made: on or off, at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mark {
    pub at: u64,
    pub on: bool,
}

/// A note change this process made: new text, or removal (`None`), at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NoteChange {
    pub at: u64,
    pub text: Option<String>,
}

/// This process's changes that are not yet known to be on disk.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Pending {
    pub bookmarks: BTreeMap<String, Mark>,
    pub notes: BTreeMap<String, NoteChange>,
    pub read: BTreeMap<String, u64>,
    pub position: Option<Position>,
}

impl Pending {
    /// Whether there is nothing to write.
    pub fn is_empty(&self) -> bool {
        self.bookmarks.is_empty()
            && self.notes.is_empty()
            && self.read.is_empty()
            && self.position.is_none()
    }
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;

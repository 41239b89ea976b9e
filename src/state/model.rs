//! The state file's contents ([`State`]): bookmarks in the user's agenda order, notes, read marks,
//! the search history and where the user was, with what each asks of the file's records. How one
//! process's changes are merged into the file is `merge`; the records themselves are `records`.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::MAX_NOTE_BYTES;
use super::history;
use super::rank::Rank;
use super::records::{Bookmark, Note};
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

/// The position as stored, with any fields this build does not know.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(super) struct PositionRecord {
    #[serde(flatten)]
    pub position: Position,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Everything in the state file: bookmarks, notes, read marks, the search history and where the
/// user was. Fields this build does not know are kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct State {
    pub(super) version: u64,
    #[serde(default)]
    pub(super) bookmarks: BTreeMap<String, Bookmark>,
    #[serde(default)]
    pub(super) notes: BTreeMap<String, Note>,
    /// Card id → when it was last marked read.
    #[serde(default)]
    pub(super) read: BTreeMap<String, u64>,
    /// Card id → when it was last marked unread: a card is read when its read time is later.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub(super) unread: BTreeMap<String, u64>,
    /// The kept searches, oldest first.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "history::lenient"
    )]
    pub(super) history: Vec<String>,
    #[serde(default)]
    pub(super) position: PositionRecord,
    #[serde(flatten)]
    pub(super) extra: Map<String, Value>,
    /// Card id → place in the agenda, worked out when first asked after a change.
    #[serde(skip)]
    pub(super) places: Places,
}

/// The agenda places of the bookmarks, computed once per change of the state (a query that lists
/// bookmarks asks for each hit's place). Derived data: it never makes two states unequal.
#[derive(Debug, Clone, Default)]
pub(super) struct Places(OnceLock<FxHashMap<String, usize>>);

impl PartialEq for Places {
    fn eq(&self, _: &Places) -> bool {
        true
    }
}

impl Default for State {
    fn default() -> Self {
        State {
            version: VERSION,
            bookmarks: BTreeMap::new(),
            notes: BTreeMap::new(),
            read: BTreeMap::new(),
            unread: BTreeMap::new(),
            history: Vec::new(),
            position: PositionRecord::default(),
            extra: Map::new(),
            places: Places::default(),
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

    /// The live bookmarks with when each was added (Unix ms), in the user's agenda order: by
    /// place in the agenda, then (for those without one: an older file, another build) after the
    /// placed ones by when they were added; ties by id.
    pub fn bookmarks(&self) -> Vec<(&str, u64)> {
        self.agenda()
            .into_iter()
            .map(|(id, added, _)| (id, added))
            .collect()
    }

    /// The live bookmarks in agenda order with when each was added and its rank.
    pub(crate) fn agenda(&self) -> Vec<(&str, u64, Option<&Rank>)> {
        let mut live: Vec<(&str, u64, Option<&Rank>)> = self
            .bookmarks
            .iter()
            .filter_map(|(id, b)| Some((id.as_str(), b.live_since()?, b.rank.as_ref())))
            .collect();
        live.sort_by(|&(a, a_added, a_rank), &(b, b_added, b_rank)| {
            (a_rank.is_none(), a_rank, a_added, a).cmp(&(b_rank.is_none(), b_rank, b_added, b))
        });
        live
    }

    /// The card's place in the agenda (0 first), if it is bookmarked.
    pub fn agenda_place(&self, id: &str) -> Option<usize> {
        let places = self.places.0.get_or_init(|| {
            self.agenda()
                .into_iter()
                .enumerate()
                .map(|(place, (id, _, _))| (id.to_owned(), place))
                .collect()
        });
        places.get(id).copied()
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

    /// Whether the card has been read: it has a read time, later than its unread time if any.
    pub fn is_read(&self, id: &str) -> bool {
        match (self.read.get(id), self.unread.get(id)) {
            (Some(read), Some(unread)) => read > unread,
            (Some(_), None) => true,
            (None, _) => false,
        }
    }

    /// The ids of every card that has been read.
    pub fn read_ids(&self) -> Vec<&str> {
        self.read
            .keys()
            .map(String::as_str)
            .filter(|id| self.is_read(id))
            .collect()
    }

    /// The kept searches, oldest first (at most [`history::MAX_HISTORY`]). Raw text from the
    /// file: sanitize before drawing.
    pub fn history(&self) -> &[String] {
        &self.history
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

    /// Brings every time read from the file down to [`MAX_MS`] at most (see
    /// `next_stamp` in `merge`). Two such times in one record become equal: a bookmark both
    /// added and removed after the year 9999 reads as removed, a card both read and unread then
    /// reads as unread (only a hand-made file holds such times; brief writes one of the two).
    pub(crate) fn clamp_times(&mut self) {
        let clamp = |at: &mut Option<u64>| *at = at.map(|t| t.min(MAX_MS));
        for bookmark in self.bookmarks.values_mut() {
            clamp(&mut bookmark.added);
            clamp(&mut bookmark.removed);
            clamp(&mut bookmark.moved);
        }
        for note in self.notes.values_mut() {
            clamp(&mut note.edited);
            clamp(&mut note.removed);
        }
        for at in self.read.values_mut().chain(self.unread.values_mut()) {
            *at = (*at).min(MAX_MS);
        }
        self.places = Places::default();
    }

    /// The time of the last change to the card's bookmark, 0 if it never had one.
    pub(crate) fn bookmark_stamp(&self, id: &str) -> u64 {
        self.bookmarks.get(id).map_or(0, Bookmark::stamp)
    }

    /// The time the card's place in the agenda was last set, 0 if never.
    pub(crate) fn rank_stamp(&self, id: &str) -> u64 {
        self.bookmarks.get(id).map_or(0, Bookmark::rank_stamp)
    }

    /// The time of the last change to the card's note, 0 if it never had one.
    pub(crate) fn note_stamp(&self, id: &str) -> u64 {
        self.notes.get(id).map_or(0, Note::stamp)
    }

    /// The time of the last read or unread mark on the card, 0 if it never had one.
    pub(crate) fn read_stamp(&self, id: &str) -> u64 {
        let at = |marks: &BTreeMap<String, u64>| marks.get(id).copied().unwrap_or(0);
        at(&self.read).max(at(&self.unread))
    }
}

//! Read marks in the [`Store`]: cards read by reading them, written where the file does not have
//! them read, and read or unread marks the user asks for, written as asked. Both are decided
//! against the file as it stands, not against what this store last saw: another window may have
//! changed the card since.

use super::{Backing, Store};
use crate::base::time;
use crate::state::StateError;
use crate::state::disk;
use crate::state::merge::{ReadMark, next_stamp};

impl Store {
    /// Marks the card read, as reading it does (see [`Store::mark_read_many`]), and saves.
    pub fn mark_read(&mut self, id: &str) -> Result<(), StateError> {
        self.mark_read_many(&[id])
    }

    /// Marks every card in `ids` read, as reading them does, in one save: each card the file does
    /// not have read when it is written is marked read now, so a card another window made unread
    /// before the user read it here ends read, whatever this store last saw; a card read already
    /// keeps its time. Nothing is written when every card is read in the file, nor read at all
    /// when the file is as this store last saw it and has every card read.
    pub fn mark_read_many(&mut self, ids: &[&str]) -> Result<(), StateError> {
        let seen_as_is = !matches!(self.backing, Backing::File)
            || self.path.as_deref().map(disk::fingerprint) == Some(self.seen);
        let now = time::now_ms();
        let mut changed = false;
        for &id in ids {
            if seen_as_is && self.state.is_read(id) {
                continue;
            }
            let at = next_stamp(now, self.state.read_stamp(id));
            self.pending.reading.insert(id.to_owned(), at);
            changed = true;
        }
        self.save_if(changed)
    }

    /// Marks every card in `ids` read, or unread (`read` false), by the user's own choice (`m`,
    /// undo), in one save. Each is written as a change with a fresh time even where this store
    /// already saw it so: its view may be stale, and another window's change since must not win
    /// over what the user just asked for. An unread mark is kept like a removed bookmark, so a
    /// stale window's older read mark cannot bring the card back to read.
    pub fn set_read(&mut self, ids: &[&str], read: bool) -> Result<(), StateError> {
        let now = time::now_ms();
        for &id in ids {
            let at = next_stamp(now, self.state.read_stamp(id));
            self.pending.reading.remove(id);
            self.pending
                .read
                .insert(id.to_owned(), ReadMark { at, read });
        }
        self.save_if(!ids.is_empty())
    }
}

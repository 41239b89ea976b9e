//! The merge: one process's own pending changes applied to the file as it stands on disk, per
//! card, the later time winning; and the times those changes get ([`next_stamp`]).

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap, FxHashSet};

use super::agenda::{Beside, plan_move};
use super::history;
use super::model::{Places, Position, State};
use super::rank::{self, Rank};
use crate::base::time::MAX_MS;

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

/// A bookmark change this process made: on or off, at a time. A card bookmarked goes to the end
/// of the agenda as the file stands when the change is written, after those this process
/// bookmarked before it (`order`: times alone cannot say, as several changes may get the one
/// time [`MAX_MS`] over a file's far-future tombstones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mark {
    pub at: u64,
    pub on: bool,
    /// How many bookmark changes this process had pending before this one.
    pub order: u64,
}

/// A move in the agenda this process made, at a time: the bookmark goes just before or just
/// after the card it passed (`next_to`), as the agenda stands where the move is applied. Not a
/// rank: a rank worked out from what a window last saw means nothing in a file another window
/// has re-ranked since, nor between bookmarks it has not seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Move {
    pub at: u64,
    pub next_to: Beside,
}

/// A read mark this process set (`read`) or took off, at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ReadMark {
    pub at: u64,
    pub read: bool,
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
    pub moves: BTreeMap<String, Move>,
    pub notes: BTreeMap<String, NoteChange>,
    pub read: BTreeMap<String, ReadMark>,
    /// Cards read by reading them, each with the time it was written: marked read where the file
    /// does not have them read (see [`State::apply`]).
    pub reading: BTreeMap<String, u64>,
    /// Searches kept, oldest first, each once.
    pub history: Vec<String>,
    pub position: Option<Position>,
    /// Bookmark changes made since the last save (for [`Mark::order`]).
    marks_made: u64,
}

impl Pending {
    /// Bookmarks (`on`) or un-bookmarks card `id` at time `at`, after the changes made before.
    pub fn mark(&mut self, id: &str, at: u64, on: bool) {
        let order = self.marks_made;
        self.marks_made = self.marks_made.saturating_add(1);
        self.bookmarks.insert(id.to_owned(), Mark { at, on, order });
    }

    /// Whether there is nothing to write.
    pub fn is_empty(&self) -> bool {
        self.bookmarks.is_empty()
            && self.moves.is_empty()
            && self.notes.is_empty()
            && self.read.is_empty()
            && self.reading.is_empty()
            && self.history.is_empty()
            && self.position.is_none()
    }

    /// Whether writing these changes into `disk` would change nothing: they are cards read by
    /// reading them, each read in `disk` already.
    pub fn settled_in(&self, disk: &State) -> bool {
        let Pending {
            bookmarks,
            moves,
            notes,
            read,
            reading,
            history,
            position,
            marks_made: _,
        } = self;
        (bookmarks.is_empty() && moves.is_empty() && notes.is_empty() && read.is_empty())
            && (history.is_empty() && position.is_none())
            && reading.keys().all(|id| disk.is_read(id))
    }
}

impl State {
    /// Applies this process's pending changes on top of `self` (the file as it stands on disk).
    ///
    /// Per card, the later time wins (a tie goes to the change): a change older than what the file
    /// holds (another process changed that card since) is dropped, so a stale window neither revives
    /// a removed bookmark nor removes a newer one. A bookmark's place in the agenda has a time of
    /// its own, so a move and another window's add both survive; a move of a bookmark that is no
    /// longer live is dropped. A card read by reading it is marked read unless the file has it
    /// read (its time stays) or made unread later. Searches are appended to the file's history.
    /// Cards this process
    /// did not touch, and fields this build does not know, are left exactly as they were.
    /// Applying the same changes twice gives the same result, so a save that failed can be
    /// retried with the next one.
    pub(crate) fn apply(&mut self, pending: &Pending) {
        self.places = Places::default();
        self.apply_bookmarks(pending);
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
        for (id, mark) in &pending.read {
            if mark.at < self.read_stamp(id) {
                continue;
            }
            let (set, clear) = if mark.read {
                (&mut self.read, &mut self.unread)
            } else {
                (&mut self.unread, &mut self.read)
            };
            set.insert(id.clone(), mark.at);
            clear.remove(id);
        }
        for (id, &at) in &pending.reading {
            if self.is_read(id) || at < self.read_stamp(id) {
                continue;
            }
            self.read.insert(id.clone(), at);
            self.unread.remove(id);
        }
        for query in &pending.history {
            history::push(&mut self.history, query);
        }
        if let Some(position) = &pending.position {
            self.position.position = position.clone();
        }
    }

    /// Bookmarks on and off, then the new ones ranked after the agenda's end, then the moves.
    fn apply_bookmarks(&mut self, pending: &Pending) {
        // Each with its time and the order it was made in.
        let mut fresh: Vec<(u64, u64, &str)> = Vec::new();
        for (id, mark) in &pending.bookmarks {
            let record = self.bookmarks.entry(id.clone()).or_default();
            if mark.at < record.stamp() || (mark.on && record.live_since() == Some(mark.at)) {
                // Older than the file's record, or applied already (and maybe ranked since).
                continue;
            }
            record.rank = None;
            record.moved = None;
            if mark.on {
                record.added = Some(mark.at);
                record.removed = None;
                fresh.push((mark.order, mark.at, id));
            } else {
                record.added = None;
                record.removed = Some(mark.at);
            }
        }
        self.rank_at_end(&mut fresh);
        // In the order they were made: a later move may be next to a card an earlier one moved.
        let mut moves: Vec<(&String, &Move)> = pending.moves.iter().collect();
        moves.sort_by_key(|&(id, change)| (change.at, id));
        for (id, change) in moves {
            let Some(record) = self.bookmarks.get(id) else {
                continue;
            };
            if record.live_since().is_none() || change.at < record.rank_stamp() {
                continue;
            }
            self.place(id, change);
        }
    }

    /// Puts bookmark `id` next to the card its move names, in the agenda as it stands (at the
    /// place asked for if that card is no longer bookmarked). Only the moved card's `moved` time
    /// changes; a re-rank keeps the others' order, so their times stay as they were.
    fn place(&mut self, id: &str, change: &Move) {
        let order = self.agenda();
        let order: Vec<(&str, Option<&Rank>)> = order
            .into_iter()
            .map(|(card, _, rank)| (card, rank))
            .collect();
        let Some((from, to)) = change.next_to.places(&order, id) else {
            return;
        };
        let changes = plan_move(&order, from, to);
        for (card, rank) in changes {
            if let Some(record) = self.bookmarks.get_mut(&card) {
                record.rank = Some(rank);
                if card == id {
                    record.moved = Some(change.at);
                }
            }
        }
    }

    /// Gives the cards just bookmarked (`fresh`: order made, time, id; unranked) ranks after the
    /// last bookmark, in the order they were bookmarked. When that cannot be (a live bookmark without a rank, from an
    /// older file or another build, sorts after every ranked one; or the key would grow too
    /// long), the whole agenda gets fresh keys in its order with these at the end: the order is
    /// kept, so the others' `moved` times stay as they were.
    fn rank_at_end(&mut self, fresh: &mut [(u64, u64, &str)]) {
        if fresh.is_empty() {
            return;
        }
        fresh.sort_unstable();
        let new: FxHashSet<&str> = fresh.iter().map(|&(_, _, id)| id).collect();
        let agenda: Vec<(String, Option<Rank>)> = self
            .agenda()
            .into_iter()
            .filter(|(id, _, _)| !new.contains(id))
            .map(|(id, _, rank)| (id.to_owned(), rank.cloned()))
            .collect();
        let mut ranks: Vec<(&str, Rank)> = Vec::new();
        if agenda.iter().all(|(_, rank)| rank.is_some()) {
            let mut last = agenda.last().and_then(|(_, rank)| rank.clone());
            for &(_, _, id) in fresh.iter() {
                let Some(rank) = rank::between(last.as_ref(), None) else {
                    break;
                };
                last = Some(rank.clone());
                ranks.push((id, rank));
            }
        }
        if ranks.len() < fresh.len() {
            let order = agenda.iter().map(|(id, _)| id.as_str());
            let order: Vec<&str> = order.chain(fresh.iter().map(|&(_, _, id)| id)).collect();
            ranks = order
                .iter()
                .copied()
                .zip(rank::spread(order.len()))
                .collect();
        }
        let at: FxHashMap<&str, u64> = fresh.iter().map(|&(_, at, id)| (id, at)).collect();
        for (id, rank) in ranks {
            if let Some(record) = self.bookmarks.get_mut(id) {
                record.rank = Some(rank);
                if let Some(&at) = at.get(id) {
                    record.moved = Some(at);
                }
            }
        }
    }
}

#[cfg(test)]
#[path = "merge_tests.rs"]
mod tests;

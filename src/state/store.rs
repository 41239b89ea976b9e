//! The [`Store`] a process holds: the state as last read or written, this process's changes not yet
//! on disk, and the write-through that merges them into the file under a lock.
//!
//! Each change is saved before the call returns: take the lock (`state.json.lock`), re-read the file
//! as it stands, apply only this process's pending changes, replace the file atomically, release.
//! Problems never stop brief: they become notices, and a store that cannot write keeps changes in
//! memory and says so. A long-lived process (the viewer) calls [`Store::refresh`] now and then (on
//! focus, or on a timer) to show what other processes changed; every save picks that up anyway.

use std::path::{Path, PathBuf};

use super::agenda::Beside;
use super::disk::{self, Fingerprint};
use super::history;
use super::lock::lock;
use super::merge::{Move, NoteChange, Pending, next_stamp};
use super::model::{Position, State};
use super::{MAX_NOTE_BYTES, MAX_STATE_BYTES, StateError, format};
use crate::base::file::{self, Disk, Steps};
use crate::base::time;

mod open;
mod read;

/// Where the store keeps its state.
#[derive(Debug)]
enum Backing {
    /// Nowhere, by design (tests, previews).
    Memory,
    /// The file at `Store::path`.
    File,
    /// The file cannot be used this session, for this reason.
    Unusable(StateError),
}

/// The state store of one process. See the module docs.
#[derive(Debug)]
pub struct Store {
    path: Option<PathBuf>,
    backing: Backing,
    state: State,
    pending: Pending,
    last_save_ok: bool,
    seen: Option<Fingerprint>,
    notices: Vec<String>,
    /// The file-system steps of a save: the disk, or in tests one that fails a chosen step.
    steps: &'static dyn Steps,
}

impl Store {
    /// A store that keeps everything in memory and writes nothing.
    pub fn in_memory() -> Store {
        Store::new(None, Backing::Memory)
    }

    fn new(path: Option<PathBuf>, backing: Backing) -> Store {
        Store {
            path,
            backing,
            state: State::default(),
            pending: Pending::default(),
            last_save_ok: true,
            seen: None,
            notices: Vec::new(),
            steps: &Disk,
        }
    }

    fn make_unusable(&mut self, path: &Path, reason: String) {
        if matches!(self.backing, Backing::File) {
            let error = StateError::NotKept {
                path: path.to_path_buf(),
                reason,
            };
            self.notices.push(error.to_string());
            self.backing = Backing::Unusable(error);
        }
    }

    /// Messages for the user since the last call: a bad file moved aside, state not writable...
    pub fn take_notices(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notices)
    }

    /// The state: the file as last read or written, with this process's changes.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// Whether changes are being kept on disk: false in memory, when the file cannot be used this
    /// session, and after a save that failed (until one succeeds).
    pub fn is_persistent(&self) -> bool {
        matches!(self.backing, Backing::File) && self.last_save_ok
    }

    /// Why nothing can be saved this session, if that is so (a write command fails with this).
    pub fn unusable(&self) -> Option<&StateError> {
        match &self.backing {
            Backing::Unusable(e) => Some(e),
            _ => None,
        }
    }

    /// Whether some changes shown in the state are not on disk (a save failed, or the file cannot be
    /// used this session): worth a word before the user quits.
    pub fn has_unsaved_changes(&self) -> bool {
        !self.pending.is_empty()
    }

    /// The state file's path, if there is one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Bookmarks (`on`) or un-bookmarks the card, and saves.
    pub fn set_bookmark(&mut self, id: &str, on: bool) -> Result<(), StateError> {
        self.set_bookmarks(&[id], on)
    }

    /// Bookmarks or un-bookmarks every card in `ids` in one save: all of them are kept, or none.
    /// Cards bookmarked go to the end of the agenda, in the order given.
    pub fn set_bookmarks(&mut self, ids: &[&str], on: bool) -> Result<(), StateError> {
        let now = time::now_ms();
        let mut changed = false;
        // Each card a later time than the one before, so they sort at the end in this order.
        let mut last = 0;
        for &id in ids {
            if self.state.is_bookmarked(id) != on {
                let at = next_stamp(now, self.state.bookmark_stamp(id).max(last));
                last = at;
                self.pending.mark(id, at, on);
                changed = true;
            }
        }
        self.save_if(changed)
    }

    /// Moves the bookmarked card `id` to place `to` of the agenda (0 first), and saves. The move
    /// is kept as "just before (or after) the card it passes" and worked out against the file as
    /// it stands under the lock, so a window that has not yet seen another's changes still puts
    /// the card where its user saw it go. Usually only that card's rank changes; when no key fits
    /// between its new neighbours, the whole agenda is re-ranked in the same save. A card that is
    /// not bookmarked, or a place past the end, is an error and changes nothing; a card already
    /// there writes nothing.
    pub fn move_bookmark(&mut self, id: &str, to: usize) -> Result<(), StateError> {
        let agenda = self.state.agenda();
        let Some(from) = agenda.iter().position(|&(card, _, _)| card == id) else {
            return Err(StateError::NotBookmarked { id: id.to_owned() });
        };
        if to >= agenda.len() {
            return Err(StateError::NoSuchPlace {
                place: to,
                len: agenda.len(),
            });
        }
        if from == to {
            return Ok(());
        }
        let order: Vec<&str> = agenda.iter().map(|&(card, _, _)| card).collect();
        let Some(next_to) = Beside::of(&order, from, to) else {
            return Ok(());
        };
        let at = next_stamp(time::now_ms(), self.state.rank_stamp(id));
        self.pending
            .moves
            .insert(id.to_owned(), Move { at, next_to });
        self.save_if(true)
    }

    /// Sets the card's note, or removes it (`None`, or only blank text), and saves. A note longer
    /// than [`MAX_NOTE_BYTES`] is refused ([`StateError::NoteTooLong`]) and changes nothing.
    pub fn set_note(&mut self, id: &str, text: Option<&str>) -> Result<(), StateError> {
        let text = text.filter(|t| !t.trim().is_empty());
        if let Some(text) = text.filter(|t| t.len() > MAX_NOTE_BYTES) {
            return Err(StateError::NoteTooLong { bytes: text.len() });
        }
        let changed = self.state.note(id) != text;
        if changed {
            let at = next_stamp(time::now_ms(), self.state.note_stamp(id));
            let text = text.map(str::to_owned);
            self.pending
                .notes
                .insert(id.to_owned(), NoteChange { at, text });
        }
        self.save_if(changed)
    }

    /// Keeps `query` at the end of the search history (taking it from where it was), and saves.
    /// A blank query, one longer than a query may be, or the last one again writes nothing.
    pub fn push_search(&mut self, query: &str) -> Result<(), StateError> {
        let changed = history::keepable(query)
            && self.state.history().last().map(String::as_str) != Some(query);
        if changed {
            history::push(&mut self.pending.history, query);
        }
        self.save_if(changed)
    }

    /// Records where the user is, and saves if it changed.
    pub fn set_position(&mut self, position: Position) -> Result<(), StateError> {
        let changed = self.state.position() != &position;
        if changed {
            self.pending.position = Some(position);
        }
        self.save_if(changed)
    }

    /// Shows the pending changes in the state and writes them through, if this call changed
    /// anything. A call that changed nothing writes nothing and reports nothing; changes left by a
    /// failed save are written, in full, with the next real change.
    fn save_if(&mut self, changed: bool) -> Result<(), StateError> {
        if !changed {
            return Ok(());
        }
        self.state.apply(&self.pending);
        let path = match (&self.backing, &self.path) {
            (Backing::Memory, _) => {
                self.pending = Pending::default();
                return Ok(());
            }
            (Backing::Unusable(e), _) => return Err(e.clone()),
            (Backing::File, None) => return Err(StateError::NoLocation),
            (Backing::File, Some(path)) => path.clone(),
        };
        match self.save_locked(&path) {
            Ok(()) => {
                self.last_save_ok = true;
                Ok(())
            }
            Err(reason) => {
                self.last_save_ok = false;
                Err(StateError::Save { path, reason })
            }
        }
    }

    /// The write-through: lock, re-read, merge this process's changes, replace, unlock.
    fn save_locked(&mut self, path: &Path) -> Result<(), String> {
        let lock = lock(path)?;
        // If the file went bad since we read it, what we last knew (with our changes) is the best
        // there is.
        let mut merged = self
            .read_disk(path, true)?
            .unwrap_or_else(|| self.state.clone());
        if self.pending.settled_in(&merged) {
            // Nothing to write (cards read that the file has read): the file as it is is the news.
            self.seen = disk::fingerprint(path);
            drop(lock);
            self.pending = Pending::default();
            self.state = merged;
            return Ok(());
        }
        merged.apply(&self.pending);
        let bytes = format::encode(&merged).map_err(|e| format!("cannot encode the state: {e}"))?;
        within_bound(bytes.len())?;
        let temp = disk::temp_path(path);
        file::write_with(self.steps, path, &bytes, &disk::write_options(&temp))
            .map_err(|e| e.in_full())?;
        self.seen = disk::fingerprint(path);
        drop(lock);
        self.pending = Pending::default();
        self.state = merged;
        Ok(())
    }

    /// Re-reads the file if another process changed it since this one last read or wrote it
    /// (its size, time or identity differ); returns whether it did. Pending changes stay on top.
    pub fn refresh(&mut self) -> Result<bool, StateError> {
        let (Some(path), false) = (self.path.clone(), matches!(self.backing, Backing::Memory))
        else {
            return Ok(false);
        };
        let now = disk::fingerprint(&path);
        if now == self.seen {
            return Ok(false);
        }
        // Whatever happens next, this version of the file has been dealt with.
        self.seen = now;
        let usable = matches!(self.backing, Backing::File);
        let read_error = |reason| StateError::Read {
            path: path.clone(),
            reason,
        };
        let lock = if usable {
            Some(lock(&path).map_err(read_error)?)
        } else {
            None
        };
        let mut state = self
            .read_disk(&path, usable)
            .map_err(read_error)?
            .unwrap_or_else(|| self.state.clone());
        self.seen = disk::fingerprint(&path);
        drop(lock);
        state.apply(&self.pending);
        self.state = state;
        Ok(true)
    }

    /// Reads the file: its state (empty if there is none), or `None` if it was bad and has been moved
    /// aside (with a notice), which happens only if `may_set_aside`; otherwise a bad file is left
    /// alone and reported. A file that cannot be read is an error: it must never be written over.
    fn read_disk(&mut self, path: &Path, may_set_aside: bool) -> Result<Option<State>, String> {
        let shown = path.display();
        let Some(bytes) = disk::read_state(path)? else {
            return Ok(Some(State::default()));
        };
        let rejected = match format::decode(&bytes) {
            Ok(decoded) => return Ok(Some(decoded.state)),
            Err(rejected) => rejected,
        };
        if !may_set_aside {
            return Err(format!("{shown}: {rejected}; it is left as it is"));
        }
        match disk::set_aside(path, &time::compact(time::now_ms())) {
            Ok(to) => {
                self.notices.push(format!(
                    "{shown}: {rejected}; moved it unchanged to {} and started from empty state",
                    to.display()
                ));
                Ok(None)
            }
            Err(e) => Err(format!(
                "{shown}: {rejected}, and it cannot be moved aside: {e}"
            )),
        }
    }
}

/// Refuses a state of `len` bytes, which brief would refuse to read back: no save writes one.
fn within_bound(len: usize) -> Result<(), String> {
    if len as u64 > MAX_STATE_BYTES {
        return Err(format!(
            "the state would be {len} bytes, over {} MiB, the most brief reads as a state file",
            MAX_STATE_BYTES >> 20
        ));
    }
    Ok(())
}

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "store_hostile_tests.rs"]
mod hostile_tests;

#[cfg(test)]
#[path = "store_fault_tests.rs"]
mod fault_tests;

#[cfg(test)]
#[path = "store_agenda_tests.rs"]
mod agenda_tests;

#[cfg(test)]
#[path = "store_windows_tests.rs"]
mod windows_tests;

//! What the checks compare: what the state path holds, one card as a state shows it, and the
//! change a window was asked for.

use std::fs;
use std::io::ErrorKind;
use std::path::Path;

use brief::search::MAX_QUERY_CHARS;
use brief::state::{MAX_HISTORY, Position, State, StateError, Store, read_bytes};

/// What the state path holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Disk {
    Missing,
    Good(State),
    Bad(Vec<u8>),
    /// A folder or a socket.
    Other,
}

impl Disk {
    pub fn read(path: &Path) -> Disk {
        match fs::symlink_metadata(path) {
            Err(e) if e.kind() == ErrorKind::NotFound => Disk::Missing,
            Err(e) => panic!("cannot examine the state file: {e}"),
            Ok(meta) if !meta.is_file() => Disk::Other,
            Ok(_) => {
                let bytes = fs::read(path).expect("read the state file");
                match read_bytes(&bytes) {
                    Ok(state) => Disk::Good(state),
                    Err(_) => Disk::Bad(bytes),
                }
            }
        }
    }

    /// The state, if the file is good or missing (then empty).
    pub fn state(&self) -> Option<State> {
        match self {
            Disk::Missing => Some(State::default()),
            Disk::Good(state) => Some(state.clone()),
            _ => None,
        }
    }
}

/// What a state says of one card.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub bookmarked: bool,
    pub note: Option<String>,
    pub read: bool,
}

pub fn view(state: &State, id: &str) -> Card {
    Card {
        bookmarked: state.is_bookmarked(id),
        note: state.note(id).map(str::to_owned),
        read: state.is_read(id),
    }
}

/// The bookmarked ids in agenda order.
pub fn agenda(state: &State) -> Vec<String> {
    state
        .bookmarks()
        .into_iter()
        .map(|(id, _)| id.to_owned())
        .collect()
}

/// Whether brief keeps `query` in the history at all.
pub fn keepable(query: &str) -> bool {
    !query.trim().is_empty() && query.chars().count() <= MAX_QUERY_CHARS
}

/// The history `history` becomes when `query` is searched.
pub fn pushed(history: &[String], query: &str) -> Vec<String> {
    if !keepable(query) {
        return history.to_vec();
    }
    let mut history: Vec<String> = history.iter().filter(|q| *q != query).cloned().collect();
    history.push(query.to_owned());
    let over = history.len().saturating_sub(MAX_HISTORY);
    history.drain(..over);
    history
}

/// What a change asked for.
pub enum Change {
    Bookmark(Vec<&'static str>, bool),
    Note(&'static str, Option<String>),
    Read(Vec<&'static str>, bool),
    /// The card to the place `to` modulo the agenda's length as the window sees it.
    Move(&'static str, u8),
    Search(String),
    Position(Position),
}

impl Change {
    pub fn cards(&self) -> Vec<&'static str> {
        match self {
            Change::Bookmark(ids, _) | Change::Read(ids, _) => ids.clone(),
            Change::Note(id, _) | Change::Move(id, _) => vec![id],
            Change::Position(_) | Change::Search(_) => Vec::new(),
        }
    }

    /// The place a move asks for, in an agenda of `len` bookmarks.
    pub fn place(to: u8, len: usize) -> usize {
        usize::from(to) % len.max(1)
    }

    /// Whether `state` holds what was asked for.
    pub fn holds_in(&self, state: &State) -> bool {
        match self {
            Change::Bookmark(ids, on) => ids.iter().all(|id| state.is_bookmarked(id) == *on),
            Change::Note(id, text) => {
                let text = text.as_deref().filter(|t| !t.trim().is_empty());
                state.note(id) == text
            }
            Change::Read(ids, read) => ids.iter().all(|id| state.is_read(id) == *read),
            Change::Move(id, to) => {
                let place = Change::place(*to, state.bookmark_count());
                state.agenda_place(id) == Some(place)
            }
            Change::Search(q) => !keepable(q) || state.history().last() == Some(q),
            Change::Position(p) => state.position() == p,
        }
    }

    /// Whether the card's value in `after` is the one before or the one asked for.
    pub fn allows(&self, before: &Card, after: &Card) -> bool {
        let mut wanted = before.clone();
        match self {
            Change::Bookmark(_, on) => wanted.bookmarked = *on,
            Change::Note(_, text) => wanted.note = text.clone().filter(|t| !t.trim().is_empty()),
            Change::Read(_, read) => wanted.read = *read,
            Change::Move(..) | Change::Search(_) | Change::Position(_) => {}
        }
        after == before || *after == wanted
    }

    pub fn apply(&self, store: &mut Store) -> Result<(), StateError> {
        match self {
            Change::Bookmark(ids, on) => store.set_bookmarks(ids, *on),
            Change::Note(id, text) => store.set_note(id, text.as_deref()),
            Change::Read(ids, true) if ids.len() == 1 => store.mark_read(ids[0]),
            Change::Read(ids, true) if ids.len() == 2 => store.mark_read_many(ids),
            Change::Read(ids, read) => store.set_read(ids, *read),
            Change::Move(id, to) => {
                let place = Change::place(*to, store.state().bookmark_count());
                store.move_bookmark(id, place)
            }
            Change::Search(q) => store.push_search(q),
            Change::Position(p) => store.set_position(p.clone()),
        }
    }
}

pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("list the folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

pub fn remove(path: &Path) {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => fs::remove_dir_all(path).expect("remove the folder"),
        Ok(_) => fs::remove_file(path).expect("remove the file"),
        Err(_) => {}
    }
}

//! What the checks compare: what the state path holds, one card as a state shows it, and the
//! change a window was asked for.

use std::fs;
use std::io::ErrorKind;
use std::path::Path;

use brief::state::{Position, State, StateError, Store, read_bytes};

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

/// What a change asked for.
pub enum Change {
    Bookmark(Vec<&'static str>, bool),
    Note(&'static str, Option<String>),
    Read(Vec<&'static str>),
    Position(Position),
}

impl Change {
    pub fn cards(&self) -> Vec<&'static str> {
        match self {
            Change::Bookmark(ids, _) | Change::Read(ids) => ids.clone(),
            Change::Note(id, _) => vec![id],
            Change::Position(_) => Vec::new(),
        }
    }

    /// Whether `state` holds what was asked for.
    pub fn holds_in(&self, state: &State) -> bool {
        match self {
            Change::Bookmark(ids, on) => ids.iter().all(|id| state.is_bookmarked(id) == *on),
            Change::Note(id, text) => {
                let text = text.as_deref().filter(|t| !t.trim().is_empty());
                state.note(id) == text
            }
            Change::Read(ids) => ids.iter().all(|id| state.is_read(id)),
            Change::Position(p) => state.position() == p,
        }
    }

    /// Whether the card's value in `after` is the one before or the one asked for.
    pub fn allows(&self, before: &Card, after: &Card) -> bool {
        let mut wanted = before.clone();
        match self {
            Change::Bookmark(_, on) => wanted.bookmarked = *on,
            Change::Note(_, text) => wanted.note = text.clone().filter(|t| !t.trim().is_empty()),
            Change::Read(_) => wanted.read = true,
            Change::Position(_) => {}
        }
        after == before || *after == wanted
    }

    pub fn apply(&self, store: &mut Store) -> Result<(), StateError> {
        match self {
            Change::Bookmark(ids, on) => store.set_bookmarks(ids, *on),
            Change::Note(id, text) => store.set_note(id, text.as_deref()),
            Change::Read(ids) if ids.len() == 1 => store.mark_read(ids[0]),
            Change::Read(ids) => store.mark_read_many(ids),
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

//! Random sequences of store operations from two windows on one state file, over random and
//! hostile initial files (random bytes; JSON with u64::MAX times, duplicate keys, a byte-order
//! mark, numbers too big for u64, notes past the bound), with other programs rewriting the file or
//! putting a folder or a socket in its place. Checked after every operation:
//!
//! - no panic (overflow checks and debug assertions are on in this workspace's release profile);
//! - a change that succeeded, made by a window that had seen the file as it stood, is what the
//!   window, the file and a freshly opened store then hold;
//! - no other card's bookmark, note or read mark changes (a second window's bookmarks are never
//!   dropped), read marks are lost only to an unread mark on that card, and the position changes
//!   only when it is set;
//! - the agenda: a move never adds or drops a bookmark, and from a window that saw the file as it
//!   stood puts the card at the place asked with the others in their order; a new bookmark goes
//!   to the end; any other change leaves the order alone; a move of a card that is not bookmarked
//!   is refused and writes nothing;
//! - the search history: a search is appended once (the last 100 kept); nothing else changes it;
//! - a note over the bound is refused and changes nothing;
//! - brief never writes a file it cannot read back; a bad file is set aside byte for byte;
//! - a path that is not a regular file is never replaced, and nothing is created beside it.
#![no_main]

use std::fs;
use std::path::{Path, PathBuf};

use brief::state::{
    MAX_HISTORY, MAX_NOTE_BYTES, Position, State, StateError, StateLocation, Store, read_bytes,
};
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

#[path = "state_ops/files.rs"]
mod files;
#[path = "state_ops/view.rs"]
mod view;

use files::{Contents, Text, check_reading, contents};
use view::{Change, Disk, agenda, names, pushed, remove, view};

/// The cards the operations touch: plain ids, and one that needs escaping in JSON and on screen.
const CARDS: [&str; 5] = ["a", "b", "c", "card-d", "w\u{e9}\u{1b}[31m\"\\"];

fn card(n: u8) -> &'static str {
    CARDS[usize::from(n) % CARDS.len()]
}

/// One step: a window's operation, or another program's doing.
#[derive(Arbitrary, Debug)]
enum Op {
    Bookmark {
        second: bool,
        card: u8,
        on: bool,
    },
    Bookmarks {
        second: bool,
        cards: Vec<u8>,
        on: bool,
    },
    Note {
        second: bool,
        card: u8,
        text: Option<Text>,
    },
    Read {
        second: bool,
        cards: Vec<u8>,
    },
    Unread {
        second: bool,
        cards: Vec<u8>,
    },
    /// A move in the agenda, to the place `to` modulo its length.
    Move {
        second: bool,
        card: u8,
        to: u8,
    },
    Search {
        second: bool,
        query: u8,
    },
    Position {
        second: bool,
        card: Option<u8>,
        query: u8,
    },
    Refresh {
        second: bool,
    },
    /// The window is closed and opened again (as the viewer, or as a command).
    Reopen {
        second: bool,
    },
    /// Another program writes the file.
    Clobber(Contents),
    /// A folder or a socket takes the file's place.
    Block {
        socket: bool,
    },
    /// It goes away again.
    Unblock,
}

/// A run: the file brief finds (none, or these contents), then the steps.
#[derive(Arbitrary, Debug)]
struct Input {
    initial: Option<Contents>,
    ops: Vec<Op>,
}

struct World {
    _dir: tempfile::TempDir,
    folder: PathBuf,
    path: PathBuf,
    windows: [Store; 2],
}

impl World {
    fn new(initial: Option<&Contents>) -> World {
        // tmpfs when there is one: every save fsyncs.
        let base = Path::new("/dev/shm");
        let dir = if base.is_dir() {
            tempfile::tempdir_in(base)
        } else {
            tempfile::tempdir()
        };
        let dir = dir.expect("a temp folder");
        let folder = dir.path().to_path_buf();
        let path = folder.join("state.json");
        if let Some(c) = initial {
            fs::write(&path, contents(c)).expect("write the initial file");
        }
        let windows = [Store::open_path(&path), Store::open_path(&path)];
        World {
            _dir: dir,
            folder,
            path,
            windows,
        }
    }

    /// Checks that a bad file that was there is still there byte for byte, or was set aside so.
    fn check_set_aside(&self, before: &Disk, names_before: &[String]) {
        let Disk::Bad(bytes) = before else { return };
        if Disk::read(&self.path) == *before {
            return;
        }
        let kept = names(&self.folder)
            .iter()
            .filter(|n| !names_before.contains(n))
            .any(|n| {
                n.starts_with("state.json.corrupt-")
                    && fs::read(self.folder.join(n)).ok().as_ref() == Some(bytes)
            });
        assert!(
            kept,
            "a bad file was replaced without being set aside byte for byte"
        );
    }

    /// The checks that hold after any operation.
    fn check_always(&self, before: &Disk, names_before: &[String]) {
        let after = Disk::read(&self.path);
        self.check_set_aside(before, names_before);
        if before.state().is_some() {
            assert!(
                !matches!(after, Disk::Bad(_)),
                "brief wrote a file it cannot read back"
            );
        }
        if *before == Disk::Other {
            assert_eq!(
                after,
                Disk::Other,
                "a folder or socket at the state path was replaced"
            );
            assert_eq!(
                names(&self.folder),
                names_before,
                "something was made beside it"
            );
        }
    }
}

fn change_of(op: &Op) -> Option<(bool, Change)> {
    let ids = |cards: &Vec<u8>| -> Vec<&'static str> {
        let mut ids: Vec<&str> = cards.iter().take(6).map(|&c| card(c)).collect();
        ids.dedup();
        ids
    };
    Some(match op {
        Op::Bookmark {
            second,
            card: c,
            on,
        } => (*second, Change::Bookmark(vec![card(*c)], *on)),
        Op::Bookmarks { second, cards, on } => (*second, Change::Bookmark(ids(cards), *on)),
        Op::Note {
            second,
            card: c,
            text,
        } => (
            *second,
            Change::Note(card(*c), text.as_ref().map(Text::make)),
        ),
        Op::Read { second, cards } => (*second, Change::Read(ids(cards), true)),
        Op::Unread { second, cards } => (*second, Change::Read(ids(cards), false)),
        Op::Move {
            second,
            card: c,
            to,
        } => (*second, Change::Move(card(*c), *to)),
        Op::Search { second, query } => (*second, Change::Search(search_text(*query))),
        Op::Position {
            second,
            card: c,
            query,
        } => {
            let position = Position {
                selected: c.map(|c| card(c).to_owned()),
                themes: vec!["nato-eu".into()],
                query: format!("q{query}"),
                bookmarks_only: query % 2 == 0,
            };
            (*second, Change::Position(position))
        }
        _ => return None,
    })
}

/// A search: blank, too long, with an escape, or one of a few (so they repeat).
fn search_text(n: u8) -> String {
    match n {
        0 => String::new(),
        1 => " \t ".into(),
        2 => "x".repeat(1001),
        3 => "q\u{1b}]0;t\u{7}".into(),
        _ => format!("q{}", n % 8),
    }
}

/// One change by one window, and what must then hold.
fn check_change(world: &mut World, w: usize, change: &Change, before: &Disk) {
    let store = &world.windows[w];
    let unusable = store.unusable().is_some();
    let unsaved = store.has_unsaved_changes();
    let seen = store.state().clone();
    let current = !unsaved && before.state().as_ref() == Some(&seen);
    let bytes_before = fs::read(&world.path).ok();
    let result = change.apply(&mut world.windows[w]);
    let store = &world.windows[w];
    let after = Disk::read(&world.path);
    if let Change::Note(id, Some(text)) = change
        && !text.trim().is_empty()
        && text.len() > MAX_NOTE_BYTES
    {
        assert!(
            matches!(result, Err(StateError::NoteTooLong { .. })),
            "{result:?}"
        );
        assert_eq!(
            fs::read(&world.path).ok(),
            bytes_before,
            "a refused note changed the file"
        );
        assert_eq!(store.state().note(id), seen.note(id));
        assert_eq!(store.has_unsaved_changes(), unsaved);
        return;
    }
    if let Change::Move(id, _) = change
        && !seen.is_bookmarked(id)
    {
        assert!(
            matches!(result, Err(StateError::NotBookmarked { .. })),
            "{result:?}"
        );
        assert_eq!(
            fs::read(&world.path).ok(),
            bytes_before,
            "a refused move changed the file"
        );
        return;
    }
    if let Err(e) = &result {
        assert!(
            unusable || *before == Disk::Other,
            "unexpected failure: {e}"
        );
        return;
    }
    // A call that changes nothing (as the window sees it) writes nothing and succeeds.
    assert!(
        !unusable || change.holds_in(&seen),
        "an unusable store said a change was saved"
    );
    let (Some(s0), Some(s1)) = (before.state(), after.state()) else {
        return;
    };
    if current {
        assert!(
            change.holds_in(&s1),
            "a change reported saved is not in the file"
        );
        assert_eq!(store.state(), &s1, "the window does not show what it wrote");
        let fresh = Store::open_path(&world.path);
        assert_eq!(fresh.state(), &s1, "a fresh store reads something else");
    }
    if !unsaved {
        check_others(change, &s0, &s1);
        check_agenda(change, &s0, &s1, current);
        check_history(change, &s0, &s1);
    }
}

/// Nothing but what `change` asked for differs between the file before (`s0`) and after (`s1`):
/// no other card's bookmark, note or read mark, no read mark lost, the position only if set.
fn check_others(change: &Change, s0: &State, s1: &State) {
    let touched = change.cards();
    for id in CARDS {
        let (c0, c1) = (view(s0, id), view(s1, id));
        if touched.contains(&id) {
            assert!(change.allows(&c0, &c1), "{id}: {c0:?} became {c1:?}");
        } else {
            assert_eq!(c0, c1, "{id} changed though the change was to other cards");
        }
    }
    if !matches!(change, Change::Position(_)) {
        assert_eq!(s0.position(), s1.position(), "the position changed");
    }
    let unread = match change {
        Change::Read(ids, false) => ids.clone(),
        _ => Vec::new(),
    };
    for id in s0.read_ids() {
        assert!(
            s1.is_read(id) || unread.contains(&id),
            "the read mark on {id} was lost"
        );
    }
}

/// The agenda: no bookmark added or dropped but those asked for (`check_others`), the others in
/// their order, a new bookmark at the end and a move to its place when the window was current.
fn check_agenda(change: &Change, s0: &State, s1: &State, current: bool) {
    let (a0, a1) = (agenda(s0), agenda(s1));
    let touched = change.cards();
    let untouched = |a: &[String]| -> Vec<String> {
        a.iter()
            .filter(|id| {
                !touched.contains(&id.as_str()) && s0.is_bookmarked(id) && s1.is_bookmarked(id)
            })
            .cloned()
            .collect()
    };
    match change {
        Change::Bookmark(..) => {
            assert_eq!(
                untouched(&a1),
                untouched(&a0),
                "adding moved other bookmarks"
            );
            let new: Vec<&String> = a1.iter().filter(|id| !s0.is_bookmarked(id)).collect();
            if current {
                let tail: Vec<&String> = a1[a1.len() - new.len()..].iter().collect();
                assert_eq!(new.len(), tail.len());
                assert!(
                    new.iter().all(|id| tail.contains(id)),
                    "{new:?} not at the end of {a1:?}"
                );
            }
        }
        Change::Move(id, to) if current => {
            let mut wanted = a0.clone();
            if let Some(from) = wanted.iter().position(|a| a == id) {
                let card = wanted.remove(from);
                wanted.insert(Change::place(*to, a0.len()), card);
            }
            assert_eq!(a1, wanted, "the move did not give the order asked for");
        }
        Change::Move(..) => {
            let (mut sorted0, mut sorted1) = (a0.clone(), a1.clone());
            sorted0.sort();
            sorted1.sort();
            assert_eq!(sorted0, sorted1, "a move added or dropped a bookmark");
        }
        _ => assert_eq!(a1, a0, "the agenda changed"),
    }
}

/// The history: a search appended once (or, as for any change, nothing written when the window
/// saw it there already), the last [`MAX_HISTORY`] kept; nothing else changes it.
fn check_history(change: &Change, s0: &State, s1: &State) {
    match change {
        Change::Search(q) => {
            let wanted = pushed(s0.history(), q);
            assert!(
                s1.history() == wanted.as_slice() || s1.history() == s0.history(),
                "the history: {:?} became {:?}",
                s0.history(),
                s1.history()
            );
        }
        _ => assert_eq!(s1.history(), s0.history(), "the history changed"),
    }
    assert!(s1.history().len() <= MAX_HISTORY);
}

fn refresh(world: &mut World, w: usize, before: &Disk) {
    let unsaved = world.windows[w].has_unsaved_changes();
    let usable = world.windows[w].unusable().is_none();
    let seen = world.windows[w].state().clone();
    let result = world.windows[w].refresh();
    let state = world.windows[w].state();
    match (result, before) {
        (Ok(true), Disk::Good(s0)) if !unsaved && usable => assert_eq!(state, s0),
        (Ok(false), _) => assert_eq!(state, &seen, "refresh changed nothing but the state"),
        _ => {}
    }
    if before.state().is_some() {
        assert_eq!(Disk::read(&world.path), *before, "refresh changed the file");
    }
}

fn reopen(world: &mut World, w: usize, before: &Disk) {
    world.windows[w] = if w == 0 {
        Store::open_path(&world.path)
    } else {
        Store::open(&StateLocation::Path(world.path.clone()))
    };
    let store = &mut world.windows[w];
    let notices = store.take_notices();
    match before {
        Disk::Good(s0) => {
            assert_eq!(store.state(), s0, "reopening reads something else");
            assert!(notices.is_empty(), "{notices:?}");
            let reader = Store::open_to_read(&StateLocation::Path(world.path.clone()));
            assert_eq!(reader.state(), s0, "a read-only open reads something else");
        }
        Disk::Missing => assert_eq!(store.state(), &State::default()),
        Disk::Bad(_) => assert_eq!(store.state(), &State::default()),
        Disk::Other => {
            assert!(store.unusable().is_some());
            assert!(
                notices.iter().any(|n| n.contains("not a regular file")),
                "{notices:?}"
            );
        }
    }
}

fn step(world: &mut World, op: &Op) {
    let before = Disk::read(&world.path);
    let names_before = names(&world.folder);
    if let Some((second, change)) = change_of(op) {
        check_change(world, usize::from(second), &change, &before);
    } else {
        match op {
            Op::Refresh { second } => refresh(world, usize::from(*second), &before),
            Op::Reopen { second } => reopen(world, usize::from(*second), &before),
            Op::Clobber(c) => {
                check_reading(c);
                remove(&world.path);
                fs::write(&world.path, contents(c)).expect("clobber");
                return;
            }
            Op::Block { socket } => {
                remove(&world.path);
                if *socket {
                    drop(std::os::unix::net::UnixListener::bind(&world.path).expect("bind"));
                } else {
                    fs::create_dir(&world.path).expect("mkdir");
                }
                return;
            }
            Op::Unblock => {
                if before == Disk::Other {
                    remove(&world.path);
                }
                return;
            }
            _ => unreachable!(),
        }
    }
    world.check_always(&before, &names_before);
}

fuzz_target!(|input: Input| {
    if let Some(c) = &input.initial {
        check_reading(c);
    }
    let before = match &input.initial {
        None => Disk::Missing,
        Some(c) => {
            let bytes = contents(c);
            read_bytes(&bytes).map_or(Disk::Bad(bytes), Disk::Good)
        }
    };
    let mut world = World::new(input.initial.as_ref());
    world.check_set_aside(&before, &[String::from("state.json")]);
    if let Disk::Good(s0) = &before {
        assert_eq!(world.windows[0].state(), s0);
        assert_eq!(world.windows[1].state(), s0);
    }
    for op in input.ops.iter().take(24) {
        step(&mut world, op);
    }
});

//! Random sequences of store operations from two windows on one state file, over random and
//! hostile initial files (random bytes; JSON with u64::MAX times, duplicate keys, a byte-order
//! mark, numbers too big for u64, notes past the bound), with other programs rewriting the file or
//! putting a folder or a socket in its place. Checked after every operation:
//!
//! - no panic (overflow checks and debug assertions are on in this workspace's release profile);
//! - a change that succeeded, made by a window that had seen the file as it stood, is what the
//!   window, the file and a freshly opened store then hold;
//! - no other card's bookmark, note or read mark changes (a second window's bookmarks are never
//!   dropped), read marks are never lost, and the position changes only when it is set;
//! - a note over the bound is refused and changes nothing;
//! - brief never writes a file it cannot read back; a bad file is set aside byte for byte;
//! - a path that is not a regular file is never replaced, and nothing is created beside it.
#![no_main]

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use brief::state::{MAX_NOTE_BYTES, Position, State, StateError, StateLocation, Store, read_bytes};
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

/// The cards the operations touch: plain ids, and one that needs escaping in JSON and on screen.
const CARDS: [&str; 5] = ["a", "b", "c", "card-d", "w\u{e9}\u{1b}[31m\"\\"];

fn card(n: u8) -> &'static str {
    CARDS[usize::from(n) % CARDS.len()]
}

/// A time as written in a hand-made file.
#[derive(Arbitrary, Debug)]
enum Stamp {
    Small(u16),
    Max,
    BelowMax(u8),
    EndOf9999,
    After9999,
    Any(u64),
    TooBig,
    Negative,
    Fraction,
}

impl Stamp {
    fn json(&self) -> String {
        match self {
            Stamp::Small(n) => n.to_string(),
            Stamp::Max => u64::MAX.to_string(),
            Stamp::BelowMax(n) => (u64::MAX - u64::from(*n)).to_string(),
            Stamp::EndOf9999 => "253402300799999".into(),
            Stamp::After9999 => "253402300800000".into(),
            Stamp::Any(n) => n.to_string(),
            Stamp::TooBig => "18446744073709551616".into(),
            Stamp::Negative => "-1".into(),
            Stamp::Fraction => "1.5".into(),
        }
    }
}

/// A note's text.
#[derive(Arbitrary, Debug)]
enum Text {
    Short(u8),
    Blank,
    AtBound,
    OverBound,
    /// Under the bound in characters, over it in bytes.
    Wide,
}

impl Text {
    fn make(&self) -> String {
        match self {
            Text::Short(n) => format!("note {n}\nline \u{1b}]0;two\u{7}"),
            Text::Blank => " \n\t ".into(),
            Text::AtBound => "n".repeat(MAX_NOTE_BYTES),
            Text::OverBound => "o".repeat(MAX_NOTE_BYTES + 1),
            Text::Wide => "\u{e9}".repeat(MAX_NOTE_BYTES / 2 + 1),
        }
    }
}

/// One record in a hand-made file (two for one card make a duplicate key).
#[derive(Arbitrary, Debug)]
enum Entry {
    Bookmark { card: u8, added: Option<Stamp>, removed: Option<Stamp>, extra: bool },
    Note { card: u8, text: Option<Text>, edited: Option<Stamp>, removed: Option<Stamp> },
    Read { card: u8, at: Stamp },
}

#[derive(Arbitrary, Debug)]
enum Version {
    Missing,
    Zero,
    One,
    Two,
    Text,
    Max,
}

/// A state file as a person, a sync tool or a merge might leave it.
#[derive(Arbitrary, Debug)]
struct JsonFile {
    bom: bool,
    version: Version,
    entries: Vec<Entry>,
    /// Each record in its own `"bookmarks"`/`"notes"`/`"read"` object: duplicate top-level keys.
    split: bool,
    selected: Option<u8>,
    theirs: bool,
}

#[derive(Arbitrary, Debug)]
enum Contents {
    Bytes(Vec<u8>),
    Json(JsonFile),
}

#[derive(Arbitrary, Debug)]
enum Op {
    Bookmark { second: bool, card: u8, on: bool },
    Bookmarks { second: bool, cards: Vec<u8>, on: bool },
    Note { second: bool, card: u8, text: Option<Text> },
    Read { second: bool, cards: Vec<u8> },
    Position { second: bool, card: Option<u8>, query: u8 },
    Refresh { second: bool },
    /// The window is closed and opened again (as the viewer, or as a command).
    Reopen { second: bool },
    /// Another program writes the file.
    Clobber(Contents),
    /// A folder or a socket takes the file's place.
    Block { socket: bool },
    /// It goes away again.
    Unblock,
}

#[derive(Arbitrary, Debug)]
struct Input {
    initial: Option<Contents>,
    ops: Vec<Op>,
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn record(entry: &Entry) -> (&'static str, String) {
    let field = |name: &str, stamp: &Option<Stamp>| {
        stamp.as_ref().map(|s| format!(",\"{name}\":{}", s.json())).unwrap_or_default()
    };
    match entry {
        Entry::Bookmark { card: c, added, removed, extra } => {
            let extra = if *extra { ",\"colour\":\"red\"" } else { "" };
            let body = format!("{{\"_\":0{}{}{extra}}}", field("added", added), field("removed", removed));
            ("bookmarks", format!("{}:{body}", json_string(card(*c))))
        }
        Entry::Note { card: c, text, edited, removed } => {
            let text = text.as_ref().map(|t| format!(",\"text\":{}", json_string(&t.make()))).unwrap_or_default();
            let body = format!("{{\"_\":0{text}{}{}}}", field("edited", edited), field("removed", removed));
            ("notes", format!("{}:{body}", json_string(card(*c))))
        }
        Entry::Read { card: c, at } => ("read", format!("{}:{}", json_string(card(*c)), at.json())),
    }
}

fn json_file(file: &JsonFile) -> Vec<u8> {
    let mut parts: Vec<String> = Vec::new();
    match file.version {
        Version::Missing => {}
        Version::Zero => parts.push("\"version\":0".into()),
        Version::One => parts.push("\"version\":1".into()),
        Version::Two => parts.push("\"version\":2".into()),
        Version::Text => parts.push("\"version\":\"1\"".into()),
        Version::Max => parts.push(format!("\"version\":{}", u64::MAX)),
    }
    let records: Vec<(&str, String)> = file.entries.iter().take(12).map(record).collect();
    for section in ["bookmarks", "notes", "read"] {
        let mine: Vec<&String> = records.iter().filter(|r| r.0 == section).map(|r| &r.1).collect();
        if file.split {
            parts.extend(mine.iter().map(|r| format!("\"{section}\":{{{r}}}")));
        } else if !mine.is_empty() {
            let joined: Vec<&str> = mine.iter().map(|s| s.as_str()).collect();
            parts.push(format!("\"{section}\":{{{}}}", joined.join(",")));
        }
    }
    if let Some(c) = file.selected {
        parts.push(format!("\"position\":{{\"selected\":{},\"zoom\":2}}", json_string(card(c))));
    }
    if file.theirs {
        parts.push("\"theirs\":{\"x\":[1,2.5,-3,null,\"\\u0000\"],\"big\":1e300}".into());
    }
    let mut bytes = if file.bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
    bytes.extend_from_slice(format!("{{{}}}", parts.join(",")).as_bytes());
    bytes
}

impl Stamp {
    /// Whether the state file's format allows it (a whole number that fits in a u64).
    fn fits(&self) -> bool {
        !matches!(self, Stamp::TooBig | Stamp::Negative | Stamp::Fraction)
    }
}

impl JsonFile {
    /// Whether brief must read this file (and not set it aside): a version it knows, no key twice,
    /// every time a u64. A byte-order mark, times past the year 9999 and long notes are fine.
    fn is_valid(&self) -> bool {
        let mut seen = std::collections::BTreeSet::new();
        let mut sections = std::collections::BTreeMap::new();
        for entry in self.entries.iter().take(12) {
            let (section, c, fits) = match entry {
                Entry::Bookmark { card: c, added, removed, .. } => {
                    ("bookmarks", *c, added.iter().chain(removed).all(Stamp::fits))
                }
                Entry::Note { card: c, edited, removed, .. } => {
                    ("notes", *c, edited.iter().chain(removed).all(Stamp::fits))
                }
                Entry::Read { card: c, at } => ("read", *c, at.fits()),
            };
            *sections.entry(section).or_insert(0) += 1;
            if !fits || !seen.insert((section, card(c))) {
                return false;
            }
        }
        let duplicate_sections = self.split && sections.values().any(|&n| n > 1);
        matches!(self.version, Version::Missing | Version::Zero | Version::One) && !duplicate_sections
    }
}

/// A hand-made file is read exactly when it is valid, and a byte-order mark changes nothing.
fn check_reading(c: &Contents) {
    let Contents::Json(file) = c else { return };
    let bytes = json_file(file);
    let read = read_bytes(&bytes);
    assert_eq!(read.is_ok(), file.is_valid(), "{read:?} for {}", String::from_utf8_lossy(&bytes));
    if let Some(plain) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        assert_eq!(read_bytes(plain), read);
    }
}

fn contents(c: &Contents) -> Vec<u8> {
    match c {
        Contents::Bytes(b) => b.iter().copied().take(4096).collect(),
        Contents::Json(file) => json_file(file),
    }
}

/// What the state path holds.
#[derive(Debug, Clone, PartialEq)]
enum Disk {
    Missing,
    Good(State),
    Bad(Vec<u8>),
    /// A folder or a socket.
    Other,
}

impl Disk {
    fn read(path: &Path) -> Disk {
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
    fn state(&self) -> Option<State> {
        match self {
            Disk::Missing => Some(State::default()),
            Disk::Good(state) => Some(state.clone()),
            _ => None,
        }
    }
}

/// What a state says of one card.
#[derive(Debug, Clone, PartialEq)]
struct Card {
    bookmarked: bool,
    note: Option<String>,
    read: bool,
}

fn view(state: &State, id: &str) -> Card {
    Card {
        bookmarked: state.is_bookmarked(id),
        note: state.note(id).map(str::to_owned),
        read: state.is_read(id),
    }
}

/// What a change asked for.
enum Change {
    Bookmark(Vec<&'static str>, bool),
    Note(&'static str, Option<String>),
    Read(Vec<&'static str>),
    Position(Position),
}

impl Change {
    fn cards(&self) -> Vec<&'static str> {
        match self {
            Change::Bookmark(ids, _) | Change::Read(ids) => ids.clone(),
            Change::Note(id, _) => vec![id],
            Change::Position(_) => Vec::new(),
        }
    }

    /// Whether `state` holds what was asked for.
    fn holds_in(&self, state: &State) -> bool {
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
    fn allows(&self, before: &Card, after: &Card) -> bool {
        let mut wanted = before.clone();
        match self {
            Change::Bookmark(_, on) => wanted.bookmarked = *on,
            Change::Note(_, text) => wanted.note = text.clone().filter(|t| !t.trim().is_empty()),
            Change::Read(_) => wanted.read = true,
            Change::Position(_) => {}
        }
        after == before || *after == wanted
    }

    fn apply(&self, store: &mut Store) -> Result<(), StateError> {
        match self {
            Change::Bookmark(ids, on) => store.set_bookmarks(ids, *on),
            Change::Note(id, text) => store.set_note(id, text.as_deref()),
            Change::Read(ids) if ids.len() == 1 => store.mark_read(ids[0]),
            Change::Read(ids) => store.mark_read_many(ids),
            Change::Position(p) => store.set_position(p.clone()),
        }
    }
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("list the folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
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
        let dir = if base.is_dir() { tempfile::tempdir_in(base) } else { tempfile::tempdir() };
        let dir = dir.expect("a temp folder");
        let folder = dir.path().to_path_buf();
        let path = folder.join("state.json");
        if let Some(c) = initial {
            fs::write(&path, contents(c)).expect("write the initial file");
        }
        let windows = [Store::open_path(&path), Store::open_path(&path)];
        World { _dir: dir, folder, path, windows }
    }

    /// Checks that a bad file that was there is still there byte for byte, or was set aside so.
    fn check_set_aside(&self, before: &Disk, names_before: &[String]) {
        let Disk::Bad(bytes) = before else { return };
        if Disk::read(&self.path) == *before {
            return;
        }
        let kept = names(&self.folder).iter().filter(|n| !names_before.contains(n)).any(|n| {
            n.starts_with("state.json.corrupt-") && fs::read(self.folder.join(n)).ok().as_ref() == Some(bytes)
        });
        assert!(kept, "a bad file was replaced without being set aside byte for byte");
    }

    /// The checks that hold after any operation.
    fn check_always(&self, before: &Disk, names_before: &[String]) {
        let after = Disk::read(&self.path);
        self.check_set_aside(before, names_before);
        if before.state().is_some() {
            assert!(!matches!(after, Disk::Bad(_)), "brief wrote a file it cannot read back");
        }
        if *before == Disk::Other {
            assert_eq!(after, Disk::Other, "a folder or socket at the state path was replaced");
            assert_eq!(names(&self.folder), names_before, "something was made beside it");
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
        Op::Bookmark { second, card: c, on } => (*second, Change::Bookmark(vec![card(*c)], *on)),
        Op::Bookmarks { second, cards, on } => (*second, Change::Bookmark(ids(cards), *on)),
        Op::Note { second, card: c, text } => (*second, Change::Note(card(*c), text.as_ref().map(Text::make))),
        Op::Read { second, cards } => (*second, Change::Read(ids(cards))),
        Op::Position { second, card: c, query } => {
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
        assert!(matches!(result, Err(StateError::NoteTooLong { .. })), "{result:?}");
        assert_eq!(fs::read(&world.path).ok(), bytes_before, "a refused note changed the file");
        assert_eq!(store.state().note(id), seen.note(id));
        assert_eq!(store.has_unsaved_changes(), unsaved);
        return;
    }
    if let Err(e) = &result {
        assert!(unusable || *before == Disk::Other, "unexpected failure: {e}");
        return;
    }
    // A call that changes nothing (as the window sees it) writes nothing and succeeds.
    assert!(!unusable || change.holds_in(&seen), "an unusable store said a change was saved");
    let (Some(s0), Some(s1)) = (before.state(), after.state()) else { return };
    if current {
        assert!(change.holds_in(&s1), "a change reported saved is not in the file");
        assert_eq!(store.state(), &s1, "the window does not show what it wrote");
        let fresh = Store::open_path(&world.path);
        assert_eq!(fresh.state(), &s1, "a fresh store reads something else");
    }
    if unsaved {
        return;
    }
    let touched = change.cards();
    for id in CARDS {
        let (c0, c1) = (view(&s0, id), view(&s1, id));
        if touched.contains(&id) {
            assert!(change.allows(&c0, &c1), "{id}: {c0:?} became {c1:?}");
        } else {
            assert_eq!(c0, c1, "{id} changed though the change was to other cards");
        }
    }
    if !matches!(change, Change::Position(_)) {
        assert_eq!(s0.position(), s1.position(), "the position changed");
    }
    for id in s0.read_ids() {
        assert!(s1.is_read(id), "the read mark on {id} was lost");
    }
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
            assert!(notices.iter().any(|n| n.contains("not a regular file")), "{notices:?}");
        }
    }
}

fn remove(path: &Path) {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => fs::remove_dir_all(path).expect("remove the folder"),
        Ok(_) => fs::remove_file(path).expect("remove the file"),
        Err(_) => {}
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

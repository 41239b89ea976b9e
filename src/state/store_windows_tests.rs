//! Two windows on one state file moving and adding bookmarks at once: nothing is lost and both
//! read one order. Each window acts on what it last saw (often stale), as the viewer does between
//! refreshes; the store's lock and merge must make that safe.

use std::collections::HashSet;
use std::path::PathBuf;

use proptest::prelude::*;

use super::*;

fn folder() -> (tempfile::TempDir, PathBuf) {
    // tmpfs when there is one: every save fsyncs.
    let shm = Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::tempdir_in(shm)
    } else {
        tempfile::tempdir()
    }
    .unwrap();
    let path = dir.path().join("state.json");
    (dir, path)
}

fn agenda(state: &State) -> Vec<String> {
    state
        .bookmarks()
        .into_iter()
        .map(|b| b.0.to_owned())
        .collect()
}

/// What the file holds now, as a window opened now reads it.
fn on_disk(path: &Path) -> State {
    Store::open_path(path).state().clone()
}

#[derive(Debug, Clone)]
enum Op {
    Add { card: u8 },
    Remove { card: u8 },
    Move { from: u8, to: u8 },
    Refresh,
}

fn op() -> impl Strategy<Value = (bool, Op)> {
    let op = prop_oneof![
        4 => (0u8..8).prop_map(|card| Op::Add { card }),
        2 => (0u8..8).prop_map(|card| Op::Remove { card }),
        5 => (any::<u8>(), any::<u8>()).prop_map(|(from, to)| Op::Move { from, to }),
        2 => Just(Op::Refresh),
    ];
    (any::<bool>(), op)
}

/// Both windows and what has been done to them.
struct Run {
    path: PathBuf,
    windows: [Store; 2],
    added: HashSet<String>,
    removed: HashSet<String>,
    /// Removed by a window that saw the file as it stood, and not added since by either.
    gone: HashSet<String>,
}

impl Run {
    /// One window's operation, and what must hold right after it.
    fn step(&mut self, w: usize, op: &Op) {
        let before = on_disk(&self.path);
        let current = *self.windows[w].state() == before;
        let seen = agenda(self.windows[w].state());
        let store = &mut self.windows[w];
        match op {
            Op::Add { card } => {
                let id = format!("card-{card}");
                let was = store.state().is_bookmarked(&id);
                store.set_bookmark(&id, true).unwrap();
                self.added.insert(id.clone());
                self.gone.remove(&id);
                if current && !was {
                    assert_eq!(
                        agenda(&on_disk(&self.path)).last(),
                        Some(&id),
                        "not at the end"
                    );
                }
            }
            Op::Remove { card } => {
                let id = format!("card-{card}");
                store.set_bookmark(&id, false).unwrap();
                if current {
                    self.gone.insert(id.clone());
                }
                self.removed.insert(id);
            }
            Op::Move { from, to } => {
                if seen.is_empty() {
                    return;
                }
                let (from, to) = (
                    usize::from(*from) % seen.len(),
                    usize::from(*to) % seen.len(),
                );
                store.move_bookmark(&seen[from], to).unwrap();
                // Stale or not, the card goes next to the one it passed, where both still are.
                let now = agenda(&on_disk(&self.path));
                let at = |id: &String| now.iter().position(|a| a == id);
                if from != to
                    && let (Some(card), Some(passed)) = (at(&seen[from]), at(&seen[to]))
                {
                    let beside = if to > from {
                        passed + 1
                    } else {
                        passed.wrapping_sub(1)
                    };
                    assert_eq!(card, beside, "not next to the card it passed: {now:?}");
                }
                if current {
                    let now = on_disk(&self.path);
                    assert_eq!(now.agenda_place(&seen[from]), Some(to), "moved elsewhere");
                    let mut wanted = seen.clone();
                    let card = wanted.remove(from);
                    wanted.insert(to, card);
                    assert_eq!(agenda(&now), wanted);
                }
            }
            Op::Refresh => {
                store.refresh().unwrap();
                assert_eq!(*store.state(), before);
            }
        }
        self.check();
    }

    /// Nothing either window added is lost (unless some window removed that card), nothing
    /// removed comes back unless added again, and the agenda lists each live bookmark once.
    fn check(&self) {
        let disk = on_disk(&self.path);
        for id in self.added.difference(&self.removed) {
            assert!(disk.is_bookmarked(id), "{id} was lost");
        }
        for id in &self.gone {
            assert!(!disk.is_bookmarked(id), "{id} came back");
        }
        let order = agenda(&disk);
        let unique: HashSet<&String> = order.iter().collect();
        assert_eq!(unique.len(), order.len());
        assert_eq!(order.len(), disk.bookmark_count());
    }

    /// Both windows, refreshed, read the order the file holds.
    fn check_agreement(&mut self) {
        let disk = agenda(&on_disk(&self.path));
        for store in &mut self.windows {
            store.refresh().unwrap();
            assert_eq!(agenda(store.state()), disk);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// THE test of the agenda's merge (issue 18): two windows on one state file moving and adding
    /// bookmarks at once lose nothing and agree on the order.
    #[test]
    fn two_windows_moving_and_adding_at_once_lose_nothing_and_agree_on_the_order(
        ops in prop::collection::vec(op(), 1..40),
    ) {
        let (_dir, path) = folder();
        let windows = [Store::open_path(&path), Store::open_path(&path)];
        let mut run = Run { path, windows, added: HashSet::new(), removed: HashSet::new(), gone: HashSet::new() };
        for (second, op) in &ops {
            run.step(usize::from(*second), op);
        }
        run.check_agreement();
    }
}

/// The same from two threads at once, each with its own store, contending for the lock: however
/// the saves interleave, every card either added is there and both read one order.
#[test]
fn two_windows_in_threads_lose_nothing_and_agree_on_the_order() {
    let (_dir, path) = folder();
    let mut windows = [Store::open_path(&path), Store::open_path(&path)];
    let rounds = 30;
    std::thread::scope(|scope| {
        for (w, store) in windows.iter_mut().enumerate() {
            scope.spawn(move || {
                for i in 0..rounds {
                    store.set_bookmark(&format!("w{w}-{i}"), true).unwrap();
                    let seen = agenda(store.state());
                    let from = (i * 7 + w) % seen.len();
                    let to = (i * 3 + 1) % seen.len();
                    store.move_bookmark(&seen[from], to).unwrap();
                    if i % 4 == w {
                        store.refresh().unwrap();
                    }
                }
            });
        }
    });
    let disk = on_disk(&path);
    for w in 0..2 {
        for i in 0..rounds {
            assert!(
                disk.is_bookmarked(&format!("w{w}-{i}")),
                "w{w}-{i} was lost"
            );
        }
    }
    assert_eq!(disk.bookmark_count(), 2 * rounds);
    for store in &mut windows {
        store.refresh().unwrap();
        assert_eq!(agenda(store.state()), agenda(&disk));
    }
}

/// A move from a window that has not seen another window's add, which re-ranked the agenda (it
/// held a bookmark from an older file, without a rank): the card goes where its user saw it go,
/// next to the card it passed. It once took a key worked out from the stale ranks, which in the
/// re-ranked file put it first.
#[test]
fn a_stale_move_after_another_windows_re_rank_goes_next_to_the_card_it_passed() {
    let (_dir, path) = folder();
    std::fs::write(
        &path,
        r#"{"version": 1, "bookmarks": {
            "a": {"added": 1, "rank": "1", "moved": 1},
            "b": {"added": 2, "rank": "2", "moved": 2},
            "c": {"added": 3, "rank": "3", "moved": 3},
            "u": {"added": 4}}}"#,
    )
    .unwrap();
    let mut first = Store::open_path(&path);
    let mut second = Store::open_path(&path);
    first.set_bookmark("e", true).unwrap();
    // Second, stale, moves c up past b.
    second.move_bookmark("c", 1).unwrap();
    assert_eq!(agenda(second.state()), ["a", "c", "b", "u", "e"]);
    assert_eq!(agenda(&on_disk(&path)), ["a", "c", "b", "u", "e"]);
}

/// A stale window's move that re-ranks the whole agenda (two bookmarks ranked alike) keeps
/// another window's move and its new bookmark where they were put. It once wrote every key from
/// its stale view, undoing the other window's move.
#[test]
fn a_stale_re_rank_keeps_the_other_windows_move_and_new_bookmark() {
    let (_dir, path) = folder();
    std::fs::write(
        &path,
        r#"{"version": 1, "bookmarks": {
            "a": {"added": 1, "rank": "V", "moved": 1},
            "b": {"added": 2, "rank": "V", "moved": 2},
            "c": {"added": 3, "rank": "k", "moved": 3},
            "d": {"added": 4, "rank": "s", "moved": 4}}}"#,
    )
    .unwrap();
    let mut first = Store::open_path(&path);
    let mut second = Store::open_path(&path);
    first.set_bookmark("e", true).unwrap();
    first.move_bookmark("c", 0).unwrap();
    assert_eq!(agenda(first.state()), ["c", "a", "b", "d", "e"]);
    // Second, stale ([a, b, c, d]), moves d up past b: no key fits between two equal ones.
    second.move_bookmark("d", 1).unwrap();
    assert_eq!(agenda(&on_disk(&path)), ["c", "a", "d", "b", "e"]);
    first.refresh().unwrap();
    assert_eq!(agenda(first.state()), agenda(second.state()));
}

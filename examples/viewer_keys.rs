//! What the viewer's keys cost at scale: loads a pack, opens the browser's `App` on it with half
//! of its cards read (the first half, in pack order) and 1,000 bookmarks, and drives
//! `App::update` with the keys of a reading session, reporting each group's time per key (the best
//! of five rounds). No terminal and no state file: only the App's own work.
//! `cargo run --release --example viewer_keys -- DIR`
//!
//! Each group runs in a function of its own, so that an instruction count can be taken of it
//! alone, repeatably on a shared machine:
//! `valgrind --tool=callgrind --collect-atstart=no --toggle-collect='viewer_keys::group_*'
//! target/release/examples/viewer_keys DIR 1` then `callgrind_annotate --inclusive=yes`.

use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

use brief::pack::{LoadOptions, Pack};
use brief::tui::action::Action;
use brief::tui::app::App;
use brief::tui::persist::Snapshot;

/// How many cards are bookmarked (the agenda `K`/`J` move in).
const BOOKMARKS: usize = 1_000;

/// A group of keys: it drives the app and says how many keys it pressed.
type Group = fn(&mut App) -> usize;

fn main() -> ExitCode {
    brief::work_on_main_thread();
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: viewer_keys DIR [ROUNDS]");
        return ExitCode::from(2);
    };
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    let pack = match Pack::from_dir(&dir, &LoadOptions::default()) {
        Ok(pack) => pack,
        Err(e) => {
            eprintln!("viewer_keys: {e}");
            return ExitCode::FAILURE;
        }
    };
    let n = pack.cards.len();
    let ids: Vec<String> = pack.cards.iter().map(|c| c.id.clone()).collect();
    let agenda: Vec<String> = ids.iter().step_by(n.div_ceil(BOOKMARKS)).cloned().collect();
    let snapshot = Snapshot {
        read: ids[..n / 2].iter().cloned().collect(),
        bookmarked: agenda.iter().cloned().collect(),
        agenda,
        ..Snapshot::default()
    };
    let t = Instant::now();
    // The first filter run builds the index.
    let mut app = App::new(pack, snapshot);
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    println!(
        "{n} cards, {} read; App::new with the index {:.0} ms",
        n / 2,
        t.elapsed().as_secs_f64() * 1000.0
    );
    let groups: [(&str, Group); 5] = [
        ("search: type `rutte allies`, erase it", group_search),
        ("theme keys 1-4 on, then off", group_themes),
        ("N / P across the read half", group_unread),
        ("n / m: read and toggle", group_read),
        ("K / J in the bookmarks view", group_agenda),
    ];
    for (name, group) in groups {
        let mut best = f64::MAX;
        let mut keys = 0;
        for _ in 0..rounds {
            let t = Instant::now();
            keys = group(&mut app);
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!(
            "{name:<40} {keys:>3} keys  {:>9.3} ms a key",
            best * 1000.0 / keys.max(1) as f64
        );
    }
    ExitCode::SUCCESS
}

/// Carries out `actions` in turn; how many.
fn keys(app: &mut App, actions: impl IntoIterator<Item = Action>) -> usize {
    let mut n = 0;
    for action in actions {
        black_box(app.update(action));
        n += 1;
    }
    n
}

/// A search typed and erased a character at a time: a filter run per key.
#[inline(never)]
fn group_search(app: &mut App) -> usize {
    let text = "rutte allies";
    let typed = text.chars().map(Action::SearchInput);
    let erased = text.chars().map(|_| Action::SearchBackspace);
    let all = [Action::StartSearch]
        .into_iter()
        .chain(typed)
        .chain(erased)
        .chain([Action::SearchCancel]);
    keys(app, all)
}

/// Each theme filter on, then off: a filter run per key.
#[inline(never)]
fn group_themes(app: &mut App) -> usize {
    let on = (1..=4).map(Action::ToggleTheme);
    let off = (1..=4).map(Action::ToggleTheme);
    keys(app, on.chain(off))
}

/// From the top, next and previous unread card in turn: each crosses the read half of the list.
#[inline(never)]
fn group_unread(app: &mut App) -> usize {
    let steps = (0..10).flat_map(|_| [Action::NextUnread, Action::PrevUnread]);
    keys(app, [Action::Top].into_iter().chain(steps))
}

/// Paging to cards (reading each) and marking the selected card read and unread again.
#[inline(never)]
fn group_read(app: &mut App) -> usize {
    let paging = (0..10).map(|_| Action::NextCard);
    let marking = (0..10).map(|_| Action::ToggleRead);
    keys(app, paging.chain(marking))
}

/// The bookmarks view, a bookmark moved up and down the agenda, and back to all cards.
#[inline(never)]
fn group_agenda(app: &mut App) -> usize {
    let moves = (0..10).flat_map(|_| [Action::MoveBookmarkDown, Action::MoveBookmarkUp]);
    let all = [Action::ToggleBookmarksOnly, Action::Top]
        .into_iter()
        .chain(moves)
        .chain([Action::ToggleBookmarksOnly]);
    keys(app, all)
}

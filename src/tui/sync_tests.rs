//! The event loop and another window on one state file: what the other window wrote reaches
//! this one's screen, whether this window finds it by re-reading the file or by merging it into
//! one of its own writes, and the read marks still waiting to be written survive either way.

use std::collections::VecDeque;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::pack::LoadOptions;

/// A step of the script: a key in this window, or a change in the other.
enum Step {
    Key(char),
    OtherBookmarks(String),
    OtherUnreads(String),
}

/// This window's keys and the other window's writes, in order; then the terminal goes away.
struct TwoWindows {
    steps: VecDeque<Step>,
    other: Store,
}

impl EventSource for TwoWindows {
    fn next(&mut self, _: Option<Instant>) -> io::Result<Option<Event>> {
        loop {
            match self.steps.pop_front() {
                Some(Step::Key(c)) => {
                    let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
                    return Ok(Some(Event::Key(key)));
                }
                Some(Step::OtherBookmarks(id)) => self.other.set_bookmark(&id, true).unwrap(),
                Some(Step::OtherUnreads(id)) => self.other.set_read(&[&id], false).unwrap(),
                None => return Err(io::Error::from_raw_os_error(5)),
            }
        }
    }
}

/// Runs this window's loop on `path` over `steps`: the app as the loop left it.
fn run_beside_another(path: &std::path::Path, steps: Vec<Step>) -> App {
    let pack = Pack::embedded(&LoadOptions::default()).unwrap();
    let mut store = Store::open_path(path);
    let mut app = App::new(pack, Snapshot::of(store.state()));
    let mut terminal = Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    let mut events = TwoWindows {
        steps: steps.into(),
        other: Store::open_path(path),
    };
    let looped = Looped {
        app: &mut app,
        store: &mut store,
        palette: &Palette::plain(),
        read_after: None,
    };
    let _ = drive(&mut terminal, looped, &mut events, &AtomicBool::new(false));
    app
}

fn card_id(n: usize) -> String {
    let pack = Pack::embedded(&LoadOptions::default()).unwrap();
    pack.cards[n].id.clone()
}

// The other window's bookmark was merged into the file by this window's own write (`b`), after
// which the file was the one this window wrote: `refresh` saw no change, and this window never
// showed the bookmark (nor put it in the agenda its K/J places are counted in) until some other
// process wrote again.
#[test]
fn another_windows_bookmark_merged_by_our_own_write_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let theirs = card_id(5);
    let steps = vec![Step::OtherBookmarks(theirs.clone()), Step::Key('b')];
    let app = run_beside_another(&path, steps);
    assert!(app.is_bookmarked(&card_id(0)));
    assert!(app.is_bookmarked(&theirs), "the other window's bookmark");
    assert_eq!(app.header_view().bookmarks, 2);
}

// A card read by paging to it waits a second before it is written. When the other window wrote
// meanwhile, the snapshot read back lacked it, and the card this window had just read showed
// unread again (and was counted in the header) though the mark was written a moment later.
#[test]
fn a_read_mark_waiting_to_be_written_survives_another_windows_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    // Let both windows see a file first, so the other's write is a change this one notices.
    Store::open_path(&path)
        .set_bookmark(&card_id(9), true)
        .unwrap();
    let steps = vec![
        Step::Key('n'),
        Step::OtherBookmarks(card_id(5)),
        Step::Key('j'),
    ];
    let app = run_beside_another(&path, steps);
    assert!(
        app.is_bookmarked(&card_id(5)),
        "the other window's change came in"
    );
    assert!(app.is_read(&card_id(1)), "the card paged to is still read");
}

// A card this window had read, made unread in the other window (which this one had not seen
// yet), stayed unread however the user read it here: the window thought it read already and
// asked nothing of the store, and the store too skipped a mark its stale view had.
#[test]
fn a_card_read_here_after_the_other_window_made_it_unread_ends_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    Store::open_path(&path)
        .set_read(&[&card_id(1)], true)
        .unwrap();
    let steps = vec![Step::OtherUnreads(card_id(1)), Step::Key('n')];
    let app = run_beside_another(&path, steps);
    assert!(app.is_read(&card_id(1)));
    assert!(
        Store::open_path(&path).state().is_read(&card_id(1)),
        "paging to it read it"
    );
}

//! What the event loop does with the effects [`App::update`] returns: each change written
//! through the store at once, except read marks, which wait until the user pauses (moving through
//! the list reads card after card, and a write with its fsync per card would make every move cost
//! one); an export written to a file; and, after a write, the app brought up to date with what
//! the store holds (the write merged other windows' changes into it).

use std::time::Duration;

use super::app::{App, Effect};
use super::export_file;
use super::persist::{Persist, Snapshot};

/// Read marks waiting to be written: moving through the list shows a card after card, and
/// writing the state file (and fsyncing it) for each would make every move cost a whole write.
/// They are written together once the user pauses, before any other change, and at the end.
#[derive(Default)]
pub(super) struct ReadMarks {
    pub(super) ids: Vec<String>,
}

/// How long the user pauses before waiting read marks are written.
pub(super) const READ_MARKS_AFTER: Duration = Duration::from_secs(1);

impl ReadMarks {
    /// Writes the waiting read marks; whether there were any.
    pub(super) fn flush(&mut self, app: &mut App, store: &mut dyn Persist) -> bool {
        if self.ids.is_empty() {
            return false;
        }
        let ids = std::mem::take(&mut self.ids);
        if let Err(reason) = store.mark_read_many(&ids) {
            app.notify(reason, true);
        }
        true
    }
}

/// Brings the app up to date with `snapshot`, what the store holds (another window's changes
/// with it). The read marks still waiting in `marks` are not in the store yet: they stay on, or
/// the cards just read would show unread until the next change from elsewhere.
pub(super) fn sync(app: &mut App, snapshot: Option<Snapshot>, marks: &ReadMarks) {
    if let Some(mut snapshot) = snapshot {
        snapshot.read.extend(marks.ids.iter().cloned());
        app.sync_marks(snapshot);
    }
}

/// Performs `effects`; a store error becomes a footer warning. Returns true on [`Effect::Quit`].
/// Read marks wait in `marks` (see [`ReadMarks`]); any other write takes them along first. After
/// a write the app takes what the store holds, which the write merged with other windows' changes.
pub(super) fn perform(
    effects: Vec<Effect>,
    app: &mut App,
    store: &mut dyn Persist,
    marks: &mut ReadMarks,
) -> bool {
    let mut quit = false;
    let mut wrote = false;
    for effect in effects {
        if !matches!(effect, Effect::MarkRead { .. }) {
            marks.flush(app, store);
            wrote = true;
        }
        let result = match effect {
            Effect::SetBookmark { id, on } => store.set_bookmark(&id, on),
            Effect::MarkRead { id } => {
                if !marks.ids.contains(&id) {
                    marks.ids.push(id);
                }
                Ok(())
            }
            Effect::SetNote { id, text } => store.set_note(&id, text.as_deref()),
            Effect::SetRead { id, read } => store.set_read(&id, read),
            Effect::MoveBookmark { id, to } => store.move_bookmark(&id, to),
            Effect::Export {
                ids,
                query,
                bookmarks_only,
            } => std::env::current_dir()
                .map_err(|e| format!("export failed: no current folder: {e}"))
                .and_then(|dir| export_file::write(app, &dir, &ids, &query, bookmarks_only))
                .map(|path| app.notify(format!("exported to {}", path.display()), false)),
            Effect::SavePosition(position) => store.save_position(&position),
            Effect::SaveSearch(query) => store.push_search(&query),
            Effect::Quit => {
                quit = true;
                Ok(())
            }
        };
        if let Err(reason) = result {
            app.notify(reason, true);
        }
    }
    if wrote && !quit {
        sync(app, store.current(), marks);
    }
    quit
}

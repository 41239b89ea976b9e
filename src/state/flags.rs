//! The saved state as the search's [`Flags`]: what `is:bookmarked`, `is:unread` and `is:noted`
//! ask, and the agenda order a query for bookmarks lists them in. Here rather than in `search`, so that the state depends on the search's trait and the
//! search knows nothing of the state.

use super::State;
use crate::search::Flags;

/// The saved state answers `is:` filters directly.
impl Flags for State {
    fn is_bookmarked(&self, id: &str) -> bool {
        State::is_bookmarked(self, id)
    }
    fn is_read(&self, id: &str) -> bool {
        State::is_read(self, id)
    }
    fn has_note(&self, id: &str) -> bool {
        self.note(id).is_some()
    }
    fn agenda_place(&self, id: &str) -> Option<usize> {
        State::agenda_place(self, id)
    }
}

//! `e`: the cards now shown, as an export request for the event loop (which knows the time and
//! the disk).

use super::{App, Effect};

impl App {
    /// The export of the cards now shown, or a footer warning when there are none.
    pub(super) fn export(&mut self) -> Option<Effect> {
        if self.filtered.cards.is_empty() {
            self.notify("nothing to export: no card is shown", true);
            return None;
        }
        let ids = self
            .filtered
            .cards
            .iter()
            .filter_map(|&i| self.pack.cards.get(i))
            .map(|c| c.id.clone())
            .collect();
        Some(Effect::Export {
            ids,
            query: self.filter_query(),
            bookmarks_only: self.bookmarks_only,
        })
    }
}

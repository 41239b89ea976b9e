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
        let mut query = vec![self.query.trim().to_string()];
        query.extend(self.themes_on.iter().map(|t| format!("theme:{t}")));
        query.retain(|q| !q.is_empty());
        Some(Effect::Export {
            ids,
            query: query.join(" "),
            bookmarks_only: self.bookmarks_only,
        })
    }
}

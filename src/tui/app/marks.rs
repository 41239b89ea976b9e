//! The user's filters and marks: theme toggles, bookmarks and bookmarks-only.

use super::undo::Change;
use super::{App, Effect};
use crate::search::Query;

impl App {
    /// The theme on `key` on or off (`update` runs the filter again after it).
    pub(super) fn toggle_theme(&mut self, key: u8) {
        let Some(theme) = self.pack.themes.iter().find(|t| t.key == key) else {
            self.notify(self.keys.no_theme_message(key), true);
            return;
        };
        let id = theme.id.clone();
        if self.themes_on.contains(&id) {
            self.themes_on.retain(|t| *t != id);
        } else {
            self.themes_on.push(id);
            let order: Vec<&String> = self.pack.themes.iter().map(|t| &t.id).collect();
            self.themes_on
                .sort_by_key(|t| order.iter().position(|o| *o == t));
        }
    }

    pub(super) fn toggle_bookmark(&mut self) -> Option<Effect> {
        let Some(card) = self.selected_card() else {
            self.no_card_shown("nothing to bookmark");
            return None;
        };
        let (id, title) = (card.id.clone(), card.title.clone());
        let on = !self.marks.bookmarked.contains(&id);
        let place = if on {
            self.marks.bookmarked.insert(id.clone());
            self.notify(format!("★ bookmarked: {title}"), false);
            self.marks.bookmarked.len().saturating_sub(1)
        } else {
            self.notify(format!("bookmark removed: {title}"), false);
            self.marks.bookmarked.remove(&id).unwrap_or_default()
        };
        self.record(Change::Bookmark {
            id: id.clone(),
            on,
            place,
        });
        let by_marks = self.filtered.query.as_ref().is_some_and(Query::uses_state);
        if self.bookmarks_only || by_marks {
            // If the card leaves the list, the selection stays where it was (the next card, or
            // the new last one), not back at the top.
            let at = self.selected;
            self.refilter();
            if self.selected_card().is_none_or(|c| c.id != id) {
                self.select(at);
            }
        }
        Some(Effect::SetBookmark { id, on })
    }

    /// Bookmarks-only on or off (`update` runs the filter again after it).
    pub(super) fn toggle_bookmarks_only(&mut self) {
        self.bookmarks_only = !self.bookmarks_only;
        if self.bookmarks_only && self.marks.bookmarked.is_empty() {
            self.notify(self.keys.no_bookmarks_message(), false);
        }
    }
}

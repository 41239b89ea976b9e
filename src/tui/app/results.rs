//! Which cards the list shows: running the filter again (keeping the selected card, or going to
//! the top hit of a changed query), and the one query that gives exactly the cards shown, for
//! the footer and for an export of them (a request for the event loop, which knows the time and
//! the disk). The search line itself is `search_line`'s.

use super::{App, Effect, Mode};
use crate::tui::filter;

impl App {
    /// The export of the cards now shown, or a footer warning when there are none.
    pub(super) fn export(&mut self) -> Option<Effect> {
        if self.filtered.cards.is_empty() {
            self.no_card_shown("nothing to export");
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

    /// Says why a key that acts on the selected card did nothing: `{nothing}: no card is shown`.
    pub(super) fn no_card_shown(&mut self, nothing: &str) {
        self.notify(format!("{nothing}: no card is shown"), true);
    }

    /// The query to save as the position: while a search is being typed, the last one kept.
    pub(super) fn saved_query(&self) -> &str {
        if self.mode == Mode::Search {
            &self.accepted_query
        } else {
            self.query.text()
        }
    }

    /// Where card `id` is in the list shown (`None` if it is not shown): the corpus's id lookup,
    /// then a search by card number, not one string comparison per card listed.
    pub(super) fn index_of(&self, id: &str) -> Option<usize> {
        let card = self.pack.position(id)?;
        self.filtered.cards.iter().position(|&i| i == card)
    }

    /// Runs the filter again; a query error keeps the last good result. The selected card stays
    /// selected if it is still shown, unless the query itself changed: then its top hit is.
    pub(super) fn refilter(&mut self) {
        let current = self.selected_card().map(|c| c.id.clone());
        match filter::run(
            &self.pack,
            self.query.text(),
            &self.themes_on,
            self.bookmarks_only,
            &self.marks,
        ) {
            Ok(filtered) => {
                let query_changed = filtered.query != self.filtered.query;
                self.filtered = filtered;
                self.shown_query = self.query.text().trim().to_string();
                self.query_error = None;
                let kept = current
                    .filter(|_| !query_changed)
                    .and_then(|id| self.index_of(&id));
                if kept.is_none() {
                    self.card_scroll = 0;
                }
                let index = kept.unwrap_or(0);
                self.selected = index.min(self.filtered.cards.len().saturating_sub(1));
                self.unread = self.count_unread();
            }
            Err(reason) => self.query_error = Some(reason),
        }
    }

    /// The one query (as `brief list` takes it) that gives exactly the cards shown: the search
    /// that gave them, any of the theme filters, and `is:bookmarked` under bookmarks-only.
    pub fn filter_query(&self) -> String {
        let filters = self.filters_query();
        let query = self.shown_query.as_str();
        // OR binds looser than the AND of the parts: `a OR b theme:x` is `a OR (b theme:x)`.
        let query = if filters.is_empty() || !query.contains("OR") {
            query.to_string()
        } else {
            format!("({query})")
        };
        [query, filters]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The theme filters and bookmarks-only as a query: `(theme:a OR theme:b) is:bookmarked`.
    pub fn filters_query(&self) -> String {
        let mut parts = Vec::new();
        match self.themes_on.as_slice() {
            [] => {}
            [one] => parts.push(format!("theme:{one}")),
            many => {
                let any: Vec<String> = many.iter().map(|t| format!("theme:{t}")).collect();
                parts.push(format!("({})", any.join(" OR ")));
            }
        }
        if self.bookmarks_only {
            parts.push("is:bookmarked".to_string());
        }
        parts.join(" ")
    }
}

//! The search line: `/` starts typing on the query as it is, the line edits as a shell's does
//! ([`LineEditor`]), the history brings back earlier searches (kept in the state file: the App
//! holds its own copy and asks the loop to save each kept search), `Enter` keeps the query and
//! `Esc` puts back the one from before `/`. `App::update` runs the filter again after each edit.

use super::{App, Effect, Mode};
use crate::base::sanitize::{Lines, sanitize};
use crate::state::MAX_HISTORY;
use crate::tui::action::Action;
use crate::tui::line::LineEditor;

/// Where the history stands while a search is typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Recall {
    /// The entry on the line (an index into the history), or `None` for the line being typed.
    pub at: Option<usize>,
    /// The line being typed when the history was first stepped into, given back past the newest.
    pub draft: String,
}

impl App {
    /// Starts typing a search on the query as it is, remembering it for `Esc` (and to keep if
    /// the user quits meanwhile); already typing, nothing changes.
    pub(super) fn start_search(&mut self) {
        if self.mode == Mode::Search {
            return;
        }
        self.mode = Mode::Search;
        self.accepted_query = self.query.text().to_string();
        self.query.end();
        self.recall = Recall::default();
    }

    /// Typed or pasted text goes in at the cursor, on one line, within the query's bound. It is
    /// drawn in the footer and kept in the history, so it is made inert: a terminal without
    /// bracketed paste types a paste a character at a time (a bidi override, an ESC included).
    pub(super) fn type_text(&mut self, text: &str) {
        let text = sanitize(text, Lines::Join);
        if !self.query.insert(&text) {
            self.notify(
                format!(
                    "a search holds at most {} characters",
                    crate::search::MAX_QUERY_CHARS
                ),
                true,
            );
        }
        self.recall.at = None;
    }

    /// A cursor move or a deletion on the search line. An edit makes the line the one being
    /// typed (the history starts again from its newest entry).
    pub(super) fn edit_search(&mut self, action: &Action) {
        let line = &mut self.query;
        let edited = match action {
            Action::SearchLeft => {
                line.left();
                false
            }
            Action::SearchRight => {
                line.right();
                false
            }
            Action::SearchHome => {
                line.home();
                false
            }
            Action::SearchEnd => {
                line.end();
                false
            }
            Action::SearchBackspace => line.backspace(),
            Action::SearchDelete => line.delete(),
            Action::SearchDeleteWord => line.delete_word(),
            Action::SearchClear => {
                line.clear();
                true
            }
            _ => false,
        };
        if edited {
            self.recall.at = None;
        }
    }

    /// Steps through the history: `older` towards its start, else towards the line being typed.
    /// An entry the same as the line shown is stepped over, so every step changes the line.
    pub(super) fn recall(&mut self, older: bool) {
        let shown = self.query.text();
        let newest = self.history.len();
        let from = self.recall.at.unwrap_or(newest).min(newest);
        let found = if older {
            self.history[..from].iter().rposition(|h| h != shown)
        } else {
            let next = from.saturating_add(1).min(newest);
            self.history[next..]
                .iter()
                .position(|h| h != shown)
                .map(|i| i + next)
        };
        match (
            found.and_then(|at| Some((at, self.history.get(at)?))),
            older,
        ) {
            (Some((at, entry)), _) => {
                if self.recall.at.is_none() {
                    self.recall.draft = shown.to_string();
                }
                self.recall.at = Some(at);
                let entry = entry.clone();
                self.query.set(&entry);
            }
            (None, false) if self.recall.at.is_some() => {
                self.recall.at = None;
                let draft = std::mem::take(&mut self.recall.draft);
                self.query.set(&draft);
            }
            (None, _) => {}
        }
    }

    /// Keeps the query and leaves search typing; a search that ran and is not the newest in
    /// the history goes into it, and to the state file.
    pub(super) fn accept_search(&mut self) -> Option<Effect> {
        self.mode = Mode::Normal;
        self.accepted_query = self.query.text().to_string();
        let kept = self.query.text().trim();
        if kept.is_empty() || self.query_error.is_some() {
            return None;
        }
        if self.history.last().is_some_and(|h| h == kept) {
            return None;
        }
        let kept = kept.to_string();
        remember(&mut self.history, &kept);
        Some(Effect::SaveSearch(kept))
    }

    /// Leaves search typing and puts back the query from before `/`.
    pub(super) fn cancel_search(&mut self) {
        self.mode = Mode::Normal;
        self.query = LineEditor::new(&self.accepted_query);
        self.recall = Recall::default();
    }

    /// Clears the kept query (`Esc` in the list), saying how to get it back where the history
    /// has it (not a search kept while malformed): at once if it is the newest entry.
    pub(super) fn clear_search(&mut self) {
        let cleared = self.query.text().trim().to_string();
        self.query.clear();
        self.accepted_query.clear();
        self.refilter();
        let search = self.keys.first_key(&Action::StartSearch, Mode::Normal);
        let older = self.keys.first_key(&Action::SearchOlder, Mode::Search);
        let newest = self.history.last() == Some(&cleared);
        let kept = newest || self.history.contains(&cleared);
        let text = match (search, older) {
            (Some(search), Some(older)) if newest => {
                format!("search cleared ({search} then {older} brings it back)")
            }
            (Some(search), Some(older)) if kept => {
                format!("search cleared (it is in the search history: {search}, then {older})")
            }
            _ => "search cleared".to_string(),
        };
        self.notify(text, false);
    }
}

/// `query` as the newest entry of `history`, once, within [`MAX_HISTORY`] (as the store keeps it).
fn remember(history: &mut Vec<String>, query: &str) {
    history.retain(|h| h != query);
    history.push(query.to_string());
    let over = history.len().saturating_sub(MAX_HISTORY);
    history.drain(..over);
}

//! Undo and redo over the user's own data for this session: bookmarks added or removed, moves in
//! the agenda, notes saved or removed, read marks set by hand (`m`). Changes of view (filters, the
//! search, the selection) are not changes of data and are not undone, nor is a card read by
//! reading it (opened, paged to, scrolled, kept in view): those would crowd out, a few cards on,
//! the bookmark removed by mistake that `u` is for; `m` makes such a card unread. Each undo or redo is carried out like
//! any change: the marks in memory, an effect for the store, a footer message naming the card.
//! The card it changed is selected when the list shows it; when the filters hide it, the view is
//! left as it is and the message says so (undo never changes what the list shows).

use std::collections::VecDeque;

use super::{App, Effect};
use crate::search::Query;

/// How many changes can be undone (older ones are forgotten).
pub const LEVELS: usize = 100;

/// One change to the user's data, as it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A bookmark added (`on`) or removed; `place` is where in the agenda it went, or was.
    Bookmark {
        /// Card id.
        id: String,
        /// Added or removed.
        on: bool,
        /// Its place in the agenda, from 0.
        place: usize,
    },
    /// A bookmark moved in the agenda from place `from` to place `to`.
    Move {
        /// Card id.
        id: String,
        /// Where it was.
        from: usize,
        /// Where it went.
        to: usize,
    },
    /// A note changed from `before` to `after` (`None`: no note).
    Note {
        /// Card id.
        id: String,
        /// The whole note before.
        before: Option<String>,
        /// The whole note after.
        after: Option<String>,
    },
    /// A card marked read (`read`) or unread by hand (`m`).
    Read {
        /// Card id.
        id: String,
        /// Read or unread.
        read: bool,
    },
}

impl Change {
    /// The change that takes this one back.
    fn reversed(self) -> Change {
        match self {
            Change::Bookmark { id, on, place } => Change::Bookmark { id, on: !on, place },
            Change::Move { id, from, to } => Change::Move {
                id,
                from: to,
                to: from,
            },
            Change::Note { id, before, after } => Change::Note {
                id,
                before: after,
                after: before,
            },
            Change::Read { id, read } => Change::Read { id, read: !read },
        }
    }

    /// The card it changed.
    fn id(&self) -> &str {
        match self {
            Change::Bookmark { id, .. }
            | Change::Move { id, .. }
            | Change::Note { id, .. }
            | Change::Read { id, .. } => id,
        }
    }
}

/// The changes made (the last at the back) and those undone (the last undone on top).
#[derive(Debug, Clone, Default)]
pub struct History {
    done: VecDeque<Change>,
    undone: Vec<Change>,
}

impl History {
    fn push_done(&mut self, change: Change) {
        if self.done.len() >= LEVELS {
            self.done.pop_front();
        }
        self.done.push_back(change);
    }
}

impl App {
    /// Remembers a change the user just made, to undo; a new change forgets what was undone.
    pub(super) fn record(&mut self, change: Change) {
        self.undo.undone.clear();
        self.undo.push_done(change);
    }

    /// `u`: takes the last change back.
    pub(super) fn undo(&mut self) -> Vec<Effect> {
        let Some(change) = self.undo.done.pop_back() else {
            self.notify("nothing to undo", false);
            return Vec::new();
        };
        let reverse = change.clone().reversed();
        if !self.still_fits(&reverse, "undone") {
            return Vec::new();
        }
        // The footer names the change undone, as it was made ("undone: bookmark removed", and
        // the bookmark is back), not what undoing it did.
        let made = self.change_text(&change);
        let effects = self.carry_out(reverse, "undone: ", Some(made));
        self.undo.undone.push(change);
        effects
    }

    /// `Ctrl-R`: makes the change last undone again.
    pub(super) fn redo(&mut self) -> Vec<Effect> {
        let Some(change) = self.undo.undone.pop() else {
            self.notify("nothing to redo", false);
            return Vec::new();
        };
        if !self.still_fits(&change, "redone") {
            return Vec::new();
        }
        let effects = self.carry_out(change.clone(), "redone: ", None);
        self.undo.push_done(change);
        effects
    }

    /// Whether `change` can still be made: a note is put back only over the text it replaced.
    /// Another window may have written the note since (its change came in with the store's
    /// snapshot); putting an older text over it would lose that one for good, so the change is
    /// dropped instead and the footer says so (`done`: "undone" or "redone").
    fn still_fits(&mut self, change: &Change, done: &str) -> bool {
        let Change::Note { id, before, .. } = change else {
            return true;
        };
        if self.note_text(id) == before.as_deref() {
            return true;
        }
        let title = self.title_of(id);
        self.notify(
            format!("not {done}: the note on {title} was changed since (in another window?); it is left as it is"),
            true,
        );
        false
    }

    /// What a change did, as the footer said when it was made (`bookmark removed`).
    fn change_text(&self, change: &Change) -> String {
        match change {
            Change::Bookmark { on: true, .. } => "★ bookmarked".to_string(),
            Change::Bookmark { on: false, .. } => "bookmark removed".to_string(),
            Change::Move { to, .. } => self.agenda_place_text(*to),
            Change::Note { after: Some(_), .. } => "✎ note saved".to_string(),
            Change::Note { after: None, .. } => "note removed".to_string(),
            Change::Read { read, .. } => read_text(*read).to_string(),
        }
    }

    /// Makes `change` in memory and returns what the store must write; the footer says (after
    /// `lead`) what happened, or `named` if given and something was done, and to which card.
    fn carry_out(&mut self, change: Change, lead: &str, named: Option<String>) -> Vec<Effect> {
        let id = change.id().to_string();
        let title = self.title_of(&id);
        let unread = matches!(change, Change::Read { read: false, .. });
        let (effects, what) = self.make(change);
        let what = named.filter(|_| !effects.is_empty()).unwrap_or(what);
        let shown = self.show_changed(&id);
        // An unread mark put back on the card now selected sticks, as `m`'s does.
        if unread && self.selected_card().is_some_and(|c| c.id == id) {
            self.unread_hold = Some(id);
        }
        let hidden = if shown { "" } else { " (hidden by the filter)" };
        self.notify(format!("{lead}{what}: {title}{hidden}"), false);
        effects
    }

    /// Makes `change` in the marks: the effects that write it, and what it did, for the footer.
    fn make(&mut self, change: Change) -> (Vec<Effect>, String) {
        let id = change.id().to_string();
        match change {
            Change::Bookmark {
                on: true, place, ..
            } => {
                let at = self.marks.bookmarked.put(&id, place);
                let mut effects = vec![Effect::SetBookmark {
                    id: id.clone(),
                    on: true,
                }];
                if at.saturating_add(1) < self.marks.bookmarked.len() {
                    effects.push(Effect::MoveBookmark {
                        id: id.clone(),
                        to: at,
                    });
                }
                (effects, "★ bookmarked".to_string())
            }
            Change::Bookmark { on: false, .. } => {
                self.marks.bookmarked.remove(&id);
                let effect = Effect::SetBookmark {
                    id: id.clone(),
                    on: false,
                };
                (vec![effect], "bookmark removed".to_string())
            }
            Change::Move { to, .. } if self.marks.bookmarked.contains(&id) => {
                let at = self.marks.bookmarked.put(&id, to);
                let effect = Effect::MoveBookmark {
                    id: id.clone(),
                    to: at,
                };
                (vec![effect], self.agenda_place_text(at))
            }
            Change::Move { .. } => (Vec::new(), "no longer bookmarked, not moved".to_string()),
            Change::Note { after, .. } => {
                self.put_note(&id, after.as_deref());
                let what = if after.is_some() {
                    "✎ note saved"
                } else {
                    "note removed"
                };
                let effect = Effect::SetNote {
                    id: id.clone(),
                    text: after,
                };
                (vec![effect], what.to_string())
            }
            Change::Read { read, .. } => {
                let effect = self.set_read_explicitly(&id, read);
                (vec![effect], read_text(read).to_string())
            }
        }
    }

    /// Runs the filter again where the marks decide what is shown, then selects card `id` if the
    /// list shows it; whether it does.
    fn show_changed(&mut self, id: &str) -> bool {
        let by_marks = self.filtered.query.as_ref().is_some_and(Query::uses_state);
        if self.bookmarks_only || by_marks {
            // If the selected card leaves the list, the selection stays at its place.
            let (before, at) = (self.selected_card().map(|c| c.id.clone()), self.selected);
            self.refilter();
            if before.is_some_and(|b| self.index_of(&b).is_none()) {
                self.select(at);
            }
        }
        match self.index_of(id) {
            Some(index) => {
                self.select(index);
                true
            }
            None => false,
        }
    }
}

/// What a read mark says it did.
pub(super) fn read_text(read: bool) -> &'static str {
    if read { "marked read" } else { "marked unread" }
}

//! Honest read marks: a card becomes read when the user opens it, pages to it, scrolls it, or
//! keeps it shown for the `read_after` time (the event loop times that and sends `Dwelled`) —
//! never because the selection passed over it. `m` marks the selected card read or unread, and
//! an unread mark sticks while the card stays selected. `N`/`P` find the next unread card and
//! Space reads on: a page at a time, then the next unread card.

use std::collections::HashSet;

use ratatui::layout::Position as Cell;

use super::undo::{Change, read_text};
use super::{App, Effect, Mode};
use crate::corpus::Corpus;
use crate::tui::action::Action;

/// Past this many read marks, [`ReadFlags::of`] reads a pack file's id table whole.
const MANY_LOOKUPS: usize = 256;

/// Which cards are read, one flag per card by its place in the pack, kept in step with the read
/// marks (`set_read_mark`, `App::sync_marks`): counting the unread cards shown on every filter
/// run and finding the next unread one look flags up, where asking the marks would hash the id
/// of every card they pass.
#[derive(Debug, Clone, Default)]
pub(super) struct ReadFlags(Vec<bool>);

impl ReadFlags {
    /// The flags of `corpus`'s cards, those in `read` read: each read id looked up (a pack
    /// file's id table and order are read whole first when there are many).
    pub(super) fn of(corpus: &Corpus, read: &HashSet<String>) -> ReadFlags {
        let mut flags = ReadFlags(vec![false; corpus.len()]);
        if read.len() > MANY_LOOKUPS {
            // If it fails, each lookup below fails alike and the card shows unread.
            let _ = corpus.prepare_lookups();
        }
        for id in read {
            flags.mark(corpus, id, true);
        }
        flags
    }

    /// Brings the flags from the read marks `before` to those `now`, looking up only the ids
    /// whose mark changed.
    pub(super) fn follow(
        &mut self,
        corpus: &Corpus,
        before: &HashSet<String>,
        now: &HashSet<String>,
    ) {
        for id in now.difference(before) {
            self.mark(corpus, id, true);
        }
        for id in before.difference(now) {
            self.mark(corpus, id, false);
        }
    }

    /// Card `id` read or not (nothing if the pack has no such card, or the file cannot say).
    fn mark(&mut self, corpus: &Corpus, id: &str, read: bool) {
        if let Ok(Some(card)) = corpus.find(id) {
            self.set(card, read);
        }
    }

    /// Whether the card at `card` in the pack is read.
    fn is_read(&self, card: usize) -> bool {
        self.0.get(card).copied().unwrap_or(false)
    }

    fn set(&mut self, card: usize, read: bool) {
        if let Some(flag) = self.0.get_mut(card) {
            *flag = read;
        }
    }
}

/// How an action reads the selected card, decided before it is carried out (it depends on the
/// focus and the panes as they were).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reading {
    /// It does not read it.
    No,
    /// It scrolls the card shown (whether or not there was more to see).
    Scrolls,
    /// It reads the card if, after it, the card pane has the focus (open, focus, a click).
    Focuses,
    /// It reads the card it pages to, if the card pane shows it.
    Pages,
}

impl App {
    /// Whether the card pane shows the selected card.
    pub(super) fn card_shown(&self) -> bool {
        let panes = self.panes();
        !panes.too_small && panes.card.is_some() && self.selected_card().is_some()
    }

    /// How `action` reads the selected card.
    pub(super) fn reading(&self, action: &Action) -> Reading {
        if self.mode != Mode::Normal {
            return Reading::No;
        }
        let shown = self.card_shown();
        let on_card = |column: u16, row: u16| {
            self.panes()
                .card
                .is_some_and(|r| r.contains(Cell::new(column, row)))
        };
        match action {
            Action::ScrollDown | Action::ScrollUp if shown => Reading::Scrolls,
            Action::SelectNext | Action::SelectPrev | Action::Top | Action::Bottom
                if shown && self.card_has_focus() =>
            {
                Reading::Scrolls
            }
            Action::Wheel { column, row, .. } if shown && on_card(*column, *row) => {
                Reading::Scrolls
            }
            Action::Open | Action::ToggleFocus | Action::Click { .. } => Reading::Focuses,
            Action::NextCard | Action::PrevCard => Reading::Pages,
            _ => Reading::No,
        }
    }

    /// Marks the selected card read if `reading` (as decided before the action) read it.
    pub(super) fn read_by(&mut self, reading: Reading) -> Option<Effect> {
        let reads = match reading {
            Reading::No => false,
            Reading::Scrolls | Reading::Pages => self.card_shown(),
            Reading::Focuses => self.card_shown() && self.card_has_focus(),
        };
        if reads { self.read_selected() } else { None }
    }

    /// Marks the selected card read, unless the user made it unread while it has stayed
    /// selected. Written with the other read marks once the user pauses; not an undo step (see
    /// `undo`). Asked of the store even when this window has the card read: another window may
    /// have made it unread since this one last looked, and a card read here is read. The store
    /// writes only what the file does not have read.
    pub(super) fn read_selected(&mut self) -> Option<Effect> {
        let id = self.selected_card()?.id.clone();
        if self.unread_hold.as_ref() == Some(&id) {
            return None;
        }
        self.set_read_mark(&id, true);
        Some(Effect::MarkRead { id })
    }

    /// The selected card has been shown for the `read_after` time: read, if it is still the one.
    pub(super) fn dwelled(&mut self, id: &str) -> Option<Effect> {
        if self.dwelling() == Some(id) {
            self.read_selected()
        } else {
            None
        }
    }

    /// The card the event loop should time: the selected card, while the card pane shows it with
    /// nothing over it or typed beside it (not the help, a search being typed, the note editor,
    /// the picker), it is unread and the user did not make it so.
    pub fn dwelling(&self) -> Option<&str> {
        let id = self.selected_card()?.id.as_str();
        let shown = self.card_shown() && self.mode == Mode::Normal;
        let counts = !self.marks.read.contains(id) && self.unread_hold.as_deref() != Some(id);
        (shown && counts).then_some(id)
    }

    /// `m`: the selected card read, or unread again (which sticks while it stays selected).
    pub(super) fn toggle_read(&mut self) -> Option<Effect> {
        let Some(card) = self.selected_card() else {
            self.no_card_shown("nothing to mark");
            return None;
        };
        let (id, title) = (card.id.clone(), card.title.clone());
        let read = !self.marks.read.contains(&id);
        self.record(Change::Read {
            id: id.clone(),
            read,
        });
        let effect = self.set_read_explicitly(&id, read);
        if !read {
            self.unread_hold = Some(id);
        }
        self.notify(format!("{}: {title}", read_text(read)), false);
        Some(effect)
    }

    /// Sets card `id`'s read mark by the user's own choice (`m`, undo): written at once.
    pub(super) fn set_read_explicitly(&mut self, id: &str, read: bool) -> Effect {
        self.set_read_mark(id, read);
        if read && self.unread_hold.as_deref() == Some(id) {
            self.unread_hold = None;
        }
        Effect::SetRead {
            id: id.to_string(),
            read,
        }
    }

    /// Card `id` read or not, keeping its flag and the count of unread cards shown in step.
    pub(super) fn set_read_mark(&mut self, id: &str, read: bool) {
        let changed = if read {
            self.marks.read.insert(id.to_string())
        } else {
            self.marks.read.remove(id)
        };
        let Some(card) = self.position_of(id) else {
            return;
        };
        self.read_flags.set(card, read);
        // Reading and `m` mark the selected card, which is shown; undo may mark another.
        let selected = self.filtered.cards.get(self.selected) == Some(&card);
        let shown = || selected || self.filtered.cards.contains(&card);
        if changed && shown() {
            self.unread = if read {
                self.unread.saturating_sub(1)
            } else {
                self.unread.saturating_add(1)
            };
        }
    }

    /// How many of the cards shown are unread (counted when the filter runs).
    pub(super) fn count_unread(&self) -> usize {
        let cards = self.filtered.cards.iter();
        cards
            .filter(|&&card| !self.read_flags.is_read(card))
            .count()
    }

    /// An unread mark sticks only while its card stays selected.
    pub(super) fn release_unread_hold(&mut self) {
        let selected = self.selected_card().map(|c| c.id.as_str());
        if self.unread_hold.is_some() && self.unread_hold.as_deref() != selected {
            self.unread_hold = None;
        }
    }

    /// The place of the next (`forward`) or previous unread card in the list, wrapping around and
    /// leaving out the selected card.
    fn find_unread(&self, forward: bool) -> Option<usize> {
        let len = self.filtered.cards.len();
        let at = self.selected.min(len.saturating_sub(1));
        (1..len)
            .map(|step| {
                if forward {
                    (at + step) % len
                } else {
                    (at + len - step) % len
                }
            })
            .find(|&i| {
                let card = self.filtered.cards.get(i);
                card.is_some_and(|&card| !self.read_flags.is_read(card))
            })
    }

    /// `N`/`P`: to the next or previous unread card (arriving does not read it), or says none is
    /// left.
    pub(super) fn go_to_unread(&mut self, forward: bool) -> bool {
        if let Some(index) = self.find_unread(forward) {
            self.select(index);
            return true;
        }
        let this_one = self
            .selected_card()
            .is_some_and(|c| !self.marks.read.contains(&c.id));
        let none = if this_one {
            "no other unread card"
        } else {
            "no unread card left"
        };
        let filter = self.filter_query();
        if filter.is_empty() {
            self.notify(none, false);
        } else {
            self.notify(format!("{none} under {filter}"), false);
        }
        false
    }

    /// Space: scrolls the card shown a page, and at its end goes on to the next unread card.
    /// Pressing it on a card reads that card; arriving at the next one does not read it. With
    /// the list alone on the screen, it opens the selected card.
    pub(super) fn read_on(&mut self) -> Option<Effect> {
        if self.selected_card().is_none() {
            self.no_card_shown("nothing to read");
            return None;
        }
        if !self.card_shown() {
            self.open();
            return self.read_by(Reading::Focuses);
        }
        let effect = self.read_selected();
        if self.card_scroll < self.max_card_scroll() {
            self.page(true);
        } else {
            self.go_to_unread(true);
        }
        effect
    }
}

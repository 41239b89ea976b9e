//! Related cards: `OpenRelated` opens a picker of the selected card's related cards; `PickJump`
//! jumps to one (clearing the filters if they hide it), and `JumpBack` goes back through the
//! jumps, filters and all.

use super::{App, Mode};

/// The open picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    /// The card whose related cards are listed.
    pub from: String,
    /// The related cards that are in the pack, in the card's order.
    pub ids: Vec<String>,
    /// The highlighted entry.
    pub selected: usize,
}

/// Where a jump started: the card and the filters, restored by Backspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jump {
    /// The card that was selected.
    pub id: String,
    /// The query then.
    pub query: String,
    /// The theme filters then.
    pub themes: Vec<String>,
    /// Bookmarks-only then.
    pub bookmarks_only: bool,
}

impl App {
    /// Highlights the next (`forward`) or the previous entry of the open picker.
    pub(super) fn pick_step(&mut self, forward: bool) {
        if let Some(picker) = &mut self.related {
            picker.selected = if forward {
                picker
                    .selected
                    .saturating_add(1)
                    .min(picker.ids.len().saturating_sub(1))
            } else {
                picker.selected.saturating_sub(1)
            };
        }
    }

    /// Opens the picker on the selected card's related cards that are in the pack.
    pub(super) fn open_related(&mut self) {
        let Some(card) = self.selected_card() else {
            self.no_card_shown("no related cards");
            return;
        };
        let ids: Vec<String> = card
            .related
            .iter()
            .filter(|id| self.card(id).is_some())
            .cloned()
            .collect();
        if ids.is_empty() {
            self.notify("this card has no related cards", false);
            return;
        }
        self.related = Some(Picker {
            from: card.id.clone(),
            ids,
            selected: 0,
        });
        self.mode = Mode::Related;
    }

    /// Closes the picker.
    pub(super) fn close_related(&mut self) {
        self.related = None;
        self.mode = Mode::Normal;
    }

    /// Jumps to the highlighted card, clearing the filters if they hide it.
    pub(super) fn pick_jump(&mut self) {
        let Some(picker) = self.related.take() else {
            return;
        };
        self.mode = Mode::Normal;
        let Some(target) = picker.ids.get(picker.selected).cloned() else {
            return;
        };
        self.jumps.push(Jump {
            id: picker.from,
            query: self.query.text().to_string(),
            themes: self.themes_on.clone(),
            bookmarks_only: self.bookmarks_only,
        });
        let title = self
            .card(&target)
            .map(|c| c.title.clone())
            .unwrap_or_default();
        if let Some(index) = self.index_of(&target) {
            self.select(index);
            self.notify(self.keys.jumped_message(&title, false), false);
            return;
        }
        self.query.clear();
        self.themes_on.clear();
        self.bookmarks_only = false;
        self.refilter();
        if let Some(index) = self.index_of(&target) {
            self.select(index);
        }
        self.notify(self.keys.jumped_message(&title, true), false);
    }

    /// Goes back to where the last jump started (with none: back to the list).
    pub(super) fn jump_back(&mut self) {
        let Some(jump) = self.jumps.pop() else {
            self.back();
            return;
        };
        self.query.set(&jump.query);
        self.themes_on = jump.themes;
        self.bookmarks_only = jump.bookmarks_only;
        self.refilter();
        match self.index_of(&jump.id) {
            Some(index) => {
                self.select(index);
                let title = self.card(&jump.id).map(|c| c.title.clone());
                self.notify(format!("← {}", title.unwrap_or(jump.id)), false);
            }
            None => self.notify("the card you came from is no longer shown", true),
        }
    }
}

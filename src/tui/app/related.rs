//! Related cards: `r` opens a picker of the selected card's related cards; Enter jumps to one
//! (clearing the filters if they hide it), and Backspace goes back through the jumps, filters and all.

use super::{App, Mode};
use crate::tui::action::Action;

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
    pub(super) fn related_action(&mut self, action: &Action) {
        match action {
            Action::OpenRelated => self.open_related(),
            Action::PickNext | Action::PickPrev => {
                if let Some(picker) = &mut self.related {
                    picker.selected = if *action == Action::PickNext {
                        (picker.selected + 1).min(picker.ids.len().saturating_sub(1))
                    } else {
                        picker.selected.saturating_sub(1)
                    };
                }
            }
            Action::PickJump => self.pick_jump(),
            Action::PickClose => self.close_related(),
            Action::JumpBack => self.jump_back(),
            _ => {}
        }
    }

    fn open_related(&mut self) {
        let Some(card) = self.selected_card() else {
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

    fn close_related(&mut self) {
        self.related = None;
        self.mode = Mode::Normal;
    }

    fn pick_jump(&mut self) {
        let Some(picker) = self.related.take() else {
            return;
        };
        self.mode = Mode::Normal;
        let Some(target) = picker.ids.get(picker.selected).cloned() else {
            return;
        };
        self.jumps.push(Jump {
            id: picker.from,
            query: self.query.clone(),
            themes: self.themes_on.clone(),
            bookmarks_only: self.bookmarks_only,
        });
        let title = self
            .card(&target)
            .map(|c| c.title.clone())
            .unwrap_or_default();
        let back = self.key_for(&Action::JumpBack);
        if let Some(index) = self.index_of(&target) {
            self.select(index);
            self.notify(format!("→ {title} ({back} goes back)"), false);
            return;
        }
        self.query.clear();
        self.themes_on.clear();
        self.bookmarks_only = false;
        self.refilter();
        if let Some(index) = self.index_of(&target) {
            self.select(index);
        }
        self.notify(
            format!("→ {title}: filters cleared to show it ({back} goes back)"),
            false,
        );
    }

    fn jump_back(&mut self) {
        let Some(jump) = self.jumps.pop() else {
            self.back();
            return;
        };
        self.query = jump.query;
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

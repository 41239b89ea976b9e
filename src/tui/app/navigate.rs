//! Moving around: the selection, the card's scroll, the focus, opening and closing the card on a
//! narrow screen, the card alone (zoomed), and the mouse. All of it keeps within the list and the
//! card, whatever the size.

use ratatui::layout::Position as Cell;

use super::{App, Focus, Mode, WHEEL_LINES};
use crate::tui::card_text::CardText;
use crate::tui::filter;
use crate::tui::palette::Palette;
use crate::tui::panes::Arrangement;
use crate::view::CardView;

/// What a movement key asks for: a line, a page or to an end, forward (`true`) or back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Move {
    /// One line (in the list: one card).
    Line(bool),
    /// One page.
    Page(bool),
    /// To the end (`true`) or the top.
    End(bool),
}

impl App {
    /// A movement key: in the help it scrolls the help; elsewhere it moves the list or the card.
    pub(super) fn move_by(&mut self, by: Move) {
        match self.mode {
            Mode::Help => return self.scroll_help(by),
            Mode::Sources => return self.scroll_sources(by),
            _ => {}
        }
        match by {
            Move::Line(forward) => self.step(forward),
            Move::Page(forward) => self.page(forward),
            Move::End(bottom) => self.end(bottom),
        }
    }

    pub(super) fn card_has_focus(&self) -> bool {
        self.focus == Focus::Card && self.panes().card.is_some()
    }

    pub(super) fn select(&mut self, index: usize) {
        let index = index.min(self.filtered.cards.len().saturating_sub(1));
        if index != self.selected {
            self.selected = index;
            self.card_scroll = 0;
        }
    }

    pub(super) fn step(&mut self, forward: bool) {
        if self.card_has_focus() {
            self.scroll_card(forward, 1);
        } else if forward {
            self.select(self.selected.saturating_add(1));
        } else {
            self.select(self.selected.saturating_sub(1));
        }
    }

    pub(super) fn page(&mut self, forward: bool) {
        let layout = self.panes();
        if let Some(text) = layout.card_text() {
            let lines = usize::from(text.height.saturating_sub(1)).max(1);
            self.scroll_card(forward, lines);
        } else {
            let rows = layout.list_rows().max(1);
            let target = if forward {
                self.selected.saturating_add(rows)
            } else {
                self.selected.saturating_sub(rows)
            };
            self.select(target);
        }
    }

    pub(super) fn end(&mut self, bottom: bool) {
        if self.card_has_focus() {
            self.card_scroll = if bottom { self.max_card_scroll() } else { 0 };
        } else {
            self.select(if bottom { usize::MAX } else { 0 });
        }
    }

    pub(super) fn scroll_card(&mut self, forward: bool, lines: usize) {
        self.card_scroll = if forward {
            self.card_scroll
                .saturating_add(lines)
                .min(self.max_card_scroll())
        } else {
            self.card_scroll.saturating_sub(lines)
        };
    }

    /// How far the card can scroll: its wrapped length less the pane height.
    pub(crate) fn max_card_scroll(&self) -> usize {
        let Some(area) = self.panes().card_text() else {
            return 0;
        };
        let total = self.card_text(area.width, &Palette::plain()).len();
        total.saturating_sub(usize::from(area.height))
    }

    /// The selected card's text wrapped to `width` columns, as the card pane draws it (empty
    /// when no card is selected): the one place its length is found.
    pub(crate) fn card_text(&self, width: u16, palette: &Palette) -> CardText {
        let Some(card) = self.selected_card() else {
            return CardText::default();
        };
        let view = CardView::of(&self.pack, card, self.note_of(&card.id));
        let marks = filter::card_highlights(card, &self.filtered);
        CardText::new(&view, &marks, width, palette)
    }

    pub(super) fn toggle_focus(&mut self) {
        if self.zoomed {
            // The list is hidden: Tab brings it back, focused.
            self.zoomed = false;
            self.focus = Focus::List;
        } else if self.panes().arrangement == Arrangement::Single {
            if self.card_open {
                self.back();
            } else {
                self.open();
            }
        } else {
            self.focus = match self.focus {
                Focus::List => Focus::Card,
                Focus::Card => Focus::List,
            };
        }
    }

    pub(super) fn open(&mut self) {
        if self.selected_card().is_some() {
            self.card_open = true;
            self.focus = Focus::Card;
        }
    }

    pub(super) fn back(&mut self) {
        self.card_open = false;
        self.zoomed = false;
        self.focus = Focus::List;
    }

    /// `Esc` while browsing: back to the list from the card (alone, opened on a narrow screen, or
    /// focused); in the list, where there is nothing to go back from, it clears the search.
    pub(super) fn back_or_clear(&mut self) {
        let in_card = self.zoomed || self.card_open || self.card_has_focus();
        if in_card || self.query.is_empty() {
            self.back();
        } else {
            self.clear_search();
        }
    }

    /// The selected card alone at the full width (its pane focused, so that the movement keys
    /// scroll it and `n`/`p` page through the list behind it), or the list beside it again.
    pub(super) fn toggle_zoom(&mut self) {
        if self.zoomed {
            self.zoomed = false;
            if self.panes().card.is_none() {
                self.focus = Focus::List;
            }
        } else if self.selected_card().is_some() {
            self.zoomed = true;
            self.focus = Focus::Card;
        } else {
            self.no_card_shown("nothing to show alone");
        }
    }

    pub(super) fn click(&mut self, at: Cell) {
        let layout = self.panes();
        if let Some(list) = layout.list.filter(|r| r.contains(at)) {
            self.focus = Focus::List;
            if at.y > list.y && at.y < list.bottom().saturating_sub(1) {
                let row = usize::from(at.y - list.y - 1);
                if self.list_offset + row < self.filtered.cards.len() {
                    self.select(self.list_offset + row);
                }
            }
        } else if layout.card.is_some_and(|r| r.contains(at)) {
            self.focus = Focus::Card;
        }
    }

    pub(super) fn wheel(&mut self, down: bool, at: Cell) {
        let layout = self.panes();
        if layout.card.is_some_and(|r| r.contains(at)) {
            self.scroll_card(down, WHEEL_LINES);
        } else if layout.list.is_some_and(|r| r.contains(at)) {
            self.step_list(down);
        }
    }

    pub(super) fn step_list(&mut self, forward: bool) {
        let target = if forward {
            self.selected.saturating_add(1)
        } else {
            self.selected.saturating_sub(1)
        };
        self.select(target);
    }

    /// Keeps the selection inside the list's visible rows and the card scroll in range.
    pub(super) fn keep_in_view(&mut self) {
        let rows = self.panes().list_rows();
        let len = self.filtered.cards.len();
        if rows > 0 {
            if self.selected < self.list_offset {
                self.list_offset = self.selected;
            } else if self.selected >= self.list_offset + rows {
                self.list_offset = self.selected + 1 - rows;
            }
            self.list_offset = self.list_offset.min(len.saturating_sub(rows));
        }
        // Wrapping the card to find its length is only needed when it is scrolled at all.
        if self.card_scroll > 0 {
            self.card_scroll = self.card_scroll.min(self.max_card_scroll());
        }
    }
}

//! The agenda in the bookmarks view: `K`/`J` move the selected bookmark up or down, past the
//! bookmark shown above or below it, and the selection follows it. The store writes the move at
//! once (and merges it with another window's changes); the first can not go up nor the last down.

use super::undo::Change;
use super::{App, Effect};

impl App {
    /// Moves the selected bookmark up (`up`) or down the agenda, past its shown neighbour.
    pub(super) fn move_bookmark(&mut self, up: bool) -> Option<Effect> {
        if !self.bookmarks_only {
            self.notify(self.keys.agenda_view_message(), false);
            return None;
        }
        let Some(card) = self.selected_card() else {
            self.no_card_shown("nothing to move");
            return None;
        };
        let (id, title) = (card.id.clone(), card.title.clone());
        let neighbour = if up {
            self.selected.checked_sub(1)
        } else {
            Some(self.selected.saturating_add(1)).filter(|&n| n < self.filtered.cards.len())
        };
        let places = neighbour.and_then(|n| {
            let next_to = self.pack.cards.get(*self.filtered.cards.get(n)?)?;
            let from = self.marks.bookmarked.place(&id)?;
            Some((n, from, self.marks.bookmarked.place(&next_to.id)?))
        });
        let Some((neighbour, from, to)) = places else {
            let end = if up { "first" } else { "last" };
            let of = if self.filtered.cards.len() < self.marks.bookmarked.len() {
                "of the bookmarks shown"
            } else {
                "in the agenda"
            };
            self.notify(format!("already {end} {of}: {title}"), false);
            return None;
        };
        // The neighbour's place is where the card goes: up, the neighbour moves down one; down,
        // taking the card out moves the neighbour up one, and the card goes just after it.
        let at = self.marks.bookmarked.put(&id, to);
        self.record(Change::Move {
            id: id.clone(),
            from,
            to: at,
        });
        // The list is the bookmarks shown, in agenda order: the card and the one it passed
        // change places, and nothing else changes (no filter run). It stays selected.
        self.filtered.cards.swap(self.selected, neighbour);
        self.selected = neighbour;
        self.notify(format!("{}: {title}", self.agenda_place_text(at)), false);
        Some(Effect::MoveBookmark { id, to: at })
    }

    /// `moved to 2 of 5 in the agenda`.
    pub(super) fn agenda_place_text(&self, at: usize) -> String {
        let total = self.marks.bookmarked.len();
        format!("moved to {} of {total} in the agenda", at.saturating_add(1))
    }
}

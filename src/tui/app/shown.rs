//! The selected card, decoded: the card store reads a card when it is shown (from a pack file,
//! its block read, checked and decompressed), so the app keeps the selected one and reads it
//! again only when the selection moves to another card. A card that cannot be read (a damaged
//! file, a file changed under the viewer) is said in the footer and in the card pane, naming the
//! file and the part; the viewer keeps running.

use std::sync::Arc;

use super::App;
use crate::base::sanitize::{Lines, sanitize};
use crate::pack::Card;
use crate::packfile::FileError;

/// The card at one position of the pack, as read.
#[derive(Debug, Clone)]
pub(super) struct Shown {
    /// Its position in the pack.
    position: usize,
    /// The card, or why it could not be read.
    card: Result<Arc<Card>, FileError>,
}

impl App {
    /// The selected card, if any card matches and it could be read.
    pub fn selected_card(&self) -> Option<&Card> {
        let position = self.selected_position()?;
        match &self.shown {
            Some(shown) if shown.position == position => shown.card.as_deref().ok(),
            _ => None,
        }
    }

    /// Why the selected card could not be read, if it could not (inert: an error may quote the
    /// file).
    pub fn card_problem(&self) -> Option<String> {
        let position = self.selected_position()?;
        match &self.shown {
            Some(Shown {
                position: at,
                card: Err(e),
            }) if *at == position => Some(inert(&e.to_string())),
            _ => None,
        }
    }

    /// The selected card's position in the pack.
    pub(super) fn selected_position(&self) -> Option<usize> {
        self.filtered.cards.get(self.selected).copied()
    }

    /// The selected card's id (read from the id table when the card itself cannot be read).
    pub(super) fn selected_id(&self) -> Option<String> {
        if let Some(card) = self.selected_card() {
            return Some(card.id.clone());
        }
        let id = self.corpus.id_at(self.selected_position()?).ok()?;
        Some(id.into_owned())
    }

    /// The selected card, shared (for a panel that keeps it).
    pub(super) fn selected_shared(&self) -> Option<Arc<Card>> {
        let position = self.selected_position()?;
        let shown = self.shown.as_ref().filter(|s| s.position == position)?;
        shown.card.as_ref().ok().cloned()
    }

    /// Reads the selected card if the selection has moved to another one since the last read;
    /// says in the footer when it cannot be read. Called wherever the selection or the list
    /// changes, so [`App::selected_card`] always answers for the card selected.
    pub(super) fn show_selected(&mut self) {
        let Some(position) = self.selected_position() else {
            self.shown = None;
            return;
        };
        if self.shown.as_ref().is_some_and(|s| s.position == position) {
            return;
        }
        let card = self
            .corpus
            .card_at(position)
            .map(|card| Arc::new(card.into_owned()));
        if let Err(e) = &card {
            self.notify(format!("cannot show this card: {e}"), true);
        }
        self.shown = Some(Shown { position, card });
    }

    /// Selects the card at `index` of the list and reads it.
    pub(super) fn set_selected(&mut self, index: usize) {
        self.selected = index;
        self.show_selected();
    }

    /// Card `id`'s title, or `None` if the pack has no such card or it cannot be read.
    pub(super) fn title_by_id(&self, id: &str) -> Option<String> {
        let title = self.corpus.title_of(id).ok()??;
        Some(title.into_owned())
    }

    /// The title of card `id`, or its id if the pack has no such card.
    pub(super) fn title_of(&self, id: &str) -> String {
        self.title_by_id(id).unwrap_or_else(|| id.to_string())
    }

    /// Where card `id` is in the pack (`None`: not there, or the file cannot say).
    pub(super) fn position_of(&self, id: &str) -> Option<usize> {
        self.corpus.find(id).ok().flatten()
    }
}

/// `text` made inert for drawing: an error about a file may quote bytes from it.
pub(super) fn inert(text: &str) -> String {
    sanitize(text, Lines::Join).into_owned()
}

//! The sources panel: `ToggleSources` opens a box with the full `sources.json` entries of the
//! selected card's sources (and the paragraphs it cites), scrolled by the movement keys while it
//! is open; the same action (and `Esc`, `q`) closes it.

use ratatui::text::Line;

use super::{App, Mode, Move};
use crate::tui::palette::Palette;
use crate::tui::sources_text;
use crate::view::SourceEntry;

/// The open panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panel {
    /// The card whose sources are shown.
    pub id: String,
    /// How far it is scrolled.
    pub scroll: usize,
}

impl App {
    /// Opens the panel on the selected card's sources, or closes it.
    pub(super) fn toggle_sources(&mut self) {
        if self.sources.take().is_some() {
            self.mode = Mode::Normal;
            return;
        }
        let Some(card) = self.selected_card() else {
            self.no_card_shown("no sources to show");
            return;
        };
        if card.sources.is_empty() {
            self.notify("this card cites no source", false);
            return;
        }
        self.sources = Some(Panel {
            id: card.id.clone(),
            scroll: 0,
        });
        self.mode = Mode::Sources;
    }

    /// The panel's lines wrapped to `width` (none when it is closed): the one place their
    /// number is found, for drawing and for the scroll bound.
    pub(crate) fn sources_text(&self, width: u16, palette: &Palette) -> Vec<Line<'static>> {
        let Some(card) = self.sources.as_ref().and_then(|p| self.card(&p.id)) else {
            return Vec::new();
        };
        let entries = SourceEntry::of_card(&self.pack, card);
        sources_text::lines(&entries, width, palette)
    }

    /// How wide the panel's text is (inside its border and a column of padding each side).
    pub(crate) fn sources_width(&self) -> u16 {
        self.panes().overlay_width().saturating_sub(4)
    }

    /// How many of the panel's `lines` it shows: all that fit in the body, inside the border.
    pub(crate) fn sources_rows(&self, lines: usize) -> usize {
        usize::from(self.panes().body().height.saturating_sub(2)).min(lines)
    }

    /// Scrolls the panel a line, a page, or to an end, within its text.
    pub(super) fn scroll_sources(&mut self, by: Move) {
        let lines = self
            .sources_text(self.sources_width(), &Palette::plain())
            .len();
        let rows = self.sources_rows(lines);
        let max = lines.saturating_sub(rows);
        let page = rows.saturating_sub(1).max(1);
        let Some(panel) = &mut self.sources else {
            return;
        };
        let at = panel.scroll.min(max);
        panel.scroll = match by {
            Move::Line(true) => at.saturating_add(1),
            Move::Line(false) => at.saturating_sub(1),
            Move::Page(true) => at.saturating_add(page),
            Move::Page(false) => at.saturating_sub(page),
            Move::End(true) => max,
            Move::End(false) => 0,
        }
        .min(max);
    }
}

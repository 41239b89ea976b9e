//! Scrolling the `?` overlay: in help mode the movement keys move its text, within its length.

use super::{App, Mode, Move};

impl App {
    /// Opens the help at its top, or closes it.
    pub(super) fn toggle_help(&mut self) {
        self.help_scroll = 0;
        self.mode = if self.mode == Mode::Help {
            Mode::Normal
        } else {
            Mode::Help
        };
    }

    /// How far the help can scroll: its length less the rows the terminal gives it.
    fn max_help_scroll(&self) -> usize {
        let rows = usize::from(self.panes().area.height.saturating_sub(2));
        self.keys.help_len().saturating_sub(rows)
    }

    /// Scrolls the help a line, a page, or to an end.
    pub(super) fn scroll_help(&mut self, by: Move) {
        let max = self.max_help_scroll();
        let page = usize::from(self.panes().area.height.saturating_sub(3)).max(1);
        let at = self.help_scroll.min(max);
        self.help_scroll = match by {
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

//! Scrolling the `?` overlay: in help mode the movement keys move its text, within its length.

use super::{App, Mode};
use crate::tui::action::Action;

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

    /// Scrolls the help for a movement `action` (a line, a page, or to an end).
    pub(super) fn scroll_help(&mut self, action: &Action) {
        let max = crate::tui::ui::help::max_scroll(self);
        let page = usize::from(self.layout().area.height.saturating_sub(3)).max(1);
        let at = self.help_scroll.min(max);
        self.help_scroll = match action {
            Action::SelectNext => at.saturating_add(1),
            Action::SelectPrev => at.saturating_sub(1),
            Action::ScrollDown => at.saturating_add(page),
            Action::ScrollUp => at.saturating_sub(page),
            Action::Bottom => max,
            _ => 0,
        }
        .min(max);
    }
}

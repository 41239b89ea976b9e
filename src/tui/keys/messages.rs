//! The footer messages and the empty list's lines that tell the user which key to press: each
//! names the key the live keymap has, so a rebind cannot make a message wrong.

use super::{Keymap, Mode};
use crate::tui::action::Action;

impl Keymap {
    /// A theme key was pressed that no theme of the pack has.
    pub fn no_theme_message(&self, key: u8) -> String {
        let pressed = self.key_for(&Action::ToggleTheme(key), Mode::Normal);
        format!("no theme on key {pressed}")
    }

    /// Bookmarks-only was turned on with no bookmark.
    pub fn no_bookmarks_message(&self) -> String {
        let mark = self.key_for(&Action::ToggleBookmark, Mode::Normal);
        let all = self.key_for(&Action::ToggleBookmarksOnly, Mode::Normal);
        format!("no bookmarks yet: press {mark} on a card, {all} shows all again")
    }

    /// A jump to the related card `title`, which needed the filters `cleared` to be shown.
    pub fn jumped_message(&self, title: &str, cleared: bool) -> String {
        let back = self.key_for(&Action::JumpBack, Mode::Normal);
        if cleared {
            format!("→ {title}: filters cleared to show it ({back} goes back)")
        } else {
            format!("→ {title} ({back} goes back)")
        }
    }

    /// `K`/`J` pressed outside the bookmarks view.
    pub fn agenda_view_message(&self) -> String {
        let view = self.key_for(&Action::ToggleBookmarksOnly, Mode::Normal);
        let up = self.key_for(&Action::MoveBookmarkUp, Mode::Normal);
        let down = self.key_for(&Action::MoveBookmarkDown, Mode::Normal);
        format!("{up}/{down} move bookmarks in the agenda: first show the bookmarks with {view}")
    }

    /// Why the list is empty and how to undo it, for the filters in use (a step whose action
    /// has no key is left out).
    pub fn nothing_matches(&self, query: bool, themes: bool, bookmarks_only: bool) -> Vec<String> {
        let key = |action: Action, mode: Mode| self.first_key(&action, mode);
        let mut lines = vec!["No card matches.".to_string()];
        if query {
            match (
                key(Action::StartSearch, Mode::Normal),
                key(Action::Back, Mode::Normal),
            ) {
                (Some(edit), Some(clear)) => {
                    lines.push(format!("{edit} edits the search, {clear} clears it"));
                }
                (Some(edit), None) => lines.push(format!("{edit} edits the search")),
                (None, _) => {}
            }
        }
        if themes {
            lines.extend(
                key(Action::ClearThemes, Mode::Normal)
                    .map(|k| format!("{k} clears the theme filters")),
            );
        }
        if bookmarks_only {
            lines.extend(
                key(Action::ToggleBookmarksOnly, Mode::Normal)
                    .map(|k| format!("{k} shows all cards again")),
            );
        }
        lines
    }
}

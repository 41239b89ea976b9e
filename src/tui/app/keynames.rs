//! The keys messages name: always the ones the live keymap has, so a rebind cannot make a
//! message wrong.

use super::{App, Mode};
use crate::tui::action::Action;
use crate::tui::keys::Keymap;

impl App {
    /// Uses `keymap` (the defaults with the user's bindings) to name keys in messages.
    pub fn set_keymap(&mut self, keymap: Keymap) {
        self.keys = keymap;
    }

    /// The keymap messages name keys from (the one the screen is drawn with).
    pub fn keymap(&self) -> &Keymap {
        &self.keys
    }

    /// The key that does `action` in browsing, as messages name it.
    pub(crate) fn key_for(&self, action: &Action) -> String {
        self.key_in(action, Mode::Normal)
    }

    /// The key that does `action` in `mode`, as messages name it.
    pub(crate) fn key_in(&self, action: &Action, mode: Mode) -> String {
        self.keys.key_for(action, mode)
    }
}

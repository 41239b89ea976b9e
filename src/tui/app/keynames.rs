//! The one keymap: the app holds it, so that the event loop reads actions from it, messages name
//! its keys and the screen is drawn with it; a rebind cannot make any of them disagree.

use super::App;
use crate::tui::keys::Keymap;

impl App {
    /// Uses `keymap` (the defaults with the user's bindings) for events, messages and drawing.
    pub fn set_keymap(&mut self, keymap: Keymap) {
        self.keys = keymap;
    }

    /// The keymap in use.
    pub fn keymap(&self) -> &Keymap {
        &self.keys
    }
}

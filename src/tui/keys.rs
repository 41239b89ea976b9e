//! The keymap: one table from key to [`Action`] per [`Mode`], compiled in (`defaults`), with the
//! user's bindings on top. Key presses only (`KeyEventKind::Press`). Everything the screen says
//! about keys (the footer's hints, the `?` overlay, the pickers, messages, the man page) is
//! rendered from this same table in [`hints`] and [`help`], so it always names the keys that
//! really work.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::action::Action;
use crate::base::sanitize::{Lines, sanitize};

mod defaults;
pub mod help;
pub mod hints;
mod messages;
mod names;
pub mod parse;

pub use names::key_name;
use names::keys_text;

/// What keys mean right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Browsing.
    Normal,
    /// Typing a search query.
    Search,
    /// The help overlay is open.
    Help,
    /// Editing a note: keys go to the text.
    Note,
    /// Closing a changed note: asking whether to save it.
    Confirm,
    /// The related cards' picker is open.
    Related,
    /// The panel of the selected card's sources is open.
    Sources,
}

/// A key with its modifiers (Shift is ignored for characters: `G` is already upper case).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl, Alt...
    pub modifiers: KeyModifiers,
}

/// One line of the keymap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// When it applies.
    pub mode: Mode,
    /// The key.
    pub key: Key,
    /// What it does.
    pub action: Action,
}

/// The key bindings, in the order the help lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: defaults::bindings(),
        }
    }
}

impl Keymap {
    /// The action an event asks for in `mode`, if any.
    pub fn action(&self, event: &Event, mode: Mode) -> Option<Action> {
        match event {
            Event::Key(key) => self.key_action(key, mode),
            // Pasted text may carry escape sequences (copied from a web page, say): it is drawn
            // back on the screen, so it is made inert like pack text.
            Event::Paste(text) if mode == Mode::Note => {
                Some(Action::NotePaste(sanitize(text, Lines::Keep).into_owned()))
            }
            Event::Paste(text) if mode == Mode::Search => Some(Action::SearchPaste(
                sanitize(text, Lines::Join).into_owned(),
            )),
            Event::Mouse(mouse) if mode == Mode::Normal => mouse_action(*mouse),
            Event::Resize(width, height) => Some(Action::Resize {
                width: *width,
                height: *height,
            }),
            _ => None,
        }
    }

    fn key_action(&self, key: &KeyEvent, mode: Mode) -> Option<Action> {
        if key.kind != KeyEventKind::Press {
            return None;
        }
        let pressed = normalize(key);
        let bound = self
            .bindings
            .iter()
            .find(|b| b.mode == mode && b.key == pressed)
            .map(|b| b.action.clone());
        match (bound, mode, pressed.code) {
            (Some(action), _, _) => Some(action),
            (None, Mode::Search, KeyCode::Char(c)) if pressed.modifiers.is_empty() => {
                Some(Action::SearchInput(c))
            }
            (None, Mode::Note, _) => Some(Action::NoteKey((*key).into())),
            _ => None,
        }
    }

    /// Every binding, in table order.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// Binds `keys` to `action` instead of its current keys, in the mode a config rebinds it in
    /// (see [`Keymap::rebind_mode`]), where the first of them was (so the help keeps its order).
    pub fn rebind(&mut self, action: &Action, keys: &[Key]) {
        let mode = Keymap::rebind_mode(action).unwrap_or(Mode::Normal);
        let at = self
            .bindings
            .iter()
            .position(|b| b.mode == mode && b.action == *action)
            .unwrap_or(self.bindings.len());
        self.bindings
            .retain(|b| !(b.mode == mode && b.action == *action));
        let new = keys.iter().map(|&key| Binding {
            mode,
            key,
            action: action.clone(),
        });
        self.bindings.splice(at..at, new);
    }

    /// Where a config's `[keys]` rebinds `action`: browsing, or the search line (for its own
    /// actions); `None` for an action of the other modes (the help, the note editor, the
    /// pickers), whose keys stay as they are.
    pub fn rebind_mode(action: &Action) -> Option<Mode> {
        let defaults = defaults::bindings();
        [Mode::Normal, Mode::Search].into_iter().find(|mode| {
            defaults
                .iter()
                .any(|b| b.mode == *mode && b.action == *action)
        })
    }

    /// Every key bound to `action` in `mode`, in table order.
    pub fn keys_for(&self, action: &Action, mode: Mode) -> Vec<Key> {
        self.bindings
            .iter()
            .filter(|b| b.mode == mode && b.action == *action)
            .map(|b| b.key)
            .collect()
    }

    /// The first key bound to `action` in `mode`, as text (`j`, `PgDn`, `Ctrl-c`).
    pub fn first_key(&self, action: &Action, mode: Mode) -> Option<String> {
        self.keys_for(action, mode).first().map(key_name)
    }

    /// The first key bound to `action` in `mode`, for a message to name (`(unbound)` if none).
    pub fn key_for(&self, action: &Action, mode: Mode) -> String {
        self.first_key(action, mode)
            .unwrap_or_else(|| "(unbound)".to_string())
    }

    /// The help's rows for `mode`: each action once, in table order, with all its keys.
    pub fn help_rows(&self, mode: Mode) -> Vec<(String, String)> {
        // Actions with one label (the theme keys, the two quit keys) share a row.
        let mut rows: Vec<(Vec<Key>, &Action)> = Vec::new();
        for binding in self.bindings.iter().filter(|b| b.mode == mode) {
            let label = binding.action.label();
            if let Some((keys, _)) = rows.iter_mut().find(|(_, a)| a.label() == label) {
                keys.push(binding.key);
            } else {
                rows.push((vec![binding.key], &binding.action));
            }
        }
        rows.into_iter()
            .map(|(keys, action)| (keys_text(&keys), self.describe(action)))
            .collect()
    }
}

fn normalize(key: &KeyEvent) -> Key {
    let mut modifiers = key.modifiers;
    if matches!(key.code, KeyCode::Char(_)) {
        modifiers.remove(KeyModifiers::SHIFT);
    }
    Key {
        code: key.code,
        modifiers,
    }
}

fn mouse_action(mouse: MouseEvent) -> Option<Action> {
    let (column, row) = (mouse.column, mouse.row);
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
        MouseEventKind::ScrollDown => Some(Action::Wheel {
            down: true,
            column,
            row,
        }),
        MouseEventKind::ScrollUp => Some(Action::Wheel {
            down: false,
            column,
            row,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    #[test]
    fn keys_map_to_actions_per_mode() {
        let map = Keymap::default();
        let j = press(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(map.action(&j, Mode::Normal), Some(Action::SelectNext));
        assert_eq!(map.action(&j, Mode::Search), Some(Action::SearchInput('j')));
        assert_eq!(map.action(&j, Mode::Help), Some(Action::SelectNext));
        let big_g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(map.action(&big_g, Mode::Normal), Some(Action::Bottom));
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for mode in [
            Mode::Normal,
            Mode::Search,
            Mode::Help,
            Mode::Note,
            Mode::Confirm,
            Mode::Related,
        ] {
            assert_eq!(map.action(&ctrl_c, mode), Some(Action::Quit));
        }
        let three = press(KeyCode::Char('3'), KeyModifiers::NONE);
        assert_eq!(
            map.action(&three, Mode::Normal),
            Some(Action::ToggleTheme(3))
        );
    }

    #[test]
    fn releases_are_ignored() {
        let map = Keymap::default();
        let mut release = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(map.action(&Event::Key(release), Mode::Normal), None);
    }

    #[test]
    fn help_rows_group_keys_by_action() {
        let rows = Keymap::default().help_rows(Mode::Normal);
        assert!(rows.contains(&("j ↓".to_string(), "next card".to_string())));
        assert!(rows.contains(&("1–9".to_string(), "toggle a theme filter".to_string())));
        assert!(rows.contains(&("q Ctrl-c".to_string(), "quit".to_string())));
        assert!(rows.contains(&(
            "/".to_string(),
            "search (Enter keeps, Esc cancels, ↑ earlier)".to_string()
        )));
    }
}

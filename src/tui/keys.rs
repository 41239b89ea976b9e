//! The keymap: one table from key to [`Action`] per [`Mode`], compiled in. Key presses only
//! (`KeyEventKind::Press`). The footer hints and the `?` overlay are read from this same table, so
//! they always name the keys that really work.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::action::Action;
use super::app::Mode;
use crate::base::sanitize::{Lines, sanitize};

pub mod parse;

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

fn plain(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

fn ch(c: char) -> Key {
    plain(KeyCode::Char(c))
}

fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

impl Default for Keymap {
    fn default() -> Self {
        use Action as A;
        use KeyCode as K;
        use Mode::{Confirm, Help, Normal, Note, Related, Search};
        let mut table = vec![
            (Normal, ch('j'), A::SelectNext),
            (Normal, plain(K::Down), A::SelectNext),
            (Normal, ch('k'), A::SelectPrev),
            (Normal, plain(K::Up), A::SelectPrev),
            (Normal, ch('n'), A::NextCard),
            (Normal, plain(K::Right), A::NextCard),
            (Normal, ch('l'), A::NextCard),
            (Normal, ch('p'), A::PrevCard),
            (Normal, plain(K::Left), A::PrevCard),
            (Normal, ch('h'), A::PrevCard),
            (Normal, ch(' '), A::ScrollDown),
            (Normal, plain(K::PageDown), A::ScrollDown),
            (Normal, plain(K::PageUp), A::ScrollUp),
            (Normal, ch('g'), A::Top),
            (Normal, plain(K::Home), A::Top),
            (Normal, ch('G'), A::Bottom),
            (Normal, plain(K::End), A::Bottom),
            (Normal, plain(K::Tab), A::ToggleFocus),
            (Normal, plain(K::Enter), A::Open),
            (Normal, plain(K::Esc), A::Back),
            (Normal, plain(K::Backspace), A::JumpBack),
        ];
        for key in 1..=9u8 {
            table.push((Normal, ch(char::from(b'0' + key)), A::ToggleTheme(key)));
        }
        table.extend([
            (Normal, ch('0'), A::ClearThemes),
            (Normal, ch('/'), A::StartSearch),
            (Normal, ch('b'), A::ToggleBookmark),
            (Normal, ch('B'), A::ToggleBookmarksOnly),
            (Normal, ch('a'), A::EditNote),
            (Normal, ch('r'), A::OpenRelated),
            (Normal, ch('e'), A::Export),
            (Normal, ch('?'), A::ToggleHelp),
            (Normal, ch('q'), A::Quit),
            (Normal, ctrl('c'), A::Quit),
            (Search, plain(K::Enter), A::SearchAccept),
            (Search, plain(K::Esc), A::SearchCancel),
            (Search, plain(K::Backspace), A::SearchBackspace),
            (Search, ctrl('c'), A::Quit),
            (Help, ch('j'), A::SelectNext),
            (Help, plain(K::Down), A::SelectNext),
            (Help, ch('k'), A::SelectPrev),
            (Help, plain(K::Up), A::SelectPrev),
            (Help, plain(K::PageDown), A::ScrollDown),
            (Help, ch(' '), A::ScrollDown),
            (Help, plain(K::PageUp), A::ScrollUp),
            (Help, ch('g'), A::Top),
            (Help, plain(K::Home), A::Top),
            (Help, ch('G'), A::Bottom),
            (Help, plain(K::End), A::Bottom),
            (Help, ch('?'), A::ToggleHelp),
            (Help, ch('q'), A::ToggleHelp),
            (Help, plain(K::Esc), A::ToggleHelp),
            (Help, ctrl('c'), A::Quit),
            (Note, ctrl('s'), A::NoteSave),
            (Note, plain(K::Esc), A::NoteClose),
            (Note, ctrl('z'), A::NoteUndo),
            (Note, ctrl('y'), A::NoteRedo),
            (Note, ctrl('c'), A::Quit),
            (Confirm, ch('y'), A::NoteSave),
            (Confirm, ch('n'), A::NoteDiscard),
            (Confirm, ch('c'), A::NoteResume),
            (Confirm, plain(K::Esc), A::NoteResume),
            (Confirm, ctrl('c'), A::Quit),
            (Related, ch('j'), A::PickNext),
            (Related, plain(K::Down), A::PickNext),
            (Related, ch('k'), A::PickPrev),
            (Related, plain(K::Up), A::PickPrev),
            (Related, plain(K::Enter), A::PickJump),
            (Related, plain(K::Esc), A::PickClose),
            (Related, ch('q'), A::PickClose),
            (Related, ctrl('c'), A::Quit),
        ]);
        Keymap {
            bindings: table
                .into_iter()
                .map(|(mode, key, action)| Binding { mode, key, action })
                .collect(),
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

    /// Binds `keys` to `action` in normal mode instead of its current keys, where the first of
    /// them was (so the help keeps its order).
    pub fn rebind(&mut self, action: &Action, keys: &[Key]) {
        let at = self
            .bindings
            .iter()
            .position(|b| b.mode == Mode::Normal && b.action == *action)
            .unwrap_or(self.bindings.len());
        self.bindings
            .retain(|b| !(b.mode == Mode::Normal && b.action == *action));
        let new = keys.iter().map(|&key| Binding {
            mode: Mode::Normal,
            key,
            action: action.clone(),
        });
        self.bindings.splice(at..at, new);
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
    pub fn help_rows(&self, mode: Mode) -> Vec<(String, &'static str)> {
        let mut rows: Vec<(Vec<Key>, &'static str)> = Vec::new();
        for binding in self.bindings.iter().filter(|b| b.mode == mode) {
            let label = binding.action.label();
            match rows.iter_mut().find(|(_, l)| *l == label) {
                Some((keys, _)) => keys.push(binding.key),
                None => rows.push((vec![binding.key], label)),
            }
        }
        rows.into_iter()
            .map(|(keys, label)| (keys_text(&keys), label))
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

/// Keys as the help shows them: `j ↓`, and a run of digits as `1–9`.
fn keys_text(keys: &[Key]) -> String {
    let digits: Vec<char> = keys
        .iter()
        .filter_map(|k| match k.code {
            KeyCode::Char(c) if c.is_ascii_digit() => Some(c),
            _ => None,
        })
        .collect();
    if digits.len() > 2 && digits.len() == keys.len() {
        return format!("{}–{}", digits[0], digits[digits.len() - 1]);
    }
    keys.iter().map(key_name).collect::<Vec<_>>().join(" ")
}

/// A key's name as hints show it.
pub fn key_name(key: &Key) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Down => "↓".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    let mut prefix = String::new();
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        prefix.push_str("Ctrl-");
    }
    if key.modifiers.contains(KeyModifiers::ALT) {
        prefix.push_str("Alt-");
    }
    format!("{prefix}{name}")
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
        assert!(rows.contains(&("j ↓".to_string(), "next card")));
        assert!(rows.contains(&("1–9".to_string(), "toggle a theme filter")));
        assert!(rows.contains(&("q Ctrl-c".to_string(), "quit")));
    }
}

//! Key strings as the config file writes them: a character (`j`, `G`, `?`), a named key (`Up`,
//! `PageDown`, `Enter`, `Space`, `F1`–`F12`...), with optional `Ctrl-` and `Alt-` before it.

use crossterm::event::{KeyCode, KeyModifiers};

use super::Key;

/// The named keys, matched ignoring case.
const NAMES: [(&str, KeyCode); 15] = [
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backspace", KeyCode::Backspace),
    ("space", KeyCode::Char(' ')),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
];

/// The key `text` names, or why it names none.
pub fn key(text: &str) -> Result<Key, String> {
    let mut modifiers = KeyModifiers::NONE;
    let mut rest = text;
    loop {
        let lower = rest.to_ascii_lowercase();
        if rest.chars().count() > 1 && lower.starts_with("ctrl-") {
            modifiers |= KeyModifiers::CONTROL;
            rest = &rest[5..];
        } else if rest.chars().count() > 1 && lower.starts_with("alt-") {
            modifiers |= KeyModifiers::ALT;
            rest = &rest[4..];
        } else {
            break;
        }
    }
    let code = code(rest).ok_or_else(|| {
        format!(
            "'{text}' is not a key (a character, or Up, Down, Left, Right, PageUp, PageDown, Home, End, Enter, Esc, Tab, Backspace, Delete, Space, F1-F12, with optional Ctrl- or Alt-)"
        )
    })?;
    let code = match code {
        // Terminals send Ctrl-x for Ctrl-X: the shifted letter could never be pressed.
        KeyCode::Char(c) if modifiers.contains(KeyModifiers::CONTROL) => {
            KeyCode::Char(c.to_ascii_lowercase())
        }
        other => other,
    };
    Ok(Key { code, modifiers })
}

fn code(text: &str) -> Option<KeyCode> {
    let mut chars = text.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return (!c.is_control()).then_some(KeyCode::Char(c));
    }
    let lower = text.to_ascii_lowercase();
    if let Some((_, code)) = NAMES.iter().find(|(name, _)| *name == lower) {
        return Some(*code);
    }
    let n: u8 = lower.strip_prefix('f')?.parse().ok()?;
    (1..=12).contains(&n).then_some(KeyCode::F(n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keys::key_name;

    fn parsed(text: &str) -> String {
        key_name(&key(text).unwrap())
    }

    #[test]
    fn characters_names_and_modifiers_parse() {
        assert_eq!(parsed("j"), "j");
        assert_eq!(parsed("G"), "G");
        assert_eq!(parsed("?"), "?");
        assert_eq!(parsed("-"), "-");
        assert_eq!(parsed("Up"), "↑");
        assert_eq!(parsed("pagedown"), "PgDn");
        assert_eq!(parsed("Space"), "Space");
        assert_eq!(parsed("F12"), "F12");
        assert_eq!(parsed("Ctrl-x"), "Ctrl-x");
        assert_eq!(parsed("ctrl-X"), "Ctrl-x");
        assert_eq!(parsed("Alt-j"), "Alt-j");
        assert_eq!(parsed("Ctrl-Alt-Left"), "Ctrl-Alt-←");
        assert_eq!(parsed("Ctrl--"), "Ctrl--");
    }

    #[test]
    fn bad_keys_say_so() {
        for bad in ["", "jj", "F13", "F0", "Ctrl-", "Hyper-x", "PgDown", "\t"] {
            let err = key(bad).unwrap_err();
            assert!(err.contains("is not a key"), "{bad:?}: {err}");
        }
    }
}

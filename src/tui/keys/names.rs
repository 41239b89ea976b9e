//! How keys are written on the screen: `j`, `PgDn`, `Ctrl-c`, and a run of digits as `1–9`.

use crossterm::event::{KeyCode, KeyModifiers};

use super::Key;

/// Keys as the help shows them: `j ↓`, and a run of digits as `1–9`.
pub fn keys_text(keys: &[Key]) -> String {
    let digits: Vec<char> = keys
        .iter()
        .filter_map(|k| match k.code {
            KeyCode::Char(c) if c.is_ascii_digit() => Some(c),
            _ => None,
        })
        .collect();
    if let (true, Some(first), Some(last)) = (
        digits.len() > 2 && digits.len() == keys.len(),
        digits.first(),
        digits.last(),
    ) {
        return format!("{first}–{last}");
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

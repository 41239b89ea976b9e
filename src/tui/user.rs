//! The user's config applied to the browser: `[keys]` on top of the default keymap (browsing and
//! the search line) and `[colors]` on top of the colour palette. Every problem is a `path:line:column: message` diagnostic, and what
//! was wrong keeps its default.

use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::style::Color;

use super::action::Action;
use super::keys::{Key, Keymap, Mode, key_name, parse};
use super::palette::Palette;
use crate::base::diagnostic::Diagnostic;
use crate::config::{Config, Located};

/// The keymap: the defaults, with each valid `[keys]` binding replacing its action's keys.
pub fn keymap(config: &Config) -> (Keymap, Vec<Diagnostic>) {
    let shown = shown(config);
    let mut problems = Vec::new();
    let defaults = Keymap::default();
    // Parse each binding; a bad action name or key rejects the whole binding.
    let mut wanted: Vec<(Action, Vec<Located<Key>>)> = Vec::new();
    for (name, keys) in &config.keys {
        match resolve(&defaults, name, keys) {
            Ok((action, keys)) => wanted.push((action, keys)),
            Err(problem) => problems.push(Diagnostic::new(&shown, problem.0, problem.1)),
        }
    }
    // A key named by two bindings of one mode: the later binding is rejected.
    let mut accepted: Vec<(Action, Vec<Located<Key>>)> = Vec::new();
    for (action, keys) in wanted {
        let mode = Keymap::rebind_mode(&action);
        let clash = keys.iter().find_map(|k| {
            accepted
                .iter()
                .filter(|(other, _)| Keymap::rebind_mode(other) == mode)
                .find(|(_, other)| other.iter().any(|o| o.value == k.value))
                .map(|(other, _)| (k, other.clone()))
        });
        match clash {
            Some((key, other)) => problems.push(twice(&shown, key, &other)),
            None => accepted.push((action, keys)),
        }
    }
    // A key still bound by default to an action that was not rebound: rejected, until none clash.
    loop {
        let map = build(&defaults, &accepted);
        let clash = accepted.iter().enumerate().find_map(|(i, (action, keys))| {
            let mode = Keymap::rebind_mode(action);
            keys.iter().find_map(|k| {
                map.bindings()
                    .iter()
                    .find(|b| Some(b.mode) == mode && b.key == k.value && b.action != *action)
                    .map(|b| (i, k.clone(), b.action.clone()))
            })
        });
        let Some((i, key, other)) = clash else {
            return (map, problems);
        };
        problems.push(twice(&shown, &key, &other));
        accepted.remove(i);
    }
}

/// The start-up footer notice for the config's `problems`: how many, and where to see each with
/// its place (short enough for the footer; the problems themselves can be long).
pub fn problems_notice(problems: &[Diagnostic]) -> Option<String> {
    match problems.len() {
        0 => None,
        1 => Some("1 config problem: `brief config` shows it and where".to_string()),
        n => Some(format!(
            "{n} config problems: `brief config` lists each and where"
        )),
    }
}

/// The palette for `color`, with the config's `[colors]` applied to the colour palette (ignored
/// without colour, but still checked).
pub fn palette(config: &Config, color: bool) -> (Palette, Vec<Diagnostic>) {
    let shown = shown(config);
    let mut palette = Palette::for_color(color);
    let mut problems = Vec::new();
    for (element, value) in &config.colors {
        let Some(parsed) = parse_color(&value.value) else {
            let message = format!(
                "'{}' is not a colour (a name such as cyan or darkgray, or #rrggbb); using the default",
                value.value
            );
            problems.push(Diagnostic::new(&shown, value.position, message));
            continue;
        };
        if !palette.set_color(&element.value, parsed, color) {
            let message = format!(
                "unknown colour setting '{}' (accent, highlight, bookmark, muted)",
                element.value
            );
            problems.push(Diagnostic::new(&shown, element.position, message));
        }
    }
    (palette, problems)
}

/// A colour name (as in assets/config.toml, ignoring case) or `#rrggbb`.
pub fn parse_color(text: &str) -> Option<Color> {
    if let Some(hex) = text.strip_prefix('#') {
        let value = u32::from_str_radix(hex, 16).ok()?;
        let [_, r, g, b] = value.to_be_bytes();
        return (hex.len() == 6).then_some(Color::Rgb(r, g, b));
    }
    let color = match text.to_ascii_lowercase().as_str() {
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "darkgray" | "darkgrey" => Color::DarkGray,
        "lightred" => Color::LightRed,
        "lightgreen" => Color::LightGreen,
        "lightyellow" => Color::LightYellow,
        "lightblue" => Color::LightBlue,
        "lightmagenta" => Color::LightMagenta,
        "lightcyan" => Color::LightCyan,
        "white" => Color::White,
        _ => return None,
    };
    Some(color)
}

/// The name a config file uses for `action`: its serde name (`select_next`), and
/// `toggle_theme_N` for the theme keys.
pub fn config_name(action: &Action) -> String {
    match action {
        Action::ToggleTheme(n) => format!("toggle_theme_{n}"),
        other => match serde_json::to_value(other) {
            Ok(serde_json::Value::String(name)) => name,
            _ => format!("{other:?}"),
        },
    }
}

fn shown(config: &Config) -> String {
    config
        .path
        .as_ref()
        .map_or_else(|| "config.toml".to_string(), |p| p.display().to_string())
}

type Problem = (crate::base::locate::LineCol, String);

/// The action a binding names and its keys, parsed.
fn resolve(
    defaults: &Keymap,
    name: &Located<String>,
    keys: &[Located<String>],
) -> Result<(Action, Vec<Located<Key>>), Problem> {
    let action = defaults
        .bindings()
        .iter()
        .filter(|b| matches!(b.mode, Mode::Normal | Mode::Search))
        .map(|b| &b.action)
        .find(|a| config_name(a) == name.value)
        .cloned()
        .ok_or_else(|| {
            let message = format!(
                "unknown action '{}' (the names are listed in `brief config --default`)",
                name.value
            );
            (name.position, message)
        })?;
    let mut parsed: Vec<Located<Key>> = Vec::new();
    for key in keys {
        let value = parse::key(&key.value).map_err(|reason| {
            let message = format!("{reason}; {} keeps its default keys", name.value);
            (key.position, message)
        })?;
        let typed = matches!(value.code, KeyCode::Char(_))
            && !value.modifiers.contains(KeyModifiers::CONTROL)
            && !value.modifiers.contains(KeyModifiers::ALT);
        if typed && Keymap::rebind_mode(&action) == Some(Mode::Search) {
            let message = format!(
                "'{}' is typed into a search, so it cannot also {}; {} keeps its default keys",
                key.value,
                action.label(),
                name.value
            );
            return Err((key.position, message));
        }
        if !parsed.iter().any(|p| p.value == value) {
            parsed.push(Located {
                value,
                position: key.position,
            });
        }
    }
    if parsed.is_empty() {
        let message = format!("no key for '{}'; it keeps its default keys", name.value);
        return Err((name.position, message));
    }
    Ok((action, parsed))
}

fn build(defaults: &Keymap, accepted: &[(Action, Vec<Located<Key>>)]) -> Keymap {
    let mut map = defaults.clone();
    for (action, keys) in accepted {
        let keys: Vec<Key> = keys.iter().map(|k| k.value).collect();
        map.rebind(action, &keys);
    }
    map
}

fn twice(shown: &str, key: &Located<Key>, other: &Action) -> Diagnostic {
    let message = format!(
        "key '{}' is also bound to {}; this binding is ignored and its action keeps its default keys",
        key_name(&key.value),
        config_name(other)
    );
    Diagnostic::new(shown, key.position, message)
}

#[cfg(test)]
mod tests;

//! The config file (`$XDG_CONFIG_HOME/brief/config.toml`, else `~/.config/brief/config.toml`, or
//! `--config PATH`): the default pack, trust, colours and key bindings. A bad file is reported with
//! line and column and brief carries on with the defaults for what was wrong; it is never fatal.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::pack::Diagnostic;
use crate::pack::locate::Position;

/// The default config, every option commented: `brief config --default` prints it.
pub const DEFAULT: &str = include_str!("../assets/config.toml");
/// Largest config file read.
const MAX_BYTES: u64 = 1024 * 1024;

/// A value from the file with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it is in the file.
    pub position: Position,
}

/// The settings a config file holds, after parsing (unresolved: key names and colours are checked
/// by the viewer, which knows its actions).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// The file it came from, if any.
    pub path: Option<PathBuf>,
    /// The pack folder to open by default.
    pub pack: Option<PathBuf>,
    /// Refuse packs from disk unless they verify.
    pub require_signed: bool,
    /// Trusted minisign public keys (base64).
    pub trusted_keys: Vec<String>,
    /// `auto`, `always` or `never`.
    pub color: Option<Located<String>>,
    /// Colour overrides: element name → colour name.
    pub colors: Vec<(Located<String>, Located<String>)>,
    /// Key bindings: action name → keys.
    pub keys: Vec<(Located<String>, Vec<Located<String>>)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    pack: Option<PathBuf>,
    #[serde(default)]
    require_signed: bool,
    #[serde(default)]
    trusted_keys: Vec<String>,
    color: Option<Spanned<String>>,
    #[serde(default)]
    colors: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
}

/// The keys of one binding, each placed at its string in the file (toml keeps one span for the
/// whole value, so the strings inside an array are found by scanning that span).
fn key_list(text: &str, value: &Spanned<toml::Value>) -> Result<Vec<Located<String>>, Position> {
    let span = value.span();
    let at = |offset: usize| Position::of_offset(text, offset);
    match value.get_ref() {
        toml::Value::String(key) => Ok(vec![Located {
            value: key.clone(),
            position: at(span.start),
        }]),
        toml::Value::Array(items) => {
            let starts = string_starts(text.get(span.clone()).unwrap_or_default());
            items
                .iter()
                .enumerate()
                .map(|(i, item)| match item {
                    toml::Value::String(key) => {
                        let offset = span.start + starts.get(i).copied().unwrap_or(0);
                        Ok(Located {
                            value: key.clone(),
                            position: at(offset),
                        })
                    }
                    _ => Err(at(span.start)),
                })
                .collect()
        }
        _ => Err(at(span.start)),
    }
}

/// Byte offsets of the string literals in a TOML array's text.
fn string_starts(array: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut chars = array.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' | '\'' => {
                starts.push(i);
                let mut escaped = false;
                for (_, d) in chars.by_ref() {
                    if d == c && !escaped {
                        break;
                    }
                    escaped = c == '"' && d == '\\' && !escaped;
                }
            }
            '#' => {
                for (_, d) in chars.by_ref() {
                    if d == '\n' {
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    starts
}

/// Where the config file is by default, from the environment's values.
pub fn default_path(xdg_config_home: Option<&str>, home: Option<&str>) -> Option<PathBuf> {
    match (
        xdg_config_home.filter(|v| !v.is_empty()),
        home.filter(|v| !v.is_empty()),
    ) {
        (Some(xdg), _) => Some(Path::new(xdg).join("brief/config.toml")),
        (None, Some(home)) => Some(Path::new(home).join(".config/brief/config.toml")),
        (None, None) => None,
    }
}

/// Loads the config: `explicit` (from `--config`) must exist; the default path may be absent.
/// Problems come back beside the config, which then holds the defaults for what was wrong.
pub fn load(explicit: Option<&Path>, default: Option<&Path>) -> (Config, Vec<Diagnostic>) {
    let (path, must_exist) = match (explicit, default) {
        (Some(p), _) => (p, true),
        (None, Some(p)) => (p, false),
        (None, None) => return (Config::default(), Vec::new()),
    };
    let shown = path.display().to_string();
    let text = match read_bounded(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !must_exist => {
            return (Config::default(), Vec::new());
        }
        Err(e) => {
            return (
                Config::default(),
                vec![Diagnostic::whole_file(
                    &shown,
                    format!("cannot read the config: {e}"),
                )],
            );
        }
    };
    let (mut config, problems) = parse(&text, &shown);
    config.path = Some(path.to_path_buf());
    (config, problems)
}

fn read_bounded(path: &Path) -> std::io::Result<String> {
    use std::io::Read;
    let mut text = String::new();
    std::fs::File::open(path)?
        .take(MAX_BYTES + 1)
        .read_to_string(&mut text)?;
    if text.len() as u64 > MAX_BYTES {
        return Err(std::io::Error::other(format!(
            "over the limit of {MAX_BYTES} bytes"
        )));
    }
    Ok(text)
}

/// Parses config text; `shown` names the file in messages.
pub fn parse(text: &str, shown: &str) -> (Config, Vec<Diagnostic>) {
    let raw: Raw = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            let at = Position::of_offset(text, e.span().map_or(0, |s| s.start));
            let message = format!("{}; using the default settings", e.message().trim());
            return (Config::default(), vec![Diagnostic::new(shown, at, message)]);
        }
    };
    let locate = |s: &Spanned<String>| Located {
        value: s.get_ref().clone(),
        position: Position::of_offset(text, s.span().start),
    };
    let color = raw.color.as_ref().map(locate);
    let mut problems = Vec::new();
    if let Some(c) = &color
        && !matches!(c.value.as_str(), "auto" | "always" | "never")
    {
        let message = format!(
            "color '{}' is not one of auto, always, never; using auto",
            c.value
        );
        problems.push(Diagnostic::new(shown, c.position, message));
    }
    let colors = raw
        .colors
        .iter()
        .map(|(k, v)| (locate(k), locate(v)))
        .collect();
    let mut keys = Vec::new();
    for (action, value) in &raw.keys {
        match key_list(text, value) {
            Ok(list) => keys.push((locate(action), list)),
            Err(at) => problems.push(Diagnostic::new(
                shown,
                at,
                format!(
                    "keys for '{}' must be a string or a list of strings; using its defaults",
                    action.get_ref()
                ),
            )),
        }
    }
    let config = Config {
        path: None,
        pack: raw.pack.filter(|p| !p.as_os_str().is_empty()),
        require_signed: raw.require_signed,
        trusted_keys: raw.trusted_keys,
        color: color.filter(|c| matches!(c.value.as_str(), "auto" | "always" | "never")),
        colors,
        keys,
    };
    (config, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_config_parses_cleanly() {
        let (config, problems) = parse(DEFAULT, "config.toml");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.pack, None);
    }

    #[test]
    fn values_keep_their_places() {
        let text = "pack = \"/packs/summit\"\ncolor = \"never\"\n[keys]\nquit = [\"q\", \"Ctrl-q\"]\nselect_next = \"j\"\n";
        let (config, problems) = parse(text, "c.toml");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.pack.as_deref(), Some(Path::new("/packs/summit")));
        let (action, keys) = &config.keys[0];
        assert_eq!(action.value, "quit");
        assert_eq!((action.position.line, action.position.column), (4, 1));
        assert_eq!((keys[1].position.line, keys[1].position.column), (4, 14));
    }

    #[test]
    fn a_syntax_error_is_placed_and_defaults_are_used() {
        let (config, problems) = parse("color = \"never\"\n[keys\n", "c.toml");
        assert_eq!(config, Config::default());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 2);
        assert!(
            problems[0].message.contains("using the default settings"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn an_unknown_setting_is_placed() {
        let (_, problems) = parse("\n\ncolour = \"never\"\n", "c.toml");
        assert_eq!((problems[0].line, problems[0].column), (3, 1));
        assert!(
            problems[0].message.contains("unknown field `colour`"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn a_bad_color_mode_is_reported_and_ignored() {
        let (config, problems) = parse("color = \"sometimes\"\n", "c.toml");
        assert_eq!(config.color, None);
        assert_eq!((problems[0].line, problems[0].column), (1, 9));
    }

    #[test]
    fn default_path_follows_xdg_then_home() {
        assert_eq!(
            default_path(Some("/x"), Some("/h")),
            Some(PathBuf::from("/x/brief/config.toml"))
        );
        assert_eq!(
            default_path(Some(""), Some("/h")),
            Some(PathBuf::from("/h/.config/brief/config.toml"))
        );
        assert_eq!(default_path(None, None), None);
    }
}

//! The config file (`$XDG_CONFIG_HOME/brief/config.toml`, else `~/.config/brief/config.toml`, or
//! `--config PATH`): the default pack, trust, colours and key bindings. A bad file is reported with
//! line and column and brief carries on with the defaults for what was wrong; it is never fatal.

use std::path::{Path, PathBuf};
use std::time::Duration;

use toml::Spanned;

use crate::base::diagnostic::Diagnostic;
use crate::base::file::{self, Links};
use crate::base::inert::visible;
use crate::base::locate::LineCol;

/// The default config, every option commented: `brief config --default` prints it.
pub const DEFAULT: &str = include_str!("../assets/config.toml");
/// Largest config file read.
const MAX_BYTES: u64 = 1024 * 1024;
/// Seconds a card stays in view before it counts as read, unless the config says otherwise:
/// long enough to tell stopping to read a card (its title and first sentence take a few seconds)
/// from passing over it, which takes well under a second a card; short enough that a card read
/// without scrolling still counts.
pub const DEFAULT_READ_AFTER: u64 = 3;
/// The largest `read_after` taken (an hour).
const MAX_READ_AFTER: u64 = 3600;

/// A value from the file with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it is in the file.
    pub position: LineCol,
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
    /// Seconds a card stays in view before it counts as read (0: never by time); `None`: the
    /// default, [`DEFAULT_READ_AFTER`].
    pub read_after: Option<u64>,
    /// Why the trust settings cannot be known (the file could not be read, or `require_signed`
    /// could not): then no pack is opened from disk unless `--require-signed` checks it.
    pub trust_in_doubt: Option<String>,
}

impl Config {
    /// How long a card stays in view before it counts as read; `None` when that is turned off.
    pub fn read_after(&self) -> Option<Duration> {
        let seconds = self.read_after.unwrap_or(DEFAULT_READ_AFTER);
        (seconds > 0).then(|| Duration::from_secs(seconds))
    }
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
/// Problems come back beside the config, which then holds the defaults for what was wrong. A file
/// that is there but cannot be read at all leaves the trust settings in doubt
/// ([`Config::trust_in_doubt`]): it might have said `require_signed = true`.
pub fn load(explicit: Option<&Path>, default: Option<&Path>) -> (Config, Vec<Diagnostic>) {
    let (path, must_exist) = match (explicit, default) {
        (Some(p), _) => (p, true),
        (None, Some(p)) => (p, false),
        (None, None) => return (Config::default(), Vec::new()),
    };
    let shown = visible(&path.display().to_string()).into_owned();
    let text = match file::read_bounded(path, MAX_BYTES, Links::Follow) {
        Ok(bytes) => bytes,
        Err(e) if e.is_not_found() && !must_exist => return (Config::default(), Vec::new()),
        Err(e) => {
            let problem = Diagnostic::whole_file(&shown, format!("cannot read the config: {e}"));
            let config = Config {
                path: Some(path.to_path_buf()),
                trust_in_doubt: Some(problem.to_string()),
                ..Config::default()
            };
            return (config, vec![problem]);
        }
    };
    let (mut config, problems) = match std::str::from_utf8(&text) {
        Ok(text) => parse(text, &shown),
        Err(e) => {
            let valid = std::str::from_utf8(&text[..e.valid_up_to()]).unwrap_or_default();
            let at = LineCol::of_offset(valid, valid.len());
            let problem = Diagnostic::new(&shown, at, "invalid UTF-8; using the default settings");
            let config = Config {
                trust_in_doubt: names_trust(&String::from_utf8_lossy(&text))
                    .then(|| problem.to_string()),
                ..Config::default()
            };
            (config, vec![problem])
        }
    };
    config.path = Some(path.to_path_buf());
    (config, problems)
}

/// The settings that decide which packs are trusted.
const TRUST_SETTINGS: [&str; 2] = ["require_signed", "trusted_keys"];
/// Every top-level setting, for the message about an unknown one.
const KNOWN: &str = "pack, require_signed, trusted_keys, color, read_after, colors, keys";

/// Whether `text` mentions a trust setting outside a comment.
fn names_trust(text: &str) -> bool {
    text.lines()
        .any(|line| TRUST_SETTINGS.iter().any(|name| mentions(line, name)))
}

/// Parses config text; `shown` names the file in messages. Every mistake is reported, each with
/// its place, and a mistake in one setting leaves every other setting in force.
pub fn parse(text: &str, shown: &str) -> (Config, Vec<Diagnostic>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut parser = Parser {
        text,
        shown,
        config: Config::default(),
        problems: Vec::new(),
    };
    let (table, errors) = toml::de::DeTable::parse_recoverable(text);
    for e in &errors {
        let at = e.span().map_or(0, |s| s.start);
        parser.problem(at, format!("{}; that line is ignored", e.message().trim()));
    }
    for (key, value) in table.get_ref() {
        parser.setting(key, value);
    }
    let Parser {
        mut config,
        mut problems,
        ..
    } = parser;
    problems.sort_by_key(|p| (p.line, p.column));
    let require_signed_read = table
        .get_ref()
        .get("require_signed")
        .is_some_and(|v| v.get_ref().as_bool().is_some());
    if !require_signed_read && text.lines().any(|l| mentions(l, "require_signed")) {
        let first = problems.first().map(ToString::to_string);
        config.trust_in_doubt =
            Some(first.unwrap_or_else(|| format!("{shown}: require_signed could not be read")));
    }
    (config, problems)
}

/// Whether `line` (outside a comment) holds `name`.
fn mentions(line: &str, name: &str) -> bool {
    let line = line.trim_start();
    !line.starts_with('#') && line.contains(name)
}

type Value<'i> = Spanned<toml::de::DeValue<'i>>;

/// Reads the settings one at a time, keeping what is right and reporting what is not.
struct Parser<'t> {
    text: &'t str,
    shown: &'t str,
    config: Config,
    problems: Vec<Diagnostic>,
}

impl Parser<'_> {
    /// Reports a mistake at `offset`, unless one is reported there already (a syntax error the
    /// parser recovered from may leave a value of the wrong type at the same place).
    fn problem(&mut self, offset: usize, message: String) {
        let at = LineCol::of_offset(self.text, offset);
        if !self
            .problems
            .iter()
            .any(|p| (p.line, p.column) == (at.line, at.column))
        {
            self.problems.push(Diagnostic::new(self.shown, at, message));
        }
    }

    fn located(&self, value: &str, offset: usize) -> Located<String> {
        Located {
            value: value.to_string(),
            position: LineCol::of_offset(self.text, offset),
        }
    }

    /// One top-level setting.
    fn setting(&mut self, key: &Spanned<toml::de::DeString<'_>>, value: &Value<'_>) {
        let at = value.span().start;
        let wrong = |what: &str| format!("{} must be {what}; it is ignored", key.get_ref());
        match key.get_ref().as_ref() {
            "pack" => match value.get_ref().as_str() {
                Some(dir) if !dir.is_empty() => self.config.pack = Some(PathBuf::from(dir)),
                Some(_) => {}
                None => self.problem(at, wrong("a string (a pack folder)")),
            },
            "require_signed" => match value.get_ref().as_bool() {
                Some(on) => self.config.require_signed = on,
                None => self.problem(at, wrong("true or false")),
            },
            "trusted_keys" => self.trusted_keys(value),
            "color" => match value.get_ref().as_str() {
                Some(mode @ ("auto" | "always" | "never")) => {
                    self.config.color = Some(self.located(mode, at));
                }
                Some(other) => {
                    let message = format!(
                        "color '{}' is not one of auto, always, never; using auto",
                        visible(other)
                    );
                    self.problem(at, message);
                }
                None => self.problem(at, wrong("one of \"auto\", \"always\", \"never\"")),
            },
            "read_after" => self.read_after(value),
            "colors" => self.colors(value),
            "keys" => self.keys(value),
            other => {
                let message = format!(
                    "unknown setting `{}` (known: {KNOWN}); it is ignored",
                    visible(other)
                );
                self.problem(key.span().start, message);
            }
        }
    }

    fn trusted_keys(&mut self, value: &Value<'_>) {
        let Some(items) = value.get_ref().as_array() else {
            let message = "trusted_keys must be a list of key strings; it is ignored".to_string();
            return self.problem(value.span().start, message);
        };
        for item in items {
            match item.get_ref().as_str() {
                Some(key) => self.config.trusted_keys.push(key.to_string()),
                None => self.problem(
                    item.span().start,
                    "a trusted key must be a string; this one is ignored".into(),
                ),
            }
        }
    }

    fn read_after(&mut self, value: &Value<'_>) {
        let seconds = value.get_ref().as_integer().and_then(|i| {
            let n = u64::from_str_radix(i.as_str(), i.radix()).ok()?;
            (n <= MAX_READ_AFTER).then_some(n)
        });
        if let Some(n) = seconds {
            self.config.read_after = Some(n);
        } else {
            let message = format!(
                "read_after must be a whole number of seconds from 0 (never by time) to {MAX_READ_AFTER}; using {DEFAULT_READ_AFTER}"
            );
            self.problem(value.span().start, message);
        }
    }

    fn colors(&mut self, value: &Value<'_>) {
        let Some(table) = value.get_ref().as_table() else {
            let message = "colors must be a table ([colors]); it is ignored".to_string();
            return self.problem(value.span().start, message);
        };
        for (name, colour) in table {
            if let Some(c) = colour.get_ref().as_str() {
                let pair = (
                    self.located(name.get_ref(), name.span().start),
                    self.located(c, colour.span().start),
                );
                self.config.colors.push(pair);
            } else {
                let message = format!(
                    "the colour for '{}' must be a string; using its default",
                    visible(name.get_ref())
                );
                self.problem(colour.span().start, message);
            }
        }
    }

    fn keys(&mut self, value: &Value<'_>) {
        let Some(table) = value.get_ref().as_table() else {
            let message = "keys must be a table ([keys]); it is ignored".to_string();
            return self.problem(value.span().start, message);
        };
        for (action, keys) in table {
            let strings: Option<Vec<Located<String>>> = match keys.get_ref() {
                toml::de::DeValue::String(key) => Some(vec![self.located(key, keys.span().start)]),
                toml::de::DeValue::Array(items) => items
                    .iter()
                    .map(|i| {
                        i.get_ref()
                            .as_str()
                            .map(|k| self.located(k, i.span().start))
                    })
                    .collect(),
                _ => None,
            };
            if let Some(list) = strings {
                let action = self.located(action.get_ref(), action.span().start);
                self.config.keys.push((action, list));
            } else {
                let message = format!(
                    "keys for '{}' must be a string or a list of strings; using its defaults",
                    visible(action.get_ref())
                );
                self.problem(keys.span().start, message);
            }
        }
    }
}

#[cfg(test)]
mod tests;

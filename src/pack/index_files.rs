//! `themes.json` and `sources.json`: parsed, bounded and sanitized like cards, and checked (ids
//! usable and unique, theme keys 1–9 and unique). Without them no card can be checked, so a problem
//! here refuses the whole pack.

use std::borrow::Cow;

use super::raw::{RawFile, text_of};
use crate::base::diagnostic::Diagnostic;
use crate::base::sanitize::{Lines, sanitize};
use crate::pack::model::{Source, Theme};
use crate::pack::validate::is_kebab;
use crate::pack::visible::blank;
use crate::pack::{LoadOptions, PackError};

/// Parses `themes.json` or `sources.json` and sanitizes every string in it.
pub(super) fn parse_index<T: serde::de::DeserializeOwned + serde::Serialize>(
    file: &RawFile,
    options: &LoadOptions,
) -> Result<Vec<T>, PackError> {
    let text = text_of(file).map_err(|d| PackError::Index(vec![d]))?;
    let mut value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| PackError::Index(vec![Diagnostic::from_json(&file.path(), &e)]))?;
    let mut too_long = false;
    sanitize_value(&mut value, options.limits.max_string_bytes, &mut too_long);
    if too_long {
        let message = format!(
            "a string is over the limit of {} bytes",
            options.limits.max_string_bytes
        );
        return Err(PackError::Index(vec![Diagnostic::whole_file(
            &file.path(),
            message,
        )]));
    }
    serde_json::from_str(text)
        .and_then(|_: Vec<T>| serde_json::from_value(value))
        .map_err(|e| PackError::Index(vec![Diagnostic::from_json(&file.path(), &e)]))
}

fn sanitize_value(value: &mut serde_json::Value, max: usize, too_long: &mut bool) {
    match value {
        serde_json::Value::String(s) => {
            *too_long |= s.len() > max;
            if let Cow::Owned(clean) = sanitize(s, Lines::Join) {
                *s = clean;
            }
        }
        serde_json::Value::Array(items) => items
            .iter_mut()
            .for_each(|v| sanitize_value(v, max, too_long)),
        serde_json::Value::Object(map) => map
            .values_mut()
            .for_each(|v| sanitize_value(v, max, too_long)),
        _ => {}
    }
}

/// The rules for `themes.json` and `sources.json`: ids usable and unique, theme keys 1–9 and unique.
pub(super) fn check_index(
    themes_file: &RawFile,
    themes: &[Theme],
    sources_file: &RawFile,
    sources: &[Source],
) -> Result<(), PackError> {
    let mut problems = check_themes(themes_file, themes);
    problems.extend(check_sources(sources_file, sources));
    if problems.is_empty() {
        Ok(())
    } else {
        Err(PackError::Index(problems))
    }
}

/// A problem at `key` of the `i`th entry of `file`.
fn at(file: &RawFile, i: usize, key: &str, msg: String) -> Diagnostic {
    use crate::base::locate::{Seg, locate};
    let text = text_of(file).unwrap_or_default();
    Diagnostic::new(
        &file.path(),
        locate(text, &[Seg::Index(i), Seg::Key(key)]),
        msg,
    )
}

/// Theme ids kebab-case and unique, labels and descriptions that show something (the header's
/// tabs and `brief themes` print them), keys 1–9 and unique.
fn check_themes(file: &RawFile, themes: &[Theme]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    if themes.is_empty() {
        problems.push(Diagnostic::whole_file(
            &file.path(),
            "no themes (a pack needs at least one)",
        ));
    }
    for (i, t) in themes.iter().enumerate() {
        if !is_kebab(&t.id) {
            let msg = format!("theme id '{}' is not kebab-case", t.id);
            problems.push(at(file, i, "id", msg));
        } else if themes[..i].iter().any(|o| o.id == t.id) {
            problems.push(at(file, i, "id", format!("duplicate theme id '{}'", t.id)));
        }
        for (key, text) in [("label", &t.label), ("description", &t.description)] {
            if let Some(reason) = blank(format_args!("theme {key}"), text) {
                problems.push(at(file, i, key, reason));
            }
        }
        if !(1..=9).contains(&t.key) {
            let msg = format!("key {} is not a digit from 1 to 9", t.key);
            problems.push(at(file, i, "key", msg));
        } else if themes[..i].iter().any(|o| o.key == t.key) {
            let msg = format!("key {} is used by two themes", t.key);
            problems.push(at(file, i, "key", msg));
        }
    }
    problems
}

/// Source ids that show something and are unique.
fn check_sources(file: &RawFile, sources: &[Source]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (i, s) in sources.iter().enumerate() {
        if let Some(reason) = blank("source id", &s.id) {
            problems.push(at(file, i, "id", reason));
        } else if sources[..i].iter().any(|o| o.id == s.id) {
            problems.push(at(file, i, "id", format!("duplicate source id '{}'", s.id)));
        }
    }
    problems
}

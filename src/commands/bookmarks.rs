//! `brief bookmarks add|rm|list|move`: the bookmarks in the state file, in the user's agenda order,
//! for scripts. Each change is on disk before the command says so; a bad id or place changes
//! nothing.

use std::borrow::Cow;
use std::io::Write;

use serde::Serialize;

use crate::base::sanitize::{Lines, sanitize};
use crate::base::time;
use crate::cli::{BookmarksCommand, Format, Settings};
use crate::corpus::Corpus;
use crate::exit::{Failure, Outcome};
use crate::packfile::FileError;
use crate::state::{State, Store};

/// Runs `brief bookmarks ...` against the state file the settings name.
pub fn run(
    corpus: &Corpus,
    settings: &Settings,
    command: &BookmarksCommand,
    out: &mut dyn Write,
) -> Result<Outcome, Failure> {
    match command {
        BookmarksCommand::List(format) => {
            let mut store = Store::open_to_read(&settings.state);
            warn(&store.take_notices(), None);
            list(corpus, store.state(), *format, out)
        }
        BookmarksCommand::Add(ids, format) => {
            let outcome = change(corpus, &mut Store::open(&settings.state), ids, true)?;
            report(&outcome, *format, out)
        }
        BookmarksCommand::Rm(ids, format) => {
            let outcome = change(corpus, &mut Store::open(&settings.state), ids, false)?;
            report(&outcome, *format, out)
        }
        BookmarksCommand::Move { id, to, format } => {
            let mut store = Store::open(&settings.state);
            let (place, len) = move_to(corpus, &mut store, id, *to)?;
            if *format == Format::Text {
                writeln!(out, "moved {} to place {place} of {len}", shown(id))?;
                Ok(Outcome::Ok)
            } else {
                list(corpus, store.state(), *format, out)
            }
        }
    }
}

/// Moves bookmark `id` to place `to` (from 1) of the agenda; its place and the agenda's length.
/// A state that cannot be used is exit 3 (checked first: its bookmarks are unknown, so "not
/// bookmarked" would be a guess), a card that is not bookmarked is not found (exit 1), a place
/// outside the agenda a usage error (exit 2); each changes nothing.
fn move_to(
    corpus: &Corpus,
    store: &mut Store,
    id: &str,
    to: usize,
) -> Result<(usize, usize), Failure> {
    let notices = store.take_notices();
    if let Some(e) = store.unusable() {
        let e = e.clone();
        warn(&notices, Some(&e.to_string()));
        return Err(e.into());
    }
    let len = store.state().bookmark_count();
    if !store.state().is_bookmarked(id) {
        warn(&notices, None);
        let what = if corpus.find(id)?.is_some() {
            "is not bookmarked"
        } else {
            "names no bookmark and no card"
        };
        return Err(Failure::NotFound(format!(
            "'{}' {what} (see `brief bookmarks list`); nothing was changed",
            shown(id)
        )));
    }
    if !(1..=len).contains(&to) {
        warn(&notices, None);
        return Err(Failure::Usage(format!(
            "--to {to}: the agenda has {len} bookmark(s), so N must be from 1 to {len}; nothing was changed"
        )));
    }
    warn(&notices, None);
    store.move_bookmark(id, to - 1)?;
    warn(&store.take_notices(), None);
    Ok((to, len))
}

/// What `bookmarks add` or `rm` did to one card, in `--json` output.
#[derive(Serialize)]
struct Change<'a> {
    /// The id as typed, inert.
    id: Cow<'a, str>,
    /// Whether the card is bookmarked now.
    bookmarked: bool,
    /// Whether this command changed it (false: it already was so).
    changed: bool,
}

/// Prints what changed: one line per id, or the list as JSON.
fn report(changes: &[Change<'_>], format: Format, out: &mut dyn Write) -> Result<Outcome, Failure> {
    match format {
        Format::Json => super::write_json(out, &changes)?,
        Format::Text => {
            for c in changes {
                let verb = match (c.bookmarked, c.changed) {
                    (true, true) => "bookmarked",
                    (true, false) => "already bookmarked",
                    (false, true) => "removed bookmark",
                    (false, false) => "not bookmarked",
                };
                writeln!(out, "{verb} {}", c.id)?;
            }
        }
    }
    Ok(Outcome::Ok)
}

/// Adds (`on`) or removes the bookmarks, all in one save. Every id is checked first, so an unknown
/// one (exit 1) or a state file that cannot be written (exit 3) leaves the file as it was.
fn change<'a>(
    corpus: &Corpus,
    store: &mut Store,
    ids: &'a [String],
    on: bool,
) -> Result<Vec<Change<'a>>, Failure> {
    let mut wanted: Vec<&'a str> = Vec::new();
    for id in ids {
        if !wanted.contains(&id.as_str()) {
            wanted.push(id);
        }
    }
    // A bookmark whose card left the pack can still be removed.
    let mut unknown: Vec<String> = Vec::new();
    for id in &wanted {
        let known = corpus.find(id)?.is_some() || (!on && store.state().is_bookmarked(id));
        if !known {
            unknown.push(format!("'{}'", shown(id)));
        }
    }
    let notices = store.take_notices();
    if !unknown.is_empty() {
        warn(&notices, None);
        return Err(Failure::NotFound(format!(
            "no card with id {} in {} (see `brief list`); nothing was changed",
            unknown.join(", "),
            corpus.describe()
        )));
    }
    if let Some(e) = store.unusable() {
        let e = e.clone();
        warn(&notices, Some(&e.to_string()));
        return Err(e.into());
    }
    warn(&notices, None);
    let before: Vec<bool> = wanted
        .iter()
        .map(|id| store.state().is_bookmarked(id))
        .collect();
    store.set_bookmarks(&wanted, on)?;
    warn(&store.take_notices(), None);
    Ok(wanted
        .iter()
        .zip(before)
        .map(|(id, was)| Change {
            id: shown(id),
            bookmarked: on,
            changed: was != on,
        })
        .collect())
}

/// One bookmark in `--json` output.
#[derive(Serialize)]
struct Row<'a> {
    /// Its place in the agenda, from 1.
    place: usize,
    /// From the state file, which may be edited by hand: inert like pack text.
    id: Cow<'a, str>,
    /// The card's title, `null` if the card is not in the pack.
    title: Option<Cow<'a, str>>,
    /// When it was bookmarked, Unix milliseconds.
    added: u64,
    /// The same time, RFC 3339 UTC.
    added_at: String,
    /// The card is no longer in the pack (the bookmark is kept).
    missing: bool,
    /// Inert, like the id.
    note: Option<Cow<'a, str>>,
}

/// Prints the bookmarks in agenda order, numbered; a card no longer in the pack is marked missing.
fn list(
    corpus: &Corpus,
    state: &State,
    format: Format,
    out: &mut dyn Write,
) -> Result<Outcome, Failure> {
    let rows: Vec<Row<'_>> = state
        .bookmarks()
        .into_iter()
        .enumerate()
        .map(|(n, (id, added))| {
            let title = corpus.title_of(id)?;
            Ok(Row {
                place: n + 1,
                id: shown(id),
                missing: title.is_none(),
                title,
                added,
                added_at: time::rfc3339(added),
                note: state.note(id).map(|n| sanitize(n, Lines::Keep)),
            })
        })
        .collect::<Result<_, FileError>>()?;
    match format {
        Format::Json => super::write_json(out, &rows)?,
        Format::Text => {
            let width = rows.iter().map(|r| r.id.chars().count()).max().unwrap_or(0);
            // "1." to "12." and so on, right-aligned.
            let number = rows.len().to_string().len() + 1;
            let missing = format!("(missing: no such card in {})", corpus.describe());
            for row in &rows {
                let (id, place) = (&row.id, format!("{}.", row.place));
                let when = time::human(row.added);
                let title = row.title.as_deref().unwrap_or(&missing);
                writeln!(out, "{place:>number$} {id:width$}  {when}  {title}")?;
                if let Some(note) = &row.note {
                    let indent = number + 1 + width;
                    writeln!(out, "{:indent$}  note: {}", "", sanitize(note, Lines::Join))?;
                }
            }
        }
    }
    Ok(Outcome::Ok)
}

/// An id from the command line or the state file, safe to print.
fn shown(id: &str) -> Cow<'_, str> {
    sanitize(id, Lines::Join)
}

/// Prints the store's notices to stderr, leaving out one the caller is about to report itself.
fn warn(notices: &[String], except: Option<&str>) {
    for notice in notices.iter().filter(|n| Some(n.as_str()) != except) {
        crate::base::inert::warn(notice);
    }
}

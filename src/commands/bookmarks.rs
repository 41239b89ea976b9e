//! `brief bookmarks add|rm|list|move`: the bookmarks in the state file, in the user's agenda order,
//! for scripts. Each change is on disk before the command says so; a bad id or place changes
//! nothing and creates nothing (no state folder, no lock file).

use std::borrow::Cow;
use std::collections::HashSet;
use std::io::Write;

use serde::Serialize;

use crate::base::sanitize::{Lines, sanitize};
use crate::base::time;
use crate::cli::{BookmarksCommand, Format, Settings};
use crate::corpus::Corpus;
use crate::exit::{Failure, Outcome};
use crate::packfile::FileError;
use crate::state::{State, StateLocation, Store};

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
        BookmarksCommand::Add(ids, format) | BookmarksCommand::Rm(ids, format) => {
            let on = matches!(command, BookmarksCommand::Add(..));
            let wanted = distinct(ids);
            let check = |store: &Store| known(corpus, store, &wanted, on);
            let mut store = open_to_change(&settings.state, check)?;
            let outcome = change(&mut store, &wanted, on)?;
            report(&outcome, *format, out)
        }
        BookmarksCommand::Move { id, to, format } => {
            let check = |store: &Store| movable(corpus, store, id, *to);
            let mut store = open_to_change(&settings.state, check)?;
            let (place, len) = move_to(&mut store, id, *to)?;
            if *format == Format::Text {
                writeln!(out, "moved {} to place {place} of {len}", shown(id))?;
                Ok(Outcome::Ok)
            } else {
                list(corpus, store.state(), *format, out)
            }
        }
    }
}

/// Opens the state for a change that `check` allows. It is checked first against the state as
/// it stands, opened to read: a change refused there creates nothing (no state folder, no lock
/// file). Then again against the state opened for writing, which another process may have
/// changed in between. The notices of both are said once each.
fn open_to_change(
    location: &StateLocation,
    check: impl Fn(&Store) -> Result<(), Failure>,
) -> Result<Store, Failure> {
    let mut read = Store::open_to_read(location);
    let mut said = read.take_notices();
    if let Err(refused) = check(&read) {
        warn(&said, Some(&refused.to_string()));
        return Err(refused);
    }
    let mut store = Store::open(location);
    for notice in store.take_notices() {
        if !said.contains(&notice) {
            said.push(notice);
        }
    }
    let checked = check(&store);
    warn(
        &said,
        checked.as_ref().err().map(ToString::to_string).as_deref(),
    );
    checked.map(|()| store)
}

/// Exit 3 if the state cannot be kept this session.
fn usable(store: &Store) -> Result<(), Failure> {
    match store.unusable() {
        Some(e) => Err(e.clone().into()),
        None => Ok(()),
    }
}

/// Whether bookmark `id` can go to place `to` (from 1) of the agenda. A state that cannot be used
/// is exit 3 (checked first: its bookmarks are unknown, so "not bookmarked" would be a guess), a
/// card that is not bookmarked is not found (exit 1), a place outside the agenda a usage error
/// (exit 2).
fn movable(corpus: &Corpus, store: &Store, id: &str, to: usize) -> Result<(), Failure> {
    usable(store)?;
    if !store.state().is_bookmarked(id) {
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
    let len = store.state().bookmark_count();
    if !(1..=len).contains(&to) {
        return Err(Failure::Usage(format!(
            "--to {to}: the agenda has {len} bookmark(s), so N must be from 1 to {len}; nothing was changed"
        )));
    }
    Ok(())
}

/// Moves bookmark `id` to place `to` (from 1) of the agenda; where it is after the save (from 1)
/// and the agenda's length: the save merges what other processes wrote since the state was
/// read, so the card may not be at the place asked for (it goes next to the card it passed).
fn move_to(store: &mut Store, id: &str, to: usize) -> Result<(usize, usize), Failure> {
    store.move_bookmark(id, to.saturating_sub(1))?;
    warn(&store.take_notices(), None);
    let state = store.state();
    match state.agenda_place(id) {
        Some(place) => Ok((place.saturating_add(1), state.bookmark_count())),
        None => Err(Failure::NotFound(format!(
            "'{}' was un-bookmarked by another brief meanwhile, so it was not moved",
            shown(id)
        ))),
    }
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

/// The ids, each once, in the order first given.
fn distinct(ids: &[String]) -> Vec<&str> {
    let mut seen = HashSet::new();
    ids.iter()
        .map(String::as_str)
        .filter(|id| seen.insert(*id))
        .collect()
}

/// Whether every id can be bookmarked (`on`: it names a card) or un-bookmarked (also a bookmark
/// whose card left the pack): an unknown one is exit 1; then a state that cannot be kept, exit 3.
fn known(corpus: &Corpus, store: &Store, wanted: &[&str], on: bool) -> Result<(), Failure> {
    let mut unknown: Vec<String> = Vec::new();
    for id in wanted {
        let known = corpus.find(id)?.is_some() || (!on && store.state().is_bookmarked(id));
        if !known {
            unknown.push(format!("'{}'", shown(id)));
        }
    }
    if !unknown.is_empty() {
        return Err(Failure::NotFound(format!(
            "no card with id {} in {} (see `brief list`); nothing was changed",
            unknown.join(", "),
            corpus.describe()
        )));
    }
    usable(store)
}

/// Adds (`on`) or removes the bookmarks (checked by [`known`]), all in one save.
fn change<'a>(store: &mut Store, wanted: &[&'a str], on: bool) -> Result<Vec<Change<'a>>, Failure> {
    let before: Vec<bool> = wanted
        .iter()
        .map(|id| store.state().is_bookmarked(id))
        .collect();
    store.set_bookmarks(wanted, on)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    // `bookmarks move` printed the place asked for. Another process may write between the
    // command's read and its save; the move then lands next to the card it passed, and that is
    // where the card is.
    #[test]
    fn a_move_says_where_the_card_is_after_the_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let mut other = Store::open_path(&path);
        other.set_bookmarks(&["a", "b", "c"], true).unwrap();
        let mut store = Store::open_path(&path);
        // The file now reads b, a, c; this store still sees a, b, c.
        other.move_bookmark("b", 0).unwrap();
        // To place 1, passing a: just above a, so second.
        assert_eq!(move_to(&mut store, "c", 1).unwrap(), (2, 3));
        let order: Vec<&str> = store.state().bookmarks().iter().map(|b| b.0).collect();
        assert_eq!(order, ["b", "c", "a"]);
    }
}

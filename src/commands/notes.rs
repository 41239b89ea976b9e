//! `brief notes [--format text|md|json] [-o FILE] [--force]`: every note in the state file, with
//! its card's title; a card no longer in the pack is marked missing (the note is kept). As
//! Markdown (`--format md`), a notes-only brief to hand on: the cards on the agenda first, in its
//! order, then the other noted cards in pack order, each with its sources. Standard output, or a
//! file written atomically as `brief export` writes one.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::base::sanitize::{Lines, sanitize};
use crate::base::time;
use crate::cli::{NotesFormat, NotesOutput, Settings};
use crate::corpus::Corpus;
use crate::exit::{Failure, Outcome};
use crate::export::{self, Meta, NoteItem};
use crate::packfile::FileError;
use crate::state::{State, Store};

/// One note in `--json` output.
#[derive(Serialize)]
struct Row {
    id: String,
    /// The card's title, `null` if the card is not in the pack.
    title: Option<String>,
    /// The note's text.
    text: String,
    /// When it was last written, RFC 3339 UTC.
    written_at: String,
    /// The card is no longer in the pack (the note is kept).
    missing: bool,
}

/// Prints (or writes to the file asked for) the notes.
pub fn run(
    corpus: &Corpus,
    settings: &Settings,
    request: &NotesOutput,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, Failure> {
    let mut store = Store::open_to_read(&settings.state);
    for notice in store.take_notices() {
        crate::base::inert::warn(notice);
    }
    let state = store.state();
    let count = state.notes().len();
    let text = match request.format {
        NotesFormat::Md => markdown(corpus, state)?,
        NotesFormat::Json => {
            let mut text = serde_json::to_string_pretty(&rows(corpus, state)?)
                .map_err(std::io::Error::from)?;
            text.push('\n');
            text
        }
        NotesFormat::Text => plain(corpus, state)?,
    };
    match &request.output {
        None => out.write_all(text.as_bytes())?,
        Some(path) => {
            export::write_file(path, text.as_bytes(), request.force)
                .map_err(|e| Failure::Export(e.to_string()))?;
            crate::base::inert::warn(format_args!("wrote {count} note(s) to {}", path.display()));
        }
    }
    Ok(if count == 0 {
        Outcome::NothingMatched
    } else {
        Outcome::Ok
    })
}

/// The notes, oldest first, each with its card's title; the state file is the user's, but it
/// may have been edited by hand: everything from it is made inert.
fn rows(corpus: &Corpus, state: &State) -> Result<Vec<Row>, FileError> {
    state
        .notes()
        .into_iter()
        .map(|(id, text, at)| {
            let title = corpus.title_of(id)?.map(Cow::into_owned);
            Ok(Row {
                id: sanitize(id, Lines::Join).into_owned(),
                missing: title.is_none(),
                title,
                text: sanitize(text, Lines::Keep).into_owned(),
                written_at: time::rfc3339(at),
            })
        })
        .collect()
}

/// One note after another: the id and title, then the note indented.
fn plain(corpus: &Corpus, state: &State) -> Result<String, FileError> {
    let missing = format!("(missing: no such card in {})", corpus.describe());
    let mut text = String::new();
    for row in rows(corpus, state)? {
        let title = row.title.as_deref().unwrap_or(&missing);
        let _ = writeln!(text, "{}  {title}", row.id);
        for line in row.text.lines() {
            let _ = writeln!(text, "    {line}");
        }
    }
    Ok(text)
}

/// The notes brief (see the module docs for its order). The cards are found by id and decoded
/// together (from a pack file, each block once).
fn markdown(corpus: &Corpus, state: &State) -> Result<String, FileError> {
    // A blank note (only in a hand-edited file) says nothing: no renderer shows it.
    let notes: Vec<(&str, &str, Option<usize>)> = state
        .notes()
        .into_iter()
        .filter(|(_, note, _)| !note.trim().is_empty())
        .map(|(id, note, _)| Ok((id, note, corpus.find(id)?)))
        .collect::<Result<_, FileError>>()?;
    // The agenda's cards first, in its order; then the rest in pack order.
    let agenda: HashMap<&str, usize> = state
        .bookmarks()
        .into_iter()
        .enumerate()
        .map(|(n, (id, _))| (id, n))
        .collect();
    let mut found: Vec<(usize, &str, &str)> = notes
        .iter()
        .filter_map(|&(id, note, at)| at.map(|at| (at, id, note)))
        .collect();
    found.sort_by_key(|&(at, id, _)| agenda.get(id).map_or((1, at), |&n| (0, n)));
    let positions: Vec<usize> = found.iter().map(|&(at, _, _)| at).collect();
    let cards = corpus.cards_at(&positions)?;
    let mut items: Vec<NoteItem<'_>> = found
        .iter()
        .zip(&cards)
        .map(|(&(_, id, note), card)| NoteItem::Card {
            card,
            note,
            place: state.agenda_place(id),
        })
        .collect();
    items.extend(
        notes
            .iter()
            .filter(|(_, _, at)| at.is_none())
            .map(|&(id, note, _)| NoteItem::Missing { id, note }),
    );
    let meta = Meta {
        exported_at: time::human(time::now_ms()),
        pack: corpus.describe(),
        query: String::new(),
        bookmarks_only: false,
        noted_only: true,
    };
    Ok(export::notes_markdown(corpus, &meta, &items))
}

//! `brief notes [--format text|md|json] [-o FILE] [--force]`: every note in the state file, with
//! its card's title; a card no longer in the pack is marked missing (the note is kept). As
//! Markdown (`--format md`), a notes-only brief to hand on: the cards on the agenda first, in its
//! order, then the other noted cards in pack order, each with its sources. Standard output, or a
//! file written atomically as `brief export` writes one.

use std::collections::HashSet;
use std::fmt::Write as _;

use serde::Serialize;

use crate::base::sanitize::{Lines, sanitize};
use crate::base::time;
use crate::cli::{NotesFormat, NotesOutput, Settings};
use crate::corpus::Corpus;
use crate::exit::{Failure, Outcome};
use crate::export::{self, Meta, NoteItem};
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
        NotesFormat::Md => markdown(corpus, state),
        NotesFormat::Json => {
            let mut text =
                serde_json::to_string_pretty(&rows(corpus, state)).map_err(std::io::Error::from)?;
            text.push('\n');
            text
        }
        NotesFormat::Text => plain(corpus, state),
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
fn rows(corpus: &Corpus, state: &State) -> Vec<Row> {
    state
        .notes()
        .into_iter()
        .map(|(id, text, at)| {
            let title = corpus.card(id).map(|c| c.title.clone());
            Row {
                id: sanitize(id, Lines::Join).into_owned(),
                missing: title.is_none(),
                title,
                text: sanitize(text, Lines::Keep).into_owned(),
                written_at: time::rfc3339(at),
            }
        })
        .collect()
}

/// One note after another: the id and title, then the note indented.
fn plain(corpus: &Corpus, state: &State) -> String {
    let missing = format!("(missing: no such card in {})", corpus.describe());
    let mut text = String::new();
    for row in rows(corpus, state) {
        let title = row.title.as_deref().unwrap_or(&missing);
        let _ = writeln!(text, "{}  {title}", row.id);
        for line in row.text.lines() {
            let _ = writeln!(text, "    {line}");
        }
    }
    text
}

/// The notes brief (see the module docs for its order).
fn markdown(corpus: &Corpus, state: &State) -> String {
    // A blank note (only in a hand-edited file) says nothing: no renderer shows it.
    let notes: Vec<(&str, &str, u64)> = state
        .notes()
        .into_iter()
        .filter(|(_, note, _)| !note.trim().is_empty())
        .collect();
    let with_note: HashSet<&str> = notes.iter().map(|&(id, _, _)| id).collect();
    let mut items: Vec<NoteItem<'_>> = Vec::new();
    let on_card = |card, note| NoteItem::Card {
        card,
        note,
        bookmarked: state.is_bookmarked(&card.id),
    };
    let mut done: HashSet<&str> = HashSet::new();
    for (id, _) in state.bookmarks() {
        if let (Some(card), Some(note)) = (corpus.card(id), state.note(id))
            && with_note.contains(id)
        {
            items.push(on_card(card, note));
            done.insert(id);
        }
    }
    for card in &corpus.cards {
        if let Some(note) = state.note(&card.id)
            && with_note.contains(card.id.as_str())
            && !done.contains(card.id.as_str())
        {
            items.push(on_card(card, note));
        }
    }
    items.extend(
        notes
            .iter()
            .filter(|(id, _, _)| corpus.card(id).is_none())
            .map(|&(id, note, _)| NoteItem::Missing { id, note }),
    );
    let meta = Meta {
        exported_at: time::human(time::now_ms()),
        pack: corpus.describe(),
        query: String::new(),
        bookmarks_only: false,
        noted_only: true,
    };
    export::notes_markdown(corpus, &meta, &items)
}

//! `brief export [QUERY] --format md|json [-o FILE] [--force]`: the matching cards, with the user's
//! notes and bookmarks, for a brief. Standard output by default; a file is written atomically and
//! never replaces an existing one without `--force`.

use std::io::Write;
use std::path::Path;

use crate::base::time;
use crate::cli::{ExportFormat, Settings};
use crate::corpus::Corpus;
use crate::exit::{Failure, Outcome};
use crate::export::{self, Item, Meta};
use crate::search;
use crate::state::Store;

/// What to export and where.
pub struct Request<'a> {
    /// The query text.
    pub query: &'a str,
    /// Markdown or JSON.
    pub format: ExportFormat,
    /// The file, or standard output.
    pub output: Option<&'a Path>,
    /// Replace an existing file.
    pub force: bool,
    /// Leave out the cards without a note.
    pub noted: bool,
}

/// Exports the cards matching the request's query, ranked as `brief list` ranks them (a query
/// for bookmarks: in the agenda's order), those with a note only if asked.
pub fn run(
    settings: &Settings,
    corpus: &Corpus,
    request: &Request<'_>,
    out: &mut dyn Write,
) -> Result<Outcome, Failure> {
    let parsed = search::parse(request.query, &corpus.themes).map_err(|e| Failure::Query {
        query: request.query.to_string(),
        error: e,
    })?;
    let mut store = Store::open_to_read(&settings.state);
    for notice in store.take_notices() {
        crate::base::inert::warn(notice);
    }
    let state = store.state();
    let hits = corpus.try_hits(&parsed, state)?;
    let positions: Vec<usize> = hits.iter().map(|h| h.card).collect();
    let cards = corpus.cards_at(&positions)?;
    let items: Vec<Item<'_>> = cards
        .iter()
        .filter(|card| !request.noted || has_note(state, &card.id))
        .map(|card| Item {
            card,
            place: state.agenda_place(&card.id),
            note: state.note(&card.id),
        })
        .collect();
    let meta = Meta {
        exported_at: time::human(time::now_ms()),
        pack: corpus.describe(),
        query: request.query.to_string(),
        bookmarks_only: false,
        noted_only: request.noted,
    };
    let text = match request.format {
        ExportFormat::Md => export::try_markdown(corpus, &meta, &items)?,
        ExportFormat::Json => export::json(&meta, &items),
    };
    match request.output {
        None => out.write_all(text.as_bytes())?,
        Some(path) => {
            export::write_file(path, text.as_bytes(), request.force)
                .map_err(|e| Failure::Export(e.to_string()))?;
            crate::base::inert::warn(format_args!(
                "exported {} card(s) to {}",
                items.len(),
                path.display()
            ));
        }
    }
    Ok(if items.is_empty() {
        Outcome::NothingMatched
    } else {
        Outcome::Ok
    })
}

/// Whether the card has a note that says something (a blank one, only in a hand-edited file, is
/// shown nowhere, so it counts as none).
fn has_note(state: &crate::state::State, id: &str) -> bool {
    state.note(id).is_some_and(|n| !n.trim().is_empty())
}

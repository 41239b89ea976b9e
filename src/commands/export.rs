//! `brief export [QUERY] --format md|json [-o FILE] [--force]`: the matching cards, with the user's
//! notes and bookmarks, for a brief. Standard output by default; a file is written atomically and
//! never replaces an existing one without `--force`.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

use crate::base::time;
use crate::cli::{ExportFormat, Settings};
use crate::corpus::Corpus;
use crate::exit::{Failure, Outcome};
use crate::export::{self, ExportError, Meta, StreamError};
use crate::packfile::FileError;
use crate::search;
use crate::state::{State, Store};

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
    let parsed = search::parse(request.query, corpus.themes()).map_err(|e| Failure::Query {
        query: request.query.to_string(),
        error: e,
    })?;
    let mut store = Store::open_to_read(&settings.state);
    for notice in store.take_notices() {
        crate::base::inert::warn(notice);
    }
    let state = store.state();
    let hits = corpus.try_hits(&parsed, state)?;
    let mut positions: Vec<usize> = hits.iter().map(|h| h.card).collect();
    drop(hits);
    if request.noted {
        let noted = noted_positions(corpus, state)?;
        positions.retain(|p| noted.contains(p));
    }
    let meta = Meta {
        exported_at: time::human(time::now_ms()),
        pack: corpus.describe(),
        query: request.query.to_string(),
        bookmarks_only: false,
        noted_only: request.noted,
    };
    let marks = StateMarks(state);
    // The cards are read and written a run at a time: a big pack's export is never held whole.
    let mut make = |out: &mut dyn Write| match request.format {
        ExportFormat::Md => export::write_markdown(corpus, &meta, &positions, &marks, out),
        ExportFormat::Json => export::write_json(corpus, &meta, &positions, &marks, out),
    };
    match request.output {
        None => make(out).map_err(|e| match e {
            StreamError::Card(e) => Failure::File(e),
            StreamError::Write(e) => Failure::Output(e),
        })?,
        Some(path) => {
            export::write_file_from(path, request.force, &mut make).map_err(|e| match e {
                ExportError::Card(e) => Failure::File(e),
                other => Failure::Export(other.to_string()),
            })?;
            crate::base::inert::warn(format_args!(
                "exported {} card(s) to {}",
                positions.len(),
                path.display()
            ));
        }
    }
    Ok(if positions.is_empty() {
        Outcome::NothingMatched
    } else {
        Outcome::Ok
    })
}

/// The user's bookmarks and notes, as the export looks them up.
struct StateMarks<'a>(&'a State);

impl export::Marks for StateMarks<'_> {
    fn place(&self, id: &str) -> Option<usize> {
        self.0.agenda_place(id)
    }

    fn note(&self, id: &str) -> Option<&str> {
        self.0.note(id)
    }
}

/// The positions of the cards that have a note that says something (a blank one, only in a
/// hand-edited file, is shown nowhere, so it counts as none): found by the notes' ids, so no
/// card is read for it.
fn noted_positions(corpus: &Corpus, state: &State) -> Result<HashSet<usize>, FileError> {
    let mut noted = HashSet::new();
    for (id, text, _) in state.notes() {
        if !text.trim().is_empty()
            && let Some(position) = corpus.find(id)?
        {
            noted.insert(position);
        }
    }
    Ok(noted)
}

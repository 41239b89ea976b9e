//! `brief notes`: every note in the state file, with its card's title; a card no longer in the pack
//! is marked missing (the note is kept).

use std::io::Write;

use serde::Serialize;

use std::borrow::Cow;

use crate::base::sanitize::{Lines, sanitize};
use crate::base::time;
use crate::cli::{Format, Settings};
use crate::corpus::Corpus;
use crate::exit::{Failure, Outcome};
use crate::packfile::FileError;
use crate::state::Store;

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

/// Prints the notes, in card-id order.
pub fn run(
    corpus: &Corpus,
    settings: &Settings,
    format: Format,
    out: &mut dyn Write,
) -> Result<Outcome, Failure> {
    let mut store = Store::open_to_read(&settings.state);
    for notice in store.take_notices() {
        crate::base::inert::warn(notice);
    }
    // The state file is the user's, but it may have been edited by hand: print it inert too.
    let rows: Vec<Row> = store
        .state()
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
        .collect::<Result<_, FileError>>()?;
    match format {
        Format::Json => super::write_json(out, &rows)?,
        Format::Text => {
            for row in &rows {
                let missing = format!("(missing: no such card in {})", corpus.describe());
                writeln!(
                    out,
                    "{}  {}",
                    row.id,
                    row.title.as_deref().unwrap_or(&missing)
                )?;
                for line in row.text.lines() {
                    writeln!(out, "    {line}")?;
                }
            }
        }
    }
    Ok(if rows.is_empty() {
        Outcome::NothingMatched
    } else {
        Outcome::Ok
    })
}

//! `brief show ID`: one card in full with the user's note, as plain text or JSON.

use std::io::Write;

use serde::Serialize;

use crate::base::sanitize::{Lines, sanitize};
use crate::cli::{Format, Settings};
use crate::corpus::Corpus;
use crate::exit::{Failure, Outcome};
use crate::pack::Card;
use crate::state::Store;
use crate::view::CardView;
use crate::view::card::{NOTE_LABEL, SEPARATOR};

/// The card and the user's note, in `--json` output.
#[derive(Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    card: &'a Card,
    /// From the state file (which may be edited by hand), inert like pack text; `null` if none.
    note: Option<String>,
}

/// Prints the card `id` and its note; an id that names no card is an error naming it (exit 1).
/// Reading the note creates no state file.
pub fn run(
    corpus: &Corpus,
    settings: &Settings,
    id: &str,
    format: Format,
    out: &mut dyn Write,
) -> Result<Outcome, Failure> {
    let Some(position) = corpus.find(id)? else {
        let shown = sanitize(id, Lines::Join);
        return Err(Failure::NotFound(format!(
            "no card with id '{shown}' in {} (see `brief list`)",
            corpus.describe()
        )));
    };
    let card = corpus.card_at(position)?;
    let card = card.as_ref();
    let mut store = Store::open_to_read(&settings.state);
    for notice in store.take_notices() {
        crate::base::inert::warn(notice);
    }
    let note = store
        .state()
        .note(&card.id)
        .map(|n| sanitize(n, Lines::Keep).into_owned());
    match format {
        Format::Json => super::write_json(out, &Shown { card, note })?,
        Format::Text => write_text(&CardView::try_of(corpus, card, note.as_deref())?, out)?,
    }
    Ok(Outcome::Ok)
}

/// The card's sections (see [`CardView`]) as plain lines: the title, the id and themes, the
/// summary, the note, then each section under its label (one on one line as `Label: a · b`).
fn write_text(view: &CardView<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "{}", view.title)?;
    writeln!(out, "{}{SEPARATOR}{}", view.id, view.themes.join(SEPARATOR))?;
    writeln!(out)?;
    writeln!(out, "{}", view.summary)?;
    writeln!(out)?;
    if let Some(note) = view.note {
        writeln!(out, "{NOTE_LABEL}")?;
        for line in note.lines() {
            writeln!(out, "  {line}")?;
        }
        writeln!(out)?;
    }
    for section in &view.sections {
        if let Some(separator) = section.kind.inline() {
            writeln!(
                out,
                "{}: {}",
                section.kind.label(),
                section.joined(separator)
            )?;
            continue;
        }
        writeln!(out, "{}", section.kind.label())?;
        for item in &section.items {
            match item.link {
                Some(id) => writeln!(out, "  {id}  {}", item.text)?,
                None => writeln!(out, "  • {}", item.text)?,
            }
        }
    }
    Ok(())
}

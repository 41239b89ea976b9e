//! `brief show ID`: one card in full with the user's note, as plain text or JSON.

use std::io::Write;

use serde::Serialize;

use crate::base::sanitize::{Lines, sanitize};
use crate::cli::{Format, Settings};
use crate::exit::{Failure, Outcome};
use crate::pack::{Card, Pack, cite};
use crate::state::Store;

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
    pack: &Pack,
    settings: &Settings,
    id: &str,
    format: Format,
    out: &mut dyn Write,
) -> Result<Outcome, Failure> {
    let Some(card) = pack.card(id) else {
        let shown = crate::base::sanitize::sanitize(id, crate::base::sanitize::Lines::Join);
        return Err(Failure::NotFound(format!(
            "no card with id '{shown}' in {} (see `brief list`)",
            pack.describe()
        )));
    };
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
        Format::Text => write_text(pack, card, note.as_deref(), out)?,
    }
    Ok(Outcome::Ok)
}

/// The card as the viewer's card pane orders it: the note under `✎ Your note` after the summary.
fn write_text(
    pack: &Pack,
    card: &Card,
    note: Option<&str>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    write_head(pack, card, out)?;
    if let Some(note) = note {
        writeln!(out, "✎ Your note")?;
        for line in note.lines() {
            writeln!(out, "  {line}")?;
        }
        writeln!(out)?;
    }
    write_body(pack, card, out)
}

/// The title, themes, sources and summary.
fn write_head(pack: &Pack, card: &Card, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "{}", card.title)?;
    let themes: Vec<String> = card
        .themes
        .iter()
        .map(|t| {
            pack.theme(t)
                .map_or_else(|| t.clone(), |th| th.label.clone())
        })
        .collect();
    writeln!(out, "{} · {}", card.id, themes.join(" · "))?;
    let cites: Vec<String> = card.sources.iter().map(cite::short).collect();
    writeln!(out, "Sources: {}", cites.join(" · "))?;
    writeln!(out)?;
    writeln!(out, "{}", card.summary)?;
    writeln!(out)
}

/// The key points, figures, quotes, actors, tags and related cards.
fn write_body(pack: &Pack, card: &Card, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "Key points")?;
    for point in &card.points {
        writeln!(out, "  • {point}")?;
    }
    if !card.figures.is_empty() {
        writeln!(out, "Figures")?;
        for f in &card.figures {
            match &f.context {
                Some(context) => writeln!(out, "  {}: {} ({context})", f.label, f.value)?,
                None => writeln!(out, "  {}: {}", f.label, f.value)?,
            }
        }
    }
    if !card.quotes.is_empty() {
        writeln!(out, "Quotes")?;
        for q in &card.quotes {
            writeln!(out, "  “{}” — {}", q.words, q.speaker)?;
        }
    }
    if !card.actors.is_empty() {
        writeln!(out, "Actors: {}", card.actors.join(", "))?;
    }
    if !card.tags.is_empty() {
        writeln!(out, "Tags: {}", card.tags.join(", "))?;
    }
    if !card.related.is_empty() {
        writeln!(out, "Related:")?;
        for id in &card.related {
            let title = pack.card(id).map_or("", |c| c.title.as_str());
            writeln!(out, "  {id}  {title}")?;
        }
    }
    Ok(())
}

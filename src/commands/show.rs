//! `brief show ID`: one card in full, as plain text or JSON.

use std::io::Write;

use crate::cli::Format;
use crate::exit::{Failure, Outcome};
use crate::pack::{Card, Pack, cite};

/// Prints the card `id`; an id that names no card is an error naming it (exit 1).
pub fn run(pack: &Pack, id: &str, format: Format, out: &mut dyn Write) -> Result<Outcome, Failure> {
    let Some(card) = pack.card(id) else {
        let shown = crate::pack::sanitize::sanitize(id, crate::pack::sanitize::Lines::Join);
        return Err(Failure::NotFound(format!(
            "no card with id '{shown}' in {} (see `brief list`)",
            pack.describe()
        )));
    };
    match format {
        Format::Json => super::write_json(out, card)?,
        Format::Text => write_text(pack, card, out)?,
    }
    Ok(Outcome::Ok)
}

fn write_text(pack: &Pack, card: &Card, out: &mut dyn Write) -> std::io::Result<()> {
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
    writeln!(out)?;
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

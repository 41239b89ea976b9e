//! `brief themes`: the themes in display order, with their keys and card counts.

use std::io::Write;

use serde::Serialize;

use crate::cli::Format;
use crate::corpus::Corpus;
use crate::exit::{Failure, Outcome};

#[derive(Serialize)]
struct Row<'a> {
    key: u8,
    id: &'a str,
    label: &'a str,
    description: &'a str,
    cards: usize,
}

/// Prints every theme of the pack.
pub fn run(corpus: &Corpus, format: Format, out: &mut dyn Write) -> Result<Outcome, Failure> {
    let counts = corpus.theme_counts()?;
    let rows: Vec<Row<'_>> = corpus
        .themes()
        .iter()
        .zip(counts)
        .map(|(t, cards)| Row {
            key: t.key,
            id: &t.id,
            label: &t.label,
            description: &t.description,
            cards,
        })
        .collect();
    match format {
        Format::Json => super::write_json(out, &rows)?,
        Format::Text => {
            let id_w = rows.iter().map(|r| r.id.chars().count()).max().unwrap_or(0);
            let label_w = rows
                .iter()
                .map(|r| r.label.chars().count())
                .max()
                .unwrap_or(0);
            for r in &rows {
                writeln!(
                    out,
                    "{}  {:id_w$}  {:label_w$}  {:>3} cards  {}",
                    r.key, r.id, r.label, r.cards, r.description
                )?;
            }
        }
    }
    Ok(Outcome::Ok)
}

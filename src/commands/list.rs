//! `brief list [QUERY]`: one line per matching card.

use std::io::Write;

use serde::Serialize;

use crate::cli::Format;
use crate::exit::{Failure, Outcome};
use crate::pack::{Card, Pack};

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    title: &'a str,
    themes: &'a [String],
}

/// Prints the cards matching `query` (all of its words, in title or summary, ignoring case).
pub fn run(
    pack: &Pack,
    query: &str,
    format: Format,
    out: &mut dyn Write,
) -> Result<Outcome, Failure> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let hits: Vec<&Card> = pack.cards.iter().filter(|c| matches(c, &words)).collect();
    match format {
        Format::Json => {
            let rows: Vec<Row<'_>> = hits
                .iter()
                .map(|c| Row {
                    id: &c.id,
                    title: &c.title,
                    themes: &c.themes,
                })
                .collect();
            super::write_json(out, &rows)?;
        }
        Format::Text => {
            let width = hits.iter().map(|c| c.id.chars().count()).max().unwrap_or(0);
            for card in &hits {
                writeln!(out, "{:width$}  {}", card.id, card.title)?;
            }
        }
    }
    Ok(if hits.is_empty() {
        Outcome::NothingMatched
    } else {
        Outcome::Ok
    })
}

fn matches(card: &Card, words: &[String]) -> bool {
    let title = card.title.to_lowercase();
    let summary = card.summary.to_lowercase();
    words
        .iter()
        .all(|w| title.contains(w.as_str()) || summary.contains(w.as_str()))
}

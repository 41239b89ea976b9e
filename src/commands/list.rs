//! `brief list [QUERY]`: one line per matching card, best match first.

use std::io::Write;

use rayon::prelude::*;
use serde::Serialize;

use crate::cli::{Format, Settings};
use crate::exit::{Failure, Outcome};
use crate::pack::Pack;
use crate::search::{self, FieldMatch, Flags, NoFlags, Query};
use crate::state::Store;

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    title: &'a str,
    themes: &'a [String],
    score: u32,
    matches: Vec<FieldMatch>,
}

/// The bookmarks, read marks and notes that `is:` filters look at: the state file, opened only
/// when the query has an `is:` filter (listing needs no state otherwise). The one place the CLI
/// gets them.
fn cli_flags(settings: &Settings, query: &Query) -> Box<dyn Flags + Sync> {
    if !query.uses_state() {
        return Box::new(NoFlags);
    }
    let mut store = Store::open_to_read(&settings.state);
    for notice in store.take_notices() {
        crate::base::inert::warn(notice);
    }
    Box::new(store.state().clone())
}

/// How many lines `list` builds in one piece of text (some 64 kB).
const RUN: usize = 1024;

/// Prints the cards matching `query`, ranked. A malformed query is a usage error (exit 2).
pub fn run(
    settings: &Settings,
    pack: &Pack,
    query: &str,
    format: Format,
    out: &mut dyn Write,
) -> Result<Outcome, Failure> {
    let parsed = search::parse(query, &pack.themes).map_err(|e| Failure::Query {
        query: query.to_string(),
        error: e,
    })?;
    // One query, once: a parallel scan reads each card once and costs less than building the
    // index the viewer keeps (the two give the same answer; tests/search_props.rs checks it).
    let hits = search::scan(&pack.cards, &parsed, cli_flags(settings, &parsed).as_ref());
    match format {
        Format::Json => {
            let rows: Vec<Row<'_>> = hits
                .iter()
                .map(|hit| {
                    let card = &pack.cards[hit.card];
                    Row {
                        id: &card.id,
                        title: &card.title,
                        themes: &card.themes,
                        score: hit.score,
                        matches: parsed.highlights(card),
                    }
                })
                .collect();
            super::write_json(out, &rows)?;
        }
        Format::Text => {
            // The lines built on every core, a run of cards at a time, and written in large pieces
            // (a query may match most of a big pack, and reading the cards is mostly waiting on
            // memory): the same text as `writeln!(out, "{:width$}  {}", ...)`.
            let width = hits
                .par_iter()
                .map(|h| pack.cards[h.card].id.chars().count())
                .max()
                .unwrap_or(0);
            let lines = |run: &[search::Hit]| {
                let mut buf = String::new();
                for hit in run {
                    let card = &pack.cards[hit.card];
                    buf.push_str(&card.id);
                    let pad = width.saturating_sub(card.id.chars().count());
                    buf.extend(std::iter::repeat_n(' ', pad + 2));
                    buf.push_str(&card.title);
                    buf.push('\n');
                }
                buf
            };
            crate::pieces::in_pieces(&hits, RUN, lines, |piece| out.write_all(piece.as_bytes()))?;
        }
    }
    Ok(if hits.is_empty() {
        Outcome::NothingMatched
    } else {
        Outcome::Ok
    })
}

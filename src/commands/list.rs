//! `brief list [QUERY]`: one line per matching card, best match first.

use std::io::Write;

use rayon::prelude::*;
use serde::Serialize;

use crate::cli::{Format, Settings};
use crate::corpus::Corpus;
use crate::exit::{Failure, Outcome};
use crate::packfile::cards::Row as Line;
use crate::search::{self, FieldMatch, Flags, Hit, NoFlags, Query};
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
    corpus: &Corpus,
    query: &str,
    format: Format,
    out: &mut dyn Write,
) -> Result<Outcome, Failure> {
    let parsed = search::parse(query, corpus.themes()).map_err(|e| Failure::Query {
        query: query.to_string(),
        error: e,
    })?;
    let hits = corpus.try_hits(&parsed, cli_flags(settings, &parsed).as_ref())?;
    match format {
        Format::Json => write_rows(corpus, &parsed, &hits, out)?,
        Format::Text => write_lines(corpus, &hits, out)?,
    }
    Ok(if hits.is_empty() {
        Outcome::NothingMatched
    } else {
        Outcome::Ok
    })
}

/// The hits as JSON rows, with their scores and what matched.
fn write_rows(
    corpus: &Corpus,
    query: &Query,
    hits: &[Hit],
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let positions: Vec<usize> = hits.iter().map(|h| h.card).collect();
    let cards = corpus.cards_at(&positions)?;
    let rows: Vec<Row<'_>> = hits
        .iter()
        .zip(&cards)
        .map(|(hit, card)| Row {
            id: &card.id,
            title: &card.title,
            themes: &card.themes,
            score: hit.score,
            matches: query.highlights(card),
        })
        .collect();
    super::write_json(out, &rows)
}

/// The hits as `ID  TITLE` lines, the ids padded to one width: the same text as
/// `writeln!(out, "{:width$}  {}", ...)`, built on every core a run of cards at a time and
/// written in large pieces (a query may match most of a big pack, and reading the cards is
/// mostly waiting on memory). Only ids and titles are read (a pack file's tables whole when the
/// hits are many: [`Corpus::rows`]): no card of a pack file is decoded.
fn write_lines(corpus: &Corpus, hits: &[Hit], out: &mut dyn Write) -> Result<(), Failure> {
    if hits.is_empty() {
        return Ok(());
    }
    let positions: Vec<usize> = hits.iter().map(|h| h.card).collect();
    let rows = corpus.rows(&positions)?;
    let width = rows
        .par_iter()
        .map(|(id, _)| id.chars().count())
        .max()
        .unwrap_or(0);
    let lines = |run: &[Line<'_>]| {
        let len: usize = run.iter().map(|(_, title)| title.len()).sum();
        let mut buf = String::with_capacity(len + run.len() * (width + 3));
        for (id, title) in run {
            buf.push_str(id);
            let pad = width.saturating_sub(id.chars().count());
            buf.extend(std::iter::repeat_n(' ', pad + 2));
            buf.push_str(title);
            buf.push('\n');
        }
        Ok(buf)
    };
    crate::pieces::in_pieces(&rows, RUN, lines, |piece| {
        out.write_all(piece.as_bytes()).map_err(Failure::from)
    })
}

//! The JSON export, written as it is made: the meta fields, then the cards with their bookmark
//! flags and notes, each serialized on its own (on every core, a run of cards at a time) and
//! indented to its place, so the whole is byte for byte what one pretty-printing of it gives.

use std::borrow::Cow;
use std::io::Write;

use serde::Serialize;

use super::cards::Cards;
use super::{Item, Meta, StreamError};
use crate::base::sanitize::{Lines, sanitize};
use crate::pack::Card;

/// How many cards are serialized in one piece of text, on one core.
const CARDS_PER_PIECE: usize = 128;

/// The document with no cards: its text up to the cards' list is the head of every export.
#[derive(Serialize)]
struct Head<'a> {
    #[serde(flatten)]
    meta: &'a Meta,
    cards: [(); 0],
}

/// One card as exported.
#[derive(Serialize)]
pub(super) struct JsonCard<'a> {
    #[serde(flatten)]
    pub(super) card: &'a Card,
    pub(super) bookmarked: bool,
    /// From the state file, which may be edited by hand: inert like pack text.
    pub(super) note: Option<Cow<'a, str>>,
}

impl<'a> JsonCard<'a> {
    /// The card of `item`, as exported.
    pub(super) fn of(item: &Item<'a>) -> JsonCard<'a> {
        JsonCard {
            card: item.card,
            bookmarked: item.place.is_some(),
            note: item.note.map(|n| sanitize(n, Lines::Keep)),
        }
    }
}

/// The meta as exported: the query made inert.
pub(super) fn clean(meta: &Meta) -> Meta {
    Meta {
        query: sanitize(&meta.query, Lines::Join).into_owned(),
        ..meta.clone()
    }
}

/// Writes the JSON export of `cards` to `out`.
pub(super) fn write(
    meta: &Meta,
    cards: &Cards<'_>,
    out: &mut dyn Write,
) -> Result<(), StreamError> {
    let meta = &clean(meta);
    let head = serde_json::to_string_pretty(&Head { meta, cards: [] }).map_err(io_error)?;
    // `…"cards": []\n}`: the cards go between the brackets.
    let head = head.strip_suffix("[]\n}").unwrap_or(&head);
    out.write_all(head.as_bytes())?;
    if cards.len() == 0 {
        return Ok(out.write_all(b"[]\n}\n")?);
    }
    out.write_all(b"[")?;
    let mut first = true;
    cards.each_run(|items| {
        crate::pieces::in_pieces(items, CARDS_PER_PIECE, pieces, |piece| {
            // Each card comes after a comma; the first card of all, after none.
            let piece = if first {
                piece.strip_prefix(',').unwrap_or(piece)
            } else {
                piece
            };
            first = false;
            Ok(out.write_all(piece.as_bytes())?)
        })
    })?;
    Ok(out.write_all(b"\n  ]\n}\n")?)
}

/// The cards of `run`, each after a comma, on a new line, indented as the third level of the
/// document (a pretty-printed string holds no newline of its own: each one starts a line).
fn pieces(run: &[Item<'_>]) -> Result<String, StreamError> {
    let mut text = String::new();
    for item in run {
        let card = serde_json::to_string_pretty(&JsonCard::of(item)).map_err(io_error)?;
        text.push_str(",\n    ");
        text.push_str(&card.replace('\n', "\n    "));
    }
    Ok(text)
}

/// Serializing to a string fails only on data JSON cannot hold: an error as writing's would be.
fn io_error(e: serde_json::Error) -> StreamError {
    StreamError::Write(e.into())
}

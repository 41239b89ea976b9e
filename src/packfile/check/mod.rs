//! `brief validate FILE`: all of a pack file checked, in the order a reader meets it, stopping
//! at the first damaged part: the header and part table; every part's every checksum (and no
//! two parts overlapping); the pack's facts, themes and sources; every id and title; the id
//! order; every card decoded and checked by the loader's own rules, the rules across cards
//! (unique ids, related cards that exist and link back) and pack order; the tables against the
//! cards (ids, titles, themes); the search index opened by its own reader; and last, the id
//! and title tables and the index's parts byte for byte against those brief build makes of
//! the cards (`built.rs`).

use std::path::Path;
use std::sync::Arc;

use super::cards::{FileCards, IDS, MEMBERSHIP, ORDER, TITLES};
use super::parts::Parts;
use super::{FileError, FileParts};
use crate::pack::validate::{self, Context, Origin};
use crate::pack::{Card, LoadOptions, first_out_of_order};
use crate::search::{CardIds, FileIndex};

mod built;

/// What a sound file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checked {
    /// How many cards.
    pub cards: usize,
    /// How many parts.
    pub parts: usize,
}

/// Checks the whole pack file at `path`; the error names the first damaged part.
pub fn check_file(path: &Path, options: &LoadOptions) -> Result<Checked, FileError> {
    let parts = FileParts::open(path)?;
    parts.check_all().map_err(|e| parts.error(e))?;
    let names: Vec<String> = parts.entries().iter().map(|e| e.name.clone()).collect();
    let shown = parts.shown().to_owned();
    let parts: Arc<dyn Parts> = Arc::new(parts);
    let file = FileCards::open(parts, &shown, options)?;
    file.load_tables()?;
    let ids = (0..file.len())
        .map(|i| file.id(i).map(std::borrow::Cow::into_owned))
        .collect::<Result<Vec<String>, _>>()?;
    for i in 0..file.len() {
        file.title(i)?;
    }
    check_order(&file, &ids)?;
    let cards = file.all_cards()?;
    check_rules(&file, &cards)?;
    check_tables(&file, &cards)?;
    check_index(&file)?;
    built::check_built(&file, &cards, &names)?;
    Ok(Checked {
        cards: cards.len(),
        parts: names.len(),
    })
}

/// `cards.order` lists every card once, by ascending id, and each card is found by its id at
/// its own position.
fn check_order(file: &FileCards, ids: &[String]) -> Result<(), FileError> {
    // Read whole, its ids strictly ascending: a permutation of the cards.
    file.ids().load_order().map_err(|e| file.error(e))?;
    for (k, id) in ids.iter().enumerate() {
        let found = file.position(id)?;
        if found != Some(k) {
            let why = match found {
                None => format!("card {k} ('{id}') cannot be found by its id"),
                Some(other) => format!("card {k}'s id '{id}' leads to card {other}"),
            };
            return Err(FileError::new(file.shown(), ORDER, why));
        }
    }
    Ok(())
}

/// The rules across cards, and pack order.
fn check_rules(file: &FileCards, cards: &[Card]) -> Result<(), FileError> {
    let damaged = |why: String| FileError::new(file.shown(), super::cards::BLOCKS, why);
    let linked: Vec<(&Card, Origin<'_>)> = cards
        .iter()
        .map(|c| {
            let origin = Origin {
                folder: "",
                name: "",
                text: "",
            };
            (c, origin)
        })
        .collect();
    if let Some((i, d)) = validate::check_links(&linked).into_iter().next() {
        return Err(damaged(format!(
            "card {i} ('{}'): {}",
            cards[i].id, d.message
        )));
    }
    let ctx = Context::new(file.themes(), file.sources());
    if let Some(i) = first_out_of_order(cards, &ctx) {
        return Err(damaged(format!(
            "card {i} ('{}') is out of pack order (by first theme, then id)",
            cards[i].id
        )));
    }
    Ok(())
}

/// The id, title and theme tables say what the cards say.
fn check_tables(file: &FileCards, cards: &[Card]) -> Result<(), FileError> {
    let themes = file.themes();
    let bits = file.theme_bits()?;
    for (i, card) in cards.iter().enumerate() {
        if file.id(i)? != card.id {
            let why = format!("card {i}: id '{}' is not the card's", file.id(i)?);
            return Err(FileError::new(file.shown(), IDS, why));
        }
        if file.title(i)? != card.title {
            let why = format!("card {i} ('{}'): the title is not the card's", card.id);
            return Err(FileError::new(file.shown(), TITLES, why));
        }
        let want = themes
            .iter()
            .enumerate()
            .filter(|(_, t)| card.themes.contains(&t.id))
            .fold(0u16, |b, (k, _)| b | 1 << k);
        if bits[i] != want {
            let why = format!("card {i} ('{}'): its themes are not the card's", card.id);
            return Err(FileError::new(file.shown(), MEMBERSHIP, why));
        }
    }
    Ok(())
}

/// The search index, if the file holds one, opened by the index's own reader (its version,
/// every part's length and the counts its bytes must hold); its bytes are then compared with
/// the index the cards make (`built.rs`).
fn check_index(file: &FileCards) -> Result<(), FileError> {
    let parts = file.parts();
    if !FileIndex::is_in(parts.as_ref()) {
        return Ok(());
    }
    let ids: Arc<dyn CardIds> = Arc::clone(file.ids()) as _;
    FileIndex::open(Arc::clone(parts), ids).map_err(|e| file.error(e))?;
    Ok(())
}

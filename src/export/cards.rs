//! The cards of an export, handed over a run at a time: held in memory by the caller, or read
//! from the corpus (a pack file's cards decoded) one run after another, so that an export of a
//! whole big pack never holds more than a run of decoded cards.

use std::borrow::Cow;

use super::{Item, Marks, StreamError};
use crate::corpus::Corpus;
use crate::packfile::FileError;

/// How many cards are decoded at once when read from the corpus: enough that each run decodes
/// a pack file's blocks on every core, few enough that the run's cards and text stay small (a
/// few megabytes). A run in rank order may need a block another run needed too.
pub(super) const RUN: usize = 2048;

/// Where an export's cards come from.
pub(super) enum Cards<'a> {
    /// The caller's cards, in memory.
    Held(&'a [Item<'a>]),
    /// The cards at `positions` in the corpus, in that order, with what the user added to them.
    Read {
        /// The cards' corpus.
        corpus: &'a Corpus,
        /// Their positions, in the export's order.
        positions: &'a [usize],
        /// Their places in the agenda and their notes.
        marks: &'a dyn Marks,
    },
}

impl Cards<'_> {
    /// How many cards.
    pub(super) fn len(&self) -> usize {
        match self {
            Cards::Held(items) => items.len(),
            Cards::Read { positions, .. } => positions.len(),
        }
    }

    /// Whether a related card's title that cannot be read is an error (cards read from the
    /// corpus), rather than shown by the card's id (cards the caller holds).
    pub(super) fn strict(&self) -> bool {
        matches!(self, Cards::Read { .. })
    }

    /// Each card's place in the agenda, in order; from the corpus by the cards' ids alone.
    pub(super) fn places(&self) -> Result<Vec<Option<usize>>, FileError> {
        match self {
            Cards::Held(items) => Ok(items.iter().map(|item| item.place).collect()),
            Cards::Read {
                corpus,
                positions,
                marks,
            } => {
                let mut places = Vec::with_capacity(positions.len());
                for run in positions.chunks(RUN) {
                    let rows = corpus.rows(run)?;
                    places.extend(rows.iter().map(|(id, _)| marks.place(id)));
                }
                Ok(places)
            }
        }
    }

    /// Hands each card's title to `each`, in order; from the corpus without decoding the cards.
    pub(super) fn each_title(
        &self,
        mut each: impl FnMut(&str) -> Result<(), StreamError>,
    ) -> Result<(), StreamError> {
        match self {
            Cards::Held(items) => items.iter().try_for_each(|item| each(&item.card.title)),
            Cards::Read {
                corpus, positions, ..
            } => positions.chunks(RUN).try_for_each(|run| {
                let rows = corpus.rows(run)?;
                rows.iter().try_for_each(|(_, title)| each(title))
            }),
        }
    }

    /// Hands the cards to `each` a run at a time, in order, each with its place and note.
    pub(super) fn each_run(
        &self,
        mut each: impl FnMut(&[Item<'_>]) -> Result<(), StreamError>,
    ) -> Result<(), StreamError> {
        match self {
            // Held already: one run.
            Cards::Held(items) => each(items),
            Cards::Read {
                corpus,
                positions,
                marks,
            } => positions.chunks(RUN).try_for_each(|run| {
                let cards: Vec<Cow<'_, _>> = corpus.cards_at(run)?;
                let items: Vec<Item<'_>> = cards
                    .iter()
                    .map(|card| Item {
                        card,
                        place: marks.place(&card.id),
                        note: marks.note(&card.id),
                    })
                    .collect();
                each(&items)
            }),
        }
    }
}

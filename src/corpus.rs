//! The corpus: a pack with what answers questions about it — an O(1) lookup of cards and sources
//! by id, and the search index — shared by the commands and the viewer. Both are built once,
//! when first needed, so a command that needs neither (`brief list`) pays for neither.
//!
//! The cards are either in memory (the built-in pack, a folder: [`Pack::cards`]) or in a pack
//! file, read when asked for ([`crate::packfile::cards::FileCards`]). The commands reach them
//! through the one card store (`store.rs`: [`Corpus::len`], [`Corpus::id_at`],
//! [`Corpus::title_at`], [`Corpus::card_at`], [`Corpus::find`], [`Corpus::try_hits`]...), which
//! answers alike for both; so does the viewer, which reads each card as it shows it (and asks
//! `view.rs` for the themes, the sources and every card's themes as bits).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::pack::{Card, Pack, Source, Theme};
use crate::packfile::FileError;
use crate::packfile::cards::FileCards;
use crate::search::{self, FileIndex, Flags, Hit, Index, Query};

#[cfg(test)]
mod file_tests;
mod store;
mod view;

pub use view::ThemeBits;

/// How many queries a corpus will answer, which decides how it answers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Queries {
    /// One (a command): a parallel scan reads each card once and costs less than building the
    /// index; the two give the same answer (`tests/search_props.rs` checks it).
    One,
    /// Many (the viewer, a query per key press): the index is built on the first query and kept.
    Many,
}

/// The pack, its id lookups and its search index.
pub struct Corpus {
    /// The pack; for a pack file, its themes and sources, and no cards (they are in `file`).
    pack: Pack,
    /// The pack file the cards are read from, if they are not in memory.
    file: Option<FileCards>,
    /// A pack file's cards decoded all at once, for a query on a file without index parts.
    decoded: OnceLock<Result<Vec<Card>, FileError>>,
    /// A pack file's search index, opened on the first query and shared by every later one, so
    /// what it decoded stays in its caches (`None`: the file holds no index parts).
    file_index: OnceLock<Option<FileIndex>>,
    queries: Queries,
    /// Card id and source id → index into the pack's cards and sources; built on first lookup.
    lookup: OnceLock<Lookup>,
    /// Built on the first query when [`Queries::Many`].
    index: OnceLock<Index>,
}

/// Id → position tables for the pack's cards and sources.
struct Lookup {
    cards: FxHashMap<String, usize>,
    sources: FxHashMap<String, usize>,
}

impl Lookup {
    fn of(pack: &Pack) -> Lookup {
        let cards = pack
            .cards
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        let sources = pack
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        Lookup { cards, sources }
    }
}

impl Corpus {
    /// A corpus over `pack` that will answer one query or many.
    pub fn new(pack: Pack, queries: Queries) -> Corpus {
        Corpus {
            pack,
            file: None,
            decoded: OnceLock::new(),
            file_index: OnceLock::new(),
            queries,
            lookup: OnceLock::new(),
            index: OnceLock::new(),
        }
    }

    /// The pack itself (from a pack file: its themes and sources, and no cards; ask the card
    /// store, `store.rs`, for them).
    pub fn pack(&self) -> &Pack {
        &self.pack
    }

    /// The cards that match `query`, best first (the empty query: every card in pack order).
    /// Of the cards in memory only; the commands and the viewer use [`Corpus::try_hits`], which
    /// also answers for a pack file.
    pub fn hits(&self, query: &Query, flags: &(dyn Flags + Sync)) -> Vec<Hit> {
        match self.queries {
            Queries::One => search::scan(&self.pack.cards, query, flags),
            Queries::Many => self.index().search(query, flags),
        }
    }

    /// The search index, built on first use.
    pub fn index(&self) -> &Index {
        self.index.get_or_init(|| Index::build(&self.pack.cards))
    }

    fn lookup(&self) -> &Lookup {
        self.lookup.get_or_init(|| Lookup::of(&self.pack))
    }

    /// The position of card `id` in the pack's cards.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.lookup().cards.get(id).copied()
    }

    /// The card with this id, of the cards in memory only (the commands and the viewer use
    /// [`Corpus::find`] and [`Corpus::card_at`], which also answer for a pack file).
    pub fn card(&self, id: &str) -> Option<&Card> {
        self.pack.cards.get(self.position(id)?)
    }

    /// The theme with this id (a pack has a handful: a scan is the quickest lookup).
    pub fn theme(&self, id: &str) -> Option<&Theme> {
        self.pack.themes.iter().find(|t| t.id == id)
    }

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.pack.sources.get(*self.lookup().sources.get(id)?)
    }
}

impl std::fmt::Debug for Corpus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Corpus")
            .field("cards", &self.pack.cards.len())
            .field("queries", &self.queries)
            .field("indexed", &self.index.get().is_some())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::LoadOptions;
    use crate::search::NoFlags;

    fn corpus(queries: Queries) -> Corpus {
        Corpus::new(Pack::embedded(&LoadOptions::default()).unwrap(), queries)
    }

    #[test]
    fn lookups_find_every_card_and_source_and_nothing_else() {
        let corpus = corpus(Queries::One);
        for (i, card) in corpus.pack().cards.iter().enumerate() {
            assert_eq!(corpus.position(&card.id), Some(i));
            assert_eq!(corpus.card(&card.id), Some(card));
        }
        for source in corpus.sources() {
            assert_eq!(corpus.source(&source.id), Some(source));
        }
        assert!(corpus.card("no-such-card").is_none());
        assert!(corpus.source("no-such-source").is_none());
        assert_eq!(
            corpus.theme("trump").map(|t| t.label.as_str()),
            Some("Trump")
        );
    }

    #[test]
    fn one_query_scans_and_many_use_the_index_with_the_same_answer() {
        let (once, many) = (corpus(Queries::One), corpus(Queries::Many));
        for text in [
            "",
            "rutte",
            "theme:trump -tag:china",
            "\"prime minister\" OR ukr",
        ] {
            let query = search::parse(text, once.themes()).unwrap();
            assert_eq!(
                once.hits(&query, &NoFlags),
                many.hits(&query, &NoFlags),
                "{text}"
            );
        }
        assert!(
            once.index.get().is_none(),
            "a one-shot corpus builds no index"
        );
        assert!(many.index.get().is_some());
    }
}

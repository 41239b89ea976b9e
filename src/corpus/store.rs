//! The card store: one set of questions ("how many cards", "card 7's id, its title, the card
//! itself", "where is card `x`", "which cards match") answered alike whether the cards are in
//! memory or in a pack file. From memory nothing can fail; from a file every answer is read and
//! checked when asked for, and a damaged file is an error naming the file and the part.

use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

use super::{Corpus, Queries};
use crate::pack::{Card, LoadOptions, Pack, PackOrigin};
use crate::packfile::cards::{FileCards, Row};
use crate::packfile::{FileError, FileParts, Parts};
use crate::search::{self, CardIds, FileIndex, Flags, Hit, Index, Query};

impl Corpus {
    /// The pack file at `path`, opened: its header, part table, themes and sources read and
    /// checked, its cards left on disk until asked for.
    pub fn open_file(
        path: &Path,
        options: &LoadOptions,
        queries: Queries,
    ) -> Result<Corpus, FileError> {
        Corpus::of_file(FileParts::open(path)?, path, options, queries)
    }

    /// The pack file whose header and part table `parts` has read (from `path`).
    pub fn of_file(
        parts: FileParts,
        path: &Path,
        options: &LoadOptions,
        queries: Queries,
    ) -> Result<Corpus, FileError> {
        let shown = parts.shown().to_owned();
        let parts: Arc<dyn Parts> = Arc::new(parts);
        let file = FileCards::open(parts, &shown, options)?;
        let pack = Pack {
            origin: PackOrigin::File(path.to_path_buf()),
            themes: file.themes().to_vec(),
            sources: file.sources().to_vec(),
            cards: Vec::new(),
            problems: Vec::new(),
            skipped: 0,
        };
        let mut corpus = Corpus::new(pack, queries);
        corpus.file = Some(file);
        Ok(corpus)
    }

    /// Whether the cards are read from a pack file.
    pub fn is_file(&self) -> bool {
        self.file.is_some()
    }

    /// The pack file's cards, if the cards are in one.
    pub fn file(&self) -> Option<&FileCards> {
        self.file.as_ref()
    }

    /// How many cards.
    pub fn len(&self) -> usize {
        self.file
            .as_ref()
            .map_or(self.pack.cards.len(), FileCards::len)
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Card `i`'s id.
    pub fn id_at(&self, i: usize) -> Result<Cow<'_, str>, FileError> {
        match &self.file {
            Some(file) => file.id(i),
            None => Ok(Cow::Borrowed(self.memory_card(i)?.id.as_str())),
        }
    }

    /// Card `i`'s title.
    pub fn title_at(&self, i: usize) -> Result<Cow<'_, str>, FileError> {
        match &self.file {
            Some(file) => file.title(i),
            None => Ok(Cow::Borrowed(self.memory_card(i)?.title.as_str())),
        }
    }

    /// Card `i` (from a file: decoded, sanitized and checked now).
    pub fn card_at(&self, i: usize) -> Result<Cow<'_, Card>, FileError> {
        match &self.file {
            Some(file) => file.card(i).map(Cow::Owned),
            None => self.memory_card(i).map(Cow::Borrowed),
        }
    }

    /// The cards at `positions`, in that order (from a file: each block decoded once).
    pub fn cards_at(&self, positions: &[usize]) -> Result<Vec<Cow<'_, Card>>, FileError> {
        match &self.file {
            Some(file) => Ok(file.cards(positions)?.into_iter().map(Cow::Owned).collect()),
            None => positions
                .iter()
                .map(|&i| self.memory_card(i).map(Cow::Borrowed))
                .collect(),
        }
    }

    /// Reads what many lookups of ids ([`Corpus::find`]) need at once: a pack file's id table
    /// and id order, whole (no titles), rather than piecemeal for each.
    pub fn prepare_lookups(&self) -> Result<(), FileError> {
        self.file.as_ref().map_or(Ok(()), |file| {
            file.ids().load_order().map_err(|e| file.error(e))
        })
    }

    /// The id and title of each card at `positions`, in that order (from a file: read as
    /// cheaply as their number allows, see [`FileCards::rows`]).
    pub fn rows(&self, positions: &[usize]) -> Result<Vec<Row<'_>>, FileError> {
        match &self.file {
            Some(file) => file.rows(positions),
            None => positions
                .iter()
                .map(|&i| {
                    let card = self.memory_card(i)?;
                    Ok((
                        Cow::Borrowed(card.id.as_str()),
                        Cow::Borrowed(card.title.as_str()),
                    ))
                })
                .collect(),
        }
    }

    /// The position of the card with this id.
    pub fn find(&self, id: &str) -> Result<Option<usize>, FileError> {
        match &self.file {
            Some(file) => file.position(id),
            None => Ok(self.position(id)),
        }
    }

    /// The title of the card with this id, if there is one.
    pub fn title_of(&self, id: &str) -> Result<Option<Cow<'_, str>>, FileError> {
        self.find(id)?.map(|i| self.title_at(i)).transpose()
    }

    /// How many cards each theme has, in theme order.
    pub fn theme_counts(&self) -> Result<Vec<usize>, FileError> {
        match &self.file {
            Some(file) => file.theme_counts(),
            None => Ok(self
                .pack
                .themes
                .iter()
                .map(|t| {
                    self.pack
                        .cards
                        .iter()
                        .filter(|c| c.themes.contains(&t.id))
                        .count()
                })
                .collect()),
        }
    }

    /// The cards that match `query`, best first, wherever the cards are: from memory as
    /// [`Corpus::hits`] answers; from a pack file by its index, or (a file without index parts)
    /// by the same scan or index over its cards decoded once.
    pub fn try_hits(
        &self,
        query: &Query,
        flags: &(dyn Flags + Sync),
    ) -> Result<Vec<Hit>, FileError> {
        let Some(file) = &self.file else {
            return Ok(self.hits(query, flags));
        };
        if let Some(index) = self.file_index(file)? {
            return index.search(query, flags).map_err(|e| file.error(e));
        }
        let cards = self.decoded_cards(file)?;
        Ok(match self.queries {
            Queries::One => search::scan(cards, query, flags),
            Queries::Many => self
                .index
                .get_or_init(|| Index::build(cards))
                .search(query, flags),
        })
    }

    /// A pack file's search index, opened once (reading its 96-byte facts) and kept, so that
    /// every query after the first finds what the ones before it decoded in the index's caches;
    /// `None` when the file holds no index parts. A failure to open keeps nothing: the next
    /// query tries again (and meets the damage again). What the caches hold was checked against
    /// the part table read at open, and every later read is checked against it too, so a file
    /// changed under the viewer gives an error naming the part, never an answer mixing the two.
    pub(super) fn file_index(&self, file: &FileCards) -> Result<Option<&FileIndex>, FileError> {
        if let Some(index) = self.file_index.get() {
            return Ok(index.as_ref());
        }
        let index = if FileIndex::is_in(file.parts().as_ref()) {
            let ids: Arc<dyn CardIds> = Arc::clone(file.ids()) as _;
            let index = FileIndex::open(Arc::clone(file.parts()), ids);
            Some(index.map_err(|e| file.error(e))?)
        } else {
            None
        };
        Ok(self.file_index.get_or_init(|| index).as_ref())
    }

    /// A pack file's cards, every one decoded, once.
    fn decoded_cards<'a>(&'a self, file: &FileCards) -> Result<&'a [Card], FileError> {
        self.decoded
            .get_or_init(|| file.all_cards())
            .as_deref()
            .map_err(Clone::clone)
    }

    /// Card `i` of the cards in memory.
    fn memory_card(&self, i: usize) -> Result<&Card, FileError> {
        self.pack.cards.get(i).ok_or_else(|| {
            let why = format!("no card {i} (the pack holds {})", self.pack.cards.len());
            FileError::whole(&self.pack.describe(), why)
        })
    }
}

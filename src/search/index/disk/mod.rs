//! The index on disk: [`write_parts`] writes an [`Index`](super::Index)'s arrays as named parts of a pack file,
//! and [`FileIndex`] answers queries from those parts without loading them, reading only the
//! blocks and ranges each query needs (through [`Parts::read_part`], which checks checksums).
//! The byte layout is specified in `docs/packfile.md` ("The search index"); in short:
//!
//! - `index.meta`: magic, version, counts, block sizes and every other part's length;
//! - `index.vocab` (+ `.dir`): the sorted words, front-coded in blocks, each word with the byte
//!   lengths of its lists and its place count; the directory gives each block's first word and
//!   where its words' lists begin;
//! - `index.entries`: per word, its (card, count, tier) entries, card gaps as varints;
//! - `index.places`: per word, its places, gaps as varints;
//! - `index.cards` (+ `.dir`): per card, its length in places and its field bounds, in blocks;
//! - `index.keys` / `index.keyed`: the theme, tag and source ids and their card lists.
//!
//! The cards' ids are not the index's: it asks the pack file's one id table ([`CardIds`]) for
//! the few it needs (the `is:` filters' marked cards, the agenda order's hits).
//!
//! Opening reads `index.meta` alone; the directories are read on first use. Everything read is
//! untrusted: each number is checked before use (`codec.rs`), a damaged part is a
//! [`PartError`] naming it and the byte (`index.places: byte 1234: place 99999 is past the
//! last`), never a panic, and nothing is allocated for more than the bytes read justify.

mod cache;
mod cards;
mod codec;
mod ids;
mod keys;
mod lists;
mod meta;
mod store;
mod vocab;
mod write;

#[cfg(test)]
mod bomb_tests;
#[cfg(test)]
mod damage_tests;
#[cfg(test)]
mod tests;

use std::sync::{Arc, Mutex, OnceLock};

use crate::packfile::{PartError, PartSink, Parts};

pub use ids::CardIds;
pub use write::write_parts;

use crate::pack::Card;
use crate::search::{FieldMatch, Flags, Hit, Query};
use cache::Cache;
use meta::Meta;

/// The names of the index's parts.
pub(crate) mod part {
    /// Counts, block sizes and the other parts' lengths.
    pub const META: &str = "index.meta";
    /// The words, in blocks.
    pub const VOCAB: &str = "index.vocab";
    /// Each vocabulary block's first word and offsets.
    pub const VOCAB_DIR: &str = "index.vocab.dir";
    /// Each word's (card, count, tier) entries.
    pub const ENTRIES: &str = "index.entries";
    /// Each word's places.
    pub const PLACES: &str = "index.places";
    /// Each card's length and field bounds, in blocks.
    pub const CARDS: &str = "index.cards";
    /// Each card block's offset and first place.
    pub const CARDS_DIR: &str = "index.cards.dir";
    /// Theme, tag and source ids.
    pub const KEYS: &str = "index.keys";
    /// Their card lists.
    pub const KEYED: &str = "index.keyed";
    /// Every part after `index.meta`, in the order `index.meta` gives their lengths.
    pub const SIZED: [&str; 8] = [
        VOCAB, VOCAB_DIR, ENTRIES, PLACES, CARDS, CARDS_DIR, KEYS, KEYED,
    ];
}

/// A search index read from a pack file's parts as queries need them.
pub struct FileIndex {
    parts: Arc<dyn Parts>,
    /// The pack file's id table.
    ids: Arc<dyn CardIds>,
    meta: Meta,
    vocab_dir: OnceLock<vocab::Dir>,
    cards_dir: OnceLock<cards::Dir>,
    keys: OnceLock<keys::Keys>,
    cache: Mutex<Cache>,
}

impl FileIndex {
    /// Opens the index in `parts`, whose cards' ids are `ids`: reads and checks `index.meta`
    /// and the other parts' lengths, nothing else, so it takes the same time for any number of
    /// cards.
    pub fn open(parts: Arc<dyn Parts>, ids: Arc<dyn CardIds>) -> Result<FileIndex, PartError> {
        let meta = Meta::read(parts.as_ref())?;
        if meta.cards as usize != ids.count() {
            let why = format!("{} cards, but the pack holds {}", meta.cards, ids.count());
            return Err(PartError::damaged(part::META, why));
        }
        Ok(FileIndex {
            parts,
            ids,
            meta,
            vocab_dir: OnceLock::new(),
            cards_dir: OnceLock::new(),
            keys: OnceLock::new(),
            cache: Mutex::new(Cache::default()),
        })
    }

    /// Whether `parts` hold an index (its `index.meta`; the rest is checked at open).
    pub fn is_in(parts: &dyn Parts) -> bool {
        parts.part_len(part::META).is_some()
    }

    /// How many cards the index holds.
    pub fn len(&self) -> usize {
        self.meta.cards as usize
    }

    /// Whether the index holds no card.
    pub fn is_empty(&self) -> bool {
        self.meta.cards == 0
    }

    /// The cards that match `query`, best first (the empty query: every card in pack order):
    /// the same hits, order and scores as [`Index::search`](super::Index::search) on the index
    /// written.
    pub fn search(&self, query: &Query, flags: &dyn Flags) -> Result<Vec<Hit>, PartError> {
        crate::search::rank::search_in(self, query, flags)
    }

    /// The cards (ascending) of theme `id` (lower-cased), as the viewer's header counts them.
    pub fn theme_cards(&self, id: &str) -> Result<Vec<u32>, PartError> {
        self.keyed_cards(super::Key::Theme, id)
    }

    /// The card whose id is `id`.
    pub fn position(&self, id: &str) -> Result<Option<usize>, PartError> {
        Ok(self
            .ids
            .positions(&[id])?
            .first()
            .copied()
            .flatten()
            .map(|c| c as usize))
    }

    /// What to highlight on `card` (read from the same file) for `query`, as
    /// [`Index::highlights`](super::Index::highlights) gives it: a scan of the one card.
    pub fn highlights(&self, card: &Card, query: &Query) -> Vec<FieldMatch> {
        query.highlights(card)
    }

    /// The caches, locked (a panic while they were held leaves nothing half-changed in them).
    fn cache(&self) -> std::sync::MutexGuard<'_, Cache> {
        self.cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Bytes `range` of part `name`.
    fn read(&self, name: &'static str, range: std::ops::Range<u64>) -> Result<Vec<u8>, PartError> {
        self.parts.read_part(name, range)
    }

    /// The whole of part `name` (its length as `index.meta` gives it).
    fn read_whole(&self, name: &'static str) -> Result<Vec<u8>, PartError> {
        self.read(name, 0..self.meta.len(name))
    }
}

/// Gets `cell`'s value, making it with `make` if it has none (a failure leaves it empty).
fn lazily<T>(
    cell: &OnceLock<T>,
    make: impl FnOnce() -> Result<T, PartError>,
) -> Result<&T, PartError> {
    if let Some(v) = cell.get() {
        return Ok(v);
    }
    let v = make()?;
    Ok(cell.get_or_init(|| v))
}

/// The number of `0..n` for which `pred` holds, given it holds of a run from 0 and not after.
fn partition_point(n: usize, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

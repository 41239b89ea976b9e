//! [`FileCards`]: the pack in a pack file, opened without reading its cards. Themes and sources
//! are read and checked at open; an id, a title or a card is read when asked for, and every
//! string read out of the file goes through the same sanitizing and the same rules as a folder's
//! at load. A card that breaks them is a damaged file (`brief build` writes only valid cards):
//! an error naming the file and the part.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::sync::Arc;

use rayon::prelude::*;

use super::ids::IdTable;
use super::table::Strings;
use super::{
    BLOCKS, MAX_PER_BLOCK, MAX_THEMES, MEMBERSHIP, META, Meta, OFFSETS, SOURCES, THEMES, TITLES,
};
use crate::base::sanitize::{Lines, sanitize};
use crate::pack::validate::check_title;
use crate::pack::{LoadOptions, Pack, PackError, Source, Theme};
use crate::packfile::FileError;
use crate::packfile::parts::{PartError, PartFault, Parts};

/// The largest `pack.meta` read.
const MAX_META_BYTES: u64 = 64 * 1024;
/// Rows for at least one in this many cards read the id and title tables whole.
const MANY: usize = 64;

/// A card's id and title, as [`FileCards::rows`] gives them.
pub type Row<'a> = (Cow<'a, str>, Cow<'a, str>);

/// The cards, themes and sources of a pack file.
pub struct FileCards {
    pub(super) parts: Arc<dyn Parts>,
    /// The file, as it may be printed.
    pub(super) shown: String,
    pub(super) meta: Meta,
    pub(super) themes: Vec<Theme>,
    pub(super) sources: Vec<Source>,
    /// The one id table (shared with the search index).
    pub(super) ids: Arc<IdTable>,
    pub(super) titles: Strings,
    pub(super) options: LoadOptions,
}

impl std::fmt::Debug for FileCards {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileCards")
            .field("file", &self.shown)
            .field("meta", &self.meta)
            .finish_non_exhaustive()
    }
}

impl FileCards {
    /// The pack in `parts` (of the file `shown`): its facts, themes and sources read and checked,
    /// and every card table's length checked against the number of cards. Nothing else is read.
    pub fn open(
        parts: Arc<dyn Parts>,
        shown: &str,
        options: &LoadOptions,
    ) -> Result<FileCards, FileError> {
        let fail = |e: PartError| FileError::new(shown, &e.part, e.fault.to_string());
        let meta = read_meta(parts.as_ref(), options).map_err(fail)?;
        let index = options.limits.max_index_bytes;
        let themes = whole(parts.as_ref(), THEMES, index).map_err(fail)?;
        let sources = whole(parts.as_ref(), SOURCES, index).map_err(fail)?;
        let (themes, sources) =
            Pack::index_from_bytes((THEMES, &themes), (SOURCES, &sources), options)
                .map_err(|e| index_error(shown, e))?;
        if themes.len() > MAX_THEMES {
            let why = format!("{} themes, over the bound of {MAX_THEMES}", themes.len());
            return Err(FileError::new(shown, THEMES, why));
        }
        let max = options.limits.max_string_bytes as u64;
        let p = parts.as_ref();
        let ids = IdTable::open(Arc::clone(&parts), meta.cards, max).map_err(fail)?;
        let titles = Strings::new(p, TITLES, meta.cards, max).map_err(fail)?;
        let n = meta.cards;
        expect_len(p, MEMBERSHIP, n.checked_mul(2)).map_err(fail)?;
        expect_len(
            p,
            OFFSETS,
            meta.blocks().checked_add(1).and_then(|b| b.checked_mul(8)),
        )
        .map_err(fail)?;
        p.part_len(BLOCKS)
            .ok_or_else(|| fail(PartError::new(BLOCKS, PartFault::Missing)))?;
        Ok(FileCards {
            parts,
            shown: shown.to_owned(),
            meta,
            themes,
            sources,
            ids: Arc::new(ids),
            titles,
            options: options.clone(),
        })
    }

    /// The parts, for the search index.
    pub fn parts(&self) -> &Arc<dyn Parts> {
        &self.parts
    }

    /// The file, as it may be printed.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// An error on part `e.part` of this file.
    pub fn error(&self, e: PartError) -> FileError {
        let PartError { part, fault } = e;
        FileError::new(&self.shown, &part, fault.to_string())
    }

    /// How many cards.
    pub fn len(&self) -> usize {
        // Bounded by the card limit at open.
        self.meta.cards as usize
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.meta.cards == 0
    }

    /// The themes, checked.
    pub fn themes(&self) -> &[Theme] {
        &self.themes
    }

    /// The sources, checked.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// The id table (for the search index, which asks it for the ids it needs).
    pub fn ids(&self) -> &Arc<IdTable> {
        &self.ids
    }

    /// Card `i`'s id: kebab-case, as a folder's card ids must be (so nothing in it needs
    /// sanitizing).
    pub fn id(&self, i: usize) -> Result<Cow<'_, str>, FileError> {
        self.ids.id(i).map_err(|e| self.error(e))
    }

    /// Card `i`'s title, sanitized and checked as a card's title is at load.
    pub fn title(&self, i: usize) -> Result<Cow<'_, str>, FileError> {
        self.check_position(TITLES, i)?;
        let got = self
            .titles
            .get(self.parts.as_ref(), i as u64)
            .map_err(|e| self.error(e))?;
        let damaged = |why: String| FileError::new(&self.shown, TITLES, format!("card {i}: {why}"));
        let text = got.map_err(|_| damaged("title is not UTF-8".into()))?;
        let clean = match text {
            Cow::Borrowed(t) => sanitize(t, Lines::Join),
            Cow::Owned(t) => Cow::Owned(sanitize(&t, Lines::Join).into_owned()),
        };
        match check_title(&clean) {
            Some(why) => Err(damaged(why)),
            None => Ok(clean),
        }
    }

    /// The id and title of each card at `positions`, in that order: for many, out of the two
    /// tables read whole (UTF-8 checked once each), on every core; for a few, read in the order
    /// of the cards (so each block of the file is read once) and put back in the order asked.
    /// Every id is checked and every title sanitized and checked, as one at a time.
    pub fn rows(&self, positions: &[usize]) -> Result<Vec<Row<'_>>, FileError> {
        let row = |i: usize| Ok((self.id(i)?, self.title(i)?));
        if positions.len().saturating_mul(MANY) >= self.len() {
            self.load_tables()?;
            return positions.par_iter().map(|&i| row(i)).collect();
        }
        let mut order: Vec<usize> = (0..positions.len()).collect();
        order.sort_unstable_by_key(|&k| positions[k]);
        let mut rows: Vec<Option<Row<'_>>> = Vec::new();
        rows.resize_with(positions.len(), || None);
        for k in order {
            rows[k] = Some(row(positions[k])?);
        }
        Ok(rows.into_iter().flatten().collect())
    }

    /// Reads the id and title tables whole, for a command that shows many of them.
    pub fn load_tables(&self) -> Result<(), FileError> {
        self.ids.load().map_err(|e| self.error(e))?;
        self.titles
            .load(self.parts.as_ref())
            .map_err(|e| self.error(e))
    }

    fn check_position(&self, part: &str, i: usize) -> Result<(), FileError> {
        if (i as u64) < self.titles.count() {
            Ok(())
        } else {
            let why = format!("no card {i} (the file holds {})", self.meta.cards);
            Err(FileError::new(&self.shown, part, why))
        }
    }

    /// The position of the card with this id, by halving `cards.order`.
    pub fn position(&self, id: &str) -> Result<Option<usize>, FileError> {
        self.ids.position(id).map_err(|e| self.error(e))
    }

    /// Each card's themes as bits (bit k: theme k), every card of at least one known theme.
    pub fn theme_bits(&self) -> Result<Vec<u16>, FileError> {
        let bytes = self
            .parts
            .read_part(MEMBERSHIP, 0..self.meta.cards * 2)
            .map_err(|e| self.error(e))?;
        let known = (1u32 << self.themes.len()) - 1;
        bytes
            .chunks_exact(2)
            .enumerate()
            .map(|(i, w)| {
                let bits = u16::from_le_bytes([w[0], w[1]]);
                if u32::from(bits) & !known != 0 || bits == 0 {
                    let why = format!("card {i}: theme bits {bits:#06x} name no theme of the pack");
                    return Err(FileError::new(&self.shown, MEMBERSHIP, why));
                }
                Ok(bits)
            })
            .collect()
    }

    /// How many cards each theme has, in theme order (from `cards.themes`, no card decoded).
    pub fn theme_counts(&self) -> Result<Vec<usize>, FileError> {
        let mut counts = vec![0; self.themes.len()];
        for bits in self.theme_bits()? {
            for (k, count) in counts.iter_mut().enumerate() {
                *count += usize::from((bits >> k) & 1);
            }
        }
        Ok(counts)
    }
}

/// Reads and checks `pack.meta`.
fn read_meta(parts: &dyn Parts, options: &LoadOptions) -> Result<Meta, PartError> {
    let bytes = whole(parts, META, MAX_META_BYTES)?;
    let meta: Meta = serde_json::from_slice(&bytes)
        .map_err(|e| PartError::damaged(META, format!("not the pack's facts: {e}")))?;
    if meta.cards > options.limits.max_cards as u64 {
        let why = format!(
            "{} cards, over the bound of {}",
            meta.cards, options.limits.max_cards
        );
        return Err(PartError::damaged(META, why));
    }
    if !(1..=MAX_PER_BLOCK).contains(&meta.per_block) {
        let why = format!("{} cards a block (1 to {MAX_PER_BLOCK})", meta.per_block);
        return Err(PartError::damaged(META, why));
    }
    Ok(meta)
}

/// The whole part `name`, if it is at most `max` bytes.
fn whole(parts: &dyn Parts, name: &str, max: u64) -> Result<Vec<u8>, PartError> {
    let len = parts
        .part_len(name)
        .ok_or_else(|| PartError::new(name, PartFault::Missing))?;
    if len > max {
        return Err(PartError::new(name, PartFault::TooBig { len, max }));
    }
    parts.read_part(name, 0..len)
}

/// Checks that part `name` is `want` bytes long (`None`: a length that overflows).
fn expect_len(parts: &dyn Parts, name: &str, want: Option<u64>) -> Result<(), PartError> {
    let len = parts
        .part_len(name)
        .ok_or_else(|| PartError::new(name, PartFault::Missing))?;
    if Some(len) == want {
        Ok(())
    } else {
        let want = want.map_or_else(|| "more than fits".into(), |w| w.to_string());
        Err(PartError::damaged(
            name,
            format!("{len} bytes, but the cards need {want}"),
        ))
    }
}

/// A problem in `pack.themes` or `pack.sources`, as one line naming the part.
fn index_error(shown: &str, e: PackError) -> FileError {
    match e {
        PackError::Index(problems) => {
            let first = problems.first();
            let part = first.map_or(THEMES, |d| d.path.as_str());
            let mut what = first.map_or_else(String::new, |d| {
                format!("{}:{}: {}", d.line, d.column, d.message)
            });
            if problems.len() > 1 {
                let _ = write!(what, " (and {} more)", problems.len() - 1);
            }
            FileError::new(shown, part, what)
        }
        other => FileError::whole(shown, other.to_string()),
    }
}

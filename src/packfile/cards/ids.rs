//! [`IdTable`]: the pack file's one id table, `cards.ids` (each card's id, in card order: a card's
//! id is two offsets and its bytes) and `cards.order` (the card numbers in the byte order of their
//! ids: an id's card is a binary search). The card store prints ids by position through it, and
//! the search index ([`CardIds`]) looks up the cards a user marked. Every id read out of it is
//! checked kebab-case, as a folder's card ids must be, so nothing in one needs sanitizing.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::sync::{Arc, OnceLock};

use super::table::Strings;
use super::{IDS, ORDER, u32_at};
use crate::pack::validate::is_kebab;
use crate::packfile::parts::{PartError, PartFault, Parts};
use crate::search::CardIds;

/// Lookups of at least one in this many of the cards read the tables whole (a binary search
/// reads some 17 runs of ids at 100,000 cards; the whole table is some 600 runs).
const MANY: usize = 32;

/// The cards' ids and their order.
pub struct IdTable {
    parts: Arc<dyn Parts>,
    ids: Strings,
    /// `cards.order`, when read whole (for many lookups); else read an entry at a time.
    order: OnceLock<Result<Vec<u32>, PartError>>,
}

impl std::fmt::Debug for IdTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdTable")
            .field("count", &self.ids.count())
            .finish_non_exhaustive()
    }
}

impl IdTable {
    /// The id table of the `count` cards in `parts`, ids at most `max` bytes; checks that both
    /// parts are long enough for `count` cards, and reads nothing else.
    pub fn open(parts: Arc<dyn Parts>, count: u64, max: u64) -> Result<IdTable, PartError> {
        let ids = Strings::new(parts.as_ref(), IDS, count, max)?;
        let len = parts
            .part_len(ORDER)
            .ok_or_else(|| PartError::new(ORDER, PartFault::Missing))?;
        if Some(len) != count.checked_mul(4) {
            let why = format!(
                "{len} bytes, but {count} cards need {}",
                count.saturating_mul(4)
            );
            return Err(PartError::damaged(ORDER, why));
        }
        Ok(IdTable {
            parts,
            ids,
            order: OnceLock::new(),
        })
    }

    /// How many cards.
    pub fn len(&self) -> usize {
        // Bounded by the card limit when the file was opened.
        self.ids.count() as usize
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ids.count() == 0
    }

    /// Card `i`'s id (`i` below the count), checked kebab-case.
    pub fn id(&self, i: usize) -> Result<Cow<'_, str>, PartError> {
        if i >= self.len() {
            let why = format!("no card {i} (the file holds {})", self.len());
            return Err(PartError::damaged(IDS, why));
        }
        match self.ids.get(self.parts.as_ref(), i as u64)? {
            Ok(id) if is_kebab(&id) => Ok(id),
            Ok(id) => Err(bad_id(i, id.as_bytes())),
            Err(bytes) => Err(bad_id(i, &bytes)),
        }
    }

    /// Reads the whole table once (for a command that shows most ids, or looks many up).
    pub fn load(&self) -> Result<(), PartError> {
        self.ids.load(self.parts.as_ref())
    }

    /// The card whose id is `id`: a binary search of `cards.order` in which every id read must
    /// lie strictly between those read before it on either side, and a hit's neighbours must
    /// lie either side of it, so an unsorted or repeating table is an error naming it rather
    /// than a card said not to exist.
    pub fn position(&self, id: &str) -> Result<Option<usize>, PartError> {
        let (mut lo, mut hi) = (0, self.len());
        let (mut below, mut above): (Option<Cow<'_, str>>, Option<Cow<'_, str>>) = (None, None);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let at = self.order_at(mid)?;
            let probe = self.id(at)?;
            let inside = below.as_deref().is_none_or(|b| b < probe.as_ref())
                && above.as_deref().is_none_or(|a| probe.as_ref() < a);
            if !inside {
                return Err(unsorted(mid));
            }
            match probe.as_ref().cmp(id) {
                Ordering::Less => (lo, below) = (mid + 1, Some(probe)),
                Ordering::Greater => (hi, above) = (mid, Some(probe)),
                Ordering::Equal => {
                    self.check_neighbours(mid, id)?;
                    return Ok(Some(at));
                }
            }
        }
        Ok(None)
    }

    /// The ids of entries `k - 1` and `k + 1` of `cards.order` lie either side of `id`, entry
    /// `k`'s.
    fn check_neighbours(&self, k: usize, id: &str) -> Result<(), PartError> {
        if let Some(before) = k.checked_sub(1)
            && self.id(self.order_at(before)?)?.as_ref() >= id
        {
            return Err(unsorted(k));
        }
        if k + 1 < self.len() && self.id(self.order_at(k + 1)?)?.as_ref() <= id {
            return Err(unsorted(k + 1));
        }
        Ok(())
    }

    /// Entry `k` of `cards.order` (below the count): from the table read whole, or read alone.
    fn order_at(&self, k: usize) -> Result<usize, PartError> {
        let card = if let Some(Ok(order)) = self.order.get() {
            order.get(k).copied().unwrap_or(u32::MAX)
        } else {
            let at = k as u64 * 4;
            u32_at(&self.parts.read_part(ORDER, at..at + 4)?, 0)
        };
        if (card as usize) < self.len() {
            Ok(card as usize)
        } else {
            let why = format!("entry {k}: card {card} is past the last");
            Err(PartError::damaged(ORDER, why))
        }
    }

    /// Reads `cards.order` whole once, with the ids, and checks it: every entry a card, their
    /// ids strictly ascending (so it is a permutation of the cards, each id once).
    pub fn load_order(&self) -> Result<(), PartError> {
        self.load()?;
        self.order
            .get_or_init(|| {
                let n = self.ids.count();
                let bytes = self.parts.read_part(ORDER, 0..n * 4)?;
                let order: Vec<u32> = bytes.chunks_exact(4).map(|w| u32_at(w, 0)).collect();
                self.check_sorted(&order)?;
                Ok(order)
            })
            .as_ref()
            .map(|_| ())
            .map_err(Clone::clone)
    }

    /// `order`'s entries are cards, their ids strictly ascending.
    fn check_sorted(&self, order: &[u32]) -> Result<(), PartError> {
        let mut prev: Option<Cow<'_, str>> = None;
        for (k, &card) in order.iter().enumerate() {
            if card as usize >= self.len() {
                let why = format!("entry {k}: card {card} is past the last");
                return Err(PartError::damaged(ORDER, why));
            }
            let id = self.id(card as usize)?;
            if prev.as_deref().is_some_and(|p| p >= id.as_ref()) {
                return Err(unsorted(k));
            }
            prev = Some(id);
        }
        Ok(())
    }

    /// Whether `k` reads or lookups are many enough to read the tables whole.
    fn many(&self, k: usize) -> bool {
        k > 1 && k.saturating_mul(MANY) >= self.len()
    }
}

impl CardIds for IdTable {
    fn count(&self) -> usize {
        self.len()
    }

    fn ids_of(&self, cards: &[usize]) -> Result<Vec<Cow<'_, str>>, PartError> {
        if self.many(cards.len()) {
            self.load()?;
        }
        cards.iter().map(|&c| self.id(c)).collect()
    }

    fn positions(&self, ids: &[&str]) -> Result<Vec<Option<u32>>, PartError> {
        if self.many(ids.len()) {
            self.load_order()?;
        }
        ids.iter()
            .map(|id| Ok(self.position(id)?.map(|c| c as u32)))
            .collect()
    }

    fn each_id(&self, each: &mut dyn FnMut(usize, &str)) -> Result<(), PartError> {
        self.ids.each(self.parts.as_ref(), |i, id| match id {
            Ok(id) if is_kebab(id) => {
                each(i as usize, id);
                Ok(())
            }
            Ok(id) => Err(bad_id(i as usize, id.as_bytes())),
            Err(bytes) => Err(bad_id(i as usize, bytes)),
        })
    }
}

/// The error for entry `k` of `cards.order`, whose id is out of order with those around it.
fn unsorted(k: usize) -> PartError {
    let why = format!(
        "entry {k}: its id is out of order (the table is not sorted by id, or repeats a card)"
    );
    PartError::damaged(ORDER, why)
}

/// The error for card `i`'s id, which is not kebab-case (or not UTF-8): its bytes shown inert.
fn bad_id(i: usize, bytes: &[u8]) -> PartError {
    let shown = crate::base::inert::visible(&String::from_utf8_lossy(bytes)).into_owned();
    let why = format!("card {i}: id '{shown}' is not kebab-case (a-z, 0-9 and single hyphens)");
    PartError::damaged(IDS, why)
}

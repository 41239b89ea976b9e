//! The theme, tag and source ids on disk: `index.keys` (read on first use) lists each kind's ids,
//! sorted, with the byte length of each one's card list; the lists follow one another in
//! `index.keyed`, in the same order.

use std::ops::Range;

use super::codec::Reader;
use super::lists::read_list;
use super::{FileIndex, PartError, lazily, part};
use crate::search::index::Key;

/// The kinds of id, in the order `index.keys` lists them.
pub(super) const KINDS: [Key; 3] = [Key::Theme, Key::Tag, Key::Source];

/// Each kind's ids, sorted, with where each one's card list is in `index.keyed`.
pub(super) struct Keys {
    kinds: [Vec<(String, Range<u64>)>; 3],
}

impl FileIndex {
    /// The id tables, read and checked on first use.
    fn keys(&self) -> Result<&Keys, PartError> {
        lazily(&self.keys, || {
            let bytes = self.read_whole(part::KEYS)?;
            let mut r = Reader::new(part::KEYS, &bytes, 0);
            let mut keys = Keys {
                kinds: Default::default(),
            };
            let mut at = 0u64;
            for kind in &mut keys.kinds {
                let n = r.count(2, "ids")?;
                kind.reserve_exact(n);
                for _ in 0..n {
                    let id = std::str::from_utf8(r.bytes()?)
                        .map_err(|_| r.fail("an id that is not UTF-8"))?;
                    if kind.last().is_some_and(|(last, _)| last.as_str() >= id) {
                        return Err(r.fail(format!("id '{}' is out of order", id.escape_debug())));
                    }
                    let end = at.saturating_add(r.varint()?);
                    kind.push((id.to_string(), at..end));
                    at = end;
                }
            }
            if !r.is_done() || at != self.meta.len(part::KEYED) {
                return Err(r.fail("the lists do not fill index.keyed"));
            }
            Ok(keys)
        })
    }

    /// Calls `each` with the cards listed under `id` in the `key` table, or, if `prefix`, under
    /// every id that starts with `id`.
    pub(super) fn each_keyed(
        &self,
        key: Key,
        id: &str,
        prefix: bool,
        mut each: impl FnMut(&[u32]),
    ) -> Result<(), PartError> {
        let table = &self.keys()?.kinds[KINDS.iter().position(|&k| k == key).unwrap_or(0)];
        let first = table.partition_point(|(k, _)| k.as_str() < id);
        let matching = table[first..]
            .iter()
            .take_while(|(k, _)| if prefix { k.starts_with(id) } else { k == id });
        for (_, range) in matching {
            let bytes = self.read(part::KEYED, range.clone())?;
            let mut r = Reader::new(part::KEYED, &bytes, range.start);
            let cards = read_list(&mut r, self.meta.cards, "card")?;
            if !r.is_done() {
                return Err(r.fail("bytes after a card list"));
            }
            each(&cards);
        }
        Ok(())
    }

    /// The cards (ascending) listed under exactly `id` in the `key` table.
    pub(super) fn keyed_cards(&self, key: Key, id: &str) -> Result<Vec<u32>, PartError> {
        let mut out = Vec::new();
        self.each_keyed(key, id, false, |cards| out.extend_from_slice(cards))?;
        Ok(out)
    }
}

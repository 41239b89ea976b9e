//! The agenda as the browser holds it: the bookmarked card ids in the user's order, each with its
//! place, so that "is it bookmarked" and "where in the agenda" are one lookup each however many
//! bookmarks a (hand-edited) state file holds. The store keeps the same order on disk; the app
//! changes this copy as it asks the store to change its own.

use std::collections::HashMap;

/// Bookmarked card ids in agenda order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Agenda {
    order: Vec<String>,
    place: HashMap<String, usize>,
}

impl Agenda {
    /// The agenda of these ids, in this order (a repeated id keeps its first place).
    pub fn new(ids: impl IntoIterator<Item = String>) -> Agenda {
        let mut agenda = Agenda::default();
        for id in ids {
            agenda.insert(id);
        }
        agenda
    }

    /// Whether card `id` is bookmarked.
    pub fn contains(&self, id: &str) -> bool {
        self.place.contains_key(id)
    }

    /// Card `id`'s place in the agenda, from 0.
    pub fn place(&self, id: &str) -> Option<usize> {
        self.place.get(id).copied()
    }

    /// How many bookmarks there are.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether there is no bookmark.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The ids, in agenda order.
    pub fn ids(&self) -> &[String] {
        &self.order
    }

    /// Bookmarks `id` at the end of the agenda (a new bookmark goes last); false if it was
    /// bookmarked already.
    pub fn insert(&mut self, id: String) -> bool {
        if self.contains(&id) {
            return false;
        }
        self.place.insert(id.clone(), self.order.len());
        self.order.push(id);
        true
    }

    /// Un-bookmarks `id`; the place it had, if it was bookmarked.
    pub fn remove(&mut self, id: &str) -> Option<usize> {
        let at = self.place.remove(id)?;
        self.order.remove(at);
        self.renumber(at);
        Some(at)
    }

    /// Puts `id` at place `to` (past the end: last), bookmarking it if it was not; the place it
    /// ends at.
    pub fn put(&mut self, id: &str, to: usize) -> usize {
        self.remove(id);
        let to = to.min(self.order.len());
        self.order.insert(to, id.to_string());
        self.renumber(to);
        to
    }

    /// The places from `from` on, after the order changed there.
    fn renumber(&mut self, from: usize) {
        for (i, id) in self.order.iter().enumerate().skip(from) {
            self.place.insert(id.clone(), i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agenda(ids: &[&str]) -> Agenda {
        Agenda::new(ids.iter().map(|s| (*s).to_string()))
    }

    #[test]
    fn places_follow_every_change() {
        let mut a = agenda(&["a", "b", "c", "a"]);
        assert_eq!(a.ids(), ["a", "b", "c"]);
        assert!(!a.insert("b".into()));
        assert!(a.insert("d".into()));
        assert_eq!(a.place("d"), Some(3));
        assert_eq!(a.remove("b"), Some(1));
        assert_eq!((a.place("c"), a.place("d")), (Some(1), Some(2)));
        assert_eq!(a.remove("b"), None);
        assert_eq!(a.put("d", 0), 0);
        assert_eq!(a.ids(), ["d", "a", "c"]);
        assert_eq!(a.put("d", 99), 2);
        assert_eq!(a.put("e", 1), 1);
        assert_eq!(a.ids(), ["a", "e", "c", "d"]);
        for (i, id) in a.ids().iter().enumerate() {
            assert_eq!(a.place(id), Some(i));
        }
        assert_eq!(a.len(), 4);
    }
}

//! The saved state as the search's [`Flags`]: what `is:bookmarked`, `is:unread` and `is:noted`
//! ask, and the agenda order a query for bookmarks lists them in. Here rather than in `search`, so that the state depends on the search's trait and the
//! search knows nothing of the state.

use super::State;
use crate::search::{Flags, Mark};

/// The saved state answers `is:` filters directly.
impl Flags for State {
    fn is_bookmarked(&self, id: &str) -> bool {
        State::is_bookmarked(self, id)
    }
    fn is_read(&self, id: &str) -> bool {
        State::is_read(self, id)
    }
    fn has_note(&self, id: &str) -> bool {
        self.note(id).is_some()
    }
    fn agenda_place(&self, id: &str) -> Option<usize> {
        State::agenda_place(self, id)
    }
    /// The state lists its marks (a few, against a pack's every card), so an index on disk looks
    /// those ids up instead of reading every card's id. The same ids the methods above say yes
    /// to: live bookmarks, read cards, live notes.
    fn marked(&self, mark: Mark) -> Option<Vec<&str>> {
        Some(match mark {
            Mark::Bookmarked => self
                .bookmarks
                .iter()
                .filter(|(_, b)| b.live_since().is_some())
                .map(|(id, _)| id.as_str())
                .collect(),
            Mark::Read => self.read_ids(),
            Mark::Noted => self
                .notes
                .iter()
                .filter(|(_, n)| n.live().is_some())
                .map(|(id, _)| id.as_str())
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether a card has a mark, asked one id at a time.
    type Holds = fn(&State, &str) -> bool;

    /// A state holding every kind of record: live, removed, re-added, unread again, blank.
    fn state() -> State {
        serde_json::from_str(
            r#"{"version": 1,
                "bookmarks": {"a": {"added": 5}, "b": {"added": 5, "removed": 6},
                              "c": {"added": 7, "removed": 6}, "d": {}},
                "notes": {"a": {"text": "x", "edited": 1}, "b": {"text": "  ", "edited": 1},
                          "c": {"text": "y", "edited": 1, "removed": 2}, "d": {"text": "z"}},
                "read": {"a": 3, "b": 3, "c": 3},
                "unread": {"b": 4, "c": 2}}"#,
        )
        .unwrap()
    }

    #[test]
    fn the_marked_ids_are_those_the_flags_say_yes_to() {
        let state = state();
        let ids = ["a", "b", "c", "d", "e"];
        let checks: [(Mark, Holds); 3] = [
            (Mark::Bookmarked, |s, id| Flags::is_bookmarked(s, id)),
            (Mark::Read, |s, id| Flags::is_read(s, id)),
            (Mark::Noted, |s, id| s.has_note(id)),
        ];
        for (mark, holds) in checks {
            let want: Vec<&str> = ids.into_iter().filter(|id| holds(&state, id)).collect();
            assert_eq!(state.marked(mark), Some(want), "{mark:?}");
        }
        assert_eq!(state.marked(Mark::Bookmarked), Some(vec!["a", "c"]));
        assert_eq!(state.marked(Mark::Read), Some(vec!["a", "c"]));
        assert_eq!(state.marked(Mark::Noted), Some(vec!["a", "d"]));
    }
}

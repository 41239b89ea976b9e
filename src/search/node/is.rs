//! `is:bookmarked`, `is:unread`, `is:noted`: what the saved state knows about a card, asked
//! through [`Flags`]: of every card, or, when the flags can list their marked ids and the index
//! can look ids up (on disk), of those few only.

use crate::search::Flags;
use crate::search::bits::Bits;
use crate::search::index::Store;

/// `is:` values: what the state store knows about a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// `is:bookmarked`.
    Bookmarked,
    /// `is:unread`.
    Unread,
    /// `is:noted`.
    Noted,
}

impl State {
    /// The state an `is:` value names (any case), or why there is none.
    pub(crate) fn parse(value: &str) -> Result<State, String> {
        match value.to_lowercase().as_str() {
            "bookmarked" => Ok(State::Bookmarked),
            "unread" => Ok(State::Unread),
            "noted" => Ok(State::Noted),
            _ => Err(format!(
                "unknown 'is:{value}' (known: is:bookmarked, is:unread, is:noted)"
            )),
        }
    }

    /// Whether the card `id` is in this state.
    pub(super) fn holds(self, flags: &dyn Flags, id: &str) -> bool {
        match self {
            State::Bookmarked => flags.is_bookmarked(id),
            State::Unread => !flags.is_read(id),
            State::Noted => flags.has_note(id),
        }
    }

    /// The mark behind this state, and whether the state is its absence (`is:unread`: not read).
    fn mark(self) -> (Mark, bool) {
        match self {
            State::Bookmarked => (Mark::Bookmarked, false),
            State::Unread => (Mark::Read, true),
            State::Noted => (Mark::Noted, false),
        }
    }

    /// The cards of `store` in this state.
    pub(super) fn select<S: Store>(self, store: &S, flags: &dyn Flags) -> Result<Bits, S::Error> {
        let mut bits = Bits::empty(store.cards());
        let (mark, negated) = self.mark();
        if let Some(mut ids) = flags.marked(mark) {
            ids.sort_unstable();
            ids.dedup();
            if let Some(found) = store.positions(&ids) {
                for c in found? {
                    bits.set(c as usize);
                }
                return Ok(if negated { bits.not() } else { bits });
            }
        }
        store.each_id(|i, id| {
            if self.holds(flags, id) {
                bits.set(i);
            }
        })?;
        Ok(bits)
    }
}

/// What a user marks on a card: the flag an `is:` state asks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Bookmarked (`is:bookmarked`).
    Bookmarked,
    /// Read (`is:unread` is its absence).
    Read,
    /// With a note (`is:noted`).
    Noted,
}

//! `is:bookmarked`, `is:unread`, `is:noted`: what the saved state knows about a card, asked
//! through [`Flags`].

use crate::search::Flags;
use crate::search::bits::Bits;
use crate::search::index::Index;

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

    /// The cards of `index` in this state.
    pub(super) fn select(self, index: &Index, flags: &dyn Flags) -> Bits {
        let mut bits = Bits::empty(index.len());
        for (i, id) in index.ids.iter().enumerate() {
            if self.holds(flags, id) {
                bits.set(i);
            }
        }
        bits
    }
}

//! Card ids, for the `is:` filters, the agenda order and id lookups: the index keeps none of its
//! own, and asks the pack file's one id table ([`CardIds`]: `cards.ids` and `cards.order`, read
//! by `packfile::cards::IdTable`, which the card store shares). The few ids a user marked are
//! looked up one by one, never by reading every card's id.

use std::borrow::Cow;

use super::PartError;

/// The cards' ids as the index on disk asks for them (the pack file's id table).
pub trait CardIds: Send + Sync {
    /// How many cards the table holds.
    fn count(&self) -> usize;

    /// The id of each of `cards` (each below the count), in that order; the table is read whole
    /// when they are many.
    fn ids_of(&self, cards: &[usize]) -> Result<Vec<Cow<'_, str>>, PartError>;

    /// The card of each of `ids` (sorted, distinct), if the table holds it.
    fn positions(&self, ids: &[&str]) -> Result<Vec<Option<u32>>, PartError>;

    /// Calls `each` with every card and its id, in card order (the table read whole).
    fn each_id(&self, each: &mut dyn FnMut(usize, &str)) -> Result<(), PartError>;
}

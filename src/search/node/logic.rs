//! `a b` (every term), `a OR b` (either) and `-a` (not): the parser builds them from the grammar
//! itself; here is how they combine their children, by scan and by the index.

use super::Node;
use crate::pack::Card;
use crate::search::Flags;
use crate::search::bits::Bits;
use crate::search::index::Store;
use crate::search::tally::{CardTally, Tallies};

/// Every child matches `card` (each child is scanned, so that all of them tally their hits).
pub(super) fn scan_and(
    all: &[Node],
    card: &Card,
    flags: &dyn Flags,
    positive: bool,
    tally: &mut CardTally,
) -> bool {
    all.iter().fold(true, |every, child| {
        let this = child.scan(card, flags, positive, tally);
        every && this
    })
}

/// At least one child matches `card` (each child is scanned, as for [`scan_and`]).
pub(super) fn scan_or(
    any: &[Node],
    card: &Card,
    flags: &dyn Flags,
    positive: bool,
    tally: &mut CardTally,
) -> bool {
    any.iter().fold(false, |some, child| {
        let this = child.scan(card, flags, positive, tally);
        some || this
    })
}

/// The child does not match `card`; nothing it finds counts as a hit.
pub(super) fn scan_not(
    child: &Node,
    card: &Card,
    flags: &dyn Flags,
    tally: &mut CardTally,
) -> bool {
    !child.scan(card, flags, false, tally)
}

/// The cards every child selects.
pub(super) fn select_and<S: Store>(
    all: &[Node],
    store: &S,
    flags: &dyn Flags,
    positive: bool,
    tallies: &mut Tallies,
) -> Result<Bits, S::Error> {
    combine(all, store, flags, positive, tallies, Bits::and)
}

/// The cards some child selects.
pub(super) fn select_or<S: Store>(
    any: &[Node],
    store: &S,
    flags: &dyn Flags,
    positive: bool,
    tallies: &mut Tallies,
) -> Result<Bits, S::Error> {
    combine(any, store, flags, positive, tallies, Bits::or)
}

/// The cards the child does not select.
pub(super) fn select_not<S: Store>(
    child: &Node,
    store: &S,
    flags: &dyn Flags,
    tallies: &mut Tallies,
) -> Result<Bits, S::Error> {
    Ok(child.select(store, flags, false, tallies)?.not())
}

/// The children's sets folded together with `op`.
fn combine<S: Store>(
    children: &[Node],
    store: &S,
    flags: &dyn Flags,
    positive: bool,
    tallies: &mut Tallies,
    op: fn(Bits, &Bits) -> Bits,
) -> Result<Bits, S::Error> {
    let mut acc: Option<Bits> = None;
    for child in children {
        let bits = child.select(store, flags, positive, tallies)?;
        acc = Some(match acc {
            Some(acc) => op(acc, &bits),
            None => bits,
        });
    }
    Ok(acc.unwrap_or_else(|| Bits::empty(store.cards())))
}

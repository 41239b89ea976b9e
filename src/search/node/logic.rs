//! `a b` (every term), `a OR b` (either) and `-a` (not): the parser builds them from the grammar
//! itself; here is how they combine their children, by scan and by the index.

use super::Node;
use crate::pack::Card;
use crate::search::Flags;
use crate::search::bits::Bits;
use crate::search::index::Index;
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
pub(super) fn select_and(
    all: &[Node],
    index: &Index,
    flags: &dyn Flags,
    positive: bool,
    tallies: &mut Tallies,
) -> Bits {
    combine(all, index, flags, positive, tallies, Bits::and)
}

/// The cards some child selects.
pub(super) fn select_or(
    any: &[Node],
    index: &Index,
    flags: &dyn Flags,
    positive: bool,
    tallies: &mut Tallies,
) -> Bits {
    combine(any, index, flags, positive, tallies, Bits::or)
}

/// The cards the child does not select.
pub(super) fn select_not(
    child: &Node,
    index: &Index,
    flags: &dyn Flags,
    tallies: &mut Tallies,
) -> Bits {
    child.select(index, flags, false, tallies).not()
}

/// The children's sets folded together with `op`.
fn combine(
    children: &[Node],
    index: &Index,
    flags: &dyn Flags,
    positive: bool,
    tallies: &mut Tallies,
    op: fn(Bits, &Bits) -> Bits,
) -> Bits {
    let mut sets = children
        .iter()
        .map(|c| c.select(index, flags, positive, tallies));
    let first = sets.next().unwrap_or_else(|| Bits::empty(index.len()));
    sets.fold(first, |acc, b| op(acc, &b))
}

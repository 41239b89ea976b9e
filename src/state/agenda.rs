//! Moving a bookmark in the agenda: which ranks change. Usually only the moved card's, with a key
//! between its new neighbours' (see `rank`); when that cannot be (a neighbour without a rank, two
//! neighbours ranked alike by two windows, a key that would grow too long), every bookmark gets a
//! fresh, short key in the new order, in the same save.

use super::rank::{self, Rank};

/// Where a moved bookmark goes: just before or just after the card it passed, or, if that card is
/// no longer bookmarked where the move is applied, to the place asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Beside {
    /// The card it passed.
    pub card: String,
    /// After that card (a move down), or before it (a move up).
    pub after: bool,
    /// The place asked for (0 first).
    pub place: usize,
}

impl Beside {
    /// The move of `id` from place `from` to place `to` of `agenda` (ids in agenda order, both
    /// places in it, different), as the card it passes.
    pub(crate) fn of(agenda: &[&str], from: usize, to: usize) -> Option<Beside> {
        Some(Beside {
            card: (*agenda.get(to)?).to_owned(),
            after: to > from,
            place: to,
        })
    }

    /// Where bookmark `id` is in `agenda` (ids and ranks, in agenda order) and the place this
    /// puts it, if it is there and not there already.
    pub(crate) fn places(
        &self,
        agenda: &[(&str, Option<&Rank>)],
        id: &str,
    ) -> Option<(usize, usize)> {
        let from = agenda.iter().position(|&(card, _)| card == id)?;
        let others = agenda.iter().filter(|&&(card, _)| card != id);
        let to = match others.clone().position(|&(card, _)| card == self.card) {
            Some(at) => at + usize::from(self.after),
            None => self.place.min(others.count()),
        };
        (from != to).then_some((from, to))
    }
}

/// The rank changes that move the bookmark at place `from` of `agenda` (ids and ranks, in agenda
/// order) to place `to`; both places must be in the agenda. Applied, the agenda sorts in the new
/// order.
pub(crate) fn plan_move(
    agenda: &[(&str, Option<&Rank>)],
    from: usize,
    to: usize,
) -> Vec<(String, Rank)> {
    let mut order = agenda.to_vec();
    if from >= order.len() || to >= order.len() {
        return Vec::new();
    }
    let moved = order.remove(from);
    order.insert(to, moved);
    // Bookmarks without a rank sort after every ranked one, so the moved card can take a key of
    // its own only if all before it have one; one without a rank after it bounds nothing.
    if order[..to].iter().all(|(_, r)| r.is_some()) {
        let lo = to.checked_sub(1).and_then(|i| order[i].1);
        let hi = order.get(to + 1).and_then(|&(_, r)| r);
        if let Some(rank) = rank::between(lo, hi) {
            return vec![(moved.0.to_owned(), rank)];
        }
    }
    rerank(&order)
}

/// Fresh keys for `order`, as (id, key) for each bookmark whose key changes.
fn rerank(order: &[(&str, Option<&Rank>)]) -> Vec<(String, Rank)> {
    order
        .iter()
        .zip(rank::spread(order.len()))
        .filter(|((_, old), new)| *old != Some(new))
        .map(|((id, _), new)| ((*id).to_owned(), new))
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use proptest::prelude::*;

    use super::*;
    use crate::state::rank::MAX_RANK_LEN;

    /// An agenda as the store holds it: each card's rank (none for some at the end, as an older
    /// file leaves them), sorted as `State::agenda` sorts, ties by the card's number.
    struct Agenda {
        ranks: HashMap<String, Option<Rank>>,
        reranks: usize,
    }

    impl Agenda {
        fn new(ranks: Vec<Option<Rank>>) -> Agenda {
            let ranks = ranks
                .into_iter()
                .enumerate()
                .map(|(n, r)| (format!("{n:04}"), r))
                .collect();
            Agenda { ranks, reranks: 0 }
        }

        fn order(&self) -> Vec<String> {
            let mut ids: Vec<&String> = self.ranks.keys().collect();
            ids.sort_by_key(|id| (self.ranks[*id].is_none(), self.ranks[*id].clone(), *id));
            ids.into_iter().cloned().collect()
        }

        fn move_to(&mut self, from: usize, to: usize) {
            let order = self.order();
            let entries: Vec<(&str, Option<&Rank>)> = order
                .iter()
                .map(|id| (id.as_str(), self.ranks[id].as_ref()))
                .collect();
            let changes = plan_move(&entries, from, to);
            if changes.len() > 1 {
                self.reranks += 1;
            }
            for (id, rank) in changes {
                self.ranks.insert(id, Some(rank));
            }
        }
    }

    fn ranks() -> impl Strategy<Value = Vec<Option<Rank>>> {
        // Keys from a few letters, so that some are equal (two windows ranked alike).
        let key = "[0-9A-Za-z]{0,3}[1-9a-c]".prop_map(|k| Rank::parse(&k));
        (prop::collection::vec(key, 0..12), 0usize..4).prop_map(|(mut ranks, unranked)| {
            ranks.sort();
            ranks.extend(std::iter::repeat_n(None, unranked));
            ranks
        })
    }

    proptest! {
        #[test]
        fn a_move_puts_the_card_where_it_was_asked_and_keeps_the_rest_in_order(
            ranks in ranks(),
            moves in prop::collection::vec((0usize..16, 0usize..16), 1..40),
        ) {
            let mut agenda = Agenda::new(ranks);
            let n = agenda.ranks.len();
            prop_assume!(n > 0);
            for (from, to) in moves {
                let (from, to) = (from % n, to % n);
                let mut wanted = agenda.order();
                let card = wanted.remove(from);
                wanted.insert(to, card);
                agenda.move_to(from, to);
                prop_assert_eq!(agenda.order(), wanted);
                prop_assert!(agenda
                    .ranks
                    .values()
                    .flatten()
                    .all(|r| r.as_str().len() <= MAX_RANK_LEN));
            }
        }
    }

    #[test]
    fn a_move_between_ranked_neighbours_rewrites_only_the_moved_card() {
        let (a, c) = (Rank::parse("A").unwrap(), Rank::parse("C").unwrap());
        let b = Rank::parse("B").unwrap();
        let agenda = [("a", Some(&a)), ("b", Some(&b)), ("c", Some(&c))];
        let changes = plan_move(&agenda, 2, 1);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].0, "c");
        assert!(a < changes[0].1 && changes[0].1 < b);
    }

    #[test]
    fn places_outside_the_agenda_change_nothing() {
        let a = Rank::parse("A").unwrap();
        assert!(plan_move(&[("a", Some(&a))], 0, 1).is_empty());
        assert!(plan_move(&[("a", Some(&a))], 1, 0).is_empty());
        assert!(plan_move(&[], 0, 0).is_empty());
    }

    /// The worst cases for key length: always into the same gap, at the front, at the back.
    #[test]
    fn keys_stay_short_under_repeated_moves_into_one_gap() {
        for (from, to) in [(9, 0), (0, 9), (9, 1), (1, 8), (5, 4)] {
            let mut agenda = Agenda::new(rank::spread(10).into_iter().map(Some).collect());
            for _ in 0..2000 {
                agenda.move_to(from, to);
                let longest = agenda.ranks.values().flatten().map(|r| r.as_str().len());
                assert!(longest.max().unwrap_or(0) <= MAX_RANK_LEN);
            }
            // A re-rank at most every hundred moves or so.
            assert!(
                agenda.reranks <= 2000 / 90,
                "{from}->{to}: {}",
                agenda.reranks
            );
        }
    }
}

//! The last steps of a load: links to skipped cards dropped, and the cards put in pack order.

use rayon::prelude::*;

use super::model::Card;
use super::validate::Context;

/// Puts the cards in pack order: by first theme (in display order; none last), then by id. The
/// cards are swapped in place, each moved at most once to its place.
pub(super) fn put_in_pack_order(cards: &mut [Card], ctx: &Context<'_>) {
    let order = |c: &Card| {
        c.themes
            .first()
            .and_then(|t| ctx.themes.iter().position(|x| x == t))
    };
    // Each card's place in the theme order, found once rather than at every comparison.
    let mut keys: Vec<(Option<usize>, usize)> = cards
        .par_iter()
        .enumerate()
        .map(|(i, c)| (order(c), i))
        .collect();
    if cards.par_windows(2).all(|w| w[0].id <= w[1].id) {
        // The usual case (a folder's files are read in name order, and a card's id is its file
        // name): the place in the list stands for the id.
        keys.par_sort_unstable();
    } else {
        keys.par_sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| cards[a.1].id.cmp(&cards[b.1].id))
        });
    }
    // The card at place `k` comes from place `keys[k].1`: follow each cycle of that permutation,
    // swapping each card into its place.
    let mut done = vec![false; cards.len()];
    for start in 0..cards.len() {
        let mut k = start;
        while !done[k] {
            done[k] = true;
            let from = keys[k].1;
            if from == start {
                break;
            }
            cards.swap(k, from);
            k = from;
        }
    }
}

/// The first card (by position) that is not in pack order after the one before it, if any: how a
/// pack file's cards, which the file keeps in pack order, are checked.
pub fn first_out_of_order(cards: &[Card], ctx: &Context<'_>) -> Option<usize> {
    // The key `put_in_pack_order` sorts by; equal keys are a repeated id.
    let theme = |c: &Card| {
        c.themes
            .first()
            .and_then(|t| ctx.themes.iter().position(|x| x == t))
    };
    cards
        .windows(2)
        .position(|w| (theme(&w[0]), &w[0].id) >= (theme(&w[1]), &w[1].id))
        .map(|k| k + 1)
}

/// Drops links to cards that were skipped, so every link in a loaded pack leads somewhere.
pub(super) fn prune_links(cards: &mut [Card]) {
    let ids: std::collections::HashSet<String> = cards.iter().map(|c| c.id.clone()).collect();
    for card in cards {
        card.related.retain(|r| ids.contains(r));
    }
}

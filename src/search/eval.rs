//! Answers a query from the index: each node becomes a bit set of cards, and every positive text
//! term adds its hits to per-card tallies that [`super::rank`] turns into scores.

use std::ops::Range;

use super::Flags;
use super::index::{Index, MANY};
use super::query::{Node, State, Text};

/// A set of cards, one bit each.
pub(crate) struct Bits {
    words: Vec<u64>,
    len: usize,
}

impl Bits {
    fn empty(len: usize) -> Bits {
        Bits {
            words: vec![0; len.div_ceil(64)],
            len,
        }
    }

    fn set(&mut self, i: usize) {
        self.words[i / 64] |= 1 << (i % 64);
    }

    fn from_cards(len: usize, cards: &[u32]) -> Bits {
        let mut bits = Bits::empty(len);
        for &c in cards {
            bits.set(c as usize);
        }
        bits
    }

    fn and(mut self, other: &Bits) -> Bits {
        self.words
            .iter_mut()
            .zip(&other.words)
            .for_each(|(a, b)| *a &= b);
        self
    }

    fn or(mut self, other: &Bits) -> Bits {
        self.words
            .iter_mut()
            .zip(&other.words)
            .for_each(|(a, b)| *a |= b);
        self
    }

    fn not(mut self) -> Bits {
        self.words.iter_mut().for_each(|w| *w = !*w);
        let tail = self.len % 64;
        if let Some(last) = self.words.last_mut().filter(|_| tail != 0) {
            *last &= (1u64 << tail) - 1;
        }
        self
    }

    /// The cards in the set, ascending.
    pub(crate) fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(i, &w)| {
            let mut rest = w;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let bit = rest.trailing_zeros() as usize;
                    rest &= rest - 1;
                    i * 64 + bit
                })
            })
        })
    }
}

/// Per-card tallies of the positive text terms: hit count and best tier + 1 (0: no hit).
pub(crate) struct Tally {
    pub(crate) hits: Vec<u32>,
    pub(crate) tier: Vec<u8>,
}

impl Tally {
    pub(crate) fn new(cards: usize) -> Tally {
        Tally {
            hits: vec![0; cards],
            tier: vec![0; cards],
        }
    }
}

impl Index {
    /// The cards that match `node`; positive text hits are added to `tally`.
    pub(crate) fn eval(
        &self,
        node: &Node,
        flags: &dyn Flags,
        positive: bool,
        tally: &mut Tally,
    ) -> Bits {
        let n = self.len();
        match node {
            Node::And(children) => self.combine(children, flags, positive, tally, Bits::and),
            Node::Or(children) => self.combine(children, flags, positive, tally, Bits::or),
            Node::Not(child) => self.eval(child, flags, false, tally).not(),
            Node::Text(text) => self.text(text, positive, tally),
            Node::Theme(id) => Bits::from_cards(n, self.themes.get(id).map_or(&[], Vec::as_slice)),
            Node::Tag(id) => Bits::from_cards(n, self.tags.get(id).map_or(&[], Vec::as_slice)),
            Node::Source(prefix) => {
                let mut bits = Bits::empty(n);
                let matching = self.sources.range(prefix.clone()..);
                for (_, cards) in matching.take_while(|(k, _)| k.starts_with(prefix.as_str())) {
                    for &c in cards {
                        bits.set(c as usize);
                    }
                }
                bits
            }
            Node::Is(state) => {
                let mut bits = Bits::empty(n);
                for (i, id) in self.ids.iter().enumerate() {
                    let yes = match state {
                        State::Bookmarked => flags.is_bookmarked(id),
                        State::Unread => !flags.is_read(id),
                        State::Noted => flags.has_note(id),
                    };
                    if yes {
                        bits.set(i);
                    }
                }
                bits
            }
        }
    }

    fn combine(
        &self,
        children: &[Node],
        flags: &dyn Flags,
        positive: bool,
        tally: &mut Tally,
        op: fn(Bits, &Bits) -> Bits,
    ) -> Bits {
        let mut sets = children
            .iter()
            .map(|c| self.eval(c, flags, positive, tally));
        let first = sets.next().unwrap_or_else(|| Bits::empty(self.len()));
        sets.fold(first, |acc, b| op(acc, &b))
    }

    /// A word or phrase: the word ids it needs, then the cards that have them.
    fn text(&self, text: &Text, positive: bool, tally: &mut Tally) -> Bits {
        let mut bits = Bits::empty(self.len());
        let Some((last, exact)) = text.words.split_last() else {
            return bits;
        };
        let last = self.vocab.prefix(last);
        let exact: Option<Vec<u32>> = exact.iter().map(|w| self.vocab.find(w)).collect();
        let Some(exact) = exact else {
            return bits;
        };
        if last.is_empty() {
            return bits;
        }
        if exact.is_empty() && !text.actors_only {
            // One word anywhere: every card of every word it is a prefix of, as counted at build.
            let entries = self.entries(&last);
            let cards = &self.cards[entries.clone()];
            if !positive {
                for &c in cards {
                    bits.set(c as usize);
                }
                return bits;
            }
            for (i, (&c, &stat)) in cards.iter().zip(&self.stats[entries.clone()]).enumerate() {
                let c = c as usize;
                bits.set(c);
                tally.hits[c] += match stat & MANY {
                    MANY => self.many.get(&(entries.start + i)).copied().unwrap_or(0),
                    n => u32::from(n),
                };
                tally.tier[c] = tally.tier[c].max((stat >> 6) + 1);
            }
            return bits;
        }
        // A phrase, or one word in actors' names only: the places where it ends.
        let ends: Vec<u32> = if exact.is_empty() {
            last.flat_map(|w| self.places_of(w)).copied().collect()
        } else {
            self.phrase_ends(&exact, &last)
        };
        for place in ends {
            let card = self.card_at(place);
            if text.actors_only && !self.is_actor_at(card, place) {
                continue;
            }
            bits.set(card);
            if positive {
                tally.hits[card] += 1;
                tally.tier[card] = tally.tier[card].max(self.tier_at(card, place) as u8 + 1);
            }
        }
        bits
    }

    /// The places where the `exact` words (at least one), then a word of `last`, occur one after
    /// the other, as the place of that last word, ascending. The rarest whole word's places say where the phrase
    /// could start; each other word then keeps the starts it continues, by merging two sorted lists
    /// or, when one is much shorter, by looking each of its places up in the other.
    fn phrase_ends(&self, exact: &[u32], last: &Range<u32>) -> Vec<u32> {
        let n = exact.len() as u32;
        let rarest = exact
            .iter()
            .enumerate()
            .min_by_key(|&(_, &w)| self.places_of(w).len());
        let Some((k, &w)) = rarest else {
            return Vec::new();
        };
        let k = k as u32;
        let mut starts: Vec<u32> = self
            .places_of(w)
            .iter()
            .filter_map(|p| p.checked_sub(k))
            .collect();
        for (j, &other) in exact.iter().enumerate() {
            if j as u32 != k {
                keep_followed(&mut starts, j as u32, self.places_of(other));
            }
        }
        if last.len() == 1 {
            keep_followed(&mut starts, n, self.places_of(last.start));
        } else {
            // Several words may end the phrase: mark the starts each of them continues.
            let mut hit = vec![false; starts.len()];
            for w in last.clone() {
                let places = self.places_of(w);
                if places.len() > starts.len() {
                    for (i, start) in starts.iter().enumerate() {
                        hit[i] |= places.binary_search(&(start + n)).is_ok();
                    }
                } else {
                    for p in places.iter().filter_map(|p| p.checked_sub(n)) {
                        if let Ok(i) = starts.binary_search(&p) {
                            hit[i] = true;
                        }
                    }
                }
            }
            let mut marks = hit.into_iter();
            starts.retain(|_| marks.next().unwrap_or(false));
        }
        starts.iter().map(|s| s + n).collect()
    }
}

/// Keeps the `starts` (ascending) where `places` (ascending) has `start + offset`: a merge, or a
/// binary search of each start when `places` is much longer.
fn keep_followed(starts: &mut Vec<u32>, offset: u32, places: &[u32]) {
    if places.len() > 16 * starts.len() {
        starts.retain(|s| places.binary_search(&(s + offset)).is_ok());
        return;
    }
    let mut j = 0;
    starts.retain(|s| {
        let want = s + offset;
        while j < places.len() && places[j] < want {
            j += 1;
        }
        j < places.len() && places[j] == want
    });
}

//! Answers a query from the index: each node becomes a bit set of cards, and every positive text
//! term adds its hits to per-card tallies that [`super::rank`] turns into scores.

use std::ops::Range;

use super::Flags;
use super::index::Index;
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

    /// A word or phrase: the word ids it needs, then its strings.
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
        let mut record = |s: usize, count: u32| {
            let meta = self.string_meta[s];
            if text.actors_only && meta & 4 == 0 {
                return;
            }
            let card = (meta >> 3) as usize;
            bits.set(card);
            if positive {
                tally.hits[card] += count;
                tally.tier[card] = tally.tier[card].max((meta & 3) as u8 + 1);
            }
        };
        if exact.is_empty() {
            // One word: every occurrence of every word it is a prefix of.
            for &s in
                &self.postings[self.starts[last.start as usize]..self.starts[last.end as usize]]
            {
                record(s as usize, 1);
            }
        } else if last.len() == 1 && !self.long_strings && self.merge_is_cheaper(&exact, &last) {
            let words: Vec<u32> = exact.iter().copied().chain([last.start]).collect();
            self.phrase_by_merge(&words, &mut record);
        } else {
            self.phrase(&exact, &last, &mut record);
        }
        bits
    }

    fn occurrences(&self, word: u32) -> Range<usize> {
        self.starts[word as usize]..self.starts[word as usize + 1]
    }

    /// Whether merging every word's position list reads less than checking each occurrence of
    /// the rarest whole word in the forward index (a random read each, so weighted 8 to 1).
    fn merge_is_cheaper(&self, exact: &[u32], last: &Range<u32>) -> bool {
        let lens = exact
            .iter()
            .chain([&last.start])
            .map(|&w| self.occurrences(w).len());
        let rarest = exact
            .iter()
            .map(|&w| self.occurrences(w).len())
            .min()
            .unwrap_or(0);
        lens.sum::<usize>() < 8 * rarest
    }

    /// Calls `record(string, 1)` for each place where `words` (whole words) follow each other:
    /// the words' (string, position) lists are sorted, so each step is one merge. Only sound when
    /// no position saturated (`long_strings` is false).
    fn phrase_by_merge(&self, words: &[u32], record: &mut impl FnMut(usize, u32)) {
        let keys = |w: u32| {
            let range = self.occurrences(w);
            self.postings[range.clone()]
                .iter()
                .zip(&self.positions[range])
                .map(|(&s, &p)| (u64::from(s) << 16) | u64::from(p))
        };
        let Some((&first, rest)) = words.split_first() else {
            return;
        };
        // Keys of where the phrase so far ends.
        let mut ends: Vec<u64> = keys(first).collect();
        for &w in rest {
            let mut next = keys(w).peekable();
            ends.retain(|&end| {
                while next.next_if(|&k| k <= end).is_some() {}
                next.peek() == Some(&(end + 1))
            });
            for end in &mut ends {
                *end += 1;
            }
            if ends.is_empty() {
                return;
            }
        }
        for end in ends {
            record((end >> 16) as usize, 1);
        }
    }

    /// Calls `record(string, count)` for each string holding the phrase: the `exact` words, then
    /// one in `last`. Each occurrence of its rarest whole word says where the phrase would start;
    /// only those words of the forward index are checked.
    fn phrase(&self, exact: &[u32], last: &Range<u32>, record: &mut impl FnMut(usize, u32)) {
        let (k, anchor) = exact
            .iter()
            .copied()
            .enumerate()
            .min_by_key(|&(_, w)| self.starts[w as usize + 1] - self.starts[w as usize])
            .unwrap_or_default();
        let range = self.starts[anchor as usize]..self.starts[anchor as usize + 1];
        let mut long_string_done = None;
        for (&s, &p) in self.postings[range.clone()]
            .iter()
            .zip(&self.positions[range])
        {
            let s = s as usize;
            let count = if p == u16::MAX {
                // Past the positions a u16 holds: count the rest of this string once.
                if long_string_done == Some(s) {
                    continue;
                }
                long_string_done = Some(s);
                self.phrase_count(s, exact, last, usize::from(u16::MAX) - k)
            } else {
                let start = usize::from(p).wrapping_sub(k);
                u32::from(p as usize >= k && self.phrase_at(s, start, exact, last))
            };
            if count > 0 {
                record(s, count);
            }
        }
    }

    /// The words of string `s`.
    fn string_words(&self, s: usize) -> &[u32] {
        &self.forward[self.string_starts[s] as usize..self.string_starts[s + 1] as usize]
    }

    /// Whether the phrase (`exact` words, then one in `last`) starts at word `start` of string `s`.
    fn phrase_at(&self, s: usize, start: usize, exact: &[u32], last: &Range<u32>) -> bool {
        let words = self.string_words(s);
        let n = exact.len();
        words.len() > start + n
            && words[start..start + n] == *exact
            && last.contains(&words[start + n])
    }

    /// How many times the phrase starts at word `from` or later of string `s`.
    fn phrase_count(&self, s: usize, exact: &[u32], last: &Range<u32>, from: usize) -> u32 {
        let len = self.string_words(s).len();
        (from..len)
            .filter(|&start| self.phrase_at(s, start, exact, last))
            .count() as u32
    }
}

//! A text term: a bare word (a prefix of a word of the card), a `"phrase"` (words one after
//! another in one string, the last a prefix) or an `actor:` value (the same, in actors' names
//! only). All three are folded words from [`crate::search::fold`]; the scan looks for them in each
//! string of the card, the index in its word tables (`phrase` beside this file for more than one
//! word).

use std::cell::RefCell;
use std::ops::Range;

use crate::pack::Card;
use crate::search::FieldMatch;
use crate::search::bits::Bits;
use crate::search::fields::{Field, fields};
use crate::search::fold::{self, for_each_word, is_word_byte};
use crate::search::index::Store;
use crate::search::tally::{CardTally, Tallies};

/// A bare word, a `"phrase"` or an `actor:` value: folded words that must follow each other in one
/// string of the card; all but the last must be whole words, the last may be a prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Text {
    pub(crate) words: Vec<String>,
    /// Only actors' names are searched (`actor:`).
    pub(crate) actors_only: bool,
}

/// Folded words side by side in one string, each as (start, end) in it and its range in the
/// original text.
type Scratch = (String, Vec<(usize, usize, Range<usize>)>);

thread_local! {
    /// The folded words of the string being looked at, reused so a scan of a whole pack does not
    /// allocate per word.
    static SCRATCH: RefCell<Scratch> = RefCell::default();
}

impl Text {
    /// The term for `source` (a word, a phrase's inside or an `actor:` value), or why there is
    /// none: it must hold at least one letter or digit.
    pub(crate) fn parse(source: &str, actors_only: bool) -> Result<Text, String> {
        let words = fold::words(source);
        if words.is_empty() {
            return Err(if source.is_empty() {
                "empty phrase \"\"".to_string()
            } else {
                format!("'{source}' has no letters or digits to search for")
            });
        }
        Ok(Text { words, actors_only })
    }

    /// Whether this term looks at `field` at all.
    pub(crate) fn covers(&self, field: Field) -> bool {
        !self.actors_only || field.is_actor()
    }

    /// Whether the term matches a string of `card`; a positive term tallies every match.
    pub(super) fn scan(&self, card: &Card, positive: bool, tally: &mut CardTally) -> bool {
        let mut found = false;
        for (field, s) in fields(card).filter(|(f, _)| self.covers(*f)) {
            let mut hits = 0;
            let mut ranges = Vec::new();
            self.each_match(s, |range| {
                hits += 1;
                if tally.keep {
                    ranges.push(range);
                }
            });
            if hits == 0 {
                continue;
            }
            found = true;
            if positive {
                tally.add(field, hits);
                if tally.keep {
                    tally.matches.push(FieldMatch { field, ranges });
                }
            }
        }
        found
    }

    /// Calls `found` with each byte range in `text` where the term matches, in order.
    pub(crate) fn each_match(&self, text: &str, mut found: impl FnMut(Range<usize>)) {
        if self.words.is_empty() {
            return;
        }
        SCRATCH.with(|cell| {
            let mut scratch = cell.borrow_mut();
            let (buf, words) = &mut *scratch;
            buf.clear();
            words.clear();
            if text.is_ascii() && self.ascii_shortcut(text, buf, &mut found) {
                return;
            }
            buf.clear();
            for_each_word(text, |w, r| {
                let start = buf.len();
                buf.push_str(w);
                words.push((start, buf.len(), r));
            });
            self.each_run(buf, words, found);
        });
    }

    /// For ASCII `text`, answers what it can without splitting it into words: folding ASCII only
    /// lower-cases it, so lower-case it whole into `buf` and give up unless every query word is in
    /// it somewhere (a query word that is not ASCII never is); one word is then found by a
    /// substring search. Whether it answered: if not (several words, all present), `buf` holds
    /// junk and the caller matches word by word.
    fn ascii_shortcut(
        &self,
        text: &str,
        buf: &mut String,
        found: &mut impl FnMut(Range<usize>),
    ) -> bool {
        buf.push_str(text);
        buf.make_ascii_lowercase();
        if !self.words.iter().all(|q| buf.contains(q.as_str())) {
            return true;
        }
        let [q] = self.words.as_slice() else {
            return false;
        };
        if q.is_empty() {
            return false;
        }
        let bytes = buf.as_bytes();
        let word_end =
            |at: usize| at + bytes[at..].iter().take_while(|&&b| is_word_byte(b)).count();
        // A prefix: every place where it starts a word. (A query word is letters and digits only,
        // so two places never overlap within one word.)
        buf.match_indices(q.as_str())
            .map(|(at, _)| at)
            .filter(|&at| at == 0 || !is_word_byte(bytes[at - 1]))
            .for_each(|at| found(at..word_end(at)));
        true
    }

    /// Calls `found` with the range of each run of `words` (folded, end to end in `buf`) that the
    /// term's words match: all but the last whole, the last as a prefix.
    fn each_run(
        &self,
        buf: &str,
        words: &[(usize, usize, Range<usize>)],
        mut found: impl FnMut(Range<usize>),
    ) {
        let n = self.words.len();
        if words.len() < n {
            return;
        }
        let last = n - 1;
        let word = |i: usize| &buf[words[i].0..words[i].1];
        (0..=words.len() - n)
            .filter(|&at| {
                self.words.iter().enumerate().all(|(k, q)| {
                    if k == last {
                        word(at + k).starts_with(q.as_str())
                    } else {
                        word(at + k) == q
                    }
                })
            })
            .for_each(|at| found(words[at].2.start..words[at + last].2.end));
    }

    /// The cards of `store` the term matches: the word ids it needs, then the cards that have
    /// them. A positive term tallies its hits.
    pub(super) fn select<S: Store>(
        &self,
        store: &S,
        positive: bool,
        tallies: &mut Tallies,
    ) -> Result<Bits, S::Error> {
        let mut bits = Bits::empty(store.cards());
        let Some((last, exact)) = self.words.split_last() else {
            return Ok(bits);
        };
        let last = store.prefix(last)?;
        let mut ids = Vec::with_capacity(exact.len());
        for w in exact {
            match store.find(w)? {
                Some(id) => ids.push(id),
                None => return Ok(bits),
            }
        }
        if last.is_empty() {
            return Ok(bits);
        }
        if ids.is_empty() && !self.actors_only {
            select_prefix(store, &last, positive, tallies, &mut bits)?;
            return Ok(bits);
        }
        // A phrase, or one word in actors' names only: the places where it ends.
        let ends: Vec<u32> = if ids.is_empty() {
            let mut ends = Vec::new();
            for w in last {
                ends.extend_from_slice(&store.places(w)?);
            }
            ends
        } else {
            super::phrase::ends(store, &ids, &last)?
        };
        store.locate(&ends, |card, tier, actor| {
            if self.actors_only && !actor {
                return;
            }
            bits.set(card);
            if positive {
                tallies.add(card, 1, tier);
            }
        })?;
        Ok(bits)
    }
}

/// One word anywhere, the words `last` (the ones it is a prefix of): every card of every such
/// word, with its count and tier there as the build packed them.
fn select_prefix<S: Store>(
    store: &S,
    last: &Range<u32>,
    positive: bool,
    tallies: &mut Tallies,
    bits: &mut Bits,
) -> Result<(), S::Error> {
    if !positive {
        return store.entry_cards(last, |c| bits.set(c as usize));
    }
    store.entries(last, |c, count, tier| {
        let c = c as usize;
        bits.set(c);
        tallies.add(c, count, tier);
    })
}

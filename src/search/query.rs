//! A parsed query (the tree [`super::parse()`] builds) and how it matches one card by a plain scan
//! over the card's text. The index answers the same question for a whole pack at once; this scan is
//! the reference it is tested against, and what highlighting uses for the few cards on screen.

use std::cell::RefCell;
use std::ops::Range;

use super::fields::{Field, Tier, fields};
use super::fold::for_each_word;
use super::{FieldMatch, Flags};
use crate::pack::Card;

/// A parsed query. The empty query matches every card.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub(crate) root: Option<Node>,
}

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

/// One node of the query tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Node {
    /// Every child matches.
    And(Vec<Node>),
    /// At least one child matches.
    Or(Vec<Node>),
    /// The child does not match; nothing under it counts as a hit.
    Not(Box<Node>),
    /// Words next to each other in one string, the last one a prefix.
    Text(Text),
    /// `theme:ID`, lower-cased.
    Theme(String),
    /// `tag:ID`, lower-cased.
    Tag(String),
    /// `source:PREFIX`, lower-cased.
    Source(String),
    /// `is:...`.
    Is(State),
}

/// A bare word, a `"phrase"` or an `actor:` value: folded words that must follow each other in one
/// string of the card; all but the last must be whole words, the last may be a prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Text {
    pub(crate) words: Vec<String>,
    /// Only actors' names are searched (`actor:`).
    pub(crate) actors_only: bool,
}

impl Text {
    /// Whether this term looks at `field` at all.
    pub(crate) fn covers(&self, field: Field) -> bool {
        !self.actors_only || field.is_actor()
    }

    /// Calls `found` with each byte range in `text` where the term matches, in order.
    pub(crate) fn each_match(&self, text: &str, mut found: impl FnMut(Range<usize>)) {
        thread_local! {
            /// The folded words of the string being looked at, reused so a scan of a whole pack
            /// does not allocate per word.
            static WORDS: RefCell<Scratch> = RefCell::default();
        }
        let n = self.words.len();
        if n == 0 {
            return;
        }
        WORDS.with(|cell| {
            let mut scratch = cell.borrow_mut();
            let (buf, words) = &mut *scratch;
            buf.clear();
            words.clear();
            if text.is_ascii() {
                // Folding ASCII only lower-cases it, and its words are its runs of letters and
                // digits: fold the whole string at once, and give up early unless every query word
                // is in it somewhere (a query word that is not ASCII never is). One word is found
                // by a substring search; several are matched word by word below.
                buf.push_str(text);
                buf.make_ascii_lowercase();
                if !self.words.iter().all(|q| buf.contains(q.as_str())) {
                    return;
                }
                let bytes = buf.as_bytes();
                let word_end = |at: usize| {
                    at + bytes[at..]
                        .iter()
                        .take_while(|b| b.is_ascii_alphanumeric())
                        .count()
                };
                if let [q] = self.words.as_slice()
                    && !q.is_empty()
                {
                    // One word, a prefix: every place where it starts a word. (A query word is
                    // letters and digits only, so two places never overlap within one word.)
                    return buf
                        .match_indices(q.as_str())
                        .map(|(at, _)| at)
                        .filter(|&at| at == 0 || !bytes[at - 1].is_ascii_alphanumeric())
                        .for_each(|at| found(at..word_end(at)));
                }
                buf.clear();
            }
            for_each_word(text, |w, r| {
                let start = buf.len();
                buf.push_str(w);
                words.push((start, buf.len(), r));
            });
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
        });
    }
}

/// Folded words side by side in one string, each as (start, end) in it and its range in the
/// original text.
type Scratch = (String, Vec<(usize, usize, Range<usize>)>);

/// What a scan of one card found for the query's positive text terms.
#[derive(Default)]
struct Tally {
    hits: u32,
    tier: Option<Tier>,
    /// Whether to keep where each term matched (for highlighting; a score needs only counts).
    keep: bool,
    matches: Vec<FieldMatch>,
}

impl Query {
    /// Whether this is the empty query (every card matches).
    pub fn is_empty(&self) -> bool {
        self.root.is_none()
    }

    /// Whether the query has an `is:` filter, and so needs the saved state.
    pub fn uses_state(&self) -> bool {
        fn walk(node: &Node) -> bool {
            match node {
                Node::And(all) | Node::Or(all) => all.iter().any(walk),
                Node::Not(child) => walk(child),
                Node::Is(_) => true,
                _ => false,
            }
        }
        self.root.as_ref().is_some_and(walk)
    }

    /// Whether `card` matches, by a plain scan of its text.
    pub fn matches(&self, card: &Card, flags: &dyn Flags) -> bool {
        self.score(card, flags).is_some()
    }

    /// The card's score if it matches (see [`super::score`]), by a plain scan of its text.
    pub fn score(&self, card: &Card, flags: &dyn Flags) -> Option<u32> {
        let Some(root) = &self.root else {
            return Some(0);
        };
        let mut tally = Tally::default();
        eval(root, card, flags, true, &mut tally).then(|| super::score(tally.tier, tally.hits))
    }

    /// Where the query's positive terms (words, phrases, `actor:`, `tag:`) match in `card`: byte
    /// ranges into each field's string, in field order. Excluded terms highlight nothing.
    pub fn highlights(&self, card: &Card) -> Vec<FieldMatch> {
        let mut tally = Tally {
            keep: true,
            ..Tally::default()
        };
        if let Some(root) = &self.root {
            eval(root, card, &super::NoFlags, true, &mut tally);
        }
        let mut merged: Vec<FieldMatch> = Vec::new();
        for (field, _) in fields(card) {
            let mut ranges: Vec<Range<usize>> = tally
                .matches
                .iter()
                .filter(|m| m.field == field)
                .flat_map(|m| m.ranges.iter().cloned())
                .collect();
            if ranges.is_empty() {
                continue;
            }
            ranges.sort_by_key(|r| (r.start, r.end));
            ranges.dedup();
            merged.push(FieldMatch { field, ranges });
        }
        merged
    }
}

/// Evaluates `node` on `card`. Every child is visited (no short cut) so that all positive text
/// terms are tallied, as the index does.
fn eval(node: &Node, card: &Card, flags: &dyn Flags, positive: bool, tally: &mut Tally) -> bool {
    match node {
        Node::And(children) => children.iter().fold(true, |all, c| {
            let this = eval(c, card, flags, positive, tally);
            all && this
        }),
        Node::Or(children) => children.iter().fold(false, |any, c| {
            let this = eval(c, card, flags, positive, tally);
            any || this
        }),
        Node::Not(child) => !eval(child, card, flags, false, tally),
        Node::Text(text) => eval_text(text, card, positive, tally),
        Node::Theme(id) => card.themes.iter().any(|t| t.to_lowercase() == *id),
        Node::Tag(id) => {
            let mut found = false;
            for (i, tag) in card.tags.iter().enumerate() {
                if tag.to_lowercase() == *id {
                    found = true;
                    if positive && tally.keep {
                        tally.matches.push(FieldMatch {
                            field: Field::Tag(i),
                            ranges: std::iter::once(0..tag.len()).collect(),
                        });
                    }
                }
            }
            found
        }
        Node::Source(prefix) => card
            .sources
            .iter()
            .any(|s| s.source.to_lowercase().starts_with(prefix.as_str())),
        Node::Is(state) => match state {
            State::Bookmarked => flags.is_bookmarked(&card.id),
            State::Unread => !flags.is_read(&card.id),
            State::Noted => flags.has_note(&card.id),
        },
    }
}

fn eval_text(text: &Text, card: &Card, positive: bool, tally: &mut Tally) -> bool {
    let mut found = false;
    for (field, s) in fields(card).filter(|(f, _)| text.covers(*f)) {
        let mut hits = 0;
        let mut ranges = Vec::new();
        text.each_match(s, |range| {
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
            tally.hits += hits;
            tally.tier = tally.tier.max(Some(field.tier()));
            if tally.keep {
                tally.matches.push(FieldMatch { field, ranges });
            }
        }
    }
    found
}

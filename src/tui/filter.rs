//! The seam between the browser and the search: which cards the list shows, in what order, with
//! what to highlight. The query language, the index and the ranking are [`crate::search`]'s, the
//! same as `brief list` uses; this file adds the theme toggles and bookmarks-only on top.

use super::agenda::Agenda;
use crate::corpus::{Corpus, ThemeBits};
use crate::pack::Card;
use crate::packfile::FileError;
use crate::search::{self, Field, Flags, Mark, Query};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// The user's own marks on cards, as the filter needs them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    /// The bookmarked cards, in agenda order.
    pub bookmarked: Agenda,
    /// Ids of cards already read.
    pub read: HashSet<String>,
    /// The user's notes: card id → text (for `is:noted`).
    pub notes: HashMap<String, String>,
}

/// The `is:` filters and the agenda order read the browser's own marks, which are always up to
/// date with the store.
impl Flags for Marks {
    fn is_bookmarked(&self, id: &str) -> bool {
        self.bookmarked.contains(id)
    }
    fn is_read(&self, id: &str) -> bool {
        self.read.contains(id)
    }
    fn has_note(&self, id: &str) -> bool {
        self.notes.contains_key(id)
    }
    fn agenda_place(&self, id: &str) -> Option<usize> {
        self.bookmarked.place(id)
    }
    /// The marks are a few ids against a pack's every card: an index on disk looks these up
    /// instead of asking about each card.
    fn marked(&self, mark: Mark) -> Option<Vec<&str>> {
        Some(match mark {
            Mark::Bookmarked => self.bookmarked.ids().iter().map(String::as_str).collect(),
            Mark::Read => self.read.iter().map(String::as_str).collect(),
            Mark::Noted => self.notes.keys().map(String::as_str).collect(),
        })
    }
}

/// The outcome of a filter run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filtered {
    /// Positions in the pack of the matching cards, best first.
    pub cards: Vec<usize>,
    /// For each theme of the pack, how many cards match the query (and bookmarks-only) in it,
    /// whatever the theme toggles.
    pub theme_counts: Vec<usize>,
    /// The query that gave these cards (none when it was empty), to highlight with.
    pub query: Option<Query>,
}

/// Why a filter run gave no result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failed {
    /// The query does not parse: the footer's message.
    Query(String),
    /// The pack file could not be read: which file, which part, what is wrong.
    File(FileError),
}

/// The cards matching `query`, then any of `themes` (none = all), then bookmarks if
/// `bookmarks_only`, which lists them in agenda order (as `is:bookmarked` does in a query).
/// `bits` holds each card's themes ([`Corpus::theme_bits`]), so no card is decoded here.
pub fn run(
    corpus: &Corpus,
    bits: &[ThemeBits],
    query: &str,
    themes: &[String],
    bookmarks_only: bool,
    marks: &Marks,
) -> Result<Filtered, Failed> {
    let parsed = search::parse(query, corpus.themes())
        .map_err(|e| Failed::Query(format!("bad query {e}")))?;
    let theme_count = corpus.themes().len();
    let mut out = Filtered {
        theme_counts: vec![0; theme_count],
        ..Filtered::default()
    };
    let wanted = theme_mask(corpus, themes);
    let agenda = if bookmarks_only {
        Some(agenda_places(corpus, marks).map_err(Failed::File)?)
    } else {
        None
    };
    let hits = corpus.try_hits(&parsed, marks).map_err(Failed::File)?;
    out.cards.reserve(hits.len());
    // Cards by their set of themes: a pack has a few such sets, so the themes are counted per
    // set once at the end, not per card (a keystroke's query often matches most of the pack).
    let mut by_bits = vec![0usize; BIT_SETS];
    for hit in hits {
        if agenda.as_ref().is_some_and(|a| !a.contains_key(&hit.card)) {
            continue;
        }
        let card_bits = bits.get(hit.card).copied().unwrap_or(0);
        if let Some(n) = by_bits.get_mut(usize::from(card_bits)) {
            *n += 1;
        } else {
            count_themes(&mut out.theme_counts, card_bits, 1);
        }
        if wanted.is_none_or(|mask| card_bits & mask != 0) {
            out.cards.push(hit.card);
        }
    }
    for (card_bits, &n) in by_bits.iter().enumerate() {
        if n > 0 {
            // Below BIT_SETS, so it fits.
            count_themes(&mut out.theme_counts, card_bits as ThemeBits, n);
        }
    }
    if let Some(agenda) = agenda {
        out.cards
            .sort_by_key(|card| agenda.get(card).copied().unwrap_or(usize::MAX));
    }
    out.query = (!parsed.is_empty()).then_some(parsed);
    Ok(out)
}

/// How many sets of themes are counted in a table (the sets of the first eight themes; a card of
/// a later theme, in a pack of more, is counted on its own).
const BIT_SETS: usize = 1 << 8;

/// Adds `n` cards of the themes `card_bits` to `counts` (one per theme, in theme order).
fn count_themes(counts: &mut [usize], card_bits: ThemeBits, n: usize) {
    let mut left = card_bits;
    while left != 0 {
        // A pack has at most 16 themes (a file's bound; a folder's keys allow 9).
        let k = left.trailing_zeros() as usize;
        if let Some(count) = counts.get_mut(k) {
            *count += n;
        }
        left &= left - 1;
    }
}

/// The bits of the theme toggles that are on; `None` when none is (every card shows).
fn theme_mask(corpus: &Corpus, themes: &[String]) -> Option<ThemeBits> {
    (!themes.is_empty()).then(|| {
        corpus
            .themes()
            .iter()
            .enumerate()
            .filter(|(_, t)| themes.contains(&t.id))
            .fold(0, |mask, (k, _)| {
                mask | 1u16.checked_shl(k as u32).unwrap_or(0)
            })
    })
}

/// The bookmarked cards of the pack: position → place in the agenda (bookmarks of cards the
/// pack lacks are left out). A few lookups by id, not a question about every card.
fn agenda_places(corpus: &Corpus, marks: &Marks) -> Result<HashMap<usize, usize>, FileError> {
    let mut places = HashMap::new();
    for (place, id) in marks.bookmarked.ids().iter().enumerate() {
        if let Some(card) = corpus.find(id)? {
            places.insert(card, place);
        }
    }
    Ok(places)
}

/// Where the query matches in a card's text, per field, to highlight.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CardHighlights {
    /// Byte ranges in the title.
    pub title: Vec<Range<usize>>,
    /// Byte ranges in the summary.
    pub summary: Vec<Range<usize>>,
    /// Byte ranges in each key point, in order.
    pub points: Vec<Vec<Range<usize>>>,
}

/// The parts of `card` that the filter's query matches (none for an empty query). Only the cards
/// on screen are asked, so the cost does not grow with the pack.
pub fn card_highlights(card: &Card, filtered: &Filtered) -> CardHighlights {
    let Some(query) = &filtered.query else {
        return CardHighlights::default();
    };
    let mut out = CardHighlights {
        points: vec![Vec::new(); card.points.len()],
        ..CardHighlights::default()
    };
    for found in query.highlights(card) {
        match found.field {
            Field::Title => out.title = found.ranges,
            Field::Summary => out.summary = found.ranges,
            Field::Point(i) => {
                if let Some(slot) = out.points.get_mut(i) {
                    *slot = found.ranges;
                }
            }
            _ => {}
        }
    }
    out
}

/// Where the query matches in a card's title alone (a list row), from the title without the
/// rest of the card: a query's words are matched field by field, so the ranges are those
/// [`card_highlights`] finds in the title of the whole card.
pub fn title_highlights(title: &str, filtered: &Filtered) -> Vec<Range<usize>> {
    if filtered.query.is_none() {
        return Vec::new();
    }
    let card = Card {
        title: title.to_string(),
        ..Card::default()
    };
    card_highlights(&card, filtered).title
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Queries;
    use crate::pack::{LoadOptions, Pack};

    fn corpus() -> Corpus {
        Corpus::new(
            Pack::embedded(&LoadOptions::default()).unwrap(),
            Queries::Many,
        )
    }

    /// A filter run with the theme bits read from `corpus`; a failure as its message.
    fn go(
        corpus: &Corpus,
        query: &str,
        themes: &[String],
        only: bool,
        marks: &Marks,
    ) -> Result<Filtered, String> {
        let bits = corpus.theme_bits().unwrap();
        run(corpus, &bits, query, themes, only, marks).map_err(|e| format!("{e:?}"))
    }

    fn cards(
        pack: &Corpus,
        query: &str,
        themes: &[String],
        only: bool,
        marks: &Marks,
    ) -> Vec<usize> {
        go(pack, query, themes, only, marks).unwrap().cards
    }

    #[test]
    fn empty_query_matches_every_card_in_pack_order() {
        let pack = corpus();
        let all = cards(&pack, "", &[], false, &Marks::default());
        assert_eq!(all, (0..pack.pack().cards.len()).collect::<Vec<_>>());
    }

    #[test]
    fn the_query_language_is_the_search_modules() {
        let pack = corpus();
        let none = Marks::default();
        let rutte = cards(&pack, "RUTTE", &[], false, &none);
        assert!(!rutte.is_empty());
        let title = cards(&pack, "\"three ds\"", &[], false, &none);
        assert!(
            title
                .iter()
                .any(|&i| pack.pack().cards[i].id == "albright-three-ds"),
            "{title:?}"
        );
        let orban = cards(&pack, "orban", &[], false, &none);
        assert!(
            orban
                .iter()
                .any(|&i| pack.pack().cards[i].id == "war-raises-trump-risk")
        );
        assert!(cards(&pack, "rutte zzzqqq", &[], false, &none).is_empty());
        let no_china = cards(&pack, "-tag:china", &[], false, &none);
        assert!(
            no_china
                .iter()
                .all(|&i| !pack.pack().cards[i].tags.contains(&"china".to_string()))
        );
    }

    #[test]
    fn a_malformed_query_is_an_error_naming_the_character() {
        let pack = corpus();
        let err = go(&pack, "rutte \"ukr", &[], false, &Marks::default()).unwrap_err();
        assert!(err.contains("at character 6"), "{err}");
        let err = go(&pack, "theme:ukrane", &[], false, &Marks::default()).unwrap_err();
        assert!(err.contains("ukrane"), "{err}");
    }

    #[test]
    fn themes_match_any_and_counts_ignore_the_toggles() {
        let pack = corpus();
        let all = go(&pack, "", &[], false, &Marks::default()).unwrap();
        let one = go(&pack, "", &["trump".into()], false, &Marks::default()).unwrap();
        assert_eq!(all.theme_counts, one.theme_counts);
        let trump = pack.themes().iter().position(|t| t.id == "trump").unwrap();
        assert_eq!(one.cards.len(), all.theme_counts[trump]);
    }

    #[test]
    fn highlights_mark_the_query_in_title_summary_and_points() {
        let pack = corpus();
        let out = go(&pack, "rutte", &[], false, &Marks::default()).unwrap();
        let card = &pack.pack().cards[out.cards[0]];
        let marks = card_highlights(card, &out);
        assert!(!marks.title.is_empty(), "title hits rank first");
        for r in marks.title.iter().chain(&marks.summary) {
            let text = if card
                .title
                .get(r.clone())
                .is_some_and(|t| t.eq_ignore_ascii_case("rutte"))
            {
                &card.title
            } else {
                &card.summary
            };
            assert!(text[r.clone()].eq_ignore_ascii_case("rutte"));
        }
        assert_eq!(marks.points.len(), card.points.len());
        let empty = go(&pack, "", &[], false, &Marks::default()).unwrap();
        assert_eq!(card_highlights(card, &empty), CardHighlights::default());
    }

    #[test]
    fn a_titles_highlights_from_the_title_alone_are_those_of_the_whole_card() {
        let pack = corpus();
        for query in [
            "rutte",
            "\"prime minister\" OR ukr",
            "nato -trump",
            "theme:trump grand",
        ] {
            let out = go(&pack, query, &[], false, &Marks::default()).unwrap();
            for card in &pack.pack().cards {
                assert_eq!(
                    title_highlights(&card.title, &out),
                    card_highlights(card, &out).title,
                    "{query}: {}",
                    card.id
                );
            }
        }
    }

    #[test]
    fn theme_counts_count_each_set_bit_up_to_the_sixteenth_theme() {
        let mut counts = vec![0; 16];
        count_themes(&mut counts, 0b1000_0010_0000_0101, 3);
        count_themes(&mut counts, 0b1, 1);
        let mut want = vec![0; 16];
        (want[0], want[2], want[9], want[15]) = (4, 3, 3, 3);
        assert_eq!(counts, want);
        // A bit past the themes the counts hold is no theme: nothing counted, no panic.
        count_themes(&mut counts[..4], 0b1_0000, 1);
        assert_eq!(counts, want);
    }

    #[test]
    fn bookmarks_only_and_is_filters_read_the_marks() {
        let pack = corpus();
        let mut marks = Marks::default();
        assert!(cards(&pack, "", &[], true, &marks).is_empty());
        marks.bookmarked.insert(pack.pack().cards[3].id.clone());
        marks
            .notes
            .insert(pack.pack().cards[5].id.clone(), "raise it".into());
        assert_eq!(cards(&pack, "", &[], true, &marks), vec![3]);
        assert_eq!(cards(&pack, "is:bookmarked", &[], false, &marks), vec![3]);
        assert_eq!(cards(&pack, "is:noted", &[], false, &marks), vec![5]);
        assert_eq!(
            cards(&pack, "is:unread", &[], false, &marks).len(),
            pack.pack().cards.len()
        );
    }

    #[test]
    fn bookmarks_list_in_agenda_order_under_bookmarks_only_and_is_bookmarked() {
        let pack = corpus();
        let mut marks = Marks::default();
        for i in [9, 2, 5] {
            marks.bookmarked.insert(pack.pack().cards[i].id.clone());
        }
        assert_eq!(cards(&pack, "", &[], true, &marks), vec![9, 2, 5]);
        assert_eq!(
            cards(&pack, "is:bookmarked", &[], false, &marks),
            vec![9, 2, 5]
        );
        marks.bookmarked.put(&pack.pack().cards[5].id, 0);
        assert_eq!(cards(&pack, "", &[], true, &marks), vec![5, 9, 2]);
        assert_eq!(
            cards(&pack, "is:bookmarked", &[], false, &marks),
            vec![5, 9, 2]
        );
    }
}

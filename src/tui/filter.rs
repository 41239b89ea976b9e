//! The seam between the browser and the search: which cards the list shows, in what order, with
//! what to highlight. The query language, the index and the ranking are [`crate::search`]'s, the
//! same as `brief list` uses; this file adds the theme toggles and bookmarks-only on top.

use super::agenda::Agenda;
use crate::corpus::Corpus;
use crate::pack::Card;
use crate::search::{self, Field, Flags, Query};
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
}

/// The outcome of a filter run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filtered {
    /// Indices into `pack.cards` of the matching cards, best first.
    pub cards: Vec<usize>,
    /// For each theme of `pack.themes`, how many cards match the query (and bookmarks-only) in it,
    /// whatever the theme toggles.
    pub theme_counts: Vec<usize>,
    /// The query that gave these cards (none when it was empty), to highlight with.
    pub query: Option<Query>,
}

/// The cards matching `query`, then any of `themes` (none = all), then bookmarks if
/// `bookmarks_only`, which lists them in agenda order (as `is:bookmarked` does in a query).
/// A malformed query is an `Err` with a message for the footer.
pub fn run(
    corpus: &Corpus,
    query: &str,
    themes: &[String],
    bookmarks_only: bool,
    marks: &Marks,
) -> Result<Filtered, String> {
    let parsed = search::parse(query, &corpus.themes).map_err(|e| format!("bad query {e}"))?;
    let mut out = Filtered {
        theme_counts: vec![0; corpus.themes.len()],
        ..Filtered::default()
    };
    for hit in corpus.hits(&parsed, marks) {
        let Some(card) = corpus.cards.get(hit.card) else {
            continue;
        };
        if bookmarks_only && !marks.bookmarked.contains(&card.id) {
            continue;
        }
        for (count, theme) in out.theme_counts.iter_mut().zip(&corpus.themes) {
            if card.themes.contains(&theme.id) {
                *count += 1;
            }
        }
        if themes.is_empty() || card.themes.iter().any(|t| themes.contains(t)) {
            out.cards.push(hit.card);
        }
    }
    if bookmarks_only {
        let place = |i: &usize| {
            let id = corpus.cards.get(*i).map(|c| c.id.as_str());
            id.and_then(|id| marks.bookmarked.place(id))
        };
        out.cards.sort_by_key(place);
    }
    out.query = (!parsed.is_empty()).then_some(parsed);
    Ok(out)
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

    fn cards(
        pack: &Corpus,
        query: &str,
        themes: &[String],
        only: bool,
        marks: &Marks,
    ) -> Vec<usize> {
        run(pack, query, themes, only, marks).unwrap().cards
    }

    #[test]
    fn empty_query_matches_every_card_in_pack_order() {
        let pack = corpus();
        let all = cards(&pack, "", &[], false, &Marks::default());
        assert_eq!(all, (0..pack.cards.len()).collect::<Vec<_>>());
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
                .any(|&i| pack.cards[i].id == "albright-three-ds"),
            "{title:?}"
        );
        let orban = cards(&pack, "orban", &[], false, &none);
        assert!(
            orban
                .iter()
                .any(|&i| pack.cards[i].id == "war-raises-trump-risk")
        );
        assert!(cards(&pack, "rutte zzzqqq", &[], false, &none).is_empty());
        let no_china = cards(&pack, "-tag:china", &[], false, &none);
        assert!(
            no_china
                .iter()
                .all(|&i| !pack.cards[i].tags.contains(&"china".to_string()))
        );
    }

    #[test]
    fn a_malformed_query_is_an_error_naming_the_character() {
        let pack = corpus();
        let err = run(&pack, "rutte \"ukr", &[], false, &Marks::default()).unwrap_err();
        assert!(err.contains("at character 6"), "{err}");
        let err = run(&pack, "theme:ukrane", &[], false, &Marks::default()).unwrap_err();
        assert!(err.contains("ukrane"), "{err}");
    }

    #[test]
    fn themes_match_any_and_counts_ignore_the_toggles() {
        let pack = corpus();
        let all = run(&pack, "", &[], false, &Marks::default()).unwrap();
        let one = run(&pack, "", &["trump".into()], false, &Marks::default()).unwrap();
        assert_eq!(all.theme_counts, one.theme_counts);
        let trump = pack.themes.iter().position(|t| t.id == "trump").unwrap();
        assert_eq!(one.cards.len(), all.theme_counts[trump]);
    }

    #[test]
    fn highlights_mark_the_query_in_title_summary_and_points() {
        let pack = corpus();
        let out = run(&pack, "rutte", &[], false, &Marks::default()).unwrap();
        let card = &pack.cards[out.cards[0]];
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
        let empty = run(&pack, "", &[], false, &Marks::default()).unwrap();
        assert_eq!(card_highlights(card, &empty), CardHighlights::default());
    }

    #[test]
    fn bookmarks_only_and_is_filters_read_the_marks() {
        let pack = corpus();
        let mut marks = Marks::default();
        assert!(cards(&pack, "", &[], true, &marks).is_empty());
        marks.bookmarked.insert(pack.cards[3].id.clone());
        marks
            .notes
            .insert(pack.cards[5].id.clone(), "raise it".into());
        assert_eq!(cards(&pack, "", &[], true, &marks), vec![3]);
        assert_eq!(cards(&pack, "is:bookmarked", &[], false, &marks), vec![3]);
        assert_eq!(cards(&pack, "is:noted", &[], false, &marks), vec![5]);
        assert_eq!(
            cards(&pack, "is:unread", &[], false, &marks).len(),
            pack.cards.len()
        );
    }

    #[test]
    fn bookmarks_list_in_agenda_order_under_bookmarks_only_and_is_bookmarked() {
        let pack = corpus();
        let mut marks = Marks::default();
        for i in [9, 2, 5] {
            marks.bookmarked.insert(pack.cards[i].id.clone());
        }
        assert_eq!(cards(&pack, "", &[], true, &marks), vec![9, 2, 5]);
        assert_eq!(
            cards(&pack, "is:bookmarked", &[], false, &marks),
            vec![9, 2, 5]
        );
        marks.bookmarked.put(&pack.cards[5].id, 0);
        assert_eq!(cards(&pack, "", &[], true, &marks), vec![5, 9, 2]);
        assert_eq!(
            cards(&pack, "is:bookmarked", &[], false, &marks),
            vec![5, 9, 2]
        );
    }
}

//! The seam between the browser and the search: which cards the list shows, in what order, with
//! which parts of each title highlighted. Everything the TUI knows about matching is in [`run`].
//!
//! For now the query part is a placeholder (every word must appear, ignoring case, in the title
//! or the summary; a lone `"` is an error); the real query language replaces its inside.

use std::collections::HashSet;
use std::ops::Range;

use crate::pack::{Card, Pack};

/// The user's own marks on cards, as the filter needs them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    /// Ids of bookmarked cards.
    pub bookmarked: HashSet<String>,
    /// Ids of cards already read.
    pub read: HashSet<String>,
}

/// The outcome of a filter run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filtered {
    /// Indices into `pack.cards` of the matching cards, best first.
    pub cards: Vec<usize>,
    /// For each entry of `cards`, the byte ranges of its title to highlight (often none).
    pub title_highlights: Vec<Vec<Range<usize>>>,
    /// For each theme of `pack.themes`, how many cards match the query (and bookmarks-only) in it,
    /// whatever the theme toggles.
    pub theme_counts: Vec<usize>,
}

/// The cards matching `query`, then any of `themes` (none = all), then bookmarks if
/// `bookmarks_only`. A malformed query is an `Err` with a message for the footer.
pub fn run(
    pack: &Pack,
    query: &str,
    themes: &[String],
    bookmarks_only: bool,
    marks: &Marks,
) -> Result<Filtered, String> {
    let words = parse(query)?;
    let mut out = Filtered {
        theme_counts: vec![0; pack.themes.len()],
        ..Filtered::default()
    };
    for (index, card) in pack.cards.iter().enumerate() {
        if bookmarks_only && !marks.bookmarked.contains(&card.id) {
            continue;
        }
        if !words.is_empty() && !matches(card, &words) {
            continue;
        }
        for (count, theme) in out.theme_counts.iter_mut().zip(&pack.themes) {
            if card.themes.contains(&theme.id) {
                *count += 1;
            }
        }
        if themes.is_empty() || card.themes.iter().any(|t| themes.contains(t)) {
            out.cards.push(index);
            out.title_highlights.push(highlights(&card.title, &words));
        }
    }
    Ok(out)
}

/// Where the query matches in the selected card's text, per field, to highlight in the card pane.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CardHighlights {
    /// Byte ranges in the summary.
    pub summary: Vec<Range<usize>>,
    /// Byte ranges in each key point, in order.
    pub points: Vec<Vec<Range<usize>>>,
}

/// The parts of `card` that `query` matches (none for an empty or malformed query).
pub fn card_highlights(card: &Card, query: &str) -> CardHighlights {
    let words = parse(query).unwrap_or_default();
    if words.is_empty() {
        return CardHighlights::default();
    }
    CardHighlights {
        summary: highlights(&card.summary, &words),
        points: card.points.iter().map(|p| highlights(p, &words)).collect(),
    }
}

/// The query's words, lower-cased; an unclosed `"` is an error naming its column.
fn parse(query: &str) -> Result<Vec<String>, String> {
    if query.matches('"').count() % 2 == 1 {
        let column = query
            .rfind('"')
            .map_or(0, |i| query[..i].chars().count() + 1);
        return Err(format!("unclosed quote at column {column}"));
    }
    Ok(query
        .split_whitespace()
        .map(|w| w.trim_matches('"').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect())
}

fn matches(card: &Card, words: &[String]) -> bool {
    let title = card.title.to_lowercase();
    let summary = card.summary.to_lowercase();
    words
        .iter()
        .all(|w| title.contains(w.as_str()) || summary.contains(w.as_str()))
}

/// Byte ranges of `title` where a word occurs, ignoring ASCII case (so ranges stay on
/// character boundaries of the original).
fn highlights(title: &str, words: &[String]) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let lower = title.to_ascii_lowercase();
    for word in words {
        let word = word.to_ascii_lowercase();
        let mut from = 0;
        while let Some(at) = lower[from..].find(word.as_str()) {
            let start = from + at;
            ranges.push(start..start + word.len());
            from = start + word.len().max(1);
        }
    }
    ranges.sort_by_key(|r| r.start);
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::LoadOptions;

    fn pack() -> Pack {
        Pack::embedded(&LoadOptions::default()).unwrap()
    }

    #[test]
    fn empty_query_matches_every_card() {
        let pack = pack();
        let out = run(&pack, "", &[], false, &Marks::default()).unwrap();
        assert_eq!(out.cards.len(), pack.cards.len());
        assert_eq!(out.title_highlights.len(), out.cards.len());
    }

    #[test]
    fn words_must_all_match_and_titles_are_highlighted() {
        let pack = pack();
        let out = run(&pack, "RUTTE", &[], false, &Marks::default()).unwrap();
        assert!(!out.cards.is_empty());
        let (first, ranges) = (out.cards[0], &out.title_highlights[0]);
        for r in ranges {
            assert_eq!(pack.cards[first].title[r.clone()].to_lowercase(), "rutte");
        }
        let none = run(&pack, "rutte zzzqqq", &[], false, &Marks::default()).unwrap();
        assert!(none.cards.is_empty());
    }

    #[test]
    fn themes_match_any_and_counts_ignore_the_toggles() {
        let pack = pack();
        let all = run(&pack, "", &[], false, &Marks::default()).unwrap();
        let one = run(&pack, "", &["trump".into()], false, &Marks::default()).unwrap();
        assert_eq!(all.theme_counts, one.theme_counts);
        let trump = pack.themes.iter().position(|t| t.id == "trump").unwrap();
        assert_eq!(one.cards.len(), all.theme_counts[trump]);
    }

    #[test]
    fn card_highlights_mark_the_words_in_summary_and_points() {
        let pack = pack();
        let card = &pack.cards[0];
        let marks = card_highlights(card, "the");
        assert_eq!(marks.points.len(), card.points.len());
        for r in &marks.summary {
            assert_eq!(card.summary[r.clone()].to_lowercase(), "the");
        }
        assert_eq!(card_highlights(card, ""), CardHighlights::default());
        assert_eq!(card_highlights(card, "\""), CardHighlights::default());
    }

    #[test]
    fn unclosed_quote_is_an_error() {
        let pack = pack();
        let err = run(&pack, "rutte \"ukr", &[], false, &Marks::default()).unwrap_err();
        assert_eq!(err, "unclosed quote at column 7");
    }

    #[test]
    fn bookmarks_only_keeps_bookmarked_cards() {
        let pack = pack();
        let mut marks = Marks::default();
        let out = run(&pack, "", &[], true, &marks).unwrap();
        assert!(out.cards.is_empty());
        marks.bookmarked.insert(pack.cards[3].id.clone());
        let out = run(&pack, "", &[], true, &marks).unwrap();
        assert_eq!(out.cards, vec![3]);
    }
}

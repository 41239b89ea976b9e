//! [`SourceEntry`]: a source a card cites, in full (its `sources.json` entry and the paragraphs the
//! card cites), as the viewer's sources panel shows it. The card's own short form of each
//! citation is [`super::card`]'s.

use crate::corpus::Corpus;
use crate::pack::{Card, Source, SourceRef, cite};

/// What a field the pack leaves empty (null) is shown as.
pub const NOT_STATED: &str = "not stated";

/// One cited source in full.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceEntry<'a> {
    /// The source's number (`004`).
    pub number: &'a str,
    /// Its title, or its description where it has none (or its id, if the pack lacks it).
    pub heading: &'a str,
    /// The labelled fields, in order: author, publisher, date (`not stated` where the pack has
    /// none), then the paragraphs the card cites.
    pub fields: Vec<(&'static str, String)>,
    /// The description, when the heading is not already it.
    pub description: Option<&'a str>,
}

impl<'a> SourceEntry<'a> {
    /// Every source `card` cites, in the card's order.
    pub fn of_card(corpus: &'a Corpus, card: &'a Card) -> Vec<SourceEntry<'a>> {
        card.sources
            .iter()
            .map(|cited| SourceEntry::of(corpus.source(&cited.source), cited))
            .collect()
    }

    /// The entry of `cited`, whose source is `source` (`None`: not in the pack's sources).
    fn of(source: Option<&'a Source>, cited: &'a SourceRef) -> SourceEntry<'a> {
        let stated = |field: &Option<String>| {
            field
                .as_deref()
                .filter(|s| !s.trim().is_empty())
                .unwrap_or(NOT_STATED)
                .to_string()
        };
        let cited_here = ("Cited", format!("¶{}", cite::paragraphs(&cited.paragraphs)));
        let Some(source) = source else {
            return SourceEntry {
                number: cite::number(cited),
                heading: &cited.source,
                fields: vec![("Source", "not in the pack's sources".into()), cited_here],
                description: None,
            };
        };
        let title = source.title.as_deref().filter(|t| !t.trim().is_empty());
        SourceEntry {
            number: cite::number(cited),
            heading: title.unwrap_or(&source.description),
            fields: vec![
                ("Author", stated(&source.author)),
                ("Publisher", stated(&source.publisher)),
                ("Date", stated(&source.date)),
                cited_here,
            ],
            description: title.map(|_| source.description.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Queries;
    use crate::pack::{LoadOptions, Pack};

    #[test]
    fn entries_are_whole_and_in_the_cards_order() {
        let corpus = Corpus::new(
            Pack::embedded(&LoadOptions::default()).unwrap(),
            Queries::One,
        );
        let card = corpus.card("sources-differ-rutte-trump").unwrap();
        let entries = SourceEntry::of_card(&corpus, card);
        assert_eq!(entries.len(), card.sources.len());
        for (entry, cited) in entries.iter().zip(&card.sources) {
            let source = corpus.source(&cited.source).unwrap();
            assert!(cited.source.starts_with(entry.number));
            if let Some(title) = &source.title {
                assert_eq!(entry.heading, title);
                assert_eq!(entry.description, Some(source.description.as_str()));
            } else {
                assert_eq!(entry.heading, source.description);
                assert_eq!(entry.description, None);
            }
            let labels: Vec<&str> = entry.fields.iter().map(|(l, _)| *l).collect();
            assert_eq!(labels, ["Author", "Publisher", "Date", "Cited"]);
        }
        let grand = corpus.card("four-challenges").unwrap();
        let entry = &SourceEntry::of_card(&corpus, grand)[0];
        assert_eq!(entry.fields[0].1, "Camille Grand");
        assert_eq!(entry.fields[2].1, NOT_STATED);
        assert!(
            entry.fields[3].1.starts_with("¶4–5, "),
            "{:?}",
            entry.fields
        );
    }
}

//! [`CardView`]: one card as its ordered sections, each item already worded (a figure as
//! `label: value (context)`, a citation with its source's name), so that the plain text of
//! `brief show`, the Markdown export and the viewer's card pane say the same things the same way.
//! Each renderer only lays the sections out (and escapes them, for Markdown).

use std::borrow::Cow;

use crate::corpus::Corpus;
use crate::pack::{Card, Figure, Quote, Source, SourceRef, cite};
use crate::packfile::FileError;

/// Between themes, between actors, between the short citations.
pub const SEPARATOR: &str = " · ";

/// The heading of the user's note.
pub const NOTE_LABEL: &str = "✎ Your note";

/// A card as it is shown: heading, themes, short citations, summary, the user's note, then the
/// list sections in order (key points, figures, actors, quotes, tags, related, sources).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardView<'a> {
    /// The card's id.
    pub id: &'a str,
    /// The heading.
    pub title: &'a str,
    /// The labels of the card's themes, in the card's order.
    pub themes: Vec<&'a str>,
    /// Each citation in short (`004 ¶8–9`), for a line that names them compactly.
    pub cites: Vec<String>,
    /// The summary (the card's own text: byte ranges into it stay valid).
    pub summary: &'a str,
    /// The user's note, if any.
    pub note: Option<&'a str>,
    /// The list sections that have items, in order.
    pub sections: Vec<Section<'a>>,
}

/// A list section of a card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section<'a> {
    /// Which section.
    pub kind: Kind,
    /// Its items, in the card's order.
    pub items: Vec<Item<'a>>,
}

/// One item of a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item<'a> {
    /// The item as worded for reading (a key point is the card's own text, borrowed, so that
    /// byte ranges into it stay valid).
    pub text: Cow<'a, str>,
    /// For a related card: its id, which each renderer offers as a way to go there.
    pub link: Option<&'a str>,
}

/// The kinds of list section, in the order a card shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Three to seven key points.
    Points,
    /// Figures: `label: value (context)`.
    Figures,
    /// People and organisations named.
    Actors,
    /// Quotations: `“words” — speaker`.
    Quotes,
    /// Tags, as `#tag`.
    Tags,
    /// Related cards, by title.
    Related,
    /// Citations, with each source's name: `004: Camille Grand, ECFR — ¶8–9`.
    Sources,
}

impl Kind {
    /// The section's heading.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Points => "Key points",
            Kind::Figures => "Figures",
            Kind::Actors => "Actors",
            Kind::Quotes => "Quotes",
            Kind::Tags => "Tags",
            Kind::Related => "Related",
            Kind::Sources => "Sources",
        }
    }

    /// What joins the items when the section is shown on one line, or `None` for a section of
    /// one item per line.
    pub fn inline(self) -> Option<&'static str> {
        match self {
            Kind::Actors => Some(SEPARATOR),
            Kind::Tags => Some(" "),
            _ => None,
        }
    }
}

impl<'a> CardView<'a> {
    /// `card` of `corpus` as shown, with the user's `note`. For cards in memory (the viewer);
    /// of a pack file, a related card whose title cannot be read shows its id, where
    /// [`CardView::try_of`] gives the error.
    pub fn of(corpus: &'a Corpus, card: &'a Card, note: Option<&'a str>) -> CardView<'a> {
        let titles = card
            .related
            .iter()
            .map(|id| corpus.title_of(id).ok().flatten())
            .collect();
        CardView::with_titles(corpus, card, note, titles)
    }

    /// [`CardView::of`], with an error when a related card's title cannot be read from a pack
    /// file.
    pub fn try_of(
        corpus: &'a Corpus,
        card: &'a Card,
        note: Option<&'a str>,
    ) -> Result<CardView<'a>, FileError> {
        let titles = card
            .related
            .iter()
            .map(|id| corpus.title_of(id))
            .collect::<Result<_, _>>()?;
        Ok(CardView::with_titles(corpus, card, note, titles))
    }

    /// The view, given the titles of the card's related cards (`None`: not in the pack, shown by
    /// its id).
    fn with_titles(
        corpus: &'a Corpus,
        card: &'a Card,
        note: Option<&'a str>,
        titles: Vec<Option<Cow<'a, str>>>,
    ) -> CardView<'a> {
        let themes = theme_labels(corpus, card);
        let related = card.related.iter().zip(titles).map(|(id, title)| Item {
            text: title.unwrap_or(Cow::Borrowed(id.as_str())),
            link: Some(id.as_str()),
        });
        let sections = [
            section(Kind::Points, card.points.iter().map(|p| text(p.as_str()))),
            section(Kind::Figures, card.figures.iter().map(figure)),
            section(Kind::Actors, card.actors.iter().map(|a| text(a.as_str()))),
            section(Kind::Quotes, card.quotes.iter().map(quote)),
            section(Kind::Tags, card.tags.iter().map(|t| text(format!("#{t}")))),
            section(Kind::Related, related),
            section(
                Kind::Sources,
                card.sources.iter().map(|s| citation(corpus, s)),
            ),
        ];
        CardView {
            id: &card.id,
            title: &card.title,
            themes,
            cites: card.sources.iter().map(cite::short).collect(),
            summary: &card.summary,
            // A note of only blanks says nothing: no renderer shows it.
            note: note.filter(|n| !n.trim().is_empty()),
            sections: sections.into_iter().flatten().collect(),
        }
    }

    /// The section of this kind, if the card has one.
    pub fn section(&self, kind: Kind) -> Option<&Section<'a>> {
        self.sections.iter().find(|s| s.kind == kind)
    }
}

impl Section<'_> {
    /// The items joined on one line, for a section shown inline.
    pub fn joined(&self, separator: &str) -> String {
        let texts: Vec<&str> = self.items.iter().map(|i| i.text.as_ref()).collect();
        texts.join(separator)
    }
}

/// The labels of `card`'s themes, in the card's order (an unknown theme by its id).
pub fn theme_labels<'a>(corpus: &'a Corpus, card: &'a Card) -> Vec<&'a str> {
    card.themes
        .iter()
        .map(|id| corpus.theme(id).map_or(id.as_str(), |t| t.label.as_str()))
        .collect()
}

/// The section of `kind` with `items`, or `None` when there are none.
fn section<'a>(kind: Kind, items: impl Iterator<Item = Item<'a>>) -> Option<Section<'a>> {
    let items: Vec<Item<'a>> = items.collect();
    (!items.is_empty()).then_some(Section { kind, items })
}

fn text<'a>(text: impl Into<Cow<'a, str>>) -> Item<'a> {
    Item {
        text: text.into(),
        link: None,
    }
}

fn figure(f: &Figure) -> Item<'_> {
    text(match &f.context {
        Some(context) => format!("{}: {} ({context})", f.label, f.value),
        None => format!("{}: {}", f.label, f.value),
    })
}

fn quote(q: &Quote) -> Item<'_> {
    text(format!("“{}” — {}", q.words, q.speaker))
}

/// `004: Camille Grand, European Council on Foreign Relations (ECFR) — ¶8–9`: the source's
/// number, its name (see [`source_name`]) and the paragraphs cited.
fn citation<'a>(corpus: &Corpus, cited: &'a SourceRef) -> Item<'a> {
    let number = cite::number(cited);
    let paragraphs = cite::paragraphs(&cited.paragraphs);
    text(match corpus.source(&cited.source).map(source_name) {
        Some(name) => format!("{number}: {name} — ¶{paragraphs}"),
        None => format!("{number} — ¶{paragraphs}"),
    })
}

/// A source's title, author and publisher, those it has, joined by commas; its description
/// when it has none of the three.
pub fn source_name(source: &Source) -> String {
    let known: Vec<&str> = [&source.title, &source.author, &source.publisher]
        .into_iter()
        .filter_map(|s| s.as_deref())
        .filter(|s| !s.trim().is_empty())
        .collect();
    if known.is_empty() {
        source.description.clone()
    } else {
        known.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Queries;
    use crate::pack::{LoadOptions, Pack};

    fn corpus() -> Corpus {
        Corpus::new(
            Pack::embedded(&LoadOptions::default()).unwrap(),
            Queries::One,
        )
    }

    #[test]
    fn citations_name_their_source() {
        let corpus = corpus();
        let card = corpus.card("four-challenges").unwrap();
        let view = CardView::of(&corpus, card, None);
        let sources = view.section(Kind::Sources).unwrap();
        assert!(
            sources.items[0].text.starts_with(
                "004: Camille Grand, European Council on Foreign Relations (ECFR) — ¶"
            ),
            "{sources:?}"
        );
    }

    #[test]
    fn a_source_without_title_author_or_publisher_is_named_by_its_description() {
        let corpus = corpus();
        let source = corpus.source("003_4154c826245825d1").unwrap();
        assert_eq!(source_name(source), source.description);
        let source = corpus.source("000_c97516f404c32881").unwrap();
        assert_eq!(
            source_name(source),
            "Can NATO Survive Trump and Russia's Threat?"
        );
    }

    #[test]
    fn sections_keep_their_order_and_skip_the_empty() {
        let corpus = corpus();
        for card in &corpus.pack().cards {
            let view = CardView::of(&corpus, card, Some("n"));
            let kinds: Vec<Kind> = view.sections.iter().map(|s| s.kind).collect();
            let mut sorted = kinds.clone();
            sorted.sort_by_key(|k| *k as u8);
            assert_eq!(kinds, sorted);
            assert!(view.sections.iter().all(|s| !s.items.is_empty()));
            assert_eq!(
                view.section(Kind::Related).map_or(0, |s| s.items.len()),
                card.related.len()
            );
        }
    }
}

//! The pack's data types, exactly as they appear in the JSON files (serde), with no behaviour of their own.

use serde::{Deserialize, Serialize};

/// One briefing card: `cards/<id>.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    /// Kebab-case identifier, equal to the file stem.
    pub id: String,
    /// At most 72 characters.
    pub title: String,
    /// Ids of the themes this card belongs to (at least one).
    pub themes: Vec<String>,
    /// Two to four sentences.
    pub summary: String,
    /// Three to seven key points.
    pub points: Vec<String>,
    /// Figures exactly as the source states them.
    #[serde(default)]
    pub figures: Vec<Figure>,
    /// People and organisations named by the card.
    #[serde(default)]
    pub actors: Vec<String>,
    /// Short quotations of named speakers, as reported.
    #[serde(default)]
    pub quotes: Vec<Quote>,
    /// Topics that are not themes, in kebab-case.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Where the card's content comes from.
    pub sources: Vec<SourceRef>,
    /// Ids of cards to read with this one; links are symmetric.
    pub related: Vec<String>,
}

/// A number or amount, with what it counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// What the figure counts.
    pub label: String,
    /// The figure as the source states it.
    pub value: String,
    /// Optional explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
}

/// A quotation of a named speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    /// Who said it.
    pub speaker: String,
    /// The words, as reported.
    pub words: String,
}

/// A citation: a source id and paragraph numbers in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    /// A source id from `sources.json`.
    pub source: String,
    /// Paragraph numbers, counted from 1.
    pub paragraphs: Vec<u32>,
}

/// A theme: `themes.json` lists them in display order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    /// Kebab-case identifier (`ukraine`).
    pub id: String,
    /// Short label for the header tab (`Ukraine`).
    pub label: String,
    /// One line saying what the theme covers.
    pub description: String,
    /// The digit key (1–9) that toggles the theme's filter.
    pub key: u8,
}

/// A source article: `sources.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The source's identifier (the seed file's stem).
    pub id: String,
    /// Title, where the article gives one.
    pub title: Option<String>,
    /// Author, where the article names one.
    pub author: Option<String>,
    /// Publisher, where known from the text.
    pub publisher: Option<String>,
    /// Date, where the text states one.
    pub date: Option<String>,
    /// One line saying what the source is.
    pub description: String,
}

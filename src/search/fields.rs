//! Which strings of a card are searched, and the [`Field`] that names each one.

use serde::Serialize;

use crate::pack::Card;

/// One searchable string of a card. Serialized as `{"field": "point", "index": 2}`.
#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(tag = "field", content = "index", rename_all = "snake_case")]
pub enum Field {
    /// The title.
    Title,
    /// The summary.
    Summary,
    /// Key point `i`.
    Point(usize),
    /// Figure `i`'s label.
    FigureLabel(usize),
    /// Figure `i`'s value.
    FigureValue(usize),
    /// Figure `i`'s context.
    FigureContext(usize),
    /// Actor `i`.
    Actor(usize),
    /// Quote `i`'s speaker.
    QuoteSpeaker(usize),
    /// Quote `i`'s words.
    QuoteWords(usize),
    /// Tag `i`.
    Tag(usize),
}

/// Where a hit counts for ranking: a title hit outranks a point hit, which outranks a summary hit,
/// which outranks any other.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Tier {
    /// Figures, actors, quotes, tags.
    Rest = 0,
    /// The summary.
    Summary = 1,
    /// A key point.
    Point = 2,
    /// The title.
    Title = 3,
}

impl Tier {
    /// The tier of rank `n` (0 for [`Tier::Rest`] up to 3 for [`Tier::Title`]; more is a title).
    pub(crate) fn from_rank(n: usize) -> Tier {
        match n {
            0 => Tier::Rest,
            1 => Tier::Summary,
            2 => Tier::Point,
            _ => Tier::Title,
        }
    }
}

impl Field {
    /// The field's ranking tier.
    pub fn tier(self) -> Tier {
        match self {
            Field::Title => Tier::Title,
            Field::Point(_) => Tier::Point,
            Field::Summary => Tier::Summary,
            _ => Tier::Rest,
        }
    }

    /// Whether this is an actor's name (what `actor:` searches).
    pub fn is_actor(self) -> bool {
        matches!(self, Field::Actor(_))
    }
}

/// Every searchable string of `card` with its field, in a fixed order.
pub fn fields(card: &Card) -> impl Iterator<Item = (Field, &str)> {
    let fixed = [
        (Field::Title, card.title.as_str()),
        (Field::Summary, card.summary.as_str()),
    ];
    let points = card
        .points
        .iter()
        .enumerate()
        .map(|(i, p)| (Field::Point(i), p.as_str()));
    let figures = card.figures.iter().enumerate().flat_map(|(i, f)| {
        [
            Some((Field::FigureLabel(i), f.label.as_str())),
            Some((Field::FigureValue(i), f.value.as_str())),
            f.context.as_deref().map(|c| (Field::FigureContext(i), c)),
        ]
        .into_iter()
        .flatten()
    });
    let actors = card
        .actors
        .iter()
        .enumerate()
        .map(|(i, a)| (Field::Actor(i), a.as_str()));
    let quotes = card.quotes.iter().enumerate().flat_map(|(i, q)| {
        [
            (Field::QuoteSpeaker(i), q.speaker.as_str()),
            (Field::QuoteWords(i), q.words.as_str()),
        ]
    });
    let tags = card
        .tags
        .iter()
        .enumerate()
        .map(|(i, t)| (Field::Tag(i), t.as_str()));
    fixed
        .into_iter()
        .chain(points)
        .chain(figures)
        .chain(actors)
        .chain(quotes)
        .chain(tags)
}

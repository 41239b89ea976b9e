//! `theme:ID`, `tag:ID` and `source:PREFIX`: filters on a card's ids, compared lower-cased. The
//! index keeps the cards of each id ([`Key`] tables); a `tag:` also highlights the tag it matched.

use crate::pack::{Card, Theme};
use crate::search::FieldMatch;
use crate::search::bits::Bits;
use crate::search::fields::Field;
use crate::search::index::{Key, Store};
use crate::search::tally::CardTally;

/// The node for `theme:VALUE` (`lower` is `value` lower-cased): known themes only, so that a typo
/// is an error rather than an empty list.
pub(crate) fn theme(value: &str, lower: String, themes: &[Theme]) -> Result<super::Node, String> {
    if themes.iter().any(|t| t.id.to_lowercase() == lower) {
        return Ok(super::Node::Theme(lower));
    }
    let known: Vec<&str> = themes.iter().map(|t| t.id.as_str()).collect();
    Err(format!(
        "unknown theme '{value}' (known: {})",
        known.join(", ")
    ))
}

/// Whether `card` has the theme `id`.
pub(super) fn scan_theme(id: &str, card: &Card) -> bool {
    card.themes.iter().any(|t| t.to_lowercase() == id)
}

/// Whether `card` has the tag `id`; a positive match keeps each such tag to highlight.
pub(super) fn scan_tag(id: &str, card: &Card, positive: bool, tally: &mut CardTally) -> bool {
    let mut found = false;
    for (i, tag) in card.tags.iter().enumerate() {
        if tag.to_lowercase() == id {
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

/// Whether `card` cites a source whose id starts with `prefix`.
pub(super) fn scan_source(prefix: &str, card: &Card) -> bool {
    card.sources
        .iter()
        .any(|s| s.source.to_lowercase().starts_with(prefix))
}

/// The cards listed under `id` in one of the index's id tables (`key`), or, if `prefix`, under
/// every id starting with `id`: a run of the sorted ids.
pub(super) fn select_keyed<S: Store>(
    store: &S,
    key: Key,
    id: &str,
    prefix: bool,
) -> Result<Bits, S::Error> {
    let mut bits = Bits::empty(store.cards());
    store.keyed(key, id, prefix, |cards| {
        for &c in cards {
            bits.set(c as usize);
        }
    })?;
    Ok(bits)
}

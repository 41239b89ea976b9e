//! What the viewer asks of the card store beyond the commands' questions: the pack's themes and
//! sources (small, always in memory), where the pack came from, and every card's themes as bits
//! (a pack file keeps them in a table of their own, so the filter counts and toggles themes
//! without decoding a card).

use super::Corpus;
use crate::pack::{Source, Theme};
use crate::packfile::FileError;

/// A card's themes as bits: bit `k` set when it is of theme `k` of [`Corpus::themes`] (a pack
/// has at most nine themes, one per digit key).
pub type ThemeBits = u16;

impl Corpus {
    /// The themes, in display order.
    pub fn themes(&self) -> &[Theme] {
        &self.pack.themes
    }

    /// The sources the cards cite.
    pub fn sources(&self) -> &[Source] {
        &self.pack.sources
    }

    /// Where the pack came from, for messages: "the built-in pack", a folder, a file.
    pub fn describe(&self) -> String {
        self.pack.describe()
    }

    /// Checks that a pack file's search index opens: its facts (96 bytes) in a version this
    /// brief reads, its parts' lengths. The viewer asks before it starts, so a file it could not
    /// search is refused at launch, as `brief list` refuses it, not shown as an empty list; the
    /// index opened is the one every query then uses.
    pub fn check_search(&self) -> Result<(), FileError> {
        match &self.file {
            Some(file) => self.file_index(file).map(|_| ()),
            None => Ok(()),
        }
    }

    /// Each card's themes as bits, in pack order (from a pack file: its `cards.themes` table,
    /// read and checked now; no card is decoded).
    pub fn theme_bits(&self) -> Result<Vec<ThemeBits>, FileError> {
        if let Some(file) = &self.file {
            return file.theme_bits();
        }
        let themes = &self.pack.themes;
        Ok(self
            .pack
            .cards
            .iter()
            .map(|card| {
                themes
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| card.themes.contains(&t.id))
                    .fold(0, |bits, (k, _)| {
                        bits | 1u16.checked_shl(k as u32).unwrap_or(0)
                    })
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Queries;
    use crate::pack::{LoadOptions, Pack};

    #[test]
    fn theme_bits_say_each_cards_themes_in_theme_order() {
        let pack = Pack::embedded(&LoadOptions::default()).unwrap();
        let corpus = Corpus::new(pack.clone(), Queries::Many);
        let bits = corpus.theme_bits().unwrap();
        assert_eq!(bits.len(), pack.cards.len());
        for (card, bits) in pack.cards.iter().zip(bits) {
            let named: Vec<&str> = (0..corpus.themes().len())
                .filter(|k| bits & (1 << k) != 0)
                .map(|k| corpus.themes()[k].id.as_str())
                .collect();
            let mut want: Vec<&str> = corpus
                .themes()
                .iter()
                .filter(|t| card.themes.contains(&t.id))
                .map(|t| t.id.as_str())
                .collect();
            want.dedup();
            assert_eq!(named, want, "{}", card.id);
        }
    }
}

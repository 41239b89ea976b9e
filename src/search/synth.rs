//! Large packs made from the built-in one, for benchmarks and for trying `brief` at scale
//! (`cargo run --release --example genpack -- DIR N`).
//!
//! Card `i` takes its themes, actors, figures, quotes, tags and sources from built-in card
//! `i % 37`, a summary and 3–7 points drawn from the whole pack, and swaps about one word in six
//! for a made-up one: common words stay common, and the vocabulary grows with the pack the way a
//! real one would. Every card is valid (the loader accepts the pack) and `related` is left empty.

use std::fs;
use std::io;
use std::path::Path;

use crate::pack::{Card, LoadOptions, Pack, PackError};

/// A small deterministic generator (xorshift64*), so a given seed always writes the same pack.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const SYLLABLES: [&str; 24] = [
    "ka", "lo", "vir", "te", "man", "zu", "pre", "dos", "ni", "ra", "gel", "tor", "bi", "sa",
    "quen", "fu", "mor", "ti", "las", "co", "ven", "du", "rik", "sel",
];

/// A made-up lower-case word of two to four syllables.
fn made_up(rng: &mut Rng) -> String {
    (0..2 + rng.below(3))
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
        .collect()
}

/// `text` with about one lower-case word in six (of four letters or more) swapped for a made-up
/// one. Only such words are touched, so sentences, figures and names keep their shape.
fn vary(text: &str, rng: &mut Rng) -> String {
    text.split(' ')
        .map(|w| {
            let plain = w.len() >= 4 && w.bytes().all(|b| b.is_ascii_lowercase());
            if plain && rng.below(6) == 0 {
                made_up(rng)
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `n` varied cards made from `base` (which must not be empty), in a fixed order for `seed`.
pub fn cards(base: &[Card], n: usize, seed: u64) -> Vec<Card> {
    let mut rng = Rng(seed | 1);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let Some(model) = base.get(i % base.len().max(1)) else {
            break;
        };
        let mut card = model.clone();
        card.id = format!("{}-{i:06}", model.id);
        let title = vary(&base[rng.below(base.len())].title, &mut rng);
        if title.chars().count() <= 72 {
            card.title = title;
        }
        card.summary = vary(&base[rng.below(base.len())].summary, &mut rng);
        card.points = (0..3 + rng.below(5))
            .map(|_| {
                let from = &base[rng.below(base.len())].points;
                vary(&from[rng.below(from.len())], &mut rng)
            })
            .collect();
        for f in &mut card.figures {
            f.label = vary(&f.label, &mut rng);
        }
        card.related.clear();
        out.push(card);
    }
    out
}

/// Writes a pack of `n` cards made from the built-in one into `dir` (created if missing).
pub fn write_pack(dir: &Path, n: usize, seed: u64) -> Result<(), PackError> {
    let io_err = |e: io::Error| PackError::Read {
        path: dir.display().to_string(),
        reason: e.to_string(),
    };
    let base = Pack::embedded(&LoadOptions::default())?;
    let cards_dir = dir.join("cards");
    fs::create_dir_all(&cards_dir).map_err(io_err)?;
    fs::write(dir.join("themes.json"), pretty(&base.themes, dir)?).map_err(io_err)?;
    fs::write(dir.join("sources.json"), pretty(&base.sources, dir)?).map_err(io_err)?;
    for card in cards(&base.cards, n, seed) {
        let path = cards_dir.join(format!("{}.json", card.id));
        fs::write(path, pretty(&card, dir)?).map_err(io_err)?;
    }
    Ok(())
}

fn pretty(value: &impl serde::Serialize, dir: &Path) -> Result<String, PackError> {
    serde_json::to_string_pretty(value).map_err(|e| PackError::Read {
        path: dir.display().to_string(),
        reason: e.to_string(),
    })
}

//! Writes a large pack made from the built-in one, for benchmarks:
//! `cargo run --release --example genpack -- [--long-ids] DIR [N] [SEED]` (N defaults to 100000).
//!
//! `--long-ids` names the cards as real packs often do, with a long prefix they share
//! (`summit-2025-the-hague-briefing-rutte-office-000123`), and links each card with the other two
//! of its group of three in `related` (both ways, as the rules want), so that the loader's link
//! check looks ids up: the shape that makes comparing ids slow. Without it the pack is the one
//! `brief::search::synth::write_pack` writes (short ids, no links).

use std::path::Path;
use std::process::ExitCode;

use brief::pack::{Card, LoadOptions, Pack};
use brief::search::synth;

/// What every id starts with under `--long-ids`.
const LONG_PREFIX: &str = "summit-2025-the-hague-briefing-";

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let long_ids = args.iter().any(|a| a == "--long-ids");
    args.retain(|a| a != "--long-ids");
    let mut args = args.into_iter();
    let Some(dir) = args.next() else {
        eprintln!("usage: genpack [--long-ids] DIR [N] [SEED]");
        return ExitCode::from(2);
    };
    let n = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let seed = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let written = if long_ids {
        write_long(dir.as_ref(), n, seed)
    } else {
        synth::write_pack(dir.as_ref(), n, seed).map_err(|e| e.to_string())
    };
    match written {
        Ok(()) => {
            println!("wrote {n} cards to {dir}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("genpack: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The cards of [`synth::cards`] with long shared-prefix ids, each linked with the rest of its
/// group of three.
fn long_cards(base: &[Card], n: usize, seed: u64) -> Vec<Card> {
    let mut cards = synth::cards(base, n, seed);
    for card in &mut cards {
        card.id = format!("{LONG_PREFIX}{}", card.id);
    }
    let ids: Vec<String> = cards.iter().map(|c| c.id.clone()).collect();
    for (i, card) in cards.iter_mut().enumerate() {
        let group = i - i % 3..(i - i % 3 + 3).min(n);
        card.related = group.filter(|&j| j != i).map(|j| ids[j].clone()).collect();
    }
    cards
}

/// Writes the `--long-ids` pack into `dir` (created if missing).
fn write_long(dir: &Path, n: usize, seed: u64) -> Result<(), String> {
    let base = Pack::embedded(&LoadOptions::default()).map_err(|e| e.to_string())?;
    let cards_dir = dir.join("cards");
    std::fs::create_dir_all(&cards_dir).map_err(|e| e.to_string())?;
    write_json(&dir.join("themes.json"), &base.themes)?;
    write_json(&dir.join("sources.json"), &base.sources)?;
    for card in long_cards(&base.cards, n, seed) {
        write_json(&cards_dir.join(format!("{}.json", card.id)), &card)?;
    }
    Ok(())
}

/// Writes `value` to `path` as pretty JSON, as `synth::write_pack` writes its files.
fn write_json(path: &Path, value: &impl serde::Serialize) -> Result<(), String> {
    let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

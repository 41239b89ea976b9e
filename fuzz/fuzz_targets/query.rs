//! The query parser, and a parsed query run over the built-in pack: never a panic, and an error
//! always points inside the query.
#![no_main]

use brief::pack::{LoadOptions, Pack};
use brief::search::{self, NoFlags};
use libfuzzer_sys::fuzz_target;

static PACK: std::sync::OnceLock<Option<Pack>> = std::sync::OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Some(pack) = PACK.get_or_init(|| Pack::embedded(&LoadOptions::default()).ok()) else { return };
    match search::parse(text, &pack.themes) {
        Ok(query) => {
            for card in &pack.cards {
                let _ = query.score(card, &NoFlags);
                for found in query.highlights(card) {
                    for range in found.ranges {
                        assert!(range.start <= range.end);
                    }
                }
            }
        }
        Err(e) => assert!(e.offset <= text.chars().count(), "{e:?} for {text:?}"),
    }
});

//! One card file, through the whole loader: parse, bound, sanitize, validate, link check. Nothing
//! may panic, and whatever loads must be free of control characters.
#![no_main]

use brief::base::sanitize::{is_bidi_control, is_control};
use brief::pack::{LoadOptions, Pack};
use libfuzzer_sys::fuzz_target;

const THEMES: &[u8] = include_bytes!("../../briefings/themes.json");
const SOURCES: &[u8] = include_bytes!("../../briefings/sources.json");

fuzz_target!(|data: &[u8]| {
    let files: [(&str, &[u8]); 3] = [("themes.json", THEMES), ("sources.json", SOURCES), ("cards/fuzz.json", data)];
    if let Ok(pack) = Pack::from_memory(&files, "", &LoadOptions::default()) {
        for card in &pack.cards {
            let json = serde_json::to_string(card).unwrap_or_default();
            let text: String = serde_json::from_str::<serde_json::Value>(&json)
                .map(|v| v.to_string())
                .unwrap_or_default();
            assert!(!card.title.chars().any(|c| is_control(c) || is_bidi_control(c)), "{text}");
            assert!(!card.summary.chars().any(|c| (is_control(c) && c != '\n') || is_bidi_control(c)));
        }
        for problem in &pack.problems {
            assert!(!problem.to_string().chars().any(|c| is_control(c) || is_bidi_control(c)));
        }
    }
});

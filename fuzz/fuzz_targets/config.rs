//! The config file parser: any bytes give a config and a list of placed problems, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let (_, problems) = brief::config::parse(text, "config.toml");
        for p in problems {
            assert!(p.line >= 1 && p.column >= 1);
        }
    }
});

//! The state-file reader: any bytes are a state or a reason to set the file aside, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(state) = brief::state::read_bytes(data) {
        let bookmarks = state.bookmarks().len();
        let _ = state.notes();
        let _ = state.position();
        assert!(bookmarks <= data.len());
    }
});

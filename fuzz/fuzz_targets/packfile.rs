//! The pack file reader: a file made of the fuzzer's bytes, read every way a command reads one
//! (open, every id, title and card, id lookups, theme counts, a query, the whole check). Three
//! kinds of input, by the first byte: the whole file as given (the header and part table); a
//! sound file (the built-in pack) with one part replaced by the fuzzer's bytes and every checksum
//! made to agree (what lies behind the checksums); a sound file with bytes flipped where the
//! fuzzer says (checksums left as they are). Nothing may panic or hang; every error is one line
//! naming the file; every string read out is free of control characters.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use brief::base::sanitize::{is_bidi_control, is_control};
use brief::corpus::{Corpus, Queries};
use brief::pack::{LoadOptions, Pack};
use brief::packfile::{FileParts, FileWriter, PartSink, Parts};
use brief::search::{NoFlags, parse};
use libfuzzer_sys::fuzz_target;

/// The built-in pack as a sound file, and its parts by name.
fn sound() -> &'static (Vec<u8>, Vec<(String, Vec<u8>)>) {
    static SOUND: OnceLock<(Vec<u8>, Vec<(String, Vec<u8>)>)> = OnceLock::new();
    SOUND.get_or_init(|| {
        let pack = Pack::embedded(&LoadOptions::default()).unwrap();
        let bytes = brief::packfile::build::file_bytes(&pack).unwrap();
        let path = scratch().with_extension("sound");
        std::fs::write(&path, &bytes).unwrap();
        let parts = FileParts::open(&path).unwrap();
        let named = parts
            .entries()
            .iter()
            .map(|e| (e.name.clone(), parts.read_part(&e.name, 0..e.len).unwrap()))
            .collect();
        (bytes, named)
    })
}

/// Where each run's file is written (one per process).
fn scratch() -> PathBuf {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().unwrap()).path().join("fuzz.brief")
}

fn file_of(data: &[u8]) -> Vec<u8> {
    let (bytes, parts) = sound();
    match data.split_first() {
        None => Vec::new(),
        Some((0, rest)) => rest.to_vec(),
        Some((1, rest)) => {
            let Some((&which, content)) = rest.split_first() else { return bytes.clone() };
            let which = usize::from(which) % parts.len();
            let mut writer = FileWriter::new();
            for (k, (name, part)) in parts.iter().enumerate() {
                let part = if k == which { content.to_vec() } else { part.clone() };
                writer.add_part(name, part).unwrap();
            }
            writer.finish()
        }
        Some((_, rest)) => {
            let mut file = bytes.clone();
            for pair in rest.chunks_exact(3) {
                let at = usize::from(u16::from_le_bytes([pair[0], pair[1]])) * 7 % file.len();
                file[at] ^= pair[2];
            }
            file
        }
    }
}

fn clean(text: &str, lines: bool) {
    assert!(
        !text.chars().any(|c| (is_control(c) && !(lines && c == '\n')) || is_bidi_control(c)),
        "{text:?}"
    );
}

fuzz_target!(|data: &[u8]| {
    let path = scratch();
    std::fs::write(&path, file_of(data)).unwrap();
    let shown = path.display().to_string();
    let one_line = |e: &brief::packfile::FileError| {
        let text = e.to_string();
        assert!(text.starts_with(&shown) && !text.contains('\n'), "{text}");
        clean(&text, false);
    };
    let options = LoadOptions::default();
    let _ = brief::packfile::check::check_file(&path, &options).map_err(|e| one_line(&e));
    let corpus = match Corpus::open_file(&path, &options, Queries::One) {
        Ok(corpus) => corpus,
        Err(e) => return one_line(&e),
    };
    for theme in corpus.themes().iter() {
        clean(&theme.label, false);
    }
    for i in 0..corpus.len().min(64) {
        match corpus.id_at(i) {
            Ok(id) => {
                clean(&id, false);
                let _ = corpus.find(&id).map_err(|e| one_line(&e));
            }
            Err(e) => one_line(&e),
        }
        match corpus.title_at(i) {
            Ok(title) => clean(&title, false),
            Err(e) => one_line(&e),
        }
        match corpus.card_at(i) {
            Ok(card) => {
                clean(&card.title, false);
                clean(&card.summary, true);
            }
            Err(e) => one_line(&e),
        }
    }
    let _ = corpus.theme_counts().map_err(|e| one_line(&e));
    if let Ok(query) = parse("rutte OR theme:trump", corpus.themes()) {
        let _ = corpus.try_hits(&query, &NoFlags).map_err(|e| one_line(&e));
    }
});

//! The card store over a pack file keeps one search index for every query: a run of queries
//! answers as fresh corpora do, reads again none of what the first query read and decoded, and
//! damage met by a later query is still an error naming the part.

use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, Mutex};

use super::{Corpus, Queries};
use crate::pack::{LoadOptions, Pack, PackOrigin};
use crate::packfile::build::file_bytes;
use crate::packfile::cards::FileCards;
use crate::packfile::{FileParts, PartError, Parts};
use crate::search::{self, NoFlags, synth};

/// The built-in pack and 300 made-up cards, written to `p.brief` in `dir`.
fn pack_file(dir: &Path) -> std::path::PathBuf {
    let mut pack = Pack::embedded(&LoadOptions::default()).unwrap();
    let more = synth::cards(&pack.cards, 300, 3);
    pack.cards.extend(more);
    let path = dir.join("p.brief");
    std::fs::write(&path, file_bytes(&pack).unwrap()).unwrap();
    path
}

fn open(path: &Path) -> Corpus {
    Corpus::open_file(path, &LoadOptions::default(), Queries::Many).unwrap()
}

/// The hits of `text` on `corpus`, or the error's message.
fn hits(corpus: &Corpus, text: &str) -> Result<Vec<search::Hit>, String> {
    let query = search::parse(text, corpus.themes()).unwrap();
    corpus.try_hits(&query, &NoFlags).map_err(|e| e.to_string())
}

const TYPED: [&str; 9] = [
    "r",
    "ru",
    "rutte",
    "rutte allies",
    "burden",
    "theme:spending tag:russia",
    "\"prime minister\"",
    "rutte",
    "\"prime minister\" OR ukr",
];

#[test]
fn queries_in_a_row_answer_as_fresh_corpora_do() {
    let dir = tempfile::tempdir().unwrap();
    let path = pack_file(dir.path());
    let kept = open(&path);
    for text in TYPED {
        let fresh = hits(&open(&path), text).unwrap();
        assert!(!fresh.is_empty(), "{text}");
        assert_eq!(hits(&kept, text).unwrap(), fresh, "{text}");
    }
}

/// The parts of a file, with every range read of each part written down.
struct Counted {
    parts: FileParts,
    reads: Mutex<Vec<(String, Range<u64>)>>,
}

impl Parts for Counted {
    fn part_len(&self, name: &str) -> Option<u64> {
        self.parts.part_len(name)
    }
    fn read_part(&self, name: &str, range: Range<u64>) -> Result<Vec<u8>, PartError> {
        self.reads
            .lock()
            .unwrap()
            .push((name.into(), range.clone()));
        self.parts.read_part(name, range)
    }
}

// A corpus opened a new index for every query, so each keystroke read the vocabulary's
// directory and blocks again and decoded them again (a search keystroke at 100,000 cards took
// twice what the index in memory takes).
#[test]
fn a_query_again_reads_nothing_the_first_one_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = pack_file(dir.path());
    let counted = Arc::new(Counted {
        parts: FileParts::open(&path).unwrap(),
        reads: Mutex::new(Vec::new()),
    });
    let parts: Arc<dyn Parts> = Arc::clone(&counted) as _;
    let options = LoadOptions::default();
    let file = FileCards::open(parts, "p.brief", &options).unwrap();
    let mut corpus = Corpus::new(
        Pack {
            origin: PackOrigin::File(path.clone()),
            themes: file.themes().to_vec(),
            sources: file.sources().to_vec(),
            cards: Vec::new(),
            problems: Vec::new(),
            skipped: 0,
        },
        Queries::Many,
    );
    corpus.file = Some(file);
    let index_reads = || {
        let reads = counted.reads.lock().unwrap();
        let index = reads.iter().filter(|(name, _)| name.starts_with("index."));
        index.cloned().collect::<Vec<_>>()
    };
    let first = hits(&corpus, "rutte allies").unwrap();
    let before = index_reads();
    assert!(before.iter().any(|(name, _)| name == "index.vocab.dir"));
    assert_eq!(hits(&corpus, "rutte allies").unwrap(), first);
    let again = &index_reads()[before.len()..];
    for (name, range) in again {
        assert!(
            !name.starts_with("index.vocab") && name != "index.meta",
            "read again: {name} {range:?}"
        );
    }
}

#[test]
fn damage_met_by_a_later_query_is_an_error_naming_the_part() {
    let dir = tempfile::tempdir().unwrap();
    let path = pack_file(dir.path());
    let corpus = open(&path);
    // The theme's card list alone: no place is read.
    hits(&corpus, "theme:trump").unwrap();
    let places = FileParts::open(&path)
        .unwrap()
        .entries()
        .iter()
        .find(|e| e.name == "index.places")
        .cloned()
        .unwrap();
    let mut bytes = std::fs::read(&path).unwrap();
    for b in &mut bytes[places.range().start as usize..places.range().end as usize] {
        *b ^= 0x55;
    }
    std::fs::write(&path, &bytes).unwrap();
    // A phrase reads its words' places; a word's entries were checked when first read.
    let err = hits(&corpus, "\"prime minister\"").unwrap_err();
    let shown = path.display().to_string();
    assert!(
        err.starts_with(&format!("{shown}: index.places: ")),
        "{err}"
    );
    assert!(err.contains("checksum mismatch"), "{err}");
    assert_eq!(
        hits(&corpus, "theme:trump").unwrap(),
        hits(&open(&path), "theme:trump").unwrap()
    );
}

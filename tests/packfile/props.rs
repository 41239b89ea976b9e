//! Property: for random queries, a pack file answers exactly as the folder it was built from:
//! the same cards in the same order with the same scores, the same ids and titles; and every
//! card, count and id lookup is the folder's.

use std::sync::OnceLock;

use brief::corpus::{Corpus, Queries};
use brief::pack::{LoadOptions, Pack};
use brief::search::{Flags, parse, synth};
use proptest::prelude::*;

/// Flags that split the pack by id, so `is:` filters matter.
struct ByLength;

impl Flags for ByLength {
    fn is_bookmarked(&self, id: &str) -> bool {
        id.len().is_multiple_of(2)
    }
    fn is_read(&self, id: &str) -> bool {
        id.len().is_multiple_of(3)
    }
    fn has_note(&self, id: &str) -> bool {
        id.contains('r')
    }
}

/// A 300-card folder made by `synth`, loaded, and built into a file: both opened once.
fn both() -> &'static (Corpus, Corpus, tempfile::TempDir) {
    static BOTH: OnceLock<(Corpus, Corpus, tempfile::TempDir)> = OnceLock::new();
    BOTH.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("pack");
        synth::write_pack(&folder, 300, 11).unwrap();
        let pack = Pack::from_dir(&folder, &LoadOptions::default()).unwrap();
        let file = dir.path().join("pack.brief");
        std::fs::write(&file, brief::packfile::build::file_bytes(&pack).unwrap()).unwrap();
        let from_file = Corpus::open_file(&file, &LoadOptions::default(), Queries::One).unwrap();
        (Corpus::new(pack, Queries::One), from_file, dir)
    })
}

fn atom() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "rutte",
        "ukr",
        "orban",
        "nato",
        "n",
        "prime",
        "trump",
        "china",
        "war",
        "zzz",
        "2",
        "ka",
        "lo",
        "mark",
        "s",
        "\"prime minister\"",
        "\"per cent\"",
        "\"mark rutte\"",
        "\"of the\"",
        "theme:ukraine",
        "theme:spending",
        "tag:china",
        "source:00",
        "actor:rutte",
        "actor:\"mark rutte\"",
        "is:bookmarked",
        "is:unread",
        "is:noted",
    ])
    .prop_map(str::to_string)
}

fn query() -> impl Strategy<Value = String> {
    let term = (any::<bool>(), atom()).prop_map(|(neg, a)| if neg { format!("-{a}") } else { a });
    prop::collection::vec((term, any::<bool>()), 1..4).prop_map(|parts| {
        let mut q = String::new();
        for (i, (t, or)) in parts.iter().enumerate() {
            if i > 0 {
                q.push_str(if *or { " OR " } else { " " });
            }
            q.push_str(t);
        }
        q
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_file_answers_every_query_as_its_folder(text in query()) {
        let (folder, file, _) = both();
        let query = parse(&text, folder.themes()).unwrap();
        let want = folder.try_hits(&query, &ByLength).unwrap();
        let got = file.try_hits(&query, &ByLength).unwrap();
        prop_assert_eq!(&want, &got, "{}", text);
        for hit in &got {
            prop_assert_eq!(folder.id_at(hit.card).unwrap(), file.id_at(hit.card).unwrap());
            prop_assert_eq!(folder.title_at(hit.card).unwrap(), file.title_at(hit.card).unwrap());
        }
        let positions: Vec<usize> = got.iter().map(|h| h.card).collect();
        prop_assert_eq!(folder.rows(&positions).unwrap(), file.rows(&positions).unwrap());
    }
}

/// Every card decodes to the folder's card (so highlights, `show` and `export` agree too).
#[test]
fn every_card_of_the_file_is_the_folders() {
    let (folder, file, _) = both();
    let all: Vec<usize> = (0..folder.len()).collect();
    assert_eq!(folder.cards_at(&all).unwrap(), file.cards_at(&all).unwrap());
    assert_eq!(folder.theme_counts().unwrap(), file.theme_counts().unwrap());
    for i in all {
        let id = folder.id_at(i).unwrap();
        assert_eq!(file.find(&id).unwrap(), Some(i));
    }
    assert_eq!(file.find("no-such-card").unwrap(), None);
}

/// `rows` reads a few rows piecemeal (in card order, given back in the order asked) and many out
/// of the tables read whole: both give the folder's ids and titles, repeats and all.
#[test]
fn rows_few_and_many_are_the_folders() {
    let (folder, _, dir) = both();
    // A file opened afresh, so that the few rows come before any table is read whole.
    let file = dir.path().join("pack.brief");
    let file = Corpus::open_file(&file, &LoadOptions::default(), Queries::One).unwrap();
    let few = [250, 3, 250, 77, 0, folder.len() - 1];
    assert_eq!(folder.rows(&few).unwrap(), file.rows(&few).unwrap());
    let many: Vec<usize> = (0..folder.len()).rev().collect();
    assert_eq!(folder.rows(&many).unwrap(), file.rows(&many).unwrap());
    assert_eq!(folder.rows(&few).unwrap(), file.rows(&few).unwrap());
    assert!(file.rows(&[folder.len()]).is_err());
}

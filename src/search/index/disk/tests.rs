//! The index written to parts and read back answers as the index in memory does, reading only
//! what each question needs.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

use super::*;
use crate::pack::{LoadOptions, Pack, Theme};
use crate::packfile::MemoryParts;
use crate::packfile::cards::IdTable;
use crate::packfile::cards::write::write_ids;
use crate::search::index::Index;
use crate::search::{Mark, NoFlags, parse, synth};

/// Parts held in memory, counting the bytes read from each.
#[derive(Default)]
pub(super) struct Counted {
    pub(super) parts: MemoryParts,
    pub(super) read: Mutex<BTreeMap<String, u64>>,
}

impl Parts for Counted {
    fn part_len(&self, name: &str) -> Option<u64> {
        self.parts.part_len(name)
    }

    fn read_part(&self, name: &str, range: Range<u64>) -> Result<Vec<u8>, PartError> {
        let bytes = self.parts.read_part(name, range)?;
        *self
            .read
            .lock()
            .unwrap()
            .entry(name.to_string())
            .or_default() += bytes.len() as u64;
        Ok(bytes)
    }
}

impl Counted {
    /// Bytes read from each part since the last call.
    pub(super) fn take_read(&self) -> BTreeMap<String, u64> {
        std::mem::take(&mut *self.read.lock().unwrap())
    }
}

/// The built-in cards and 300 made-up ones, their themes, the index, and its parts.
pub(super) fn fixture() -> &'static (Pack, Index, MemoryParts) {
    static FIXTURE: OnceLock<(Pack, Index, MemoryParts)> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let mut pack = Pack::embedded(&LoadOptions::default()).unwrap();
        let more = synth::cards(&pack.cards, 300, 3);
        let mut cjk = pack.cards[0].clone();
        cjk.id = "scripts-0".into();
        cjk.title = "北约峰会召开".into();
        pack.cards.extend(more);
        pack.cards.push(cjk);
        let index = Index::build(&pack.cards);
        let parts = index_parts(&index);
        (pack, index, parts)
    })
}

/// The parts of `index`, with the id table of its cards (which a pack file holds beside them).
pub(super) fn index_parts(index: &Index) -> MemoryParts {
    let mut parts = MemoryParts::new();
    write_parts(index, &mut parts).unwrap();
    let ids: Vec<&str> = index.ids.iter().map(|id| &**id).collect();
    write_ids(&ids, &mut parts).unwrap();
    parts
}

/// The index in `parts`, with the id table of their `cards` cards.
pub(super) fn open_with_ids(parts: Arc<dyn Parts>, cards: usize) -> Result<FileIndex, PartError> {
    let ids = IdTable::open(Arc::clone(&parts), cards as u64, 16 * 1024)?;
    FileIndex::open(parts, Arc::new(ids))
}

/// A file index over a copy of the fixture's parts, and those parts (to count reads).
pub(super) fn open(parts: MemoryParts) -> (FileIndex, Arc<Counted>) {
    let cards = parts.part_len("cards.order").unwrap() as usize / 4;
    let mem = Arc::new(Counted {
        parts,
        read: Mutex::default(),
    });
    let index = open_with_ids(mem.clone(), cards).unwrap();
    (index, mem)
}

/// Queries of every kind of node.
pub(super) const QUERIES: &[&str] = &[
    "",
    "rutte",
    "ukr",
    "u",
    "zzz",
    "rutte allies ukraine",
    "\"prime minister\"",
    "\"prime min\"",
    "\"mark rutte\"",
    "\"of the a\"",
    "theme:spending tag:russia",
    "theme:trump -tag:china",
    "source:00",
    "source:004 OR tag:china",
    "actor:rutte",
    "actor:\"donald t\"",
    "actor:m",
    "-rutte",
    "(ukraine OR beijing) minister",
    "峰会",
    "is:bookmarked",
    "is:unread rutte",
    "-is:noted",
];

/// Every third card bookmarked, every fourth read, every fifth noted; the marks listed when
/// `list` is set.
struct Marked {
    ids: Vec<String>,
    list: bool,
}

impl Marked {
    fn has(&self, id: &str, every: usize) -> bool {
        self.ids
            .iter()
            .position(|i| i == id)
            .is_some_and(|i| i % every == 0)
    }
}

impl Flags for Marked {
    fn is_bookmarked(&self, id: &str) -> bool {
        self.has(id, 3)
    }
    fn is_read(&self, id: &str) -> bool {
        self.has(id, 4)
    }
    fn has_note(&self, id: &str) -> bool {
        self.has(id, 5)
    }
    fn marked(&self, mark: Mark) -> Option<Vec<&str>> {
        let every = match mark {
            Mark::Bookmarked => 3,
            Mark::Read => 4,
            Mark::Noted => 5,
        };
        self.list.then(|| {
            let mut ids: Vec<&str> = self.ids.iter().step_by(every).map(String::as_str).collect();
            ids.push("no-such-card");
            ids
        })
    }
}

fn themes() -> &'static [Theme] {
    &fixture().0.themes
}

#[test]
fn every_query_gives_the_same_hits_scores_and_order_as_memory() {
    let (pack, memory, parts) = fixture();
    let (file, _) = open(parts.clone());
    let ids: Vec<String> = pack.cards.iter().map(|c| c.id.clone()).collect();
    for list in [false, true] {
        let flags = Marked {
            ids: ids.clone(),
            list,
        };
        for text in QUERIES {
            let query = parse(text, themes()).unwrap();
            let want = memory.search(&query, &flags);
            assert_eq!(file.search(&query, &flags).unwrap(), want, "{text}");
            if !text.is_empty() && !text.starts_with('-') && !text.contains("zzz") {
                assert!(!want.is_empty(), "{text} should find something");
            }
        }
    }
}

#[test]
fn opening_reads_the_meta_alone_and_a_word_reads_a_few_blocks_and_its_entries() {
    let (_, _, parts) = fixture();
    let (file, mem) = open(parts.clone());
    let read = mem.take_read();
    assert_eq!(read.keys().collect::<Vec<_>>(), ["index.meta"]);
    let query = parse("rutte", themes()).unwrap();
    file.search(&query, &NoFlags).unwrap();
    let read = mem.take_read();
    let names: Vec<&str> = read.keys().map(String::as_str).collect();
    assert_eq!(names, ["index.entries", "index.vocab", "index.vocab.dir"]);
    assert!(read["index.vocab"] < 4 * 1024, "{read:?}");
    assert!(read["index.entries"] < parts.part_len("index.entries").unwrap() / 10);
    // The same word again is answered from the cached blocks: only its entries are read.
    file.search(&query, &NoFlags).unwrap();
    assert_eq!(
        mem.take_read().keys().collect::<Vec<_>>(),
        ["index.entries"]
    );
}

#[test]
fn marked_ids_are_looked_up_and_not_every_id_read() {
    let (pack, _, parts) = fixture();
    let (file, mem) = open(parts.clone());
    let ids: Vec<String> = pack.cards.iter().map(|c| c.id.clone()).collect();
    let query = parse("is:bookmarked", themes()).unwrap();
    let few = Marked {
        ids: vec![ids[5].clone(), ids[200].clone()],
        list: true,
    };
    let hits = file.search(&query, &few).unwrap();
    assert_eq!(hits.iter().map(|h| h.card).collect::<Vec<_>>(), [5]);
    let read = mem.take_read();
    assert!(
        read["cards.ids"] < parts.part_len("cards.ids").unwrap() / 2,
        "{read:?}"
    );
}

#[test]
fn theme_lists_and_id_lookups_match_the_pack() {
    let (pack, memory, parts) = fixture();
    let (file, _) = open(parts.clone());
    for theme in &pack.themes {
        let id = theme.id.to_lowercase();
        assert_eq!(file.theme_cards(&id).unwrap(), memory.theme_cards(&id));
        assert!(!memory.theme_cards(&id).is_empty());
    }
    assert!(file.theme_cards("no-such-theme").unwrap().is_empty());
    for (i, card) in pack.cards.iter().enumerate() {
        assert_eq!(file.position(&card.id).unwrap(), Some(i), "{}", card.id);
    }
    for id in ["", "a", "zzzz", "no-such-card"] {
        assert_eq!(file.position(id).unwrap(), None);
    }
    assert_eq!(file.len(), pack.cards.len());
}

#[test]
fn an_index_of_no_cards_and_of_one_card_read_back() {
    let pack = Pack::embedded(&LoadOptions::default()).unwrap();
    for cards in [&pack.cards[..0], &pack.cards[..1]] {
        let memory = Index::build(cards);
        let (file, _) = open(index_parts(&memory));
        for text in QUERIES {
            let query = parse(text, &pack.themes).unwrap();
            assert_eq!(
                file.search(&query, &NoFlags).unwrap(),
                memory.search(&query, &NoFlags),
                "{text}"
            );
        }
    }
}

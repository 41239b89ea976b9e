//! The export streamed from a pack file, a run of cards at a time, is byte for byte the folder's
//! and the one built from cards held in memory, across the runs' boundaries; a write that fails
//! midway is an error.

use std::collections::HashMap;
use std::io::{self, Write};
use std::sync::OnceLock;

use brief::corpus::{Corpus, Queries};
use brief::export::{self, Item, Marks, Meta, StreamError};
use brief::pack::{Card, LoadOptions, Pack};
use brief::search::{NoFlags, parse, synth};

use super::writer::parts_of;
use super::{brief, run};

/// More cards than one run of the export reads at once (2048).
const CARDS: usize = 2100;

/// A folder made by `synth`, loaded, and built into a file: both opened once.
fn both() -> &'static (Corpus, Corpus, tempfile::TempDir) {
    static BOTH: OnceLock<(Corpus, Corpus, tempfile::TempDir)> = OnceLock::new();
    BOTH.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("pack");
        synth::write_pack(&folder, CARDS, 7).unwrap();
        let pack = Pack::from_dir(&folder, &LoadOptions::default()).unwrap();
        let file = dir.path().join("pack.brief");
        std::fs::write(&file, brief::packfile::build::file_bytes(&pack).unwrap()).unwrap();
        let from_file = Corpus::open_file(&file, &LoadOptions::default(), Queries::One).unwrap();
        (Corpus::new(pack, Queries::One), from_file, dir)
    })
}

/// Every fifth card bookmarked (its place in the agenda counting down), every seventh noted.
struct Added {
    places: HashMap<String, usize>,
    notes: HashMap<String, String>,
}

impl Added {
    fn of(corpus: &Corpus) -> Added {
        let ids: Vec<String> = (0..corpus.len())
            .map(|i| corpus.id_at(i).unwrap().into_owned())
            .collect();
        let places = (ids.iter().step_by(5).rev().enumerate())
            .map(|(place, id)| (id.clone(), place))
            .collect();
        let notes = (ids.iter().step_by(7))
            .map(|id| (id.clone(), format!("Raise *{id}*\n- first")))
            .collect();
        Added { places, notes }
    }
}

impl Marks for Added {
    fn place(&self, id: &str) -> Option<usize> {
        self.places.get(id).copied()
    }

    fn note(&self, id: &str) -> Option<&str> {
        self.notes.get(id).map(String::as_str)
    }
}

fn meta(query: &str, bookmarks_only: bool) -> Meta {
    Meta {
        exported_at: "2026-11-23 09:00 UTC".into(),
        pack: "pack".into(),
        query: query.into(),
        bookmarks_only,
        noted_only: false,
    }
}

/// The export of the cards at `positions` as cards held in memory give it, in one run (the
/// export's first form, which held them all); for JSON, checked against one pretty-printing of
/// the whole document (as the first form made it).
fn held(corpus: &Corpus, meta: &Meta, positions: &[usize], added: &Added, md: bool) -> Vec<u8> {
    let cards = corpus.cards_at(positions).unwrap();
    let items: Vec<Item<'_>> = cards
        .iter()
        .map(|card| Item {
            card,
            place: added.place(&card.id),
            note: added.note(&card.id),
        })
        .collect();
    if md {
        return export::markdown(corpus, meta, &items).into_bytes();
    }
    let text = export::json(meta, &items);
    let whole = Whole {
        meta,
        cards: (items.iter())
            .map(|item| WholeCard {
                card: item.card,
                bookmarked: item.place.is_some(),
                note: item.note,
            })
            .collect(),
    };
    assert_eq!(text, serde_json::to_string_pretty(&whole).unwrap() + "\n");
    text.into_bytes()
}

/// The JSON export's document as one value.
#[derive(serde::Serialize)]
struct Whole<'a> {
    #[serde(flatten)]
    meta: &'a Meta,
    cards: Vec<WholeCard<'a>>,
}

#[derive(serde::Serialize)]
struct WholeCard<'a> {
    #[serde(flatten)]
    card: &'a Card,
    bookmarked: bool,
    note: Option<&'a str>,
}

fn streamed(corpus: &Corpus, meta: &Meta, positions: &[usize], added: &Added, md: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if md {
        export::write_markdown(corpus, meta, positions, added, &mut out).unwrap();
    } else {
        export::write_json(corpus, meta, positions, added, &mut out).unwrap();
    }
    out
}

#[test]
fn the_streamed_export_of_a_file_is_the_folders_across_runs() {
    let (folder, file, _) = both();
    let added = Added::of(folder);
    let all: Vec<usize> = (0..CARDS).collect();
    let ranked: Vec<usize> = folder
        .try_hits(
            &parse("orban OR tag:china", folder.themes()).unwrap(),
            &NoFlags,
        )
        .unwrap()
        .iter()
        .map(|h| h.card)
        .collect();
    let agenda: Vec<usize> = all.iter().rev().copied().collect();
    assert!((100..1000).contains(&ranked.len()), "{}", ranked.len());
    // The big cases against today's form only (a debug build renders slowly); the small ones
    // also from the folder streamed.
    let cases = [
        (meta("", false), &all, vec![true, false], false),
        (meta("", true), &agenda, vec![true], false),
        (
            meta("orban OR tag:china", false),
            &ranked,
            vec![true, false],
            true,
        ),
        (meta("zzzqqq", false), &Vec::new(), vec![true, false], true),
    ];
    for (meta, positions, formats, from_folder) in &cases {
        for &md in formats {
            let want = held(folder, meta, positions, &added, md);
            let what = format!(
                "{} cards, query {:?}, markdown {md}",
                positions.len(),
                meta.query
            );
            assert!(
                streamed(file, meta, positions, &added, md) == want,
                "{what}: file"
            );
            if *from_folder {
                let got = streamed(folder, meta, positions, &added, md);
                assert!(got == want, "{what}: folder");
            }
        }
    }
}

/// A writer that takes `left` bytes, then fails.
struct FailAfter {
    left: usize,
}

impl Write for FailAfter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.left == 0 {
            return Err(io::Error::other("the disk is full"));
        }
        let n = buf.len().min(self.left);
        self.left -= n;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_write_that_fails_midway_is_an_error() {
    let (_, file, _) = both();
    let added = Added::of(file);
    let all: Vec<usize> = (0..CARDS).collect();
    for left in [0, 10, 100_000, 2_000_000] {
        let meta = meta("", left == 10);
        let mut out = FailAfter { left };
        let e = export::write_markdown(file, &meta, &all, &added, &mut out).unwrap_err();
        assert!(matches!(&e, StreamError::Write(e) if e.to_string() == "the disk is full"));
        let mut out = FailAfter { left };
        let e = export::write_json(file, &meta, &all, &added, &mut out).unwrap_err();
        assert!(matches!(&e, StreamError::Write(e) if e.to_string() == "the disk is full"));
    }
}

/// A block damaged after the first run of cards: `brief export -o` fails naming the part and
/// leaves no file (nor its temp file); to standard output it fails the same way, exit 3.
#[test]
fn a_card_damaged_after_the_first_run_leaves_no_export_file() {
    let (_, _, dir) = both();
    let home = tempfile::tempdir().unwrap();
    let mut bytes = std::fs::read(dir.path().join("pack.brief")).unwrap();
    let blocks = parts_of(&bytes)
        .into_iter()
        .find(|(name, _)| name == "cards.blocks")
        .map(|(_, part)| part)
        .unwrap();
    // The last block holds the last cards, past the first run in pack order.
    let tail = &blocks[blocks.len() - 32..];
    let end = bytes.windows(32).position(|w| w == tail).unwrap() + 32;
    bytes[end - 10] ^= 0x40;
    let bad = home.path().join("bad.brief");
    std::fs::write(&bad, &bytes).unwrap();
    let out = home.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let export = |args: &[&str]| run(brief(home.path()).arg("--pack").arg(&bad).args(args));
    let target = out.join("brief.md");
    let (code, _, err) = export(&["export", "-o", target.to_str().unwrap()]);
    assert_eq!(code, 3, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("bad.brief") && err.contains("cards.blocks"),
        "{err}"
    );
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0, "no file left");
    let (code, printed, err) = export(&["export", "--format", "json"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("cards.blocks"), "{err}");
    assert!(printed.len() > 100_000, "the first run was written");
}

//! Property: for random queries, the index returns exactly the cards, scores and order that a
//! plain scan of every card gives (a query for bookmarks in the agenda's order, both ways), and
//! so does the index written to a pack file's parts and read back from them (with the same
//! highlights on the cards shown), with flags that list their marks or not, and with the saved
//! state's own flags (which list them, so the file looks up those few ids alone).

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

use brief::pack::{Card, LoadOptions, Pack, Theme};
use brief::packfile::cards::IdTable;
use brief::packfile::cards::write::write_ids;
use brief::packfile::{MemoryParts, PartError, Parts};
use brief::search::{FileIndex, Flags, Index, Mark, parse, synth, write_parts};
use brief::state::State;
use proptest::prelude::*;

/// Bookmarks, read marks and notes that depend on the id, so `is:` filters split the pack.
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
    /// A place in the agenda unrelated to pack order or rank, with ties (kept in rank order).
    fn agenda_place(&self, id: &str) -> Option<usize> {
        let hash = id.bytes().fold(0usize, |h, b| {
            h.wrapping_mul(31).wrapping_add(usize::from(b))
        });
        self.is_bookmarked(id).then_some(hash % 97)
    }
}

/// The same marks, listed (as the viewer's and the state's flags list them): the index on disk
/// then looks the marked ids up instead of asking about every card.
struct Listed(Vec<String>);

impl Flags for Listed {
    fn is_bookmarked(&self, id: &str) -> bool {
        ByLength.is_bookmarked(id)
    }
    fn is_read(&self, id: &str) -> bool {
        ByLength.is_read(id)
    }
    fn has_note(&self, id: &str) -> bool {
        ByLength.has_note(id)
    }
    fn agenda_place(&self, id: &str) -> Option<usize> {
        ByLength.agenda_place(id)
    }
    fn marked(&self, mark: Mark) -> Option<Vec<&str>> {
        let has = |id: &str| match mark {
            Mark::Bookmarked => ByLength.is_bookmarked(id),
            Mark::Read => ByLength.is_read(id),
            Mark::Noted => ByLength.has_note(id),
        };
        Some(
            self.0
                .iter()
                .map(String::as_str)
                .filter(|id| has(id))
                .collect(),
        )
    }
}

/// Cards in other scripts, and with letters that folding changes: built-in cards with their title,
/// summary, first point and actors replaced.
fn scripts(base: &[Card]) -> Vec<Card> {
    let texts = [
        (
            "Błaszczak and Søren on Ærø",
            "Die Straße nach Łódź. Μητσοτάκης spoke to ΜΗΤΣΟΤΑΚΗΣ.",
            "STRASSE, strasse and STRAẞE",
            "Mariusz Błaszczak",
        ),
        (
            "北约峰会召开",
            "峰会在海牙举行. 北约秘书长吕特讲话.",
            "東京タワーでビザの話",
            "吕特",
        ),
        (
            "ピザとﾋﾞｻﾞ",
            "한국 대표단이 도착했다. Rutte met 한국.",
            "ΣΟΦΙΑ σοφίας Σ ς",
            "Kyriakos Μητσοτάκης",
        ),
        (
            "Œuvre of Þórður",
            "İstanbul and ıstanbul. Đorđević said ß.",
            "nato峰会 and NATO 峰会",
            "Søren Ærø",
        ),
    ];
    texts
        .iter()
        .zip(base.iter().cycle())
        .enumerate()
        .map(|(i, ((title, summary, point, actor), card))| {
            let mut card = card.clone();
            card.id = format!("scripts-{i}");
            card.title = (*title).into();
            card.summary = (*summary).into();
            card.points[0] = (*point).into();
            card.actors = vec![(*actor).into(), "Mark Rutte".into()];
            card
        })
        .collect()
}

/// The built-in pack's cards plus 60 made-up ones and a few in other scripts, its themes, and
/// their index: built once.
fn corpus() -> &'static (Vec<Card>, Vec<Theme>, Index) {
    static CORPUS: OnceLock<(Vec<Card>, Vec<Theme>, Index)> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let pack = Pack::embedded(&LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        let mut cards = pack.cards.clone();
        cards.extend(synth::cards(&pack.cards, 60, 7));
        cards.extend(scripts(&pack.cards));
        let index = Index::build(&cards);
        (cards, pack.themes, index)
    })
}

/// The parts a pack file holds for `cards`' index: the index's, and the id table it asks.
fn index_parts(cards: &[Card], index: &Index) -> MemoryParts {
    let mut parts = MemoryParts::new();
    write_parts(index, &mut parts).unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<&str> = cards.iter().map(|c| c.id.as_str()).collect();
    write_ids(&ids, &mut parts).unwrap_or_else(|e| panic!("{e}"));
    parts
}

/// The index in `parts`, with their id table of `cards` cards.
fn open_index(parts: Arc<dyn Parts>, cards: usize) -> FileIndex {
    let ids = IdTable::open(Arc::clone(&parts), cards as u64, 16 * 1024);
    let ids = ids.unwrap_or_else(|e| panic!("{e}"));
    FileIndex::open(parts, Arc::new(ids)).unwrap_or_else(|e| panic!("{e}"))
}

/// The corpus's index written to parts in memory and opened from them.
fn file_index() -> &'static FileIndex {
    static FILE: OnceLock<FileIndex> = OnceLock::new();
    FILE.get_or_init(|| {
        let (cards, _, index) = corpus();
        open_index(Arc::new(index_parts(cards, index)), cards.len())
    })
}

/// A saved state with the marks of [`ByLength`] on the corpus's cards (and a bookmark and a note
/// on cards the pack does not hold), bookmarks added in an order unrelated to pack order, a few
/// of them removed again; as the state file holds them.
fn saved_state() -> &'static State {
    static STATE: OnceLock<State> = OnceLock::new();
    STATE.get_or_init(|| {
        let (cards, _, _) = corpus();
        let mut ids: Vec<&str> = cards.iter().map(|c| c.id.as_str()).collect();
        ids.extend(["gone-card", "gone-too"]);
        let (mut bookmarks, mut notes, mut read) = (Vec::new(), Vec::new(), Vec::new());
        for (i, id) in ids.iter().enumerate() {
            if ByLength.is_bookmarked(id) || id.starts_with("gone") {
                let added = 1000 + ByLength.agenda_place(id).unwrap_or(0);
                let removed = if i % 5 == 0 { added + 1 } else { 0 };
                bookmarks.push(format!(
                    r#""{id}": {{"added": {added}, "removed": {removed}}}"#
                ));
            }
            if ByLength.has_note(id) || id.starts_with("gone") {
                notes.push(format!(r#""{id}": {{"text": "note {i}", "edited": 5}}"#));
            }
            if ByLength.is_read(id) {
                read.push(format!(r#""{id}": 7"#));
            }
        }
        let json = format!(
            r#"{{"version": 1, "bookmarks": {{{}}}, "notes": {{{}}}, "read": {{{}}}}}"#,
            bookmarks.join(","),
            notes.join(","),
            read.join(",")
        );
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"))
    })
}

/// Query pieces: words and prefixes from the pack, accented and upper-cased forms, letters that
/// fold to others (Ł, ß, Σ/ς), CJK runs, filters.
fn atom() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "rutte",
        "RUTTE",
        "ukr",
        "Ukraine's",
        "orbán",
        "orban",
        "nato",
        "n",
        "prime",
        "minister",
        "trump",
        "china",
        "war",
        "zzz",
        "2",
        "per",
        "cent",
        "ka",
        "lo",
        "mark",
        "de",
        "s",
        "blaszczak",
        "BŁASZCZAK",
        "ł",
        "soren",
        "aero",
        "strasse",
        "straß",
        "STRASSE",
        "ΜΗΤΣΟΤΑΚΗΣ",
        "μητσοτακης",
        "σ",
        "ς",
        "Σοφ",
        "istanbul",
        "峰会",
        "峰",
        "北约峰会召开",
        "会峰",
        "nato峰会",
        "ビザ",
        "ﾋﾞｻﾞ",
        "ヒ",
        "한국",
        "하",
    ]);
    let phrases = prop::sample::select(vec![
        "\"prime minister\"",
        "\"prime min\"",
        "\"per cent\"",
        "\"mark rutte\"",
        "\"nato s\"",
        "\"north korea\"",
        "\"the alliance\"",
        "\"of the\"",
        "\"of the a\"",
        "\"the a\"",
        "\"s\"",
        "\"zzz the\"",
        "\"峰会 召开\"",
        "\"nach lodz\"",
        "\"nato 峰\"",
        "\"straße nach\"",
        "\"and søren\"",
    ]);
    let filters = prop::sample::select(vec![
        "theme:ukraine",
        "theme:trump",
        "tag:china",
        "tag:russia",
        "source:00",
        "source:004",
        "actor:rutte",
        "actor:\"mark rutte\"",
        "actor:trump",
        "actor:m",
        "actor:\"donald t\"",
        "actor:błaszczak",
        "actor:吕特",
        "actor:\"søren ær\"",
        "actor:ΜΗΤΣΟΤΑΚΗΣ",
        "is:bookmarked",
        "is:unread",
        "is:noted",
    ]);
    prop_oneof![
        3 => words.prop_map(str::to_string),
        1 => phrases.prop_map(str::to_string),
        2 => filters.prop_map(str::to_string),
    ]
}

fn query() -> impl Strategy<Value = String> {
    let term =
        || (any::<bool>(), atom()).prop_map(|(neg, a)| if neg { format!("-{a}") } else { a });
    let group = prop::collection::vec(term(), 1..3).prop_map(|t| format!("({})", t.join(" OR ")));
    let piece = prop_oneof![3 => term(), 1 => group];
    prop::collection::vec((piece, any::<bool>()), 1..4).prop_map(|parts| {
        let mut q = String::new();
        for (i, (p, or)) in parts.iter().enumerate() {
            if i > 0 {
                q.push_str(if *or { " OR " } else { " " });
            }
            q.push_str(p);
        }
        q
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn index_equals_linear_scan(q in query()) {
        let (cards, themes, index) = corpus();
        let parsed = parse(&q, themes).map_err(|e| TestCaseError::fail(format!("{q}: {e}")))?;
        let got: Vec<(usize, u32)> =
            index.search(&parsed, &ByLength).iter().map(|h| (h.card, h.score)).collect();
        let mut want: Vec<(usize, u32)> = cards
            .iter()
            .enumerate()
            .filter_map(|(i, c)| parsed.score(c, &ByLength).map(|s| (i, s)))
            .collect();
        want.sort_by_key(|&(i, s)| (std::cmp::Reverse(s), i));
        if parsed.lists_agenda() {
            want.sort_by_key(|&(i, _)| ByLength.agenda_place(&cards[i].id).unwrap_or(usize::MAX));
        }
        prop_assert_eq!(&got, &want, "query {}", q);
        let scanned: Vec<(usize, u32)> =
            brief::search::scan(cards, &parsed, &ByLength).iter().map(|h| (h.card, h.score)).collect();
        prop_assert_eq!(&scanned, &want, "scan, query {}", q);
    }

    #[test]
    fn the_index_on_disk_equals_the_index_in_memory(q in query()) {
        let (cards, themes, index) = corpus();
        let file = file_index();
        let parsed = parse(&q, themes).map_err(|e| TestCaseError::fail(format!("{q}: {e}")))?;
        let want = index.search(&parsed, &ByLength);
        let got = file.search(&parsed, &ByLength).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&got, &want, "query {}", q);
        let ids = cards.iter().map(|c| c.id.clone()).collect();
        let listed = file.search(&parsed, &Listed(ids)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&listed, &want, "listed marks, query {}", q);
        let state = saved_state();
        let saved = file.search(&parsed, state).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&saved, &index.search(&parsed, state), "saved state, query {}", q);
        // The cards a screen shows: the same highlights from either index.
        for hit in want.iter().take(20) {
            let card = &cards[hit.card];
            prop_assert_eq!(file.highlights(card, &parsed), index.highlights(card, &parsed), "query {}", q);
        }
    }
}

/// The generators' words in other scripts do reach the cards made for them (else the property
/// above would compare empty answers).
#[test]
fn the_words_in_other_scripts_find_their_cards() {
    let (cards, themes, index) = corpus();
    for q in [
        "blaszczak",
        "straß",
        "ΜΗΤΣΟΤΑΚΗΣ",
        "ς",
        "峰会",
        "nato峰会",
        "ﾋﾞｻﾞ",
        "한국",
        "\"峰会 召开\"",
        "actor:吕特",
    ] {
        let parsed = parse(q, themes).unwrap_or_else(|e| panic!("{q}: {e}"));
        let found = index.search(&parsed, &ByLength);
        assert!(
            found
                .iter()
                .any(|h| cards[h.card].id.starts_with("scripts-")),
            "{q}"
        );
    }
}

/// Parts in memory that count the bytes read from each.
struct Counted {
    parts: MemoryParts,
    read: Mutex<BTreeMap<String, u64>>,
}

impl Parts for Counted {
    fn part_len(&self, name: &str) -> Option<u64> {
        self.parts.part_len(name)
    }

    fn read_part(&self, name: &str, range: Range<u64>) -> Result<Vec<u8>, PartError> {
        let bytes = self.parts.read_part(name, range)?;
        let mut read = self
            .read
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *read.entry(name.to_string()).or_default() += bytes.len() as u64;
        Ok(bytes)
    }
}

/// The saved state's marks, not listed: the index has to ask about every card.
struct Unlisted<'a>(&'a State);

impl Flags for Unlisted<'_> {
    fn is_bookmarked(&self, id: &str) -> bool {
        self.0.is_bookmarked(id)
    }
    fn is_read(&self, id: &str) -> bool {
        self.0.is_read(id)
    }
    fn has_note(&self, id: &str) -> bool {
        self.0.has_note(id)
    }
    fn agenda_place(&self, id: &str) -> Option<usize> {
        self.0.agenda_place(id)
    }
}

/// The parts that hold the cards' ids.
const ID_PARTS: [&str; 2] = ["cards.ids", "cards.order"];

/// 3,000 made-up cards (enough for many blocks of ids), their themes, and their index's parts.
fn many() -> &'static (Vec<Card>, Vec<Theme>, MemoryParts) {
    static MANY: OnceLock<(Vec<Card>, Vec<Theme>, MemoryParts)> = OnceLock::new();
    MANY.get_or_init(|| {
        let pack = Pack::embedded(&LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        let cards = synth::cards(&pack.cards, 3000, 5);
        let parts = index_parts(&cards, &Index::build(&cards));
        (cards, pack.themes, parts)
    })
}

/// The bytes of the id parts that answering `query` with `flags` reads, on a freshly opened index.
fn id_bytes_read(query: &str, flags: &dyn Flags) -> (Vec<usize>, u64) {
    let (cards, themes, parts) = many();
    let counted = Arc::new(Counted {
        parts: parts.clone(),
        read: Mutex::default(),
    });
    let file = open_index(counted.clone(), cards.len());
    let parsed = parse(query, themes).unwrap_or_else(|e| panic!("{e}"));
    let hits = file
        .search(&parsed, flags)
        .unwrap_or_else(|e| panic!("{e}"));
    let read = counted
        .read
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let bytes = ID_PARTS.iter().filter_map(|p| read.get(*p)).sum();
    (hits.iter().map(|h| h.card).collect(), bytes)
}

/// The saved state lists its few marks, so `is:` filters and the agenda order on a file look up
/// those ids alone: the same answers as asking about every card, from far fewer id bytes.
#[test]
fn the_saved_state_looks_up_its_marked_ids_alone() {
    let (cards, _, _) = many();
    let ids = |wanted: &[usize]| -> Vec<String> {
        wanted
            .iter()
            .map(|&i| format!(r#""{}": {{"added": {i}}}"#, cards[i].id))
            .collect()
    };
    let marks = ids(&[3, 40, cards.len() - 1]);
    let json = format!(
        r#"{{"version": 1, "bookmarks": {{{}}}, "notes": {{{}}}, "read": {{{}}}}}"#,
        marks.join(","),
        marks
            .join(",")
            .replace(r#"{"added""#, r#"{"text": "n", "edited""#),
        marks
            .join(",")
            .replace(r#"{"added": "#, "")
            .replace('}', ""),
    );
    let state: State = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}\n{json}"));
    for query in [
        "is:bookmarked",
        "is:noted",
        "is:unread",
        "rutte is:bookmarked",
        "-is:noted",
    ] {
        let (listed, few) = id_bytes_read(query, &state);
        let (asked, all) = id_bytes_read(query, &Unlisted(&state));
        assert_eq!(listed, asked, "{query}");
        assert!(!listed.is_empty(), "{query} should find something");
        assert!(
            few > 0 && few * 4 < all,
            "{query}: {few} id bytes read, against {all}"
        );
    }
}

//! The state files `state_ops` starts from, or that another program writes: random bytes, or JSON
//! made by hand from records with edge values, and whether brief must read each.

use brief::state::{MAX_NOTE_BYTES, read_bytes};
use libfuzzer_sys::arbitrary::{self, Arbitrary};

use super::card;

/// A time as written in a hand-made file.
#[derive(Arbitrary, Debug)]
pub enum Stamp {
    Small(u16),
    Max,
    BelowMax(u8),
    EndOf9999,
    After9999,
    Any(u64),
    TooBig,
    Negative,
    Fraction,
}

impl Stamp {
    fn json(&self) -> String {
        match self {
            Stamp::Small(n) => n.to_string(),
            Stamp::Max => u64::MAX.to_string(),
            Stamp::BelowMax(n) => (u64::MAX - u64::from(*n)).to_string(),
            Stamp::EndOf9999 => "253402300799999".into(),
            Stamp::After9999 => "253402300800000".into(),
            Stamp::Any(n) => n.to_string(),
            Stamp::TooBig => "18446744073709551616".into(),
            Stamp::Negative => "-1".into(),
            Stamp::Fraction => "1.5".into(),
        }
    }
}

/// A note's text.
#[derive(Arbitrary, Debug)]
pub enum Text {
    Short(u8),
    Blank,
    AtBound,
    OverBound,
    /// Under the bound in characters, over it in bytes.
    Wide,
}

impl Text {
    pub fn make(&self) -> String {
        match self {
            Text::Short(n) => format!("note {n}\nline \u{1b}]0;two\u{7}"),
            Text::Blank => " \n\t ".into(),
            Text::AtBound => "n".repeat(MAX_NOTE_BYTES),
            Text::OverBound => "o".repeat(MAX_NOTE_BYTES + 1),
            Text::Wide => "\u{e9}".repeat(MAX_NOTE_BYTES / 2 + 1),
        }
    }
}

/// A bookmark's `rank` as written in a hand-made file: keys brief makes (some equal, as two
/// windows make them) and values it must read as no rank.
#[derive(Arbitrary, Debug)]
pub enum RankText {
    Key(u8),
    Number,
    Null,
    TrailingZero,
    Escape,
    TooLong,
}

impl RankText {
    fn json(&self) -> String {
        match self {
            RankText::Key(n) => {
                let keys = ["V", "k", "0V", "zz", "V", "A1", "zzzzzzzzzzzzzzzzzzzzzzzz"];
                format!("\"{}\"", keys[usize::from(*n) % keys.len()])
            }
            RankText::Number => "7".into(),
            RankText::Null => "null".into(),
            RankText::TrailingZero => "\"V0\"".into(),
            RankText::Escape => "\"\\u001b]0;x\\u0007\"".into(),
            RankText::TooLong => format!("\"{}\"", "a".repeat(25)),
        }
    }
}

/// The search history as written in a hand-made file: brief reads what it can of any of these.
#[derive(Arbitrary, Debug)]
pub enum HistoryJson {
    Queries(Vec<u8>),
    Mixed,
    NotAList,
    TooLong,
}

impl HistoryJson {
    fn json(&self) -> String {
        match self {
            HistoryJson::Queries(qs) => {
                let qs: Vec<String> = qs
                    .iter()
                    .take(130)
                    .map(|q| format!("\"q{}\"", q % 120))
                    .collect();
                format!("[{}]", qs.join(","))
            }
            HistoryJson::Mixed => "[\"a\", 5, null, \" \", [\"b\"], \"c\\u001b[1m\", \"a\"]".into(),
            HistoryJson::NotAList => "{\"a\": 1}".into(),
            HistoryJson::TooLong => format!("[\"{}\"]", "x".repeat(1001)),
        }
    }
}

/// One record in a hand-made file (two for one card make a duplicate key).
#[derive(Arbitrary, Debug)]
pub enum Entry {
    Bookmark {
        card: u8,
        added: Option<Stamp>,
        removed: Option<Stamp>,
        rank: Option<RankText>,
        /// Read leniently: a value that is not a u64 is no time, never a bad file.
        moved: Option<Stamp>,
        extra: bool,
    },
    Note {
        card: u8,
        text: Option<Text>,
        edited: Option<Stamp>,
        removed: Option<Stamp>,
    },
    Read {
        card: u8,
        at: Stamp,
    },
    Unread {
        card: u8,
        at: Stamp,
    },
}

#[derive(Arbitrary, Debug)]
pub enum Version {
    Missing,
    Zero,
    One,
    Two,
    Text,
    Max,
}

/// A state file as a person, a sync tool or a merge might leave it.
#[derive(Arbitrary, Debug)]
pub struct JsonFile {
    bom: bool,
    version: Version,
    entries: Vec<Entry>,
    /// Each record in its own `"bookmarks"`/`"notes"`/`"read"` object: duplicate top-level keys.
    split: bool,
    selected: Option<u8>,
    history: Option<HistoryJson>,
    theirs: bool,
}

#[derive(Arbitrary, Debug)]
pub enum Contents {
    Bytes(Vec<u8>),
    Json(JsonFile),
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn record(entry: &Entry) -> (&'static str, String) {
    let field = |name: &str, stamp: &Option<Stamp>| {
        stamp
            .as_ref()
            .map(|s| format!(",\"{name}\":{}", s.json()))
            .unwrap_or_default()
    };
    match entry {
        Entry::Bookmark {
            card: c,
            added,
            removed,
            rank,
            moved,
            extra,
        } => {
            let extra = if *extra { ",\"colour\":\"red\"" } else { "" };
            let rank = rank
                .as_ref()
                .map(|r| format!(",\"rank\":{}", r.json()))
                .unwrap_or_default();
            let body = format!(
                "{{\"_\":0{}{}{rank}{}{extra}}}",
                field("added", added),
                field("removed", removed),
                field("moved", moved)
            );
            ("bookmarks", format!("{}:{body}", json_string(card(*c))))
        }
        Entry::Note {
            card: c,
            text,
            edited,
            removed,
        } => {
            let text = text
                .as_ref()
                .map(|t| format!(",\"text\":{}", json_string(&t.make())))
                .unwrap_or_default();
            let body = format!(
                "{{\"_\":0{text}{}{}}}",
                field("edited", edited),
                field("removed", removed)
            );
            ("notes", format!("{}:{body}", json_string(card(*c))))
        }
        Entry::Read { card: c, at } => ("read", format!("{}:{}", json_string(card(*c)), at.json())),
        Entry::Unread { card: c, at } => {
            ("unread", format!("{}:{}", json_string(card(*c)), at.json()))
        }
    }
}

fn json_file(file: &JsonFile) -> Vec<u8> {
    let mut parts: Vec<String> = Vec::new();
    match file.version {
        Version::Missing => {}
        Version::Zero => parts.push("\"version\":0".into()),
        Version::One => parts.push("\"version\":1".into()),
        Version::Two => parts.push("\"version\":2".into()),
        Version::Text => parts.push("\"version\":\"1\"".into()),
        Version::Max => parts.push(format!("\"version\":{}", u64::MAX)),
    }
    let records: Vec<(&str, String)> = file.entries.iter().take(12).map(record).collect();
    for section in ["bookmarks", "notes", "read", "unread"] {
        let mine: Vec<&String> = records
            .iter()
            .filter(|r| r.0 == section)
            .map(|r| &r.1)
            .collect();
        if file.split {
            parts.extend(mine.iter().map(|r| format!("\"{section}\":{{{r}}}")));
        } else if !mine.is_empty() {
            let joined: Vec<&str> = mine.iter().map(|s| s.as_str()).collect();
            parts.push(format!("\"{section}\":{{{}}}", joined.join(",")));
        }
    }
    if let Some(c) = file.selected {
        parts.push(format!(
            "\"position\":{{\"selected\":{},\"zoom\":2}}",
            json_string(card(c))
        ));
    }
    if let Some(history) = &file.history {
        parts.push(format!("\"history\":{}", history.json()));
    }
    if file.theirs {
        parts.push("\"theirs\":{\"x\":[1,2.5,-3,null,\"\\u0000\"],\"big\":1e300}".into());
    }
    let mut bytes = if file.bom {
        b"\xEF\xBB\xBF".to_vec()
    } else {
        Vec::new()
    };
    bytes.extend_from_slice(format!("{{{}}}", parts.join(",")).as_bytes());
    bytes
}

impl Stamp {
    /// Whether the state file's format allows it (a whole number that fits in a u64).
    fn fits(&self) -> bool {
        !matches!(self, Stamp::TooBig | Stamp::Negative | Stamp::Fraction)
    }
}

impl JsonFile {
    /// Whether brief must read this file (and not set it aside): a version it knows, no key twice,
    /// every time a u64 (but `moved`). A byte-order mark, times past the year 9999, long notes, and
    /// any rank, `moved` or history are fine.
    fn is_valid(&self) -> bool {
        let mut seen = std::collections::BTreeSet::new();
        let mut sections = std::collections::BTreeMap::new();
        for entry in self.entries.iter().take(12) {
            let (section, c, fits) = match entry {
                Entry::Bookmark {
                    card: c,
                    added,
                    removed,
                    ..
                } => (
                    "bookmarks",
                    *c,
                    added.iter().chain(removed).all(Stamp::fits),
                ),
                Entry::Note {
                    card: c,
                    edited,
                    removed,
                    ..
                } => ("notes", *c, edited.iter().chain(removed).all(Stamp::fits)),
                Entry::Read { card: c, at } => ("read", *c, at.fits()),
                Entry::Unread { card: c, at } => ("unread", *c, at.fits()),
            };
            *sections.entry(section).or_insert(0) += 1;
            if !fits || !seen.insert((section, card(c))) {
                return false;
            }
        }
        let duplicate_sections = self.split && sections.values().any(|&n| n > 1);
        matches!(
            self.version,
            Version::Missing | Version::Zero | Version::One
        ) && !duplicate_sections
    }
}

/// A hand-made file is read exactly when it is valid, and a byte-order mark changes nothing.
pub fn check_reading(c: &Contents) {
    let Contents::Json(file) = c else { return };
    let bytes = json_file(file);
    let read = read_bytes(&bytes);
    assert_eq!(
        read.is_ok(),
        file.is_valid(),
        "{read:?} for {}",
        String::from_utf8_lossy(&bytes)
    );
    if let Some(plain) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        assert_eq!(read_bytes(plain), read);
    }
}

pub fn contents(c: &Contents) -> Vec<u8> {
    match c {
        Contents::Bytes(b) => b.iter().copied().take(4096).collect(),
        Contents::Json(file) => json_file(file),
    }
}

//! Damaged files: truncated at every length, a bit flipped in every byte, and lies that pass
//! every checksum (sizes past the end, counts that overflow, offsets out of their tables). Each
//! is refused with one line naming the file and the part, or read exactly as the sound file is;
//! never a panic, a hang or an allocation the file's size does not justify.

use std::path::Path;

use brief::corpus::{Corpus, Queries};
use brief::pack::LoadOptions;
use brief::packfile::check::check_file;
use brief::search::{NoFlags, parse};

use super::fixtures::fixture;
use super::writer::patch;
use super::{brief, built, run};

/// The parts a message may name.
const PARTS: &[&str] = &[
    "header",
    "part table",
    "pack.meta",
    "pack.themes",
    "pack.sources",
    "cards.ids",
    "cards.titles",
    "cards.order",
    "cards.themes",
    "cards.blocks",
    "cards.offsets",
    // The search index's parts (`brief build` writes them; a query reads them).
    "index.meta",
    "index.vocab",
    "index.vocab.dir",
    "index.entries",
    "index.places",
    "index.cards",
    "index.cards.dir",
    "index.keys",
    "index.keyed",
];

/// Everything a command reads from the file at `path`, as text; or the first error.
fn read_everything(path: &Path) -> Result<Vec<String>, String> {
    let fail = |e: brief::packfile::FileError| e.to_string();
    let corpus = Corpus::open_file(path, &LoadOptions::default(), Queries::One).map_err(fail)?;
    let mut seen = Vec::new();
    for i in 0..corpus.len() {
        let id = corpus.id_at(i).map_err(fail)?.into_owned();
        seen.push(format!("{id} {:?}", corpus.find(&id).map_err(fail)?));
        seen.push(corpus.title_at(i).map_err(fail)?.into_owned());
        seen.push(format!("{:?}", corpus.card_at(i).map_err(fail)?));
    }
    seen.push(format!("{:?}", corpus.theme_counts().map_err(fail)?));
    let query = parse("card OR one", corpus.themes()).map_err(|e| e.to_string())?;
    seen.push(format!(
        "{:?}",
        corpus.try_hits(&query, &NoFlags).map_err(fail)?
    ));
    check_file(path, &LoadOptions::default()).map_err(fail)?;
    Ok(seen)
}

/// The message is one line, names the file and one of the parts.
fn assert_names_the_part(message: &str, path: &Path, what: &str) {
    assert!(!message.contains('\n'), "{what}: {message}");
    let rest = message
        .strip_prefix(&format!("{}: ", path.display()))
        .unwrap_or_else(|| panic!("{what}: the file is not named first: {message}"));
    assert!(
        PARTS.iter().any(|p| rest.starts_with(&format!("{p}: "))),
        "{what}: no part named: {message}"
    );
}

/// The good pack as a file, and everything read from it.
fn sound(dir: &Path) -> (Vec<u8>, Vec<String>) {
    let file = built(&fixture("good-pack"), dir, "sound.brief");
    let seen = read_everything(&file).unwrap();
    (std::fs::read(&file).unwrap(), seen)
}

#[test]
fn truncated_at_every_length_it_is_refused_naming_the_part() {
    let dir = tempfile::tempdir().unwrap();
    let (good, _) = sound(dir.path());
    let path = dir.path().join("cut.brief");
    for len in 0..good.len() {
        std::fs::write(&path, &good[..len]).unwrap();
        let err = read_everything(&path).expect_err("a cut file read whole");
        assert_names_the_part(&err, &path, &format!("cut at {len}"));
    }
}

#[test]
fn a_bit_flipped_in_any_byte_is_refused_naming_the_part_or_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (good, want) = sound(dir.path());
    let path = dir.path().join("flipped.brief");
    for at in 0..good.len() {
        for mask in [1u8 << (at % 8), 0xFF] {
            let mut bad = good.clone();
            bad[at] ^= mask;
            std::fs::write(&path, &bad).unwrap();
            match read_everything(&path) {
                Ok(seen) => assert_eq!(seen, want, "byte {at} ^ {mask:#x} read differently"),
                Err(err) => assert_names_the_part(&err, &path, &format!("byte {at} ^ {mask:#x}")),
            }
        }
    }
}

/// A lie told in one part: what it is, the part, and how the part's bytes are changed.
type Lie = (&'static str, &'static str, Box<dyn Fn(&mut Vec<u8>)>);

/// Lies inside parts whose checksums agree: each must be caught by the checks behind them.
#[test]
fn lies_that_pass_every_checksum_are_refused_naming_the_part() {
    let dir = tempfile::tempdir().unwrap();
    let (good, _) = sound(dir.path());
    let path = dir.path().join("lie.brief");
    for (what, part, lie) in &lies() {
        let bad = patch(&good, part, |v| lie(v));
        std::fs::write(&path, &bad).unwrap();
        let err = read_everything(&path).expect_err(what);
        assert_names_the_part(&err, &path, what);
    }
}

/// Sizes past the end, counts that overflow or exceed a bound, offsets out of their tables.
#[allow(clippy::too_many_lines)] // one case a few lines
fn lies() -> Vec<Lie> {
    let u64s = |v: &mut Vec<u8>, at: usize, n: u64| v[at..at + 8].copy_from_slice(&n.to_le_bytes());
    let u32s = |v: &mut Vec<u8>, at: usize, n: u32| v[at..at + 4].copy_from_slice(&n.to_le_bytes());
    vec![
        (
            "more cards than the tables",
            "pack.meta",
            Box::new(|v| *v = br#"{"cards": 5, "per_block": 64}"#.to_vec()),
        ),
        (
            "a billion cards",
            "pack.meta",
            Box::new(|v| *v = br#"{"cards": 1000000000, "per_block": 64}"#.to_vec()),
        ),
        (
            "u64::MAX cards",
            "pack.meta",
            Box::new(|v| *v = br#"{"cards": 18446744073709551615, "per_block": 64}"#.to_vec()),
        ),
        (
            "no cards a block",
            "pack.meta",
            Box::new(|v| *v = br#"{"cards": 4, "per_block": 0}"#.to_vec()),
        ),
        (
            "a field it does not know",
            "pack.meta",
            Box::new(|v| *v = br#"{"cards": 4, "per_block": 64, "x": 1}"#.to_vec()),
        ),
        (
            "themes that are not JSON",
            "pack.themes",
            Box::new(|v| v.truncate(10)),
        ),
        (
            "a string offset past the text",
            "cards.titles",
            Box::new(move |v| u64s(v, 8, u64::MAX)),
        ),
        (
            "string offsets backwards",
            "cards.ids",
            Box::new(move |v| u64s(v, 16, 1)),
        ),
        (
            "a string over the bound",
            "cards.titles",
            Box::new(|v| {
                let n = v.len();
                let text_len = 40 + 100_000;
                v.truncate(40);
                v.resize(n.max(text_len), b'x');
                for k in 1..5 {
                    v[8 * k..8 * k + 8].copy_from_slice(&((k as u64) * 25_000).to_le_bytes());
                }
            }),
        ),
        (
            "an order entry past the cards",
            "cards.order",
            Box::new(move |v| u32s(v, 4, u32::MAX)),
        ),
        (
            "a theme bit past the themes",
            "cards.themes",
            Box::new(|v| v[0] = 0x80),
        ),
        (
            "a card of no theme",
            "cards.themes",
            Box::new(|v| {
                v[2] = 0;
                v[3] = 0;
            }),
        ),
        (
            "a block offset past the blocks",
            "cards.offsets",
            Box::new(move |v| u64s(v, 8, u64::MAX)),
        ),
        (
            "block offsets backwards",
            "cards.offsets",
            Box::new(move |v| u64s(v, 0, 9)),
        ),
        (
            "a block claiming 4 GiB",
            "cards.blocks",
            Box::new(move |v| u32s(v, 0, u32::MAX)),
        ),
        (
            "a block claiming one byte more",
            "cards.blocks",
            Box::new(|v| {
                let n = u32::from_le_bytes(v[..4].try_into().unwrap());
                v[..4].copy_from_slice(&(n + 1).to_le_bytes());
            }),
        ),
        (
            "a block that is not LZ4",
            "cards.blocks",
            Box::new(|v| {
                for b in &mut v[4..] {
                    *b = 0xF0;
                }
            }),
        ),
        ("an empty block", "cards.blocks", Box::new(Vec::clear)),
        (
            "a table too short for its offsets",
            "cards.ids",
            Box::new(|v| v.truncate(12)),
        ),
    ]
}

/// A card inside its block that breaks the rules is a damaged file, found when it is read.
#[test]
fn a_card_that_breaks_a_rule_is_refused_naming_the_blocks() {
    let dir = tempfile::tempdir().unwrap();
    let (good, _) = sound(dir.path());
    let path = dir.path().join("card.brief");
    let card = |change: &dyn Fn(&mut serde_json::Value)| {
        let mut value: serde_json::Value =
            serde_json::from_slice(&std::fs::read(fixture("good-pack/cards/alpha.json")).unwrap())
                .unwrap();
        change(&mut value);
        serde_json::to_vec(&value).unwrap()
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "an unknown theme",
            card(&|v| v["themes"][0] = "nope".into()),
            "unknown theme 'nope'",
        ),
        (
            "a title too long",
            card(&|v| v["title"] = "x".repeat(80).into()),
            "title is 80 characters",
        ),
        (
            "another id",
            card(&|v| v["id"] = "beta".into()),
            "card 0 ('alpha'): id 'beta' does not match the id table's 'alpha'",
        ),
        (
            "an unknown field",
            card(&|v| v["x"] = 1.into()),
            "unknown field",
        ),
        ("not UTF-8", b"{\"id\": \"\xff\"}".to_vec(), "invalid UTF-8"),
    ];
    for (what, text, says) in cases {
        let bad = patch(&good, "cards.blocks", |v| {
            let raw = lz4_flex::block::decompress_size_prepended(v).unwrap();
            let count = 4;
            let offsets: Vec<u32> = (0..=count)
                .map(|k| u32::from_le_bytes(raw[4 * k..4 * k + 4].try_into().unwrap()))
                .collect();
            let head = 4 * (count + 1);
            let texts: Vec<&[u8]> = (0..count)
                .map(|k| &raw[head + offsets[k] as usize..head + offsets[k + 1] as usize])
                .collect();
            // alpha is card 0 of the good pack in pack order.
            let mut texts: Vec<&[u8]> = texts;
            texts[0] = &text;
            *v = super::writer::card_block(&texts);
        });
        // The one block's end moves with it.
        let len = super::writer::parts_of(&bad)
            .into_iter()
            .find(|(n, _)| n == "cards.blocks")
            .map(|(_, b)| b.len() as u64)
            .unwrap();
        let bad = patch(&bad, "cards.offsets", |v| {
            v[8..16].copy_from_slice(&len.to_le_bytes());
        });
        std::fs::write(&path, &bad).unwrap();
        let err = read_everything(&path).expect_err(what);
        assert_names_the_part(&err, &path, what);
        // Regression: the folder loader's wording ("the file name 'alpha.json'") came through.
        assert!(
            err.contains("cards.blocks: card 0") && err.contains(says) && !err.contains(".json"),
            "{what}: {err}"
        );
    }
}

#[test]
fn the_command_line_says_it_on_one_line_and_exits_3() {
    let dir = tempfile::tempdir().unwrap();
    let (good, _) = sound(dir.path());
    let path = dir.path().join("bad.brief");
    std::fs::write(&path, &good[..good.len() - 5]).unwrap();
    for args in [
        &["list"][..],
        &["show", "alpha"],
        &["themes"],
        &["export"],
        &["validate"],
    ] {
        let mut cmd = brief(dir.path());
        if args[0] == "validate" {
            cmd.arg("validate").arg(&path);
        } else {
            cmd.arg("--pack").arg(&path).args(args);
        }
        let (code, out, err) = run(&mut cmd);
        assert_eq!(code, 3, "{args:?}: {out}{err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        let message = err.trim_end().strip_prefix("brief: ").unwrap();
        assert_names_the_part(message, &path, &format!("{args:?}"));
    }
}

/// A block that claims to hold 4 GiB is refused before anything is allocated: under a 1 GiB
/// address-space limit, brief still refuses it on one line (exit 3) rather than dying of a
/// failed allocation.
#[test]
fn a_lying_size_allocates_nothing_it_claims() {
    let dir = tempfile::tempdir().unwrap();
    let (good, _) = sound(dir.path());
    let path = dir.path().join("lie.brief");
    let bad = patch(&good, "cards.blocks", |v| {
        v[..4].copy_from_slice(&u32::MAX.to_le_bytes());
    });
    std::fs::write(&path, bad).unwrap();
    let script = format!(
        "ulimit -v 1048576 && exec '{}' --pack '{}' show alpha",
        env!("CARGO_BIN_EXE_brief"),
        path.display()
    );
    let out = std::process::Command::new("sh")
        .args(["-c", &script])
        .env("BRIEF_STATE", dir.path().join("state.json"))
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(
        err.contains("cards.blocks: block 0: claims 4294967295 bytes"),
        "{err}"
    );
}

/// Regression: the index's layout changed (version 2 keeps no ids of its own, asking the pack's
/// id table), and a file an older brief built (index version 1: a 116-byte `index.meta` naming
/// `index.ids` and `index.ids.dir`) was refused as "116 bytes long, not 96" by a query, and
/// passed `validate`. Now both say which version it is and to build the file again; its cards
/// still read.
/// The good pack as a file an older brief built (index version 1), in `dir`.
pub fn with_the_older_index(dir: &Path) -> std::path::PathBuf {
    let (good, _) = sound(dir);
    let mut parts = super::writer::parts_of(&good);
    let (ids, ids_dir) = (vec![7u8; 40], vec![1u8; 9]);
    let meta = &mut parts.iter_mut().find(|(n, _)| n == "index.meta").unwrap().1;
    // Version 1: the same fields, an id block size after the card block size, and the two id
    // parts' lengths after the other eight.
    let mut old = meta[..8].to_vec();
    old.extend_from_slice(&1u32.to_le_bytes());
    old.extend_from_slice(&meta[12..32]);
    old.extend_from_slice(&64u32.to_le_bytes());
    old.extend_from_slice(&meta[32..]);
    old.extend_from_slice(&(ids.len() as u64).to_le_bytes());
    old.extend_from_slice(&(ids_dir.len() as u64).to_le_bytes());
    assert_eq!(old.len(), 116);
    *meta = old;
    parts.push(("index.ids".into(), ids));
    parts.push(("index.ids.dir".into(), ids_dir));
    let path = dir.join("old.brief");
    std::fs::write(&path, super::writer::container(&parts)).unwrap();
    path
}

#[test]
fn a_file_with_the_older_index_layout_says_to_build_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = with_the_older_index(dir.path());
    for args in [&["list", "card"][..], &["validate"]] {
        let mut cmd = brief(dir.path());
        if args[0] == "validate" {
            cmd.arg("validate").arg(&path);
        } else {
            cmd.arg("--pack").arg(&path).args(args);
        }
        let (code, out, err) = run(&mut cmd);
        assert_eq!(code, 3, "{args:?}: {out}{err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        let message = err.trim_end().strip_prefix("brief: ").unwrap();
        assert_names_the_part(message, &path, &format!("{args:?}"));
        assert!(
            message.contains("index.meta: byte 12: index version 1; this brief reads version 2")
                && message.contains("build it again with `brief build`"),
            "{args:?}: {message}"
        );
    }
    let (code, out, err) = run(brief(dir.path())
        .arg("--pack")
        .arg(&path)
        .args(["show", "alpha"]));
    assert_eq!(code, 0, "{out}{err}");
}

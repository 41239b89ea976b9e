//! Reads a pack's files, from the binary or from a folder, and turns them into a [`Pack`]: parse,
//! bound, sanitize, validate, in parallel across cards.

use std::borrow::Cow;
use std::fs;
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::index_files::{check_index, parse_index};
use super::model::{Card, Source, Theme};
use super::validate::{self, Context, Origin};
use super::{LoadOptions, Pack, PackError, PackOrigin};
use crate::base::diagnostic::Diagnostic;
use crate::base::locate::LineCol;

mod built_in {
    include!(concat!(env!("OUT_DIR"), "/embedded_pack.rs"));
}

/// One file of a pack: how to name it, and its bytes or why they could not be had.
pub(super) struct RawFile<'a> {
    /// The folders of the file's path as shown in messages, up to its own name.
    folder: Cow<'a, str>,
    /// The file's own name.
    name: Cow<'a, str>,
    bytes: Result<Cow<'a, [u8]>, String>,
    /// The folder to read the bytes again from if they were let go (files of a pack folder only).
    disk: Option<&'a Folder>,
}

impl RawFile<'_> {
    /// The file as shown in messages. Built only for a message: a big pack's clean cards never
    /// need it.
    pub(super) fn path(&self) -> String {
        [&*self.folder, &*self.name].concat()
    }

    /// The file's name, without the folders before it.
    fn name(&self) -> &str {
        &self.name
    }

    /// The file's name without `.json`: a card's id must equal it.
    fn stem(&self) -> &str {
        let name = self.name();
        name.strip_suffix(".json").unwrap_or(name)
    }
}

/// The cards folder of a pack folder. On Unix it is held open and each card is opened inside it:
/// the kernel then looks up one name per card rather than every folder of the path.
struct Folder {
    path: PathBuf,
    /// The path as shown in messages, with a separator after it: what comes before a file's
    /// name in `path.join(name).display()`.
    shown: String,
    #[cfg(unix)]
    open: fs::File,
}

impl Folder {
    /// Reads the file `name` of this folder as [`read_bounded`] reads a path.
    fn read(&self, name: &str, limit: u64, listed_as_file: bool) -> Result<Vec<u8>, String> {
        let path = || Cow::Owned(self.path.join(name));
        #[cfg(unix)]
        let open = || {
            let file = rustix::fs::openat(&self.open, name, NO_FOLLOW, rustix::fs::Mode::empty())?;
            Ok(fs::File::from(file))
        };
        #[cfg(not(unix))]
        let open = || open_no_follow(&self.path.join(name));
        read_file(path, open, limit, listed_as_file)
    }
}

/// A card file not read yet: read inside the parallel parse, so that a big pack's bytes are never
/// all in memory at once (each file's bytes are dropped once its card is parsed and clean).
enum CardFile<'a> {
    /// Bytes already at hand (the built-in pack, or a pack in memory).
    Ready(RawFile<'a>),
    /// A file in a pack folder.
    Disk {
        /// The cards folder.
        dir: &'a Folder,
        /// Its name in the cards folder.
        name: &'a str,
        /// What the folder listing says it is.
        kind: Listed,
        /// The size bound.
        limit: u64,
    },
}

/// What a folder listing says a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Listed {
    /// A regular file.
    File,
    /// A symbolic link (refused, never followed).
    Link,
    /// Something else, or not known.
    Other,
}

impl<'a> CardFile<'a> {
    fn open(self) -> RawFile<'a> {
        match self {
            CardFile::Ready(raw) => raw,
            CardFile::Disk {
                dir,
                name,
                kind,
                limit,
            } => RawFile {
                folder: Cow::Borrowed(&dir.shown),
                name: Cow::Borrowed(name),
                bytes: if kind == Listed::Link {
                    Err("symbolic link not followed (a pack's cards must be plain files)".into())
                } else {
                    dir.read(name, limit, kind == Listed::File).map(Cow::Owned)
                },
                disk: Some(dir),
            },
        }
    }
}

/// The pack compiled into the binary from `briefings/`.
pub fn embedded(options: &LoadOptions) -> Result<Pack, PackError> {
    from_memory(built_in::FILES, "briefings/", PackOrigin::Embedded, options)
}

/// A pack from its files in memory: (path relative to the pack root, bytes). Messages name each file
/// as `shown_prefix` + its path.
pub fn from_memory(
    files: &[(&str, &[u8])],
    shown_prefix: &str,
    origin: PackOrigin,
    options: &LoadOptions,
) -> Result<Pack, PackError> {
    let raw = |rel: &str, bytes: &[u8]| {
        let (folder, name) = rel.split_at(rel.rfind('/').map_or(0, |i| i + 1));
        RawFile {
            folder: Cow::Owned(format!("{shown_prefix}{folder}")),
            name: Cow::Owned(name.to_string()),
            bytes: Ok(Cow::Owned(bytes.to_vec())),
            disk: None,
        }
    };
    let find = |name: &str| {
        files
            .iter()
            .find(|(rel, _)| *rel == name)
            .map(|(rel, bytes)| raw(rel, bytes))
            .ok_or_else(|| PackError::Read {
                path: format!("{shown_prefix}{name}"),
                reason: "no such file in the pack".into(),
            })
    };
    let cards: Vec<CardFile> = files
        .iter()
        .filter(|(rel, _)| is_card_path(rel))
        .map(|(rel, bytes)| CardFile::Ready(raw(rel, bytes)))
        .collect();
    if cards.len() > options.limits.max_cards {
        return Err(PackError::TooManyCards {
            path: format!("{shown_prefix}cards"),
            limit: options.limits.max_cards,
        });
    }
    build(
        origin,
        &find("themes.json")?,
        &find("sources.json")?,
        cards,
        options,
    )
}

fn is_card_path(rel: &str) -> bool {
    rel.strip_prefix("cards/")
        .is_some_and(|name| !name.contains('/') && name.ends_with(".json"))
}

/// The pack in folder `dir`. Symbolic links inside the pack are never followed.
pub fn from_dir(dir: &Path, options: &LoadOptions) -> Result<Pack, PackError> {
    let shown = dir.display().to_string();
    match fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => return Err(PackError::NotADir { path: shown }),
        Err(e) => {
            return Err(PackError::Read {
                path: shown,
                reason: e.to_string(),
            });
        }
    }
    let limits = &options.limits;
    let index = |name: &'static str| -> Result<RawFile, PackError> {
        let path = dir.join(name);
        let shown = path.display().to_string();
        let bytes = read_bounded(&path, limits.max_index_bytes, false).map_err(|reason| {
            PackError::Read {
                path: shown.clone(),
                reason,
            }
        })?;
        // What comes before the name in the shown path, which ends with it.
        let folder = shown.strip_suffix(name).unwrap_or_default();
        Ok(RawFile {
            folder: Cow::Owned(folder.to_string()),
            name: Cow::Borrowed(name),
            bytes: Ok(Cow::Owned(bytes)),
            disk: None,
        })
    };
    let themes = index("themes.json")?;
    let sources = index("sources.json")?;
    let cards_dir = dir.join("cards");
    let listing = list_cards(&cards_dir, limits.max_cards)?;
    let cards_shown = cards_dir.display().to_string();
    let folder = Folder {
        #[cfg(unix)]
        open: fs::File::open(&cards_dir).map_err(|e| PackError::Read {
            path: cards_shown.clone(),
            reason: e.to_string(),
        })?,
        path: cards_dir,
        shown: cards_shown + std::path::MAIN_SEPARATOR_STR,
    };
    let cards: Vec<CardFile> = listing
        .files
        .iter()
        .map(|&(ref at, kind)| CardFile::Disk {
            dir: &folder,
            name: &listing.names[at.clone()],
            kind,
            limit: limits.max_card_bytes,
        })
        .collect();
    build(
        PackOrigin::Dir(dir.to_path_buf()),
        &themes,
        &sources,
        cards,
        options,
    )
}

/// The `*.json` files of a cards folder.
struct Listing {
    /// Their names, one after the other.
    names: String,
    /// Where each name is in `names`, and what the listing says the file is; sorted by name.
    files: Vec<(Range<usize>, Listed)>,
}

/// The `*.json` files in the cards folder, sorted, each with what the listing says it is. The
/// names are kept in one string rather than one each: a big pack has many.
fn list_cards(cards_dir: &Path, max_cards: usize) -> Result<Listing, PackError> {
    let shown = cards_dir.display().to_string();
    let read_err = |e: std::io::Error| PackError::Read {
        path: shown.clone(),
        reason: e.to_string(),
    };
    let mut names = String::new();
    let mut files = Vec::new();
    for entry in fs::read_dir(cards_dir).map_err(read_err)? {
        let entry = entry.map_err(read_err)?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let kind = entry.file_type().map_err(read_err)?;
        if !name.ends_with(".json") || kind.is_dir() {
            continue;
        }
        if files.len() == max_cards {
            return Err(PackError::TooManyCards {
                path: shown,
                limit: max_cards,
            });
        }
        let kind = if kind.is_symlink() {
            Listed::Link
        } else if kind.is_file() {
            Listed::File
        } else {
            Listed::Other
        };
        files.push((names.len()..names.len() + name.len(), kind));
        names.push_str(&name);
    }
    // In parallel: a big pack's listing is long. (Names in one folder differ, but two that are not
    // UTF-8 may read the same: links after the rest then, as before.)
    let key = |(at, kind): &(Range<usize>, Listed)| (&names[at.clone()], *kind == Listed::Link);
    files.par_sort_unstable_by(|a, b| key(a).cmp(&key(b)));
    Ok(Listing { names, files })
}

/// Reads at most `limit` bytes of a regular file, refusing links and larger files.
///
/// The file is opened once, without following a link, and checked through the open file (one
/// path lookup, where looking at the path and then opening it took two). Unless the folder listing
/// said it is a regular file, the path is looked at first, so that a device or FIFO is never opened.
fn read_bounded(path: &Path, limit: u64, listed_as_file: bool) -> Result<Vec<u8>, String> {
    read_file(
        || Cow::Borrowed(path),
        || open_no_follow(path),
        limit,
        listed_as_file,
    )
}

/// [`read_bounded`] with the opening given: `path` is the file's path, built only if it is needed
/// (to look at it first, or to say why the open failed).
fn read_file<'p>(
    path: impl Fn() -> Cow<'p, Path>,
    open: impl FnOnce() -> std::io::Result<fs::File>,
    limit: u64,
    listed_as_file: bool,
) -> Result<Vec<u8>, String> {
    if !listed_as_file || cfg!(not(unix)) {
        check_unopened(&path(), limit)?;
    }
    let file = open().map_err(|e| {
        // Say why as looking first would have: a link, not a regular file, too big.
        match check_unopened(&path(), limit) {
            Err(reason) => reason,
            Ok(()) => e.to_string(),
        }
    })?;
    let (is_file, len) = kind_and_size(&file).map_err(|e| e.to_string())?;
    if !is_file {
        return Err("not a regular file".into());
    }
    if len > limit {
        return Err(too_big(len, limit));
    }
    // Read into a buffer let go by an earlier card if there is one, one byte longer than the size
    // the open file gives. A read that stops at that size is taken as the end: one read per file
    // rather than a second one that finds nothing. A file longer than it said is read on to its
    // end, within the bound, as before.
    let size = len as usize;
    let mut bytes = SPARE.with_borrow_mut(std::mem::take);
    bytes.clear();
    bytes.resize(size + 1, 0);
    let mut filled = 0;
    let longer = loop {
        match (&file).read(&mut bytes[filled..]) {
            Ok(0) => break false,
            Ok(n) => {
                filled += n;
                if filled >= size {
                    break filled > size;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.to_string()),
        }
    };
    bytes.truncate(filled);
    if longer {
        (&file)
            .take(limit + 1 - filled as u64)
            .read_to_end(&mut bytes)
            .map_err(|e| e.to_string())?;
    }
    if bytes.len() as u64 > limit {
        return Err(too_big(bytes.len() as u64, limit));
    }
    Ok(bytes)
}

/// Whether the open file is a regular file, and its size. On Unix by `fstat`, which fills in
/// less than the `statx` that [`fs::File::metadata`] asks for.
fn kind_and_size(file: &fs::File) -> std::io::Result<(bool, u64)> {
    #[cfg(unix)]
    {
        use rustix::fs::{FileType, fstat};
        let stat = fstat(file)?;
        Ok((
            FileType::from_raw_mode(stat.st_mode) == FileType::RegularFile,
            stat.st_size as u64,
        ))
    }
    #[cfg(not(unix))]
    {
        let meta = file.metadata()?;
        Ok((meta.is_file(), meta.len()))
    }
}

thread_local! {
    /// The bytes of a card file that is done with, to read the next one into: a big pack's files
    /// then need no allocation each.
    static SPARE: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Keeps `bytes` for the next file this thread reads.
fn let_go(bytes: Vec<u8>) {
    SPARE.with_borrow_mut(|spare| {
        if bytes.capacity() > spare.capacity() {
            *spare = bytes;
        }
    });
}

fn too_big(size: u64, limit: u64) -> String {
    format!("file is {size} bytes, over the limit of {limit} bytes")
}

/// What the path itself says before opening: a link, not a regular file, or too big.
fn check_unopened(path: &Path, limit: u64) -> Result<(), String> {
    let meta = fs::symlink_metadata(path).map_err(|e| e.to_string())?;
    if meta.file_type().is_symlink() {
        return Err("symbolic link not followed".into());
    }
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    if meta.len() > limit {
        return Err(too_big(meta.len(), limit));
    }
    Ok(())
}

/// How a pack's files are opened on Unix: for reading, without following a link at the end of the
/// path (the open fails) and without waiting on a FIFO.
#[cfg(unix)]
const NO_FOLLOW: rustix::fs::OFlags = rustix::fs::OFlags::RDONLY
    .union(rustix::fs::OFlags::NOFOLLOW)
    .union(rustix::fs::OFlags::NONBLOCK)
    .union(rustix::fs::OFlags::CLOEXEC);

/// Opens `path` for reading; on Unix as [`NO_FOLLOW`] says.
fn open_no_follow(path: &Path) -> std::io::Result<fs::File> {
    #[cfg(unix)]
    return Ok(fs::File::from(rustix::fs::open(
        path,
        NO_FOLLOW,
        rustix::fs::Mode::empty(),
    )?));
    #[cfg(not(unix))]
    fs::File::open(path)
}

/// The text of a file, or where its bytes stop being UTF-8.
pub(super) fn text_of<'f>(file: &'f RawFile<'_>) -> Result<&'f str, Diagnostic> {
    let bytes = file
        .bytes
        .as_ref()
        .map_err(|reason| Diagnostic::whole_file(&file.path(), reason))?;
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
        Diagnostic::new(
            &file.path(),
            LineCol::of_offset(valid, valid.len()),
            "invalid UTF-8",
        )
    })
}

/// What the parallel parse found in one card file, beside the card itself.
struct Parsed<'a> {
    file: RawFile<'a>,
    /// Whether the file parsed into a card at all (if not, its card is an empty stand-in).
    is_card: bool,
    /// What gets the card skipped: why it did not parse, or the rules it breaks.
    problems: Vec<Diagnostic>,
}

fn build(
    origin: PackOrigin,
    themes_file: &RawFile,
    sources_file: &RawFile,
    card_files: Vec<CardFile>,
    options: &LoadOptions,
) -> Result<Pack, PackError> {
    let themes: Vec<Theme> = parse_index(themes_file, options)?;
    let sources: Vec<Source> = parse_index(sources_file, options)?;
    check_index(themes_file, &themes, sources_file, &sources)?;
    let ctx = Context::new(&themes, &sources);

    // The cards in one list and the rest in another: the cards' list becomes the pack's, in
    // place (a big pack's cards are tens of megabytes, and every fresh page costs a fault).
    let (mut cards, mut parsed): (Vec<Card>, Vec<Parsed>) = card_files
        .into_par_iter()
        .map(|file| {
            let mut file = file.open();
            let (card, problems, is_card) = match parse_card(&file, &ctx, options) {
                Ok((card, problems)) => (card, problems, true),
                Err(d) => (Card::default(), vec![d], false),
            };
            // A clean card's text is needed again only if a link check fails: drop it now and
            // read it again then.
            if let (true, Some(_), Ok(Cow::Owned(bytes))) =
                (problems.is_empty(), &file.disk, &mut file.bytes)
            {
                let_go(std::mem::take(bytes));
            }
            let parsed = Parsed {
                file,
                is_card,
                problems,
            };
            (card, parsed)
        })
        .unzip();

    let mut links = link_problems(&cards, &parsed);
    let dropped: Vec<usize> = links
        .iter()
        .map(|(i, _)| *i)
        .filter(|&i| matches!(&parsed[i].file.bytes, Ok(b) if b.is_empty()))
        .collect();
    if !dropped.is_empty() {
        // Read those files again so the messages can point at the line and column.
        for i in dropped {
            let file = &mut parsed[i].file;
            if let Some(folder) = file.disk {
                file.bytes = folder
                    .read(file.name(), options.limits.max_card_bytes, false)
                    .map(Cow::Owned);
            }
        }
        links = link_problems(&cards, &parsed);
    }
    for (i, d) in links {
        parsed[i].problems.push(d);
    }

    let all_problems: Vec<Diagnostic> = parsed
        .iter()
        .flat_map(|p| p.problems.iter().cloned())
        .collect();
    let skipped = parsed.iter().filter(|p| !p.problems.is_empty()).count();
    if options.strict && !all_problems.is_empty() {
        return Err(PackError::Strict(all_problems));
    }
    if skipped > 0 {
        let mut kept = parsed.iter().map(|p| p.problems.is_empty());
        cards.retain(|_| kept.next().unwrap_or(false));
        // Otherwise every link leads to a card that is kept (the link rules held for all).
        prune_links(&mut cards);
    }
    put_in_pack_order(&mut cards, &ctx);
    Ok(Pack {
        origin,
        themes,
        sources,
        cards,
        problems: all_problems,
        skipped,
    })
}

/// The link rules (unique ids, `related` both ways) across the cards that parsed, as (index into
/// `cards`, problem).
fn link_problems(cards: &[Card], parsed: &[Parsed]) -> Vec<(usize, Diagnostic)> {
    let (at, linked): (Vec<usize>, Vec<(&Card, Origin<'_>)>) = cards
        .par_iter()
        .zip(parsed)
        .enumerate()
        .filter(|(_, (_, p))| p.is_card)
        .map(|(i, (card, p))| {
            let origin = Origin {
                folder: &p.file.folder,
                name: &p.file.name,
                text: text_of(&p.file).unwrap_or_default(),
            };
            (i, (card, origin))
        })
        .unzip();
    validate::check_links(&linked)
        .into_iter()
        .map(|(k, d)| (at[k], d))
        .collect()
}

/// Parses one card, bounds and sanitizes its strings and checks its own rules. `Err` when it does
/// not parse at all; otherwise the card with the problems that will get it skipped.
fn parse_card(
    file: &RawFile,
    ctx: &Context<'_>,
    options: &LoadOptions,
) -> Result<(Card, Vec<Diagnostic>), Diagnostic> {
    let text = text_of(file)?;
    let mut card: Card =
        serde_json::from_str(text).map_err(|e| Diagnostic::from_json(&file.path(), &e))?;
    let origin = Origin {
        folder: &file.folder,
        name: &file.name,
        text,
    };
    let mut problems = validate::bound_and_sanitize(&mut card, &origin, &options.limits);
    problems.extend(validate::check_card(&card, file.stem(), ctx, &origin));
    shrink(&mut card);
    Ok((card, problems))
}

/// Gives back the room the parser left at the end of each list (it grows them by doubling, so a
/// card of five points holds room for eight): about a third of a big pack's memory otherwise.
fn shrink(card: &mut Card) {
    for list in [
        &mut card.themes,
        &mut card.points,
        &mut card.actors,
        &mut card.tags,
        &mut card.related,
    ] {
        list.shrink_to_fit();
    }
    card.figures.shrink_to_fit();
    card.quotes.shrink_to_fit();
    card.sources.shrink_to_fit();
    for source in &mut card.sources {
        source.paragraphs.shrink_to_fit();
    }
}

/// Puts the cards in pack order: by first theme (in display order; none last), then by id. The
/// cards are swapped in place, each moved at most once to its place.
fn put_in_pack_order(cards: &mut [Card], ctx: &Context<'_>) {
    let order = |c: &Card| {
        c.themes
            .first()
            .and_then(|t| ctx.themes.iter().position(|x| x == t))
    };
    // Each card's place in the theme order, found once rather than at every comparison.
    let mut keys: Vec<(Option<usize>, usize)> = cards
        .par_iter()
        .enumerate()
        .map(|(i, c)| (order(c), i))
        .collect();
    if cards.par_windows(2).all(|w| w[0].id <= w[1].id) {
        // The usual case (a folder's files are read in name order, and a card's id is its file
        // name): the place in the list stands for the id.
        keys.par_sort_unstable();
    } else {
        keys.par_sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| cards[a.1].id.cmp(&cards[b.1].id))
        });
    }
    // The card at place `k` comes from place `keys[k].1`: follow each cycle of that permutation,
    // swapping each card into its place.
    let mut done = vec![false; cards.len()];
    for start in 0..cards.len() {
        let mut k = start;
        while !done[k] {
            done[k] = true;
            let from = keys[k].1;
            if from == start {
                break;
            }
            cards.swap(k, from);
            k = from;
        }
    }
}

/// Drops links to cards that were skipped, so every link in a loaded pack leads somewhere.
fn prune_links(cards: &mut [Card]) {
    let ids: std::collections::HashSet<String> = cards.iter().map(|c| c.id.clone()).collect();
    for card in cards {
        card.related.retain(|r| ids.contains(r));
    }
}

//! Turns a pack's files, from the binary, from memory or from a folder, into a [`Pack`]. Read top
//! to bottom: where the files come from, then [`build`]: parse each card (bound, sanitize, its own
//! rules) in parallel, the rules across cards (ids, links), what is kept, pack order. How a
//! folder's files are read is in `read.rs`.

use std::fs;
use std::path::Path;

use rayon::prelude::*;

use super::index_files::{check_index, parse_index};
use super::model::{Card, Source, Theme};
use super::order::{prune_links, put_in_pack_order};
use super::raw::{CardFile, RawFile, text_of};
use super::read::Folder;
use super::validate::{self, Context, Origin};
use super::{LoadOptions, Pack, PackError, PackOrigin};
use crate::base::diagnostic::Diagnostic;

mod built_in {
    include!(concat!(env!("OUT_DIR"), "/embedded_pack.rs"));
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
    let find = |name: &str| {
        files
            .iter()
            .find(|(rel, _)| *rel == name)
            .map(|(rel, bytes)| RawFile::in_memory(shown_prefix, rel, bytes))
            .ok_or_else(|| PackError::Read {
                path: format!("{shown_prefix}{name}"),
                reason: "no such file in the pack".into(),
            })
    };
    let cards: Vec<CardFile> = files
        .iter()
        .filter(|(rel, _)| is_card_path(rel))
        .map(|(rel, bytes)| CardFile::Ready(RawFile::in_memory(shown_prefix, rel, bytes)))
        .collect();
    if cards.len() > options.limits.max_cards {
        return Err(PackError::TooManyCards {
            path: format!("{shown_prefix}cards"),
            limit: options.limits.max_cards,
        });
    }
    let (themes, sources) = (find("themes.json")?, find("sources.json")?);
    build(origin, &themes, &sources, cards, options)
}

/// The themes and sources of a pack whose `themes.json` and `sources.json` are given as bytes
/// (a pack file holds them as parts), parsed, bounded, sanitized and checked exactly as a
/// folder's are. Messages name them as `themes_name` and `sources_name`.
pub fn index_from_bytes(
    (themes_name, themes): (&str, &[u8]),
    (sources_name, sources): (&str, &[u8]),
    options: &LoadOptions,
) -> Result<(Vec<Theme>, Vec<Source>), PackError> {
    let themes_file = RawFile::in_memory("", themes_name, themes);
    let sources_file = RawFile::in_memory("", sources_name, sources);
    let themes: Vec<Theme> = parse_index(&themes_file, options)?;
    let sources: Vec<Source> = parse_index(&sources_file, options)?;
    check_index(&themes_file, &themes, &sources_file, &sources)?;
    Ok((themes, sources))
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
    let themes = RawFile::index_in(dir, "themes.json", limits.max_index_bytes)?;
    let sources = RawFile::index_in(dir, "sources.json", limits.max_index_bytes)?;
    let (folder, listing) = Folder::open(dir.join("cards"), limits.max_cards)?;
    let cards = CardFile::listed(&folder, &listing, limits.max_card_bytes);
    let origin = PackOrigin::Dir(dir.to_path_buf());
    build(origin, &themes, &sources, cards, options)
}

/// What the parallel parse found in one card file, beside the card itself.
struct Parsed<'a> {
    file: RawFile<'a>,
    /// Whether the file parsed into a card at all (if not, its card is an empty stand-in).
    is_card: bool,
    /// What gets the card skipped: why it did not parse, or the rules it breaks.
    problems: Vec<Diagnostic>,
}

/// The pack from its index files and card files: every card checked, the bad ones skipped (or
/// the pack refused, when strict), the rest in pack order.
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

    let (mut cards, mut parsed) = parse_cards(card_files, &ctx, options);
    add_link_problems(&cards, &mut parsed, options);

    let problems: Vec<Diagnostic> = parsed
        .iter()
        .flat_map(|p| p.problems.iter().cloned())
        .collect();
    let skipped = parsed.iter().filter(|p| !p.problems.is_empty()).count();
    if options.strict && !problems.is_empty() {
        return Err(PackError::Strict(problems));
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
        problems,
        skipped,
    })
}

/// Reads and parses every card file on every core, each card with its own rules checked. The
/// cards come in one list and the rest in another: the cards' list becomes the pack's, in place
/// (a big pack's cards are tens of megabytes, and every fresh page costs a fault).
fn parse_cards<'a>(
    card_files: Vec<CardFile<'a>>,
    ctx: &Context<'_>,
    options: &LoadOptions,
) -> (Vec<Card>, Vec<Parsed<'a>>) {
    card_files
        .into_par_iter()
        .map(|file| {
            let mut file = file.open();
            let (card, problems, is_card) = match parse_card(&file, ctx, options) {
                Ok((card, problems)) => (card, problems, true),
                Err(d) => (Card::default(), vec![d], false),
            };
            if problems.is_empty() {
                file.let_go();
            }
            let parsed = Parsed {
                file,
                is_card,
                problems,
            };
            (card, parsed)
        })
        .unzip()
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

/// Adds the link rules' problems (unique ids, `related` both ways) to the cards that break them.
/// A clean card's text was let go after its parse: if such a card breaks a link rule, its file is
/// read again and the rules run again, so that the message points at the line and column.
fn add_link_problems(cards: &[Card], parsed: &mut [Parsed], options: &LoadOptions) {
    let mut links = link_problems(cards, parsed);
    let let_go: Vec<usize> = links
        .iter()
        .map(|(i, _)| *i)
        .filter(|&i| parsed[i].file.is_let_go())
        .collect();
    if !let_go.is_empty() {
        for i in let_go {
            parsed[i].file.read_again(options.limits.max_card_bytes);
        }
        links = link_problems(cards, parsed);
    }
    for (i, d) in links {
        parsed[i].problems.push(d);
    }
}

/// The link rules across the cards that parsed, as (index into `cards`, problem).
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

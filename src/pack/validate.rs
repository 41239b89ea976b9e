//! The rules a card must keep beyond its JSON shape, each reported at the offending field.

use std::collections::HashSet;

use rayon::prelude::*;

use super::Limits;
use super::model::{Card, Source, Theme};
pub use super::sentences::count_sentences;
use super::visible::blank;
use crate::base::diagnostic::Diagnostic;
use crate::base::locate::{Seg, locate};
use crate::base::sanitize::{Lines, sanitize};

/// The longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 72;
/// How many sentences a summary may have.
pub const SUMMARY_SENTENCES: std::ops::RangeInclusive<usize> = 2..=4;
/// How many key points a card may have.
pub const POINT_COUNT: std::ops::RangeInclusive<usize> = 3..=7;

/// What the per-card rules check against: the pack's themes and sources.
pub struct Context<'a> {
    /// Theme ids, in display order.
    pub themes: Vec<&'a str>,
    /// Source ids.
    pub sources: HashSet<&'a str>,
}

impl<'a> Context<'a> {
    /// The context of a pack with these themes and sources.
    pub fn new(themes: &'a [Theme], sources: &'a [Source]) -> Self {
        Context {
            themes: themes.iter().map(|t| t.id.as_str()).collect(),
            sources: sources.iter().map(|s| s.id.as_str()).collect(),
        }
    }
}

/// A card's file, for reporting: its display path and its text.
pub struct Origin<'a> {
    /// The folders of the path shown to the user, up to the file's name.
    pub folder: &'a str,
    /// The file's name.
    pub name: &'a str,
    /// The JSON text the card was parsed from.
    pub text: &'a str,
}

impl Origin<'_> {
    /// The path as shown to the user.
    pub fn path(&self) -> String {
        [self.folder, self.name].concat()
    }

    /// A problem at `path` inside this card's JSON.
    pub fn at(&self, path: &[Seg<'_>], message: impl AsRef<str>) -> Diagnostic {
        Diagnostic::new(&self.path(), locate(self.text, path), message)
    }
}

/// Every string of a card, with its place and whether it may hold several lines: the one walk that
/// the size bound and the sanitizer both make, so no field can be forgotten by one of them. The
/// place is built on the stack (a card has many strings, and most never need their place).
pub fn for_each_string_mut(card: &mut Card, mut visit: impl FnMut(&[Seg<'_>], Lines, &mut String)) {
    use Seg::{Index, Key};
    visit(&[Key("id")], Lines::Join, &mut card.id);
    visit(&[Key("title")], Lines::Join, &mut card.title);
    visit(&[Key("summary")], Lines::Keep, &mut card.summary);
    let lists = [
        ("themes", Lines::Join, &mut card.themes),
        ("points", Lines::Keep, &mut card.points),
        ("actors", Lines::Join, &mut card.actors),
        ("tags", Lines::Join, &mut card.tags),
        ("related", Lines::Join, &mut card.related),
    ];
    for (key, lines, list) in lists {
        for (i, s) in list.iter_mut().enumerate() {
            visit(&[Key(key), Index(i)], lines, s);
        }
    }
    for (i, f) in card.figures.iter_mut().enumerate() {
        visit(
            &[Key("figures"), Index(i), Key("label")],
            Lines::Join,
            &mut f.label,
        );
        visit(
            &[Key("figures"), Index(i), Key("value")],
            Lines::Join,
            &mut f.value,
        );
        if let Some(context) = f.context.as_mut() {
            visit(
                &[Key("figures"), Index(i), Key("context")],
                Lines::Keep,
                context,
            );
        }
    }
    for (i, q) in card.quotes.iter_mut().enumerate() {
        visit(
            &[Key("quotes"), Index(i), Key("speaker")],
            Lines::Join,
            &mut q.speaker,
        );
        visit(
            &[Key("quotes"), Index(i), Key("words")],
            Lines::Keep,
            &mut q.words,
        );
    }
    for (i, s) in card.sources.iter_mut().enumerate() {
        visit(
            &[Key("sources"), Index(i), Key("source")],
            Lines::Join,
            &mut s.source,
        );
    }
}

/// Checks the size bound on every string, then sanitizes them all in place.
pub fn bound_and_sanitize(
    card: &mut Card,
    origin: &Origin<'_>,
    limits: &Limits,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for_each_string_mut(card, |path, lines, s| {
        if s.len() > limits.max_string_bytes {
            problems.push(origin.at(
                path,
                format!(
                    "string of {} bytes is over the limit of {} bytes",
                    s.len(),
                    limits.max_string_bytes
                ),
            ));
        }
        if let std::borrow::Cow::Owned(clean) = sanitize(s, lines) {
            *s = clean;
        }
    });
    problems
}

/// The rules that need only this card and the pack's themes and sources.
pub fn check_card(
    card: &Card,
    stem: &str,
    ctx: &Context<'_>,
    origin: &Origin<'_>,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut fail = |path: &[Seg<'_>], msg: String| problems.push(origin.at(path, msg));
    check_identity(card, stem, origin, &mut fail);
    check_themes(card, ctx, &mut fail);
    check_content(card, &mut fail);
    check_shown(card, &mut fail);
    check_citations(card, ctx, &mut fail);
    problems
}

type Fail<'f> = dyn FnMut(&[Seg<'_>], String) + 'f;

/// What is wrong with a (sanitized) title, if anything: blank, or over [`MAX_TITLE_CHARS`]. The
/// one title rule, for a card's title and for a title read from a pack file's title table.
pub fn check_title(title: &str) -> Option<String> {
    if let Some(reason) = blank("title", title) {
        return Some(reason);
    }
    let chars = title.chars().count();
    (chars > MAX_TITLE_CHARS)
        .then(|| format!("title is {chars} characters long (at most {MAX_TITLE_CHARS})"))
}

/// The id's rules; `stem` is the id its file's name gives (a pack file's id table: no name).
fn check_identity(card: &Card, stem: &str, origin: &Origin<'_>, fail: &mut Fail<'_>) {
    use Seg::{Index, Key};
    if !is_kebab(&card.id) {
        fail(
            &[Key("id")],
            format!(
                "id '{}' is not kebab-case (a-z, 0-9 and single hyphens)",
                card.id
            ),
        );
    } else if card.id != stem {
        let want = match origin.name {
            "" => format!("the id table's '{stem}'"),
            _ => format!("the file name '{stem}.json'"),
        };
        let message = format!("id '{}' does not match {want}", card.id);
        fail(&[Key("id")], message);
    }
    if let Some(reason) = check_title(&card.title) {
        fail(&[Key("title")], reason);
    }
    for (i, other) in card.related.iter().enumerate() {
        if *other == card.id {
            fail(
                &[Key("related"), Index(i)],
                "a card cannot be related to itself".into(),
            );
        }
    }
}

fn check_themes(card: &Card, ctx: &Context<'_>, fail: &mut Fail<'_>) {
    use Seg::{Index, Key};
    if card.themes.is_empty() {
        fail(
            &[Key("themes")],
            "themes is empty (name at least one theme)".into(),
        );
    }
    // The known themes met so far, by their place in `ctx.themes` (so never more than those).
    let mut seen: Vec<usize> = Vec::new();
    for (i, theme) in card.themes.iter().enumerate() {
        match ctx.themes.iter().position(|t| *t == theme.as_str()) {
            None => {
                let known = ctx.themes.join(", ");
                fail(
                    &[Key("themes"), Index(i)],
                    format!("unknown theme '{theme}' (known: {known})"),
                );
            }
            Some(k) if seen.contains(&k) => fail(
                &[Key("themes"), Index(i)],
                format!("theme '{theme}' is listed twice"),
            ),
            Some(k) => seen.push(k),
        }
    }
}

fn check_content(card: &Card, fail: &mut Fail<'_>) {
    use Seg::{Index, Key};
    let sentences = count_sentences(&card.summary);
    if let Some(reason) = blank("summary", &card.summary) {
        fail(&[Key("summary")], reason);
    } else if !SUMMARY_SENTENCES.contains(&sentences) {
        fail(
            &[Key("summary")],
            format!("summary has {sentences} sentence(s) (want 2 to 4)"),
        );
    }
    if !POINT_COUNT.contains(&card.points.len()) {
        fail(
            &[Key("points")],
            format!("{} point(s) (want 3 to 7)", card.points.len()),
        );
    }
    for (i, tag) in card.tags.iter().enumerate() {
        if !is_kebab(tag) {
            fail(
                &[Key("tags"), Index(i)],
                format!("tag '{tag}' is not lower-case kebab-case"),
            );
        }
    }
}

/// The required texts of a card's lists (points, figures, actors, quotes) must each show
/// something: a blank one would be an empty row on the screen.
fn check_shown(card: &Card, fail: &mut Fail<'_>) {
    use Seg::{Index, Key};
    for (i, point) in card.points.iter().enumerate() {
        if let Some(reason) = blank(format_args!("point {}", i + 1), point) {
            fail(&[Key("points"), Index(i)], reason);
        }
    }
    for (i, actor) in card.actors.iter().enumerate() {
        if let Some(reason) = blank(format_args!("actor {}", i + 1), actor) {
            fail(&[Key("actors"), Index(i)], reason);
        }
    }
    for (i, f) in card.figures.iter().enumerate() {
        for (key, text) in [("label", &f.label), ("value", &f.value)] {
            if let Some(reason) = blank(format_args!("figure {}'s {key}", i + 1), text) {
                fail(&[Key("figures"), Index(i), Key(key)], reason);
            }
        }
    }
    for (i, q) in card.quotes.iter().enumerate() {
        for (key, text) in [("speaker", &q.speaker), ("words", &q.words)] {
            if let Some(reason) = blank(format_args!("quote {}'s {key}", i + 1), text) {
                fail(&[Key("quotes"), Index(i), Key(key)], reason);
            }
        }
    }
}

fn check_citations(card: &Card, ctx: &Context<'_>, fail: &mut Fail<'_>) {
    use Seg::{Index, Key};
    if card.sources.is_empty() {
        fail(
            &[Key("sources")],
            "sources is empty (cite at least one source)".into(),
        );
    }
    for (i, cite) in card.sources.iter().enumerate() {
        if !ctx.sources.contains(cite.source.as_str()) {
            fail(
                &[Key("sources"), Index(i), Key("source")],
                format!("unknown source '{}'", cite.source),
            );
        }
        if cite.paragraphs.is_empty() {
            fail(
                &[Key("sources"), Index(i), Key("paragraphs")],
                "paragraphs is empty".into(),
            );
        }
        if let Some(j) = cite.paragraphs.iter().position(|&p| p == 0) {
            fail(
                &[Key("sources"), Index(i), Key("paragraphs"), Index(j)],
                "paragraphs count from 1".into(),
            );
        }
    }
}

/// The rules across cards: duplicate ids, and `related` links that must exist and be returned.
/// Returns, for each card index that breaks one, its problems.
pub fn check_links(cards: &[(&Card, Origin<'_>)]) -> Vec<(usize, Diagnostic)> {
    use Seg::{Index, Key};
    // Every id with its card, sorted by id and then card: the first of a run of equal ids is the
    // card that keeps it. Sorted on every core, and looked up by halving, where a hash table would
    // be filled on one core (a folder's cards come sorted already, which the sort finds quickly).
    // Against rustc-hash's FxHashMap (callgrind, `brief list` at 100,000 cards, 2026-12-02): 0.5%
    // fewer instructions with short ids, 2.2% more with ids sharing a 31-byte prefix.
    let mut ids: Vec<(&str, usize)> = cards
        .par_iter()
        .enumerate()
        .map(|(i, (card, _))| (card.id.as_str(), i))
        .collect();
    ids.par_sort_unstable();
    let ids = &ids;
    let first_with_id = |id: &str| {
        let k = ids.partition_point(|&(x, _)| x < id);
        ids.get(k).filter(|&&(x, _)| x == id).map(|&(_, i)| i)
    };
    let mut problems: Vec<(usize, Diagnostic)> = ids
        .par_windows(2)
        .filter(|pair| pair[0].0 == pair[1].0)
        .map(|pair| {
            let (id, i) = pair[1];
            let first = first_with_id(id).unwrap_or(i);
            let msg = format!("duplicate id '{id}' (also in {})", cards[first].1.path());
            (i, cards[i].1.at(&[Key("id")], msg))
        })
        .collect();
    // In card order, as the links' problems below are.
    problems.sort_by_key(|&(i, _)| i);
    // The links of each card looked up on every core; the problems keep card order.
    let links = cards
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, (card, origin))| {
            card.related
                .iter()
                .enumerate()
                .filter_map(move |(j, other)| {
                    let at = [Key("related"), Index(j)];
                    match first_with_id(other) {
                        None => {
                            Some(origin.at(&at, format!("related card '{other}' does not exist")))
                        }
                        Some(k) if !cards[k].0.related.contains(&card.id) => {
                            let msg = format!(
                                "related card '{other}' does not link back to '{}'",
                                card.id
                            );
                            Some(origin.at(&at, msg))
                        }
                        Some(_) => None,
                    }
                })
                .map(move |d| (i, d))
        });
    problems.par_extend(links);
    problems
}

/// Whether `s` is lower-case kebab-case: `a-z0-9` words joined by single hyphens.
/// One pass over the bytes, no splitting: a pack file's listing checks every id it prints.
pub fn is_kebab(s: &str) -> bool {
    let mut after_hyphen = true;
    for b in s.bytes() {
        match b {
            b'a'..=b'z' | b'0'..=b'9' => after_hyphen = false,
            b'-' if !after_hyphen => after_hyphen = true,
            _ => return false,
        }
    }
    !after_hyphen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_case() {
        assert!(is_kebab("north-korea"));
        assert!(is_kebab("mh17"));
        assert!(!is_kebab("North-Korea"));
        assert!(!is_kebab("a--b"));
        assert!(!is_kebab("-a"));
        assert!(!is_kebab("a-"));
        assert!(!is_kebab("-"));
        assert!(!is_kebab("a b"));
        assert!(!is_kebab("é"));
        assert!(!is_kebab("../etc"));
        assert!(!is_kebab(""));
    }
}

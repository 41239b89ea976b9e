//! Export of the cards now shown: Markdown for people (renders the same in any CommonMark viewer, with
//! card text escaped so it can never become markup) and JSON for machines (stable field order).
//! Bookmarks listed in the user's agenda order are numbered as an agenda, each card by its place
//! in the whole agenda (a search that shows some of them numbers them `2.`, `5.`: "second and
//! fifth on the agenda"). `notes`: the user's notes alone, as a brief to hand on.

mod notes;

pub use notes::{NoteItem, notes_markdown};

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use crate::base::file;
use crate::base::sanitize::{Lines, sanitize};
use crate::corpus::Corpus;
use crate::pack::Card;
use crate::packfile::FileError;
use crate::view::CardView;
use crate::view::card::{NOTE_LABEL, SEPARATOR};

/// One card to export, with what the user added to it.
#[derive(Debug, Clone, Copy)]
pub struct Item<'a> {
    /// The card.
    pub card: &'a Card,
    /// Its place in the user's agenda (0 first), if the user bookmarked it.
    pub place: Option<usize>,
    /// The user's note, if any.
    pub note: Option<&'a str>,
}

/// What the export says about itself.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    /// When it was made (UTC, `YYYY-MM-DD HH:MM UTC`).
    pub exported_at: String,
    /// Which pack it came from.
    pub pack: String,
    /// The query used (empty: every card).
    pub query: String,
    /// Whether only bookmarked cards were shown.
    pub bookmarks_only: bool,
    /// Whether cards without a note were left out (`brief export --noted`); in JSON only when so.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub noted_only: bool,
}

impl Meta {
    /// Whether the cards are the user's bookmarks in agenda order (bookmarks only, or a query
    /// with a top-level `is:bookmarked`): the Markdown numbers them as an agenda.
    pub fn lists_agenda(&self, corpus: &Corpus) -> bool {
        self.bookmarks_only
            || crate::search::parse(&self.query, &corpus.themes).is_ok_and(|q| q.lists_agenda())
    }
}

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The target exists and `--force` was not given.
    #[error("{0}: already exists (use --force to overwrite it)")]
    Exists(String),
    /// Writing failed.
    #[error("{path}: cannot write: {reason}")]
    Write {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
}

/// The Markdown brief: a title and date line, the query, then one section per card. Bookmarks in
/// agenda order are numbered by their places in the agenda, with the agenda (the titles,
/// numbered) before the first section.
/// For cards in memory (the viewer); [`try_markdown`] also answers for a pack file.
pub fn markdown(corpus: &Corpus, meta: &Meta, items: &[Item<'_>]) -> String {
    let section = |item: &Item<'_>, number: Option<usize>, out: &mut String| {
        card_section(
            out,
            &CardView::of(corpus, item.card, item.note),
            item,
            number,
        );
        Ok(())
    };
    let Ok(text) = render::<std::convert::Infallible>(corpus, meta, items, section);
    text
}

/// [`markdown`], with an error when a pack file cannot give a related card's title.
pub fn try_markdown(corpus: &Corpus, meta: &Meta, items: &[Item<'_>]) -> Result<String, FileError> {
    render(corpus, meta, items, |item, number, out| {
        let view = CardView::try_of(corpus, item.card, item.note)?;
        card_section(out, &view, item, number);
        Ok(())
    })
}

/// The brief, each card's section written by `section` (given its number in an agenda: its place
/// in the whole agenda, from 1).
fn render<E: Send>(
    corpus: &Corpus,
    meta: &Meta,
    items: &[Item<'_>],
    section: impl Fn(&Item<'_>, Option<usize>, &mut String) -> Result<(), E> + Sync,
) -> Result<String, E> {
    let mut out = String::new();
    let agenda = meta.lists_agenda(corpus) && !items.is_empty();
    header(&mut out, meta, items, agenda);
    // The sections built on every core, a run of cards at a time (an export may hold a whole big
    // pack), and joined in order; in an agenda each with its number.
    let numbered: Vec<(Option<usize>, &Item<'_>)> = items
        .iter()
        .map(|item| (item.number().filter(|_| agenda), item))
        .collect();
    let sections = |run: &[(Option<usize>, &Item<'_>)]| {
        let mut text = String::new();
        for &(number, item) in run {
            section(item, number, &mut text)?;
        }
        Ok(text)
    };
    crate::pieces::in_pieces(&numbered, SECTIONS_PER_RUN, sections, |piece| {
        out.push_str(piece);
        Ok(())
    })?;
    Ok(out)
}

/// The title and date line and the query with what it was limited to; in an agenda, the numbered
/// list of the titles.
fn header(out: &mut String, meta: &Meta, items: &[Item<'_>], agenda: bool) {
    let _ = writeln!(out, "# Briefing export\n");
    let _ = writeln!(
        out,
        "Exported {} from {} · {} card(s)\n",
        meta.exported_at,
        escape(&meta.pack),
        items.len()
    );
    let query = if meta.query.trim().is_empty() {
        "all cards".to_string()
    } else {
        code_span(&meta.query)
    };
    let only: Vec<&str> = [
        (meta.bookmarks_only, "bookmarked cards only"),
        (meta.noted_only, "cards with your note only"),
        (agenda, "in your agenda order"),
    ]
    .iter()
    .filter_map(|&(on, what)| on.then_some(what))
    .collect();
    let only = if only.is_empty() {
        String::new()
    } else {
        format!(" ({})", only.join(", "))
    };
    let _ = writeln!(out, "Query: {query}{only}\n");
    if agenda {
        agenda_list(out, items);
    }
}

/// The agenda's titles, numbered by place. All of the agenda (or its first places) is an ordered
/// list; a part of it a bulleted one, with each number written out (escaped: a CommonMark viewer
/// numbers an ordered list itself, 1, 2, 3..., and would show `2.`, `5.` as 1, 2).
fn agenda_list(out: &mut String, items: &[Item<'_>]) {
    let whole = (items.iter().enumerate()).all(|(n, item)| item.number() == Some(n + 1));
    if whole {
        let _ = writeln!(out, "**Agenda**\n");
    } else {
        let _ = writeln!(out, "**Agenda** (these cards, by their places in it)\n");
    }
    for item in items {
        let title = escape(&item.card.title);
        let _ = match item.number() {
            Some(n) if whole => writeln!(out, "{n}. {title}"),
            Some(n) => writeln!(out, "- {n}\\. {title}"),
            None => writeln!(out, "- {title}"),
        };
    }
    out.push('\n');
}

impl Item<'_> {
    /// Its number in an agenda: its place, from 1.
    fn number(&self) -> Option<usize> {
        self.place.map(|p| p.saturating_add(1))
    }
}

/// How many cards' sections `markdown` builds in one piece of text (a few hundred kilobytes).
const SECTIONS_PER_RUN: usize = 256;

/// One card's section: its heading (with its `number` in an agenda), themes and id, then its
/// sections (see [`CardView`]), all escaped; a section shown on one line elsewhere is one line
/// here too.
fn card_section(out: &mut String, view: &CardView<'_>, item: &Item<'_>, number: Option<usize>) {
    let _ = match number {
        Some(n) => writeln!(out, "## {n}. {}\n", escape(view.title)),
        None => writeln!(out, "## {}\n", escape(view.title)),
    };
    let themes: Vec<String> = view.themes.iter().map(|t| escape(t)).collect();
    let star = if item.place.is_some() {
        format!("{SEPARATOR}★ bookmarked")
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "*{}*{SEPARATOR}{}{star}\n",
        themes.join(SEPARATOR),
        code_span(view.id)
    );
    let _ = writeln!(out, "{}\n", paragraph(view.summary));
    if let Some(note) = view.note {
        let _ = writeln!(out, "**{NOTE_LABEL}**\n");
        for line in note.lines() {
            let _ = writeln!(out, "> {}", escape(line));
        }
        out.push('\n');
    }
    for section in &view.sections {
        let label = section.kind.label();
        if let Some(separator) = section.kind.inline() {
            let _ = writeln!(
                out,
                "**{label}:** {}\n",
                paragraph(&section.joined(separator))
            );
            continue;
        }
        let _ = writeln!(out, "**{label}**\n");
        for item in &section.items {
            match item.link {
                Some(id) => {
                    let _ = writeln!(out, "- {} ({})", paragraph(&item.text), code_span(id));
                }
                None => {
                    let _ = writeln!(out, "- {}", paragraph(&item.text));
                }
            }
        }
        out.push('\n');
    }
}

/// Text on one line, escaped: newlines inside a field become spaces so a field cannot start a new
/// block (a heading, a list, a table) of its own.
fn paragraph(text: &str) -> String {
    escape(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Escapes every character that CommonMark (or GitHub's tables) could read as markup, so card text
/// is shown literally: emphasis, code, links, HTML, headings, lists, tables and entities.
pub fn escape(text: &str) -> String {
    // Pack text is clean already; a note comes from the state file, which may be edited by hand.
    let text = sanitize(text, Lines::Join);
    let mut out = String::with_capacity(text.len() + 8);
    // A list marker or a heading underline may follow up to three spaces (a note's line may
    // be indented): "at the start" is after any leading blanks.
    let mut at_start = true;
    for c in text.chars() {
        let first = at_start;
        at_start = at_start && c.is_whitespace();
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!' | '&' | '{'
            | '}' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if first => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    // "1. " or "1) " at the start (after any blanks) would make an ordered list.
    let start = out.len() - out.trim_start().len();
    if let Some(end) = out[start..]
        .find(|c: char| !c.is_ascii_digit())
        .map(|e| start + e)
        .filter(|&e| e > start)
        && (out[end..].starts_with(". ") || out[end..].starts_with(") "))
    {
        out.insert(end, '\\');
    }
    out
}

/// A code span that holds `text` literally, whatever backticks it contains.
fn code_span(text: &str) -> String {
    let text = sanitize(text, Lines::Join);
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let text = text.replace(['\n', '\r'], " ");
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[derive(Serialize)]
struct JsonExport<'a> {
    #[serde(flatten)]
    meta: &'a Meta,
    cards: Vec<JsonCard<'a>>,
}

#[derive(Serialize)]
struct JsonCard<'a> {
    #[serde(flatten)]
    card: &'a Card,
    bookmarked: bool,
    /// From the state file, which may be edited by hand: inert like pack text.
    note: Option<Cow<'a, str>>,
}

/// The JSON export: the meta fields, then the cards with their bookmark flags and notes.
pub fn json(meta: &Meta, items: &[Item<'_>]) -> String {
    let cards = items
        .iter()
        .map(|i| JsonCard {
            card: i.card,
            bookmarked: i.place.is_some(),
            note: i.note.map(|n| sanitize(n, Lines::Keep)),
        })
        .collect();
    let meta = &Meta {
        query: sanitize(&meta.query, Lines::Join).into_owned(),
        ..meta.clone()
    };
    let mut text = serde_json::to_string_pretty(&JsonExport { meta, cards }).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes `bytes` to `path` atomically (see [`file::write_atomically`]). Without `force` an
/// existing file is never replaced; with it, only a regular file is.
pub fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<(), ExportError> {
    let shown = crate::base::inert::visible(&path.display().to_string()).into_owned();
    let existing = if force {
        file::Existing::Replace
    } else {
        file::Existing::Keep
    };
    file::write_atomically(path, bytes, existing).map_err(|e| match e {
        file::WriteError::Exists => ExportError::Exists(shown),
        other => ExportError::Write {
            path: shown,
            reason: other.to_string(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(
            escape("a *b* _c_ `d` <script>"),
            "a \\*b\\* \\_c\\_ \\`d\\` \\<script\\>"
        );
        assert_eq!(escape("- item"), "\\- item");
        assert_eq!(escape("1. first"), "1\\. first");
        // A note's line may be indented: still no list, no heading underline.
        assert_eq!(escape("  - item"), "  \\- item");
        assert_eq!(escape("   + item"), "   \\+ item");
        assert_eq!(escape("  ==="), "  \\===");
        assert_eq!(escape("  12) twelfth"), "  12\\) twelfth");
        assert_eq!(escape("  a - b"), "  a - b");
        assert_eq!(escape("2% of GDP - ok"), "2% of GDP - ok");
        assert_eq!(escape("a | b"), "a \\| b");
    }

    #[test]
    fn code_spans_hold_backticks() {
        assert_eq!(code_span("theme:trump"), "`theme:trump`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x"), "`` `x ``");
    }
}

//! The Markdown brief, written as it is made: the header (with the agenda's titles, read without
//! decoding the cards), then each card's section, built on every core a run of cards at a time.

use std::fmt::Write as _;
use std::io::Write;

use super::cards::Cards;
use super::{Item, Meta, StreamError};
use crate::base::sanitize::{Lines, sanitize};
use crate::corpus::Corpus;
use crate::view::CardView;
use crate::view::card::{NOTE_LABEL, SEPARATOR};

/// How many cards' sections are built in one piece of text, on one core.
const SECTIONS_PER_PIECE: usize = 128;

/// Writes the brief of `cards` to `out`: a title and date line, the query, then one section per
/// card. Bookmarks in agenda order are numbered by their places in the agenda, with the agenda
/// (the titles, numbered) before the first section.
pub(super) fn write(
    corpus: &Corpus,
    meta: &Meta,
    cards: &Cards<'_>,
    out: &mut dyn Write,
) -> Result<(), StreamError> {
    let agenda = meta.lists_agenda(corpus) && cards.len() > 0;
    let mut head = String::new();
    header(&mut head, meta, cards.len(), agenda);
    out.write_all(head.as_bytes())?;
    if agenda {
        agenda_list(cards, out)?;
    }
    let strict = cards.strict();
    let sections = |run: &[(Option<usize>, &Item<'_>)]| {
        let mut text = String::new();
        for &(number, item) in run {
            let view = if strict {
                CardView::try_of(corpus, item.card, item.note)?
            } else {
                CardView::of(corpus, item.card, item.note)
            };
            card_section(&mut text, &view, item, number);
        }
        Ok(text)
    };
    cards.each_run(|items| {
        // In an agenda each card with its number.
        let numbered: Vec<(Option<usize>, &Item<'_>)> = items
            .iter()
            .map(|item| (item.number().filter(|_| agenda), item))
            .collect();
        crate::pieces::in_pieces(&numbered, SECTIONS_PER_PIECE, sections, |piece| {
            Ok(out.write_all(piece.as_bytes())?)
        })
    })
}

/// The title and date line and the query with what it was limited to.
fn header(out: &mut String, meta: &Meta, count: usize, agenda: bool) {
    let _ = writeln!(out, "# Briefing export\n");
    let _ = writeln!(
        out,
        "Exported {} from {} · {} card(s)\n",
        meta.exported_at,
        escape(&meta.pack),
        count
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
}

/// The agenda's titles, numbered by place. All of the agenda (or its first places) is an ordered
/// list; a part of it a bulleted one, with each number written out (escaped: a CommonMark viewer
/// numbers an ordered list itself, 1, 2, 3..., and would show `2.`, `5.` as 1, 2).
fn agenda_list(cards: &Cards<'_>, out: &mut dyn Write) -> Result<(), StreamError> {
    let numbers: Vec<Option<usize>> = (cards.places()?.into_iter())
        .map(|place| place.map(|p| p.saturating_add(1)))
        .collect();
    let whole = (numbers.iter().enumerate()).all(|(n, number)| *number == Some(n + 1));
    if whole {
        writeln!(out, "**Agenda**\n")?;
    } else {
        writeln!(out, "**Agenda** (these cards, by their places in it)\n")?;
    }
    let mut numbers = numbers.into_iter();
    cards.each_title(|title| {
        let title = escape(title);
        match numbers.next().flatten() {
            Some(n) if whole => writeln!(out, "{n}. {title}"),
            Some(n) => writeln!(out, "- {n}\\. {title}"),
            None => writeln!(out, "- {title}"),
        }?;
        Ok(())
    })?;
    Ok(out.write_all(b"\n")?)
}

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
pub(super) fn paragraph(text: &str) -> String {
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
pub(super) fn code_span(text: &str) -> String {
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

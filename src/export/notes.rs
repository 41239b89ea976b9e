//! `brief notes --format md`: the user's notes alone, as a brief to hand a colleague. Each note
//! under its card's title, with the card's themes, id and short citations, then the sources by
//! name (from [`CardView`], as the export and `brief show` word them). Notes on cards the pack no
//! longer holds are listed at the end as missing, the note kept.

use std::fmt::Write as _;

use super::{Meta, code_span, escape, paragraph};
use crate::corpus::Corpus;
use crate::pack::Card;
use crate::view::CardView;
use crate::view::card::{Kind, NOTE_LABEL, SEPARATOR};

/// One note to write: its card (or, for a card not in the pack, its id) and its text.
#[derive(Debug, Clone, Copy)]
pub enum NoteItem<'a> {
    /// A note on a card of the pack, with the card's place on the agenda if it is bookmarked.
    Card {
        /// The card.
        card: &'a Card,
        /// The note.
        note: &'a str,
        /// Its place in the agenda (0 first), if the card is bookmarked.
        place: Option<usize>,
    },
    /// A note on a card the pack does not hold (it is kept).
    Missing {
        /// The card's id, from the state file.
        id: &'a str,
        /// The note.
        note: &'a str,
    },
}

/// The notes brief: a title and date line, then one section per note in the order given (a card
/// on the agenda numbered by its place, as in the export's agenda), then the notes whose cards
/// are missing.
pub fn notes_markdown(corpus: &Corpus, meta: &Meta, items: &[NoteItem<'_>]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Notes\n");
    let _ = writeln!(
        out,
        "Exported {} from {} · {} note(s)\n",
        meta.exported_at,
        escape(&meta.pack),
        items.len()
    );
    for item in items {
        if let NoteItem::Card { card, note, place } = item {
            note_section(&mut out, corpus, card, note, *place);
        }
    }
    let missing: Vec<(&str, &str)> = items
        .iter()
        .filter_map(|item| match item {
            NoteItem::Missing { id, note } => Some((*id, *note)),
            NoteItem::Card { .. } => None,
        })
        .collect();
    if !missing.is_empty() {
        let _ = writeln!(
            out,
            "## Notes on cards missing from {}\n",
            escape(&meta.pack)
        );
        for (id, note) in missing {
            let _ = writeln!(out, "### {}\n", code_span(id));
            quote(&mut out, note);
        }
    }
    out
}

/// One note under its card's title (numbered by its `place` on the agenda, if it has one), with
/// the card's themes, id and citations, then the sources.
fn note_section(out: &mut String, corpus: &Corpus, card: &Card, note: &str, place: Option<usize>) {
    let view = CardView::of(corpus, card, Some(note));
    let _ = match place {
        Some(place) => writeln!(
            out,
            "## {}. {}\n",
            place.saturating_add(1),
            escape(view.title)
        ),
        None => writeln!(out, "## {}\n", escape(view.title)),
    };
    let mut line: Vec<String> = vec![format!(
        "*{}*",
        view.themes
            .iter()
            .map(|t| escape(t))
            .collect::<Vec<_>>()
            .join(SEPARATOR)
    )];
    line.push(code_span(view.id));
    if place.is_some() {
        line.push("★ bookmarked".into());
    }
    line.extend(view.cites.iter().map(|c| escape(c)));
    let _ = writeln!(out, "{}\n", line.join(SEPARATOR));
    let _ = writeln!(out, "**{NOTE_LABEL}**\n");
    quote(out, note);
    if let Some(sources) = view.section(Kind::Sources) {
        let _ = writeln!(out, "**{}**\n", Kind::Sources.label());
        for item in &sources.items {
            let _ = writeln!(out, "- {}", paragraph(&item.text));
        }
        out.push('\n');
    }
}

/// The note as a block quote, line by line, escaped (it comes from the state file).
fn quote(out: &mut String, note: &str) {
    for line in note.lines() {
        let _ = writeln!(out, "> {}", escape(line));
    }
    out.push('\n');
}

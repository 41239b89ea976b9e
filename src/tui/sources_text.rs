//! The sources panel's text: each [`SourceEntry`] of the selected card as styled lines wrapped to
//! the panel's width. Computed here once, for both the App (how far the panel can scroll) and the
//! panel (what it draws).

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use textwrap::core::display_width;

use super::palette::Palette;
use crate::view::SourceEntry;

/// Between a source's number and its heading.
const AFTER_NUMBER: &str = " · ";

/// The lines of `entries` wrapped to `width` columns: per source, its number and heading
/// (title, or description), the labelled fields, then the description; a blank line between.
pub fn lines(entries: &[SourceEntry<'_>], width: u16, palette: &Palette) -> Vec<Line<'static>> {
    let width = usize::from(width).max(8);
    let label_width = entries
        .iter()
        .flat_map(|e| &e.fields)
        .map(|(label, _)| display_width(label))
        .max()
        .unwrap_or(0)
        .saturating_add(2);
    let mut out = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        if i > 0 {
            out.push(Line::raw(""));
        }
        let lead = format!("{}{AFTER_NUMBER}", entry.number);
        wrap(
            &mut out,
            entry.heading,
            (&lead, palette.heading),
            palette.title,
            width,
        );
        for (label, value) in &entry.fields {
            let label = format!("{label:<label_width$}");
            wrap(&mut out, value, (&label, palette.dim), Style::new(), width);
        }
        if let Some(description) = entry.description {
            wrap(
                &mut out,
                description,
                ("", palette.dim),
                Style::new(),
                width,
            );
        }
    }
    out
}

/// `text` wrapped to `width` behind `lead` (on the first line; blanks as wide on the others).
fn wrap(
    out: &mut Vec<Line<'static>>,
    text: &str,
    (lead, lead_style): (&str, Style),
    style: Style,
    width: usize,
) {
    let indent = display_width(lead);
    let room = width.saturating_sub(indent).max(1);
    for (i, line) in textwrap::wrap(text, room).iter().enumerate() {
        let first = if i == 0 {
            lead.to_string()
        } else {
            " ".repeat(indent)
        };
        out.push(Line::from(vec![
            Span::styled(first, lead_style),
            Span::styled(line.to_string(), style),
        ]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, Queries};
    use crate::pack::{LoadOptions, Pack};

    #[test]
    fn every_line_fits_and_the_fields_line_up() {
        let corpus = Corpus::new(
            Pack::embedded(&LoadOptions::default()).unwrap(),
            Queries::One,
        );
        let card = corpus.card("sources-differ-rutte-trump").unwrap();
        let entries = SourceEntry::of_card(&corpus, card);
        for width in [22u16, 40, 72] {
            let lines = lines(&entries, width, &Palette::plain());
            assert!(
                lines.iter().all(|l| l.width() <= usize::from(width)),
                "at {width}"
            );
        }
        let text: Vec<String> = lines(&entries, 72, &Palette::plain())
            .iter()
            .map(ToString::to_string)
            .collect();
        assert!(
            text[0].starts_with("003 · Report on an interview"),
            "{text:?}"
        );
        assert!(
            text.iter().any(|l| l == "Author     not stated"),
            "{text:?}"
        );
        assert!(
            text.iter().any(|l| l.starts_with("Cited      ¶")),
            "{text:?}"
        );
    }
}

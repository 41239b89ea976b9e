//! The footer line: the active query (or the one being typed, with its error), the number of
//! matches, and the keys that apply now to the mode and the focused pane, read from the keymap.
//! A message beats the hints (and, if it must, the status) and is cut at a word with `…`; of the
//! hints, `help` is the last to go.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::cut_words;
use crate::tui::action::Action;
use crate::tui::app::{App, Focus, Mode};
use crate::tui::keys::Keymap;
use crate::tui::layout::Arrangement;
use crate::tui::theme::Theme;

/// Draws the footer into `area` (one line).
pub fn render(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme, keymap: &Keymap) {
    let width = usize::from(area.width);
    let mut spans = status(app, theme);
    let status_width = Line::from(spans.clone()).width();
    if let Some(message) = app.message() {
        let style = if message.warning {
            theme.warning
        } else {
            theme.message
        };
        let text_width = textwrap::core::display_width(&message.text);
        if status_width.saturating_add(3).saturating_add(text_width) <= width {
            spans.push(Span::raw("   "));
        } else {
            // Not room for both: the message is what the user must read now.
            spans = vec![Span::raw(" ")];
        }
        let room = width.saturating_sub(Line::from(spans.clone()).width());
        spans.push(Span::styled(cut_words(&message.text, room), style));
    } else {
        spans.push(Span::raw("   "));
        let room = width.saturating_sub(status_width.saturating_add(3));
        spans.extend(hints(app, theme, keymap, room));
    }
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}

/// The query, the theme filters and the match count; while typing, the input and its error.
fn status<'a>(app: &'a App, theme: &Theme) -> Vec<Span<'a>> {
    let mut spans = vec![Span::raw(" ")];
    if app.mode() == Mode::Confirm {
        spans.push(Span::styled("save changes to the note?", theme.warning));
        return spans;
    }
    let typing = app.mode() == Mode::Search;
    if typing {
        spans.push(Span::styled("/", theme.key));
        spans.push(Span::raw(app.query.as_str()));
        spans.push(Span::styled("▏", theme.key));
    } else if app.query_error.is_none() {
        // One query, as `brief list` takes it, that gives exactly the cards shown.
        let query = app.filter_query();
        if !query.is_empty() {
            spans.push(Span::raw(format!("/{query}")));
        }
    } else {
        spans.push(Span::raw(format!("/{}", app.query)));
    }
    if let Some(error) = &app.query_error {
        spans.push(Span::styled(format!(" ⚠ {error}"), theme.warning));
    }
    let filters = app.filters_query();
    if (typing || app.query_error.is_some()) && !filters.is_empty() {
        spans.push(Span::raw(format!(" {filters}")));
    }
    let count = app.filtered.cards.len();
    let noun = if count == 1 { "match" } else { "matches" };
    let lead = if spans.len() > 1 { " ─ " } else { "" };
    spans.push(Span::styled(format!("{lead}{count} {noun}"), theme.title));
    spans
}

/// `key label` pairs for the current mode, as many as fit in `room` columns, in their order; the
/// help's is the last to be dropped.
fn hints(app: &App, theme: &Theme, keymap: &Keymap, room: usize) -> Vec<Span<'static>> {
    let mode = app.mode();
    let wanted = mode_hints(app);
    let shown: Vec<(String, &str)> = wanted
        .into_iter()
        .filter_map(|(actions, label)| {
            let keys: Vec<String> = actions
                .iter()
                .filter_map(|a| keymap.first_key(a, mode))
                .collect();
            (!keys.is_empty()).then(|| (keys.join("/"), label))
        })
        .collect();
    let width = |(keys, label): &(String, &str)| {
        textwrap::core::display_width(keys)
            .saturating_add(label.len())
            .saturating_add(3)
    };
    let last = (mode == Mode::Normal)
        .then(|| shown.iter().position(|(_, label)| *label == "help"))
        .flatten();
    let reserved = last.map_or(0, |i| width(&shown[i]));
    let mut used = 0usize;
    let mut kept: Vec<usize> = Vec::new();
    for (i, hint) in shown.iter().enumerate() {
        if Some(i) == last {
            continue;
        }
        if used.saturating_add(width(hint)).saturating_add(reserved) > room {
            break;
        }
        used = used.saturating_add(width(hint));
        kept.push(i);
    }
    kept.extend(last.filter(|&i| width(&shown[i]) <= room));
    kept.sort_unstable();
    kept.into_iter()
        .filter_map(|i| shown.get(i))
        .flat_map(|(keys, label)| {
            [
                Span::styled(keys.clone(), theme.key),
                Span::styled(format!(" {label}  "), theme.dim),
            ]
        })
        .collect()
}

/// The hints wanted in the current mode, most useful first.
fn mode_hints(app: &App) -> Vec<(Vec<Action>, &'static str)> {
    match app.mode() {
        Mode::Search => vec![
            (vec![Action::SearchAccept], "keep"),
            (vec![Action::SearchCancel], "clear"),
        ],
        Mode::Help => vec![(vec![Action::ToggleHelp], "close")],
        Mode::Note => vec![
            (vec![Action::NoteSave], "save"),
            (vec![Action::NoteClose], "close"),
        ],
        Mode::Confirm => vec![
            (vec![Action::NoteSave], "yes"),
            (vec![Action::NoteDiscard], "no"),
            (vec![Action::NoteResume], "cancel"),
        ],
        Mode::Related => vec![
            (vec![Action::PickNext, Action::PickPrev], "move"),
            (vec![Action::PickJump], "jump"),
            (vec![Action::PickClose], "close"),
        ],
        Mode::Normal => normal_hints(app),
    }
}

/// Browsing hints, most useful first: in the card pane the movement keys scroll the card.
fn normal_hints(app: &App) -> Vec<(Vec<Action>, &'static str)> {
    let layout = app.layout();
    let in_card = app.focus == Focus::Card && layout.card.is_some();
    let mut wanted = if in_card {
        vec![
            (vec![Action::SelectNext, Action::SelectPrev], "scroll"),
            (vec![Action::Back], "back"),
            (vec![Action::ScrollDown, Action::ScrollUp], "page"),
            (vec![Action::NextCard, Action::PrevCard], "next card"),
        ]
    } else {
        vec![
            (vec![Action::SelectNext, Action::SelectPrev], "move"),
            (vec![Action::NextCard, Action::PrevCard], "page"),
        ]
    };
    if layout.arrangement == Arrangement::Single && !in_card {
        wanted.push((vec![Action::Open], "open"));
    }
    wanted.extend([
        (vec![Action::StartSearch], "search"),
        (vec![Action::ToggleBookmark], "bookmark"),
        (vec![Action::ToggleHelp], "help"),
        (vec![Action::Quit], "quit"),
        (vec![Action::EditNote], "note"),
        (vec![Action::OpenRelated], "related"),
        (vec![Action::Export], "export"),
    ]);
    if !in_card {
        wanted.push((vec![Action::ScrollDown], "scroll"));
    }
    wanted.extend([
        (vec![Action::ToggleBookmarksOnly], "bookmarked only"),
        (vec![Action::ToggleFocus], "focus"),
    ]);
    wanted
}

//! The footer line: the active query (or the one being typed, with its error), the number of
//! matches, and the keys that apply now, read from the keymap; a transient message replaces the
//! keys while it lasts.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::tui::action::Action;
use crate::tui::app::{App, Mode};
use crate::tui::keys::Keymap;
use crate::tui::layout::Arrangement;
use crate::tui::theme::Theme;

/// Draws the footer into `area` (one line).
pub fn render(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme, keymap: &Keymap) {
    let mut spans = status(app, theme);
    spans.push(Span::raw("   "));
    if let Some(message) = app.message() {
        let style = if message.warning {
            theme.warning
        } else {
            theme.message
        };
        spans.push(Span::styled(message.text.clone(), style));
    } else {
        let room = usize::from(area.width).saturating_sub(Line::from(spans.clone()).width());
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

/// `key label` pairs for the current mode, as many as fit in `room` columns.
fn hints(app: &App, theme: &Theme, keymap: &Keymap, room: usize) -> Vec<Span<'static>> {
    let mode = app.mode();
    let wanted: Vec<(Vec<Action>, &str)> = match mode {
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
    };
    let mut spans = Vec::new();
    let mut used = 0;
    for (actions, label) in wanted {
        let keys: Vec<String> = actions
            .iter()
            .filter_map(|a| keymap.first_key(a, mode))
            .collect();
        if keys.is_empty() {
            continue;
        }
        let keys = keys.join("/");
        let width = textwrap::core::display_width(&keys) + label.len() + 3;
        if used + width > room {
            break;
        }
        used += width;
        spans.push(Span::styled(keys, theme.key));
        spans.push(Span::styled(format!(" {label}  "), theme.dim));
    }
    spans
}

fn normal_hints(app: &App) -> Vec<(Vec<Action>, &'static str)> {
    let mut wanted = vec![
        (vec![Action::SelectNext, Action::SelectPrev], "move"),
        (vec![Action::NextCard, Action::PrevCard], "page"),
    ];
    if app.layout().arrangement == Arrangement::Single {
        if app.card_open {
            wanted.push((vec![Action::Back], "back"));
        } else {
            wanted.push((vec![Action::Open], "open"));
        }
    }
    wanted.extend([
        (vec![Action::StartSearch], "search"),
        (vec![Action::ToggleBookmark], "bookmark"),
        (vec![Action::ToggleHelp], "help"),
        (vec![Action::Quit], "quit"),
        (vec![Action::EditNote], "note"),
        (vec![Action::OpenRelated], "related"),
        (vec![Action::Export], "export"),
        (vec![Action::ScrollDown], "scroll"),
        (vec![Action::ToggleBookmarksOnly], "bookmarked only"),
        (vec![Action::ToggleFocus], "focus"),
    ]);
    wanted
}

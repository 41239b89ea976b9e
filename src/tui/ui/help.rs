//! The `?` overlay: every key, read from the live keymap, with the themes' keys and the mouse.
//! The key column is as wide as the longest keys; when the terminal is short it scrolls, and its
//! bottom line says where you are and which keys scroll it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use crate::tui::action::Action;
use crate::tui::app::{App, Mode};
use crate::tui::keys::Keymap;
use crate::tui::theme::Theme;

/// Actions shown on one row, as opposites: `j ↓ / k ↑   next / previous card`.
const PAIRS: [(Action, Action, &str); 5] = [
    (
        Action::SelectNext,
        Action::SelectPrev,
        "next / previous card",
    ),
    (
        Action::NextCard,
        Action::PrevCard,
        "page to next / previous card",
    ),
    (
        Action::ScrollDown,
        Action::ScrollUp,
        "scroll the card down / up",
    ),
    (Action::Top, Action::Bottom, "top / bottom of the list"),
    (
        Action::Open,
        Action::Back,
        "open the card / back to the list",
    ),
];

/// The help's own keys, two pairs to a line: `j ↓ / k ↑ a line · PgDn Space / PgUp a page`.
const OWN_KEYS: [[(Action, Action, &str); 2]; 2] = [
    [
        (Action::SelectNext, Action::SelectPrev, "a line"),
        (Action::ScrollDown, Action::ScrollUp, "a page"),
    ],
    [
        (Action::Top, Action::Bottom, "top / end"),
        (Action::ToggleHelp, Action::ToggleHelp, "close"),
    ],
];

/// Draws the overlay centred in `area`, scrolled as far as `app` says (within its length).
pub fn render(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme, keymap: &Keymap) {
    let lines = lines(app, theme, keymap);
    let width = area.width.saturating_sub(2).min(70);
    let height = area
        .height
        .min(u16::try_from(lines.len().saturating_add(2)).unwrap_or(u16::MAX));
    let popup = super::popup(buf, area, width, height);
    let rows = usize::from(popup.height.saturating_sub(2));
    let first = app.help_scroll.min(lines.len().saturating_sub(rows));
    let bottom = bottom_line(keymap, first, rows, lines.len(), usize::from(width));
    let block = Block::bordered()
        .title(Span::styled(" Keys ", theme.title))
        .title_bottom(Line::styled(bottom, theme.dim).right_aligned())
        .border_style(theme.border_focus);
    let inner = block.inner(popup);
    block.render(popup, buf);
    for (line, y) in lines.iter().skip(first).zip(inner.top()..inner.bottom()) {
        buf.set_line(
            inner.x.saturating_add(1),
            y,
            line,
            inner.width.saturating_sub(1),
        );
    }
}

/// How far the help can scroll in `app`'s terminal: its length less the rows it has. The rows
/// come from the default keymap: a config rebinds keys, never adds or removes a row.
pub fn max_scroll(app: &App) -> usize {
    let count = lines(app, &Theme::plain(), &Keymap::default()).len();
    let area = app.layout().area;
    count.saturating_sub(usize::from(area.height.saturating_sub(2)))
}

/// ` 3–17 of 24 · j/k PgDn/PgUp scroll · ? q Esc close `, shortened to fit `width`; the
/// position and the scroll keys only when the text does not all fit.
fn bottom_line(keymap: &Keymap, first: usize, rows: usize, total: usize, width: usize) -> String {
    let first_keys = |actions: &[Action]| {
        actions
            .iter()
            .filter_map(|a| keymap.first_key(a, Mode::Help))
            .collect::<Vec<_>>()
            .join("/")
    };
    let all_close: Vec<String> = keymap
        .keys_for(&Action::ToggleHelp, Mode::Help)
        .iter()
        .map(crate::tui::keys::key_name)
        .collect();
    let close = (!all_close.is_empty()).then(|| format!("{} close", all_close.join(" ")));
    let short_close = all_close.first().map(|k| format!("{k} close"));
    let mut tries: Vec<Vec<String>> = Vec::new();
    if rows < total {
        let end = first.saturating_add(rows).min(total);
        let at = format!("{}–{end} of {total}", first.saturating_add(1));
        let keys = [
            first_keys(&[Action::SelectNext, Action::SelectPrev]),
            first_keys(&[Action::ScrollDown, Action::ScrollUp]),
        ]
        .into_iter()
        .filter(|k| !k.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
        let scroll = (!keys.is_empty()).then(|| format!("{keys} scroll"));
        let with_at = |parts: &[&Option<String>]| {
            let mut out = vec![at.clone()];
            out.extend(parts.iter().filter_map(|p| (*p).clone()));
            out
        };
        tries.extend([
            with_at(&[&scroll, &close]),
            with_at(&[&scroll, &short_close]),
            with_at(&[&scroll]),
            with_at(&[]),
        ]);
    } else {
        tries.extend(
            [close, short_close]
                .into_iter()
                .map(|c| c.into_iter().collect()),
        );
    }
    tries
        .into_iter()
        .map(|parts| format!(" {} ", parts.join(" · ")))
        .find(|text| textwrap::core::display_width(text) <= width.saturating_sub(2))
        .unwrap_or_default()
}

fn lines(app: &App, theme: &Theme, keymap: &Keymap) -> Vec<Line<'static>> {
    let mut rows = key_rows(keymap);
    let column = rows
        .iter()
        .map(|(keys, _)| textwrap::core::display_width(keys))
        .max()
        .unwrap_or(0)
        .saturating_add(2);
    let mut out: Vec<Line<'static>> = rows
        .drain(..)
        .map(|(keys, label)| row(keys, label, column, theme))
        .collect();
    let themes: Vec<String> = app
        .pack
        .themes
        .iter()
        .map(|t| format!("{} {}", t.key, t.label))
        .collect();
    out.push(Line::styled(
        format!("themes: {}", themes.join(" · ")),
        theme.dim,
    ));
    let mut search = vec![Span::styled("In a search: ", theme.heading)];
    let quit = Action::Quit.label();
    for (keys, label) in keymap.help_rows(Mode::Search) {
        if label == quit {
            continue;
        }
        search.push(Span::styled(keys, theme.key));
        search.push(Span::raw(format!(" {label}  ")));
    }
    out.push(Line::from(search));
    out.extend(own_keys_lines(keymap, theme));
    out.push(Line::styled(
        "Mouse: the wheel scrolls, a click selects.",
        theme.dim,
    ));
    out
}

/// The normal mode's rows: one per action of the default keymap (so rebinding never changes
/// their number), with the live keymap's keys (`—` for an action left with none).
fn key_rows(keymap: &Keymap) -> Vec<(String, String)> {
    let live = keymap.help_rows(Mode::Normal);
    let keys_of = |label: &str| {
        live.iter()
            .find(|(_, l)| *l == label)
            .map_or_else(|| "—".to_string(), |(keys, _)| keys.clone())
    };
    let mut out = Vec::new();
    for (_, label) in Keymap::default().help_rows(Mode::Normal) {
        let pair = PAIRS
            .iter()
            .find(|(a, b, _)| a.label() == label || b.label() == label);
        match pair {
            Some((first, second, both)) if first.label() == label => {
                let keys = format!("{} / {}", keys_of(label), keys_of(second.label()));
                out.push((keys, (*both).to_string()));
            }
            Some(_) => {}
            None => out.push((keys_of(label), label.to_string())),
        }
    }
    out
}

/// `In this help: j ↓ / k ↑ a line · ...` on two lines, from the help's own bindings.
fn own_keys_lines(keymap: &Keymap, theme: &Theme) -> Vec<Line<'static>> {
    let names = |action: &Action| {
        keymap
            .keys_for(action, Mode::Help)
            .iter()
            .map(crate::tui::keys::key_name)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let lead = "In this help: ";
    let line = |(i, pairs): (usize, &[(Action, Action, &str); 2])| {
        let mut spans = vec![if i == 0 {
            Span::styled(lead, theme.heading)
        } else {
            Span::raw(" ".repeat(lead.len()))
        }];
        let mut first = true;
        for (one, other, label) in pairs {
            let keys = if one == other {
                names(one)
            } else {
                format!("{} / {}", names(one), names(other))
            };
            if !first {
                spans.push(Span::raw(" · "));
            }
            first = false;
            spans.push(Span::styled(keys, theme.key));
            spans.push(Span::raw(format!(" {label}")));
        }
        Line::from(spans)
    };
    OWN_KEYS.iter().enumerate().map(line).collect()
}

fn row(keys: String, label: String, column: usize, theme: &Theme) -> Line<'static> {
    let pad = column.saturating_sub(textwrap::core::display_width(&keys));
    Line::from(vec![
        Span::styled(keys, theme.key),
        Span::raw(" ".repeat(pad)),
        Span::raw(label),
    ])
}

//! The text of the `?` overlay and of the man page's KEYS section, from the live keymap: every
//! browsing action with its keys (opposites on one row), the themes' keys, a search's keys
//! (wrapped), the help's own keys and the mouse. `ui::help` only styles and scrolls it; the app only needs its
//! length.

use super::{Key, Keymap, Mode, key_name};
use crate::pack::Theme;
use crate::tui::action::Action;

/// How a piece of the help is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    /// Keys.
    Key,
    /// A lead-in (`In a search: `).
    Heading,
    /// Secondary text.
    Dim,
    /// Everything else.
    Plain,
}

/// One line of the help: its pieces, in order.
pub type HelpLine = Vec<(Ink, String)>;

/// Actions shown on one row, as opposites: `j ↓ / k ↑   next / previous card`.
const PAIRS: &[(Action, Action, &str)] = &[
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
        "open / back (in the list: clear the search)",
    ),
    (
        Action::NextUnread,
        Action::PrevUnread,
        "next / previous unread card",
    ),
    (
        Action::MoveBookmarkUp,
        Action::MoveBookmarkDown,
        "bookmarks view: move up / down the agenda",
    ),
    (
        Action::Undo,
        Action::Redo,
        "undo / redo bookmarks, agenda, notes, read/unread",
    ),
];

/// A search's keys shown as opposites: `← / → move`.
const SEARCH_PAIRS: [(Action, Action, &str); 4] = [
    (Action::SearchLeft, Action::SearchRight, "move"),
    (Action::SearchHome, Action::SearchEnd, "start / end"),
    (
        Action::SearchBackspace,
        Action::SearchDelete,
        "delete back / forward",
    ),
    (
        Action::SearchOlder,
        Action::SearchNewer,
        "earlier / later searches",
    ),
];

/// The columns the help's text may take (the overlay is at most 70 wide, less its border and
/// padding): a search's keys wrap at this width.
const TEXT_WIDTH: usize = 66;

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

/// What the overlay says about the mouse.
const MOUSE: &str = "Mouse: the wheel scrolls, a click selects.";

/// The man page's KEYS section: what it says first, each mode's heading and rows, the mouse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manual {
    /// The paragraph under KEYS.
    pub intro: String,
    /// Each mode: its heading, and its `(keys, what they do)` rows.
    pub modes: Vec<(String, Vec<(String, String)>)>,
    /// The paragraph on the mouse.
    pub mouse: &'static str,
}

impl Keymap {
    /// The help's lines, for a pack with `themes`.
    pub fn help_lines(&self, themes: &[Theme]) -> Vec<HelpLine> {
        let rows = self.key_rows();
        let column = rows
            .iter()
            .map(|(keys, _)| textwrap::core::display_width(keys))
            .max()
            .unwrap_or(0)
            .saturating_add(2);
        let mut out: Vec<HelpLine> = rows
            .into_iter()
            .map(|(keys, label)| {
                let pad = column.saturating_sub(textwrap::core::display_width(&keys));
                vec![
                    (Ink::Key, keys),
                    (Ink::Plain, " ".repeat(pad)),
                    (Ink::Plain, label),
                ]
            })
            .collect();
        let themes: Vec<String> = themes
            .iter()
            .map(|t| format!("{} {}", self.theme_key(t.key), t.label))
            .collect();
        out.push(vec![(Ink::Dim, format!("themes: {}", themes.join(" · ")))]);
        out.extend(self.search_lines());
        out.extend(self.own_keys_lines());
        out.push(vec![(Ink::Dim, MOUSE.to_string())]);
        out
    }

    /// How many lines the help has with this keymap, whatever the pack (its themes take one
    /// line). A config never adds or removes a row, but longer search keys can wrap that
    /// paragraph onto one more line.
    pub fn help_len(&self) -> usize {
        self.help_lines(&[]).len()
    }

    /// The key that toggles the theme on `key`, as the help and the tabs name it (`—` if none).
    pub fn theme_key(&self, key: u8) -> String {
        self.first_key(&Action::ToggleTheme(key), Mode::Normal)
            .unwrap_or_else(|| "—".to_string())
    }

    /// The browsing rows: one per action of the default keymap (so rebinding never changes
    /// their number), with this keymap's keys (`—` for an action left with none).
    fn key_rows(&self) -> Vec<(String, String)> {
        self.paired_rows(Mode::Normal, PAIRS)
    }

    /// `In a search: Enter keep  Esc cancel...`, wrapped to the help's width: a search's keys
    /// (but quit, which is in the rows above), opposites together.
    fn search_lines(&self) -> Vec<HelpLine> {
        let lead = "In a search: ";
        let quit = Action::Quit.label();
        let mut lines: Vec<HelpLine> = vec![vec![(Ink::Heading, lead.to_string())]];
        let mut used = lead.len();
        for (keys, label) in self.paired_rows(Mode::Search, &SEARCH_PAIRS) {
            if label == quit {
                continue;
            }
            let width = textwrap::core::display_width(&keys) + label.len() + 3;
            if used + width > TEXT_WIDTH && used > lead.len() {
                lines.push(vec![(Ink::Plain, " ".repeat(lead.len()))]);
                used = lead.len();
            }
            if let Some(line) = lines.last_mut() {
                line.push((Ink::Key, keys));
                line.push((Ink::Plain, format!(" {label}  ")));
            }
            used += width;
        }
        lines
    }

    /// The rows of `mode`: one per action of the default keymap, `pairs` on one row each.
    fn paired_rows(&self, mode: Mode, pairs: &[(Action, Action, &str)]) -> Vec<(String, String)> {
        let live = self.help_rows(mode);
        let keys_of = |label: &str| {
            live.iter()
                .find(|(_, l)| l.as_str() == label)
                .map_or_else(|| "—".to_string(), |(keys, _)| keys.clone())
        };
        let mut out = Vec::new();
        for (_, label) in Keymap::default().help_rows(mode) {
            let pair = pairs
                .iter()
                .find(|(a, b, _)| a.label() == label || b.label() == label);
            match pair {
                Some((first, second, both)) if first.label() == label => {
                    let keys = format!("{} / {}", keys_of(&label), keys_of(second.label()));
                    out.push((keys, (*both).to_string()));
                }
                Some(_) => {}
                None => out.push((keys_of(&label), label)),
            }
        }
        out
    }

    /// `In this help: j ↓ / k ↑ a line · ...` on two lines, from the help's own bindings.
    fn own_keys_lines(&self) -> Vec<HelpLine> {
        let names = |action: &Action| names(&self.keys_for(action, Mode::Help));
        let lead = "In this help: ";
        let line = |(i, pairs): (usize, &[(Action, Action, &str); 2])| {
            let mut out = vec![if i == 0 {
                (Ink::Heading, lead.to_string())
            } else {
                (Ink::Plain, " ".repeat(lead.len()))
            }];
            for (n, (one, other, label)) in pairs.iter().enumerate() {
                let keys = if one == other {
                    names(one)
                } else {
                    format!("{} / {}", names(one), names(other))
                };
                if n > 0 {
                    out.push((Ink::Plain, " · ".to_string()));
                }
                out.push((Ink::Key, keys));
                out.push((Ink::Plain, format!(" {label}")));
            }
            out
        };
        OWN_KEYS.iter().enumerate().map(line).collect()
    }

    /// The help's bottom border: ` 3–17 of 24 · j/k PgDn/PgUp scroll · ? q Esc close `,
    /// shortened to fit `width`; the position and the scroll keys only when the text does not
    /// all fit in its `rows` (from line `first`, of `total`).
    pub fn help_bottom(&self, first: usize, rows: usize, total: usize, width: usize) -> String {
        let first_keys = |actions: &[Action]| {
            actions
                .iter()
                .filter_map(|a| self.first_key(a, Mode::Help))
                .collect::<Vec<_>>()
                .join("/")
        };
        let all_close = names(&self.keys_for(&Action::ToggleHelp, Mode::Help));
        let close = (!all_close.is_empty()).then(|| format!("{all_close} close"));
        let short_close = self
            .first_key(&Action::ToggleHelp, Mode::Help)
            .map(|k| format!("{k} close"));
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
            for parts in [
                vec![&scroll, &close],
                vec![&scroll, &short_close],
                vec![&scroll],
                vec![],
            ] {
                let mut out = vec![at.clone()];
                out.extend(parts.into_iter().filter_map(Clone::clone));
                tries.push(out);
            }
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

    /// The man page's KEYS section, from this keymap.
    pub fn manual(&self) -> Manual {
        let after = |action: Action| self.key_for(&action, Mode::Normal);
        let modes = [
            (Mode::Normal, "Browsing (the list and the card)".to_string()),
            (
                Mode::Search,
                format!("Typing a search (after {})", after(Action::StartSearch)),
            ),
            (
                Mode::Note,
                format!(
                    "The note editor (after {}; other keys edit the text)",
                    after(Action::EditNote)
                ),
            ),
            (Mode::Confirm, "Closing a changed note".to_string()),
            (
                Mode::Related,
                format!(
                    "The related cards' picker (after {})",
                    after(Action::OpenRelated)
                ),
            ),
            (
                Mode::Sources,
                format!("The sources panel (after {})", after(Action::ToggleSources)),
            ),
            (
                Mode::Help,
                format!("The help overlay (after {})", after(Action::ToggleHelp)),
            ),
        ];
        Manual {
            intro: format!(
                "The browser's default keys. Under [keys] in the config file each browsing action and each key of the search line can be given other keys (the names are in brief config --default); the footer and the {} overlay always show the keys actually bound. Keys in the note editor, the pickers and panels are not rebindable.",
                after(Action::ToggleHelp)
            ),
            modes: modes
                .into_iter()
                .map(|(mode, heading)| (heading, self.help_rows(mode)))
                .collect(),
            mouse: "The wheel over the list moves the selection, over the card scrolls it; a click selects a card or focuses the card pane. Hold Shift to select text on the screen.",
        }
    }
}

/// Keys by name, space-separated: `? q Esc`.
fn names(keys: &[Key]) -> String {
    keys.iter().map(key_name).collect::<Vec<_>>().join(" ")
}

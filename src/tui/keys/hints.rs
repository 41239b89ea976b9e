//! The footer's hints, mode by mode, and the pickers' and the editor's hint lines: which actions
//! each names and what it says they do, rendered with the keys the live keymap has (a hint whose
//! actions have no key is left out). Also the asides in the help's labels that name a key of
//! another mode (`search (Enter keeps, Esc cancels, ↑ earlier)`).

use super::{Keymap, Mode};
use crate::tui::action::Action as A;

/// A hint: the actions whose first keys it shows (`j/k`), and what it says they do.
#[derive(Debug)]
pub struct Hint {
    /// The actions, in the order their keys are shown.
    pub actions: &'static [A],
    /// What the hint says.
    pub label: &'static str,
}

const fn hint(actions: &'static [A], label: &'static str) -> Hint {
    Hint { actions, label }
}

/// The label of the hint the footer drops last.
pub const HELP_LABEL: &str = "help";

const SEARCH: &[Hint] = &[
    hint(&[A::SearchAccept], "keep"),
    hint(&[A::SearchCancel], "cancel"),
    hint(&[A::SearchOlder, A::SearchNewer], "history"),
    hint(&[A::SearchLeft, A::SearchRight], "move"),
    hint(&[A::SearchDeleteWord], "delete word"),
    hint(&[A::SearchClear], "clear"),
];
const HELP: &[Hint] = &[hint(&[A::ToggleHelp], "close")];
const NOTE: &[Hint] = &[hint(&[A::NoteSave], "save"), hint(&[A::NoteClose], "close")];
const CONFIRM: &[Hint] = &[
    hint(&[A::NoteSave], "yes"),
    hint(&[A::NoteDiscard], "no"),
    hint(&[A::NoteResume], "cancel"),
];
const SOURCES: &[Hint] = &[
    hint(&[A::SelectNext, A::SelectPrev], "scroll"),
    hint(&[A::ToggleSources], "close"),
];
const RELATED: &[Hint] = &[
    hint(&[A::PickNext, A::PickPrev], "move"),
    hint(&[A::PickJump], "jump"),
    hint(&[A::PickClose], "close"),
];

/// Browsing with the card pane focused: the movement keys scroll the card.
const IN_CARD: &[Hint] = &[
    hint(&[A::SelectNext, A::SelectPrev], "scroll"),
    hint(&[A::Back], "back"),
    hint(&[A::ScrollDown, A::ScrollUp], "page"),
    hint(&[A::NextCard, A::PrevCard], "next card"),
    hint(&[A::ReadOn], "read on"),
    hint(&[A::ToggleZoom], "card alone"),
    hint(&[A::ToggleSources], "sources"),
];
/// The card alone at the full width (its pane focused): first, how to get the list back.
const ZOOMED: &[Hint] = &[
    hint(&[A::ToggleZoom], "show the list"),
    hint(&[A::SelectNext, A::SelectPrev], "scroll"),
    hint(&[A::NextCard, A::PrevCard], "next card"),
    hint(&[A::ReadOn], "read on"),
    hint(&[A::ScrollDown, A::ScrollUp], "page"),
    hint(&[A::ToggleSources], "sources"),
];
/// Browsing with the list focused, first of all.
const IN_LIST: &[Hint] = &[
    hint(&[A::SelectNext, A::SelectPrev], "move"),
    hint(&[A::NextCard, A::PrevCard], "page"),
];
/// In the list with a search kept: how to clear it.
const CLEAR_SEARCH: Hint = hint(&[A::Back], "clear search");
/// On a narrow screen, where the list and the card take turns.
const OPEN: Hint = hint(&[A::Open], "open");
const SEARCH_HINT: Hint = hint(&[A::StartSearch], "search");
const BOOKMARK: Hint = hint(&[A::ToggleBookmark], "bookmark");
/// The reading flow from the list: read on with Space (the card beside it, then the next unread
/// one), jump between unread cards, undo a mistake. Ahead of the keys used less, so that a
/// terminal of 120 columns shows them.
const READING_FLOW: &[Hint] = &[
    hint(&[A::ReadOn], "read on"),
    hint(&[A::NextUnread, A::PrevUnread], "unread"),
    hint(&[A::Undo], "undo"),
];
/// Browsing from the list, after the reading flow.
const LIST_THEN: &[Hint] = &[
    hint(&[A::ToggleHelp], HELP_LABEL),
    hint(&[A::Quit], "quit"),
    hint(&[A::EditNote], "note"),
];
/// Browsing from the list, used less.
const LIST_LATER: &[Hint] = &[
    hint(&[A::ToggleRead], "read/unread"),
    hint(&[A::OpenRelated], "related"),
    hint(&[A::Export], "export"),
    hint(&[A::ToggleBookmarksOnly], "bookmarked only"),
    hint(&[A::ToggleFocus], "focus"),
    hint(&[A::ToggleZoom], "card alone"),
    hint(&[A::ToggleSources], "sources"),
];
/// Browsing in the card pane (beside the list or alone), after its own keys.
const ANYWHERE: &[Hint] = &[
    SEARCH_HINT,
    BOOKMARK,
    hint(&[A::ToggleHelp], HELP_LABEL),
    hint(&[A::Quit], "quit"),
    hint(&[A::EditNote], "note"),
    hint(&[A::OpenRelated], "related"),
    hint(&[A::Export], "export"),
];
/// Reading, in the card pane.
const READING: &[Hint] = &[
    hint(&[A::NextUnread, A::PrevUnread], "unread"),
    hint(&[A::ToggleRead], "read/unread"),
    hint(&[A::Undo], "undo"),
];
/// In the bookmarks view: the agenda's order.
const AGENDA: Hint = hint(&[A::MoveBookmarkUp, A::MoveBookmarkDown], "reorder");
/// Browsing in the card pane, least useful.
const LAST: &[Hint] = &[
    hint(&[A::ToggleBookmarksOnly], "bookmarked only"),
    hint(&[A::ToggleFocus], "focus"),
];

/// Where the user is, as far as the browsing hints care.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Where {
    /// Which pane the movement keys act on.
    pub pane: Pane,
    /// Only one pane is shown at a time (a narrow, short terminal).
    pub single: bool,
    /// A search is kept (`Esc` in the list clears it).
    pub searched: bool,
    /// The bookmarks view (`K`/`J` order the agenda).
    pub agenda: bool,
}

/// The pane the movement keys act on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Pane {
    /// The list.
    #[default]
    List,
    /// The card, beside or under the list.
    Card,
    /// The card alone, at the full width.
    CardAlone,
}

/// The footer's hints in `mode`, most useful first; browsing ones depend on where the user is.
pub fn footer(mode: Mode, at: Where) -> Vec<&'static Hint> {
    match mode {
        Mode::Search => SEARCH.iter().collect(),
        Mode::Help => HELP.iter().collect(),
        Mode::Note => NOTE.iter().collect(),
        Mode::Confirm => CONFIRM.iter().collect(),
        Mode::Related => RELATED.iter().collect(),
        Mode::Sources => SOURCES.iter().collect(),
        Mode::Normal if at.pane == Pane::List => in_list(at),
        Mode::Normal => {
            let own = if at.pane == Pane::Card {
                IN_CARD
            } else {
                ZOOMED
            };
            let mut out: Vec<&Hint> = own.iter().chain(ANYWHERE).chain(READING).collect();
            if at.pane == Pane::Card {
                out.extend(LAST);
            }
            if at.agenda {
                out.insert(out.len().min(2), &AGENDA);
            }
            out
        }
    }
}

/// Browsing with the list focused: moving, searching and bookmarking, then the reading flow,
/// then the rest. In the bookmarks view the agenda's keys come third, and `b` (which there takes
/// a card off the agenda) gives them its room.
fn in_list(at: Where) -> Vec<&'static Hint> {
    let mut out: Vec<&Hint> = IN_LIST.iter().collect();
    let steps = [
        (at.searched, &CLEAR_SEARCH),
        (at.single, &OPEN),
        (at.agenda, &AGENDA),
        (true, &SEARCH_HINT),
        (!at.agenda, &BOOKMARK),
    ];
    out.extend(
        steps
            .into_iter()
            .filter_map(|(on, hint)| on.then_some(hint)),
    );
    out.extend(READING_FLOW.iter().chain(LIST_THEN));
    if at.agenda {
        out.push(&BOOKMARK);
    }
    out.extend(LIST_LATER);
    out
}

/// What the help adds to an action's label, naming keys of the mode it leads to.
fn aside(action: &A) -> &'static [(A, Mode, &'static str)] {
    match action {
        A::StartSearch => &[
            (A::SearchAccept, Mode::Search, "keeps"),
            (A::SearchCancel, Mode::Search, "cancels"),
            (A::SearchOlder, Mode::Search, "earlier"),
        ],
        A::OpenRelated => &[(A::PickJump, Mode::Related, "jumps")],
        _ => &[],
    }
}

impl Keymap {
    /// The `(keys, label)` of each of `hints` whose actions have a key in `mode`: `("j/k", "move")`.
    pub fn hints(&self, hints: &[&Hint], mode: Mode) -> Vec<(String, &'static str)> {
        hints
            .iter()
            .filter_map(|hint| {
                let keys: Vec<String> = hint
                    .actions
                    .iter()
                    .filter_map(|a| self.first_key(a, mode))
                    .collect();
                (!keys.is_empty()).then(|| (keys.join("/"), hint.label))
            })
            .collect()
    }

    /// The hint line of a box in `mode` (the editor, the picker): `j/k move · Enter jump · Esc close`.
    pub fn hint_line(&self, mode: Mode) -> String {
        self.hints(&footer(mode, Where::default()), mode)
            .into_iter()
            .map(|(keys, label)| format!("{keys} {label}"))
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// What the help says `action` does, with the keys its aside names:
    /// `search (Enter keeps, Esc cancels, ↑ earlier)`.
    pub fn describe(&self, action: &A) -> String {
        let label = action.label();
        let parts: Vec<String> = aside(action)
            .iter()
            .filter_map(|(other, mode, what)| {
                self.first_key(other, *mode).map(|k| format!("{k} {what}"))
            })
            .collect();
        if parts.is_empty() {
            label.to_string()
        } else {
            format!("{label} ({})", parts.join(", "))
        }
    }
}

//! The default key bindings, one per line and mode by mode, in the order the help lists them.
//! A config's `[keys]` rebinds browsing actions on top of these (see [`crate::tui::user`]).

use crossterm::event::{KeyCode as K, KeyModifiers};

use super::{Binding, Key, Mode};
use crate::tui::action::Action as A;

const fn plain(code: K) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    plain(K::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: K::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

/// Browsing the list and the card.
const NORMAL: &[(Key, A)] = &[
    (ch('j'), A::SelectNext),
    (plain(K::Down), A::SelectNext),
    (ch('k'), A::SelectPrev),
    (plain(K::Up), A::SelectPrev),
    (ch('n'), A::NextCard),
    (plain(K::Right), A::NextCard),
    (ch('l'), A::NextCard),
    (ch('p'), A::PrevCard),
    (plain(K::Left), A::PrevCard),
    (ch('h'), A::PrevCard),
    (plain(K::PageDown), A::ScrollDown),
    (plain(K::PageUp), A::ScrollUp),
    (ch('g'), A::Top),
    (plain(K::Home), A::Top),
    (ch('G'), A::Bottom),
    (plain(K::End), A::Bottom),
    (plain(K::Tab), A::ToggleFocus),
    (plain(K::Enter), A::Open),
    (plain(K::Esc), A::Back),
    (plain(K::Backspace), A::JumpBack),
    (ch('1'), A::ToggleTheme(1)),
    (ch('2'), A::ToggleTheme(2)),
    (ch('3'), A::ToggleTheme(3)),
    (ch('4'), A::ToggleTheme(4)),
    (ch('5'), A::ToggleTheme(5)),
    (ch('6'), A::ToggleTheme(6)),
    (ch('7'), A::ToggleTheme(7)),
    (ch('8'), A::ToggleTheme(8)),
    (ch('9'), A::ToggleTheme(9)),
    (ch('0'), A::ClearThemes),
    (ch('/'), A::StartSearch),
    (ch('b'), A::ToggleBookmark),
    (ch('B'), A::ToggleBookmarksOnly),
    (ch('a'), A::EditNote),
    (ch('r'), A::OpenRelated),
    (ch('e'), A::Export),
    (ch(' '), A::ReadOn),
    (ch('N'), A::NextUnread),
    (ch('P'), A::PrevUnread),
    (ch('m'), A::ToggleRead),
    (ch('K'), A::MoveBookmarkUp),
    (ch('J'), A::MoveBookmarkDown),
    (ch('u'), A::Undo),
    (ctrl('r'), A::Redo),
    (ch('z'), A::ToggleZoom),
    (ch('s'), A::ToggleSources),
    (ch('?'), A::ToggleHelp),
    (ch('q'), A::Quit),
    (ctrl('c'), A::Quit),
];

/// Typing a search query (other characters are typed into it), as a shell edits a line.
const SEARCH: &[(Key, A)] = &[
    (plain(K::Enter), A::SearchAccept),
    (plain(K::Esc), A::SearchCancel),
    (plain(K::Left), A::SearchLeft),
    (plain(K::Right), A::SearchRight),
    (plain(K::Home), A::SearchHome),
    (ctrl('a'), A::SearchHome),
    (plain(K::End), A::SearchEnd),
    (ctrl('e'), A::SearchEnd),
    (plain(K::Backspace), A::SearchBackspace),
    (plain(K::Delete), A::SearchDelete),
    (ctrl('w'), A::SearchDeleteWord),
    (ctrl('u'), A::SearchClear),
    (plain(K::Up), A::SearchOlder),
    (plain(K::Down), A::SearchNewer),
    (ctrl('c'), A::Quit),
];

/// The help overlay.
const HELP: &[(Key, A)] = &[
    (ch('j'), A::SelectNext),
    (plain(K::Down), A::SelectNext),
    (ch('k'), A::SelectPrev),
    (plain(K::Up), A::SelectPrev),
    (plain(K::PageDown), A::ScrollDown),
    (ch(' '), A::ScrollDown),
    (plain(K::PageUp), A::ScrollUp),
    (ch('g'), A::Top),
    (plain(K::Home), A::Top),
    (ch('G'), A::Bottom),
    (plain(K::End), A::Bottom),
    (ch('?'), A::ToggleHelp),
    (ch('q'), A::ToggleHelp),
    (plain(K::Esc), A::ToggleHelp),
    (ctrl('c'), A::Quit),
];

/// The note editor (other keys edit the text).
const NOTE: &[(Key, A)] = &[
    (ctrl('s'), A::NoteSave),
    (plain(K::Esc), A::NoteClose),
    (ctrl('z'), A::NoteUndo),
    (ctrl('y'), A::NoteRedo),
    (ctrl('c'), A::Quit),
];

/// Closing a changed note: save it?
const CONFIRM: &[(Key, A)] = &[
    (ch('y'), A::NoteSave),
    (ch('n'), A::NoteDiscard),
    (ch('c'), A::NoteResume),
    (plain(K::Esc), A::NoteResume),
    (ctrl('c'), A::Quit),
];

/// The related cards' picker.
const RELATED: &[(Key, A)] = &[
    (ch('j'), A::PickNext),
    (plain(K::Down), A::PickNext),
    (ch('k'), A::PickPrev),
    (plain(K::Up), A::PickPrev),
    (plain(K::Enter), A::PickJump),
    (plain(K::Esc), A::PickClose),
    (ch('q'), A::PickClose),
    (ctrl('c'), A::Quit),
];

/// The sources panel.
const SOURCES: &[(Key, A)] = &[
    (ch('j'), A::SelectNext),
    (plain(K::Down), A::SelectNext),
    (ch('k'), A::SelectPrev),
    (plain(K::Up), A::SelectPrev),
    (plain(K::PageDown), A::ScrollDown),
    (ch(' '), A::ScrollDown),
    (plain(K::PageUp), A::ScrollUp),
    (ch('g'), A::Top),
    (plain(K::Home), A::Top),
    (ch('G'), A::Bottom),
    (plain(K::End), A::Bottom),
    (plain(K::Esc), A::ToggleSources),
    (ch('q'), A::ToggleSources),
    (ch('s'), A::ToggleSources),
    (ctrl('c'), A::Quit),
];

/// Every default binding, mode by mode.
pub(super) fn bindings() -> Vec<Binding> {
    let modes = [
        (Mode::Normal, NORMAL),
        (Mode::Search, SEARCH),
        (Mode::Help, HELP),
        (Mode::Note, NOTE),
        (Mode::Confirm, CONFIRM),
        (Mode::Related, RELATED),
        (Mode::Sources, SOURCES),
    ];
    modes
        .into_iter()
        .flat_map(|(mode, table)| {
            table.iter().map(move |(key, action)| Binding {
                mode,
                key: *key,
                action: action.clone(),
            })
        })
        .collect()
}

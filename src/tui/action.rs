//! What the user can ask for: one enum, every variant a plain value that a key, a click or the
//! event loop turns into, and that `App::update` carries out, with what the help says each does.
//! The keys, and every text that names one, are in `keys`.

use ratatui_textarea::Input;
use serde::{Deserialize, Serialize};

/// One thing the user asked for. Serde names (`select_next`, `toggle_theme`...) are the names a
/// config file will use to rebind keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Select the next card in the list (in the card pane: scroll it one line down).
    SelectNext,
    /// Select the previous card in the list (in the card pane: scroll it one line up).
    SelectPrev,
    /// Page to the next card; the card pane follows and starts at its top.
    NextCard,
    /// Page to the previous card; the card pane follows and starts at its top.
    PrevCard,
    /// Scroll the card one page down.
    ScrollDown,
    /// Scroll the card one page up.
    ScrollUp,
    /// Go to the top of the list (in the card pane: the top of the card).
    Top,
    /// Go to the bottom of the list (in the card pane: the end of the card).
    Bottom,
    /// Move the focus between the list and the card.
    ToggleFocus,
    /// Open the selected card (focus it; on a narrow screen, show it alone).
    Open,
    /// Go back from the card (focused, opened or alone) to the list; in the list, clear the search.
    Back,
    /// Toggle the filter of the theme with this key (1–9); several may be on.
    ToggleTheme(u8),
    /// Turn every theme filter off.
    ClearThemes,
    /// Start typing a search query.
    StartSearch,
    /// Type one character into the search query.
    SearchInput(char),
    /// Text pasted into the search query (line breaks become spaces).
    #[serde(skip)]
    SearchPaste(String),
    /// Delete the character before the search line's cursor.
    SearchBackspace,
    /// Keep the query and leave search typing.
    SearchAccept,
    /// Leave search typing and put back the query from before it started.
    SearchCancel,
    /// Move the search line's cursor one character left.
    SearchLeft,
    /// Move the search line's cursor one character right.
    SearchRight,
    /// Move the search line's cursor to its start.
    SearchHome,
    /// Move the search line's cursor to its end.
    SearchEnd,
    /// Delete the character under the search line's cursor.
    SearchDelete,
    /// Delete the word before the search line's cursor.
    SearchDeleteWord,
    /// Empty the search line.
    SearchClear,
    /// Put the search before the one on the line (the search history) on the line.
    SearchOlder,
    /// Put the search after the one on the line on it, and past the newest what was being typed.
    SearchNewer,
    /// Bookmark or un-bookmark the selected card.
    ToggleBookmark,
    /// Show bookmarked cards only, or all again.
    ToggleBookmarksOnly,
    /// Show or hide the help overlay.
    ToggleHelp,
    /// Open the note editor on the selected card.
    EditNote,
    /// A key pressed in the note editor (it goes to the text, not the keymap).
    #[serde(skip)]
    NoteKey(Input),
    /// Text pasted into the note editor.
    #[serde(skip)]
    NotePaste(String),
    /// Save the note and close the editor.
    NoteSave,
    /// Close the editor; if the note changed, ask first.
    NoteClose,
    /// Close the editor without saving (answer to the prompt).
    NoteDiscard,
    /// Go back to editing (answer to the prompt).
    NoteResume,
    /// Undo the last change to the note's text.
    NoteUndo,
    /// Redo the change last undone.
    NoteRedo,
    /// Open the picker of the selected card's related cards.
    OpenRelated,
    /// In the related picker: the next card.
    PickNext,
    /// In the related picker: the previous card.
    PickPrev,
    /// In the related picker: jump to the chosen card.
    PickJump,
    /// Close the related picker.
    PickClose,
    /// Go back to the card before the last jump (with no jump to undo: back to the list).
    JumpBack,
    /// Export the cards now shown to a Markdown file in the current folder.
    Export,
    /// Show the selected card alone at the full width, or the list and the card again.
    ToggleZoom,
    /// Open or close the panel of the selected card's sources in full.
    ToggleSources,
    /// Quit (state is already saved).
    Quit,
    /// The terminal now has this size.
    Resize {
        /// Columns.
        width: u16,
        /// Rows.
        height: u16,
    },
    /// A mouse click at this cell: selects a list row, or focuses the card.
    Click {
        /// Column, from 0.
        column: u16,
        /// Row, from 0.
        row: u16,
    },
    /// The mouse wheel turned over this cell: moves the list or scrolls the card.
    Wheel {
        /// Towards the end (true) or the start.
        down: bool,
        /// Column, from 0.
        column: u16,
        /// Row, from 0.
        row: u16,
    },
    /// The transient footer message has been shown long enough.
    DismissMessage,
    /// Draw again (the state file changed under us and the marks were brought up to date).
    Redraw,
    /// Mark the selected card read, or unread again (an unread mark sticks while it stays selected).
    ToggleRead,
    /// Go to the next unread card in the list (wrapping).
    NextUnread,
    /// Go to the previous unread card in the list (wrapping).
    PrevUnread,
    /// Scroll the card a page; at its end, go on to the next unread card.
    ReadOn,
    /// The selected card has stayed shown for the `read_after` time: it counts as read (the
    /// event loop sends this, with the card's id).
    #[serde(skip)]
    Dwelled(String),
    /// In the bookmarks view: move the selected bookmark up the agenda, past the one above it.
    MoveBookmarkUp,
    /// In the bookmarks view: move the selected bookmark down the agenda, past the one below it.
    MoveBookmarkDown,
    /// Undo the last change to bookmarks, the agenda, notes or a card marked read or unread (`m`).
    Undo,
    /// Redo the change last undone.
    Redo,
}

impl Action {
    /// What the help overlay and the man page say the action does (`keys::hints` adds the keys
    /// of the mode it leads to, where it names them).
    pub fn label(&self) -> &'static str {
        match self {
            Action::SelectNext => "next card",
            Action::SelectPrev => "previous card",
            Action::NextCard => "page to next card",
            Action::PrevCard => "page to previous card",
            Action::ScrollDown => "scroll the card down",
            Action::ScrollUp => "scroll the card up",
            Action::Top => "top of the list",
            Action::Bottom => "bottom of the list",
            Action::ToggleFocus => "focus list / card",
            Action::Open => "open the card",
            Action::Back => "back to the list; in the list, clear the search",
            Action::ToggleTheme(_) => "toggle a theme filter",
            Action::ClearThemes => "clear theme filters",
            Action::StartSearch => "search",
            Action::SearchInput(_)
            | Action::SearchPaste(_)
            | Action::NoteKey(_)
            | Action::NotePaste(_) => "type",
            Action::SearchBackspace => "delete back",
            Action::SearchAccept => "keep",
            Action::SearchCancel => "cancel, back to the search before",
            Action::SearchLeft => "cursor left",
            Action::SearchRight => "cursor right",
            Action::SearchHome => "to the start",
            Action::SearchEnd => "to the end",
            Action::SearchDelete => "delete forward",
            Action::SearchDeleteWord => "delete a word",
            Action::SearchClear => "clear the line",
            Action::SearchOlder => "earlier search",
            Action::SearchNewer => "later search",
            Action::ToggleBookmark => "bookmark / un-bookmark",
            Action::ToggleBookmarksOnly => "bookmarked cards only",
            Action::ToggleHelp => "this help",
            Action::EditNote => "add or edit a note",
            Action::NoteSave => "save the note",
            Action::NoteClose => "close the note",
            Action::NoteDiscard => "discard the changes",
            Action::NoteResume => "go on editing",
            Action::NoteUndo => "undo",
            Action::NoteRedo => "redo",
            Action::OpenRelated => "related cards",
            Action::PickNext => "next",
            Action::PickPrev => "previous",
            Action::PickJump => "jump",
            Action::PickClose => "close",
            Action::JumpBack => "back through jumps",
            Action::Export => "export the cards shown (Markdown)",
            Action::ToggleZoom => "the card alone, or with the list",
            Action::ToggleSources => "the card's sources in full",
            Action::Quit => "quit",
            Action::Resize { .. } => "resize",
            Action::Click { .. } => "click",
            Action::Wheel { .. } => "wheel",
            Action::DismissMessage => "dismiss message",
            Action::Redraw => "redraw",
            Action::ToggleRead => "mark read / unread",
            Action::NextUnread => "next unread card",
            Action::PrevUnread => "previous unread card",
            Action::ReadOn => "read on: scroll, then the next unread card",
            Action::Dwelled(_) => "kept in view",
            Action::MoveBookmarkUp => "bookmarks view: move the bookmark up the agenda",
            Action::MoveBookmarkDown => "bookmarks view: move the bookmark down the agenda",
            Action::Undo => "undo the last change to bookmarks, agenda, notes, marked read/unread",
            Action::Redo => "redo the change last undone",
        }
    }

    /// Whether the action changes what the filter is asked (the query, the theme toggles,
    /// bookmarks-only), so that `App::update` runs the filter again after it.
    pub fn affects_results(&self) -> bool {
        matches!(
            self,
            Action::ToggleTheme(_)
                | Action::ClearThemes
                | Action::SearchInput(_)
                | Action::SearchPaste(_)
                | Action::SearchBackspace
                | Action::SearchCancel
                | Action::SearchDelete
                | Action::SearchDeleteWord
                | Action::SearchClear
                | Action::SearchOlder
                | Action::SearchNewer
                | Action::ToggleBookmarksOnly
        )
    }
}

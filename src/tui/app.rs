//! The browser's state and [`App::update`], which carries out one [`Action`] and returns the
//! [`Effect`]s the event loop must perform. Nothing in here touches the terminal or the disk.

use std::sync::Arc;

use ratatui::layout::{Position as Cell, Rect};

use super::action::Action;
use super::filter::{Filtered, Marks};
use super::keys::{Keymap, Mode};
use super::line::LineEditor;
use super::panes::Panes;
use super::persist::{Position, Snapshot};
use crate::base::sanitize::{Lines, sanitize};
use crate::corpus::{Corpus, Queries};
use crate::pack::{Card, Pack};
use navigate::Move;

/// Lines the mouse wheel scrolls the card by.
const WHEEL_LINES: usize = 3;

/// What the event loop must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write a bookmark (`on`) or its removal through the store.
    SetBookmark {
        /// Card id.
        id: String,
        /// Bookmarked or not.
        on: bool,
    },
    /// Write a read mark through the store.
    MarkRead {
        /// Card id.
        id: String,
    },
    /// Write a note (`None`: remove it) through the store.
    SetNote {
        /// Card id.
        id: String,
        /// The text, or `None` to remove the note.
        text: Option<String>,
    },
    /// Write these cards to a new Markdown file in the current folder and say where it went.
    Export {
        /// The cards, in list order.
        ids: Vec<String>,
        /// The one query that gives them (the search, the theme filters, bookmarks-only).
        query: String,
        /// Whether only bookmarked cards were shown.
        bookmarks_only: bool,
    },
    /// Save where the user is.
    SavePosition(Position),
    /// Add a kept search to the history in the state file.
    SaveSearch(String),
    /// Leave the event loop.
    Quit,
}

/// Which pane the movement keys act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The card list.
    List,
    /// The selected card.
    Card,
}

/// A transient footer message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// What to say.
    pub text: String,
    /// A warning (something did not work) rather than a confirmation.
    pub warning: bool,
    /// Increases with every new message, so the loop can time each one.
    pub serial: u64,
}

/// The whole state of the browser.
#[derive(Debug, Clone)]
pub struct App {
    /// The pack, with its id lookup and its search index (built on the first filter run),
    /// shared by every copy of the App; it reads as the [`Pack`].
    pack: Arc<Corpus>,
    marks: Marks,
    themes_on: Vec<String>,
    /// The search line: the query and its cursor.
    query: LineEditor,
    /// The query as last kept (when a search started, or with Enter): put back by `Esc` while
    /// typing, and saved if the user quits while typing.
    accepted_query: String,
    /// Earlier searches, oldest first (from the state file, and those kept since).
    history: Vec<String>,
    /// Where the history stands while a search is typed.
    recall: search_line::Recall,
    /// The query that gave the cards shown (the last one that parsed), trimmed.
    shown_query: String,
    query_error: Option<String>,
    bookmarks_only: bool,
    filtered: Filtered,
    selected: usize,
    list_offset: usize,
    focus: Focus,
    card_open: bool,
    /// The card is shown alone, at the full width.
    zoomed: bool,
    card_scroll: usize,
    /// How far the help overlay is scrolled.
    help_scroll: usize,
    mode: Mode,
    message: Option<Message>,
    size: Rect,
    /// The note editor, while it is open.
    note: Option<note::Editor>,
    /// The related cards' picker, while it is open.
    related: Option<related::Picker>,
    /// Where each jump to a related card came from, the last on top.
    jumps: Vec<related::Jump>,
    /// The sources panel, while it is open.
    sources: Option<sources::Panel>,
    /// The keys in use: the one keymap that turns events into actions, names keys in messages
    /// and is drawn in the hints and the help.
    keys: Keymap,
}

impl App {
    /// A browser on `pack`, starting where `snapshot` says the user left off.
    pub fn new(pack: Pack, snapshot: Snapshot) -> App {
        let position = snapshot.position;
        let themes_on = pack
            .themes
            .iter()
            .filter(|t| position.themes.contains(&t.id))
            .map(|t| t.id.clone())
            .collect();
        let mut app = App {
            pack: Arc::new(Corpus::new(pack, Queries::Many)),
            marks: Marks {
                bookmarked: snapshot.bookmarked,
                read: snapshot.read,
                notes: snapshot.notes,
            },
            themes_on,
            // From the state file, and drawn in the footer: inert like everything from outside.
            query: LineEditor::new(&sanitize(&position.query, Lines::Join)),
            accepted_query: String::new(),
            history: snapshot.history,
            recall: search_line::Recall::default(),
            shown_query: String::new(),
            query_error: None,
            bookmarks_only: position.bookmarks_only,
            filtered: Filtered::default(),
            selected: 0,
            list_offset: 0,
            focus: Focus::List,
            card_open: false,
            zoomed: false,
            card_scroll: 0,
            help_scroll: 0,
            mode: Mode::Normal,
            message: None,
            size: Rect::default(),
            note: None,
            related: None,
            jumps: Vec::new(),
            sources: None,
            keys: Keymap::default(),
        };
        app.refilter();
        if let Some(error) = app.query_error.take() {
            // A saved search that no longer parses (a hand-edited state file, a pack without
            // that theme) is dropped, and the footer says so.
            app.query.clear();
            app.refilter();
            app.notify(format!("saved search dropped: {error}"), true);
        }
        app.accepted_query = app.query.text().to_string();
        if let Some(id) = &position.selected {
            app.selected = app.index_of(id).unwrap_or(0);
        }
        app
    }

    /// Carries out `action` and returns what the event loop must do about it.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let refilter = action.affects_results();
        let mut effects = self.apply(action);
        if refilter {
            self.refilter();
        }
        self.keep_in_view();
        effects.extend(self.mark_read_if_shown());
        effects
    }

    /// Carries out one action. Every variant has its own arm, so a new one does not compile
    /// until it is handled.
    fn apply(&mut self, action: Action) -> Vec<Effect> {
        let mut effects = Vec::new();
        match action {
            Action::SelectNext => self.move_by(Move::Line(true)),
            Action::SelectPrev => self.move_by(Move::Line(false)),
            Action::NextCard => self.select(self.selected.saturating_add(1)),
            Action::PrevCard => self.select(self.selected.saturating_sub(1)),
            Action::ScrollDown => self.move_by(Move::Page(true)),
            Action::ScrollUp => self.move_by(Move::Page(false)),
            Action::Top => self.move_by(Move::End(false)),
            Action::Bottom => self.move_by(Move::End(true)),
            Action::ToggleFocus => self.toggle_focus(),
            Action::Open => self.open(),
            Action::Back => self.back_or_clear(),
            Action::ToggleTheme(key) => self.toggle_theme(key),
            Action::ClearThemes => self.themes_on.clear(),
            Action::StartSearch => self.start_search(),
            Action::SearchInput(c) => self.type_text(c.encode_utf8(&mut [0; 4])),
            Action::SearchPaste(text) => self.type_text(&text),
            Action::SearchAccept => effects.extend(self.accept_search()),
            Action::SearchCancel => self.cancel_search(),
            Action::SearchBackspace
            | Action::SearchLeft
            | Action::SearchRight
            | Action::SearchHome
            | Action::SearchEnd
            | Action::SearchDelete
            | Action::SearchDeleteWord
            | Action::SearchClear => self.edit_search(&action),
            Action::SearchOlder | Action::SearchNewer => self.recall(action == Action::SearchOlder),
            Action::ToggleBookmark => effects.extend(self.toggle_bookmark()),
            Action::ToggleBookmarksOnly => self.toggle_bookmarks_only(),
            Action::ToggleHelp => self.toggle_help(),
            Action::EditNote => self.open_note(),
            Action::NoteKey(input) => self.note_key(input),
            Action::NotePaste(text) => self.note_paste(&text),
            Action::NoteSave => effects.extend(self.save_note()),
            Action::NoteClose => self.close_note_or_ask(),
            Action::NoteDiscard => self.discard_note(),
            Action::NoteResume => self.resume_note(),
            Action::NoteUndo => self.undo_note(),
            Action::NoteRedo => self.redo_note(),
            Action::OpenRelated => self.open_related(),
            Action::PickNext => self.pick_step(true),
            Action::PickPrev => self.pick_step(false),
            Action::PickJump => self.pick_jump(),
            Action::PickClose => self.close_related(),
            Action::JumpBack => self.jump_back(),
            Action::Export => effects.extend(self.export()),
            Action::ToggleZoom => self.toggle_zoom(),
            Action::ToggleSources => self.toggle_sources(),
            Action::Quit => effects = self.quit(),
            Action::Resize { width, height } => self.size = Rect::new(0, 0, width, height),
            Action::Click { column, row } => self.click(Cell::new(column, row)),
            Action::Wheel { down, column, row } => self.wheel(down, Cell::new(column, row)),
            Action::DismissMessage => self.message = None,
            Action::Redraw => {}
        }
        effects
    }

    /// On quit: a changed note is saved, then where the user is, and the loop ends.
    fn quit(&mut self) -> Vec<Effect> {
        let mut effects: Vec<Effect> = self.save_note_on_quit().into_iter().collect();
        effects.push(Effect::SavePosition(self.position()));
        effects.push(Effect::Quit);
        effects
    }

    /// Takes the bookmarks, read marks and notes from the store (another `brief` may have changed
    /// them), running the filter again so bookmarks-only and the counts follow; and the search
    /// history, unless a search is being typed (its place in the history would move).
    pub fn sync_marks(&mut self, snapshot: Snapshot) {
        if self.mode != Mode::Search {
            self.history = snapshot.history;
        }
        let marks = Marks {
            bookmarked: snapshot.bookmarked,
            read: snapshot.read,
            notes: snapshot.notes,
        };
        if self.marks != marks {
            self.marks = marks;
            self.refilter();
        }
    }

    /// Shows a transient footer message (a warning stands out).
    pub fn notify(&mut self, text: impl Into<String>, warning: bool) {
        let serial = self
            .message
            .as_ref()
            .map_or(1, |m| m.serial.wrapping_add(1));
        // Messages quote file names, paths and errors from outside: drawn, so made inert.
        let text: String = text.into();
        let text = sanitize(&text, Lines::Join);
        self.message = Some(Message {
            text: text.into_owned(),
            warning,
            serial,
        });
    }

    /// Where the user is, to save.
    pub fn position(&self) -> Position {
        Position {
            selected: self.selected_card().map(|c| c.id.clone()),
            themes: self.themes_on.clone(),
            query: self.saved_query().to_string(),
            bookmarks_only: self.bookmarks_only,
        }
    }

    /// The panes of the current terminal size.
    pub fn panes(&self) -> Panes {
        Panes::compute(self.size, self.card_open, self.zoomed)
    }

    /// What keys mean right now.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The current transient message.
    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    /// The selected card, if any card matches.
    pub fn selected_card(&self) -> Option<&Card> {
        let index = *self.filtered.cards.get(self.selected)?;
        self.pack.cards.get(index)
    }

    /// The card with this id.
    pub fn card(&self, id: &str) -> Option<&Card> {
        self.pack.card(id)
    }

    /// Whether card `id` is bookmarked.
    pub fn is_bookmarked(&self, id: &str) -> bool {
        self.marks.bookmarked.contains(id)
    }

    /// The user's note on card `id`, if any.
    pub fn note_of(&self, id: &str) -> Option<&str> {
        self.marks.notes.get(id).map(String::as_str)
    }

    /// Whether card `id` has been read.
    pub fn is_read(&self, id: &str) -> bool {
        self.marks.read.contains(id)
    }

    fn mark_read_if_shown(&mut self) -> Option<Effect> {
        let layout = self.panes();
        if layout.too_small || layout.card.is_none() {
            return None;
        }
        let id = self.selected_card()?.id.clone();
        self.marks
            .read
            .insert(id.clone())
            .then_some(Effect::MarkRead { id })
    }
}

mod help;
mod keynames;
mod marks;
mod navigate;
mod note;
#[cfg(test)]
mod panel_tests;
mod related;
mod results;
mod search_line;
#[cfg(test)]
mod search_tests;
#[cfg(test)]
mod session_tests;
mod sources;
#[cfg(test)]
pub(crate) mod tests;
pub mod views;
#[cfg(test)]
mod workflow_tests;

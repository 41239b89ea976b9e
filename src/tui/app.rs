//! The browser's state and [`App::update`], which carries out one [`Action`] and returns the
//! [`Effect`]s the event loop must perform. Nothing in here touches the terminal or the disk.

use std::sync::Arc;

use ratatui::layout::{Position as Cell, Rect};

use super::action::Action;
use super::agenda::Agenda;
use super::filter::{Filtered, Marks};
use super::keys::{Keymap, Mode};
use super::line::LineEditor;
use super::panes::Panes;
use super::persist::{Position, Snapshot};
use crate::base::sanitize::{Lines, sanitize};
use crate::corpus::{Corpus, Queries};
use crate::pack::{Card, Pack};
pub use effect::{Effect, Focus, Message};
use navigate::Move;

/// Lines the mouse wheel scrolls the card by.
const WHEEL_LINES: usize = 3;

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
    /// The card the user made unread while it stays selected: reading does not mark it again.
    unread_hold: Option<String>,
    /// How many of the cards shown are unread.
    unread: usize,
    /// Which cards are read, by place in the pack (the read marks, for counting and `N`/`P`).
    read_flags: reading::ReadFlags,
    /// The store's own text of the notes whose drawn copy (in `marks`) was made inert: what undo
    /// puts back.
    raw_notes: std::collections::HashMap<String, String>,
    /// The changes to undo and redo.
    undo: undo::History,
}

impl App {
    /// A browser on `pack`, starting where `snapshot` says the user left off.
    pub fn new(pack: Pack, mut snapshot: Snapshot) -> App {
        let position = std::mem::take(&mut snapshot.position);
        let themes_on = pack
            .themes
            .iter()
            .filter(|t| position.themes.contains(&t.id))
            .map(|t| t.id.clone())
            .collect();
        let mut app = App {
            pack: Arc::new(Corpus::new(pack, Queries::Many)),
            marks: marks_of(&mut snapshot),
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
            unread_hold: None,
            unread: 0,
            read_flags: reading::ReadFlags::default(),
            raw_notes: std::mem::take(&mut snapshot.raw_notes),
            undo: undo::History::default(),
        };
        app.read_flags = reading::ReadFlags::of(&app.pack, &app.marks.read);
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
        let reading = self.reading(&action);
        let mut effects = self.apply(action);
        if refilter {
            self.refilter();
        }
        self.keep_in_view();
        effects.extend(self.read_by(reading));
        self.release_unread_hold();
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
            Action::ToggleRead => effects.extend(self.toggle_read()),
            Action::NextUnread => _ = self.go_to_unread(true),
            Action::PrevUnread => _ = self.go_to_unread(false),
            Action::ReadOn => effects.extend(self.read_on()),
            Action::Dwelled(id) => effects.extend(self.dwelled(&id)),
            Action::MoveBookmarkUp => effects.extend(self.move_bookmark(true)),
            Action::MoveBookmarkDown => effects.extend(self.move_bookmark(false)),
            Action::Undo => effects.extend(self.undo()),
            Action::Redo => effects.extend(self.redo()),
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
    pub fn sync_marks(&mut self, mut snapshot: Snapshot) {
        let marks = marks_of(&mut snapshot);
        self.raw_notes = snapshot.raw_notes;
        if self.mode != Mode::Search {
            self.history = snapshot.history;
        }
        if self.marks != marks {
            let reread = self.marks.read != marks.read;
            self.marks = marks;
            if reread {
                self.read_flags = reading::ReadFlags::of(&self.pack, &self.marks.read);
            }
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

    /// Card `id`'s place in the agenda (0 first), if it is bookmarked.
    pub fn agenda_place(&self, id: &str) -> Option<usize> {
        self.marks.bookmarked.place(id)
    }

    /// The user's note on card `id`, if any.
    pub fn note_of(&self, id: &str) -> Option<&str> {
        self.marks.notes.get(id).map(String::as_str)
    }

    /// Whether card `id` has been read.
    pub fn is_read(&self, id: &str) -> bool {
        self.marks.read.contains(id)
    }
}

/// The marks as the filter reads them, taken from what the store holds: the bookmarks in agenda
/// order (any the agenda lacks after it, in id order).
fn marks_of(snapshot: &mut Snapshot) -> Marks {
    let agenda = std::mem::take(&mut snapshot.agenda);
    let listed: std::collections::HashSet<&String> = agenda.iter().collect();
    let mut rest: Vec<String> = std::mem::take(&mut snapshot.bookmarked)
        .into_iter()
        .filter(|id| !listed.contains(id))
        .collect();
    rest.sort();
    Marks {
        bookmarked: Agenda::new(agenda.into_iter().chain(rest)),
        read: std::mem::take(&mut snapshot.read),
        notes: std::mem::take(&mut snapshot.notes),
    }
}

mod agenda;
mod effect;
mod help;
mod keynames;
mod marks;
mod navigate;
mod note;
#[cfg(test)]
mod panel_tests;
mod reading;
#[cfg(test)]
mod reading_tests;
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
mod undo;
#[cfg(test)]
mod undo_tests;
pub mod views;
#[cfg(test)]
mod workflow_tests;

//! The browser's state and [`App::update`], which carries out one [`Action`] and returns the
//! [`Effect`]s the event loop must perform. Nothing in here touches the terminal or the disk.

use std::collections::HashMap;

use ratatui::layout::{Position as Cell, Rect};

use super::action::Action;
use super::filter::{self, Filtered, Marks};
use super::layout::Layout;
use super::persist::{Position, Snapshot};
use crate::pack::{Card, Pack};

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
    /// Save where the user is.
    SavePosition(Position),
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

/// What keys mean right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Browsing.
    Normal,
    /// Typing a search query.
    Search,
    /// The help overlay is open.
    Help,
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
    pub(crate) pack: Pack,
    /// Card id → index into `pack.cards`, so lookups stay cheap at 100,000 cards.
    by_id: HashMap<String, usize>,
    pub(crate) marks: Marks,
    pub(crate) themes_on: Vec<String>,
    pub(crate) query: String,
    pub(crate) query_error: Option<String>,
    pub(crate) bookmarks_only: bool,
    pub(crate) filtered: Filtered,
    pub(crate) selected: usize,
    pub(crate) list_offset: usize,
    pub(crate) focus: Focus,
    pub(crate) card_open: bool,
    pub(crate) card_scroll: usize,
    pub(crate) mode: Mode,
    pub(crate) message: Option<Message>,
    pub(crate) size: Rect,
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
        let by_id = pack
            .cards
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        let mut app = App {
            pack,
            by_id,
            marks: Marks {
                bookmarked: snapshot.bookmarked,
                read: snapshot.read,
            },
            themes_on,
            query: position.query,
            query_error: None,
            bookmarks_only: position.bookmarks_only,
            filtered: Filtered::default(),
            selected: 0,
            list_offset: 0,
            focus: Focus::List,
            card_open: false,
            card_scroll: 0,
            mode: Mode::Normal,
            message: None,
            size: Rect::default(),
        };
        app.refilter();
        if app.query_error.is_some() {
            app.query.clear();
            app.refilter();
        }
        if let Some(id) = &position.selected {
            app.selected = app.index_of(id).unwrap_or(0);
        }
        app
    }

    /// Carries out `action` and returns what the event loop must do about it.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let mut effects = Vec::new();
        match action {
            Action::SelectNext | Action::SelectPrev => self.step(action == Action::SelectNext),
            Action::NextCard => self.select(self.selected.saturating_add(1)),
            Action::PrevCard => self.select(self.selected.saturating_sub(1)),
            Action::ScrollDown | Action::ScrollUp => self.page(action == Action::ScrollDown),
            Action::Top | Action::Bottom => self.end(action == Action::Bottom),
            Action::ToggleFocus => self.toggle_focus(),
            Action::Open => self.open(),
            Action::Back => self.back(),
            Action::ToggleTheme(key) => self.toggle_theme(key),
            Action::ClearThemes => {
                self.themes_on.clear();
                self.refilter();
            }
            Action::StartSearch => self.mode = Mode::Search,
            Action::SearchInput(c) => {
                self.query.push(c);
                self.refilter();
            }
            Action::SearchBackspace => {
                self.query.pop();
                self.refilter();
            }
            Action::SearchAccept => self.mode = Mode::Normal,
            Action::SearchCancel => {
                self.mode = Mode::Normal;
                self.query.clear();
                self.refilter();
            }
            Action::ToggleBookmark => effects.extend(self.toggle_bookmark()),
            Action::ToggleBookmarksOnly => self.toggle_bookmarks_only(),
            Action::ToggleHelp => {
                self.mode = if self.mode == Mode::Help {
                    Mode::Normal
                } else {
                    Mode::Help
                };
            }
            Action::Quit => {
                effects.push(Effect::SavePosition(self.position()));
                effects.push(Effect::Quit);
            }
            Action::Resize { width, height } => self.size = Rect::new(0, 0, width, height),
            Action::Click { column, row } => self.click(Cell::new(column, row)),
            Action::Wheel { down, column, row } => self.wheel(down, Cell::new(column, row)),
            Action::DismissMessage => self.message = None,
            Action::Redraw => {}
        }
        self.keep_in_view();
        effects.extend(self.mark_read_if_shown());
        effects
    }

    /// Takes the bookmarks and read marks from the store (another `brief` may have changed them),
    /// running the filter again so bookmarks-only and the counts follow.
    pub fn sync_marks(&mut self, snapshot: Snapshot) {
        if self.marks.bookmarked != snapshot.bookmarked || self.marks.read != snapshot.read {
            self.marks.bookmarked = snapshot.bookmarked;
            self.marks.read = snapshot.read;
            self.refilter();
        }
    }

    /// Shows a transient footer message (a warning stands out).
    pub fn notify(&mut self, text: impl Into<String>, warning: bool) {
        let serial = self.message.as_ref().map_or(1, |m| m.serial + 1);
        self.message = Some(Message {
            text: text.into(),
            warning,
            serial,
        });
    }

    /// Where the user is, to save.
    pub fn position(&self) -> Position {
        Position {
            selected: self.selected_card().map(|c| c.id.clone()),
            themes: self.themes_on.clone(),
            query: self.query.clone(),
            bookmarks_only: self.bookmarks_only,
        }
    }

    /// The layout of the current terminal size.
    pub fn layout(&self) -> Layout {
        Layout::compute(self.size, self.card_open)
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
        self.pack.cards.get(*self.by_id.get(id)?)
    }

    /// Whether card `id` is bookmarked.
    pub fn is_bookmarked(&self, id: &str) -> bool {
        self.marks.bookmarked.contains(id)
    }

    /// Whether card `id` has been read.
    pub fn is_read(&self, id: &str) -> bool {
        self.marks.read.contains(id)
    }

    fn index_of(&self, id: &str) -> Option<usize> {
        self.filtered
            .cards
            .iter()
            .position(|&i| self.pack.cards.get(i).is_some_and(|c| c.id == id))
    }

    fn toggle_theme(&mut self, key: u8) {
        let Some(theme) = self.pack.themes.iter().find(|t| t.key == key) else {
            self.notify(format!("no theme on key {key}"), true);
            return;
        };
        let id = theme.id.clone();
        if self.themes_on.contains(&id) {
            self.themes_on.retain(|t| *t != id);
        } else {
            self.themes_on.push(id);
            let order: Vec<&String> = self.pack.themes.iter().map(|t| &t.id).collect();
            self.themes_on
                .sort_by_key(|t| order.iter().position(|o| *o == t));
        }
        self.refilter();
    }

    fn toggle_bookmark(&mut self) -> Option<Effect> {
        let card = self.selected_card()?;
        let (id, title) = (card.id.clone(), card.title.clone());
        let on = !self.marks.bookmarked.contains(&id);
        if on {
            self.marks.bookmarked.insert(id.clone());
            self.notify(format!("★ bookmarked: {title}"), false);
        } else {
            self.marks.bookmarked.remove(&id);
            self.notify(format!("bookmark removed: {title}"), false);
        }
        if self.bookmarks_only {
            self.refilter();
        }
        Some(Effect::SetBookmark { id, on })
    }

    fn toggle_bookmarks_only(&mut self) {
        self.bookmarks_only = !self.bookmarks_only;
        self.refilter();
        if self.bookmarks_only && self.marks.bookmarked.is_empty() {
            self.notify(
                "no bookmarks yet: press b on a card, B shows all again",
                false,
            );
        }
    }

    /// Runs the filter again; a query error keeps the last good result.
    fn refilter(&mut self) {
        let current = self.selected_card().map(|c| c.id.clone());
        match filter::run(
            &self.pack,
            &self.query,
            &self.themes_on,
            self.bookmarks_only,
            &self.marks,
        ) {
            Ok(filtered) => {
                self.filtered = filtered;
                self.query_error = None;
                let kept = current.and_then(|id| self.index_of(&id));
                let index = kept.unwrap_or(0);
                if kept.is_none() {
                    self.card_scroll = 0;
                }
                self.selected = index.min(self.filtered.cards.len().saturating_sub(1));
            }
            Err(reason) => self.query_error = Some(reason),
        }
    }

    fn mark_read_if_shown(&mut self) -> Option<Effect> {
        let layout = self.layout();
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

mod navigate;
#[cfg(test)]
mod tests;

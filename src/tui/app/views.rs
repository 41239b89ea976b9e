//! What each screen region is drawn from: a small view struct per region, built from the app's
//! private state (and the keymap, for every key it names), so `ui` reads nothing else of the app
//! and never changes it. Also the few read accessors the card pane and the tests use.

use std::ops::Range;

use ratatui_textarea::TextArea;

use super::{App, Focus, Message, Mode};
use crate::corpus::Corpus;
use crate::tui::action::Action;
use crate::tui::filter::{self, Filtered};
use crate::tui::keys::help::HelpLine;
use crate::tui::keys::{Keymap, hints};
use crate::tui::panes::Arrangement;
use crate::view::card::{SEPARATOR, theme_labels};

/// The header: theme tabs with their live counts, bookmarks-only, the bookmark count, the position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderView<'a> {
    /// One tab per theme of the pack, in order.
    pub tabs: Vec<Tab<'a>>,
    /// The key of bookmarks-only, when it is on.
    pub bookmarks_only: Option<String>,
    /// How many cards are bookmarked.
    pub bookmarks: usize,
    /// How many of the cards shown are unread.
    pub unread: usize,
    /// The selected card's place in the list, from 1 (0 when the list is empty).
    pub at: usize,
    /// How many cards the list shows.
    pub total: usize,
}

/// One theme tab: `[1 Ukraine 9]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tab<'a> {
    /// The key that toggles it.
    pub key: String,
    /// The theme's label.
    pub label: &'a str,
    /// How many cards match in it, whatever the toggles.
    pub count: usize,
    /// Whether its filter is on.
    pub on: bool,
}

/// The footer: the query and its state, the match count, then a message or the hints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FooterView<'a> {
    /// Asking whether to save a changed note (only that is said, with the answers' keys).
    pub confirm: bool,
    /// The query is being typed.
    pub typing: bool,
    /// The query as typed.
    pub query: &'a str,
    /// Where the search line's cursor is: a byte offset into `query`, between graphemes.
    pub cursor: usize,
    /// The one query that gives the cards shown (the search, the theme filters, bookmarks-only).
    pub shown_query: String,
    /// Why the typed query does not parse.
    pub error: Option<&'a str>,
    /// The theme filters and bookmarks-only as a query.
    pub filters: String,
    /// How many cards the list shows.
    pub count: usize,
    /// The transient message, which beats the hints.
    pub message: Option<&'a Message>,
    /// The hints that apply now, `(keys, label)`, most useful first.
    pub hints: Vec<(String, &'static str)>,
}

/// The card list: the visible rows, or why there are none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListView<'a> {
    /// The list has the focus.
    pub focused: bool,
    /// Only bookmarked cards are shown.
    pub bookmarks_only: bool,
    /// The visible rows, from the top of the list's scroll.
    pub rows: Vec<ListRow<'a>>,
    /// Why no card matches and how to undo it (empty when some do).
    pub empty: Vec<String>,
}

/// One row of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListRow<'a> {
    /// The card's title.
    pub title: &'a str,
    /// Where the query matches in the title.
    pub highlights: Vec<Range<usize>>,
    /// The selected row.
    pub selected: bool,
    /// The user's marks on the card.
    pub marks: RowMarks,
}

/// The marks a row shows before its title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowMarks {
    /// Bookmarked: ★
    pub bookmarked: bool,
    /// Has a note: ✎
    pub noted: bool,
    /// Not yet read: •
    pub unread: bool,
}

/// The `?` overlay: its lines, how far it is scrolled, and the keymap for its bottom line.
#[derive(Debug, Clone)]
pub struct HelpView<'a> {
    /// Every line of the help.
    pub lines: Vec<HelpLine>,
    /// The first line shown (before fitting it to the rows there are).
    pub scroll: usize,
    /// The keys, for the bottom line (which depends on the rows the box gets).
    pub keys: &'a Keymap,
}

/// The note editor's box.
#[derive(Debug, Clone)]
pub struct NoteView<'a> {
    /// The card's title.
    pub title: &'a str,
    /// The text area.
    pub text: &'a TextArea<'static>,
    /// `Ctrl-s save · Esc close`.
    pub hints: String,
}

/// The related cards' picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickerView<'a> {
    /// The title of the card whose related cards are listed.
    pub from: &'a str,
    /// Each related card: its title and its themes' labels, upper case.
    pub entries: Vec<(&'a str, String)>,
    /// The highlighted entry.
    pub selected: usize,
    /// `j/k move · Enter jump · Esc close`.
    pub hints: String,
}

/// The sources panel (its text is `App::sources_text`, wrapped to the panel's width).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourcesView<'a> {
    /// The title of the card whose sources are shown.
    pub from: &'a str,
    /// The first line shown (before fitting it to the rows there are).
    pub scroll: usize,
    /// `j/k scroll · s close`.
    pub hints: String,
}

impl App {
    /// What the header shows.
    pub fn header_view(&self) -> HeaderView<'_> {
        let tabs = self
            .pack
            .themes
            .iter()
            .zip(&self.filtered.theme_counts)
            .map(|(t, &count)| Tab {
                key: self.keys.theme_key(t.key),
                label: &t.label,
                count,
                on: self.themes_on.contains(&t.id),
            })
            .collect();
        let total = self.filtered.cards.len();
        HeaderView {
            tabs,
            bookmarks_only: self.bookmarks_only.then(|| {
                self.keys
                    .key_for(&Action::ToggleBookmarksOnly, Mode::Normal)
            }),
            bookmarks: self.marks.bookmarked.len(),
            unread: self.unread,
            at: if total == 0 {
                0
            } else {
                self.selected.saturating_add(1)
            },
            total,
        }
    }

    /// What the footer shows.
    pub fn footer_view(&self) -> FooterView<'_> {
        let panes = self.panes();
        let in_card = self.focus == Focus::Card && panes.card.is_some();
        let at = hints::Where {
            pane: match (self.zoomed, in_card) {
                (true, _) => hints::Pane::CardAlone,
                (false, true) => hints::Pane::Card,
                (false, false) => hints::Pane::List,
            },
            single: panes.arrangement == Arrangement::Single,
            searched: !self.query.is_empty(),
            agenda: self.bookmarks_only,
        };
        let wanted = hints::footer(self.mode, at);
        FooterView {
            confirm: self.mode == Mode::Confirm,
            typing: self.mode == Mode::Search,
            query: self.query.text(),
            cursor: self.query.cursor(),
            shown_query: self.filter_query(),
            error: self.query_error.as_deref(),
            filters: self.filters_query(),
            count: self.filtered.cards.len(),
            message: self.message.as_ref(),
            hints: self.keys.hints(&wanted, self.mode),
        }
    }

    /// What the list shows: the rows that fit, from its scroll offset.
    pub fn list_view(&self) -> ListView<'_> {
        let rows = self.panes().list_rows();
        let visible = self
            .filtered
            .cards
            .iter()
            .enumerate()
            .skip(self.list_offset);
        let rows = visible
            .take(rows)
            .filter_map(|(position, &index)| {
                let card = self.pack.cards.get(index)?;
                Some(ListRow {
                    title: &card.title,
                    highlights: filter::card_highlights(card, &self.filtered).title,
                    selected: position == self.selected,
                    marks: RowMarks {
                        bookmarked: self.is_bookmarked(&card.id),
                        noted: self.note_of(&card.id).is_some(),
                        unread: !self.is_read(&card.id),
                    },
                })
            })
            .collect();
        let empty = if self.filtered.cards.is_empty() {
            self.keys.nothing_matches(
                !self.query.is_empty(),
                !self.themes_on.is_empty(),
                self.bookmarks_only,
            )
        } else {
            Vec::new()
        };
        ListView {
            focused: self.focus == Focus::List,
            bookmarks_only: self.bookmarks_only,
            rows,
            empty,
        }
    }

    /// What the help overlay shows.
    pub fn help_view(&self) -> HelpView<'_> {
        HelpView {
            lines: self.keys.help_lines(&self.pack.themes),
            scroll: self.help_scroll,
            keys: &self.keys,
        }
    }

    /// What the note editor shows, while it is open.
    pub fn note_view(&self) -> Option<NoteView<'_>> {
        let editor = self.note.as_ref()?;
        Some(NoteView {
            title: &editor.title,
            text: &editor.text,
            hints: self.keys.hint_line(Mode::Note),
        })
    }

    /// What the related cards' picker shows, while it is open.
    pub fn picker_view(&self) -> Option<PickerView<'_>> {
        let picker = self.related.as_ref()?;
        let entries = picker
            .ids
            .iter()
            .filter_map(|id| self.card(id))
            .map(|card| {
                let themes = theme_labels(&self.pack, card).join(SEPARATOR);
                (card.title.as_str(), themes.to_uppercase())
            })
            .collect();
        Some(PickerView {
            from: self.card(&picker.from).map_or("", |c| c.title.as_str()),
            entries,
            selected: picker.selected,
            hints: self.keys.hint_line(Mode::Related),
        })
    }

    /// What the sources panel shows, while it is open.
    pub fn sources_view(&self) -> Option<SourcesView<'_>> {
        let panel = self.sources.as_ref()?;
        Some(SourcesView {
            from: self.card(&panel.id).map_or("", |c| c.title.as_str()),
            scroll: panel.scroll,
            hints: self.keys.hint_line(Mode::Sources),
        })
    }

    /// The pack being browsed, with its id lookups and search index.
    pub fn corpus(&self) -> &Corpus {
        &self.pack
    }

    /// The cards the list shows, with the query they match.
    pub fn filtered(&self) -> &Filtered {
        &self.filtered
    }

    /// Which pane the movement keys act on.
    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// How far the card pane is scrolled.
    pub fn card_scroll(&self) -> usize {
        self.card_scroll
    }

    /// The selected card's place in the list, from 0.
    pub fn selected_index(&self) -> usize {
        self.selected
    }
}

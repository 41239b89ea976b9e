//! The note editor: a `ratatui_textarea::TextArea` kept in the app's state (it is only data), opened
//! on the selected card (`EditNote`). Saving, closing (on a changed note it asks first), undo and
//! redo are actions of their own; quitting saves a changed note first. Other keys edit the text.

use ratatui::style::Style;
use ratatui_textarea::{TextArea, WrapMode};

use ratatui_textarea::Input;

use super::undo::Change;
use super::{App, Effect, Mode};
use crate::base::sanitize::{Lines, sanitize};
use crate::state::MAX_NOTE_BYTES;

/// An open note editor.
#[derive(Debug, Clone)]
pub struct Editor {
    /// The card the note belongs to.
    pub id: String,
    /// The card's title, for the editor's border.
    pub title: String,
    /// The note as it was when the editor opened.
    pub original: String,
    /// The text being edited.
    pub text: TextArea<'static>,
}

impl Editor {
    /// An editor on `original`, the cursor at its end, lines wrapped at words.
    pub fn new(id: String, title: String, original: String) -> Editor {
        let mut text = TextArea::new(original.lines().map(str::to_string).collect());
        text.set_wrap_mode(WrapMode::WordOrGlyph);
        text.set_cursor_line_style(Style::new());
        text.move_cursor(ratatui_textarea::CursorMove::Bottom);
        text.move_cursor(ratatui_textarea::CursorMove::End);
        Editor {
            id,
            title,
            original,
            text,
        }
    }

    /// The text now in the editor.
    pub fn content(&self) -> String {
        self.text.lines().join("\n")
    }

    /// Whether the text differs from the note as it was.
    pub fn changed(&self) -> bool {
        self.content().trim_end() != self.original.trim_end()
    }
}

/// What the footer says when a note would grow past its bound.
fn too_long() -> String {
    format!("a note may hold at most {MAX_NOTE_BYTES} bytes")
}

impl App {
    /// A key typed into the editor; one that would grow the note past its bound is undone.
    pub(super) fn note_key(&mut self, input: Input) {
        if let Some(editor) = &mut self.note {
            editor.text.input(input);
            if editor.content().len() > MAX_NOTE_BYTES {
                editor.text.undo();
                self.notify(too_long(), true);
            }
        }
    }

    /// Text pasted into the editor, refused whole if the note would grow past its bound.
    pub(super) fn note_paste(&mut self, text: &str) {
        if let Some(editor) = &mut self.note {
            let text = text.replace("\r\n", "\n").replace('\r', "\n");
            if editor.content().len().saturating_add(text.len()) > MAX_NOTE_BYTES {
                self.notify(format!("paste refused: {}", too_long()), true);
            } else {
                editor.text.insert_str(text);
            }
        }
    }

    /// Closes the editor, or asks first when the note changed.
    pub(super) fn close_note_or_ask(&mut self) {
        if self.note.as_ref().is_some_and(Editor::changed) {
            self.mode = Mode::Confirm;
        } else {
            self.close_note();
        }
    }

    /// Closes the editor without saving (the answer "no").
    pub(super) fn discard_note(&mut self) {
        self.close_note();
        self.notify("note not saved", false);
    }

    /// Back to editing (the answer "cancel").
    pub(super) fn resume_note(&mut self) {
        if self.note.is_some() {
            self.mode = Mode::Note;
        }
    }

    /// Undoes the last change to the note's text.
    pub(super) fn undo_note(&mut self) {
        if let Some(editor) = &mut self.note {
            editor.text.undo();
        }
    }

    /// Redoes the change last undone.
    pub(super) fn redo_note(&mut self) {
        if let Some(editor) = &mut self.note {
            editor.text.redo();
        }
    }

    /// Opens the editor on the selected card's note.
    pub(super) fn open_note(&mut self) {
        let Some(card) = self.selected_card() else {
            self.no_card_shown("nothing to write a note on");
            return;
        };
        let (id, title) = (card.id.clone(), card.title.clone());
        let original = self.note_of(&id).unwrap_or_default();
        if original.len() > MAX_NOTE_BYTES {
            // Only a hand-edited or merged state file holds such a note; the editor would be
            // slow on it and could not save it back, so it stays as it is.
            let message = format!(
                "this note is {} bytes, over the {MAX_NOTE_BYTES} a note may hold: it is kept as it is (`brief notes` prints it); shorten it in the state file to edit it here",
                original.len()
            );
            self.notify(message, true);
            return;
        }
        let original = original.to_string();
        self.note = Some(Editor::new(id, title, original));
        self.mode = Mode::Note;
    }

    fn close_note(&mut self) {
        self.note = None;
        self.mode = Mode::Normal;
    }

    /// Keeps the note in memory and asks the loop to write it (blank text removes it).
    pub(super) fn save_note(&mut self) -> Option<Effect> {
        let editor = self.note.take()?;
        self.mode = Mode::Normal;
        // What was typed is drawn again in the card pane: as inert as what came from a file.
        let content = sanitize(&editor.content(), Lines::Keep).into_owned();
        let text = Some(content.trim_end().to_string()).filter(|t| !t.trim().is_empty());
        let before = self.note_text(&editor.id).map(str::to_string);
        if before != text {
            self.record(Change::Note {
                id: editor.id.clone(),
                before,
                after: text.clone(),
            });
        }
        self.put_note(&editor.id, text.as_deref());
        if text.is_some() {
            self.notify(format!("✎ note saved: {}", editor.title), false);
        } else {
            self.notify(format!("note removed: {}", editor.title), false);
        }
        self.refilter();
        Some(Effect::SetNote {
            id: editor.id,
            text,
        })
    }

    /// Card `id`'s note as the store has it (from the file: maybe not inert), for undo.
    pub(super) fn note_text(&self, id: &str) -> Option<&str> {
        self.raw_notes
            .get(id)
            .or_else(|| self.marks.notes.get(id))
            .map(String::as_str)
    }

    /// Sets card `id`'s note to `text` as the store will have it (`None`: removed): drawn made
    /// inert, its own text kept for undo where that changed it.
    pub(super) fn put_note(&mut self, id: &str, text: Option<&str>) {
        self.raw_notes.remove(id);
        let Some(text) = text else {
            self.marks.notes.remove(id);
            return;
        };
        let shown = sanitize(text, Lines::Keep);
        if shown != text {
            self.raw_notes.insert(id.to_string(), text.to_string());
        }
        self.marks.notes.insert(id.to_string(), shown.into_owned());
    }

    /// On quit, a changed note is saved rather than lost.
    pub(super) fn save_note_on_quit(&mut self) -> Option<Effect> {
        if self.note.as_ref().is_some_and(Editor::changed) {
            self.save_note()
        } else {
            None
        }
    }
}

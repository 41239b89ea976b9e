//! The interactive browser: terminal set-up and restore, and the event loop that turns terminal
//! events into [`action::Action`]s, lets [`app::App::update`] carry them out, performs the effects
//! it returns through [`persist::Persist`], and redraws only when something changed.
//!
//! - [`action`]: what the user can ask for. [`keys`]: the keymap from keys and mouse to actions.
//! - [`app`]: the state and its pure `update`. [`filter`]: which cards match (the search seam).
//! - [`persist`]: the state-store seam. [`panes`], [`palette`] and [`ui`]: drawing.
//! - [`user`]: the config's key bindings and colours on top of the defaults. `terminal`: set-up,
//!   restore and signals.
//!
//! What the rest of the crate calls: [`run`] (the browser on a pack and a state store),
//! [`check_config`] (`brief config`) and [`keys_manual`] (`brief man`).

pub mod action;
pub mod app;
pub mod card_text;
mod export_file;
pub mod filter;
pub mod keys;
pub mod line;
pub mod palette;
pub mod panes;
pub mod persist;
pub mod sources_text;
mod terminal;
pub mod ui;
pub mod user;

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event};
use ratatui::Terminal;
use ratatui::backend::Backend;

use action::Action;
use app::{App, Effect};
use palette::Palette;
use persist::{Persist, Snapshot};
pub use terminal::restore;
use terminal::{install_panic_hook, setup, watch_signals};

use crate::base::diagnostic::Diagnostic;
use crate::config::Config;
use crate::pack::Pack;
use crate::state::Store;

/// How long a transient footer message stays.
const MESSAGE_TIME: Duration = Duration::from_secs(3);

/// Every problem in the config's `[keys]` and `[colors]`, for `brief config`.
pub fn check_config(config: &Config) -> Vec<Diagnostic> {
    let mut problems = user::keymap(config).1;
    problems.extend(user::palette(config, true).1);
    problems
}

/// The man page's KEYS section, from the default keymap.
pub fn keys_manual() -> keys::help::Manual {
    keys::Keymap::default().manual()
}

/// Runs the browser on `pack` until the user quits or a signal arrives, starting from what
/// `store` holds and writing every change through it, with the key bindings and colours of
/// `config` (its problems are named in the footer). The terminal is restored however it ends.
pub fn run(
    pack: Pack,
    color: bool,
    store: &mut Store,
    notices: &[String],
    config: &Config,
) -> io::Result<()> {
    let skipped = pack.skipped;
    let mut app = App::new(pack, Snapshot::of(store.state()));
    let (keymap, mut problems) = user::keymap(config);
    app.set_keymap(keymap);
    let (palette, colour_problems) = user::palette(config, color);
    problems.extend(colour_problems);
    // One notice for all of them (each would replace the last), the short ones first.
    let mut startup: Vec<String> = user::problems_notice(&problems).into_iter().collect();
    if skipped > 0 {
        startup.push(format!(
            "skipped {skipped} bad card file(s); `brief validate` lists them"
        ));
    }
    startup.extend(notices.iter().cloned());
    if !startup.is_empty() {
        app.notify(startup.join(" · "), true);
    }
    let (stop, signals) = watch_signals()?;
    install_panic_hook();
    let result = setup().and_then(|mut terminal| {
        let looped = Looped {
            app: &mut app,
            store,
            palette: &palette,
        };
        drive(&mut terminal, looped, &mut TerminalEvents, &stop)
    });
    restore();
    signals.close();
    result
}

/// Runs the event loop on `terminal`; however it ends (quit, a signal, a dead terminal, a crash),
/// a note being typed and the read marks not yet written are saved before anything else. A crash
/// goes on unwinding after that.
fn drive<B: Backend>(
    terminal: &mut Terminal<B>,
    looped: Looped<'_>,
    events: &mut dyn EventSource,
    stop: &AtomicBool,
) -> io::Result<()> {
    let Looped {
        app,
        store,
        palette,
    } = looped;
    let mut marks = ReadMarks::default();
    let ended = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let looped = Looped {
            app: &mut *app,
            store: &mut *store,
            palette,
        };
        event_loop(terminal, looped, &mut marks, events, stop)
    }));
    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        if !matches!(ended, Ok(Ok(()))) {
            let effects = app.update(Action::Quit);
            perform(effects, app, store, &mut marks);
        }
        marks.flush(app, store);
    }));
    match ended {
        Ok(result) => result,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// Where the loop's events come from: the terminal, or a script in tests.
trait EventSource {
    /// Blocks for the next event; with a deadline, `None` once it passes. A failed read (EIO, EOF
    /// on a terminal that went away) is an error that ends the loop.
    fn next(&mut self, deadline: Option<Instant>) -> io::Result<Option<Event>>;
}

/// The terminal's events, through crossterm.
struct TerminalEvents;

impl EventSource for TerminalEvents {
    fn next(&mut self, deadline: Option<Instant>) -> io::Result<Option<Event>> {
        next_event(deadline)
    }
}

/// What the event loop works on.
struct Looped<'a> {
    app: &'a mut App,
    store: &'a mut dyn Persist,
    palette: &'a Palette,
}

/// Read marks waiting to be written: moving through the list shows a card after card, and
/// writing the state file (and fsyncing it) for each would make every move cost a whole write.
/// They are written together once the user pauses, before any other change, and at the end.
#[derive(Default)]
struct ReadMarks {
    ids: Vec<String>,
}

/// How long the user pauses before waiting read marks are written.
const READ_MARKS_AFTER: Duration = Duration::from_secs(1);

impl ReadMarks {
    fn flush(&mut self, app: &mut App, store: &mut dyn Persist) {
        if self.ids.is_empty() {
            return;
        }
        let ids = std::mem::take(&mut self.ids);
        if let Err(reason) = store.mark_read_many(&ids) {
            app.notify(reason, true);
        }
    }
}

/// Reads events until the user quits, a signal arrives or the terminal fails.
fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    looped: Looped<'_>,
    marks: &mut ReadMarks,
    events: &mut dyn EventSource,
    stop: &AtomicBool,
) -> io::Result<()> {
    let Looped {
        app,
        store,
        palette,
    } = looped;
    let failed = |e: B::Error| io::Error::other(e.to_string());
    let size = terminal.size().map_err(failed)?;
    let mut next = Some(Action::Resize {
        width: size.width,
        height: size.height,
    });
    let mut fade: Option<(u64, Instant)> = None;
    // A message there before the first event is a start-up notice (config problems, skipped card
    // files): it stays until the user does something, then fades as any other.
    let mut notice = app.message().map(|m| m.serial);
    loop {
        if let Some(action) = next.take() {
            if !matches!(action, Action::Resize { .. } | Action::Redraw) {
                notice = None;
            }
            let effects = app.update(action);
            if perform(effects, app, store, marks) {
                return Ok(());
            }
            if let Some(snapshot) = store.refresh() {
                app.sync_marks(snapshot);
            }
            terminal
                .draw(|frame| ui::draw(frame, app, palette))
                .map_err(failed)?;
        }
        if stop.load(Ordering::SeqCst) {
            let effects = app.update(Action::Quit);
            perform(effects, app, store, marks);
            return Ok(());
        }
        fade = match (app.message(), fade) {
            (None, _) => None,
            (Some(m), _) if notice == Some(m.serial) => None,
            (Some(m), Some((serial, at))) if serial == m.serial => Some((serial, at)),
            (Some(m), _) => Some((m.serial, Instant::now() + MESSAGE_TIME)),
        };
        let looped = Looped {
            app: &mut *app,
            store: &mut *store,
            palette,
        };
        next = next_action(looped, marks, events, fade.map(|(_, at)| at))?;
    }
}

/// Waits for what to do next: an event's action, a message to fade (at `fade`), or read marks
/// to write once the user has paused.
fn next_action(
    looped: Looped<'_>,
    marks: &mut ReadMarks,
    events: &mut dyn EventSource,
    fade: Option<Instant>,
) -> io::Result<Option<Action>> {
    let Looped { app, store, .. } = looped;
    let marks_due = (!marks.ids.is_empty()).then(|| Instant::now() + READ_MARKS_AFTER);
    let deadline = [fade, marks_due].into_iter().flatten().min();
    Ok(match events.next(deadline)? {
        // Back in this window: pick up what another brief did to the state file meanwhile.
        Some(Event::FocusGained) => store.refresh().map(|snapshot| {
            app.sync_marks(snapshot);
            Action::Redraw
        }),
        Some(event) => app.keymap().action(&event, app.mode()),
        None if marks_due.is_some_and(|due| due <= Instant::now()) => {
            marks.flush(app, store);
            None
        }
        None => Some(Action::DismissMessage),
    })
}

/// Blocks for the next event; with a deadline, `None` once it passes. A failed read (EIO, EOF on
/// a terminal that went away) is an error that ends the loop.
fn next_event(deadline: Option<Instant>) -> io::Result<Option<Event>> {
    match deadline {
        None => event::read().map(Some),
        Some(at) => {
            let left = at.saturating_duration_since(Instant::now());
            if event::poll(left)? {
                event::read().map(Some)
            } else {
                Ok(None)
            }
        }
    }
}

/// Performs `effects`; a store error becomes a footer warning. Returns true on [`Effect::Quit`].
/// Read marks wait in `marks` (see [`ReadMarks`]); any other write takes them along first.
fn perform(
    effects: Vec<Effect>,
    app: &mut App,
    store: &mut dyn Persist,
    marks: &mut ReadMarks,
) -> bool {
    let mut quit = false;
    for effect in effects {
        if !matches!(effect, Effect::MarkRead { .. }) {
            marks.flush(app, store);
        }
        let result = match effect {
            Effect::SetBookmark { id, on } => store.set_bookmark(&id, on),
            Effect::MarkRead { id } => {
                marks.ids.push(id);
                Ok(())
            }
            Effect::SetNote { id, text } => store.set_note(&id, text.as_deref()),
            Effect::Export {
                ids,
                query,
                bookmarks_only,
            } => std::env::current_dir()
                .map_err(|e| format!("export failed: no current folder: {e}"))
                .and_then(|dir| export_file::write(app, &dir, &ids, &query, bookmarks_only))
                .map(|path| app.notify(format!("exported to {}", path.display()), false)),
            Effect::SavePosition(position) => store.save_position(&position),
            Effect::SaveSearch(query) => store.push_search(&query),
            Effect::Quit => {
                quit = true;
                Ok(())
            }
        };
        if let Err(reason) = result {
            app.notify(reason, true);
        }
    }
    quit
}

#[cfg(test)]
mod tests;

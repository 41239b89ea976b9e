//! The interactive browser: terminal set-up and restore, and the event loop that turns terminal
//! events into [`action::Action`]s, lets [`app::App::update`] carry them out, performs the effects
//! it returns through [`persist::Persist`], and redraws only when something changed.
//!
//! - [`action`]: what the user can ask for. [`keys`]: the keymap from keys and mouse to actions.
//! - [`app`]: the state and its pure `update`. [`filter`]: which cards match (the search seam).
//! - [`persist`]: the state-store seam; `perform`: the effects carried out, read marks batched.
//!   [`panes`], [`palette`] and [`ui`]: drawing.
//! - [`user`]: the config's key bindings and colours on top of the defaults. `terminal`: set-up,
//!   restore and signals.
//!
//! What the rest of the crate calls: [`run`] (the browser on a pack and a state store),
//! [`check_config`] (`brief config`) and [`keys_manual`] (`brief man`).

pub mod action;
pub mod agenda;
pub mod app;
pub mod card_text;
mod dwell;
mod export_file;
pub mod filter;
pub mod keys;
pub mod line;
pub mod palette;
pub mod panes;
mod perform;
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
use app::App;
use dwell::Dwell;
use palette::Palette;
use perform::{READ_MARKS_AFTER, ReadMarks, perform, sync};
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
            read_after: config.read_after(),
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
        read_after,
    } = looped;
    let mut marks = ReadMarks::default();
    let ended = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let looped = Looped {
            app: &mut *app,
            store: &mut *store,
            palette,
            read_after,
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

    /// The time now, by which deadlines are set (a script in tests keeps its own clock).
    fn now(&self) -> Instant {
        Instant::now()
    }
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
    /// How long a card stays in view before it counts as read (`None`: never by time).
    read_after: Option<Duration>,
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
        read_after,
    } = looped;
    let mut dwell = Dwell::new(read_after);
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
            if from_user(&action) {
                notice = None;
            }
            let effects = app.update(action);
            if perform(effects, app, store, marks) {
                return Ok(());
            }
            let snapshot = store.refresh();
            sync(app, snapshot, marks);
            dwell.follow(app.dwelling(), events.now());
            terminal
                .draw(|frame| ui::draw(frame, app, palette))
                .map_err(failed)?;
        }
        if stop.load(Ordering::SeqCst) {
            perform(app.update(Action::Quit), app, store, marks);
            return Ok(());
        }
        fade = fade_at(app.message(), fade, notice, events.now());
        let looped = Looped {
            app: &mut *app,
            store: &mut *store,
            palette,
            read_after,
        };
        let waits = Waits {
            marks: &mut *marks,
            dwell: &mut dwell,
            fade: fade.map(|(_, at)| at),
        };
        next = next_action(looped, waits, events)?;
    }
}

/// Whether the user did something (a key, a click), not the terminal or the loop itself.
fn from_user(action: &Action) -> bool {
    !matches!(
        action,
        Action::Resize { .. } | Action::Redraw | Action::Dwelled(_)
    )
}

/// When the `message` on the screen fades (with its serial): the start-up `notice` stays until the
/// user does something; a message already timed keeps its time; a new one fades `MESSAGE_TIME`
/// after `now`.
fn fade_at(
    message: Option<&app::Message>,
    fade: Option<(u64, Instant)>,
    notice: Option<u64>,
    now: Instant,
) -> Option<(u64, Instant)> {
    match (message, fade) {
        (None, _) => None,
        (Some(m), _) if notice == Some(m.serial) => None,
        (Some(m), Some((serial, at))) if serial == m.serial => Some((serial, at)),
        (Some(m), _) => Some((m.serial, now + MESSAGE_TIME)),
    }
}

/// What the loop waits on besides events: read marks to write once the user pauses, the card
/// being timed, a message to fade (at `fade`).
struct Waits<'a> {
    marks: &'a mut ReadMarks,
    dwell: &'a mut Dwell,
    fade: Option<Instant>,
}

/// Waits for what to do next: an event's action, a card kept in view long enough, read marks to
/// write once the user has paused, or a message to fade.
fn next_action(
    looped: Looped<'_>,
    waits: Waits<'_>,
    events: &mut dyn EventSource,
) -> io::Result<Option<Action>> {
    let Looped { app, store, .. } = looped;
    let Waits { marks, dwell, fade } = waits;
    let marks_due = (!marks.ids.is_empty()).then(|| events.now() + READ_MARKS_AFTER);
    let deadline = [fade, marks_due, dwell.due()].into_iter().flatten().min();
    let event = events.next(deadline)?;
    let now = events.now();
    Ok(match event {
        // Back in this window: pick up what another brief did to the state file meanwhile, and
        // time the card in view again.
        Some(Event::FocusGained) => {
            dwell.resume();
            let snapshot = store.refresh();
            sync(app, snapshot, marks);
            Some(Action::Redraw)
        }
        Some(Event::FocusLost) => {
            dwell.pause();
            None
        }
        Some(event) => app.keymap().action(&event, app.mode()),
        None => match dwell.take_due(now) {
            Some(id) => Some(Action::Dwelled(id)),
            None if marks_due.is_some_and(|due| due <= now) => {
                if marks.flush(app, store) {
                    sync(app, store.current(), marks);
                }
                // Drawn again: the write may have brought another window's changes.
                Some(Action::Redraw)
            }
            None => Some(Action::DismissMessage),
        },
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

#[cfg(test)]
mod sync_tests;
#[cfg(test)]
mod tests;

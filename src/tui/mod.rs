//! The interactive browser: terminal set-up and restore, and the event loop that turns terminal
//! events into [`action::Action`]s, lets [`app::App::update`] carry them out, performs the effects
//! it returns through [`persist::Persist`], and redraws only when something changed.
//!
//! - [`action`]: what the user can ask for. [`keys`]: the keymap from keys and mouse to actions.
//! - [`app`]: the state and its pure `update`. [`filter`]: which cards match (the search seam).
//! - [`persist`]: the state-store seam. [`layout`], [`theme`] and [`ui`]: drawing.
//! - [`user`]: the config's key bindings and colours on top of the defaults.

pub mod action;
pub mod app;
mod export;
pub mod filter;
pub mod keys;
pub mod layout;
pub mod persist;
pub mod theme;
pub mod ui;
pub mod user;

use std::io::{self, Stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGWINCH};
use signal_hook::iterator::{Handle, Signals};

use action::Action;
use app::{App, Effect};
use keys::Keymap;
use persist::{Persist, Snapshot};
use theme::Theme;

use crate::config::Config;
use crate::pack::Pack;

/// How long a transient footer message stays.
const MESSAGE_TIME: Duration = Duration::from_secs(3);
/// After a signal, how long the loop has to save and restore before the process is ended anyway
/// (it may be stuck on a terminal that went away).
const SIGNAL_GRACE: Duration = Duration::from_millis(800);

type Term = Terminal<CrosstermBackend<Stdout>>;

/// Runs the browser on `pack` until the user quits or a signal arrives, starting from `snapshot`
/// and writing every change through `store`, with the key bindings and colours of `config` (its
/// problems are named in the footer). The terminal is restored however it ends.
pub fn run(
    pack: Pack,
    color: bool,
    snapshot: Snapshot,
    notices: &[String],
    store: &mut dyn Persist,
    config: &Config,
) -> io::Result<()> {
    let skipped = pack.skipped;
    let mut app = App::new(pack, snapshot);
    for notice in notices {
        app.notify(notice.clone(), true);
    }
    let (keymap, mut problems) = user::keymap(config);
    let (theme, colour_problems) = user::theme(config, color);
    problems.extend(colour_problems);
    if let Some(first) = problems.first() {
        let more = match problems.len() {
            1 => String::new(),
            n => format!(" (and {} more; `brief config` lists them)", n - 1),
        };
        app.notify(format!("config: {first}{more}"), true);
    }
    if skipped > 0 {
        app.notify(
            format!("skipped {skipped} bad card file(s); `brief validate` lists them"),
            true,
        );
    }
    let (stop, signals) = watch_signals()?;
    install_panic_hook();
    let result = setup().and_then(|mut terminal| {
        event_loop(&mut terminal, &mut app, store, &keymap, &theme, &stop)
    });
    restore();
    signals.close();
    result
}

/// Raw mode, alternate screen, mouse capture; a full-screen viewport (no cursor queries).
fn setup() -> io::Result<Term> {
    enable_raw_mode()?;
    crossterm::execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        crossterm::event::EnableFocusChange
    )?;
    // Start crossterm's event reader now, so a resize that comes before the first read is queued
    // rather than lost (it registers for SIGWINCH when it starts).
    event::poll(Duration::ZERO)?;
    Terminal::new(CrosstermBackend::new(io::stdout()))
}

/// Leaves the terminal as it was: mouse capture off, main screen, cursor shown, raw mode off.
/// Safe to call more than once and from the panic hook; errors are ignored (the terminal may be gone).
pub fn restore() {
    leave(&mut io::stdout());
}

/// The watcher's restore: straight to the controlling terminal, never through `io::stdout()`,
/// whose lock the stuck event loop may hold. On a terminal that went away this does nothing.
fn restore_from_watcher() {
    if let Ok(mut tty) = std::fs::OpenOptions::new().write(true).open("/dev/tty") {
        leave(&mut tty);
    } else {
        let _ = disable_raw_mode();
    }
}

/// Undoes every mode [`setup`] turned on, writing to `out`.
fn leave(out: &mut impl io::Write) {
    let _ = crossterm::execute!(
        out,
        crossterm::event::DisableFocusChange,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
}

/// A panic restores the terminal first, then prints its message as usual.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// SIGTERM, SIGHUP and SIGINT set the returned flag and wake the event loop (by raising SIGWINCH,
/// which crossterm's blocking read wakes on). If the loop has not ended within [`SIGNAL_GRACE`]
/// (a read stuck on a dead terminal), the terminal is restored and the process ends.
fn watch_signals() -> io::Result<(Arc<AtomicBool>, Handle)> {
    let stop = Arc::new(AtomicBool::new(false));
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    let handle = signals.handle();
    let flag = Arc::clone(&stop);
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            flag.store(true, Ordering::SeqCst);
            let _ = signal_hook::low_level::raise(SIGWINCH);
            std::thread::sleep(SIGNAL_GRACE);
            restore_from_watcher();
            std::process::exit(128 + signal);
        }
    });
    Ok((stop, handle))
}

/// Reads events until the user quits, a signal arrives or the terminal fails.
fn event_loop(
    terminal: &mut Term,
    app: &mut App,
    store: &mut dyn Persist,
    keymap: &Keymap,
    theme: &Theme,
    stop: &AtomicBool,
) -> io::Result<()> {
    let size = terminal.size()?;
    let mut next = Some(Action::Resize {
        width: size.width,
        height: size.height,
    });
    let mut fade: Option<(u64, Instant)> = None;
    loop {
        if let Some(action) = next.take() {
            let effects = app.update(action);
            if perform(effects, app, store) {
                return Ok(());
            }
            if let Some(snapshot) = store.refresh() {
                app.sync_marks(snapshot);
            }
            terminal.draw(|frame| ui::draw(frame, app, theme, keymap))?;
        }
        if stop.load(Ordering::SeqCst) {
            let effects = app.update(Action::Quit);
            perform(effects, app, store);
            return Ok(());
        }
        fade = match (app.message(), fade) {
            (None, _) => None,
            (Some(m), Some((serial, at))) if serial == m.serial => Some((serial, at)),
            (Some(m), _) => Some((m.serial, Instant::now() + MESSAGE_TIME)),
        };
        next = match next_event(fade.map(|(_, at)| at))? {
            // Back in this window: pick up what another brief did to the state file meanwhile.
            Some(Event::FocusGained) => store.refresh().map(|snapshot| {
                app.sync_marks(snapshot);
                Action::Redraw
            }),
            Some(event) => keymap.action(&event, app.mode()),
            None => Some(Action::DismissMessage),
        };
    }
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
fn perform(effects: Vec<Effect>, app: &mut App, store: &mut dyn Persist) -> bool {
    let mut quit = false;
    for effect in effects {
        let result = match effect {
            Effect::SetBookmark { id, on } => store.set_bookmark(&id, on),
            Effect::MarkRead { id } => store.mark_read(&id),
            Effect::SetNote { id, text } => store.set_note(&id, text.as_deref()),
            Effect::Export {
                ids,
                query,
                bookmarks_only,
            } => std::env::current_dir()
                .map_err(|e| format!("export failed: no current folder: {e}"))
                .and_then(|dir| export::write(app, &dir, &ids, &query, bookmarks_only))
                .map(|path| app.notify(format!("exported to {}", path.display()), false)),
            Effect::SavePosition(position) => store.save_position(&position),
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
mod tests {
    use super::*;
    use crate::pack::LoadOptions;

    /// A store whose folder cannot be written.
    struct ReadOnly;

    impl Persist for ReadOnly {
        fn set_bookmark(&mut self, _: &str, _: bool) -> Result<(), String> {
            Err("state not writable: bookmarks are kept for this session only".into())
        }
        fn mark_read(&mut self, _: &str) -> Result<(), String> {
            Ok(())
        }
        fn set_note(&mut self, _: &str, _: Option<&str>) -> Result<(), String> {
            Err("state not writable".into())
        }
        fn save_position(&mut self, _: &persist::Position) -> Result<(), String> {
            Ok(())
        }
    }

    #[test]
    fn a_failed_write_is_a_footer_warning_and_the_app_goes_on() {
        let pack = Pack::embedded(&LoadOptions::default()).unwrap();
        let mut app = App::new(pack, Snapshot::default());
        app.update(Action::Resize {
            width: 120,
            height: 40,
        });
        let effects = app.update(Action::ToggleBookmark);
        assert!(!perform(effects, &mut app, &mut ReadOnly));
        let message = app.message().unwrap();
        assert!(message.warning && message.text.contains("not writable"));
        let id = app.selected_card().unwrap().id.clone();
        assert!(app.is_bookmarked(&id), "the change stays in memory");
    }

    #[test]
    fn quit_effects_save_then_end_the_loop() {
        let pack = Pack::embedded(&LoadOptions::default()).unwrap();
        let mut app = App::new(pack, Snapshot::default());
        let mut store = persist::Memory::default();
        app.update(Action::ToggleTheme(2));
        let effects = app.update(Action::Quit);
        assert!(perform(effects, &mut app, &mut store));
        assert_eq!(store.state.position.themes, vec!["trump".to_string()]);
    }
}

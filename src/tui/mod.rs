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
use ratatui::backend::{Backend, CrosstermBackend};
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
        let looped = Looped {
            app: &mut app,
            store,
            keymap: &keymap,
            theme: &theme,
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
        keymap,
        theme,
    } = looped;
    let mut marks = ReadMarks::default();
    let ended = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let looped = Looped {
            app: &mut *app,
            store: &mut *store,
            keymap,
            theme,
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
    keymap: &'a Keymap,
    theme: &'a Theme,
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
        keymap,
        theme,
    } = looped;
    let failed = |e: B::Error| io::Error::other(e.to_string());
    let size = terminal.size().map_err(failed)?;
    let mut next = Some(Action::Resize {
        width: size.width,
        height: size.height,
    });
    let mut fade: Option<(u64, Instant)> = None;
    loop {
        if let Some(action) = next.take() {
            let effects = app.update(action);
            if perform(effects, app, store, marks) {
                return Ok(());
            }
            if let Some(snapshot) = store.refresh() {
                app.sync_marks(snapshot);
            }
            terminal
                .draw(|frame| ui::draw(frame, app, theme, keymap))
                .map_err(failed)?;
        }
        if stop.load(Ordering::SeqCst) {
            let effects = app.update(Action::Quit);
            perform(effects, app, store, marks);
            return Ok(());
        }
        fade = match (app.message(), fade) {
            (None, _) => None,
            (Some(m), Some((serial, at))) if serial == m.serial => Some((serial, at)),
            (Some(m), _) => Some((m.serial, Instant::now() + MESSAGE_TIME)),
        };
        let marks_due = (!marks.ids.is_empty()).then(|| Instant::now() + READ_MARKS_AFTER);
        let deadline = [fade.map(|(_, at)| at), marks_due]
            .into_iter()
            .flatten()
            .min();
        next = match events.next(deadline)? {
            // Back in this window: pick up what another brief did to the state file meanwhile.
            Some(Event::FocusGained) => store.refresh().map(|snapshot| {
                app.sync_marks(snapshot);
                Action::Redraw
            }),
            Some(event) => keymap.action(&event, app.mode()),
            None if marks_due.is_some_and(|due| due <= Instant::now()) => {
                marks.flush(app, store);
                None
            }
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
        assert!(!perform(
            effects,
            &mut app,
            &mut ReadOnly,
            &mut ReadMarks::default()
        ));
        let message = app.message().unwrap();
        assert!(message.warning && message.text.contains("not writable"));
        let id = app.selected_card().unwrap().id.clone();
        assert!(app.is_bookmarked(&id), "the change stays in memory");
    }

    /// Events from a script; after the last one, the terminal fails (or the source panics).
    struct Script {
        events: std::collections::VecDeque<Event>,
        then_panic: bool,
    }

    impl Script {
        fn typing(keys: &str, then_panic: bool) -> Script {
            use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
            let events = keys
                .chars()
                .map(|c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)))
                .collect();
            Script { events, then_panic }
        }
    }

    impl EventSource for Script {
        fn next(&mut self, _: Option<Instant>) -> io::Result<Option<Event>> {
            match self.events.pop_front() {
                Some(event) => Ok(Some(event)),
                None if self.then_panic => panic!("a bug in the loop"),
                None => Err(io::Error::from_raw_os_error(5)), // EIO: the terminal is gone
            }
        }
    }

    fn drive_script(script: &mut Script, store: &mut persist::Memory) -> (App, io::Result<()>) {
        let pack = Pack::embedded(&LoadOptions::default()).unwrap();
        let mut app = App::new(pack, Snapshot::default());
        let mut terminal = Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
        let (keymap, _) = user::keymap(&Config::default());
        let (theme, _) = user::theme(&Config::default(), false);
        let looped = Looped {
            app: &mut app,
            store,
            keymap: &keymap,
            theme: &theme,
        };
        let result = drive(&mut terminal, looped, script, &AtomicBool::new(false));
        (app, result)
    }

    // A note being typed was lost when the terminal went away (tmux kill-session, an SSH drop):
    // the failed read ended the loop before the signal's save could run.
    #[test]
    fn a_note_being_typed_is_saved_when_the_terminal_goes_away() {
        let mut store = persist::Memory::default();
        let (app, result) = drive_script(&mut Script::typing("jaUnsaved", false), &mut store);
        assert!(result.is_err());
        let id = app.selected_card().unwrap().id.clone();
        assert_eq!(
            store.state.notes.get(&id).map(String::as_str),
            Some("Unsaved")
        );
    }

    #[test]
    fn a_note_being_typed_is_saved_when_the_loop_crashes() {
        let mut store = persist::Memory::default();
        let ended = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            drive_script(&mut Script::typing("aSafe", true), &mut store)
        }));
        assert!(ended.is_err(), "the crash goes on after the save");
        assert_eq!(
            store.state.notes.values().next().map(String::as_str),
            Some("Safe")
        );
    }

    #[test]
    fn read_marks_wait_and_are_written_together_at_the_end() {
        let mut store = persist::Memory::default();
        let (_, _) = drive_script(&mut Script::typing("jjj", false), &mut store);
        assert_eq!(store.state.read.len(), 4, "{:?}", store.state.read);
    }

    #[test]
    fn quit_effects_save_then_end_the_loop() {
        let pack = Pack::embedded(&LoadOptions::default()).unwrap();
        let mut app = App::new(pack, Snapshot::default());
        let mut store = persist::Memory::default();
        app.update(Action::ToggleTheme(2));
        let effects = app.update(Action::Quit);
        assert!(perform(
            effects,
            &mut app,
            &mut store,
            &mut ReadMarks::default()
        ));
        assert_eq!(store.state.position.themes, vec!["trump".to_string()]);
    }
}

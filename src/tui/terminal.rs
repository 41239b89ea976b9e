//! The terminal's side of the browser: raw mode and the alternate screen on the way in, all of it
//! undone on the way out (also from the panic hook and the signal watcher), and the signals that
//! end the browser.

use std::io::{self, Stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGWINCH};
use signal_hook::iterator::{Handle, Signals};

/// After a signal, how long the loop has to save and restore before the process is ended anyway
/// (it may be stuck on a terminal that went away).
const SIGNAL_GRACE: Duration = Duration::from_millis(800);

/// The browser's terminal.
pub(super) type Term = Terminal<CrosstermBackend<Stdout>>;

/// Raw mode, alternate screen, mouse capture; a full-screen viewport (no cursor queries).
pub(super) fn setup() -> io::Result<Term> {
    // Whether there is colour is the theme's choice (`--color`, NO_COLOR): crossterm must not
    // decide again. Left to itself, under NO_COLOR it writes each colour change as `ESC[;m`, a
    // full reset that also drops the selection's reverse video, and `--color always` lost colour.
    crossterm::style::force_color_output(true);
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
pub(super) fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// SIGTERM, SIGHUP and SIGINT set the returned flag and wake the event loop (by raising SIGWINCH,
/// which crossterm's blocking read wakes on). If the loop has not ended within [`SIGNAL_GRACE`]
/// (a read stuck on a dead terminal), the terminal is restored and the process ends.
pub(super) fn watch_signals() -> io::Result<(Arc<AtomicBool>, Handle)> {
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

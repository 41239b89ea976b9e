//! The event loop driven by a script of events, with a store in memory.
use super::*;
use crate::pack::{LoadOptions, Pack};

/// A store whose folder cannot be written.
struct ReadOnly;

impl Persist for ReadOnly {
    fn set_bookmark(&mut self, _: &str, _: bool) -> Result<(), String> {
        Err("state not writable: bookmarks are kept for this session only".into())
    }
    fn mark_read(&mut self, _: &str) -> Result<(), String> {
        Ok(())
    }
    fn set_read(&mut self, _: &str, _: bool) -> Result<(), String> {
        Ok(())
    }
    fn move_bookmark(&mut self, _: &str, _: usize) -> Result<(), String> {
        Err("state not writable".into())
    }
    fn push_search(&mut self, _: &str) -> Result<(), String> {
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
    let mut app = App::new(crate::tui::app::tests::memory(pack), Snapshot::default());
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
    let mut app = App::new(crate::tui::app::tests::memory(pack), Snapshot::default());
    let mut terminal = Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    let (keymap, _) = user::keymap(&Config::default());
    app.set_keymap(keymap);
    let (palette, _) = user::palette(&Config::default(), false);
    let looped = Looped {
        app: &mut app,
        store,
        palette: &palette,
        read_after: None,
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
    let (_, _) = drive_script(&mut Script::typing("nnn", false), &mut store);
    assert_eq!(store.state.read.len(), 3, "{:?}", store.state.read);
}

// Moving over cards with j marked each one read (a real session marked 31 of 37 cards "read"
// after reading 14): the start-up card and the cards passed over stay unread.
#[test]
fn moving_over_cards_reads_none_of_them() {
    let mut store = persist::Memory::default();
    let (app, _) = drive_script(&mut Script::typing("jjjjk", false), &mut store);
    assert!(store.state.read.is_empty(), "{:?}", store.state.read);
    assert_eq!(app.selected_index(), 3);
}

#[test]
fn quit_effects_save_then_end_the_loop() {
    let pack = Pack::embedded(&LoadOptions::default()).unwrap();
    let mut app = App::new(crate::tui::app::tests::memory(pack), Snapshot::default());
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

/// Events from a list, noting the deadline the loop waits with each time.
struct Timed {
    events: std::collections::VecDeque<Event>,
    deadlines: Vec<Option<Instant>>,
}

impl EventSource for Timed {
    fn next(&mut self, deadline: Option<Instant>) -> io::Result<Option<Event>> {
        self.deadlines.push(deadline);
        self.events
            .pop_front()
            .map(Some)
            .ok_or_else(|| io::Error::from_raw_os_error(5))
    }
}

// The config's problems were shown at start for three seconds only, the first one alone and cut
// off: now the notice says how many and where to see them, and stays until a key is pressed.
#[test]
fn the_config_notice_counts_the_problems_and_stays_until_a_key() {
    let problems =
        vec![crate::base::diagnostic::Diagnostic::whole_file("c.toml", "unknown action 'x'"); 3];
    let notice = user::problems_notice(&problems).unwrap();
    assert!(notice.starts_with("3 config problems") && notice.contains("`brief config`"));
    assert!(notice.chars().count() < 60, "fits the footer: {notice}");
    let pack = Pack::embedded(&LoadOptions::default()).unwrap();
    // Every card read already: no read marks wait, so no deadline but the message's.
    let read = pack.cards.iter().map(|c| c.id.clone()).collect();
    let mut app = App::new(
        crate::tui::app::tests::memory(pack),
        Snapshot {
            read,
            ..Snapshot::default()
        },
    );
    app.notify(notice, true);
    let mut terminal = Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    let (keymap, _) = user::keymap(&Config::default());
    app.set_keymap(keymap);
    let palette = Palette::plain();
    let key = Event::Key(crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char('j'),
        crossterm::event::KeyModifiers::NONE,
    ));
    let mut events = Timed {
        events: [Event::Resize(80, 24), key].into(),
        deadlines: Vec::new(),
    };
    let looped = Looped {
        app: &mut app,
        store: &mut persist::Memory::default(),
        palette: &palette,
        read_after: None,
    };
    let _ = drive(&mut terminal, looped, &mut events, &AtomicBool::new(false));
    assert_eq!(events.deadlines[..2], [None, None], "no fade before a key");
    assert!(events.deadlines[2].is_some(), "fades after a key");
    assert!(app.message().is_some());
}

/// The screen drawn for `app` (no colour), as lines of text.
fn screen_text(app: &App) -> Vec<String> {
    let size = app.panes().area;
    let mut terminal =
        Terminal::new(ratatui::backend::TestBackend::new(size.width, size.height)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, app, &Palette::plain()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..size.height)
        .map(|y| (0..size.width).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

// The footer, the help and the messages each read a keymap of their own (the drawing was handed
// one, the app held another): a key rebound in the config must be named by all of them, and be
// the key that works.
#[test]
fn a_key_rebound_in_the_config_is_named_everywhere() {
    use crossterm::event::KeyCode;
    let text =
        "[keys]\ntoggle_help = \"F1\"\ntoggle_bookmarks_only = \"o\"\ntoggle_bookmark = \"x\"\n";
    let (config, problems) = crate::config::parse(text, "c.toml");
    assert!(problems.is_empty(), "{problems:?}");
    let (keymap, problems) = user::keymap(&config);
    assert!(problems.is_empty(), "{problems:?}");
    let pack = Pack::embedded(&LoadOptions::default()).unwrap();
    let mut app = App::new(crate::tui::app::tests::memory(pack), Snapshot::default());
    app.set_keymap(keymap);
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    let press = |app: &mut App, code| {
        let event = Event::Key(crossterm::event::KeyEvent::new(
            code,
            crossterm::event::KeyModifiers::NONE,
        ));
        let action = app.keymap().action(&event, app.mode()).unwrap();
        app.update(action);
    };
    let footer = screen_text(&app).pop().unwrap();
    assert!(footer.contains("F1 help"), "{footer}");
    assert!(footer.contains("x bookmark"), "{footer}");
    assert!(!footer.contains("? help"), "{footer}");
    press(&mut app, KeyCode::Char('o'));
    let message = app.message().unwrap().text.clone();
    assert!(
        message.contains("press x on a card, o shows all again"),
        "{message}"
    );
    let header = screen_text(&app).remove(0);
    assert!(header.contains("[o ★ only]"), "{header}");
    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::F(1));
    let help = screen_text(&app);
    let row = |label: &str| {
        help.iter()
            .find(|l| l.contains(label))
            .unwrap_or_else(|| panic!("{label:?} not in the help:\n{}", help.join("\n")))
            .clone()
    };
    assert!(row("this help").contains("│ F1 "), "{}", row("this help"));
    assert!(row("bookmark / un-bookmark").contains("│ x "));
    assert!(row("bookmarked cards only").contains("│ o "));
}

/// A step of a timed script: an event, or no event until the loop's deadline has passed.
enum Step {
    Key(char),
    Focus(bool),
    Pause,
}

/// A script with its own clock, which moves only when the script pauses (to the deadline the
/// loop waits for): the dwell clock is tested without waiting.
struct Clocked {
    steps: std::collections::VecDeque<Step>,
    start: Instant,
    now: Instant,
    deadlines: Vec<Option<Instant>>,
}

impl EventSource for Clocked {
    fn next(&mut self, deadline: Option<Instant>) -> io::Result<Option<Event>> {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        self.deadlines.push(deadline);
        match self.steps.pop_front() {
            Some(Step::Key(c)) => Ok(Some(Event::Key(KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::NONE,
            )))),
            Some(Step::Focus(true)) => Ok(Some(Event::FocusGained)),
            Some(Step::Focus(false)) => Ok(Some(Event::FocusLost)),
            Some(Step::Pause) => {
                // With no deadline the loop would wait for a key forever: the script ends there.
                let at = deadline.ok_or_else(|| io::Error::from_raw_os_error(5))?;
                self.now = self.now.max(at);
                Ok(None)
            }
            None => Err(io::Error::from_raw_os_error(5)),
        }
    }

    fn now(&self) -> Instant {
        self.now
    }
}

const THREE: Duration = Duration::from_secs(3);

/// Runs the loop at 120×40 over `steps`, timing cards for `read_after`; the app, the store and
/// the script (with the deadlines the loop waited for).
fn drive_clocked(
    steps: Vec<Step>,
    read_after: Option<Duration>,
) -> (App, persist::Memory, Clocked) {
    let pack = Pack::embedded(&LoadOptions::default()).unwrap();
    let mut app = App::new(crate::tui::app::tests::memory(pack), Snapshot::default());
    let mut terminal = Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    let mut store = persist::Memory::default();
    let start = Instant::now();
    let mut script = Clocked {
        steps: steps.into(),
        start,
        now: start,
        deadlines: Vec::new(),
    };
    let looped = Looped {
        app: &mut app,
        store: &mut store,
        palette: &Palette::plain(),
        read_after,
    };
    let _ = drive(&mut terminal, looped, &mut script, &AtomicBool::new(false));
    (app, store, script)
}

// The dwell rule: a card kept in view for `read_after` counts as read; the cards passed over
// on the way do not, and nothing is read before the time.
#[test]
fn a_card_kept_in_view_for_read_after_is_read_and_only_it() {
    let steps = vec![Step::Key('j'), Step::Key('j'), Step::Pause];
    let (app, store, script) = drive_clocked(steps, Some(THREE));
    assert_eq!(app.selected_index(), 2);
    let third = app.selected_card().unwrap().id.clone();
    assert_eq!(store.state.read, [third].into());
    // Each card in turn was timed for `read_after` from when it came into view (the script's
    // clock stands still until it pauses), and the third one's time came.
    let due = script.start + THREE;
    assert_eq!(script.deadlines[..3], [Some(due); 3]);
    assert_eq!(script.now, due);
}

#[test]
fn moving_on_before_the_time_reads_nothing() {
    let (_, store, script) = drive_clocked(vec![Step::Key('j'), Step::Key('j')], Some(THREE));
    assert!(store.state.read.is_empty(), "{:?}", store.state.read);
    assert!(
        script.deadlines.iter().all(Option::is_some),
        "each card timed"
    );
}

#[test]
fn read_after_zero_times_nothing() {
    let (_, store, script) = drive_clocked(vec![Step::Key('j'), Step::Pause], None);
    assert!(store.state.read.is_empty());
    assert_eq!(script.deadlines, [None, None], "no deadline to wake up for");
}

// A window left without the focus is not being read: its card is not timed until the focus
// comes back, and then from that moment.
#[test]
fn a_window_without_the_focus_times_nothing_until_it_is_back() {
    let steps = vec![Step::Key('j'), Step::Focus(false), Step::Pause];
    let (_, store, script) = drive_clocked(steps, Some(THREE));
    assert!(store.state.read.is_empty());
    assert_eq!(script.deadlines.last(), Some(&None));
    let steps = vec![Step::Focus(false), Step::Focus(true), Step::Pause];
    let (app, store, _) = drive_clocked(steps, Some(THREE));
    assert_eq!(
        store.state.read,
        [app.selected_card().unwrap().id.clone()].into()
    );
}

// `m` and `K` reach the store through the loop: an unread mark and an agenda move are written,
// in the order they were made.
#[test]
fn unread_marks_and_agenda_moves_are_written_through() {
    let mut store = persist::Memory::default();
    let (app, _) = drive_script(&mut Script::typing("bjbBKnm", false), &mut store);
    // K put the second card first; n paged to the first (read, waiting to be written), and m
    // made it unread again: written after the waiting read mark, so it stays unread.
    let first = app.selected_card().unwrap().id.clone();
    assert_eq!(store.state.agenda.len(), 2);
    assert_eq!(store.state.agenda[1], first, "{:?}", store.state.agenda);
    assert!(store.state.read.is_empty(), "{:?}", store.state.read);
}

#[test]
fn a_kept_search_reaches_the_stores_history() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut script = Script::typing("/rutte", false);
    let enter = Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    script.events.push_back(enter);
    let mut store = persist::Memory::default();
    let (app, _) = drive_script(&mut script, &mut store);
    assert_eq!(store.state.history, ["rutte"]);
    assert_eq!(app.position().query, "rutte");
}

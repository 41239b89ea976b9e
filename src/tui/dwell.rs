//! The read-by-dwelling clock: the event loop starts it when a card comes into view unread and
//! sends [`super::action::Action::Dwelled`] once the card has stayed there for the config's
//! `read_after` time. It lives in the loop because the app has no clocks: the app only says which
//! card would count ([`super::app::App::dwelling`]). While the terminal reports that its window
//! has lost the focus, the clock stops: a card left on the screen of a window nobody looks at is
//! not read.

use std::time::{Duration, Instant};

/// The card being timed and when it will count as read.
#[derive(Debug, Default)]
pub(super) struct Dwell {
    /// How long a card must stay; `None`: never by time.
    after: Option<Duration>,
    /// The card in view now.
    id: Option<String>,
    /// When it counts as read (`None` once it has, or when nothing is timed).
    due: Option<Instant>,
    /// The window has lost the focus.
    paused: bool,
}

impl Dwell {
    /// A clock that marks a card read after `after` (`None`: it never does).
    pub(super) fn new(after: Option<Duration>) -> Dwell {
        Dwell {
            after,
            ..Dwell::default()
        }
    }

    /// After an update: the card the app would time now. A new card starts the clock afresh;
    /// the same card keeps its time.
    pub(super) fn follow(&mut self, dwelling: Option<&str>, now: Instant) {
        let dwelling = dwelling.filter(|_| !self.paused && self.after.is_some());
        if self.id.as_deref() != dwelling {
            self.id = dwelling.map(str::to_string);
            self.due = self
                .after
                .and_then(|after| now.checked_add(after))
                .filter(|_| dwelling.is_some());
        }
    }

    /// When the loop must wake up for it.
    pub(super) fn due(&self) -> Option<Instant> {
        self.due
    }

    /// The card whose time has come at `now`, once.
    pub(super) fn take_due(&mut self, now: Instant) -> Option<String> {
        if self.due.is_some_and(|due| due <= now) {
            self.due = None;
            self.id.clone()
        } else {
            None
        }
    }

    /// The window lost the focus: nothing is timed until it comes back.
    pub(super) fn pause(&mut self) {
        self.paused = true;
        self.id = None;
        self.due = None;
    }

    /// The window has the focus again: the card in view is timed from now on.
    pub(super) fn resume(&mut self) {
        self.paused = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_counts_once_after_its_time_and_a_new_card_starts_afresh() {
        let t0 = Instant::now();
        let three = Duration::from_secs(3);
        let mut dwell = Dwell::new(Some(three));
        dwell.follow(Some("a"), t0);
        assert_eq!(dwell.due(), Some(t0 + three));
        dwell.follow(Some("a"), t0 + Duration::from_secs(2));
        assert_eq!(dwell.take_due(t0 + Duration::from_secs(2)), None);
        assert_eq!(dwell.take_due(t0 + three), Some("a".to_string()));
        assert_eq!(dwell.take_due(t0 + three), None, "once");
        dwell.follow(Some("b"), t0 + three);
        assert_eq!(dwell.due(), Some(t0 + three + three));
        dwell.follow(None, t0 + three);
        assert_eq!(dwell.due(), None);
    }

    #[test]
    fn zero_or_a_window_without_focus_times_nothing() {
        let t0 = Instant::now();
        let mut off = Dwell::new(None);
        off.follow(Some("a"), t0);
        assert_eq!(off.due(), None);
        let mut dwell = Dwell::new(Some(Duration::from_secs(3)));
        dwell.follow(Some("a"), t0);
        dwell.pause();
        dwell.follow(Some("a"), t0);
        assert_eq!(dwell.due(), None);
        dwell.resume();
        let later = t0 + Duration::from_secs(10);
        dwell.follow(Some("a"), later);
        assert_eq!(dwell.due(), Some(later + Duration::from_secs(3)));
    }
}

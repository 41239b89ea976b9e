//! `App::update` for honest read marks, `m`, `N`/`P` and Space reading on.

use super::tests::{app, app_at, typed};
use super::*;

fn selected_id(app: &App) -> String {
    app.selected_card().unwrap().id.clone()
}

/// The ids of the read marks `effects` ask to write with the others (reading).
fn reads(effects: &[Effect]) -> Vec<String> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::MarkRead { id } => Some(id.clone()),
            _ => None,
        })
        .collect()
}

/// The id of the card at `index` in the list.
fn id_at(app: &App, index: usize) -> String {
    app.pack.cards[app.filtered.cards[index]].id.clone()
}

// Passing over a card with j marked it read: a real session marked 31 of 37 cards "read" after
// reading 14.
#[test]
fn moving_searching_and_filtering_mark_nothing() {
    let mut app = App::new(tests_pack(), Snapshot::default());
    let mut effects = app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    for action in [
        Action::SelectNext,
        Action::SelectNext,
        Action::SelectPrev,
        Action::Bottom,
        Action::Top,
        Action::ToggleTheme(2),
        Action::ClearThemes,
        Action::Wheel {
            down: true,
            column: 5,
            row: 5,
        },
    ] {
        effects.extend(app.update(action));
    }
    typed(&mut app, "rutte");
    effects.extend(app.update(Action::SearchAccept));
    assert_eq!(reads(&effects), Vec::<String>::new());
    assert!(app.marks.read.is_empty(), "{:?}", app.marks.read);
}

fn tests_pack() -> Pack {
    Pack::embedded(&crate::pack::LoadOptions::default()).unwrap()
}

#[test]
fn opening_focusing_or_clicking_the_card_reads_it() {
    let mut app = app();
    app.update(Action::SelectNext);
    let second = selected_id(&app);
    assert_eq!(reads(&app.update(Action::Open)), vec![second.clone()]);
    assert_eq!(reads(&app.update(Action::Back)), Vec::<String>::new());
    app.update(Action::SelectNext);
    let third = selected_id(&app);
    assert_eq!(reads(&app.update(Action::ToggleFocus)), vec![third]);
    assert!(
        reads(&app.update(Action::ToggleFocus)).is_empty(),
        "to the list"
    );
    app.update(Action::SelectNext);
    let fourth = selected_id(&app);
    let card = app.panes().card.unwrap();
    let click = Action::Click {
        column: card.x + 2,
        row: card.y + 2,
    };
    assert_eq!(reads(&app.update(click)), vec![fourth]);
}

#[test]
fn paging_reads_the_card_paged_to() {
    let mut app = app();
    let effects = app.update(Action::NextCard);
    assert_eq!(reads(&effects), vec![id_at(&app, 1)]);
    let effects = app.update(Action::PrevCard);
    assert_eq!(reads(&effects), vec![id_at(&app, 0)]);
    // Read already here, and asked again: another window may have made it unread meanwhile
    // (the store writes only what the file does not have read).
    let unread = app.header_view().unread;
    assert_eq!(reads(&app.update(Action::NextCard)), vec![id_at(&app, 1)]);
    assert_eq!(app.header_view().unread, unread, "counted once");
}

#[test]
fn scrolling_the_card_reads_it_whichever_way() {
    let first = |app: &App| id_at(app, 0);
    let mut a = app_at(120, 12);
    assert_eq!(reads(&a.update(Action::ScrollDown)), vec![first(&a)]);
    let mut a = app_at(120, 12);
    assert_eq!(reads(&a.update(Action::ScrollUp)), vec![first(&a)]);
    let mut a = app_at(120, 12);
    let card = a.panes().card.unwrap();
    let wheel = Action::Wheel {
        down: true,
        column: card.x + 2,
        row: card.y + 2,
    };
    assert_eq!(reads(&a.update(wheel)), vec![first(&a)]);
    let mut a = app_at(120, 12);
    a.focus = Focus::Card;
    assert_eq!(reads(&a.update(Action::SelectNext)), vec![first(&a)]);
    assert_eq!(a.selected, 0, "j scrolled the card");
}

#[test]
fn on_a_narrow_short_screen_only_the_opened_card_is_read() {
    let mut app = app_at(60, 12);
    assert!(
        app.update(Action::NextCard).is_empty(),
        "the card is not shown"
    );
    assert!(app.update(Action::ScrollDown).is_empty(), "pages the list");
    let id = selected_id(&app);
    assert_eq!(reads(&app.update(Action::Open)), vec![id]);
}

#[test]
fn dwelling_reads_the_card_still_shown_and_only_it() {
    let mut app = app();
    let first = selected_id(&app);
    assert_eq!(app.dwelling(), Some(first.as_str()));
    app.update(Action::SelectNext);
    let second = selected_id(&app);
    assert!(
        app.update(Action::Dwelled(first.clone())).is_empty(),
        "moved on"
    );
    app.update(Action::ToggleHelp);
    assert_eq!(app.dwelling(), None, "under the help");
    assert!(app.update(Action::Dwelled(second.clone())).is_empty());
    app.update(Action::ToggleHelp);
    assert_eq!(
        reads(&app.update(Action::Dwelled(second.clone()))),
        vec![second]
    );
    assert_eq!(app.dwelling(), None, "read already");
    let narrow = app_at(60, 12);
    assert_eq!(narrow.dwelling(), None, "the list alone shows no card");
    app.update(Action::SelectNext);
    app.update(Action::StartSearch);
    assert_eq!(app.dwelling(), None, "typing a search");
}

#[test]
fn m_toggles_and_an_unread_mark_sticks_while_the_card_stays_selected() {
    let mut app = app_at(120, 12);
    let id = selected_id(&app);
    let effects = app.update(Action::ToggleRead);
    let set = |read| Effect::SetRead {
        id: id.clone(),
        read,
    };
    assert_eq!(effects, vec![set(true)]);
    assert!(app.message().unwrap().text.starts_with("marked read: "));
    assert_eq!(app.update(Action::ToggleRead), vec![set(false)]);
    assert!(app.message().unwrap().text.starts_with("marked unread: "));
    // Scrolling, paging in place and dwelling leave it unread while it stays selected.
    assert!(app.update(Action::ScrollDown).is_empty());
    assert!(app.update(Action::PrevCard).is_empty());
    assert!(app.update(Action::Dwelled(id.clone())).is_empty());
    assert_eq!(app.dwelling(), None);
    assert!(!app.is_read(&id));
    // Once the selection moves away and back, reading marks it again.
    app.update(Action::SelectNext);
    app.update(Action::SelectPrev);
    assert_eq!(reads(&app.update(Action::ScrollDown)), vec![id]);
}

#[test]
fn the_header_counts_the_unread_cards_shown() {
    let mut app = app();
    let all = app.filtered.cards.len();
    assert_eq!(app.header_view().unread, all);
    app.update(Action::NextCard);
    app.update(Action::ToggleRead);
    app.update(Action::ToggleRead);
    assert_eq!(app.header_view().unread, all - 1);
    app.update(Action::ToggleTheme(2));
    let shown = app.filtered.cards.len();
    let unread_shown = app
        .filtered
        .cards
        .iter()
        .filter(|&&i| !app.is_read(&app.pack.cards[i].id))
        .count();
    assert_eq!(app.header_view().unread, unread_shown);
    assert!(unread_shown <= shown);
    app.update(Action::ToggleRead);
    assert_ne!(app.header_view().unread, unread_shown);
}

#[test]
fn next_and_previous_unread_skip_read_cards_and_wrap() {
    let mut app = app();
    let last = app.filtered.cards.len() - 1;
    for i in [1, 2, last] {
        app.set_read_mark(&id_at(&app, i), true);
    }
    app.update(Action::NextUnread);
    assert_eq!(app.selected, 3, "past the read cards");
    assert!(app.marks.read.len() == 3, "arriving does not read it");
    app.update(Action::PrevUnread);
    assert_eq!(app.selected, 0);
    app.update(Action::PrevUnread);
    assert_eq!(app.selected, last - 1, "wraps past the read last card");
    app.update(Action::NextUnread);
    assert_eq!(app.selected, 0, "wraps to the top");
}

#[test]
fn next_unread_with_none_left_says_so_naming_the_filter() {
    let mut app = app();
    app.update(Action::ToggleTheme(4));
    let ids: Vec<String> = (0..app.filtered.cards.len())
        .map(|i| id_at(&app, i))
        .collect();
    for id in &ids[1..] {
        app.set_read_mark(id, true);
    }
    app.update(Action::NextUnread);
    assert_eq!(app.selected, 0);
    assert_eq!(
        app.message().unwrap().text,
        "no other unread card under theme:nato-eu"
    );
    app.set_read_mark(&ids[0], true);
    app.update(Action::ClearThemes);
    let all: Vec<String> = (0..app.filtered.cards.len())
        .map(|i| id_at(&app, i))
        .collect();
    for id in &all {
        app.set_read_mark(id, true);
    }
    let at = app.selected;
    app.update(Action::PrevUnread);
    assert_eq!(app.selected, at);
    assert_eq!(app.message().unwrap().text, "no unread card left");
}

#[test]
fn space_scrolls_then_goes_on_to_the_next_unread_card_without_reading_it() {
    let mut app = app_at(120, 12);
    let (first, second, third) = (id_at(&app, 0), id_at(&app, 1), id_at(&app, 2));
    app.set_read_mark(&second, true);
    assert_eq!(reads(&app.update(Action::ReadOn)), vec![first.clone()]);
    assert!(app.card_scroll > 0);
    let mut presses = 0;
    while app.selected == 0 {
        assert_eq!(reads(&app.update(Action::ReadOn)), vec![first.clone()]);
        presses += 1;
        assert!(presses < 100, "Space never left the card");
    }
    assert_eq!(selected_id(&app), third, "the read second card is skipped");
    assert_eq!(app.card_scroll, 0, "from its top");
    assert!(!app.is_read(&third), "arriving does not read it");
    assert_eq!(reads(&app.update(Action::ReadOn)), vec![third]);
}

#[test]
fn space_on_a_card_that_fits_reads_it_and_goes_on() {
    let mut app = app_at(200, 80);
    assert_eq!(app.max_card_scroll(), 0, "the card fits");
    let first = id_at(&app, 0);
    let effects = app.update(Action::ReadOn);
    assert_eq!(reads(&effects), vec![first]);
    assert_eq!(app.selected, 1);
    assert!(!app.is_read(&id_at(&app, 1)));
}

#[test]
fn space_with_the_list_alone_opens_the_card() {
    let mut app = app_at(60, 12);
    let id = selected_id(&app);
    assert_eq!(reads(&app.update(Action::ReadOn)), vec![id]);
    assert!(app.card_open);
}

// The unread count and N/P read one flag per card, kept beside the read marks: every way a mark
// changes (reading, m, undo, another window's marks, the start) must keep them in step.
#[test]
fn the_unread_count_and_next_unread_follow_every_change_of_the_marks() {
    let pack = tests_pack();
    let snapshot = Snapshot {
        read: [pack.cards[1].id.clone(), pack.cards[2].id.clone()].into(),
        ..Snapshot::default()
    };
    let mut app = App::new(pack, snapshot);
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    let all = app.filtered.cards.len();
    let check = |app: &App| {
        let unread: Vec<usize> = (0..app.filtered.cards.len())
            .filter(|&i| !app.is_read(&id_at(app, i)))
            .collect();
        assert_eq!(app.header_view().unread, unread.len());
        let after = unread.iter().find(|&&i| i > app.selected);
        let next = after.or(unread.iter().find(|&&i| i != app.selected));
        next.copied()
    };
    assert_eq!(app.header_view().unread, all - 2, "from the start");
    assert_eq!(check(&app), Some(3));
    app.update(Action::NextCard);
    app.update(Action::ToggleRead);
    assert_eq!(check(&app), Some(3), "m");
    app.update(Action::Undo);
    assert_eq!(check(&app), Some(3), "undo");
    app.update(Action::Top);
    app.update(Action::Open);
    assert_eq!(app.header_view().unread, all - 3, "and card 0 read");
    let theirs = Snapshot {
        read: [id_at(&app, 3), id_at(&app, 4)].into(),
        ..Snapshot::default()
    };
    app.sync_marks(theirs);
    app.update(Action::Back);
    app.update(Action::Top);
    assert_eq!(check(&app), Some(1), "another window's marks");
    app.update(Action::NextUnread);
    assert_eq!(app.selected, 1);
    app.update(Action::NextUnread);
    assert_eq!(app.selected, 2);
    app.update(Action::NextUnread);
    assert_eq!(app.selected, 5, "past the cards read elsewhere");
}

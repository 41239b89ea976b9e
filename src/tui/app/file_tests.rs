//! The app on a pack file: it reads each card as it shows it and answers as it does on the same
//! cards in memory; a file damaged or shrunk while open is a footer error, never a panic.

use std::path::{Path, PathBuf};

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::tests::{memory, pack};
use super::*;
use crate::corpus::Queries;
use crate::pack::{LoadOptions, Pack};
use crate::packfile::FileParts;
use crate::packfile::build::file_bytes;
use crate::search::synth;
use crate::tui::palette::Palette;
use crate::tui::{export_file, ui};

/// The built-in pack (related cards and all) with `more` made-up cards after it: enough for
/// the cards to fill several of the file's checked blocks.
fn big_pack(more: usize) -> Pack {
    let mut pack = pack();
    let extra = synth::cards(&pack.cards, more, 7);
    pack.cards.extend(extra);
    pack
}

/// `pack` written as a pack file into `dir`, and that file.
fn file_of(pack: &Pack, dir: &Path) -> PathBuf {
    let path = dir.join("pack.brief");
    std::fs::write(&path, file_bytes(pack).unwrap()).unwrap();
    path
}

/// An app on the pack file at `path`, at 120×40.
fn app_on(path: &Path) -> App {
    let corpus = Corpus::open_file(path, &LoadOptions::default(), Queries::Many).unwrap();
    sized(App::new(corpus, Snapshot::default()))
}

fn sized(mut app: App) -> App {
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    app
}

/// Everything the screen is drawn from, as text, to compare two apps.
fn seen(app: &App) -> String {
    let text = app.card_text(70, &Palette::plain());
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        app.header_view(),
        app.list_view(),
        app.footer_view(),
        app.selected_card(),
        text.lines,
        app.picker_view(),
        app.sources_view(),
    )
}

fn typing(text: &str) -> Vec<Action> {
    let mut actions = vec![Action::StartSearch];
    actions.extend(text.chars().map(Action::SearchInput));
    actions
}

#[test]
fn a_pack_file_browses_as_its_cards_in_memory_do() {
    let dir = tempfile::tempdir().unwrap();
    let pack = big_pack(300);
    let path = file_of(&pack, dir.path());
    let mut on_file = app_on(&path);
    let mut in_memory = sized(App::new(memory(pack), Snapshot::default()));
    assert!(on_file.corpus().is_file() && !in_memory.corpus().is_file());
    let mut actions = vec![
        Action::SelectNext,
        Action::SelectNext,
        Action::NextCard,
        Action::ToggleBookmark,
        Action::Bottom,
        Action::ToggleBookmark,
        Action::ToggleRead,
        Action::Top,
        Action::ToggleTheme(2),
        Action::SelectNext,
        Action::ClearThemes,
        Action::OpenRelated,
        Action::PickJump,
        Action::JumpBack,
        Action::ToggleSources,
        Action::ToggleSources,
    ];
    actions.extend(typing("rutte"));
    actions.extend([
        Action::SearchAccept,
        Action::ToggleBookmark,
        Action::ToggleBookmarksOnly,
        Action::MoveBookmarkDown,
        Action::Export,
        Action::ToggleBookmarksOnly,
    ]);
    actions.extend(typing(" -zzz OR burden"));
    actions.push(Action::Export);
    for action in actions {
        let what = format!("{action:?}");
        assert_eq!(
            on_file.update(action.clone()),
            in_memory.update(action),
            "effects of {what}"
        );
        assert_eq!(seen(&on_file), seen(&in_memory), "after {what}");
    }
    assert!(on_file.marks.bookmarked.len() >= 2);
}

#[test]
fn the_bookmarks_view_on_a_file_lists_the_agenda_and_exports_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_of(&big_pack(300), dir.path());
    let mut app = app_on(&path);
    // Cards far apart in the file, bookmarked in this order: the agenda's.
    let wanted = [250usize, 3, 120];
    for &i in &wanted {
        app.set_selected(i);
        app.update(Action::ToggleBookmark);
    }
    app.update(Action::ToggleBookmarksOnly);
    assert_eq!(app.filtered.cards, wanted);
    assert_eq!(app.footer_view().filters, "is:bookmarked");
    app.update(Action::Top);
    app.update(Action::MoveBookmarkDown);
    assert_eq!(app.filtered.cards, [3, 250, 120]);
    let Some(Effect::Export { cards, query, .. }) = app.update(Action::Export).pop() else {
        panic!("no export");
    };
    assert_eq!(
        (cards.as_slice(), query.as_str()),
        (&[3, 250, 120][..], "is:bookmarked")
    );
    let out = tempfile::tempdir().unwrap();
    let written = export_file::write(&app, out.path(), &cards, &query, true).unwrap();
    let text = std::fs::read_to_string(written).unwrap();
    let titles: Vec<String> = cards
        .iter()
        .map(|&i| app.corpus.title_at(i).unwrap().into_owned())
        .collect();
    let mut at = 0;
    for title in &titles {
        let found = text[at..].find(title.as_str());
        at += found.unwrap_or_else(|| panic!("{title} missing or out of order:\n{text}"));
    }
    assert_eq!(text.matches("\n## ").count(), 3, "{text}");
    assert!(text.contains(&path.display().to_string()), "names the file");
}

/// Flips the last bytes of part `name` of the file at `path` (its last checked block).
fn damage_end_of(path: &Path, name: &str) {
    let parts = FileParts::open(path).unwrap();
    let entry = parts.entries().iter().find(|e| e.name == name).unwrap();
    let end = usize::try_from(entry.offset + entry.len).unwrap();
    let mut bytes = std::fs::read(path).unwrap();
    for b in &mut bytes[end - 200..end - 100] {
        *b ^= 0x5a;
    }
    std::fs::write(path, bytes).unwrap();
}

/// The app draws a whole frame without a panic.
fn draws(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, app, &Palette::plain()))
        .unwrap();
    format!("{:?}", terminal.backend().buffer())
}

#[test]
fn a_card_block_damaged_after_opening_is_a_footer_error_and_the_viewer_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_of(&big_pack(1000), dir.path());
    let mut app = app_on(&path);
    let first = app.selected_card().unwrap().id.clone();
    damage_end_of(&path, "cards.blocks");
    app.update(Action::Bottom);
    let message = app.message().unwrap();
    assert!(message.warning, "{message:?}");
    let shown = path.display().to_string();
    assert!(
        message.text.contains(&shown) && message.text.contains("cards.blocks"),
        "names the file and the part: {}",
        message.text
    );
    assert!(app.selected_card().is_none());
    let problem = app.card_problem().unwrap();
    assert!(problem.contains("cards.blocks"), "{problem}");
    assert!(draws(&app).contains("Card unreadable"));
    // A key that acts on the card says why it cannot, not that no card is shown.
    app.update(Action::ToggleBookmark);
    let said = &app.message().unwrap().text;
    assert!(
        said.starts_with("nothing to bookmark: ") && said.contains("cards.blocks"),
        "{said}"
    );
    // Regression: `a` and `m` said "no card to write a note on" / "no card to mark", not why.
    for (action, nothing) in [
        (Action::EditNote, "nothing to write a note on: "),
        (Action::ToggleRead, "nothing to mark: "),
    ] {
        app.update(action);
        let said = &app.message().unwrap().text;
        assert!(
            said.starts_with(nothing) && said.contains("cards.blocks"),
            "{said}"
        );
    }
    // The rest of the file still reads: back at the top, the first card shows again.
    app.update(Action::Top);
    assert_eq!(
        app.selected_card().map(|c| c.id.as_str()),
        Some(first.as_str())
    );
    assert!(app.card_problem().is_none());
    draws(&app);
}

#[test]
fn a_file_that_shrinks_under_the_viewer_is_a_footer_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_of(&big_pack(1000), dir.path());
    let mut app = app_on(&path);
    let len = std::fs::metadata(&path).unwrap().len();
    let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    file.set_len(len / 3).unwrap();
    for action in [
        Action::Bottom,
        Action::ScrollUp,
        Action::Top,
        Action::Bottom,
    ] {
        app.update(action);
        draws(&app);
    }
    for action in typing("burden") {
        app.update(action);
        draws(&app);
    }
    app.update(Action::SearchAccept);
    app.update(Action::Export);
    draws(&app);
    let message = app.message().unwrap();
    assert!(message.warning, "{message:?}");
    assert!(
        message.text.contains(&path.display().to_string()),
        "{message:?}"
    );
}

//! Snapshots of the rendered screen (ratatui's `TestBackend`, insta) at 120×40, 80×24, 60×20 and
//! 20×5, with and without a query, with the help overlay, and a few states worth seeing.

#![allow(clippy::unwrap_used)]

use brief::corpus::{Corpus, Queries};
use brief::pack::{LoadOptions, Pack};
use brief::tui::action::Action;
use brief::tui::app::App;
use brief::tui::palette::Palette;
use brief::tui::persist::Snapshot;
use brief::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

fn app(width: u16, height: u16, actions: &[Action]) -> App {
    let pack = Pack::embedded(&LoadOptions::default()).unwrap();
    let mut app = App::new(Corpus::new(pack, Queries::Many), Snapshot::default());
    app.update(Action::Resize { width, height });
    for action in actions {
        app.update(action.clone());
    }
    app
}

fn render(app: &App, width: u16, height: u16, palette: &Palette) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, app, palette))
        .unwrap();
    terminal
}

fn search(text: &str) -> Vec<Action> {
    let mut actions = vec![Action::StartSearch];
    actions.extend(text.chars().map(Action::SearchInput));
    actions.push(Action::SearchAccept);
    actions
}

/// Renders at `width`×`height` after `actions` and compares with the stored snapshot `name`.
fn check(name: &str, width: u16, height: u16, actions: &[Action]) {
    let app = app(width, height, actions);
    let terminal = render(&app, width, height, &Palette::plain());
    insta::assert_snapshot!(name, terminal.backend());
}

#[test]
fn screens_at_every_size() {
    let query = search("rutte");
    let help = [Action::ToggleHelp];
    for (width, height) in [(120, 40), (80, 24), (60, 20), (20, 5)] {
        check(&format!("{width}x{height}"), width, height, &[]);
        check(&format!("{width}x{height}_query"), width, height, &query);
        check(&format!("{width}x{height}_help"), width, height, &help);
    }
}

#[test]
fn short_narrow_terminal_shows_one_pane_at_a_time() {
    check("60x12_list", 60, 12, &[Action::SelectNext]);
    check("60x12_card", 60, 12, &[Action::SelectNext, Action::Open]);
}

#[test]
fn typing_a_malformed_query_shows_the_error_and_keeps_the_results() {
    let mut actions = vec![Action::StartSearch];
    actions.extend("trump \"deal".chars().map(Action::SearchInput));
    check("120x40_query_error", 120, 40, &actions);
}

#[test]
fn nothing_matches() {
    check("80x24_no_match", 80, 24, &search("zzzq"));
    check(
        "80x24_bookmarks_only_none",
        80,
        24,
        &[Action::ToggleBookmarksOnly],
    );
}

#[test]
fn theme_filter_bookmark_and_scrolled_card() {
    let actions = [
        Action::ToggleTheme(3),
        Action::SelectNext,
        Action::ToggleBookmark,
        Action::DismissMessage,
        Action::ScrollDown,
    ];
    check("80x24_theme_bookmark_scrolled", 80, 24, &actions);
}

#[test]
fn the_selected_row_is_visible_without_colour() {
    let app = app(120, 40, &[Action::SelectNext]);
    let terminal = render(&app, 120, 40, &Palette::plain());
    let list = app.panes().list.unwrap();
    let cell = &terminal.backend().buffer()[(list.x + 5, list.y + 2)];
    assert!(cell.modifier.contains(Modifier::REVERSED));
    assert_eq!(
        terminal.backend().buffer()[(list.x + 1, list.y + 2)].symbol(),
        ">"
    );
}

/// The first cell inside `area` where `word` starts, scanning rows.
fn find(
    buf: &ratatui::buffer::Buffer,
    area: ratatui::layout::Rect,
    word: &str,
) -> Option<(u16, u16)> {
    for y in area.top()..area.bottom() {
        let row: String = (area.left()..area.right())
            .map(|x| buf[(x, y)].symbol())
            .collect();
        if let Some(at) = row.find(word) {
            let column = row[..at].chars().count() as u16;
            return Some((area.x + column, y));
        }
    }
    None
}

#[test]
fn search_matches_are_highlighted_in_the_list_and_the_card() {
    let app = app(120, 40, &search("rutte"));
    let terminal = render(&app, 120, 40, &Palette::plain());
    let buf = terminal.backend().buffer();
    let layout = app.panes();
    for area in [layout.list.unwrap(), layout.card_text().unwrap()] {
        let (x, y) = find(buf, area, "Rutte").expect("a match on screen");
        assert!(
            buf[(x, y)].modifier.contains(Modifier::UNDERLINED),
            "at {x},{y}"
        );
    }
}

#[test]
fn the_note_editor_over_the_cards() {
    let mut actions = vec![Action::EditNote];
    actions.extend("Ask Rutte about the 5% timeline.".chars().map(|c| {
        Action::NoteKey(ratatui_textarea::Input {
            key: ratatui_textarea::Key::Char(c),
            ..Default::default()
        })
    }));
    actions.push(Action::NotePaste(
        "\nA pasted second line, long enough to wrap at the editor's width, word by word.".into(),
    ));
    check("80x24_note_editor", 80, 24, &actions);
    actions.push(Action::NoteClose);
    check("80x24_note_confirm", 80, 24, &actions);
}

#[test]
fn a_saved_note_shows_in_the_list_and_the_card() {
    let mut actions = vec![
        Action::EditNote,
        Action::NotePaste("Check the figures.".into()),
    ];
    actions.extend([Action::NoteSave, Action::DismissMessage]);
    check("80x24_note_saved", 80, 24, &actions);
}

#[test]
fn the_related_picker() {
    check(
        "80x24_related",
        80,
        24,
        &[Action::OpenRelated, Action::PickNext],
    );
}

#[test]
fn the_card_pane_starts_with_the_whole_title_highlighted() {
    let app = app(120, 40, &search("suboptimal"));
    let terminal = render(&app, 120, 40, &Palette::plain());
    let buf = terminal.backend().buffer();
    let text = app.panes().card_text().unwrap();
    let row = |y: u16| -> String {
        (text.left()..text.right())
            .map(|x| buf[(x, y)].symbol())
            .collect()
    };
    let title = &app.selected_card().unwrap().title;
    assert!(title.chars().count() > usize::from(text.width), "{title}");
    let shown = format!("{} {}", row(text.y).trim_end(), row(text.y + 1).trim_end());
    assert_eq!(&shown, title);
    let (x, y) = find(buf, text, "suboptimal").unwrap();
    assert_eq!(y, text.y, "the match is in the title's first line");
    assert!(buf[(x, y)].modifier.contains(Modifier::UNDERLINED));
    check("120x40_whole_title", 120, 40, &search("suboptimal"));
}

#[test]
fn the_list_grows_with_the_width() {
    // 80 columns stack the panes (the list is the whole width); 120 is the README's screen.
    check("200x30", 200, 30, &[]);
    let widths: Vec<u16> = [80, 120, 200]
        .into_iter()
        .map(|w| app(w, 30, &[]).panes().list.unwrap().width)
        .collect();
    assert_eq!(widths, [80, 54, 79]);
    // At 200 columns every title of the built-in pack is whole in the list.
    let app = app(200, 60, &[]);
    let terminal = render(&app, 200, 60, &Palette::plain());
    let buf = terminal.backend().buffer();
    let list = app.panes().list.unwrap();
    for card in &app.corpus().pack().cards {
        assert!(find(buf, list, &card.title).is_some(), "{}", card.title);
    }
}

#[test]
fn z_shows_the_card_alone() {
    check("120x40_zoomed", 120, 40, &[Action::ToggleZoom]);
    check(
        "80x24_zoomed_scrolled",
        80,
        24,
        &[Action::ToggleZoom, Action::NextCard, Action::ScrollDown],
    );
}

#[test]
fn s_shows_the_sources_panel() {
    let sources_differ = search("\"sources differ on rutte\"");
    let mut open = sources_differ.clone();
    open.push(Action::ToggleSources);
    check("120x40_sources", 120, 40, &open);
    open.push(Action::ScrollDown);
    check("80x24_sources_scrolled", 80, 24, &open);
}

#[test]
fn the_search_line_shows_its_cursor_in_reverse_video() {
    let mut actions = vec![Action::StartSearch];
    actions.extend("rutte nato".chars().map(Action::SearchInput));
    actions.extend(std::iter::repeat_n(Action::SearchLeft, 4));
    let app = app(80, 24, &actions);
    let terminal = render(&app, 80, 24, &Palette::plain());
    let buf = terminal.backend().buffer();
    let footer = app.panes().footer;
    let (x, y) = find(buf, footer, "/rutte nato").unwrap();
    let under = x + "/rutte ".len() as u16;
    assert_eq!(buf[(under, y)].symbol(), "n");
    for column in x..x + 12 {
        let reversed = buf[(column, y)].modifier.contains(Modifier::REVERSED);
        assert_eq!(reversed, column == under, "column {column}");
    }
    check("80x24_search_cursor", 80, 24, &actions);
}

//! The three renderings of a card agree: for every card of the built-in pack, `brief show ID`,
//! the Markdown export of that card and the viewer's card pane name the same facts — title,
//! themes, summary, points, figures, actors, quotes, tags, related titles and source names.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use assert_cmd::Command;
use brief::corpus::{Corpus, Queries};
use brief::export::{self, Item, Meta};
use brief::pack::{Card, LoadOptions, Pack};
use brief::tui::action::Action;
use brief::tui::app::App;
use brief::tui::palette::Palette;
use brief::tui::persist::{Position, Snapshot};
use brief::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Text with every space and line break taken out, and Markdown's backslash escapes, in lower
/// case (the card pane shows themes in capitals): what is left is the same whichever way a
/// rendering wraps, indents, escapes or capitalises it.
fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\\')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The facts a card must show, each as the words a reader sees.
fn facts(corpus: &Corpus, card: &Card) -> Vec<(&'static str, String)> {
    let mut facts = vec![
        ("title", card.title.clone()),
        ("summary", card.summary.clone()),
    ];
    for theme in &card.themes {
        let label = &corpus.theme(theme).unwrap().label;
        facts.push(("theme", label.clone()));
    }
    facts.extend(card.points.iter().map(|p| ("point", p.clone())));
    for f in &card.figures {
        facts.push(("figure label", f.label.clone()));
        facts.push(("figure value", f.value.clone()));
        facts.extend(f.context.iter().map(|c| ("figure context", c.clone())));
    }
    facts.extend(card.actors.iter().map(|a| ("actor", a.clone())));
    for q in &card.quotes {
        facts.push(("quote", q.words.clone()));
        facts.push(("speaker", q.speaker.clone()));
    }
    facts.extend(card.tags.iter().map(|t| ("tag", t.clone())));
    for id in &card.related {
        facts.push(("related title", corpus.card(id).unwrap().title.clone()));
    }
    for cited in &card.sources {
        let source = corpus.source(&cited.source).unwrap();
        let names = [&source.title, &source.author, &source.publisher];
        let known: Vec<&String> = names.into_iter().flatten().collect();
        if known.is_empty() {
            facts.push(("source description", source.description.clone()));
        }
        facts.extend(known.into_iter().map(|n| ("source name", n.clone())));
        // Each source by what it is, with the paragraphs: `Camille Grand, ECFR — ¶8–9`.
        let paragraphs = brief::pack::cite::paragraphs(&cited.paragraphs);
        let name = brief::view::card::source_name(source);
        facts.push(("source citation", format!("{name} — ¶{paragraphs}")));
    }
    facts
}

fn shown(id: &str, state: &std::path::Path) -> String {
    let out = Command::cargo_bin("brief")
        .unwrap()
        .env_remove("BRIEF_PACK")
        .env_remove("BRIEF_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent/brief-tests")
        .args(["--state", state.to_str().unwrap(), "show", id])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "brief show {id}");
    String::from_utf8(out.stdout).unwrap()
}

fn exported(corpus: &Corpus, card: &Card) -> String {
    let meta = Meta {
        exported_at: "2026-12-01 00:00 UTC".into(),
        pack: corpus.describe(),
        query: String::new(),
        bookmarks_only: false,
        noted_only: false,
    };
    let item = Item {
        card,
        place: None,
        note: None,
    };
    export::markdown(corpus, &meta, &[item])
}

/// The card pane's text (its border's title, then the rows inside the border), on a screen big
/// enough that nothing is cut or scrolled away.
fn pane(pack: &Pack, id: &str) -> String {
    let (width, height) = (200, 200);
    let snapshot = Snapshot {
        position: Position {
            selected: Some(id.to_string()),
            ..Position::default()
        },
        ..Snapshot::default()
    };
    let mut app = App::new(pack.clone(), snapshot);
    app.update(Action::Resize { width, height });
    assert_eq!(app.selected_card().map(|c| c.id.as_str()), Some(id));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, &app, &Palette::plain()))
        .unwrap();
    let area = app.panes().card.expect("a card pane at 200×200");
    let buf = terminal.backend().buffer();
    let row = |y: u16, xs: std::ops::Range<u16>| -> String {
        xs.map(|x| buf[(x, y)].symbol().to_string()).collect()
    };
    let mut text = row(area.y, area.left()..area.right());
    for y in area.top() + 1..area.bottom() - 1 {
        text.push('\n');
        text.push_str(&row(y, area.left() + 1..area.right() - 1));
    }
    assert!(
        text.contains("id: "),
        "the whole card fits the pane: {text}"
    );
    text
}

#[test]
fn show_export_and_the_card_pane_show_the_same_facts_of_every_card() {
    let pack = Pack::embedded(&LoadOptions::default()).unwrap();
    let corpus = Corpus::new(pack.clone(), Queries::One);
    let home = tempfile::tempdir().unwrap();
    let state = home.path().join("state.json");
    for card in &corpus.cards {
        let renderings = [
            ("brief show", shown(&card.id, &state)),
            ("the Markdown export", exported(&corpus, card)),
            ("the card pane", pane(&pack, &card.id)),
        ];
        for (name, text) in &renderings {
            let text = squash(text);
            for (what, fact) in facts(&corpus, card) {
                assert!(
                    text.contains(&squash(&fact)),
                    "{name} of {} lacks its {what} {fact:?}",
                    card.id
                );
            }
        }
    }
}

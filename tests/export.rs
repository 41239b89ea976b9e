//! Export: golden Markdown and JSON for a fixed query, Markdown that any CommonMark viewer renders
//! with one heading per card and card text shown literally, and the CLI's file handling.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use brief::corpus::{Corpus, Queries};
use brief::export::{self, Item, Meta, NoteItem};
use brief::pack::{LoadOptions, Pack};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn pack(name: &str) -> Corpus {
    let pack = Pack::from_dir(fixture(name), &LoadOptions::default()).unwrap();
    Corpus::new(pack, Queries::One)
}

fn meta(query: &str) -> Meta {
    Meta {
        exported_at: "2026-11-23 09:00 UTC".into(),
        pack: "tests/fixtures/good-pack".into(),
        query: query.into(),
        bookmarks_only: false,
        noted_only: false,
    }
}

fn items(pack: &Pack) -> Vec<Item<'_>> {
    pack.cards
        .iter()
        .enumerate()
        .map(|(i, card)| Item {
            card,
            place: (i == 0).then_some(0),
            note: (i == 1).then_some("Raise *this* first."),
        })
        .collect()
}

/// The cards as the whole agenda, in pack order.
fn agenda_items(pack: &Pack) -> Vec<Item<'_>> {
    let mut items = items(pack);
    for (place, item) in items.iter_mut().enumerate() {
        item.place = Some(place);
    }
    items
}

#[test]
fn golden_markdown_and_json() {
    let pack = pack("good-pack");
    let items = items(&pack);
    insta::assert_snapshot!(
        "export_markdown",
        export::markdown(&pack, &meta("theme:trump"), &items)
    );
    insta::assert_snapshot!("export_json", export::json(&meta("theme:trump"), &items));
}

fn headings(markdown: &str) -> Vec<(HeadingLevel, String)> {
    let mut out = Vec::new();
    let mut current: Option<(HeadingLevel, String)> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => current = Some((level, String::new())),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(pulldown_cmark::TagEnd::Heading(_)) => out.extend(current.take()),
            _ => {}
        }
    }
    out
}

#[test]
fn commonmark_finds_one_heading_per_card_with_its_title() {
    let pack = pack("good-pack");
    let markdown = export::markdown(&pack, &meta(""), &items(&pack));
    let found = headings(&markdown);
    let cards: Vec<&String> = found
        .iter()
        .filter(|(l, _)| *l == HeadingLevel::H2)
        .map(|(_, t)| t)
        .collect();
    let titles: Vec<&String> = pack.cards.iter().map(|c| &c.title).collect();
    assert_eq!(cards, titles);
}

#[test]
fn markdown_metacharacters_and_html_in_card_text_come_out_inert() {
    let pack = pack("markdown-pack");
    let markdown = export::markdown(&pack, &meta("x"), &items(&pack));
    let found = headings(&markdown);
    let alpha = pack.card("alpha").unwrap();
    assert!(
        found
            .iter()
            .any(|(l, t)| *l == HeadingLevel::H2 && *t == alpha.title),
        "{found:?}"
    );
    assert_eq!(
        found.iter().filter(|(l, _)| *l == HeadingLevel::H2).count(),
        pack.cards.len()
    );
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, Parser::new(&markdown));
    for tag in [
        "<script",
        "<img",
        "<b>",
        "<a ",
        "<ol",
        "<code>code",
        "<em>it",
        "<strong>bold",
    ] {
        assert!(!html.contains(tag), "{tag} became markup:\n{html}");
    }
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(
        html.contains("<li>&gt; not a quote | cell |</li>"),
        "{html}"
    );
    assert!(
        html.contains("<li>- not a list</li>") && html.contains("<li>1. not ordered</li>"),
        "{html}"
    );
    assert!(
        html.contains("*bold*") && html.contains("_it_") && html.contains("`code`"),
        "{html}"
    );
    // Every event is text, soft breaks or the structure we wrote: no HTML passes through.
    assert!(!Parser::new(&markdown).any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_))));
}

fn brief(state: &Path) -> Command {
    let mut cmd = Command::cargo_bin("brief").unwrap();
    cmd.env_remove("BRIEF_PACK")
        .env("BRIEF_STATE", state)
        .env("XDG_CONFIG_HOME", "/nonexistent/brief-tests")
        .arg("--pack")
        .arg(fixture("good-pack"));
    cmd
}

#[test]
fn cli_export_to_stdout_a_file_and_never_over_an_existing_one() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    brief(&state)
        .args(["bookmarks", "add", "beta"])
        .assert()
        .code(0);

    let out = brief(&state)
        .args(["export", "is:bookmarked"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("## 1. Card beta") && !text.contains("## 2. "),
        "{text}"
    );
    assert!(text.contains("★ bookmarked"), "{text}");

    let file = dir.path().join("brief.json");
    brief(&state)
        .args(["export", "--format", "json", "-o"])
        .arg(&file)
        .assert()
        .code(0);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(json["cards"].as_array().unwrap().len(), 4);
    let beta = json["cards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "beta")
        .unwrap();
    assert_eq!(beta["bookmarked"], true);

    std::fs::write(&file, "mine").unwrap();
    let out = brief(&state)
        .args(["export", "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists (use --force"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
    brief(&state)
        .args(["export", "--force", "-o"])
        .arg(&file)
        .assert()
        .code(0);
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .starts_with("# Briefing export")
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        leftovers
            .iter()
            .all(|n| !n.to_string_lossy().ends_with(".tmp")),
        "{leftovers:?}"
    );
}

#[test]
fn cli_export_exit_codes_for_no_match_and_bad_query() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    brief(&state).args(["export", "zzzqqq"]).assert().code(1);
    brief(&state).args(["export", "theme:"]).assert().code(2);
    brief(&state).args(["export", "--force"]).assert().code(2);
}

#[test]
fn golden_markdown_of_an_agenda_and_of_notes() {
    let pack = pack("good-pack");
    let items = agenda_items(&pack);
    insta::assert_snapshot!(
        "export_markdown_agenda",
        export::markdown(&pack, &meta("is:bookmarked"), &items)
    );
    let notes = [
        NoteItem::Card {
            card: &pack.cards[1],
            note: "Raise *this* first.\n<b>then</b> this",
            place: Some(1),
        },
        NoteItem::Card {
            card: &pack.cards[0],
            note: "1. not a list",
            place: None,
        },
        NoteItem::Missing {
            id: "gone`card",
            note: "# kept",
        },
    ];
    insta::assert_snapshot!(
        "notes_markdown",
        export::notes_markdown(&pack, &meta(""), &notes)
    );
}

/// Every event is text, soft breaks or the structure we wrote: no HTML passes through.
fn assert_no_html(markdown: &str) {
    assert!(
        !Parser::new(markdown).any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_))),
        "{markdown}"
    );
}

#[test]
fn an_agenda_is_one_numbered_list_and_numbered_headings_with_titles_shown_literally() {
    let pack = pack("markdown-pack");
    let markdown = export::markdown(&pack, &meta("is:bookmarked x"), &agenda_items(&pack));
    let numbered: Vec<String> = headings(&markdown)
        .into_iter()
        .filter(|(l, _)| *l == HeadingLevel::H2)
        .map(|(_, t)| t)
        .collect();
    let wanted: Vec<String> = pack
        .cards
        .iter()
        .enumerate()
        .map(|(n, c)| format!("{}. {}", n + 1, c.title))
        .collect();
    assert_eq!(numbered, wanted);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, Parser::new(&markdown));
    // The agenda list, with each title as text; the cards' own lists stay bullet lists.
    assert_eq!(html.matches("<ol>").count(), 1, "{html}");
    let agenda = &html[html.find("<ol>").unwrap()..html.find("</ol>").unwrap()];
    assert_eq!(agenda.matches("<li>").count(), pack.cards.len(), "{agenda}");
    assert_no_html(&markdown);
    // Not an agenda: no list, no numbers.
    let plain = export::markdown(&pack, &meta("x"), &items(&pack));
    assert!(!plain.contains("**Agenda**") && !plain.contains("## 1. "));
}

// A search that shows part of the agenda numbered its cards 1, 2, 3...: "1." was the first card
// shown, not the first on the agenda, and `brief bookmarks move --to 1` meant something else.
#[test]
fn part_of_the_agenda_is_numbered_by_place_in_the_whole_agenda() {
    let pack = pack("good-pack");
    let mut items = agenda_items(&pack);
    items.remove(2);
    items.remove(0);
    let markdown = export::markdown(&pack, &meta("is:bookmarked x"), &items);
    let numbered: Vec<String> = headings(&markdown)
        .into_iter()
        .filter(|(l, _)| *l == HeadingLevel::H2)
        .map(|(_, t)| t)
        .collect();
    let wanted = [
        format!("2. {}", pack.cards[1].title),
        format!("4. {}", pack.cards[3].title),
    ];
    assert_eq!(numbered, wanted);
    // The numbers survive a CommonMark viewer, which renumbers an ordered list from its first.
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, Parser::new(&markdown));
    assert!(!html.contains("<ol"), "{html}");
    for title in &wanted {
        assert!(html.contains(&format!("<li>{title}</li>")), "{html}");
    }
    assert_no_html(&markdown);
    // Its first places are the agenda's start: an ordered list, as for the whole agenda.
    let first = export::markdown(&pack, &meta("is:bookmarked"), &agenda_items(&pack)[..2]);
    assert!(
        first.contains("**Agenda**\n\n1. Card alpha\n2. "),
        "{first}"
    );
    // The notes brief numbers a card on the agenda the same way.
    let notes = [NoteItem::Card {
        card: &pack.cards[3],
        note: "raise it",
        place: Some(3),
    }];
    let notes = export::notes_markdown(&pack, &meta(""), &notes);
    assert!(
        headings(&notes).contains(&(HeadingLevel::H2, wanted[1].clone())),
        "{notes}"
    );
}

#[test]
fn notes_markdown_shows_notes_and_titles_literally() {
    let pack = pack("markdown-pack");
    let hostile = "<script>alert(1)</script>\n# heading?\n- list?\n> quote?\n`code` *bold*";
    let notes: Vec<NoteItem<'_>> = pack
        .cards
        .iter()
        .map(|card| NoteItem::Card {
            card,
            note: hostile,
            place: None,
        })
        .chain([NoteItem::Missing {
            id: "<b>gone</b>",
            note: hostile,
        }])
        .collect();
    let markdown = export::notes_markdown(&pack, &meta(""), &notes);
    let found = headings(&markdown);
    let titles: Vec<&String> = found
        .iter()
        .filter(|(l, _)| *l == HeadingLevel::H2)
        .map(|(_, t)| t)
        .collect();
    assert_eq!(titles.len(), pack.cards.len() + 1, "{found:?}");
    for card in &pack.cards {
        assert!(
            titles.contains(&&card.title),
            "{} in {titles:?}",
            card.title
        );
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, Parser::new(&markdown));
    for tag in [
        "<script",
        "<b>",
        "<code>code",
        "<strong>bold",
        "<h1>heading",
    ] {
        assert!(!html.contains(tag), "{tag} became markup:\n{html}");
    }
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert_no_html(&markdown);
}

/// A list marker or a heading underline may follow up to three spaces: a note's indented line
/// became a list item, an ordered list or a heading of its own in the quote.
#[test]
fn an_indented_line_of_a_note_is_no_list_nor_heading() {
    let pack = pack("markdown-pack");
    let note = "intro\n  - dash\n   + plus\n  2. two\n  12) twelve\ntitle\n  ===\nrule\n  ---";
    let notes = [NoteItem::Missing { id: "gone", note }];
    let markdown = export::notes_markdown(&pack, &meta(""), &notes);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, Parser::new(&markdown));
    for tag in ["<ul>", "<ol", "<li>", "<h1>title", "<h2>title", "<hr"] {
        assert!(!html.contains(tag), "{tag} became markup:\n{html}");
    }
    assert_no_html(&markdown);
}

//! Regression tests: text.

use std::path::Path;

use serde_json::{Value, json};

#[allow(unused_imports)]
use super::common::brief;

/// A card that keeps every rule, with this id, title and summary.
fn card(id: &str, title: &str, summary: &str) -> Value {
    json!({
        "id": id, "title": title, "themes": ["ukraine"], "summary": summary,
        "points": ["one", "two", "three"],
        "sources": [{"source": "src_a", "paragraphs": [1]}], "related": []
    })
}

/// Writes a pack holding `cards` (and one theme and one source) into `dir`.
fn write_pack(dir: &Path, themes: &Value, cards: &[Value]) {
    let sources = json!([{"id": "src_a", "title": null, "author": null, "publisher": null,
        "date": null, "description": "A source."}]);
    std::fs::create_dir_all(dir.join("cards")).unwrap();
    std::fs::write(dir.join("themes.json"), themes.to_string()).unwrap();
    std::fs::write(dir.join("sources.json"), sources.to_string()).unwrap();
    for card in cards {
        let id = card["id"].as_str().unwrap();
        let text = serde_json::to_string_pretty(card).unwrap();
        std::fs::write(dir.join(format!("cards/{id}.json")), text).unwrap();
    }
}

fn one_theme() -> Value {
    json!([{"id": "ukraine", "label": "Ukraine", "description": "The war.", "key": 1}])
}

/// The problem reported for `file` in `brief validate`'s output.
fn problem<'a>(out: &'a str, file: &str) -> &'a str {
    out.lines().find(|l| l.contains(file)).unwrap_or_default()
}

/// `brief validate` on a pack of `cards`: (exit code, stdout).
fn validate(cards: &[Value]) -> (Option<i32>, String) {
    let home = tempfile::tempdir().unwrap();
    let pack = home.path().join("pack");
    write_pack(&pack, &one_theme(), cards);
    let out = brief(home.path())
        .arg("validate")
        .arg(&pack)
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap())
}

// The sentence counter knew only `. ! ?`, so a Chinese or Japanese summary, whose sentences end
// with `。` and no space, had 0 sentences and the card was refused.
#[test]
fn summary_in_chinese_or_japanese_counts_its_sentences() {
    let (code, out) = validate(&[
        card(
            "zh",
            "北约峰会",
            "北约秘书长吕特访问了基辅。他承诺继续援助乌克兰！",
        ),
        card(
            "ja",
            "首脳会議",
            "事務総長はキーウを訪問した。支援を約束した。",
        ),
    ]);
    assert_eq!(code, Some(0), "{out}");
}

// After `. ! ?` the counter wanted a capital, and Arabic has none, so a two-sentence Arabic summary
// counted 1 (and one ending in `؟` counted nothing there).
#[test]
fn summary_in_arabic_counts_its_sentences() {
    let (code, out) = validate(&[
        card(
            "ar",
            "روته في كييف",
            "زار الأمين العام لحلف الناتو كييف. هل سيزيد الحلفاء الإنفاق؟ قال روته إن ذلك ضروري.",
        ),
        card("ur", "اجلاس", "وزیر برسلز پہنچ گئے۔ اجلاس صبح شروع ہوا۔"),
    ]);
    assert_eq!(code, Some(0), "{out}");
}

// The same for every other script without capitals: Hebrew, Korean, Hindi's danda, Ethiopic.
#[test]
fn summary_in_caseless_scripts_counts_its_sentences() {
    let (code, out) = validate(&[
        card(
            "he",
            "ביקור",
            "מזכ״ל נאט״ו ביקר בקייב. הוא הבטיח תמיכה נוספת.",
        ),
        card(
            "ko",
            "방문",
            "사무총장이 키이우를 방문했다. 그는 지원을 약속했다.",
        ),
        card(
            "hi",
            "दौरा",
            "महासचिव ने कीव का दौरा किया। उन्होंने समर्थन का वादा किया।",
        ),
        card("am", "ጉብኝት", "ዋና ጸሐፊው ኪየቭን ጎበኙ። ድጋፍ እንደሚቀጥል ቃል ገቡ።"),
    ]);
    assert_eq!(code, Some(0), "{out}");
}

// A title of zero-width characters passed the "title is empty" check (they are not whitespace)
// and showed as a blank row in the list.
#[test]
fn title_of_zero_width_characters_is_empty() {
    let (code, out) = validate(&[
        card("blank", "\u{200b}\u{200d}\u{feff}\u{2060}", "One. Two."),
        card("marks", " \u{301}\u{34f}\u{3164}\u{2800}", "One. Two."),
    ]);
    assert_eq!(code, Some(3), "{out}");
    assert!(
        problem(&out, "cards/blank.json").ends_with(
            "title is empty: it holds only spaces and invisible characters \
             (U+200B U+200D U+2060 U+FEFF)"
        ),
        "{out}"
    );
    assert!(
        problem(&out, "cards/marks.json").ends_with(
            "title is empty: it holds only spaces and invisible characters \
             (U+0301 U+034F U+2800 U+3164)"
        ),
        "{out}"
    );
}

// Points, figures, actors, quotes and theme labels had no "is empty" rule at all, so an empty or
// zero-width one was a blank row in the card or a blank tab in the header.
#[test]
fn other_required_texts_of_zero_width_characters_are_empty() {
    let mut blank_point = card("point", "Points", "One. Two.");
    blank_point["points"][1] = json!("\u{200b}");
    blank_point["quotes"] = json!([{"speaker": "\u{200c}", "words": "Yes."}]);
    blank_point["figures"] = json!([{"label": "\u{2060}", "value": "3%"}]);
    blank_point["actors"] = json!(["Mark Rutte", ""]);
    let themes =
        json!([{"id": "ukraine", "label": "\u{200b}", "description": "The war.", "key": 1}]);
    let (code, out) = validate(&[blank_point]);
    assert_eq!(code, Some(3), "{out}");
    assert!(out.contains("point 2 is empty: it holds only"), "{out}");
    assert!(
        out.contains("figure 1's label is empty: it holds only"),
        "{out}"
    );
    assert!(out.contains("actor 2 is empty"), "{out}");
    assert!(
        out.contains("quote 1's speaker is empty: it holds only spaces and invisible characters"),
        "{out}"
    );
    let home = tempfile::tempdir().unwrap();
    write_pack(home.path(), &themes, &[card("a", "A", "One. Two.")]);
    let out = brief(home.path())
        .arg("validate")
        .arg(home.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("themes.json:1:"), "{err}");
    assert!(
        err.contains(": theme label is empty: it holds only"),
        "{err}"
    );
}

/// Emoji sequences that terminals and unicode-width measure differently.
const EMOJI_TITLE: &str =
    "Ok 👍🏽 🇺🇦 ❤️ 👩‍💻 1️⃣ 🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f} end";

/// Whether each line of `text` is as wide, per unicode-width, as its characters added up.
fn widths_agree(text: &str) -> bool {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    let per_character = |s: &str| s.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>();
    text.lines().all(|line| line.width() == per_character(line))
}

// Emoji modifier sequences, flags, VS16 and ZWJ sequences reached the screen as they were:
// ratatui gave each cluster two columns while terminals that add up code points drew it wider,
// leaving stale glyphs in other rows. `brief show` printed them as they were too.
#[test]
fn show_prints_emoji_sequences_taken_apart() {
    let home = tempfile::tempdir().unwrap();
    let mut emoji = card("emoji", EMOJI_TITLE, "Skin 👍🏿 tones. And flags 🇪🇺 too.");
    emoji["points"][0] = json!("coder 🧑🏽‍💻 here");
    write_pack(home.path(), &one_theme(), &[emoji]);
    let out = brief(home.path())
        .arg("--pack")
        .arg(home.path())
        .args(["show", "emoji"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let shown = String::from_utf8(out.stdout).unwrap();
    assert!(shown.contains("Ok 👍 UA ❤ 👩💻 1 🏴 end"), "{shown}");
    assert!(
        shown.contains("Skin 👍 tones. And flags EU too."),
        "{shown}"
    );
    assert!(shown.contains("coder 🧑💻 here"), "{shown}");
    assert!(widths_agree(&shown), "{shown:?}");
}

// The same title in the browser: ratatui's buffer held each emoji cluster in one two-column cell,
// while a terminal adding up code points moved the cursor further. Every cell of the rendered
// screen must now be as wide as its characters added up.
#[test]
fn emoji_title_renders_at_the_width_of_its_characters() {
    use brief::pack::{LoadOptions, Pack};
    use brief::tui::{app::App, palette::Palette, persist::Snapshot, ui};
    use ratatui::{Terminal, backend::TestBackend, buffer::CellWidth};
    use unicode_width::UnicodeWidthChar;

    let themes = one_theme().to_string();
    let sources = r#"[{"id": "src_a", "title": null, "author": null, "publisher": null,
        "date": null, "description": "A source."}]"#;
    let card = card("emoji", EMOJI_TITLE, "One. Two.").to_string();
    let files: [(&str, &[u8]); 3] = [
        ("themes.json", themes.as_bytes()),
        ("sources.json", sources.as_bytes()),
        ("cards/emoji.json", card.as_bytes()),
    ];
    let pack = Pack::from_memory(&files, "", &LoadOptions::default()).unwrap();
    assert!(pack.problems.is_empty(), "{:?}", pack.problems);
    let corpus = brief::corpus::Corpus::new(pack, brief::corpus::Queries::Many);
    let mut app = App::new(corpus, Snapshot::default());
    app.update(brief::tui::action::Action::Resize {
        width: 120,
        height: 20,
    });
    let mut terminal = Terminal::new(TestBackend::new(120, 20)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, &app, &Palette::plain()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let screen: String = buffer
        .content()
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .collect();
    assert!(screen.contains("UA"), "the title is on the screen");
    for cell in buffer.content() {
        let symbol = cell.symbol();
        let per_character: usize = symbol.chars().map(|c| c.width().unwrap_or(0)).sum();
        assert_eq!(
            usize::from(symbol.cell_width()),
            per_character,
            "{symbol:?}"
        );
    }
}

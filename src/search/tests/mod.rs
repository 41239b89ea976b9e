//! Tests of the search module on a small fixed pack built here.

mod bounds;
mod matching;
mod parsing;
mod ranking;
mod scripts;

use crate::pack::{Card, Figure, Quote, SourceRef, Theme};

pub(super) fn themes() -> Vec<Theme> {
    ["ukraine", "trump", "spending", "nato-eu"]
        .iter()
        .enumerate()
        .map(|(i, id)| Theme {
            id: (*id).into(),
            label: (*id).into(),
            description: String::new(),
            key: i as u8 + 1,
        })
        .collect()
}

/// A card with just a title and summary; tests fill in the rest.
pub(super) fn card(id: &str, title: &str, summary: &str) -> Card {
    Card {
        id: id.into(),
        title: title.into(),
        themes: vec!["ukraine".into()],
        summary: summary.into(),
        points: Vec::new(),
        figures: Vec::new(),
        actors: Vec::new(),
        quotes: Vec::new(),
        tags: Vec::new(),
        sources: vec![SourceRef {
            source: "000_abc".into(),
            paragraphs: vec![1],
        }],
        related: Vec::new(),
    }
}

/// The fixed pack the matcher tests search.
pub(super) fn pack() -> Vec<Card> {
    let mut orban = card(
        "orban",
        "Orbán blocks the package",
        "Hungary's prime minister vetoed aid. Ukraine's allies protested.",
    );
    orban.themes = vec!["nato-eu".into()];
    orban.actors = vec!["Viktor Orbán".into(), "Mark Rutte".into()];
    orban.tags = vec!["hungary".into(), "veto".into()];
    orban.sources[0].source = "004_ff".into();

    let mut rutte = card(
        "rutte",
        "Rutte takes office",
        "Mark Rutte, a former prime minister of the Netherlands, took over NATO. He met allies.",
    );
    rutte.themes = vec!["trump".into(), "ukraine".into()];
    rutte.points = vec!["Rutte became secretary general.".into(), "Prime".into()];
    rutte.figures = vec![Figure {
        label: "Allies".into(),
        value: "32 members".into(),
        context: Some("as of 2024".into()),
    }];
    rutte.actors = vec!["Mark Rutte".into(), "Jens Stoltenberg".into()];
    rutte.tags = vec!["leadership".into()];

    let mut china = card(
        "china",
        "China backs Russia",
        "Beijing supplies parts. Minister talks continue.",
    );
    china.themes = vec!["spending".into()];
    china.quotes = vec![Quote {
        speaker: "Mark Rutte".into(),
        words: "China is fuelling the war.".into(),
    }];
    china.tags = vec!["China".into(), "north-korea".into()];
    china.sources[0].source = "003_aa".into();
    vec![orban, rutte, china]
}

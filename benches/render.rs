//! Render benchmark: one full frame at 120×40 with a 100,000-card pack loaded (the built-in cards
//! cloned with new ids). Target: at most 2 ms. The list draws only its visible rows.

use std::hint::black_box;

use brief::corpus::{Corpus, Queries};
use brief::pack::{LoadOptions, Pack};
use brief::tui::action::Action;
use brief::tui::app::App;
use brief::tui::palette::Palette;
use brief::tui::persist::Snapshot;
use brief::tui::ui;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const CARDS: usize = 100_000;

/// The built-in pack, its cards repeated (ids and titles varied) up to `CARDS`.
fn big_pack() -> Pack {
    let mut pack = match Pack::embedded(&LoadOptions::default()) {
        Ok(pack) => pack,
        Err(e) => panic!("built-in pack: {e}"),
    };
    let originals = pack.cards.clone();
    pack.cards = (0..CARDS)
        .map(|i| {
            let mut card = originals[i % originals.len()].clone();
            if i >= originals.len() {
                card.id = format!("{}-{i}", card.id);
                card.title = format!("{} ({i})", card.title);
            }
            card
        })
        .collect();
    pack
}

fn render(c: &mut Criterion) {
    let mut app = App::new(Corpus::new(big_pack(), Queries::Many), Snapshot::default());
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    for _ in 0..50_000 {
        app.update(Action::SelectNext);
    }
    let theme = Palette::colour();
    let mut terminal = match Terminal::new(TestBackend::new(120, 40)) {
        Ok(t) => t,
        Err(e) => panic!("test backend: {e}"),
    };
    c.bench_function("render 120x40, 100k cards", |b| {
        b.iter(|| {
            // A fresh buffer each time, so every frame is drawn in full, not diffed to nothing.
            terminal.clear().ok();
            terminal
                .draw(|frame| ui::draw(frame, black_box(&app), &theme))
                .ok();
        });
    });
    // With a query, every visible title and the card are highlighted from the search's query.
    app.update(Action::StartSearch);
    for c in "rutte".chars() {
        app.update(Action::SearchInput(c));
    }
    app.update(Action::SearchAccept);
    c.bench_function("render 120x40, 100k cards, query rutte", |b| {
        b.iter(|| {
            terminal.clear().ok();
            terminal
                .draw(|frame| ui::draw(frame, black_box(&app), &theme))
                .ok();
        });
    });
}

criterion_group!(benches, render);
criterion_main!(benches);

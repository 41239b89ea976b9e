//! The viewer's first frame on a pack file, inside the process: open the file (`Queries::Many`,
//! as `brief --pack FILE` does), build the `App` on it (its first filter run, the first card
//! read) and draw its first frame into a 120×40 `TestBackend`; at 1,000 cards, at the generated
//! size (100,000 cards, as `examples/genpack` makes), and on the built-in pack in memory, the
//! yardstick the issue sets (the file's first frame at most 3× the built-in pack's). Also one
//! search keystroke on the big file. Run with `cargo bench --bench first_frame`;
//! `BRIEF_BENCH_CARDS` sets the generated pack's size, `BRIEF_BENCH_PACK=DIR` builds that folder
//! instead. The whole process (launch to the first frame on a terminal) is measured by
//! `examples/first_frame.rs` (the README's performance section says how).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use brief::corpus::{Corpus, Queries};
use brief::pack::{LoadOptions, Pack};
use brief::packfile::build::file_bytes;
use brief::search::synth;
use brief::tui::action::Action;
use brief::tui::app::App;
use brief::tui::palette::Palette;
use brief::tui::persist::Snapshot;
use brief::tui::ui;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A pack folder of `n` cards (or `BRIEF_BENCH_PACK`) built into a file in `temp`.
fn file_of(temp: &Path, n: usize, from_env: bool) -> PathBuf {
    let dir = if let Some(dir) = std::env::var_os("BRIEF_BENCH_PACK").filter(|_| from_env) {
        PathBuf::from(dir)
    } else {
        let dir = temp.join(format!("pack-{n}"));
        synth::write_pack(&dir, n, 1).unwrap_or_else(|e| panic!("{e}"));
        dir
    };
    let pack = Pack::from_dir(&dir, &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let file = temp.join(format!("pack-{n}.brief"));
    let bytes = file_bytes(&pack).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&file, bytes).unwrap_or_else(|e| panic!("{e}"));
    file
}

/// The App on `corpus` with its first frame drawn at 120×40; the frame's first row, so that
/// nothing is optimised away.
fn first_frame(corpus: Corpus) -> usize {
    let mut app = App::new(corpus, Snapshot::default());
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    let mut terminal =
        Terminal::new(TestBackend::new(120, 40)).unwrap_or_else(|e| panic!("test backend: {e}"));
    terminal
        .draw(|frame| ui::draw(frame, &app, &Palette::colour()))
        .unwrap_or_else(|e| panic!("draw: {e}"));
    terminal.backend().buffer().content.len()
}

fn open(file: &Path) -> Corpus {
    Corpus::open_file(file, &LoadOptions::default(), Queries::Many)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn bench(c: &mut Criterion) {
    brief::work_on_main_thread();
    let temp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let n = std::env::var("BRIEF_BENCH_CARDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let big = file_of(temp.path(), n, true);
    let small = file_of(temp.path(), 1_000, false);
    let n = open(&big).len();

    let mut group = c.benchmark_group("first frame");
    group.sample_size(10);
    group.bench_function("built-in pack, in memory", |b| {
        b.iter(|| {
            let pack = Pack::embedded(&LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
            first_frame(Corpus::new(black_box(pack), Queries::Many))
        });
    });
    group.bench_function("file of 1000 cards", |b| {
        b.iter(|| first_frame(open(black_box(&small))));
    });
    group.bench_function(format!("file of {n} cards"), |b| {
        b.iter(|| first_frame(open(black_box(&big))));
    });
    // One keystroke of a search on the big file: "burde" and "burden" in turn.
    let mut app = App::new(open(&big), Snapshot::default());
    app.update(Action::StartSearch);
    for c in "burde".chars() {
        app.update(Action::SearchInput(c));
    }
    let mut typed = false;
    group.bench_function(format!("search keystroke, file of {n} cards"), |b| {
        b.iter(|| {
            typed = !typed;
            let key = if typed {
                Action::SearchInput('n')
            } else {
                Action::SearchBackspace
            };
            app.update(black_box(key)).len()
        });
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = bench
}
criterion_main!(benches);

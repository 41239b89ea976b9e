//! The viewer's first frame on a pack file, inside the process: open the file (`Queries::Many`,
//! as `brief --pack FILE` does), build the `App` on it (its first filter run, the first card
//! read) and draw its first frame into a 120×40 `TestBackend`; at 1,000 cards, at the generated
//! size (100,000 cards, as `examples/genpack` makes), and on the built-in pack in memory, the
//! yardstick the issue sets (the file's first frame at most 3× the built-in pack's). Then search
//! keystrokes at the generated size, on the file and on the same pack in memory side by side:
//! each query of [`TYPED`] typed a character at a time into the viewer's search line, the time
//! of one keystroke (its filter run and the card it selects) as the mean over the query's
//! characters. Typed again, as criterion repeats it, a query finds what it read before in the
//! index's caches (as a query typed again, or edited, does in the viewer).
//! Run with `cargo bench --bench first_frame` (`-- keystroke` for the keystrokes alone);
//! `BRIEF_BENCH_CARDS` sets the generated pack's size, `BRIEF_BENCH_PACK=DIR` builds that folder
//! instead. The whole process (launch to the first frame on a terminal) is measured by
//! `examples/first_frame.rs` (the README's performance section says how).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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

/// A pack folder of `n` cards (or `BRIEF_BENCH_PACK`), loaded.
fn pack_of(temp: &Path, n: usize, from_env: bool) -> Pack {
    let dir = if let Some(dir) = std::env::var_os("BRIEF_BENCH_PACK").filter(|_| from_env) {
        PathBuf::from(dir)
    } else {
        let dir = temp.join(format!("pack-{n}"));
        synth::write_pack(&dir, n, 1).unwrap_or_else(|e| panic!("{e}"));
        dir
    };
    Pack::from_dir(&dir, &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

/// `pack` built into the file `name` in `temp`.
fn file_of(temp: &Path, pack: &Pack, name: &str) -> PathBuf {
    let file = temp.join(name);
    let bytes = file_bytes(pack).unwrap_or_else(|e| panic!("{e}"));
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
    let pack = pack_of(temp.path(), n, true);
    let big = file_of(temp.path(), &pack, "big.brief");
    let small = file_of(
        temp.path(),
        &pack_of(temp.path(), 1_000, false),
        "small.brief",
    );
    let n = pack.cards.len();

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
    group.finish();
    keystrokes(c, &big, pack);
}

/// The queries typed, a character at a time: words, a word typed whole, field filters, a phrase.
const TYPED: [&str; 4] = [
    "rutte allies",
    "burden",
    "theme:spending tag:russia",
    "\"prime minister\"",
];

/// Keystrokes of each query of [`TYPED`] on the file `big` and on `pack` in memory.
fn keystrokes(c: &mut Criterion, big: &Path, pack: Pack) {
    let n = pack.cards.len();
    let mut apps = [
        ("file", App::new(open(big), Snapshot::default())),
        (
            "memory",
            App::new(Corpus::new(pack, Queries::Many), Snapshot::default()),
        ),
    ];
    let mut group = c.benchmark_group(format!("keystroke {n} cards"));
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(2));
    for text in TYPED {
        for (form, app) in &mut apps {
            app.update(Action::StartSearch);
            group.bench_function(format!("{form}: {text}"), |b| {
                b.iter_custom(|iters| (0..iters).map(|_| typed(app, text)).sum());
            });
            app.update(Action::SearchCancel);
        }
    }
    group.finish();
}

/// Types `text` into the search line of `app` (cleared first, untimed), a character at a time:
/// the mean time of a keystroke.
fn typed(app: &mut App, text: &str) -> Duration {
    app.update(Action::SearchClear);
    let mut took = Duration::ZERO;
    for c in text.chars() {
        let start = Instant::now();
        black_box(app.update(black_box(Action::SearchInput(c))));
        took += start.elapsed();
    }
    took / text.chars().count().max(1) as u32
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = bench
}
criterion_main!(benches);

//! Pack files (`brief build`'s output) made from a 100,000-card pack and from a 1,000-card one:
//! laying a loaded pack out as a file, opening a file (the same at any size: no card is read),
//! what `brief list burden` does on it (open, query, every hit's id and title), and what
//! `brief show ID` does (open, find the id, decode the one card). Run with
//! `cargo bench --bench packfile`; `BRIEF_BENCH_PACK=DIR` builds that folder instead of the
//! generated one, `BRIEF_BENCH_CARDS` sets the generated one's size.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use brief::corpus::{Corpus, Queries};
use brief::pack::{LoadOptions, Pack};
use brief::packfile::build::file_bytes;
use brief::search::{NoFlags, parse, synth};
use criterion::{Criterion, criterion_group, criterion_main};

/// A pack folder of `n` cards (or `BRIEF_BENCH_PACK`), built into a file in `temp`.
fn pack_and_file(temp: &Path, n: usize, from_env: bool) -> (Pack, PathBuf) {
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
    (pack, file)
}

fn open(file: &Path) -> Corpus {
    Corpus::open_file(file, &LoadOptions::default(), Queries::One).unwrap_or_else(|e| panic!("{e}"))
}

/// What `brief list QUERY` does on a file, but for the writing: every hit's id and title.
fn list(file: &Path, query: &str) -> usize {
    let corpus = open(file);
    let query = parse(query, corpus.themes()).unwrap_or_else(|e| panic!("{e}"));
    let hits = corpus
        .try_hits(&query, &NoFlags)
        .unwrap_or_else(|e| panic!("{e}"));
    let positions: Vec<usize> = hits.iter().map(|h| h.card).collect();
    let rows = corpus.rows(&positions).unwrap_or_else(|e| panic!("{e}"));
    rows.iter().map(|(id, title)| id.len() + title.len()).sum()
}

fn bench(c: &mut Criterion) {
    brief::work_on_main_thread();
    let temp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let n = std::env::var("BRIEF_BENCH_CARDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let (big, big_file) = pack_and_file(temp.path(), n, true);
    let (_, small_file) = pack_and_file(temp.path(), 1_000, false);
    let n = big.cards.len();
    let some_id = big.cards[n / 2].id.clone();

    let mut group = c.benchmark_group("packfile");
    group.sample_size(10);
    group.bench_function(format!("lay out {n} cards"), |b| {
        b.iter(|| file_bytes(black_box(&big)).map(|f| f.len()));
    });
    group.bench_function(format!("open {n} cards"), |b| {
        b.iter(|| open(black_box(&big_file)).len());
    });
    group.bench_function("open 1000 cards", |b| {
        b.iter(|| open(black_box(&small_file)).len());
    });
    group.bench_function(format!("list burden {n} cards"), |b| {
        b.iter(|| list(black_box(&big_file), "burden"));
    });
    group.bench_function(format!("show one of {n} cards"), |b| {
        b.iter(|| {
            let corpus = open(black_box(&big_file));
            let at = corpus.find(&some_id).unwrap_or_else(|e| panic!("{e}"));
            let card = corpus
                .card_at(at.unwrap_or(0))
                .unwrap_or_else(|e| panic!("{e}"));
            card.points.len()
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

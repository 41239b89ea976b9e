//! Search at 100,000 cards made from the built-in pack: index build and four kinds of query, on
//! the index in memory and on the index read from a pack file's parts (`file query`: the parts
//! in memory, so this is the index's own decoding, without the container's reads and checksums;
//! `file query, first` opens the index afresh for each run, so nothing is cached).
//! Run with `cargo bench --bench search` (set `BRIEF_BENCH_CARDS` for another size).

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use brief::pack::{LoadOptions, Pack};
use brief::packfile::cards::IdTable;
use brief::packfile::cards::write::write_ids;
use brief::packfile::{MemoryParts, Parts};
use brief::search::{FileIndex, Index, NoFlags, parse, synth, write_parts};
use criterion::{Criterion, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    // As the `brief` binary does: the index is built on the main thread and one more.
    brief::work_on_main_thread();
    let n = std::env::var("BRIEF_BENCH_CARDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let pack = Pack::embedded(&LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let cards = synth::cards(&pack.cards, n, 1);

    let mut build = c.benchmark_group("build");
    build.sample_size(10);
    build.bench_function(format!("index {n} cards"), |b| {
        b.iter(|| Index::build(black_box(&cards)));
    });
    build.finish();

    let index = Index::build(&cards);
    let mut parts = MemoryParts::new();
    write_parts(&index, &mut parts).unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<&str> = cards.iter().map(|c| c.id.as_str()).collect();
    write_ids(&ids, &mut parts).unwrap_or_else(|e| panic!("{e}"));
    let parts: Arc<dyn Parts> = Arc::new(parts);
    let open = || {
        let ids = IdTable::open(Arc::clone(&parts), cards.len() as u64, 16 * 1024);
        let ids = ids.unwrap_or_else(|e| panic!("{e}"));
        FileIndex::open(Arc::clone(&parts), Arc::new(ids)).unwrap_or_else(|e| panic!("{e}"))
    };
    let file = open();
    let queries: Vec<_> = QUERIES
        .iter()
        .map(|&(name, text)| {
            let query = parse(text, &pack.themes).unwrap_or_else(|e| panic!("{text}: {e}"));
            let hits = index.search(&query, &NoFlags).len();
            (format!("{name}: {text} ({hits} hits)"), query)
        })
        .collect();
    let mut group = c.benchmark_group(format!("query {n} cards"));
    for (name, query) in &queries {
        group.bench_function(name, |b| {
            b.iter(|| index.search(black_box(query), &NoFlags));
        });
    }
    group.finish();
    let mut group = c.benchmark_group(format!("file query {n} cards"));
    for (name, query) in &queries {
        group.bench_function(name, |b| {
            b.iter(|| file.search(black_box(query), &NoFlags));
        });
    }
    group.finish();
    let mut group = c.benchmark_group(format!("file query, first {n} cards"));
    for (name, query) in &queries {
        group.bench_function(name, |b| {
            b.iter(|| open().search(black_box(query), &NoFlags));
        });
    }
    group.finish();
}

/// The queries, by kind.
const QUERIES: [(&str, &str); 6] = [
    ("one-word prefix", "ukr"),
    ("three words", "rutte allies ukraine"),
    ("phrase", "\"prime minister\""),
    ("two field filters", "theme:spending tag:russia"),
    // How the cost follows the number of matches: a narrower word and phrase.
    ("narrow prefix", "stolt"),
    ("narrow phrase", "\"mark rutte\""),
];

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);

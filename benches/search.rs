//! Search at 100,000 cards made from the built-in pack: index build and four kinds of query.
//! Run with `cargo bench --bench search` (set `BRIEF_BENCH_CARDS` for another size).

use std::hint::black_box;
use std::time::Duration;

use brief::pack::{LoadOptions, Pack};
use brief::search::{Index, NoFlags, parse, synth};
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
    let mut group = c.benchmark_group(format!("query {n} cards"));
    for (name, text) in [
        ("one-word prefix", "ukr"),
        ("three words", "rutte allies ukraine"),
        ("phrase", "\"prime minister\""),
        ("two field filters", "theme:spending tag:russia"),
        // How the cost follows the number of matches: a narrower word and phrase.
        ("narrow prefix", "stolt"),
        ("narrow phrase", "\"mark rutte\""),
    ] {
        let query = parse(text, &pack.themes).unwrap_or_else(|e| panic!("{text}: {e}"));
        let hits = index.search(&query, &NoFlags).len();
        group.bench_function(format!("{name}: {text} ({hits} hits)"), |b| {
            b.iter(|| index.search(black_box(&query), &NoFlags));
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);

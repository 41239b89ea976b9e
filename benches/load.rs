//! Loading a 100,000-card pack folder made from the built-in one: `Pack::from_dir` (read, parse,
//! sanitize, validate, order), and what `brief list rutte` does with it (load, parse the query,
//! scan the cards). Run with `cargo bench --bench load`; `BRIEF_BENCH_CARDS` sets another size,
//! `BRIEF_BENCH_PACK=DIR` loads that folder instead (e.g. one written by `genpack --long-ids`).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use brief::pack::{LoadOptions, Pack};
use brief::search::{NoFlags, parse, scan, synth};
use criterion::{Criterion, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    // As the `brief` binary does: the main thread is one of the workers.
    brief::work_on_main_thread();
    // Kept alive to the end: the generated pack is removed with it.
    let mut made = None;
    let dir = if let Some(dir) = std::env::var_os("BRIEF_BENCH_PACK") {
        PathBuf::from(dir)
    } else {
        let n = std::env::var("BRIEF_BENCH_CARDS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(100_000);
        let temp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        synth::write_pack(temp.path(), n, 1).unwrap_or_else(|e| panic!("{e}"));
        made.insert(temp).path().to_path_buf()
    };
    let options = LoadOptions::default();
    let pack = Pack::from_dir(&dir, &options).unwrap_or_else(|e| panic!("{e}"));
    let n = pack.cards.len();
    assert_eq!(pack.skipped, 0, "the benchmark pack has bad cards");

    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    group.bench_function(format!("from_dir {n} cards"), |b| {
        b.iter(|| Pack::from_dir(black_box(&dir), &options));
    });
    group.bench_function(format!("list rutte {n} cards"), |b| {
        b.iter(|| {
            let pack = Pack::from_dir(black_box(&dir), &options).unwrap_or_else(|e| panic!("{e}"));
            let query = parse("rutte", &pack.themes).unwrap_or_else(|e| panic!("{e}"));
            scan(&pack.cards, &query, &NoFlags).len()
        });
    });
    group.finish();
    drop(made);
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10));
    targets = bench
}
criterion_main!(benches);

//! Loads a pack, builds its index, writes it as a pack file's index parts (in memory) and reports
//! each part's size, then times queries on the index read from those parts against the index in
//! memory: the first time (nothing cached) and again.
//! `cargo run --release --example indexfile -- DIR [QUERY...]`

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use brief::pack::{LoadOptions, Pack};
use brief::packfile::cards::IdTable;
use brief::packfile::cards::write::write_ids;
use brief::packfile::{MemoryParts, PartSink, Parts};
use brief::search::{FileIndex, Index, NoFlags, parse, write_parts};

/// Runs of each query; the least time is given (the machine is shared).
const RUNS: usize = 300;

fn main() -> ExitCode {
    brief::work_on_main_thread();
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: indexfile DIR [QUERY...]");
        return ExitCode::from(2);
    };
    let mut queries: Vec<String> = args.collect();
    if queries.is_empty() {
        queries = [
            "ukr",
            "rutte allies ukraine",
            "\"prime minister\"",
            "theme:spending tag:russia",
            "stolt",
            "\"mark rutte\"",
            "burden",
            "actor:rutte",
        ]
        .map(String::from)
        .to_vec();
    }
    let pack = match Pack::from_dir(&dir, &LoadOptions::default()) {
        Ok(pack) => pack,
        Err(e) => {
            eprintln!("indexfile: {e}");
            return ExitCode::FAILURE;
        }
    };
    let index = Index::build(&pack.cards);
    let t = Instant::now();
    let mut parts = MemoryParts::new();
    if let Err(e) = write_parts(&index, &mut parts) {
        eprintln!("indexfile: {e}");
        return ExitCode::FAILURE;
    }
    println!("write {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    // The pack file's id table, which the index asks for ids (not counted in its bytes below).
    let ids: Vec<&str> = pack.cards.iter().map(|c| c.id.as_str()).collect();
    let mut id_parts = MemoryParts::new();
    if let Err(e) = write_ids(&ids, &mut id_parts) {
        eprintln!("indexfile: {e}");
        return ExitCode::FAILURE;
    }
    let mut total = 0;
    for (name, bytes) in parts.iter() {
        println!("{name:<18} {:>12} bytes", bytes.len());
        total += bytes.len();
    }
    println!(
        "{:<18} {total:>12} bytes (in memory: {})",
        "all",
        index.heap_bytes()
    );
    for (name, bytes) in id_parts.into_parts() {
        let _ = parts.add_part(&name, bytes);
    }
    let parts: Arc<dyn Parts> = Arc::new(parts);
    let t = Instant::now();
    let max = LoadOptions::default().limits.max_string_bytes as u64;
    let opened = IdTable::open(Arc::clone(&parts), ids.len() as u64, max)
        .and_then(|table| FileIndex::open(parts, Arc::new(table)));
    let file = match opened {
        Ok(file) => file,
        Err(e) => {
            eprintln!("indexfile: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("open {:.3} ms", t.elapsed().as_secs_f64() * 1e3);
    for text in &queries {
        let Ok(query) = parse(text, &pack.themes) else {
            eprintln!("indexfile: bad query {text}");
            return ExitCode::from(2);
        };
        let want = index.search(&query, &NoFlags);
        let mut memory = f64::MAX;
        for _ in 0..RUNS {
            let t = Instant::now();
            index.search(&query, &NoFlags);
            memory = memory.min(t.elapsed().as_secs_f64() * 1e3);
        }
        let mut times = Vec::new();
        let mut same = true;
        for _ in 0..=RUNS {
            let t = Instant::now();
            let got = file.search(&query, &NoFlags);
            times.push(t.elapsed().as_secs_f64() * 1e3);
            same &= got.as_ref().ok() == Some(&want);
        }
        println!(
            "{text:<28} {:>6} hits  memory {memory:.3} ms  file first {:.3} ms, then {:.3} ms (least of {RUNS}){}",
            want.len(),
            times[0],
            times[1..].iter().copied().fold(f64::MAX, f64::min),
            if same { "" } else { "  DIFFERENT" }
        );
    }
    ExitCode::SUCCESS
}

//! Loads a pack, builds the search index the viewer keeps, runs one query and reports the time of
//! each step and the process's peak memory (Linux): the whole-process figures in the README.
//! `cargo run --release --example indexpack -- DIR [QUERY]`

use std::process::ExitCode;
use std::time::Instant;

use brief::pack::{LoadOptions, Pack};
use brief::search::{Index, NoFlags, parse};

fn main() -> ExitCode {
    // As the `brief` binary does.
    brief::work_on_main_thread();
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: indexpack DIR [QUERY]");
        return ExitCode::from(2);
    };
    let text = args.next().unwrap_or_else(|| "rutte".into());
    let t = Instant::now();
    let pack = match Pack::from_dir(&dir, &LoadOptions::default()) {
        Ok(pack) => pack,
        Err(e) => {
            eprintln!("indexpack: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "load   {:>8.1} ms  {} cards  (RSS {})",
        ms(t),
        pack.cards.len(),
        status("VmRSS")
    );
    let t = Instant::now();
    let index = Index::build(&pack.cards);
    println!(
        "index  {:>8.1} ms  (RSS {}; the index holds {:.1} MB)",
        ms(t),
        status("VmRSS"),
        index.heap_bytes() as f64 / 1e6
    );
    let query = match parse(&text, &pack.themes) {
        Ok(q) => q,
        Err(e) => {
            eprintln!("indexpack: {e}");
            return ExitCode::from(2);
        }
    };
    let t = Instant::now();
    let hits = index.search(&query, &NoFlags);
    println!("search {:>8.3} ms  {} hits for {text}", ms(t), hits.len());
    // VmHWM: the resident set's high-water mark, i.e. peak RSS.
    println!("peak RSS {}", status("VmHWM"));
    ExitCode::SUCCESS
}

/// A line of /proc/self/status (Linux), such as the resident set size `VmRSS`.
fn status(key: &str) -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .map_or_else(|| "?".into(), |v| v.trim().to_string())
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

//! Loads a pack, builds the search index the viewer keeps, runs one query and reports the time of
//! each step and the process's peak memory (Linux): the whole-process figures in the README.
//! `cargo run --release --example indexpack -- DIR [QUERY]`

use std::process::ExitCode;
use std::time::Instant;

use brief::pack::{LoadOptions, Pack};
use brief::search::{Index, NoFlags, parse};

fn main() -> ExitCode {
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
    println!("load   {:>8.1} ms  {} cards", ms(t), pack.cards.len());
    let t = Instant::now();
    let index = Index::build(&pack.cards);
    println!("index  {:>8.1} ms", ms(t));
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
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    if let Some(line) = status.lines().find(|l| l.starts_with("VmHWM")) {
        println!("peak RSS {}", line.trim_start_matches("VmHWM:").trim());
    }
    ExitCode::SUCCESS
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

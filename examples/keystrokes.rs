//! Types the search benchmark's queries into the viewer a character at a time, on a pack file
//! (and, given its folder, on the same pack in memory), and prints each keystroke's time: the
//! per-prefix view of `cargo bench --bench first_frame -- keystroke`, and a small program to run
//! under a profiler: `valgrind --tool=callgrind --toggle-collect='*App>::refilter'
//! target/release/examples/keystrokes FILE` counts the instructions of the filter runs alone.
//! `cargo run --release --example keystrokes -- FILE [DIR]`.

use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use brief::corpus::{Corpus, Queries};
use brief::pack::{LoadOptions, Pack};
use brief::tui::action::Action;
use brief::tui::app::App;
use brief::tui::persist::Snapshot;

/// The queries, as the benchmark types them.
const TYPED: [&str; 4] = [
    "rutte allies",
    "burden",
    "theme:spending tag:russia",
    "\"prime minister\"",
];

fn main() -> ExitCode {
    brief::work_on_main_thread();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(file) = args.first() else {
        eprintln!("usage: keystrokes FILE [DIR]");
        return ExitCode::from(2);
    };
    let options = LoadOptions::default();
    let corpus = match Corpus::open_file(Path::new(file), &options, Queries::Many) {
        Ok(corpus) => corpus,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(3);
        }
    };
    let mut apps = vec![("file", App::new(corpus, Snapshot::default()))];
    if let Some(dir) = args.get(1) {
        match Pack::from_dir(Path::new(dir), &options) {
            Ok(pack) => {
                let corpus = Corpus::new(pack, Queries::Many);
                // Built before the first keystroke (the viewer builds it on its first query).
                corpus.index();
                apps.push(("memory", App::new(corpus, Snapshot::default())));
            }
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(3);
            }
        }
    }
    for (form, app) in &mut apps {
        app.update(Action::StartSearch);
        for text in TYPED {
            // Typed twice: the first time with the caches as the queries before left them.
            for round in ["first", "again"] {
                let times = typed(app, text);
                let shown: Vec<String> = times
                    .iter()
                    .map(|t| format!("{:.0}", t.as_micros()))
                    .collect();
                println!("{form} {round:5} {text:28} µs: {}", shown.join(" "));
            }
        }
    }
    ExitCode::SUCCESS
}

/// Each keystroke's time, typing `text` into a cleared search line.
fn typed(app: &mut App, text: &str) -> Vec<Duration> {
    app.update(Action::SearchClear);
    text.chars()
        .map(|c| {
            let start = Instant::now();
            app.update(Action::SearchInput(c));
            start.elapsed()
        })
        .collect()
}

//! Writes a large pack made from the built-in one, for benchmarks:
//! `cargo run --release --example genpack -- DIR [N] [SEED]` (N defaults to 100000).

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: genpack DIR [N] [SEED]");
        return ExitCode::from(2);
    };
    let n = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let seed = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    match brief::search::synth::write_pack(dir.as_ref(), n, seed) {
        Ok(()) => {
            println!("wrote {n} cards to {dir}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("genpack: {e}");
            ExitCode::FAILURE
        }
    }
}

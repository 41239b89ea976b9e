//! The `brief` binary: parse the command line, run the command, map the result to an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // The main thread works in rayon's pool rather than waiting on it: one thread fewer, and
    // half a big pack's cards are then allocated in the main heap, which grows in large steps
    // (a thread's own heap grows a page at a time, one system call each). If the pool cannot be
    // set up here, rayon sets up its usual one when first used.
    let _ = rayon::ThreadPoolBuilder::new()
        .use_current_thread()
        .build_global();
    let args = match brief::cli::Args::try_parse() {
        Ok(args) => args,
        Err(e) => return brief::exit::clap_error(&e),
    };
    brief::exit::report(brief::commands::run(args))
}

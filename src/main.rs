//! The `brief` binary: parse the command line, run the command, map the result to an exit code.

use std::process::ExitCode;

fn main() -> ExitCode {
    brief::work_on_main_thread();
    let args = match brief::cli::Args::parse_from_line(std::env::args_os()) {
        Ok(args) => args,
        Err(e) => return brief::exit::clap_error(&e),
    };
    brief::exit::report(brief::commands::run(args))
}

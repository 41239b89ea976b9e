//! `brief completions SHELL`: generated from the clap definitions, so it always matches the
//! command line.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::Args;
use crate::exit::{Failure, Outcome};

/// Prints the completion script for `shell`.
pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> Result<Outcome, Failure> {
    let mut command = Args::command();
    // Generated into memory first: clap_complete panics on a write error, and a closed pipe is not one.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "brief", &mut script);
    out.write_all(&script)?;
    Ok(Outcome::Ok)
}

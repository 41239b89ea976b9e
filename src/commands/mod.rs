//! The subcommands: each loads what it needs and prints plain text (or `--json`) to a writer.

mod list;
mod show;
mod themes;
mod validate;

use std::io::{self, Write};

use crate::cli::{Args, Command, PackSource, Settings};
use crate::exit::{Failure, Outcome};
use crate::pack::{LoadOptions, Pack};

/// Runs the command line's command, printing to stdout and warnings to stderr.
pub fn run(args: Args) -> Result<Outcome, Failure> {
    let no_color = std::env::var("NO_COLOR").ok();
    let (settings, command) = args.into_parts(no_color.as_deref());
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let outcome = run_command(&settings, &command, &mut out)?;
    out.flush()?;
    Ok(outcome)
}

/// Runs `command` with output to `out`.
pub fn run_command(
    settings: &Settings,
    command: &Command,
    out: &mut dyn Write,
) -> Result<Outcome, Failure> {
    match command {
        Command::Validate { format } => validate::run(settings, *format, out),
        Command::Browse => {
            load_pack(settings)?;
            writeln!(
                out,
                "brief: the interactive viewer is not built yet; try `brief list` or `brief --help`"
            )?;
            Ok(Outcome::Ok)
        }
        Command::List { query, format } => {
            list::run(settings, &load_pack(settings)?, query, *format, out)
        }
        Command::Show { id, format } => show::run(&load_pack(settings)?, id, *format, out),
        Command::Themes { format } => themes::run(&load_pack(settings)?, *format, out),
    }
}

/// Loads the pack the settings name, warning on stderr about any card that was skipped.
pub fn load_pack(settings: &Settings) -> Result<Pack, Failure> {
    let options = LoadOptions {
        strict: settings.strict,
        ..LoadOptions::default()
    };
    let pack = match &settings.pack {
        PackSource::Embedded => Pack::embedded(&options)?,
        PackSource::Dir(dir) => Pack::from_dir(dir, &options)?,
    };
    if pack.skipped > 0 {
        let mut err = io::stderr().lock();
        for problem in &pack.problems {
            let _ = writeln!(err, "brief: {problem}");
        }
        let _ = writeln!(
            err,
            "brief: warning: skipped {} bad card file(s) in {}; `brief validate` lists them, --strict refuses the pack",
            pack.skipped,
            pack.describe()
        );
    }
    Ok(pack)
}

/// Writes `value` as pretty JSON followed by a newline.
fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> Result<(), Failure> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::from)?;
    writeln!(out)?;
    Ok(())
}

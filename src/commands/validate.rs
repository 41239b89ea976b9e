//! `brief validate [DIR]`: every problem of a pack, one `file:line:column: message` per line.

use std::io::Write;

use serde::Serialize;

use crate::base::diagnostic::Diagnostic;
use crate::cli::{Format, PackSource, Settings};
use crate::exit::{Failure, Outcome};
use crate::pack::{LoadOptions, Pack};

#[derive(Serialize)]
struct Report<'a> {
    pack: String,
    cards: usize,
    skipped: usize,
    problems: &'a [Diagnostic],
}

/// Loads the pack without `--strict` (so every problem is found) and reports them all. Exits 3 when
/// there is any.
pub fn run(settings: &Settings, format: Format, out: &mut dyn Write) -> Result<Outcome, Failure> {
    let options = LoadOptions::default();
    let pack = match &settings.pack {
        PackSource::Embedded => Pack::embedded(&options)?,
        PackSource::Dir(dir) => Pack::from_dir(dir, &options)?,
    };
    let outcome = report(&pack, format, out);
    super::keep_until_exit(pack);
    outcome
}

/// Prints the pack's problems, and the verdict.
fn report(pack: &Pack, format: Format, out: &mut dyn Write) -> Result<Outcome, Failure> {
    let report = Report {
        pack: pack.describe(),
        cards: pack.cards.len(),
        skipped: pack.skipped,
        problems: &pack.problems,
    };
    match format {
        Format::Json => super::write_json(out, &report)?,
        Format::Text => {
            for problem in &pack.problems {
                writeln!(out, "{problem}")?;
            }
        }
    }
    if pack.problems.is_empty() {
        if format == Format::Text {
            writeln!(out, "{}: {} cards, no problems", report.pack, report.cards)?;
        }
        Ok(Outcome::Ok)
    } else {
        Err(Failure::Invalid(format!(
            "{}: {} problem(s); {} of {} card file(s) would be skipped",
            report.pack,
            pack.problems.len(),
            pack.skipped,
            pack.skipped + pack.cards.len()
        )))
    }
}

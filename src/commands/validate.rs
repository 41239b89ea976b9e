//! `brief validate [DIR|FILE]`: every problem of a pack folder, one `file:line:column: message`
//! per line; of a pack file, all of it checked and the first damaged part named.

use std::io::Write;
use std::path::Path;

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
        PackSource::File(path) => return check_file(path, &options, format, out),
    };
    let outcome = report(&pack, format, out);
    super::keep_until_exit(pack);
    outcome
}

/// What `brief validate FILE` found, in `--json` output.
#[derive(Serialize)]
struct FileReport {
    pack: String,
    cards: usize,
    parts: usize,
}

/// Checks all of a pack file (structure, every checksum, every card); the first damaged part is
/// the error, on one line (exit 3).
fn check_file(
    path: &Path,
    options: &LoadOptions,
    format: Format,
    out: &mut dyn Write,
) -> Result<Outcome, Failure> {
    let checked = crate::packfile::check::check_file(path, options)?;
    let report = FileReport {
        pack: crate::base::inert::visible(&path.display().to_string()).into_owned(),
        cards: checked.cards,
        parts: checked.parts,
    };
    match format {
        Format::Json => super::write_json(out, &report)?,
        Format::Text => writeln!(
            out,
            "{}: {} cards, {} parts, every checksum and card checked, no problems",
            report.pack, report.cards, report.parts
        )?,
    }
    Ok(Outcome::Ok)
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

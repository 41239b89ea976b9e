//! `brief config [--default] [--json]`: says which config file is in use and checks it, or prints
//! the default.

use std::io::Write;

use serde::Serialize;

use crate::base::diagnostic::Diagnostic;
use crate::cli::{Format, Settings};
use crate::config;
use crate::exit::{Failure, Outcome};

/// The check, in `--json` output.
#[derive(Serialize)]
struct Report<'a> {
    /// The config file in use, or where it is looked for; `null` when there is nowhere to look.
    config: Option<String>,
    /// Whether that file is there.
    present: bool,
    /// Every mistake, with its place.
    problems: &'a [Diagnostic],
    /// `require_signed` cannot be read, so no pack is opened from disk.
    trust_in_doubt: bool,
}

/// Prints the default config (`--default`), or the config file's path and every problem in it
/// (exit 3 when there is one).
pub fn run(
    settings: &Settings,
    default: bool,
    format: Format,
    out: &mut dyn Write,
) -> Result<Outcome, Failure> {
    let mut problems = settings.config_problems.clone();
    problems.extend(crate::tui::check_config(&settings.config));
    if default {
        out.write_all(config::DEFAULT.as_bytes())?;
        return Ok(Outcome::Ok);
    }
    let in_doubt = settings.config.trust_in_doubt.is_some();
    match format {
        Format::Json => {
            let path = settings.config.path.as_ref();
            let report = Report {
                config: path
                    .or(settings.default_config_path.as_ref())
                    .map(|p| p.display().to_string()),
                present: path.is_some(),
                problems: &problems,
                trust_in_doubt: in_doubt,
            };
            super::write_json(out, &report)?;
        }
        Format::Text => write_text(settings, &problems, out)?,
    }
    if problems.is_empty() {
        Ok(Outcome::Ok)
    } else {
        Err(Failure::Invalid(format!(
            "{} problem(s) in the config; brief uses the defaults for those settings and keeps the rest",
            problems.len()
        )))
    }
}

/// The check as text: the file, then one problem a line.
fn write_text(
    settings: &Settings,
    problems: &[Diagnostic],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match (&settings.config.path, &settings.default_config_path) {
        (Some(path), _) => writeln!(out, "config: {}", path.display())?,
        (None, Some(path)) => writeln!(
            out,
            "config: {} (not present; using the defaults)",
            path.display()
        )?,
        (None, None) => writeln!(
            out,
            "config: none (HOME and XDG_CONFIG_HOME are not set; using the defaults)"
        )?,
    }
    for problem in problems {
        writeln!(out, "{problem}")?;
    }
    if settings.config.trust_in_doubt.is_some() {
        writeln!(
            out,
            "require_signed cannot be read, so no pack is opened from disk until the config is fixed"
        )?;
    }
    Ok(())
}

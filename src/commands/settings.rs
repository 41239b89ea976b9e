//! `brief config [--default]`: says which config file is in use and checks it, or prints the default.

use std::io::Write;

use crate::cli::Settings;
use crate::config;
use crate::exit::{Failure, Outcome};

/// Prints the default config (`--default`), or the config file's path and every problem in it
/// (exit 3 when there is one).
pub fn run(settings: &Settings, default: bool, out: &mut dyn Write) -> Result<Outcome, Failure> {
    let mut problems = settings.config_problems.clone();
    problems.extend(crate::tui::user::check_keys(&settings.config));
    problems.extend(crate::tui::user::check_colors(&settings.config));
    if default {
        out.write_all(config::DEFAULT.as_bytes())?;
        return Ok(Outcome::Ok);
    }
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
    for problem in &problems {
        writeln!(out, "{problem}")?;
    }
    if settings.config.trust_in_doubt.is_some() {
        writeln!(
            out,
            "require_signed cannot be read, so no pack is opened from disk until the config is fixed"
        )?;
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

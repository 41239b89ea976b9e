//! `brief manifest DIR`: writes the pack's `manifest.json` for its author to sign.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::cli::Format;
use crate::exit::{Failure, Outcome};
use crate::pack::manifest;

/// What was written, in `--json` output.
#[derive(Serialize)]
struct Written {
    /// The manifest's path, its controls written out.
    manifest: String,
    /// How many files it lists.
    files: usize,
}

/// Writes `DIR/manifest.json` and says how to sign it.
pub fn run(dir: &Path, format: Format, out: &mut dyn Write) -> Result<Outcome, Failure> {
    let written = manifest::write(dir).map_err(|e| Failure::Untrusted(e.to_string()))?;
    let path = dir.join(manifest::MANIFEST);
    let shown = crate::base::inert::visible(&path.display().to_string()).into_owned();
    match format {
        Format::Json => super::write_json(
            out,
            &Written {
                manifest: shown,
                files: written.files.len(),
            },
        )?,
        Format::Text => {
            writeln!(out, "{shown}: {} files", written.files.len())?;
            writeln!(out, "sign it with: minisign -Sm {shown}")?;
        }
    }
    Ok(Outcome::Ok)
}

//! `brief manifest DIR`: writes the pack's `manifest.json` for its author to sign.

use std::io::Write;
use std::path::Path;

use crate::exit::{Failure, Outcome};
use crate::pack::manifest;

/// Writes `DIR/manifest.json` and says how to sign it.
pub fn run(dir: &Path, out: &mut dyn Write) -> Result<Outcome, Failure> {
    let written = manifest::write(dir).map_err(|e| Failure::Untrusted(e.to_string()))?;
    let path = dir.join(manifest::MANIFEST);
    let shown = crate::base::inert::visible(&path.display().to_string()).into_owned();
    writeln!(out, "{shown}: {} files", written.files.len())?;
    writeln!(out, "sign it with: minisign -Sm {shown}")?;
    Ok(Outcome::Ok)
}

//! `brief verify [DIR]`: every file against the manifest, and the manifest against its signature.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::cli::{Format, KeySource, PackSource, Settings};
use crate::exit::{Failure, Outcome};
use crate::pack::manifest::{self, Difference};

#[derive(Serialize)]
struct Report {
    pack: String,
    files: usize,
    signature: &'static str,
    differences: Vec<Difference>,
}

/// Checks the pack folder named by the settings; exits 3 if anything differs or the signature fails.
pub fn run(settings: &Settings, format: Format, out: &mut dyn Write) -> Result<Outcome, Failure> {
    let PackSource::Dir(dir) = &settings.pack else {
        return Err(Failure::Usage(
            "verify needs a pack folder (brief verify DIR, or --pack DIR); the built-in pack is trusted as built".into(),
        ));
    };
    let (manifest, bytes) = manifest::read(dir).map_err(|e| Failure::Untrusted(e.to_string()))?;
    let signature = match key_of(settings)? {
        Some(key) => {
            manifest::check_signature(dir, &bytes, &key)
                .map_err(|e| Failure::Untrusted(e.to_string()))?;
            "ok"
        }
        None => "not checked",
    };
    let differences =
        manifest::compare(dir, &manifest).map_err(|e| Failure::Untrusted(e.to_string()))?;
    let report = Report {
        pack: dir.display().to_string(),
        files: manifest.files.len(),
        signature,
        differences,
    };
    match format {
        Format::Json => super::write_json(out, &report)?,
        Format::Text => write_text(&report, dir, out)?,
    }
    if report.differences.is_empty() {
        Ok(Outcome::Ok)
    } else {
        Err(Failure::Untrusted(format!(
            "{}: {} file(s) differ from the manifest",
            report.pack,
            report.differences.len()
        )))
    }
}

fn write_text(report: &Report, dir: &Path, out: &mut dyn Write) -> std::io::Result<()> {
    for d in &report.differences {
        writeln!(out, "{}: {d}", dir.display())?;
    }
    match report.signature {
        "ok" => writeln!(out, "{}: signature ok", report.pack)?,
        _ => writeln!(
            out,
            "{}: signature NOT checked (no key: give --key FILE or --key-string KEY)",
            report.pack
        )?,
    }
    if report.differences.is_empty() {
        writeln!(
            out,
            "{}: all {} files match the manifest",
            report.pack, report.files
        )?;
    }
    Ok(())
}

/// The public key the settings name, if any.
fn key_of(settings: &Settings) -> Result<Option<minisign_verify::PublicKey>, Failure> {
    let text = match &settings.key {
        None => return Ok(None),
        Some(KeySource::Inline(text)) => text.clone(),
        Some(KeySource::File(path)) => std::fs::read_to_string(path).map_err(|e| {
            Failure::Usage(format!(
                "{}: cannot read the public key: {e}",
                path.display()
            ))
        })?,
    };
    manifest::parse_public_key(&text)
        .map(Some)
        .map_err(Failure::Usage)
}

/// For `--require-signed`: the pack in `dir` must have a manifest signed by the given key, and every
/// file must match it; otherwise the pack is refused, naming the file.
pub fn require_signed(dir: &Path, settings: &Settings) -> Result<(), Failure> {
    let Some(key) = key_of(settings)? else {
        return Err(Failure::Usage(
            "--require-signed needs a trusted key: --key FILE or --key-string KEY".into(),
        ));
    };
    let untrusted = |e: manifest::ManifestError| {
        Failure::Untrusted(format!("{e}; refusing the pack (--require-signed)"))
    };
    let (manifest, bytes) = manifest::read(dir).map_err(untrusted)?;
    manifest::check_signature(dir, &bytes, &key).map_err(untrusted)?;
    let differences = manifest::compare(dir, &manifest).map_err(untrusted)?;
    if let Some(first) = differences.first() {
        return Err(Failure::Untrusted(format!(
            "{}/{first}; refusing the pack (--require-signed){}",
            dir.display(),
            if differences.len() > 1 {
                format!(" and {} more difference(s)", differences.len() - 1)
            } else {
                String::new()
            }
        )));
    }
    Ok(())
}

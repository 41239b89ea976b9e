//! `brief verify [DIR]`: every file against the manifest, and the manifest against its signature.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::base::file::{self, Links};
use crate::base::inert::visible;
use crate::cli::{Format, KeySource, PackSource, Settings};
use crate::exit::{Failure, Outcome};
use crate::pack::manifest::{self, Difference};

/// Largest public key file read (a minisign `.pub` file is two short lines).
const MAX_KEY_BYTES: u64 = 64 * 1024;

/// A path from the command line or the config, as it may be printed.
fn shown(path: &Path) -> String {
    visible(&path.display().to_string()).into_owned()
}

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
    let keys = keys_of(settings)?;
    let signature = if keys.is_empty() {
        "not checked"
    } else {
        check_with_any(dir, &bytes, &keys).map_err(|e| Failure::Untrusted(e.to_string()))?;
        "ok"
    };
    let differences =
        manifest::compare(dir, &manifest).map_err(|e| Failure::Untrusted(e.to_string()))?;
    let report = Report {
        pack: shown(dir),
        files: manifest.files.len(),
        signature,
        differences,
    };
    match format {
        Format::Json => super::write_json(out, &report)?,
        Format::Text => write_text(&report, out)?,
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

fn write_text(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    for d in &report.differences {
        writeln!(out, "{}: {d}", report.pack)?;
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

/// The public keys the settings trust: `--key`/`--key-string`, else the config's trusted keys.
fn keys_of(settings: &Settings) -> Result<Vec<minisign_verify::PublicKey>, Failure> {
    settings
        .keys
        .iter()
        .map(|source| {
            let text = match source {
                KeySource::Inline(text) => text.clone(),
                KeySource::File(path) => {
                    file::read_bounded_text(path, MAX_KEY_BYTES, Links::Follow).map_err(|e| {
                        Failure::Usage(format!("{}: cannot read the public key: {e}", shown(path)))
                    })?
                }
            };
            manifest::parse_public_key(&text).map_err(Failure::Usage)
        })
        .collect()
}

/// Checks the signature with each trusted key; the first that verifies wins, else the last error.
fn check_with_any(
    dir: &Path,
    bytes: &[u8],
    keys: &[minisign_verify::PublicKey],
) -> Result<(), manifest::ManifestError> {
    let mut last = Ok(());
    for key in keys {
        last = manifest::check_signature(dir, bytes, key);
        if last.is_ok() {
            break;
        }
    }
    last
}

/// For `--require-signed`: the pack in `dir` must have a manifest signed by the given key, and every
/// file must match it; otherwise the pack is refused, naming the file.
pub fn require_signed(dir: &Path, settings: &Settings) -> Result<(), Failure> {
    let keys = keys_of(settings)?;
    if keys.is_empty() {
        return Err(Failure::Usage(
            "--require-signed needs a trusted key: --key FILE, --key-string KEY or trusted_keys in the config".into(),
        ));
    }
    let untrusted = |e: manifest::ManifestError| {
        Failure::Untrusted(format!("{e}; refusing the pack (--require-signed)"))
    };
    let (manifest, bytes) = manifest::read(dir).map_err(untrusted)?;
    check_with_any(dir, &bytes, &keys).map_err(untrusted)?;
    let differences = manifest::compare(dir, &manifest).map_err(untrusted)?;
    if let Some(first) = differences.first() {
        return Err(Failure::Untrusted(format!(
            "{}/{first}; refusing the pack (--require-signed){}",
            shown(dir),
            if differences.len() > 1 {
                format!(" and {} more difference(s)", differences.len() - 1)
            } else {
                String::new()
            }
        )));
    }
    Ok(())
}

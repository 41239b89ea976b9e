//! `brief verify [DIR|FILE]`: a folder's files against its manifest and the manifest against its
//! signature; a pack file against its own signature (`FILE.minisig`), or without a key, its
//! checksums.

use std::fs::File;
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
    let dir = match &settings.pack {
        PackSource::Dir(dir) => dir,
        PackSource::File(path) => return run_file(path, settings, format, out),
        PackSource::Embedded => {
            return Err(Failure::Usage(
                "verify needs a pack folder or pack file (brief verify DIR|FILE, or --pack DIR|FILE); the built-in pack is trusted as built".into(),
            ));
        }
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

/// What `brief verify FILE` found, in `--json` output.
#[derive(Serialize)]
struct FileReport {
    pack: String,
    /// `ok`, or `not checked` (no key).
    signature: &'static str,
    /// `ok` (every part's checksums, checked without a key), or `not checked` (the signature
    /// covers every byte).
    checksums: &'static str,
}

/// Checks a pack file's signature with the trusted keys; with none, checks every checksum of the
/// file instead and says plainly that the signature was not checked.
fn run_file(
    path: &Path,
    settings: &Settings,
    format: Format,
    out: &mut dyn Write,
) -> Result<Outcome, Failure> {
    let keys = keys_of(settings)?;
    let (file, shown_path, size) = crate::packfile::reader::open_file(path)?;
    let mut report = FileReport {
        pack: shown_path.clone(),
        signature: "not checked",
        checksums: "not checked",
    };
    if keys.is_empty() {
        let parts = crate::packfile::FileParts::of(file, shown_path, size)?;
        parts.check_all().map_err(|e| parts.error(e))?;
        report.checksums = "ok";
    } else {
        crate::packfile::sign::check(path, &file, &keys).map_err(Failure::Untrusted)?;
        report.signature = "ok";
    }
    match format {
        Format::Json => super::write_json(out, &report)?,
        Format::Text if report.signature == "ok" => {
            writeln!(out, "{}: signature ok", report.pack)?;
        }
        Format::Text => {
            writeln!(out, "{}: every checksum ok", report.pack)?;
            writeln!(
                out,
                "{}: signature NOT checked (no key: give --key FILE or --key-string KEY)",
                report.pack
            )?;
        }
    }
    Ok(Outcome::Ok)
}

/// For `--require-signed`: the pack file at `path`, open as `file`, must have a signature
/// (`FILE.minisig`) that one of the trusted keys verifies; otherwise it is refused.
pub fn require_signed_file(path: &Path, file: &File, settings: &Settings) -> Result<(), Failure> {
    let keys = keys_of(settings)?;
    if keys.is_empty() {
        return Err(Failure::Usage(
            "--require-signed needs a trusted key: --key FILE, --key-string KEY or trusted_keys in the config".into(),
        ));
    }
    crate::packfile::sign::check(path, file, &keys)
        .map_err(|e| Failure::Untrusted(format!("{e}; refusing the pack (--require-signed)")))
}

//! The pack manifest (`manifest.json`: the SHA-256 of every file of a pack) and its minisign signature
//! (`manifest.json.minisig`). Signing is left to the standard `minisign` tool; checking uses the
//! `minisign-verify` crate: no hand-written cryptography.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io::Read;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::base::file::{self, Links};
use crate::base::inert::visible;
use sha2::{Digest, Sha256};

/// The manifest's file name, at the pack root.
pub const MANIFEST: &str = "manifest.json";
/// The signature's file name, beside the manifest.
pub const SIGNATURE: &str = "manifest.json.minisig";
/// The manifest format this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;
/// Largest manifest read, in bytes (a million cards at ~100 bytes an entry fits).
const MAX_MANIFEST_BYTES: u64 = 256 * 1024 * 1024;
/// Largest signature read, in bytes (a minisign signature is a few hundred).
const MAX_SIGNATURE_BYTES: u64 = 64 * 1024;

/// `manifest.json`: every file of the pack, by path relative to the pack root, with its digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Format version ([`FORMAT_VERSION`]).
    pub version: u32,
    /// Path (with `/`, sorted) → lower-case hex SHA-256.
    pub files: BTreeMap<String, String>,
}

/// Why a manifest could not be made or checked.
#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    /// A file or folder could not be read or written.
    #[error("{path}: {reason}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
    /// `manifest.json` is not a manifest this build understands.
    #[error("{path}: {reason}")]
    Format {
        /// The manifest's path.
        path: String,
        /// What is wrong.
        reason: String,
    },
}

/// One way a pack differs from its manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "problem", content = "path", rename_all = "snake_case")]
pub enum Difference {
    /// The file's digest is not the one in the manifest.
    Changed(String),
    /// The manifest lists a file that is not there (or is not a plain file).
    Missing(String),
    /// A file is present that the manifest does not list.
    NotInManifest(String),
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Difference::Changed(p) => {
                write!(f, "{p}: differs from the manifest (SHA-256 does not match)")
            }
            Difference::Missing(p) => write!(f, "{p}: listed in the manifest but missing"),
            Difference::NotInManifest(p) => write!(f, "{p}: present but not in the manifest"),
        }
    }
}

fn io_err(path: &Path, e: impl std::fmt::Display) -> ManifestError {
    ManifestError::Io {
        path: shown(&path.display().to_string()),
        reason: e.to_string(),
    }
}

/// The digest of every plain file under `dir`, except the manifest and its signature. A symbolic
/// link is an error: it is never followed, and a pack that holds one cannot be vouched for.
pub fn build(dir: &Path) -> Result<Manifest, ManifestError> {
    let mut files = BTreeMap::new();
    for rel in list_files(dir)? {
        let digest = digest_file(&dir.join(&rel)).map_err(|e| io_err(&dir.join(&rel), e))?;
        files.insert(rel, digest);
    }
    Ok(Manifest {
        version: FORMAT_VERSION,
        files,
    })
}

/// Writes `dir/manifest.json` for the pack in `dir`, returning it.
pub fn write(dir: &Path) -> Result<Manifest, ManifestError> {
    let manifest = build(dir)?;
    let mut text = serde_json::to_string_pretty(&manifest).map_err(|e| io_err(dir, e))?;
    text.push('\n');
    let path = dir.join(MANIFEST);
    file::write_atomically(&path, text.as_bytes(), file::Existing::Replace)
        .map_err(|e| io_err(&path, e))?;
    Ok(manifest)
}

/// Reads `dir/manifest.json`, returning it with its exact bytes (which the signature covers).
pub fn read(dir: &Path) -> Result<(Manifest, Vec<u8>), ManifestError> {
    let path = dir.join(MANIFEST);
    let bytes = file::read_bounded(&path, MAX_MANIFEST_BYTES, Links::Refuse)
        .map_err(|e| io_err(&path, e))?;
    let format = |reason: String| ManifestError::Format {
        path: shown(&path.display().to_string()),
        reason,
    };
    let manifest: Manifest = serde_json::from_slice(&bytes).map_err(|e| format(e.to_string()))?;
    if manifest.version != FORMAT_VERSION {
        return Err(format(format!(
            "manifest version {} is not supported (this build reads {FORMAT_VERSION})",
            manifest.version
        )));
    }
    if let Some(bad) = manifest.files.keys().find(|p| !is_safe_relative(p)) {
        return Err(format(format!(
            "unsafe path '{}' (must be relative, without '..')",
            visible(bad)
        )));
    }
    Ok((manifest, bytes))
}

/// Every way the files in `dir` differ from `manifest`, in path order.
pub fn compare(dir: &Path, manifest: &Manifest) -> Result<Vec<Difference>, ManifestError> {
    let present = list_files_lenient(dir)?;
    let mut differences = Vec::new();
    for (rel, want) in &manifest.files {
        let path = dir.join(rel);
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_file() => match digest_file(&path) {
                Ok(got) if got == *want => {}
                Ok(_) => differences.push(Difference::Changed(shown(rel))),
                Err(_) => differences.push(Difference::Missing(shown(rel))),
            },
            _ => differences.push(Difference::Missing(shown(rel))),
        }
    }
    for rel in present {
        if !manifest.files.contains_key(&rel) {
            differences.push(Difference::NotInManifest(shown(&rel)));
        }
    }
    differences.sort_by(|a, b| path_of(a).cmp(path_of(b)));
    Ok(differences)
}

/// A name from the pack's folder or its manifest, as it may be printed: its control and bidi
/// characters written out (a file named with an OSC 52 sequence must not write the clipboard).
fn shown(rel: &str) -> String {
    visible(rel).into_owned()
}

fn path_of(d: &Difference) -> &str {
    match d {
        Difference::Changed(p) | Difference::Missing(p) | Difference::NotInManifest(p) => p,
    }
}

/// A public key, from a minisign `.pub` file's text or a bare base64 key string.
pub fn parse_public_key(text: &str) -> Result<minisign_verify::PublicKey, String> {
    let trimmed = text.trim();
    let parsed = if trimmed.lines().count() > 1 {
        minisign_verify::PublicKey::decode(trimmed)
    } else {
        minisign_verify::PublicKey::from_base64(trimmed)
    };
    parsed.map_err(|e| format!("not a minisign public key: {e}"))
}

/// Checks `dir/manifest.json.minisig` against the manifest's bytes with `key`.
pub fn check_signature(
    dir: &Path,
    manifest_bytes: &[u8],
    key: &minisign_verify::PublicKey,
) -> Result<(), ManifestError> {
    let path = dir.join(SIGNATURE);
    let bytes = file::read_bounded(&path, MAX_SIGNATURE_BYTES, Links::Refuse)
        .map_err(|e| io_err(&path, e))?;
    let bad = |reason: String| ManifestError::Format {
        path: shown(&path.display().to_string()),
        reason,
    };
    let text = String::from_utf8(bytes)
        .map_err(|_| bad("not a minisign signature (invalid UTF-8)".into()))?;
    let signature = minisign_verify::Signature::decode(&text)
        .map_err(|e| bad(format!("not a minisign signature: {e}")))?;
    key.verify(manifest_bytes, &signature, false)
        .map_err(|e| bad(format!("signature does not verify {MANIFEST}: {e}")))
}

fn digest_file(path: &Path) -> Result<String, file::ReadError> {
    let mut file = file::open_regular(path, Links::Refuse)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    let mut hex = String::with_capacity(64);
    for byte in hasher.finalize() {
        let _ = write!(hex, "{byte:02x}");
    }
    Ok(hex)
}

fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

/// Every plain file under `dir` (relative, `/`-separated, sorted), except the manifest and its
/// signature; a symbolic link anywhere is an error.
fn list_files(dir: &Path) -> Result<Vec<String>, ManifestError> {
    let mut out = Vec::new();
    walk(dir, dir, &mut out, true, 0)?;
    out.sort();
    Ok(out)
}

/// Like [`list_files`], but a symbolic link is listed (as present) instead of failing, so `compare`
/// can report it as not in the manifest.
fn list_files_lenient(dir: &Path) -> Result<Vec<String>, ManifestError> {
    let mut out = Vec::new();
    walk(dir, dir, &mut out, false, 0)?;
    out.sort();
    Ok(out)
}

/// How deep folders in a pack may nest: a pack has `cards/`, and a deeper tree is someone's
/// attempt to exhaust the stack.
const MAX_DEPTH: usize = 32;

fn walk(
    root: &Path,
    dir: &Path,
    out: &mut Vec<String>,
    refuse_links: bool,
    depth: usize,
) -> Result<(), ManifestError> {
    if depth >= MAX_DEPTH {
        return Err(io_err(
            dir,
            format!("folders nested more than {MAX_DEPTH} deep"),
        ));
    }
    for entry in fs::read_dir(dir).map_err(|e| io_err(dir, e))? {
        let entry = entry.map_err(|e| io_err(dir, e))?;
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| io_err(&path, e))?;
        let rel = path
            .strip_prefix(root)
            .map_err(|e| io_err(&path, e))?
            .to_string_lossy()
            .replace('\\', "/");
        if kind.is_dir() {
            walk(root, &path, out, refuse_links, depth + 1)?;
        } else if kind.is_symlink() && refuse_links {
            return Err(io_err(
                &path,
                "symbolic link in the pack (not followed; replace it with the file)",
            ));
        } else if rel != MANIFEST && rel != SIGNATURE {
            out.push(rel);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_paths() {
        assert!(is_safe_relative("cards/a.json"));
        assert!(!is_safe_relative("../etc/passwd"));
        assert!(!is_safe_relative("/etc/passwd"));
        assert!(!is_safe_relative("cards//a.json"));
        assert!(!is_safe_relative("cards/./a.json"));
    }
}

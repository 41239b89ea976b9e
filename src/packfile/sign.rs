//! A pack file's signature: `FILE.minisig`, made by the standard tool (`minisign -Sm FILE`),
//! checked with the `minisign-verify` crate (no hand-written cryptography). A prehashed
//! signature (`ED`, what minisign makes by default) is checked as the file streams through a
//! BLAKE2b hash, a megabyte at a time, so a big file is never in memory at once; a legacy one
//! (`Ed`, `minisign -l`) signs the bytes themselves, so the file is read whole, up to a bound.

use std::fs::File;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use minisign_verify::{Error as SigError, PublicKey, Signature};

use crate::base::file::{self, Links};
use crate::base::inert::visible;

/// The largest signature file read (minisign's are a few hundred bytes).
const MAX_SIGNATURE_BYTES: u64 = 64 * 1024;
/// The largest file a legacy signature is checked over (it must be read whole).
pub const MAX_LEGACY_BYTES: u64 = 256 * 1024 * 1024;
/// How much of the file is hashed at a time.
const CHUNK: usize = 1 << 20;

/// Where the signature of the pack file `path` is: `path` + `.minisig`, as minisign writes it.
pub fn signature_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".minisig");
    PathBuf::from(name)
}

/// Checks the signature of the pack file `path` (opened as `file`, so the bytes checked are the
/// bytes that will be read) with each of `keys` in turn; the first that verifies wins. The error
/// names the signature file and says what failed.
pub fn check(path: &Path, file: &File, keys: &[PublicKey]) -> Result<(), String> {
    let sig_path = signature_path(path);
    let shown = visible(&sig_path.display().to_string()).into_owned();
    let text = file::read_bounded_text(&sig_path, MAX_SIGNATURE_BYTES, Links::Follow)
        .map_err(|e| format!("{shown}: cannot read the signature: {e}"))?;
    let signature =
        Signature::decode(&text).map_err(|e| format!("{shown}: not a minisign signature: {e}"))?;
    let size = file
        .metadata()
        .map_err(|e| format!("{shown}: cannot read the file it signs: {e}"))?
        .len();
    let mut last = String::from("no trusted key");
    for key in keys {
        match check_one(file, size, key, &signature) {
            Ok(()) => return Ok(()),
            Err(why) => last = why,
        }
    }
    let file_shown = visible(&path.display().to_string()).into_owned();
    Err(format!(
        "{shown}: signature does not verify {file_shown}: {last}"
    ))
}

fn check_one(file: &File, size: u64, key: &PublicKey, signature: &Signature) -> Result<(), String> {
    match key.verify_stream(signature) {
        Ok(mut stream) => {
            let mut buf = vec![0u8; CHUNK];
            let mut at = 0u64;
            while at < size {
                let n = usize::try_from(size - at).map_or(CHUNK, |left| left.min(CHUNK));
                file.read_exact_at(&mut buf[..n], at)
                    .map_err(|e| format!("cannot read the file at byte {at}: {e}"))?;
                stream.update(&buf[..n]);
                at += n as u64;
            }
            stream.finalize().map_err(|e| e.to_string())
        }
        Err(SigError::UnsupportedLegacyMode) => {
            if size > MAX_LEGACY_BYTES {
                return Err(format!(
                    "a legacy signature (minisign -l) over {size} bytes, over the bound of {MAX_LEGACY_BYTES}: sign it again without -l"
                ));
            }
            let mut bytes = vec![0u8; usize::try_from(size).unwrap_or(0)];
            file.read_exact_at(&mut bytes, 0)
                .map_err(|e| format!("cannot read the file: {e}"))?;
            key.verify(&bytes, signature, true)
                .map_err(|e| e.to_string())
        }
        Err(e) => Err(e.to_string()),
    }
}

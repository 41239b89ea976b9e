//! `brief build DIR [-o FILE]`: a pack folder, checked as `brief validate` checks it, written as
//! one pack file (cards, themes, sources and the search index; `docs/packfile.md`), atomically.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;

use crate::base::file::{self, Existing, Links};
use crate::base::inert::visible;
use crate::cli::{Command, Format, Settings};
use crate::exit::{Failure, Outcome};
use crate::pack::{LoadOptions, Pack};
use crate::packfile::format::MAGIC;

/// What to build and where.
pub struct Request<'a> {
    /// The pack folder.
    pub dir: &'a Path,
    /// The file to write, or `None` for `NAME.brief` beside the folder.
    pub output: Option<&'a Path>,
    /// Replace an existing file that is not a pack file.
    pub force: bool,
    /// Output format.
    pub format: Format,
}

impl<'a> Request<'a> {
    /// The request `brief build` makes (any other command asks for nothing to be built: the
    /// built-in pack's folder, to no file).
    pub fn of(command: &'a Command) -> Request<'a> {
        match command {
            Command::Build {
                dir,
                output,
                force,
                format,
            } => Request {
                dir,
                output: output.as_deref(),
                force: *force,
                format: *format,
            },
            _ => Request {
                dir: Path::new(""),
                output: None,
                force: false,
                format: Format::Text,
            },
        }
    }
}

/// What was written, in `--json` output.
#[derive(Serialize)]
struct Built {
    /// The file, its controls written out.
    file: String,
    /// How many cards it holds.
    cards: usize,
    /// How many bad card files were skipped.
    skipped: usize,
    /// Its size.
    bytes: u64,
    /// How long the build took, in seconds.
    seconds: f64,
}

/// Loads the folder (bad cards skipped and reported, or with `--strict` the pack refused), lays
/// it out as a pack file and writes it atomically. An existing pack file at the target is
/// replaced; any other file only with `--force`.
pub fn run(
    settings: &Settings,
    request: &Request<'_>,
    out: &mut dyn Write,
) -> Result<Outcome, Failure> {
    let started = Instant::now();
    let target = match request.output {
        Some(path) => path.to_path_buf(),
        None => default_output(request.dir)?,
    };
    let shown = visible(&target.display().to_string()).into_owned();
    check_target(&target, &shown, request.force)?;
    let options = LoadOptions {
        strict: settings.strict,
        ..LoadOptions::default()
    };
    let pack = Pack::from_dir(request.dir, &options)?;
    super::warn_skipped(&pack, "the file holds the rest; ");
    let bytes = crate::packfile::build::file_bytes(&pack)
        .map_err(|e| Failure::Build(format!("{shown}: cannot build: {e}")))?;
    file::write_atomically(&target, &bytes, Existing::Replace)
        .map_err(|e| Failure::Build(format!("{shown}: cannot write: {}", e.in_full())))?;
    let built = Built {
        file: shown,
        cards: pack.cards.len(),
        skipped: pack.skipped,
        bytes: bytes.len() as u64,
        seconds: started.elapsed().as_secs_f64(),
    };
    match request.format {
        Format::Json => super::write_json(out, &built)?,
        Format::Text => writeln!(
            out,
            "wrote {}: {} cards, {} bytes, in {:.2} s",
            built.file, built.cards, built.bytes, built.seconds
        )?,
    }
    super::keep_until_exit(pack);
    Ok(Outcome::Ok)
}

/// `NAME.brief` beside the folder `dir` (named by the folder itself, so `.` works too).
fn default_output(dir: &Path) -> Result<PathBuf, Failure> {
    let full = std::fs::canonicalize(dir).map_err(|e| {
        let shown = visible(&dir.display().to_string()).into_owned();
        Failure::Pack(crate::pack::PackError::Read {
            path: shown,
            reason: e.to_string(),
        })
    })?;
    match (full.parent(), full.file_name()) {
        (Some(parent), Some(name)) => {
            let mut file = name.to_owned();
            file.push(".brief");
            Ok(parent.join(file))
        }
        _ => Err(Failure::Usage(
            "the folder has no name to call its pack file by: give -o FILE".into(),
        )),
    }
}

/// Refuses to replace a file that is there and is not a pack file, unless forced: `-o` pointed
/// at the wrong file must not cost its contents. (The atomic writer refuses anything but a
/// regular file whatever this says.)
fn check_target(target: &Path, shown: &str, force: bool) -> Result<(), Failure> {
    if force {
        return Ok(());
    }
    match file::open_regular(target, Links::Refuse) {
        Ok(found) => {
            let mut head = [0u8; MAGIC.len()];
            let is_pack = std::os::unix::fs::FileExt::read_exact_at(&found, &mut head, 0).is_ok()
                && head == MAGIC;
            if is_pack {
                Ok(())
            } else {
                Err(Failure::Build(format!(
                    "{shown}: exists and is not a pack file; not replaced (use --force to replace it)"
                )))
            }
        }
        Err(e) if e.is_not_found() => Ok(()),
        Err(e) => Err(Failure::Build(format!("{shown}: {e}; not replaced"))),
    }
}

//! Where the state file really is, and whether brief may use what is there.
//!
//! A symbolic link is followed, link by link, to the file it names, which brief reads and
//! replaces (the temp file goes beside that file and the rename onto it, so the link stays). A
//! link whose target is missing (a sync folder not there yet) is written through: the first save
//! creates the target, in its folder, which must exist: brief creates no folder behind a link.
//! Anything but a regular file or nothing at the end (a device, a FIFO, a folder, a socket, a
//! loop of links) is refused before anything is created, renamed or written beside it.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::base::file::{folder, irregular_kind};

/// How many links are followed before the chain counts as a loop (Linux's own limit).
const MAX_LINKS: usize = 40;

/// The state file, found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The file brief reads and replaces: the path given, or the end of its chain of links.
    pub file: PathBuf,
    /// Whether a regular file is there now (else nothing is there yet).
    pub exists: bool,
    /// The link the user named, if `file` is reached through one.
    pub link: Option<PathBuf>,
}

impl Place {
    /// For a link whose target is not there yet, a sentence saying so.
    pub fn dangling(&self) -> Option<String> {
        let link = self.link.as_ref().filter(|_| !self.exists)?;
        Some(format!(
            "{} is a symbolic link to {}, which does not exist yet",
            link.display(),
            self.file.display()
        ))
    }
}

/// Follows `path` through any links and checks what is at the end: a regular file, or nothing
/// (in a folder that exists, for a link). Anything else is an error naming `path` and what it is.
pub fn locate(path: &Path) -> Result<Place, String> {
    let mut file = path.to_path_buf();
    for links in 0..=MAX_LINKS {
        let through_link = links > 0;
        let meta = match fs::symlink_metadata(&file) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return missing(path, file, through_link);
            }
            Err(e) => return Err(format!("cannot examine {}: {e}", file.display())),
        };
        if meta.file_type().is_symlink() {
            let target = fs::read_link(&file)
                .map_err(|e| format!("cannot read the link {}: {e}", file.display()))?;
            // A relative target is relative to the link's own folder.
            file = folder(&file).join(target);
            continue;
        }
        if let Some(kind) = irregular_kind(&meta) {
            let what = if through_link {
                format!(
                    "{} leads to {}, which is {kind}",
                    path.display(),
                    file.display()
                )
            } else {
                format!("{} is {kind}", path.display())
            };
            return Err(format!(
                "{what}, not a regular file; brief uses only a regular file as its state file, \
                 and leaves this one alone"
            ));
        }
        let link = through_link.then(|| path.to_path_buf());
        return Ok(Place {
            file,
            exists: true,
            link,
        });
    }
    Err(format!(
        "{} is a loop of symbolic links (or a chain of more than {MAX_LINKS})",
        path.display()
    ))
}

/// Nothing at `file`, the end of `path`'s links: fine for a plain path (its folders are made at
/// the first save); behind a link, only if the target's folder is there.
fn missing(path: &Path, file: PathBuf, through_link: bool) -> Result<Place, String> {
    if !through_link {
        return Ok(Place {
            file,
            exists: false,
            link: None,
        });
    }
    let dir = folder(&file);
    if !dir.is_dir() {
        return Err(format!(
            "{} is a symbolic link to {}, whose folder {} does not exist (a synced or mounted \
             folder not there yet?); brief creates no folder behind a link",
            path.display(),
            file.display(),
            dir.display()
        ));
    }
    Ok(Place {
        file,
        exists: false,
        link: Some(path.to_path_buf()),
    })
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn a_plain_path_is_itself_there_or_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("none").join("state.json");
        let place = locate(&path).unwrap();
        assert_eq!((place.file, place.exists, place.link), (path, false, None));
    }

    #[test]
    fn a_chain_of_relative_links_ends_at_the_file() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        fs::write(dir.path().join("sub").join("real.json"), b"{}").unwrap();
        symlink("real.json", dir.path().join("sub").join("mid.json")).unwrap();
        let link = dir.path().join("state.json");
        symlink("sub/mid.json", &link).unwrap();
        let place = locate(&link).unwrap();
        assert_eq!(
            fs::canonicalize(&place.file).unwrap(),
            fs::canonicalize(dir.path().join("sub/real.json")).unwrap()
        );
        assert!(place.exists && place.dangling().is_none());
        assert_eq!(place.link, Some(link));
    }

    #[test]
    fn a_dangling_link_names_its_target_and_a_loop_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("state.json");
        symlink("later.json", &link).unwrap();
        let place = locate(&link).unwrap();
        assert!(!place.exists);
        assert!(
            place
                .dangling()
                .unwrap()
                .contains("later.json, which does not exist yet")
        );
        let looping = dir.path().join("a");
        symlink("b", &looping).unwrap();
        symlink("a", dir.path().join("b")).unwrap();
        assert!(
            locate(&looping)
                .unwrap_err()
                .contains("a loop of symbolic links")
        );
    }

    #[test]
    fn what_is_not_a_regular_file_is_refused_by_kind() {
        let dir = tempfile::tempdir().unwrap();
        let e = locate(dir.path()).unwrap_err();
        assert!(e.contains("is a folder, not a regular file"), "{e}");
        let link = dir.path().join("to-folder");
        symlink(dir.path(), &link).unwrap();
        let e = locate(&link).unwrap_err();
        assert!(
            e.contains("leads to") && e.contains("which is a folder"),
            "{e}"
        );
    }
}

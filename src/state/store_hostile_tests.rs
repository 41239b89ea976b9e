//! The store against state files that are not what brief writes: other kinds of file at the path,
//! links, a file too big.

use std::fs;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use super::*;

fn folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    (dir, path)
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Opens the store as the viewer does, failing (not hanging) if that takes more than 10 s.
fn open_within_10_s(path: &Path) -> Store {
    let (send, receive) = mpsc::channel();
    let location = StateLocation::Path(path.to_path_buf());
    std::thread::spawn(move || send.send(Box::new(Store::open(&location))));
    *receive
        .recv_timeout(Duration::from_secs(10))
        .expect("opening the store hung")
}

/// The store is unusable, says why (naming the path and `kind`), and nothing is beside the path.
fn assert_refused(dir: &Path, path: &Path, kind: &str) {
    let mut store = open_within_10_s(path);
    let notices = store.take_notices();
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(notices[0].contains(&*path.to_string_lossy()), "{notices:?}");
    assert!(
        notices[0].contains(&format!("{kind}, not a regular file")),
        "{notices:?}"
    );
    assert!(notices[0].contains("bookmarks will not be kept this session"));
    assert!(store.unusable().is_some() && !store.is_persistent());
    assert!(store.set_bookmark("a", true).is_err());
    assert!(store.set_note("a", Some("n")).is_err());
    assert!(store.mark_read("a").is_err());
    assert!(store.refresh().is_ok());
    assert!(store.state().is_bookmarked("a"), "kept in memory");
    assert_eq!(names(dir), ["state.json"]);
}

// A FIFO as the state file hung the viewer (a blank screen) waiting for a writer.
#[cfg(unix)]
#[test]
fn a_fifo_state_file_is_refused_at_once_and_nothing_is_made_beside_it() {
    let (dir, path) = folder();
    rustix::fs::mkfifoat(rustix::fs::CWD, &path, rustix::fs::Mode::RUSR).unwrap();
    assert_refused(dir.path(), &path, "a FIFO");
}

// As root, a device as the state file was renamed aside as corrupt and a lock file made beside it.
#[cfg(unix)]
#[test]
fn a_device_state_file_is_refused_and_nothing_is_made_beside_it() {
    let (dir, path) = folder();
    // A node like /dev/null (char 1,3), in the tempdir: never a real device. It needs CAP_MKNOD
    // (we run as root); without that privilege there is nothing to test.
    let made = rustix::fs::mknodat(
        rustix::fs::CWD,
        &path,
        rustix::fs::FileType::CharacterDevice,
        rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR,
        rustix::fs::makedev(1, 3),
    );
    if let Err(rustix::io::Errno::PERM | rustix::io::Errno::ACCESS) = made {
        eprintln!("skipped: making a device node needs privilege (CAP_MKNOD)");
        return;
    }
    made.unwrap();
    assert_refused(dir.path(), &path, "a character device");
}

// A dangling link was replaced by a regular file (and its temp file made beside the link).
#[cfg(unix)]
#[test]
fn a_dangling_link_is_written_through_with_the_temp_file_beside_its_target() {
    let (dir, link) = folder();
    let synced = dir.path().join("synced");
    fs::create_dir(&synced).unwrap();
    std::os::unix::fs::symlink("synced/mine.json", &link).unwrap();
    let mut store = Store::open_path(&link);
    let notices = store.take_notices();
    assert!(
        notices[0].contains("which does not exist yet"),
        "{notices:?}"
    );
    store.set_bookmark("a", true).unwrap();
    assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
    assert_eq!(names(&synced), ["mine.json", "mine.json.lock"]);
    assert!(Store::open_path(&link).state().is_bookmarked("a"));
    assert!(
        Store::open_path(&synced.join("mine.json"))
            .state()
            .is_bookmarked("a")
    );
}

// (New bound.) No save writes a file over MAX_STATE_BYTES, which brief would refuse to read.
#[test]
fn a_state_over_the_file_bound_is_not_written() {
    let max = usize::try_from(MAX_STATE_BYTES).unwrap();
    assert!(within_bound(max).is_ok());
    let e = within_bound(max + 1).unwrap_err();
    assert!(e.contains("over 64 MiB"), "{e}");
}

//! Opening a [`Store`]: finding the state file (following links, refusing anything but a regular
//! file), taking the lock, checking the folder can be written, and the first read.

use std::io;
use std::path::Path;

use super::{Backing, Store};
use crate::base::file::folder;
use crate::state::lock::lock;
use crate::state::{StateLocation, disk, place};

impl Store {
    /// Opens the state at `location`. Never fails: a file or folder that cannot be used becomes a
    /// notice, and the store runs in memory.
    pub fn open(location: &StateLocation) -> Store {
        match location.resolve() {
            Ok(path) => Store::open_path(&path),
            Err(e) => {
                let mut store = Store::new(None, Backing::Unusable(e.clone()));
                store.notices.push(e.to_string());
                store
            }
        }
    }

    /// Opens the state at `location` for a command that only reads it (`list` and `export` with an
    /// `is:` filter, `notes`, `bookmarks list`): as [`Store::open`] when the state file is there,
    /// or when its folder could never hold one (a file stands in its way: that is said). When there
    /// is simply no state yet, the state is empty and nothing is created (no folder, no lock file);
    /// a link whose target is missing, or a loop of links, is said too.
    /// Not for changes: with no file, they would be kept in memory only.
    pub fn open_to_read(location: &StateLocation) -> Store {
        let Ok(path) = location.resolve() else {
            return Store::open(location);
        };
        let place = match place::locate(&path) {
            Ok(place) => place,
            Err(reason) => return Store::refused(&path, reason),
        };
        if let Some(dangling) = place.dangling() {
            let mut store = Store::new(Some(place.file), Backing::Memory);
            store
                .notices
                .push(format!("{dangling}: there is no state to read"));
            return store;
        }
        // The nearest part of the folder's path that is there (none: a relative path in the
        // current folder).
        let folder = folder(&place.file).ancestors().find(|a| a.exists());
        if !place.exists && folder.is_none_or(Path::is_dir) {
            return Store::new(Some(place.file), Backing::Memory);
        }
        Store::open_path(&path)
    }

    /// Opens the state file at `path`: creates its folder (0700) and lock file if needed, checks the
    /// folder can be written, reads the file, and sets a bad one aside. If `path` is a symbolic
    /// link, the file it points to is the state file (created by the first save if it is not there
    /// yet). Anything but a regular file there is refused, and nothing at all is done beside it.
    pub fn open_path(path: &Path) -> Store {
        let place = match place::locate(path) {
            Ok(place) => place,
            Err(reason) => return Store::refused(path, reason),
        };
        let mut store = Store::new(Some(place.file.clone()), Backing::File);
        if let Some(dangling) = place.dangling() {
            store.notices.push(format!(
                "{dangling}; brief creates it with the first change"
            ));
        }
        let path = place.file.as_path();
        let lock = match lock(path) {
            Ok(lock) => Some(lock),
            Err(reason) => {
                store.make_unusable(path, reason);
                None
            }
        };
        if lock.is_some()
            && let Err(e) = disk::probe_writable(path)
        {
            let dir = folder(path).display();
            let reason = match e.kind() {
                io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
                    format!("the folder {dir} is read-only ({e})")
                }
                _ => format!("cannot create files in {dir}: {e}"),
            };
            store.make_unusable(path, reason);
        }
        let may_set_aside = matches!(store.backing, Backing::File);
        match store.read_disk(path, may_set_aside) {
            Ok(state) => store.state = state.unwrap_or_default(),
            Err(reason) if may_set_aside => store.make_unusable(path, reason),
            // Unusable already: say more only about a file that is there but cannot be used.
            Err(reason) => {
                if path.exists() {
                    store
                        .notices
                        .push(format!("{reason}; started from empty state"));
                }
            }
        }
        store.seen = disk::fingerprint(path);
        drop(lock);
        store
    }

    /// A store for a state path that cannot be used at all (not a regular file, a loop of links...):
    /// nothing is created, read or written, and the reason is the one notice.
    fn refused(path: &Path, reason: String) -> Store {
        let mut store = Store::new(Some(path.to_path_buf()), Backing::File);
        store.make_unusable(path, reason);
        // So that `refresh` reads it only once it has changed (it may become a file).
        store.seen = disk::fingerprint(path);
        store
    }
}

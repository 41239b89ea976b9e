//! One bookmark save with each step of the atomic replace failing in turn: the state file is the
//! old one or the new one, no temp file is left, the failure is reported, and the store does not
//! claim a save that is not on disk.

use std::fs;

use super::*;
use crate::base::faults::{Faults, assert_durable};

/// The names in the state file's folder other than the state file and its lock file.
fn debris(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "state.json" && n != "state.json.lock")
        .collect()
}

#[test]
fn a_bookmark_save_leaves_the_old_file_or_the_new_whatever_step_fails() {
    for n in 1.. {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let mut store = Store::open_path(&path);
        store.set_bookmark("a", true).unwrap();
        let old = fs::read(&path).unwrap();
        let faults: &'static Faults = Box::leak(Box::new(Faults::failing(n)));
        store.steps = faults;
        let result = store.set_bookmark("b", true);
        let on_disk = fs::read(&path).unwrap();
        assert_eq!(debris(dir.path()), Vec::<String>::new(), "step {n}");
        let read_back = Store::open_path(&path);
        let saved = read_back.state().is_bookmarked("b");
        assert!(read_back.state().is_bookmarked("a"), "step {n}");
        // Either byte for byte the old file, or a whole new one that a fresh store reads back.
        assert!(
            on_disk == old || saved,
            "step {n}: neither the old file nor the new one"
        );
        if !faults.fired() {
            assert_eq!(result, Ok(()));
            assert!(saved && store.is_persistent() && !store.has_unsaved_changes());
            assert_durable(&faults.done());
            return;
        }
        let err = result.expect_err("a failed step is reported");
        assert!(matches!(err, StateError::Save { .. }), "step {n}: {err}");
        assert!(err.to_string().contains("injected"), "step {n}: {err}");
        assert!(
            err.to_string().contains("kept in memory only"),
            "step {n}: {err}"
        );
        // Not claimed saved: the viewer shows the message and keeps the change for the next save.
        assert!(!store.is_persistent(), "step {n}");
        assert!(store.has_unsaved_changes(), "step {n}");
        store.steps = &crate::base::file::Disk;
        store.set_bookmark("c", true).unwrap();
        let after = Store::open_path(&path);
        assert!(
            ["a", "b", "c"]
                .iter()
                .all(|id| after.state().is_bookmarked(id)),
            "step {n}: the next save writes the refused change too"
        );
    }
}

/// A save that failed after the file was replaced (a failed fsync of the folder) keeps its change
/// to write again; written again, a bookmark already on disk keeps the place another window gave
/// it since, rather than going back to the end.
#[test]
fn a_bookmark_written_again_after_a_failed_save_keeps_its_place() {
    for n in 1.. {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let mut store = Store::open_path(&path);
        store.set_bookmark("a", true).unwrap();
        let faults: &'static Faults = Box::leak(Box::new(Faults::failing(n)));
        store.steps = faults;
        let result = store.set_bookmark("b", true);
        store.steps = &crate::base::file::Disk;
        if !faults.fired() {
            assert_eq!(result, Ok(()));
            return;
        }
        let mut other = Store::open_path(&path);
        if !other.state().is_bookmarked("b") {
            continue; // This step failed before the file was replaced.
        }
        other.move_bookmark("b", 0).unwrap();
        store.set_bookmark("c", true).unwrap();
        let order: Vec<&str> = store.state().bookmarks().into_iter().map(|b| b.0).collect();
        assert_eq!(order, ["b", "a", "c"], "step {n}");
    }
}

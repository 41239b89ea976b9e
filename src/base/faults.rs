//! A test double for the one atomic writer: [`Faults`] does every step of
//! [`write_with`](super::file::write_with) on the real disk except the N-th, which fails (a write
//! fails halfway, as on a full disk), and logs the steps it did, so that a test can check, for
//! every N, that the old file or the new one is whole, that no temp file is left, and that a write
//! reported done was fsynced, renamed and its folder fsynced, in that order.

use std::fs::File;
use std::io;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::file::{Disk, Steps};

/// One step of an atomic write, as [`Faults`] logs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Removing a stale temp file.
    Clear,
    /// Creating the temp file.
    Create,
    /// Writing the bytes.
    Write,
    /// Fsyncing the temp file.
    SyncFile,
    /// Renaming it into place.
    Rename,
    /// Linking it into place.
    Link,
    /// Fsyncing the folder.
    SyncFolder,
}

/// The real disk, but the `fail_at`-th step (counting from 1) fails, once.
#[derive(Debug)]
pub struct Faults {
    fail_at: usize,
    taken: AtomicUsize,
    done: Mutex<Vec<Step>>,
}

impl Faults {
    /// Fails the `n`-th step.
    pub fn failing(n: usize) -> Faults {
        Faults {
            fail_at: n,
            taken: AtomicUsize::new(0),
            done: Mutex::new(Vec::new()),
        }
    }

    /// Whether the failing step came (else the write had fewer steps than `n`).
    pub fn fired(&self) -> bool {
        self.taken.load(Ordering::SeqCst) >= self.fail_at
    }

    /// The steps done, in order (the failed one not among them).
    pub fn done(&self) -> Vec<Step> {
        self.done.lock().map(|d| d.clone()).unwrap_or_default()
    }

    /// Ok if `step` is to be done (and logs it), the injected error if it is the one to fail.
    fn take(&self, step: Step) -> io::Result<()> {
        let n = self.taken.fetch_add(1, Ordering::SeqCst) + 1;
        if n == self.fail_at {
            return Err(io::Error::other(format!("injected failure of {step:?}")));
        }
        if let Ok(mut done) = self.done.lock() {
            done.push(step);
        }
        Ok(())
    }
}

impl Steps for Faults {
    fn clear(&self, temp: &Path) -> io::Result<()> {
        self.take(Step::Clear)?;
        Disk.clear(temp)
    }

    fn create(&self, temp: &Path, private: bool) -> io::Result<File> {
        self.take(Step::Create)?;
        Disk.create(temp, private)
    }

    fn write(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        if let Err(e) = self.take(Step::Write) {
            Disk.write(file, &bytes[..bytes.len() / 2])?;
            return Err(e);
        }
        Disk.write(file, bytes)
    }

    fn sync_file(&self, file: &File) -> io::Result<()> {
        self.take(Step::SyncFile)?;
        Disk.sync_file(file)
    }

    fn rename(&self, temp: &Path, path: &Path) -> io::Result<()> {
        self.take(Step::Rename)?;
        Disk.rename(temp, path)
    }

    fn link(&self, temp: &Path, path: &Path) -> io::Result<()> {
        self.take(Step::Link)?;
        Disk.link(temp, path)
    }

    fn sync_folder(&self, dir: &Path) -> io::Result<()> {
        self.take(Step::SyncFolder)?;
        Disk.sync_folder(dir)
    }

    fn remove(&self, temp: &Path) {
        Disk.remove(temp);
    }
}

/// Panics unless `done`, the steps of a write reported done, wrote the bytes, fsynced them, put
/// the file in place and then fsynced the folder: a crash after it returned cannot lose it.
pub fn assert_durable(done: &[Step]) {
    let at = |want: &[Step]| done.iter().rposition(|s| want.contains(s));
    let (write, sync, place, folder) = (
        at(&[Step::Write]),
        at(&[Step::SyncFile]),
        at(&[Step::Rename, Step::Link]),
        at(&[Step::SyncFolder]),
    );
    assert!(
        matches!((write, sync, place, folder), (Some(w), Some(s), Some(p), Some(f)) if w < s && s < p && p < f),
        "a write reported done must be written, fsynced, put in place, then its folder fsynced: {done:?}"
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::file::{Existing, WriteError, WriteOptions, write_with};
    use std::fs;

    /// What is in `dir` besides `keep`: a temp file left behind would be here.
    fn debris(dir: &Path, keep: &str) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != keep)
            .collect()
    }

    /// Writes `new` over `old` (or where nothing is, for `old == None`) as an export does, failing
    /// each step in turn, until a write has no step left to fail.
    fn every_failure_leaves_old_or_new(existing: Existing, old: Option<&[u8]>) {
        let new = b"# Brief\n\nthe new export, longer than the old one\n";
        for n in 1.. {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("brief.md");
            if let Some(old) = old {
                fs::write(&path, old).unwrap();
            }
            let faults = Faults::failing(n);
            let options = WriteOptions {
                existing,
                private: false,
                temp: None,
            };
            let result = write_with(&faults, &path, new, &options);
            let on_disk = fs::read(&path).ok();
            assert!(
                on_disk.as_deref() == old || on_disk.as_deref() == Some(&new[..]),
                "step {n}: neither the old file nor the new one: {on_disk:?}"
            );
            assert_eq!(
                debris(dir.path(), "brief.md"),
                Vec::<String>::new(),
                "step {n}"
            );
            if !faults.fired() {
                assert!(result.is_ok(), "{result:?}");
                assert_eq!(on_disk.as_deref(), Some(&new[..]));
                assert_durable(&faults.done());
                assert!(n > 4, "a write has at least five steps");
                return;
            }
            match result {
                Err(WriteError::Io { step, source }) => {
                    assert!(source.to_string().contains("injected"), "step {n}: {step}");
                }
                other => panic!("step {n}: the failure is not reported: {other:?}"),
            }
        }
    }

    #[test]
    fn an_export_over_an_old_file_leaves_the_old_or_the_new_whatever_step_fails() {
        every_failure_leaves_old_or_new(Existing::Replace, Some(b"# the old export\n"));
    }

    #[test]
    fn a_new_export_is_whole_or_absent_whatever_step_fails() {
        every_failure_leaves_old_or_new(Existing::Keep, None);
    }

    #[test]
    fn the_durability_check_catches_a_missing_fsync() {
        use Step::*;
        assert_durable(&[Create, Write, SyncFile, Rename, SyncFolder]);
        for forgot in [
            vec![Create, Write, Rename, SyncFolder],
            vec![Create, Write, SyncFile, Rename],
            vec![Create, Write, Rename, SyncFile, SyncFolder],
        ] {
            assert!(std::panic::catch_unwind(|| assert_durable(&forgot)).is_err());
        }
    }
}

//! The viewer's `e`: performs [`super::app::Effect::Export`], writing the cards as Markdown,
//! atomically, into the current folder as `brief-export-YYYYMMDD-HHMMSS.md` (`-2`, `-3`... when
//! the name is taken, never overwriting); the footer names the file or the error.

use std::path::{Path, PathBuf};

use super::app::App;
use crate::base::time::{compact, human, now_ms};
use crate::export::{self, ExportError, Marks, Meta};

/// How many numbered names are tried before giving up.
const MAX_TRIES: usize = 1000;

/// Writes the export of the cards at `cards` (positions in the pack, in list order) into `dir`;
/// the file's path, or why it failed (a card that cannot be read from a pack file names the
/// file and the part).
pub fn write(
    app: &App,
    dir: &Path,
    cards: &[usize],
    query: &str,
    bookmarks_only: bool,
) -> Result<PathBuf, String> {
    let now = now_ms();
    let meta = Meta {
        exported_at: human(now),
        pack: app.corpus().describe(),
        query: query.to_string(),
        bookmarks_only,
        noted_only: false,
    };
    let marks = AppMarks(app);
    // The cards are read and written a run at a time, never all held at once; a name found
    // taken only when linking (another process took it meanwhile) is written again under the next.
    let mut make = |out: &mut dyn std::io::Write| {
        export::write_markdown(app.corpus(), &meta, cards, &marks, out)
    };
    let stem = file_stem(&compact(now));
    for n in 1..=MAX_TRIES {
        let name = if n == 1 {
            format!("{stem}.md")
        } else {
            format!("{stem}-{n}.md")
        };
        let path = dir.join(name);
        match export::write_file_from(&path, false, &mut make) {
            Ok(()) => return Ok(path),
            Err(ExportError::Exists(_)) => {}
            Err(e) => return Err(format!("export failed: {e}")),
        }
    }
    Err(format!(
        "export failed: {MAX_TRIES} files named {stem}* already exist"
    ))
}

/// The viewer's bookmarks and notes, as the export looks them up.
struct AppMarks<'a>(&'a App);

impl Marks for AppMarks<'_> {
    fn place(&self, id: &str) -> Option<usize> {
        self.0.agenda_place(id)
    }

    fn note(&self, id: &str) -> Option<&str> {
        self.0.note_of(id)
    }
}

/// `brief-export-20261123-194713` from `20261123T194713Z`.
fn file_stem(compact: &str) -> String {
    let stamp = compact.trim_end_matches('Z').replace('T', "-");
    format!("brief-export-{stamp}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::{LoadOptions, Pack};
    use crate::tui::persist::Snapshot;

    #[test]
    fn file_names_follow_the_pattern() {
        assert_eq!(
            file_stem("20261123T194713Z"),
            "brief-export-20261123-194713"
        );
    }

    #[test]
    fn a_taken_name_gets_a_number_and_nothing_is_overwritten() {
        let pack = Pack::embedded(&LoadOptions::default()).unwrap();
        let ids = [0, 1];
        let app = App::new(crate::tui::app::tests::memory(pack), Snapshot::default());
        let dir = tempfile::tempdir().unwrap();
        let first = write(&app, dir.path(), &ids, "", false).unwrap();
        let second = write(&app, dir.path(), &ids, "", false).unwrap();
        assert_ne!(first, second);
        let text = std::fs::read_to_string(&first).unwrap();
        assert!(text.starts_with("# Briefing export"), "{text}");
        assert_eq!(text.matches("\n## ").count(), 2);
    }
}

//! The viewer's `e`: performs [`super::app::Effect::Export`], writing the cards as Markdown,
//! atomically, into the current folder as `brief-export-YYYYMMDD-HHMMSS.md` (`-2`, `-3`... when
//! the name is taken, never overwriting); the footer names the file or the error.

use std::path::{Path, PathBuf};

use super::app::App;
use crate::base::time::{compact, human, now_ms};
use crate::export::{self, ExportError, Item, Meta};

/// How many numbered names are tried before giving up.
const MAX_TRIES: usize = 1000;

/// Writes the export into `dir`; the file's path, or why it failed.
pub fn write(
    app: &App,
    dir: &Path,
    ids: &[String],
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
    let items: Vec<Item<'_>> = ids
        .iter()
        .filter_map(|id| app.card(id))
        .map(|card| Item {
            card,
            place: app.agenda_place(&card.id),
            note: app.note_of(&card.id),
        })
        .collect();
    let text = export::markdown(app.corpus(), &meta, &items);
    let stem = file_stem(&compact(now));
    for n in 1..=MAX_TRIES {
        let name = if n == 1 {
            format!("{stem}.md")
        } else {
            format!("{stem}-{n}.md")
        };
        let path = dir.join(name);
        match export::write_file(&path, text.as_bytes(), false) {
            Ok(()) => return Ok(path),
            Err(ExportError::Exists(_)) => {}
            Err(e) => return Err(format!("export failed: {e}")),
        }
    }
    Err(format!(
        "export failed: {MAX_TRIES} files named {stem}* already exist"
    ))
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
        let ids: Vec<String> = pack.cards.iter().take(2).map(|c| c.id.clone()).collect();
        let app = App::new(pack, Snapshot::default());
        let dir = tempfile::tempdir().unwrap();
        let first = write(&app, dir.path(), &ids, "", false).unwrap();
        let second = write(&app, dir.path(), &ids, "", false).unwrap();
        assert_ne!(first, second);
        let text = std::fs::read_to_string(&first).unwrap();
        assert!(text.starts_with("# Briefing export"), "{text}");
        assert_eq!(text.matches("\n## ").count(), 2);
    }
}

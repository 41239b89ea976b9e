//! The subcommands: each loads what it needs and prints plain text (or `--json`) to a writer.

mod bookmarks;
mod build;
mod config;
mod export;
mod list;
mod man;
mod manifest;
mod notes;
mod shell;
mod show;
mod themes;
mod validate;
mod verify;

use std::io::{self, IsTerminal, Write};

use crate::base::inert::{Inert, warn};
use crate::cli::{Args, Command, Env, PackSource, Settings};
use crate::corpus::{Corpus, Queries};
use crate::exit::{Failure, Outcome};
use crate::pack::{LoadOptions, Pack};

/// Runs the command line's command, printing to stdout and warnings to stderr.
pub fn run(args: Args) -> Result<Outcome, Failure> {
    let (settings, command) = Settings::resolve(args, &Env::of_process());
    if !matches!(command, Command::Config { .. }) {
        for problem in &settings.config_problems {
            warn(problem);
        }
    }
    if let Command::Browse = command {
        // Not under the stdout lock below: the browser's signal watcher must be able to write
        // the terminal's restore sequence while the event loop is blocked.
        return browse(&settings);
    }
    let stdout = io::stdout();
    let mut out = Inert::new(io::BufWriter::new(stdout.lock()));
    let outcome = run_command(&settings, &command, &mut out)?;
    out.flush()?;
    Ok(outcome)
}

/// Runs `command` with output to `out`.
pub fn run_command(
    settings: &Settings,
    command: &Command,
    out: &mut dyn Write,
) -> Result<Outcome, Failure> {
    match command {
        Command::Validate { format } => validate::run(settings, *format, out),
        Command::Build { .. } => build::run(settings, &build::Request::of(command), out),
        Command::Manifest { dir, format } => manifest::run(dir, *format, out),
        Command::Completions { shell } => shell::completions(*shell, out),
        Command::Man => man::run(out),
        Command::Export {
            query,
            format,
            output,
            force,
            noted,
        } => {
            let request = export::Request {
                query,
                format: *format,
                output: output.as_deref(),
                force: *force,
                noted: *noted,
            };
            with_corpus(settings, |corpus| {
                export::run(settings, corpus, &request, out)
            })
        }
        Command::Notes(request) => with_corpus(settings, |corpus| {
            notes::run(corpus, settings, request, out)
        }),
        Command::Config { default, format } => config::run(settings, *default, *format, out),
        Command::Verify { format } => verify::run(settings, *format, out),
        Command::Browse => browse(settings),
        Command::List { query, format } => with_corpus(settings, |corpus| {
            list::run(settings, corpus, query, *format, out)
        }),
        Command::Show { id, format } => with_corpus(settings, |corpus| {
            show::run(corpus, settings, id, *format, out)
        }),
        Command::Themes { format } => {
            with_corpus(settings, |corpus| themes::run(corpus, *format, out))
        }
        Command::Bookmarks(action) => with_corpus(settings, |corpus| {
            bookmarks::run(corpus, settings, action, out)
        }),
    }
}

/// Runs a one-shot command on the pack the settings name (see [`open_corpus`]): a corpus that
/// answers one query, by a scan (or a pack file's index).
fn with_corpus(
    settings: &Settings,
    command: impl FnOnce(&Corpus) -> Result<Outcome, Failure>,
) -> Result<Outcome, Failure> {
    let corpus = open_corpus(settings, Queries::One)?;
    let outcome = command(&corpus);
    keep_until_exit(corpus);
    outcome
}

/// Lets go of a pack (or a corpus) without freeing it. The process ends right after its one
/// command, and freeing a big pack card by card would only delay the exit (about 0.2 s of
/// `brief show` at 100,000 cards); the system takes the memory back at once.
fn keep_until_exit<T>(pack: T) {
    std::mem::forget(pack);
}

/// Opens the browser; refuses when stdin or stdout is not a terminal (exit 2).
fn browse(settings: &Settings) -> Result<Outcome, Failure> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Err(Failure::Usage(
            "the browser needs a terminal on stdin and stdout; for scripts use `brief list` or `brief show ID` (see `brief --help`)".into(),
        ));
    }
    // A pack file stays on disk: the viewer reads each card as it shows it.
    let corpus = open_corpus(settings, Queries::Many)?;
    corpus.check_search()?;
    let mut store = crate::state::Store::open(&settings.state);
    let mut notices = store.take_notices();
    if let Some(why) = store.unusable()
        && notices.is_empty()
    {
        // Each of the store's own notices already ends "bookmarks will not be kept this session".
        notices.push(why.to_string());
    }
    crate::tui::run(
        corpus,
        settings.color,
        &mut store,
        &notices,
        &settings.config,
    )?;
    Ok(Outcome::Ok)
}

/// Opens the pack the settings name: the built-in one, a folder (see [`load_pack`]) or a pack
/// file (its signature checked first under `--require-signed`).
pub fn open_corpus(settings: &Settings, queries: Queries) -> Result<Corpus, Failure> {
    let PackSource::File(path) = &settings.pack else {
        return Ok(Corpus::new(load_pack(settings)?, queries));
    };
    let (file, shown, size) = crate::packfile::reader::open_file(path)?;
    if settings.require_signed {
        verify::require_signed_file(path, &file, settings)?;
    } else {
        trust_in_doubt(settings)?;
    }
    let parts = crate::packfile::FileParts::of(file, shown, size)?;
    Ok(Corpus::of_file(
        parts,
        path,
        &load_options(settings),
        queries,
    )?)
}

/// Refuses to open a pack from disk while the config's trust settings cannot be read.
fn trust_in_doubt(settings: &Settings) -> Result<(), Failure> {
    match &settings.config.trust_in_doubt {
        Some(why) => Err(Failure::Untrusted(format!(
            "{why}\nthe config may require signed packs, so no pack is opened from disk until it is fixed (`brief config` shows every problem; the built-in pack still opens, and --require-signed with --key checks a pack regardless)"
        ))),
        None => Ok(()),
    }
}

fn load_options(settings: &Settings) -> LoadOptions {
    LoadOptions {
        strict: settings.strict,
        ..LoadOptions::default()
    }
}

/// Loads the built-in pack or the folder the settings name, warning on stderr about any card
/// that was skipped. A pack file is opened by [`open_corpus`] instead.
pub fn load_pack(settings: &Settings) -> Result<Pack, Failure> {
    let options = load_options(settings);
    let pack = match &settings.pack {
        PackSource::Embedded => Pack::embedded(&options)?,
        PackSource::Dir(dir) => {
            if settings.require_signed {
                verify::require_signed(dir, settings)?;
            } else {
                trust_in_doubt(settings)?;
            }
            Pack::from_dir(dir, &options)?
        }
        PackSource::File(path) => {
            return Err(Failure::Usage(format!(
                "{}: a pack file, where a folder was needed",
                crate::base::inert::visible(&path.display().to_string())
            )));
        }
    };
    warn_skipped(&pack, "");
    Ok(pack)
}

/// On stderr, the problems of the bad card files a load skipped, then how many it skipped (what
/// came of the rest put in as `rest`, e.g. "the file holds the rest; "); nothing if none.
pub(super) fn warn_skipped(pack: &Pack, rest: &str) {
    if pack.skipped == 0 {
        return;
    }
    for problem in &pack.problems {
        warn(problem);
    }
    warn(format_args!(
        "warning: skipped {} bad card file(s) in {}; {rest}`brief validate` lists them, --strict refuses the pack",
        pack.skipped,
        pack.describe()
    ));
}

/// Writes `value` as pretty JSON followed by a newline.
fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> Result<(), Failure> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::from)?;
    writeln!(out)?;
    Ok(())
}

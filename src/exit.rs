//! Exit codes, decided in one place: 0 ok, 1 nothing matched, 2 usage error, 3 cannot go on (a bad
//! pack, state or config, a pack that does not verify, an export or output that cannot be written).

use std::io::Write as _;
use std::process::ExitCode;

use crate::pack::PackError;
use crate::packfile::FileError;
use crate::search::QueryError;
use crate::state::StateError;

/// Every exit code with every case that gives it, for the manual page (`brief man`) and the README.
pub const EXIT_STATUS: &[(u8, &str)] = &[
    (
        0,
        "ok (also when the reader of a pipe stops early, as `brief list | head` does)",
    ),
    (
        1,
        "nothing matched: a query that matches no card (`list`, `export`), no notes (`notes`), an id that names no card (`show`; `bookmarks add`/`rm`, which then change nothing), or no bookmark (`bookmarks move`, which then changes nothing)",
    ),
    (
        2,
        "usage error: a bad flag or argument, a malformed query, a place outside the agenda (`bookmarks move --to N`), the browser without a terminal, `verify` with no pack folder, `--require-signed` with no key, a public key (`--key`, `--key-string`) that cannot be read",
    ),
    (
        3,
        "a pack that cannot be used (its folder, `themes.json` or `sources.json`; a pack file that is damaged or not one, naming the file and the part; with `--strict`, any bad card)",
    ),
    (
        3,
        "`brief validate` found problems, or `brief config` found mistakes in the config",
    ),
    (
        3,
        "a manifest or signature that does not verify (`brief verify`, `--require-signed`), or a manifest that cannot be written (`brief manifest`)",
    ),
    (
        3,
        "a config that is there but whose trust settings cannot be read: no pack is opened from disk until it is fixed",
    ),
    (
        3,
        "a change to bookmarks that cannot be kept (the state folder cannot be written, the lock is held)",
    ),
    (
        3,
        "an export or notes file (`-o`) that exists (without `--force`) or cannot be written",
    ),
    (
        3,
        "a pack file that cannot be written (`brief build`), or a file there that is not a pack file (without `--force`)",
    ),
    (
        3,
        "output that cannot be written (a full disk, a closed terminal), or a terminal the browser cannot use",
    ),
];

/// How a command that ran to its end went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Ok,
    /// Exit 1: the query matched nothing, or the id named no card.
    NothingMatched,
}

/// Why a command could not do its job.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// Exit 2: the command line is wrong.
    #[error("{0}")]
    Usage(String),
    /// Exit 2: the query is malformed; the message shows where.
    #[error("bad query: {error}\n{}", caret(query, error.offset))]
    Query {
        /// The query as typed.
        query: String,
        /// What is wrong and where.
        error: QueryError,
    },
    /// Exit 1: an id that names no card (the message names it).
    #[error("{0}")]
    NotFound(String),
    /// Exit 3: the pack cannot be used.
    #[error("{0}")]
    Pack(#[from] PackError),
    /// Exit 3: a pack file is damaged (the message names the file and the part).
    #[error("{0}")]
    File(#[from] FileError),
    /// Exit 3: `brief validate` found problems, or `brief config` mistakes (already printed).
    #[error("{0}")]
    Invalid(String),
    /// Exit 3: a pack's manifest or signature does not verify, a manifest cannot be written, or
    /// the config's trust settings cannot be read (the message names the file).
    #[error("{0}")]
    Untrusted(String),
    /// Exit 3: a change to bookmarks could not be kept (the message says where and why).
    #[error("{0}")]
    State(#[from] StateError),
    /// Exit 3: an export file could not be written (or exists, without --force).
    #[error("{0}")]
    Export(String),
    /// Exit 3: `brief build` could not write its pack file (the message names it).
    #[error("{0}")]
    Build(String),
    /// Exit 3: writing output failed.
    #[error("cannot write output: {0}")]
    Output(std::io::Error),
}

impl Failure {
    /// The process exit code for this failure.
    pub fn code(&self) -> u8 {
        match self {
            Failure::NotFound(_) => 1,
            Failure::Usage(_) | Failure::Query { .. } => 2,
            Failure::Pack(_)
            | Failure::File(_)
            | Failure::Invalid(_)
            | Failure::Untrusted(_)
            | Failure::State(_)
            | Failure::Export(_)
            | Failure::Build(_)
            | Failure::Output(_) => 3,
        }
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Output(e)
    }
}

/// The query on one line and a caret under character `offset`, to show where it goes wrong. The
/// parser counts `offset` in the query as it searched it, sanitized, which is also what is shown;
/// of a long query, only the part around the caret.
fn caret(query: &str, offset: usize) -> String {
    /// Characters shown on either side of the caret, at most.
    const SIDE: usize = 40;
    let shown = crate::base::sanitize::sanitize(query, crate::base::sanitize::Lines::Join);
    let len = shown.chars().count();
    let from = offset.saturating_sub(SIDE);
    let to = offset.saturating_add(SIDE).min(len);
    let mut part: String = shown
        .chars()
        .skip(from)
        .take(to.saturating_sub(from))
        .collect();
    let mut pad = offset - from;
    if from > 0 {
        part.insert(0, '…');
        pad += 1;
    }
    if to < len {
        part.push('…');
    }
    format!("  {part}\n  {}^", " ".repeat(pad))
}

/// Prints a failure to stderr and turns the result into the process's exit code. A closed pipe
/// (`brief list | head`) is not an error.
pub fn report(result: Result<Outcome, Failure>) -> ExitCode {
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::NothingMatched) => ExitCode::from(1),
        Err(Failure::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(failure) => {
            crate::base::inert::warn(&failure);
            ExitCode::from(failure.code())
        }
    }
}

/// Prints clap's message: `--help` and `--version` exit 0, a usage error exits 2.
pub fn clap_error(e: &clap::Error) -> ExitCode {
    if e.use_stderr() {
        // The message quotes what was typed, which may hold escape sequences: print it plain
        // and inert (clap's own colours would be dropped by the guard anyway).
        let mut err = crate::base::inert::Inert::new(std::io::stderr().lock());
        let _ = write!(err, "{}", e.render());
        ExitCode::from(2)
    } else {
        let _ = e.print();
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::caret;

    #[test]
    fn the_caret_is_under_the_character_of_the_query_as_searched() {
        assert_eq!(caret("ukraine OR", 8), "  ukraine OR\n          ^");
        // The escape sequence is gone from what is shown and from what the parser counted.
        assert_eq!(caret("\u{1b}[31mfoo:x", 0), "  foo:x\n  ^");
        assert_eq!(caret("a\rb OR", 4), "  a b OR\n      ^");
    }

    #[test]
    fn a_long_query_is_shown_around_the_caret() {
        let query = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
        let shown = caret(&query, 1000);
        let want = format!("  …{}…\n  {}^", "(".repeat(80), " ".repeat(41));
        assert_eq!(shown, want);
        assert_eq!(
            caret(&"x".repeat(100), 99)
                .lines()
                .next()
                .map(|l| l.chars().count()),
            Some(2 + 1 + 41)
        );
    }
}

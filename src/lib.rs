//! `brief`: an offline, keyboard-driven terminal browser for briefing packs.
//!
//! Data flows one way:
//!
//! ```text
//! pack files ─▶ pack (parse, bound, sanitize, validate) ─▶ Corpus (Pack, id lookup, search Index)
//!                                                            ├─▶ commands (CLI output)
//!                                                            └─▶ tui: App ◀─ Action ◀─ keys
//! state.json ◀─▶ state (Store: lock, merge, atomic replace)         │ └─▶ Effect ─▶ persist (store)
//!                                                                   └─▶ ui (draws, never changes)
//! view (CardView): one card's sections, laid out alike by show, export and the card pane
//! ```
//!
//! - [`base`]: what the rest builds on and that depends on nothing in the crate: the one bounded
//!   reader and the one atomic writer, the sanitizer that keeps outside text from driving the
//!   terminal, `file:line:column` diagnostics, time.
//! - [`pack`]: the card, theme and source types; loading the built-in pack or a folder; validation
//!   with `file:line:column` messages.
//! - [`packfile`]: the single-file pack (`brief build`'s output): header, part table, checksums,
//!   the positioned reader that checks what it reads; [`packfile::parts`] is the seam the search
//!   index writes and reads its own parts through.
//! - [`corpus`]: the pack with its O(1) id lookups and its search index (built when first needed),
//!   the one door through which the commands and the viewer look cards up and run queries.
//! - [`view`]: a card as its ordered sections ([`view::CardView`]), worded once and laid out by
//!   `brief show`, the Markdown export and the viewer's card pane.
//! - [`search`]: the query language (the parser, and one file per query node with its scan match
//!   and index evaluation side by side), the index (vocabulary, build, postings), ranking, and the
//!   byte ranges to highlight.
//! - [`cli`]: the clap definitions, turned once into [`cli::Settings`] and a [`cli::Command`].
//! - [`commands`]: one file per subcommand, each printing plain text (or `--json`) to a writer.
//! - [`state`]: bookmarks, notes, read marks and where the user was, in one JSON file written through
//!   atomically under a lock and merged per card with other `brief` processes.
//! - [`tui`]: the interactive browser: actions and the keymap with every text that names a key
//!   (`keys/`), the pure `App::update`, panes and palette, one drawing file per screen region (each
//!   over a small view struct), and the event loop with terminal set-up and restore.
//! - [`config`]: the config file (default pack, trust, colours, key bindings), placed errors.
//! - [`export`]: Markdown and JSON export of the cards shown, written atomically.
//! - [`exit`]: the exit codes (0 ok, 1 nothing matched, 2 usage, 3 bad pack or state), decided in
//!   one place.

pub mod base;
pub mod cli;
pub mod commands;
pub mod config;
pub mod corpus;
pub mod exit;
pub mod export;
pub mod pack;
pub mod packfile;
mod pieces;
pub mod search;
pub mod state;
pub mod tui;
pub mod view;

/// Makes the calling thread, the program's main thread, one of the workers of rayon's pool rather
/// than a thread that waits on it: one thread fewer, and half of a big pack's cards are then
/// allocated in the main heap, which glibc grows in large steps (a thread's own heap grows a page
/// at a time, a system call each). Call it first thing in `main`; if the pool cannot be set up
/// then, rayon sets up its usual one when first used.
pub fn work_on_main_thread() {
    let _ = rayon::ThreadPoolBuilder::new()
        .use_current_thread()
        .build_global();
}

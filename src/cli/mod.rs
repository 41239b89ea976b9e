//! The command line: clap definitions, turned once into [`Settings`] and a [`Command`] that the rest
//! of the code uses. Nothing downstream looks at raw flags.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

mod hyphen;
mod settings;

pub use settings::{
    BookmarksCommand, Command, Env, Format, KeySource, NotesOutput, PackSource, Settings,
};

const AFTER_HELP: &str = "\
Examples:
  brief                          open the briefing browser on the built-in pack
  brief list ukraine             cards that mention Ukraine
  brief show rutte-takes-office  one card in full
  brief validate ./my-pack       check a pack folder, reporting file:line:column
  brief --pack ./my-pack list    use another pack (or set BRIEF_PACK)
  brief bookmarks add rutte-takes-office
  brief bookmarks list --json    bookmarks in your agenda order; missing cards marked
  brief bookmarks move rutte-takes-office --to 1
  brief export is:bookmarked --noted -o meeting.md
  brief notes --format md -o notes.md
  brief manifest ./my-pack && minisign -Sm ./my-pack/manifest.json
  brief verify ./my-pack --key author.pub
  brief build ./my-pack          write ./my-pack.brief, one file to carry (sign: minisign -Sm my-pack.brief)
  brief --pack my-pack.brief list   open it (or BRIEF_PACK=my-pack.brief)

A query word may start with '-' (brief list rutte -theme:trump): it excludes, and flags still work
before or after it.

Exit codes: 0 ok, 1 nothing matched, 2 usage error, 3 cannot go on (bad pack, state or config, a
pack that does not verify, an export file that exists, output that cannot be written); `brief man`
lists every case.";

impl Args {
    /// Parses a command line (the program's name first). A query word of `brief list` or
    /// `brief export` may start with `-` (see the `hyphen` module).
    pub fn parse_from_line(
        args: impl IntoIterator<Item = std::ffi::OsString>,
    ) -> Result<Self, clap::Error> {
        Self::try_parse_from(hyphen::with_query_escaped(args.into_iter().collect()))
    }
}

/// An offline, keyboard-driven browser for NATO briefing packs.
#[derive(Debug, Parser)]
#[command(name = "brief", version, about, after_help = AFTER_HELP)]
pub struct Args {
    /// Read the pack from this folder, or this pack file (made by `brief build`), instead of the built-in one.
    #[arg(long, global = true, value_name = "DIR|FILE", env = "BRIEF_PACK")]
    pub pack: Option<PathBuf>,

    /// Refuse a pack with any bad card, instead of skipping the bad ones.
    #[arg(long, global = true)]
    pub strict: bool,

    /// Read settings from this config file instead of ~/.config/brief/config.toml.
    #[arg(long, global = true, value_name = "PATH", env = "BRIEF_CONFIG")]
    pub config: Option<PathBuf>,

    /// Refuse to open a pack from disk unless its signature verifies: a folder's signed manifest, a pack file's FILE.minisig (needs --key or --key-string).
    #[arg(long, global = true)]
    pub require_signed: bool,

    /// A minisign public key file to check a pack's signature with.
    #[arg(
        long,
        global = true,
        value_name = "PUBKEY_FILE",
        conflicts_with = "key_string"
    )]
    pub key: Option<PathBuf>,

    /// A minisign public key, as the base64 string (the second line of a .pub file).
    #[arg(long, global = true, value_name = "KEY")]
    pub key_string: Option<String>,

    /// Keep bookmarks, notes and read marks in this file [default: $XDG_DATA_HOME/brief/state.json,
    /// else ~/.local/share/brief/state.json].
    #[arg(long, global = true, value_name = "PATH", env = "BRIEF_STATE")]
    pub state: Option<PathBuf>,

    /// When to use colour in the viewer (NO_COLOR turns it off for `auto`).
    #[arg(long, global = true, value_enum)]
    pub color: Option<ColorChoice>,

    #[command(subcommand)]
    pub command: Option<CommandArgs>,
}

/// The subcommands, as typed.
#[derive(Debug, Subcommand)]
pub enum CommandArgs {
    /// List the cards, or those matching QUERY, best match first.
    #[command(after_long_help = crate::search::HELP)]
    List {
        /// The query (see below); several arguments are joined with spaces.
        query: Vec<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Export the matching cards (with your notes and bookmarks) as Markdown or JSON.
    Export {
        /// The query, as for `brief list` (empty: every card; `is:bookmarked` for your bookmarks).
        query: Vec<String>,
        /// Markdown for people, JSON for machines.
        #[arg(long, value_enum, default_value_t = ExportFormat::Md)]
        format: ExportFormat,
        /// Write to this file (atomically) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it exists.
        #[arg(long, requires = "output")]
        force: bool,
        /// The same as --format json.
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// Only the cards with your note.
        #[arg(long)]
        noted: bool,
    },
    /// Show one card in full.
    Show {
        /// The card's id (as `brief list` prints it).
        id: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// List the themes with their keys and card counts.
    Themes {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Write DIR/manifest.json: the SHA-256 of every file of the pack (sign it with `minisign -Sm`).
    Manifest {
        /// The pack folder.
        dir: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Check a pack against its signature: a folder's manifest and manifest.json.minisig, or a pack file's FILE.minisig.
    Verify {
        /// The pack folder or pack file (default: --pack or BRIEF_PACK).
        dir: Option<PathBuf>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Print a shell completion script (e.g. `brief completions bash > ~/.local/share/bash-completion/completions/brief`).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Check the config file and say where it is; with --default, print the default config.
    Config {
        /// Print the default config, every option commented (TOML; no --json).
        #[arg(long, conflicts_with = "json")]
        default: bool,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// List the notes you wrote on cards (in the browser, `a` writes one); `--format md` writes
    /// them as a notes-only brief, with their cards' titles and sources.
    Notes {
        /// Text to read, Markdown for a brief to hand on, JSON for machines.
        #[arg(long, value_enum, default_value_t = NotesFormat::Text)]
        format: NotesFormat,
        /// Write to this file (atomically) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it exists.
        #[arg(long, requires = "output")]
        force: bool,
        /// The same as --format json.
        #[arg(long, conflicts_with = "format")]
        json: bool,
    },
    /// Print the manual page (roff): commands, keys, query language, files, exit codes (`brief man | man -l -`).
    Man,
    /// Add, remove or list bookmarks (kept in the state file; see --state).
    Bookmarks {
        /// Print JSON instead of text (for add and rm: what changed).
        #[arg(long, global = true)]
        json: bool,
        #[command(subcommand)]
        action: Option<BookmarksArgs>,
    },
    /// Check a pack and report every problem as file:line:column; a pack file is checked whole (structure, every checksum, every card).
    Validate {
        /// The pack folder or pack file (default: --pack, BRIEF_PACK, or the built-in pack).
        dir: Option<PathBuf>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Build a pack folder into one pack file (checked like `brief validate`; bad cards are skipped, --strict refuses).
    Build(BuildArgs),
}

/// `brief build DIR [-o FILE]`, as typed.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The pack folder.
    pub dir: PathBuf,
    /// The file to write [default: NAME.brief beside the folder].
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE even if it is not a pack file (a pack file is always replaced).
    #[arg(long)]
    pub force: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `brief bookmarks ...`, as typed.
#[derive(Debug, Subcommand)]
pub enum BookmarksArgs {
    /// Bookmark the cards (all of them, or none if an id is unknown).
    Add {
        /// Card ids (as `brief list` prints them).
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
    },
    /// Remove the bookmarks (all of them, or none if an id is unknown).
    Rm {
        /// Card ids; a bookmark whose card has left the pack can be removed too.
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
    },
    /// List the bookmarks in your agenda order, numbered: id, when added, title (missing cards
    /// marked). The default.
    List,
    /// Move a bookmark to place N of the agenda (1 is the first; see `bookmarks list`).
    Move {
        /// The bookmarked card's id.
        #[arg(value_name = "ID")]
        id: String,
        /// Its new place, from 1 to the number of bookmarks.
        #[arg(long, value_name = "N")]
        to: usize,
    },
}

/// `brief notes --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NotesFormat {
    /// Plain text to read.
    Text,
    /// Markdown (CommonMark): a notes-only brief.
    Md,
    /// JSON.
    Json,
}

/// `brief export --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Markdown (CommonMark).
    Md,
    /// JSON.
    Json,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour unless NO_COLOR is set and non-empty.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

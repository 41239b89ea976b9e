//! The command line: clap definitions, turned once into [`Settings`] and a [`Command`] that the rest
//! of the code uses. Nothing downstream looks at raw flags.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::config::Config;
use crate::state::StateLocation;

const AFTER_HELP: &str = "\
Examples:
  brief                          open the briefing browser on the built-in pack
  brief list ukraine             cards that mention Ukraine
  brief show rutte-takes-office  one card in full
  brief validate ./my-pack       check a pack folder, reporting file:line:column
  brief --pack ./my-pack list    use another pack (or set BRIEF_PACK)
  brief bookmarks add rutte-takes-office
  brief bookmarks list --json    bookmarks with titles and times; missing cards marked
  brief manifest ./my-pack && minisign -Sm ./my-pack/manifest.json
  brief verify ./my-pack --key author.pub

Exit codes: 0 ok, 1 nothing matched, 2 usage error, 3 bad pack or state.";

/// An offline, keyboard-driven browser for NATO briefing packs.
#[derive(Debug, Parser)]
#[command(name = "brief", version, about, after_help = AFTER_HELP)]
pub struct Args {
    /// Read the pack from this folder instead of the built-in one.
    #[arg(long, global = true, value_name = "DIR", env = "BRIEF_PACK")]
    pub pack: Option<PathBuf>,

    /// Refuse a pack with any bad card, instead of skipping the bad ones.
    #[arg(long, global = true)]
    pub strict: bool,

    /// Read settings from this config file instead of ~/.config/brief/config.toml.
    #[arg(long, global = true, value_name = "PATH", env = "BRIEF_CONFIG")]
    pub config: Option<PathBuf>,

    /// Refuse to open a pack from disk unless its signed manifest verifies (needs --key or --key-string).
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
    },
    /// Check a pack against its manifest and the manifest's minisign signature.
    Verify {
        /// The pack folder (default: --pack or BRIEF_PACK).
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
        /// Print the default config, every option commented.
        #[arg(long)]
        default: bool,
    },
    /// List the notes you wrote on cards (in the browser, `a` writes one).
    Notes {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Print the manual page (roff), generated from these definitions (`brief man | man -l -`).
    Man,
    /// Add, remove or list bookmarks (kept in the state file; see --state).
    Bookmarks {
        #[command(subcommand)]
        action: Option<BookmarksArgs>,
    },
    /// Check a pack and report every problem as file:line:column.
    Validate {
        /// The pack folder (default: --pack, BRIEF_PACK, or the built-in pack).
        dir: Option<PathBuf>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
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
    /// List the bookmarks, oldest first: id, when added, title (missing cards marked). The default.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
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

/// Which pack to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackSource {
    /// The pack built into the binary.
    Embedded,
    /// A folder on disk.
    Dir(PathBuf),
}

/// Output format of a subcommand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text, no colour or escape codes.
    Text,
    /// JSON.
    Json,
}

impl Format {
    fn from_flag(json: bool) -> Self {
        if json { Format::Json } else { Format::Text }
    }
}

/// Where a trusted public key comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySource {
    /// A minisign `.pub` file.
    File(PathBuf),
    /// A base64 key string.
    Inline(String),
}

/// What every command needs to know, validated.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Which pack.
    pub pack: PackSource,
    /// Refuse a pack with bad cards.
    pub strict: bool,
    /// Whether the viewer uses colour.
    pub color: bool,
    /// Refuse packs from disk whose signed manifest does not verify.
    pub require_signed: bool,
    /// The keys to check signatures with (from the command line, else the config's trusted keys).
    pub keys: Vec<KeySource>,
    /// The config file's settings (key bindings and colours are read by the viewer).
    pub config: Config,
    /// Problems found in the config file, each with its line and column.
    pub config_problems: Vec<crate::pack::Diagnostic>,
    /// Where the config file is looked for when `--config` is not given.
    pub default_config_path: Option<PathBuf>,
    /// Where bookmarks, notes and read marks are kept.
    pub state: StateLocation,
}

/// The command to run, validated.
#[derive(Debug, Clone)]
pub enum Command {
    /// Open the viewer.
    Browse,
    /// `brief list`.
    List {
        /// The query, words joined by spaces.
        query: String,
        /// Output format.
        format: Format,
    },
    /// `brief export`.
    Export {
        /// The query, words joined by spaces.
        query: String,
        /// Markdown or JSON.
        format: ExportFormat,
        /// The file to write, or standard output.
        output: Option<PathBuf>,
        /// Replace an existing file.
        force: bool,
    },
    /// `brief show`.
    Show {
        /// Card id.
        id: String,
        /// Output format.
        format: Format,
    },
    /// `brief themes`.
    Themes {
        /// Output format.
        format: Format,
    },
    /// `brief manifest DIR`.
    Manifest {
        /// The pack folder.
        dir: PathBuf,
    },
    /// `brief verify`.
    Verify {
        /// Output format.
        format: Format,
    },
    /// `brief completions SHELL`.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// `brief man`.
    Man,
    /// `brief notes`.
    Notes {
        /// Output format.
        format: Format,
    },
    /// `brief config`.
    Config {
        /// Print the default config instead.
        default: bool,
    },
    /// `brief bookmarks add|rm|list`.
    Bookmarks(BookmarksCommand),
    /// `brief validate`.
    Validate {
        /// Output format.
        format: Format,
    },
}

/// What `brief bookmarks` does, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookmarksCommand {
    /// Bookmark these cards.
    Add(Vec<String>),
    /// Remove these bookmarks.
    Rm(Vec<String>),
    /// List the bookmarks.
    List(Format),
}

impl BookmarksCommand {
    fn from_args(action: Option<BookmarksArgs>) -> Self {
        match action {
            Some(BookmarksArgs::Add { ids }) => BookmarksCommand::Add(ids),
            Some(BookmarksArgs::Rm { ids }) => BookmarksCommand::Rm(ids),
            Some(BookmarksArgs::List { json }) => BookmarksCommand::List(Format::from_flag(json)),
            None => BookmarksCommand::List(Format::Text),
        }
    }
}

impl Args {
    /// Turns the parsed flags into settings and a command. `no_color` is the value of `NO_COLOR`.
    pub fn into_parts(self, no_color: Option<&str>, config: Config) -> (Settings, Command) {
        let from_config = config
            .color
            .as_ref()
            .and_then(|c| ColorChoice::from_str(&c.value, true).ok());
        let color = match self.color.or(from_config).unwrap_or(ColorChoice::Auto) {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => no_color.is_none_or(str::is_empty),
        };
        let mut pack = match self.pack.or_else(|| config.pack.clone()) {
            Some(dir) if !dir.as_os_str().is_empty() => PackSource::Dir(dir),
            _ => PackSource::Embedded,
        };
        let command = match self.command {
            None => Command::Browse,
            Some(CommandArgs::List { query, json }) => Command::List {
                query: query.join(" "),
                format: Format::from_flag(json),
            },
            Some(CommandArgs::Export {
                query,
                format,
                output,
                force,
            }) => Command::Export {
                query: query.join(" "),
                format,
                output,
                force,
            },
            Some(CommandArgs::Show { id, json }) => Command::Show {
                id,
                format: Format::from_flag(json),
            },
            Some(CommandArgs::Themes { json }) => Command::Themes {
                format: Format::from_flag(json),
            },
            Some(CommandArgs::Manifest { dir }) => Command::Manifest { dir },
            Some(CommandArgs::Completions { shell }) => Command::Completions { shell },
            Some(CommandArgs::Man) => Command::Man,
            Some(CommandArgs::Notes { json }) => Command::Notes {
                format: Format::from_flag(json),
            },
            Some(CommandArgs::Config { default }) => Command::Config { default },
            Some(CommandArgs::Bookmarks { action }) => {
                Command::Bookmarks(BookmarksCommand::from_args(action))
            }
            Some(CommandArgs::Verify { dir, json }) => {
                if let Some(dir) = dir {
                    pack = PackSource::Dir(dir);
                }
                Command::Verify {
                    format: Format::from_flag(json),
                }
            }
            Some(CommandArgs::Validate { dir, json }) => {
                if let Some(dir) = dir {
                    pack = PackSource::Dir(dir);
                }
                Command::Validate {
                    format: Format::from_flag(json),
                }
            }
        };
        let keys = match (self.key, self.key_string) {
            (Some(file), _) => vec![KeySource::File(file)],
            (None, Some(text)) => vec![KeySource::Inline(text)],
            (None, None) => config
                .trusted_keys
                .iter()
                .cloned()
                .map(KeySource::Inline)
                .collect(),
        };
        let settings = Settings {
            pack,
            strict: self.strict,
            color,
            require_signed: self.require_signed || config.require_signed,
            keys,
            config,
            config_problems: Vec::new(),
            default_config_path: None,
            state: match self.state {
                Some(path) if !path.as_os_str().is_empty() => StateLocation::Path(path),
                _ => StateLocation::Default,
            },
        };
        (settings, command)
    }
}

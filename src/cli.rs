//! The command line: clap definitions, turned once into [`Settings`] and a [`Command`] that the rest
//! of the code uses. Nothing downstream looks at raw flags.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

const AFTER_HELP: &str = "\
Examples:
  brief                          open the briefing browser on the built-in pack
  brief list ukraine             cards that mention Ukraine
  brief show rutte-takes-office  one card in full
  brief validate ./my-pack       check a pack folder, reporting file:line:column
  brief --pack ./my-pack list    use another pack (or set BRIEF_PACK)

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

    /// When to use colour in the viewer (NO_COLOR turns it off for `auto`).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

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
    /// Check a pack and report every problem as file:line:column.
    Validate {
        /// The pack folder (default: --pack, BRIEF_PACK, or the built-in pack).
        dir: Option<PathBuf>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
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

/// What every command needs to know, validated.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Which pack.
    pub pack: PackSource,
    /// Refuse a pack with bad cards.
    pub strict: bool,
    /// Whether the viewer uses colour.
    pub color: bool,
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
    /// `brief validate`.
    Validate {
        /// Output format.
        format: Format,
    },
}

impl Args {
    /// Turns the parsed flags into settings and a command. `no_color` is the value of `NO_COLOR`.
    pub fn into_parts(self, no_color: Option<&str>) -> (Settings, Command) {
        let color = match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => no_color.is_none_or(str::is_empty),
        };
        let mut pack = match self.pack {
            Some(dir) if !dir.as_os_str().is_empty() => PackSource::Dir(dir),
            _ => PackSource::Embedded,
        };
        let command = match self.command {
            None => Command::Browse,
            Some(CommandArgs::List { query, json }) => Command::List {
                query: query.join(" "),
                format: Format::from_flag(json),
            },
            Some(CommandArgs::Show { id, json }) => Command::Show {
                id,
                format: Format::from_flag(json),
            },
            Some(CommandArgs::Themes { json }) => Command::Themes {
                format: Format::from_flag(json),
            },
            Some(CommandArgs::Validate { dir, json }) => {
                if let Some(dir) = dir {
                    pack = PackSource::Dir(dir);
                }
                Command::Validate {
                    format: Format::from_flag(json),
                }
            }
        };
        (
            Settings {
                pack,
                strict: self.strict,
                color,
            },
            command,
        )
    }
}

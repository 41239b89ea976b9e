//! The validated command line: what the rest of the code uses, built once from [`super::Args`] (and
//! the config file) by [`super::Args::into_parts`]. Nothing downstream looks at raw flags.

use std::path::PathBuf;

use clap::ValueEnum;

use super::{Args, BookmarksArgs, ColorChoice, CommandArgs, ExportFormat};
use crate::config::Config;
use crate::state::StateLocation;

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
    pub config_problems: Vec<crate::base::diagnostic::Diagnostic>,
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
        /// Output format.
        format: Format,
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
        /// Output format (of the check; the default config is TOML).
        format: Format,
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
    /// Bookmark these cards; say what changed in this format.
    Add(Vec<String>, Format),
    /// Remove these bookmarks; say what changed in this format.
    Rm(Vec<String>, Format),
    /// List the bookmarks.
    List(Format),
}

impl BookmarksCommand {
    fn from_args(action: Option<BookmarksArgs>, json: bool) -> Self {
        let format = Format::from_flag(json);
        match action {
            Some(BookmarksArgs::Add { ids }) => BookmarksCommand::Add(ids, format),
            Some(BookmarksArgs::Rm { ids }) => BookmarksCommand::Rm(ids, format),
            Some(BookmarksArgs::List) | None => BookmarksCommand::List(format),
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
                json,
            }) => Command::Export {
                query: query.join(" "),
                format: if json { ExportFormat::Json } else { format },
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
            Some(CommandArgs::Manifest { dir, json }) => Command::Manifest {
                dir,
                format: Format::from_flag(json),
            },
            Some(CommandArgs::Completions { shell }) => Command::Completions { shell },
            Some(CommandArgs::Man) => Command::Man,
            Some(CommandArgs::Notes { json }) => Command::Notes {
                format: Format::from_flag(json),
            },
            Some(CommandArgs::Config { default, json }) => Command::Config {
                default,
                format: Format::from_flag(json),
            },
            Some(CommandArgs::Bookmarks { json, action }) => {
                Command::Bookmarks(BookmarksCommand::from_args(action, json))
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

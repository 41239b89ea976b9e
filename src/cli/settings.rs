//! The validated command line: what the rest of the code uses, built once from [`super::Args`], the
//! environment ([`Env`]) and the config file by [`Settings::resolve`]. Nothing downstream looks at
//! raw flags, and nothing changes the settings once they are made.

use std::path::PathBuf;

use clap::ValueEnum;

use super::{Args, BookmarksArgs, ColorChoice, CommandArgs, ExportFormat, NotesFormat};
use crate::base::diagnostic::Diagnostic;
use crate::config::{self, Config};
use crate::state::StateLocation;

/// Which pack to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackSource {
    /// The pack built into the binary.
    Embedded,
    /// A folder on disk.
    Dir(PathBuf),
    /// A pack file made by `brief build`.
    File(PathBuf),
}

impl PackSource {
    /// The pack at `path`: a pack file if a regular file is there (or a link to one), else a
    /// folder (which says what is wrong if it is not one either).
    pub fn at(path: PathBuf) -> PackSource {
        if std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
            PackSource::File(path)
        } else {
            PackSource::Dir(path)
        }
    }
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
    pub config_problems: Vec<Diagnostic>,
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
        /// Only the cards with a note.
        noted: bool,
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
    Notes(NotesOutput),
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
    /// `brief build DIR`.
    Build {
        /// The pack folder.
        dir: PathBuf,
        /// The file to write (default: `NAME.brief` beside the folder).
        output: Option<PathBuf>,
        /// Replace an existing file that is not a pack file.
        force: bool,
        /// Output format.
        format: Format,
    },
}

/// What `brief notes` prints, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotesOutput {
    /// Text, Markdown or JSON.
    pub format: NotesFormat,
    /// The file to write, or standard output.
    pub output: Option<PathBuf>,
    /// Replace an existing file.
    pub force: bool,
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
    /// Move the bookmark `id` to place `to` of the agenda (1 first; checked when the agenda is
    /// read); print the new agenda in this format.
    Move {
        /// The card's id.
        id: String,
        /// The place, from 1.
        to: usize,
        /// Output format.
        format: Format,
    },
}

impl BookmarksCommand {
    fn from_args(action: Option<BookmarksArgs>, json: bool) -> Self {
        let format = Format::from_flag(json);
        match action {
            Some(BookmarksArgs::Add { ids }) => BookmarksCommand::Add(ids, format),
            Some(BookmarksArgs::Rm { ids }) => BookmarksCommand::Rm(ids, format),
            Some(BookmarksArgs::List) | None => BookmarksCommand::List(format),
            Some(BookmarksArgs::Move { id, to }) => BookmarksCommand::Move { id, to, format },
        }
    }
}

/// The environment variables the settings depend on, passed in so that a test gives its own
/// (`BRIEF_PACK`, `BRIEF_CONFIG` and `BRIEF_STATE` are read by clap, with their flags).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Env {
    /// `NO_COLOR`: set and not empty turns colour off unless asked for.
    pub no_color: Option<String>,
    /// `XDG_CONFIG_HOME`, where the config file is looked for first.
    pub xdg_config_home: Option<String>,
    /// `HOME`, where it is looked for otherwise.
    pub home: Option<String>,
}

impl Env {
    /// This process's environment.
    pub fn of_process() -> Env {
        let var = |name: &str| std::env::var(name).ok();
        Env {
            no_color: var("NO_COLOR"),
            xdg_config_home: var("XDG_CONFIG_HOME"),
            home: var("HOME"),
        }
    }
}

impl Settings {
    /// Turns the parsed flags, the environment and the config file (read here: `--config`, else
    /// the default path, which may be absent) into the settings and the command, complete: nothing
    /// changes them afterwards. The config file's problems are in [`Settings::config_problems`].
    pub fn resolve(args: Args, env: &Env) -> (Settings, Command) {
        let default_config_path =
            config::default_path(env.xdg_config_home.as_deref(), env.home.as_deref());
        let (config, config_problems) =
            config::load(args.config.as_deref(), default_config_path.as_deref());
        let color = resolve_color(args.color, &config, env.no_color.as_deref());
        let pack_dir = args
            .command
            .as_ref()
            .and_then(CommandArgs::pack_dir)
            .cloned();
        let command = args.command.map_or(Command::Browse, Command::from_args);
        let pack = match (pack_dir, args.pack.or_else(|| config.pack.clone())) {
            (Some(path), _) => PackSource::at(path),
            (None, Some(path)) if !path.as_os_str().is_empty() => PackSource::at(path),
            (None, _) => PackSource::Embedded,
        };
        let keys = match (args.key, args.key_string) {
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
            strict: args.strict,
            color,
            require_signed: args.require_signed || config.require_signed,
            keys,
            config,
            config_problems,
            default_config_path,
            state: match args.state {
                Some(path) if !path.as_os_str().is_empty() => StateLocation::Path(path),
                _ => StateLocation::Default,
            },
        };
        (settings, command)
    }
}

/// Whether the viewer uses colour: `--color`, else the config's `color`, else `auto`, which is
/// colour unless `NO_COLOR` is set to something.
fn resolve_color(flag: Option<ColorChoice>, config: &Config, no_color: Option<&str>) -> bool {
    let from_config = config
        .color
        .as_ref()
        .and_then(|c| ColorChoice::from_str(&c.value, true).ok());
    match flag.or(from_config).unwrap_or(ColorChoice::Auto) {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => no_color.is_none_or(str::is_empty),
    }
}

impl Command {
    /// The command a subcommand's flags name.
    fn from_args(args: CommandArgs) -> Command {
        let format = Format::from_flag;
        match args {
            CommandArgs::List { query, json } => Command::List {
                query: query.join(" "),
                format: format(json),
            },
            CommandArgs::Export {
                query,
                format,
                output,
                force,
                json,
                noted,
            } => Command::Export {
                query: query.join(" "),
                format: if json { ExportFormat::Json } else { format },
                output,
                force,
                noted,
            },
            CommandArgs::Show { id, json } => Command::Show {
                id,
                format: format(json),
            },
            CommandArgs::Themes { json } => Command::Themes {
                format: format(json),
            },
            CommandArgs::Manifest { dir, json } => Command::Manifest {
                dir,
                format: format(json),
            },
            CommandArgs::Completions { shell } => Command::Completions { shell },
            CommandArgs::Man => Command::Man,
            CommandArgs::Notes {
                format,
                output,
                force,
                json,
            } => Command::Notes(NotesOutput {
                format: if json { NotesFormat::Json } else { format },
                output,
                force,
            }),
            CommandArgs::Config { default, json } => Command::Config {
                default,
                format: format(json),
            },
            CommandArgs::Bookmarks { json, action } => {
                Command::Bookmarks(BookmarksCommand::from_args(action, json))
            }
            CommandArgs::Verify { json, .. } => Command::Verify {
                format: format(json),
            },
            CommandArgs::Validate { json, .. } => Command::Validate {
                format: format(json),
            },
            CommandArgs::Build(args) => args.command(),
        }
    }
}

impl super::BuildArgs {
    /// `brief build`, validated.
    fn command(self) -> Command {
        Command::Build {
            dir: self.dir,
            output: self.output,
            force: self.force,
            format: Format::from_flag(self.json),
        }
    }
}

impl CommandArgs {
    /// The pack the subcommand names itself (`brief validate DIR|FILE`, `brief verify
    /// DIR|FILE`), which wins over `--pack` and the config.
    fn pack_dir(&self) -> Option<&PathBuf> {
        match self {
            CommandArgs::Verify { dir, .. } | CommandArgs::Validate { dir, .. } => dir.as_ref(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(line: &[&str], env: &Env) -> (Settings, Command) {
        let args = Args::parse_from_line(line.iter().map(Into::into)).unwrap();
        Settings::resolve(args, env)
    }

    #[test]
    fn no_color_turns_colour_off_unless_asked_for() {
        let env = Env {
            no_color: Some("1".into()),
            ..Env::default()
        };
        assert!(!resolve(&["brief", "list"], &env).0.color);
        assert!(
            resolve(&["brief", "--color", "always", "list"], &env)
                .0
                .color
        );
        assert!(resolve(&["brief", "list"], &Env::default()).0.color);
    }

    #[test]
    fn the_config_is_read_from_the_given_home_and_its_settings_are_complete() {
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join(".config/brief");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("config.toml"),
            "pack = \"/packs/nato\"\ncolor = \"never\"\nbogus = 1\n",
        )
        .unwrap();
        let env = Env {
            home: Some(home.path().display().to_string()),
            ..Env::default()
        };
        let (settings, _) = resolve(&["brief", "themes"], &env);
        assert_eq!(settings.pack, PackSource::Dir("/packs/nato".into()));
        assert!(!settings.color);
        assert_eq!(settings.config_problems.len(), 1, "the unknown key");
        assert_eq!(
            settings.default_config_path,
            Some(dir.join("config.toml")),
            "known without a later patch"
        );
    }

    #[test]
    fn a_folder_named_by_validate_wins_over_pack() {
        let (settings, command) = resolve(
            &["brief", "--pack", "/a", "validate", "/b"],
            &Env::default(),
        );
        assert_eq!(settings.pack, PackSource::Dir("/b".into()));
        assert!(matches!(command, Command::Validate { .. }));
    }
}

//! A query word that starts with `-` (`-theme:trump`, `-word`) on `brief list` and `brief export`.
//! clap would read it as a flag, and its `allow_hyphen_values` turns every later flag (`--json`,
//! `-o FILE`) into a query word too. So before clap sees the command line, the query words of those
//! two subcommands are moved after a `--`, in their order, and the flags stay in front: every flag
//! clap knows is still a flag wherever it stands, and every other word is the query as typed.

use std::ffi::{OsStr, OsString};

use clap::CommandFactory;

use super::Args;

/// The subcommands whose positional words are a query.
const QUERY_COMMANDS: [&str; 2] = ["list", "export"];

/// What one word of the command line is, for the subcommand being read.
enum Word {
    /// `--`: everything after it is a positional word.
    Escape,
    /// A flag clap knows; `true` when its value is the next word.
    Flag(bool),
    /// A `--long` flag clap does not know: left for clap to report.
    Unknown,
    /// Anything else: a positional word.
    Positional,
}

/// Reads `word` against the flags of `command`. A single-dash word is a flag only when it is
/// exactly a known short flag (`-o`, `-h`): `-orban` is a query word, not `-o rban`.
fn classify(command: &clap::Command, word: &OsStr) -> Word {
    let Some(text) = word.to_str() else {
        return Word::Positional;
    };
    if text == "--" {
        return Word::Escape;
    }
    let takes_value = |arg: &clap::Arg| arg.get_action().takes_values();
    if let Some(long) = text.strip_prefix("--") {
        let (name, inline) = long
            .split_once('=')
            .map_or((long, false), |(n, _)| (n, true));
        return match command.get_arguments().find(|a| a.get_long() == Some(name)) {
            Some(arg) => Word::Flag(takes_value(arg) && !inline),
            None => Word::Unknown,
        };
    }
    let mut chars = text.chars();
    if let (Some('-'), Some(short), None) = (chars.next(), chars.next(), chars.next())
        && let Some(arg) = command
            .get_arguments()
            .find(|a| a.get_short() == Some(short))
    {
        return Word::Flag(takes_value(arg));
    }
    Word::Positional
}

/// The command line as clap should read it: for `brief list` and `brief export`, with the query
/// words after a `--` when one of them starts with `-`; any other command line as it is.
pub fn with_query_escaped(args: Vec<OsString>) -> Vec<OsString> {
    let mut root = Args::command();
    root.build();
    let Some(at) = subcommand_at(&root, &args) else {
        return args;
    };
    let Some(sub) = args[at]
        .to_str()
        .filter(|name| QUERY_COMMANDS.contains(name))
        .and_then(|name| root.find_subcommand(name))
    else {
        return args;
    };
    let mut flags = Vec::new();
    let mut words = Vec::new();
    let mut rest = args[at + 1..].iter();
    while let Some(word) = rest.next() {
        match classify(sub, word) {
            Word::Escape => {
                words.extend(rest.by_ref().cloned());
            }
            Word::Flag(takes_value) => {
                flags.push(word.clone());
                if takes_value {
                    flags.extend(rest.next().cloned());
                }
            }
            Word::Unknown => flags.push(word.clone()),
            Word::Positional => words.push(word.clone()),
        }
    }
    let hyphen = |w: &OsString| w.to_str().is_some_and(|t| t.starts_with('-'));
    if !words.iter().any(hyphen) {
        return args;
    }
    let mut escaped = args[..=at].to_vec();
    escaped.extend(flags);
    escaped.push(OsString::from("--"));
    escaped.extend(words);
    escaped
}

/// Where the subcommand's name stands: the first positional word after the program's name and
/// the global flags (and their values).
fn subcommand_at(root: &clap::Command, args: &[OsString]) -> Option<usize> {
    let mut at = 1;
    while let Some(word) = args.get(at) {
        match classify(root, word) {
            Word::Escape => return None,
            Word::Flag(true) => at += 2,
            Word::Flag(false) | Word::Unknown => at += 1,
            Word::Positional => return Some(at),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::with_query_escaped;

    fn escaped(line: &str) -> String {
        let args = line.split(' ').map(Into::into).collect();
        let out: Vec<String> = with_query_escaped(args)
            .into_iter()
            .map(|w| w.to_string_lossy().into_owned())
            .collect();
        out.join(" ")
    }

    #[test]
    fn query_words_with_a_dash_go_after_an_escape_and_flags_stay_flags() {
        assert_eq!(escaped("brief list -theme:x"), "brief list -- -theme:x");
        assert_eq!(
            escaped("brief list rutte -theme:x --json"),
            "brief list --json -- rutte -theme:x"
        );
        assert_eq!(
            escaped("brief --pack p export -a -o f --format json b"),
            "brief --pack p export -o f --format json -- -a b"
        );
        assert_eq!(escaped("brief list -orban -h"), "brief list -h -- -orban");
        assert_eq!(escaped("brief list a -- -b"), "brief list -- a -b");
        assert_eq!(
            escaped("brief list --json rutte -x"),
            "brief list --json -- rutte -x"
        );
    }

    #[test]
    fn other_command_lines_are_left_alone() {
        for line in [
            "brief list rutte --json",
            "brief show -x",
            "brief --state -s list",
            "brief",
            "brief list --jsn",
        ] {
            assert_eq!(escaped(line), line);
        }
    }
}

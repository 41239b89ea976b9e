//! `brief man`: one manual page, readable offline with `man -l`: the command line (clap_mangen's
//! sections from the clap definitions), then every subcommand with its options, the default keys
//! (from the keymap the browser uses), the query language, files, environment and exit status.

use std::io::Write;

use clap::CommandFactory;
use roff::{Roff, bold, italic, roman};

use crate::cli::Args;
use crate::exit::{EXIT_STATUS, Failure, Outcome};

/// Prints the manual page in roff.
pub fn run(out: &mut dyn Write) -> Result<Outcome, Failure> {
    let mut command = Args::command();
    command.build();
    let man = clap_mangen::Man::new(command.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    let mut page = Roff::new();
    commands(&mut page, &command);
    keys(&mut page);
    query_language(&mut page);
    files(&mut page);
    environment(&mut page);
    exit_status(&mut page);
    page.to_writer(out)?;
    man.render_version_section(out)?;
    Ok(Outcome::Ok)
}

/// A paragraph under a bold tag (`.TP`).
fn entry(page: &mut Roff, tag: Vec<roff::Inline>, text: &str) {
    page.control("TP", []);
    page.text(tag);
    page.text([roman(text)]);
}

/// COMMANDS: each subcommand (and each of `bookmarks`') with its usage, what it does and its
/// own options; the global options are under OPTIONS.
fn commands(page: &mut Roff, root: &clap::Command) {
    page.control("SH", ["COMMANDS"]);
    page.text([roman(
        "With no command, brief opens the briefing browser (see KEYS). Every command that prints data takes --json; completions, man and config --default print a script, this page and TOML.",
    )]);
    for sub in root.get_subcommands().filter(|s| s.get_name() != "help") {
        command_entry(page, &format!("brief {}", sub.get_name()), sub, root);
        for inner in sub.get_subcommands().filter(|s| s.get_name() != "help") {
            let name = format!("brief {} {}", sub.get_name(), inner.get_name());
            command_entry(page, &name, inner, sub);
        }
    }
}

/// One command: `brief NAME ARGS`, its description and its own options (not those it inherits
/// from `parent`), indented.
fn command_entry(page: &mut Roff, name: &str, command: &clap::Command, parent: &clap::Command) {
    let inherited = |arg: &clap::Arg| {
        arg.get_id() == "help" || parent.get_arguments().any(|p| p.get_id() == arg.get_id())
    };
    let own = || command.get_arguments().filter(|a| !inherited(a));
    let mut tag = vec![bold(name)];
    for arg in own().filter(|a| a.is_positional()) {
        tag.push(roman(" "));
        tag.push(italic(usage(arg)));
    }
    let about = command
        .get_about()
        .map(ToString::to_string)
        .unwrap_or_default();
    entry(page, tag, &about);
    let options: Vec<&clap::Arg> = own().filter(|a| !a.is_positional()).collect();
    if options.is_empty() {
        return;
    }
    page.control("RS", []);
    for arg in options {
        let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
        entry(page, vec![bold(usage(arg))], &help);
    }
    page.control("RE", []);
}

/// How an argument is written: `<ID>...`, `[DIR]`, `-o, --output <FILE>`, `--format <md|json>`.
fn usage(arg: &clap::Arg) -> String {
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    let value = if values.is_empty() {
        arg.get_value_names()
            .and_then(|names| names.first())
            .map_or_else(|| arg.get_id().as_str().to_uppercase(), ToString::to_string)
    } else {
        values.join("|")
    };
    let many = if matches!(arg.get_action(), clap::ArgAction::Append) {
        "..."
    } else {
        ""
    };
    if arg.is_positional() {
        return if arg.is_required_set() {
            format!("<{value}>{many}")
        } else {
            format!("[{value}]{many}")
        };
    }
    let mut text = arg
        .get_short()
        .map(|s| format!("-{s}, "))
        .unwrap_or_default();
    if let Some(long) = arg.get_long() {
        text.push_str("--");
        text.push_str(long);
    }
    if arg.get_action().takes_values() {
        text.push_str(" <");
        text.push_str(&value);
        text.push('>');
    }
    text
}

/// KEYS: the default keymap, mode by mode, as the browser's own table words it.
fn keys(page: &mut Roff) {
    let manual = crate::tui::keys_manual();
    page.control("SH", ["KEYS"]);
    page.text([roman(manual.intro)]);
    for (heading, rows) in manual.modes {
        page.control("SS", [heading.as_str()]);
        for (keys, label) in rows {
            entry(page, vec![bold(keys)], &label);
        }
    }
    page.control("SS", ["Mouse"]);
    page.text([roman(manual.mouse)]);
}

/// QUERY LANGUAGE: the same text `brief list --help` prints.
fn query_language(page: &mut Roff) {
    page.control("SH", ["QUERY LANGUAGE"]);
    page.text([roman(
        "brief list, brief export and the browser's / read this language. On the command line a query word may start with - (brief list rutte -theme:trump): it is a query word unless it is exactly a flag of the command (-o, -h); flags work before or after the query.",
    )]);
    page.control("PP", []);
    page.control("nf", []);
    for line in crate::search::HELP.lines() {
        page.text([roman(line)]);
    }
    page.control("fi", []);
}

/// FILES: what brief reads and writes.
fn files(page: &mut Roff) {
    page.control("SH", ["FILES"]);
    let rows = [
        (
            "$XDG_CONFIG_HOME/brief/config.toml",
            "The config file (else ~/.config/brief/config.toml; or --config, BRIEF_CONFIG). brief config checks it; brief config --default prints every setting, commented.",
        ),
        (
            "$XDG_DATA_HOME/brief/state.json",
            "Bookmarks, notes, read marks and where you were (else ~/.local/share/brief/state.json; or --state, BRIEF_STATE). Mode 0600 in a 0700 folder; replaced atomically. Commands that only read it create nothing.",
        ),
        (
            "state.json.lock",
            "Beside the state file: an empty file brief locks while it writes. Leave it alone.",
        ),
        (
            "state.json.corrupt-TIME",
            "A state file brief could not read, moved aside with its bytes unchanged.",
        ),
        (
            "brief-export-YYYYMMDD-HHMMSS.md",
            "What e in the browser writes, in the folder brief was started from; never overwritten.",
        ),
        (
            "DIR/manifest.json, DIR/manifest.json.minisig",
            "A pack's manifest (written by brief manifest DIR) and its minisign signature (checked by brief verify and --require-signed).",
        ),
    ];
    for (name, what) in rows {
        entry(page, vec![bold(name)], what);
    }
}

/// ENVIRONMENT: the variables brief reads.
fn environment(page: &mut Roff) {
    page.control("SH", ["ENVIRONMENT"]);
    let rows = [
        (
            "BRIEF_PACK",
            "A pack folder to read instead of the built-in pack (as --pack).",
        ),
        ("BRIEF_STATE", "The state file (as --state)."),
        ("BRIEF_CONFIG", "The config file (as --config)."),
        (
            "NO_COLOR",
            "Set and not empty: no colour (--color always overrides it).",
        ),
        (
            "XDG_CONFIG_HOME",
            "Where the config file is looked for (brief/config.toml).",
        ),
        (
            "XDG_DATA_HOME",
            "Where the state file is kept (brief/state.json), if absolute.",
        ),
        (
            "HOME",
            "The fallback for both: ~/.config and ~/.local/share.",
        ),
    ];
    for (name, what) in rows {
        entry(page, vec![bold(name)], what);
    }
}

/// EXIT STATUS: every code with every case, from [`EXIT_STATUS`].
fn exit_status(page: &mut Roff) {
    page.control("SH", ["EXIT STATUS"]);
    for (code, case) in EXIT_STATUS {
        entry(page, vec![bold(code.to_string())], case);
    }
}

//! The config file's parser: places, recovery, trust, bounds.

use super::*;

#[test]
fn the_default_config_parses_cleanly() {
    let (config, problems) = parse(DEFAULT, "config.toml");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(config.pack, None);
}

#[test]
fn values_keep_their_places() {
    let text = "pack = \"/packs/summit\"\ncolor = \"never\"\n[keys]\nquit = [\"q\", \"Ctrl-q\"]\nselect_next = \"j\"\n";
    let (config, problems) = parse(text, "c.toml");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(config.pack.as_deref(), Some(Path::new("/packs/summit")));
    let (action, keys) = &config.keys[0];
    assert_eq!(action.value, "quit");
    assert_eq!((action.position.line, action.position.column), (4, 1));
    assert_eq!((keys[1].position.line, keys[1].position.column), (4, 14));
}

#[test]
fn a_syntax_error_is_placed_and_the_other_settings_kept() {
    let (config, problems) = parse("color = \"never\"\n[keys\n", "c.toml");
    assert_eq!(config.color.map(|c| c.value).as_deref(), Some("never"));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].line, 2);
    assert_eq!(config.trust_in_doubt, None);
}

// One mistake used to throw away the whole config, require_signed and trusted_keys with it,
// and only the first mistake was reported.
#[test]
fn one_mistake_leaves_every_other_setting_in_force_and_all_are_reported() {
    let text = "colour = \"never\"\nrequire_signed = true\ncolor = never\ntrusted_keys = [\"RWQ\", 3]\n[keys]\nquit = 5\nselect_next = \"x\"\n";
    let (config, problems) = parse(text, "c.toml");
    assert!(config.require_signed);
    assert_eq!(config.trusted_keys, vec!["RWQ".to_string()]);
    assert_eq!(config.keys.len(), 1);
    let places: Vec<_> = problems.iter().map(|p| (p.line, p.column)).collect();
    assert_eq!(
        places,
        vec![(1, 1), (3, 9), (4, 24), (6, 8)],
        "{problems:?}"
    );
    assert_eq!(config.trust_in_doubt, None);
}

#[test]
fn an_unreadable_require_signed_leaves_trust_in_doubt() {
    for text in [
        "require_signed = yes\n",
        "require_signed = \"true\"\n",
        "require_signed = tru",
    ] {
        let (config, problems) = parse(text, "c.toml");
        assert!(!problems.is_empty());
        assert!(
            config.trust_in_doubt.is_some() || config.require_signed,
            "{text}"
        );
    }
    let (config, _) = parse("# require_signed = true\ncolor = never\n", "c.toml");
    assert_eq!(config.trust_in_doubt, None);
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let (config, problems) = parse("\u{feff}require_signed = true\n", "c.toml");
    assert!(problems.is_empty(), "{problems:?}");
    assert!(config.require_signed);
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let text = format!("keys = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let (config, problems) = parse(&text, "c.toml");
    assert!(config.keys.is_empty());
    assert!(!problems.is_empty());
}

#[test]
fn an_unknown_setting_is_placed() {
    let (_, problems) = parse("\n\ncolour = \"never\"\n", "c.toml");
    assert_eq!((problems[0].line, problems[0].column), (3, 1));
    assert!(
        problems[0].message.contains("unknown setting `colour`"),
        "{}",
        problems[0]
    );
}

#[test]
fn a_bad_color_mode_is_reported_and_ignored() {
    let (config, problems) = parse("color = \"sometimes\"\n", "c.toml");
    assert_eq!(config.color, None);
    assert_eq!((problems[0].line, problems[0].column), (1, 9));
}

#[test]
fn default_path_follows_xdg_then_home() {
    assert_eq!(
        default_path(Some("/x"), Some("/h")),
        Some(PathBuf::from("/x/brief/config.toml"))
    );
    assert_eq!(
        default_path(Some(""), Some("/h")),
        Some(PathBuf::from("/h/.config/brief/config.toml"))
    );
    assert_eq!(default_path(None, None), None);
}

#[test]
fn read_after_is_read_and_a_bad_one_is_placed_and_keeps_the_default() {
    let (config, problems) = parse("read_after = 5\n", "c.toml");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(config.read_after(), Some(Duration::from_secs(5)));
    let (config, _) = parse("read_after = 0\n", "c.toml");
    assert_eq!(config.read_after(), None, "0 turns it off");
    assert_eq!(
        Config::default().read_after(),
        Some(Duration::from_secs(DEFAULT_READ_AFTER))
    );
    for (text, column) in [
        ("read_after = -1\n", 14),
        ("read_after = 2.5\n", 14),
        ("read_after = \"3\"\n", 14),
        ("read_after = 3601\n", 14),
        ("color = \"never\"\nread_after = 99999999999999999999\n", 14),
    ] {
        let (config, problems) = parse(text, "c.toml");
        assert_eq!(config.read_after, None, "{text}");
        let last = problems.last().unwrap();
        assert_eq!(last.column, column, "{text}: {problems:?}");
        assert!(last.message.contains("read_after must be"), "{last}");
    }
}

//! The README's example screen is a real capture: the 120×40 snapshot of the browser on the
//! built-in pack, so a change to the screen that leaves the README behind fails here.
#![allow(clippy::unwrap_used)]

/// The screen in a snapshot file: its quoted rows, trailing spaces trimmed.
fn snapshot_rows(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.strip_prefix('"').and_then(|l| l.strip_suffix('"')))
        .map(|row| row.trim_end().to_string())
        .collect()
}

#[test]
fn the_readme_screen_is_the_120x40_snapshot() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let snap =
        std::fs::read_to_string(format!("{root}/tests/snapshots/snapshots__120x40.snap")).unwrap();
    let browser = readme.split("## The browser").nth(1).unwrap();
    let block = browser.split("```").nth(1).unwrap();
    let shown: Vec<String> = block
        .lines()
        .skip(1)
        .map(|row| row.trim_end().to_string())
        .collect();
    assert_eq!(shown, snapshot_rows(&snap), "README.md's example screen");
}

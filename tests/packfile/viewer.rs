//! The viewer on pack files it must refuse at launch (the journeys on sound files are in
//! `tests/pty.rs` and the App's own tests in `src/tui/app/file_tests.rs`).

use super::damage::with_the_older_index;

// Regression: the viewer opened a file an older brief built (index version 1) on an empty list
// ("No card matches."), the index's error only in the footer. It is refused at launch now (exit
// 3, the one-line error), as `brief list` refuses it.
#[test]
fn the_viewer_refuses_a_file_with_the_older_index_at_launch() {
    let dir = tempfile::tempdir().unwrap();
    let path = with_the_older_index(dir.path());
    let file = path.to_str().unwrap();
    let mut s = super::fixtures::pty::Session::start_args(100, 30, &["--pack", file], &[], None);
    assert!(s.wait_exit(), "the viewer did not end by itself");
    let status = s.child.wait().unwrap();
    assert_eq!(status.exit_code(), 3, "{}", String::from_utf8_lossy(&s.raw));
    let said = String::from_utf8_lossy(&s.raw);
    assert!(
        said.contains("index version 1; this brief reads version 2") && !said.contains("Cards"),
        "{said}"
    );
}

//! The dependency-tree check in `.ci/no-network` really fails when a networking crate is present:
//! it is run here against a fake `cargo` that prints a tree holding `hyper`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use std::path::Path;
use std::process::Command;

fn run_with_fake_tree(tree: &str) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("cargo");
    std::fs::write(&fake, format!("#!/bin/sh\nprintf '%s\\n' {tree}\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/no-network");
    let path = format!(
        "{}:{}",
        dir.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("bash")
        .arg(script)
        .env("PATH", path)
        .output()
        .unwrap()
}

#[test]
fn a_networking_crate_fails_the_check() {
    let out = run_with_fake_tree("serde ratatui hyper");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("hyper"));
}

#[test]
fn a_clean_tree_passes_the_check() {
    let out = run_with_fake_tree("serde ratatui crossterm");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

//! Pack files (`brief build`, `--pack FILE`, `validate FILE`, `verify FILE`) from the outside:
//! the file answers every command as its folder does, damaged files are refused on one line
//! naming the part, hostile files (from this test's own writer) never reach the terminal, and
//! signatures made by the real minisign verify.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

mod build;
mod damage;
mod equal;
mod export;
#[path = "../common/mod.rs"]
mod fixtures;
mod hostile;
mod props;
mod sign;
mod validate;
mod viewer;
mod writer;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The `brief` binary with a clean environment: no config, no pack, its state in `home`.
pub fn brief(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("brief").unwrap();
    cmd.env_remove("NO_COLOR")
        .env_remove("BRIEF_PACK")
        .env_remove("BRIEF_CONFIG")
        .env_remove("XDG_DATA_HOME")
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("BRIEF_STATE", home.join("state.json"))
        .env("HOME", home);
    cmd
}

/// Runs `cmd`: exit code, stdout, stderr.
pub fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (
        out.status.code().unwrap(),
        text(out.stdout),
        text(out.stderr),
    )
}

/// The folder `dir` built into `into/NAME.brief` by `brief build`.
pub fn built(dir: &Path, into: &Path, name: &str) -> PathBuf {
    let file = into.join(name);
    let (code, out, err) = run(brief(into).arg("build").arg(dir).arg("-o").arg(&file));
    assert_eq!(code, 0, "{out}{err}");
    file
}

/// The built-in pack's folder.
pub fn briefings() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings")
}

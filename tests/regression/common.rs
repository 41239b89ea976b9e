//! What the regression tests share.

use assert_cmd::Command;

/// The `brief` binary with a clean environment: no config and no state but in `home`.
#[allow(dead_code)]
pub fn brief(home: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("brief").unwrap();
    cmd.env_remove("NO_COLOR")
        .env_remove("BRIEF_PACK")
        .env_remove("BRIEF_STATE")
        .env_remove("BRIEF_CONFIG")
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("XDG_DATA_HOME")
        .env("HOME", home);
    cmd
}

/// Makes a FIFO at `path` (an open of it for reading waits for a writer that never comes).
#[cfg(unix)]
#[allow(dead_code)]
pub fn fifo(path: &std::path::Path) {
    rustix::fs::mkfifoat(
        rustix::fs::CWD,
        path,
        rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR,
    )
    .unwrap();
}

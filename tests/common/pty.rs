//! The harness of the end-to-end tests: the real `brief` binary in a pseudo-terminal, the screen
//! read back with a vt100 parser. Nothing depends on timing: each step waits until the expected
//! text is on the screen (up to a generous timeout), and the child is always killed at the end.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const TIMEOUT: Duration = Duration::from_secs(10);

/// A running `brief` in a pseudo-terminal.
pub struct Session {
    pub child: Box<dyn Child + Send + Sync>,
    pub master: Box<dyn MasterPty + Send>,
    pub writer: Box<dyn Write + Send>,
    pub output: Receiver<Vec<u8>>,
    pub parser: vt100::Parser,
    /// Every byte the program wrote, for checks on escape sequences.
    pub raw: Vec<u8>,
    /// The session's own state and config folder, removed when it ends.
    _home: tempfile::TempDir,
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).unwrap()
}

impl Session {
    pub fn start(cols: u16, rows: u16) -> Session {
        Session::start_with(cols, rows, &[])
    }

    pub fn start_with(cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
        Session::start_in(cols, rows, env, None)
    }

    /// Starts in `cwd` (else the test's own folder).
    pub fn start_in(cols: u16, rows: u16, env: &[(&str, &str)], cwd: Option<&Path>) -> Session {
        Session::start_args(cols, rows, &[], env, cwd)
    }

    /// Starts `brief` with `args` and `env`, in `cwd` (else the test's own folder).
    pub fn start_args(
        cols: u16,
        rows: u16,
        args: &[&str],
        env: &[(&str, &str)],
        cwd: Option<&Path>,
    ) -> Session {
        let pair = native_pty_system().openpty(size(cols, rows)).unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_brief"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("BRIEF_PACK");
        cmd.env_remove("BRIEF_CONFIG");
        // Each session has its own state file and no config, unless the test names them: runs never
        // see each other's bookmarks or the user's own.
        let home = tempfile::tempdir().unwrap();
        cmd.env("BRIEF_STATE", home.path().join("state.json"));
        cmd.env("XDG_CONFIG_HOME", home.path().join("config"));
        for (key, value) in env {
            cmd.env(key, value);
        }
        if let Some(cwd) = cwd {
            cmd.cwd(cwd);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let (tx, output) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Session {
            child,
            master: pair.master,
            writer,
            output,
            parser: vt100::Parser::new(nz(rows), nz(cols), 0),
            raw: Vec::new(),
            _home: home,
        }
    }

    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Reads output until `ready(screen)` holds; panics with the screen after the timeout.
    pub fn wait_until(&mut self, what: &str, ready: impl Fn(&str) -> bool) {
        self.wait_output(what, |screen, _| ready(screen));
    }

    /// Like [`Session::wait_until`], and also until the frame being drawn is whole (ratatui ends
    /// each frame by hiding the cursor): a screen read in the middle of a frame may show its top
    /// changed and its bottom not yet.
    pub fn wait_drawn(&mut self, what: &str, ready: impl Fn(&str) -> bool) {
        self.wait_output(what, |screen, raw| {
            raw.ends_with(b"\x1b[?25l") && ready(screen)
        });
    }

    /// Reads output until `ready(screen, every byte so far)` holds; panics with the screen after
    /// the timeout.
    fn wait_output(&mut self, what: &str, ready: impl Fn(&str, &[u8]) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if ready(&self.screen(), &self.raw) {
                return;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.output.recv_timeout(left) {
                Ok(bytes) => {
                    self.parser.process(&bytes);
                    self.raw.extend_from_slice(&bytes);
                }
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                    let _ = self.child.kill();
                    let tail =
                        String::from_utf8_lossy(&self.raw[self.raw.len().saturating_sub(600)..])
                            .into_owned();
                    panic!(
                        "timed out waiting for {what}; screen:\n{}\nlast bytes: {tail:?}",
                        self.screen()
                    );
                }
            }
        }
    }

    pub fn wait_for(&mut self, text: &str) {
        self.wait_until(&format!("{text:?}"), |s| s.contains(text));
    }

    pub fn wait_gone(&mut self, text: &str) {
        self.wait_until(&format!("{text:?} to go"), |s| !s.contains(text));
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.parser.screen_mut().set_size(nz(rows), nz(cols));
        self.master.resize(size(cols, rows)).unwrap();
    }

    /// Waits for the process to end and for its last output; true if it exited by itself.
    pub fn wait_exit(&mut self) -> bool {
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                while let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(200)) {
                    self.raw.extend_from_slice(&bytes);
                    self.parser.process(&bytes);
                }
                return true;
            }
            if let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(50)) {
                self.raw.extend_from_slice(&bytes);
                self.parser.process(&bytes);
            }
        }
        false
    }

    /// True if, after the last time the alternate screen was entered, it was left and the
    /// cursor shown again.
    pub fn restored(&self) -> bool {
        let text = String::from_utf8_lossy(&self.raw);
        let entered = text.rfind("\x1b[?1049h").unwrap_or(0);
        let after = &text[entered..];
        after.contains("\x1b[?1049l") && after.contains("\x1b[?25h")
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The first number of the card pane's scroll indicator (` 12–23 of 31 `).
pub fn scroll_start(screen: &str) -> Option<u32> {
    let at = screen.rfind(" of ")?;
    let before = &screen[..at];
    let dash = before.rfind('–')?;
    let start = before[..dash].rfind(' ')?;
    before[start + 1..dash].parse().ok()
}

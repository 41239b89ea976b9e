//! How long a terminal program takes from launch to its first whole screen: the command runs in a
//! pseudo-terminal of 120×40, its output goes through a terminal emulator (`vt100`), and the
//! clock stops when the screen first shows `--until TEXT`. Then the quit keys are sent and the
//! program is waited for. Run several times, it prints each time and the best and the median, so
//! `brief` and a peer (fzf) are measured the same way, side by side:
//!
//! ```sh
//! cargo run --release --example first_frame -- --until 'matches' --runs 20 -- \
//!     target/release/brief --pack /tmp/p100k.brief
//! cargo run --release --example first_frame -- --until '100000/100000' --quit $'\x1b' -- \
//!     sh -c 'fzf < /tmp/p100k.titles'
//! ```
//!
//! A measurement tool, not part of brief: it stops with a message on any error.

use std::io::{Read, Write};
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// How long to wait for the text before giving up on a run.
const TIMEOUT: Duration = Duration::from_secs(30);

struct Options {
    until: String,
    quit: String,
    runs: usize,
    command: Vec<String>,
}

fn options() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let mut options = Options {
        until: String::new(),
        quit: "q".into(),
        runs: 10,
        command: Vec::new(),
    };
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--until" => options.until = value()?,
            "--quit" => options.quit = value()?,
            "--runs" => options.runs = value()?.parse().map_err(|e| format!("--runs: {e}"))?,
            "--" => {
                options.command = args.collect();
                break;
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if options.until.is_empty() || options.command.is_empty() {
        return Err(
            "usage: first_frame --until TEXT [--quit KEYS] [--runs N] -- COMMAND [ARGS...]".into(),
        );
    }
    Ok(options)
}

/// One run: the time until `until` is on the screen.
fn run_once(options: &Options) -> Result<Duration, String> {
    let size = PtySize {
        rows: 40,
        cols: 120,
        pixel_width: 0,
        pixel_height: 0,
    };
    let pair = native_pty_system()
        .openpty(size)
        .map_err(|e| e.to_string())?;
    // A path with a slash is taken from the current folder (the pty crate would search PATH).
    let program = &options.command[0];
    let program = match std::path::absolute(program) {
        Ok(path) if program.contains('/') => path.into_os_string(),
        _ => program.into(),
    };
    let mut cmd = CommandBuilder::new(program);
    cmd.args(&options.command[1..]);
    cmd.env("TERM", "xterm-256color");
    if let Ok(dir) = std::env::current_dir() {
        cmd.cwd(dir);
    }
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).map_err(|e| e.to_string())?;
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().map_err(|e| e.to_string())?;
    let mut writer = pair.master.take_writer().map_err(|e| e.to_string())?;
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let (rows, cols) = (
        std::num::NonZeroU16::MIN.saturating_add(39),
        std::num::NonZeroU16::MIN.saturating_add(119),
    );
    let mut screen = vt100::Parser::new(rows, cols, 0);
    let elapsed = loop {
        let left = TIMEOUT.saturating_sub(start.elapsed());
        match rx.recv_timeout(left) {
            Ok(bytes) => {
                screen.process(&bytes);
                if screen.screen().contents().contains(&options.until) {
                    break start.elapsed();
                }
            }
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                let _ = child.kill();
                return Err(format!(
                    "{:?} never showed; screen:\n{}",
                    options.until,
                    screen.screen().contents()
                ));
            }
        }
    };
    writer
        .write_all(options.quit.as_bytes())
        .and_then(|()| writer.flush())
        .map_err(|e| e.to_string())?;
    // Let the program end by itself (its exit is not timed), draining what it writes.
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return Ok(elapsed);
        }
        let _ = rx.recv_timeout(Duration::from_millis(20));
    }
    let _ = child.kill();
    Err("the program did not quit on the quit keys".into())
}

fn main() {
    let options = match options() {
        Ok(options) => options,
        Err(e) => {
            eprintln!("first_frame: {e}");
            std::process::exit(2);
        }
    };
    let mut times = Vec::new();
    for run in 1..=options.runs {
        match run_once(&options) {
            Ok(time) => {
                println!("run {run}: {:.1} ms", time.as_secs_f64() * 1e3);
                times.push(time);
            }
            Err(e) => {
                eprintln!("first_frame: run {run}: {e}");
                std::process::exit(1);
            }
        }
    }
    times.sort();
    let ms = |d: &Duration| d.as_secs_f64() * 1e3;
    if let (Some(best), Some(median)) = (times.first(), times.get(times.len() / 2)) {
        println!(
            "{} runs: best {:.1} ms, median {:.1} ms",
            times.len(),
            ms(best),
            ms(median)
        );
    }
}

//! The viewer's first frame, whole process: launches the real `brief` in a 120×40 pseudo-terminal,
//! times it from the launch until the screen shows its first frame (the header's `card 1/`), reads
//! its peak memory then (`VmHWM` of `/proc/PID/status`), and quits it with `q`. Repeats, then
//! prints each run and the best and the median.
//!
//! `cargo build --release && cargo run --release --example first_frame -- [--runs N] [ARGS...]`
//! where ARGS go to `brief`: nothing for the built-in pack, `--pack FILE` for a pack file (made by
//! `cargo run --release --example genpack -- DIR 100000` then `brief build DIR -o FILE`), `--pack
//! DIR` for a folder. The targets: at most 100 ms at 100,000 cards, at most 3× the
//! built-in pack's first frame, and peak memory at most the file's size. `BRIEF_BIN` names the
//! binary to run (default: `brief` beside the `examples` folder this runs from). The state file
//! and config are fresh ones in a temporary folder.

use std::error::Error;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

type Res<T> = Result<T, Box<dyn Error>>;

/// How long one run may take before it counts as a failure.
const TIMEOUT: Duration = Duration::from_secs(60);

fn main() -> Res<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut runs = 5usize;
    if args.first().map(String::as_str) == Some("--runs") {
        runs = args.get(1).ok_or("--runs needs a number")?.parse()?;
        args.drain(..2);
    }
    let bin = match std::env::var_os("BRIEF_BIN") {
        Some(bin) => PathBuf::from(bin),
        None => std::env::current_exe()?
            .parent()
            .and_then(|examples| examples.parent())
            .ok_or("no folder above this example")?
            .join("brief"),
    };
    let mut results = Vec::new();
    for run in 1..=runs {
        let (took, peak_kb) = one_run(&bin, &args)?;
        println!(
            "run {run}: first frame {:.1} ms, peak RSS {}",
            took.as_secs_f64() * 1e3,
            peak_kb.map_or_else(
                || "unknown".into(),
                |kb| format!("{:.1} MB", kb as f64 / 1e3)
            ),
        );
        results.push(took);
    }
    results.sort();
    if let (Some(best), Some(median)) = (results.first(), results.get(results.len() / 2)) {
        println!(
            "{} {}: best {:.1} ms, median {:.1} ms over {runs} runs",
            bin.display(),
            args.join(" "),
            best.as_secs_f64() * 1e3,
            median.as_secs_f64() * 1e3,
        );
    }
    Ok(())
}

/// Launches `bin args` in a pseudo-terminal: the time to its first frame and its peak memory
/// then, in kB (when `/proc` says).
fn one_run(bin: &PathBuf, args: &[String]) -> Res<(Duration, Option<u64>)> {
    let home = tempfile::tempdir()?;
    let size = PtySize {
        rows: 40,
        cols: 120,
        pixel_width: 0,
        pixel_height: 0,
    };
    let pair = native_pty_system().openpty(size)?;
    let mut cmd = CommandBuilder::new(bin);
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    cmd.env("BRIEF_STATE", home.path().join("state.json"));
    cmd.env("XDG_CONFIG_HOME", home.path().join("config"));
    cmd.env_remove("BRIEF_CONFIG");
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(cmd)?;
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader()?;
    let mut writer = pair.master.take_writer()?;
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 16384];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let rows = std::num::NonZeroU16::new(40).ok_or("rows")?;
    let cols = std::num::NonZeroU16::new(120).ok_or("cols")?;
    let mut parser = vt100::Parser::new(rows, cols, 0);
    while !parser.screen().contents().contains("card 1/") {
        if start.elapsed() > TIMEOUT || child.try_wait()?.is_some() {
            let _ = child.kill();
            return Err(format!("no first frame: {}", parser.screen().contents()).into());
        }
        if let Ok(bytes) = rx.recv_timeout(Duration::from_millis(1)) {
            parser.process(&bytes);
        }
    }
    let took = start.elapsed();
    let peak = child.process_id().and_then(peak_rss_kb);
    writer.write_all(b"q")?;
    writer.flush()?;
    let quit = Instant::now();
    while child.try_wait()?.is_none() {
        if quit.elapsed() > TIMEOUT {
            let _ = child.kill();
            return Err("brief did not quit on q".into());
        }
        while rx.recv_timeout(Duration::from_millis(10)).is_ok() {}
    }
    Ok((took, peak))
}

/// The peak resident memory of process `pid` so far, in kB (Linux's `VmHWM`).
fn peak_rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

//! Regression tests, one per bug, each named after what broke and with a comment saying how it
//! broke (ripgrep's `tests/regression.rs`). One test binary, a module per area.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

mod cli;
mod common;
#[path = "../common/mod.rs"]
mod fixtures;
mod output;
mod query;
mod state;
mod text;

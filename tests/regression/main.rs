//! Regression tests, one per bug, each named after what broke and with a comment saying how it
//! broke (ripgrep's `tests/regression.rs`). One test binary, a module per area.

mod common;
mod output;
mod query;
mod state;
mod text;

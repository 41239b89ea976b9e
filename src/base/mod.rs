//! What every other module builds on and that depends on nothing else in the crate.

pub mod file;
pub mod inert;

//! What every other module builds on and that depends on nothing else in the crate: the one bounded
//! reader and the one atomic writer, the sanitizer and the inert writer that keep text from driving
//! the terminal, problems placed at a line and column, and time.
//!
//! - [`file`](mod@file): bounded reads of regular files, and the atomic write (temp file, fsync, rename or
//!   link, fsync the folder).
//! - [`sanitize`]: cleans text from outside (pack, state, config) once, where it comes in;
//!   [`width`] settles emoji sequences whose width terminals disagree on.
//! - [`inert`]: the last guard on everything a subcommand prints.
//! - [`diagnostic`]: `path:line:column: what is wrong`; [`locate`]: where a field sits in JSON.
//! - [`time`]: Unix milliseconds and their UTC civil dates.

pub mod diagnostic;
#[cfg(test)]
pub(crate) mod faults;
pub mod file;
pub mod inert;
pub mod locate;
pub mod sanitize;
pub mod time;
pub mod width;

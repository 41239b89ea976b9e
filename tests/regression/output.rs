//! Regression tests: output.

#[allow(unused_imports)]
use super::common::brief;

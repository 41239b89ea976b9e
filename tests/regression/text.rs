//! Regression tests: text.

#[allow(unused_imports)]
use super::common::brief;

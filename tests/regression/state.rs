//! Regression tests: state.

#[allow(unused_imports)]
use super::common::brief;

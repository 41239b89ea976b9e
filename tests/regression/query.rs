//! Regression tests: query.

#[allow(unused_imports)]
use super::common::brief;

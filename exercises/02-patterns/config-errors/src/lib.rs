//! Your turn: a parser for a service's config file that refuses every
//! mistake with an error naming the line, the key and the cause.
//!
//! Run `cargo test -p config-errors` until it passes.
//!
//! The file holds `key = value` lines. Blank lines and lines starting with
//! `#` are skipped, and spaces around keys and values do not count. The
//! keys are `name` (required), `port` (required, 1 to 65535) and `workers`
//! (optional, a whole number, 4 when absent).

use std::num::ParseIntError;

#[derive(Debug, PartialEq, Eq)]
pub struct Config {
    pub name: String,
    pub port: u16,
    pub workers: u32,
}

/// Every way a config file can be wrong. Lines are numbered from 1. A
/// variant with a cause keeps it in `source` and leaves it out of its own
/// message, so that a report printing the whole chain says it once.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("line {line}: expected `key = value`")]
    Syntax { line: usize },
    #[error("line {line}: unknown key {key:?}")]
    UnknownKey { line: usize, key: String },
    #[error("line {line}: {key} is set twice (first on line {first})")]
    Duplicate {
        line: usize,
        key: String,
        first: usize,
    },
    #[error("line {line}: {key} = {value:?} is not a valid number")]
    Number {
        line: usize,
        key: String,
        value: String,
        source: ParseIntError,
    },
    #[error("port 0 is not a port (line {line})")]
    PortZero { line: usize },
    #[error("missing required key {0}")]
    Missing(&'static str),
}

/// Parses a whole config file, or returns the first mistake in it.
pub fn parse_config(text: &str) -> Result<Config, ConfigError> {
    let _ = text;
    todo!("parse_config")
}

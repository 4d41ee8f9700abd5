// --- solution ---
//! Reference solution: a parser for a service's config file that refuses
//! every mistake with an error naming the line, the key and the cause.
// --- stub ---
// //! Your turn: a parser for a service's config file that refuses every
// //! mistake with an error naming the line, the key and the cause.
// //!
// //! Run `cargo test -p config-errors` until it passes.
// --- end ---
//!
//! The file holds `key = value` lines. Blank lines and lines starting with
//! `#` are skipped, and spaces around keys and values do not count. The
//! keys are `name` (required), `port` (required, 1 to 65535) and `workers`
//! (optional, a whole number, 4 when absent).

use std::num::ParseIntError;
// --- solution ---
use std::collections::HashMap;
use std::str::FromStr;
// --- end ---

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

// --- solution ---
/// `value` as a number of type `T` (`u16` for the port: 70000 does not fit),
/// or the error that names where it came from, with the cause as `source`.
fn number<T: FromStr<Err = ParseIntError>>(
    key: &str,
    line: usize,
    value: &str,
) -> Result<T, ConfigError> {
    value.parse().map_err(|source| ConfigError::Number {
        line,
        key: key.to_string(),
        value: value.to_string(),
        source,
    })
}

// --- end ---
/// Parses a whole config file, or returns the first mistake in it.
pub fn parse_config(text: &str) -> Result<Config, ConfigError> {
    // --- solution ---
    // Each key's value and the line it came from.
    let mut seen: HashMap<&str, (usize, &str)> = HashMap::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let Some((key, value)) = trimmed.split_once('=') else {
            return Err(ConfigError::Syntax { line });
        };
        let (key, value) = (key.trim(), value.trim());
        if key.is_empty() {
            return Err(ConfigError::Syntax { line });
        }
        if !["name", "port", "workers"].contains(&key) {
            return Err(ConfigError::UnknownKey {
                line,
                key: key.to_string(),
            });
        }
        if let Some(&(first, _)) = seen.get(key) {
            return Err(ConfigError::Duplicate {
                line,
                key: key.to_string(),
                first,
            });
        }
        seen.insert(key, (line, value));
    }

    let (_, name) = seen.get("name").ok_or(ConfigError::Missing("name"))?;
    let &(port_line, port_text) = seen.get("port").ok_or(ConfigError::Missing("port"))?;
    let port: u16 = number("port", port_line, port_text)?;
    if port == 0 {
        return Err(ConfigError::PortZero { line: port_line });
    }
    let workers = match seen.get("workers") {
        Some(&(line, value)) => number("workers", line, value)?,
        None => 4,
    };
    Ok(Config {
        name: name.to_string(),
        port,
        workers,
    })
    // --- stub ---
    // let _ = text;
    // todo!("parse_config")
    // --- end ---
}

//! Serialization and validation for an orders service.
//!
//! - [`versions`]: the same order type at three versions of its schema, and
//!   a reader that was written too strictly.
//! - [`evolution`]: every writer against every reader, in JSON and in
//!   postcard, to see which changes old and new code survive.
//! - [`boundary`]: an HTTP endpoint that parses a request into types that
//!   cannot hold a bad value, answering each malformed input with a 4xx.

pub mod boundary;
pub mod evolution;
pub mod versions;

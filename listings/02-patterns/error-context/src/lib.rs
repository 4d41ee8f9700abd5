//! Errors as values: a nightly job imports order files (`order_id,sku,quantity`
//! after a header line) three ways.
//!
//! - [`naive`]: `?` everywhere into `Box<dyn Error>`; the first bad byte
//!   stops the job with a message that names nothing.
//! - [`naive::import_swallowing`]: the "fix" that turns a bad quantity into
//!   0 and carries on, silently.
//! - [`orders`]: a library-style error enum written with thiserror, which
//!   names the file, the line and the field, and lets the caller tell a bad
//!   line (reject it, carry on) from a file it cannot read (stop).
//! - `main.rs`: the application, which adds context with anyhow.
//!
//! The files live in `data/` next to this crate; `orders-3.csv` is missing
//! on purpose.

use std::path::{Path, PathBuf};

pub mod naive;
pub mod orders;

/// The folder that holds the crate's order files, wherever the program was
/// started from.
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// One order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    pub id: String,
    pub sku: String,
    pub quantity: u32,
}

//! The import as a library would write it: an error type that names what
//! failed, and a split between a bad line (the sender's problem: reject it
//! and go on) and a file that cannot be read (ours: stop and alert).

use crate::Order;
use std::fs;
use std::io;
use std::num::ParseIntError;
use std::path::Path;

// ANCHOR: error
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {file}")]
    Read {
        file: String,
        #[source]
        source: io::Error,
    },
    #[error("{file}, line {line}: expected 3 fields, found {found}")]
    Fields {
        file: String,
        line: usize,
        found: usize,
    },
    #[error("{file}, line {line}: quantity {text:?} is not a whole number")]
    Quantity {
        file: String,
        line: usize,
        text: String,
        #[source]
        source: ParseIntError,
    },
}
// ANCHOR_END: error

/// What one file yielded: the orders it held and the lines it rejected.
#[derive(Debug, Default)]
pub struct FileReport {
    pub orders: Vec<Order>,
    pub rejected: Vec<ImportError>,
}

// ANCHOR: parse_line
/// Parses line number `line` (1 is the header) of `file`.
pub fn parse_line(file: &str, line: usize, text: &str) -> Result<Order, ImportError> {
    let fields: Vec<&str> = text.split(',').collect();
    let [id, sku, quantity] = fields[..] else {
        return Err(ImportError::Fields {
            file: file.to_string(),
            line,
            found: fields.len(),
        });
    };
    let quantity = quantity.parse().map_err(|source| ImportError::Quantity {
        file: file.to_string(),
        line,
        text: quantity.to_string(),
        source,
    })?;
    Ok(Order {
        id: id.to_string(),
        sku: sku.to_string(),
        quantity,
    })
}
// ANCHOR_END: parse_line

// ANCHOR: import_file
/// Imports one file: `Err` only when the file cannot be read; a bad line
/// is rejected into the report and the rest of the file still counts.
pub fn import_file(dir: &Path, file: &str) -> Result<FileReport, ImportError> {
    let text = fs::read_to_string(dir.join(file)).map_err(|source| ImportError::Read {
        file: file.to_string(),
        source,
    })?;
    let mut report = FileReport::default();
    for (index, line) in text.lines().enumerate().skip(1) {
        match parse_line(file, index + 1, line) {
            Ok(order) => report.orders.push(order),
            Err(error) => report.rejected.push(error),
        }
    }
    Ok(report)
}
// ANCHOR_END: import_file

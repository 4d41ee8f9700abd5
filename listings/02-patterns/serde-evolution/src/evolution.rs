//! Every writer version against every reader, in a self-describing format
//! (JSON: field names travel with the data) and a positional one
//! (postcard: only the values travel, in declaration order).

use crate::versions::{v1, v2, v3};
use serde::Serialize;
use serde::de::DeserializeOwned;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Postcard,
}

pub fn encode<T: Serialize>(format: Format, value: &T) -> Vec<u8> {
    match format {
        Format::Json => serde_json::to_vec(value).expect("orders serialize"),
        Format::Postcard => postcard::to_stdvec(value).expect("orders serialize"),
    }
}

/// Reads `bytes` as a `T`, and says what it got: `ok` with the one field
/// that tells the versions apart, or the reader's error.
fn read<T: DeserializeOwned + std::fmt::Debug>(format: Format, bytes: &[u8]) -> String {
    let result: Result<T, String> = match format {
        Format::Json => serde_json::from_slice(bytes).map_err(|e| {
            // Drop serde_json's " at line 1 column 57": the column is noise here.
            let text = e.to_string();
            text.split(" at line")
                .next()
                .unwrap_or_default()
                .to_string()
        }),
        Format::Postcard => postcard::from_bytes(bytes).map_err(|e| e.to_string()),
    };
    match result {
        Ok(_) => "ok".to_string(),
        Err(error) => error,
    }
}

pub const READERS: [&str; 5] = ["v1", "v1 strict", "v2", "v2 no default", "v3"];
pub const WRITERS: [&str; 3] = ["v1", "v2", "v3"];

/// The bytes each writer version produces for the same order.
pub fn written(format: Format, writer: &str) -> Vec<u8> {
    match writer {
        "v1" => encode(
            format,
            &v1::Order {
                id: 7,
                email: "ana@example.com".to_string(),
                total_cents: 4200,
            },
        ),
        "v2" => encode(
            format,
            &v2::Order {
                id: 7,
                email: "ana@example.com".to_string(),
                total_cents: 4200,
                currency: "EUR".to_string(),
            },
        ),
        _ => encode(
            format,
            &v3::Order {
                id: 7,
                customer_email: "ana@example.com".to_string(),
                total_cents: 4200,
                currency: "EUR".to_string(),
            },
        ),
    }
}

// ANCHOR: cell
/// What `reader` makes of the bytes `writer` wrote.
pub fn cell(format: Format, writer: &str, reader: &str) -> String {
    let bytes = written(format, writer);
    match reader {
        "v1" => read::<v1::Order>(format, &bytes),
        "v1 strict" => read::<v1::StrictOrder>(format, &bytes),
        "v2" => read::<v2::Order>(format, &bytes),
        "v2 no default" => read::<v2::NoDefaultOrder>(format, &bytes),
        _ => read::<v3::Order>(format, &bytes),
    }
}
// ANCHOR_END: cell

// --- solution ---
//! Reference solution: one type that reads all three versions of a payment
//! event from the queue, and writes the newest.
// --- stub ---
// //! Your turn: one type that reads all three versions of a payment event
// //! from the queue, and writes the newest. Add serde attributes (and, if
// //! you need it, a function) until the tests pass.
// //!
// //! Run `cargo test -p event-schema` until it passes.
// --- end ---
//!
//! The versions on the queue:
//!
//! - v1: `{"id": 1, "amount": 500, "status": "PENDING"}`; amounts in US
//!   dollar cents, no currency field.
//! - v2: `amount` renamed `amount_cents`, a `currency` field added.
//! - v3: `tags` added (a list of strings, absent in older events), and new
//!   statuses may appear that this code does not know yet. Billing
//!   re-publishes the events it reads, so such a status must come out as it
//!   went in.
//!
//! Other services add fields of their own (such as `trace_id`); a reader
//! must ignore them.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
// --- solution ---
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
// --- end ---
pub enum Status {
    Pending,
    Captured,
    Refunded,
    /// A status this version does not know yet, holding its text as it was
    /// written.
    // --- solution ---
    #[serde(untagged)]
    // --- end ---
    Other(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentEvent {
    pub id: u64,
    // --- solution ---
    #[serde(alias = "amount")]
    // --- end ---
    pub amount_cents: u64,
    // --- solution ---
    #[serde(default = "usd")]
    // --- end ---
    pub currency: String,
    pub status: Status,
    // --- solution ---
    #[serde(default)]
    // --- end ---
    pub tags: Vec<String>,
}
// --- solution ---

fn usd() -> String {
    "USD".to_string()
}
// --- end ---

/// Reads an event of any version.
pub fn read(json: &str) -> Result<PaymentEvent, serde_json::Error> {
    serde_json::from_str(json)
}

/// Writes an event in the newest version.
pub fn write(event: &PaymentEvent) -> String {
    serde_json::to_string(event).expect("a PaymentEvent always serializes")
}

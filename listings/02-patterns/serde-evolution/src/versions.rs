//! One order, three versions of its schema.

use serde::{Deserialize, Serialize};

// ANCHOR: v1
/// Version 1.
pub mod v1 {
    use super::*;

    #[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
    pub struct Order {
        pub id: u64,
        pub email: String,
        pub total_cents: u64,
    }

    /// A version-1 reader that refuses any field it does not know.
    #[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
    #[serde(deny_unknown_fields)]
    pub struct StrictOrder {
        pub id: u64,
        pub email: String,
        pub total_cents: u64,
    }
}
// ANCHOR_END: v1

// ANCHOR: v2
/// Version 2 adds a currency; orders written before it were in dollars.
pub mod v2 {
    use super::*;

    #[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
    pub struct Order {
        pub id: u64,
        pub email: String,
        pub total_cents: u64,
        #[serde(default = "usd")]
        pub currency: String,
    }

    fn usd() -> String {
        "USD".to_string()
    }

    /// The same field added without a default.
    #[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
    pub struct NoDefaultOrder {
        pub id: u64,
        pub email: String,
        pub total_cents: u64,
        pub currency: String,
    }
}
// ANCHOR_END: v2

// ANCHOR: v3
/// Version 3 renames `email` to `customer_email`, still reading the old
/// name.
pub mod v3 {
    use super::*;

    #[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
    pub struct Order {
        pub id: u64,
        #[serde(alias = "email")]
        pub customer_email: String,
        pub total_cents: u64,
        #[serde(default = "usd")]
        pub currency: String,
    }

    fn usd() -> String {
        "USD".to_string()
    }
}
// ANCHOR_END: v3

// --- solution ---
//! Reference solution: a typestate builder for a card charge. `build`
//! exists only once both the amount and the idempotency key are set, so a
//! charge without them does not compile.
// --- stub ---
// //! Your turn: a typestate builder for a card charge. `build` exists only
// //! once both the amount and the idempotency key are set, so a charge
// //! without them does not compile. The types and signatures are given;
// //! write the bodies.
// //!
// //! Run `cargo test -p charge-builder` until it passes.
// --- end ---
//!
//! ```compile_fail,E0599
//! use charge_builder::ChargeBuilder;
//! // No idempotency key: there is no `build` to call.
//! let charge = ChargeBuilder::new().amount(500).build();
//! ```

// --- stub ---
// // The stub does not read its fields yet; delete this line when your code
// // does.
// #![allow(dead_code)]
//
// --- end ---
/// A charge ready to send to the payments provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charge {
    pub amount_cents: u64,
    pub currency: String,
    pub idempotency_key: String,
    pub description: Option<String>,
}

/// The state of a setting that has not been given yet.
#[derive(Debug)]
pub struct Missing;

/// Why an idempotency key was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum KeyError {
    Empty,
    TooLong { len: usize },
    NotPrintableAscii,
}

/// `A` is `Missing` or `u64` (the amount in cents); `K` is `Missing` or
/// `String` (the idempotency key).
#[derive(Debug)]
pub struct ChargeBuilder<A, K> {
    amount: A,
    key: K,
    currency: String,
    description: Option<String>,
}

impl ChargeBuilder<Missing, Missing> {
    /// A builder with nothing set; the currency is `USD` until changed.
    pub fn new() -> Self {
        // --- solution ---
        ChargeBuilder {
            amount: Missing,
            key: Missing,
            currency: "USD".to_string(),
            description: None,
        }
        // --- stub ---
        // todo!("ChargeBuilder::new")
        // --- end ---
    }
}

impl Default for ChargeBuilder<Missing, Missing> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K> ChargeBuilder<Missing, K> {
    pub fn amount(self, cents: u64) -> ChargeBuilder<u64, K> {
        // --- solution ---
        // The result is a different type, so `..self` cannot fill in the
        // rest: each field moves across by name.
        ChargeBuilder {
            amount: cents,
            key: self.key,
            currency: self.currency,
            description: self.description,
        }
        // --- stub ---
        // let _ = (self, cents);
        // todo!("ChargeBuilder::amount")
        // --- end ---
    }
}

impl<A> ChargeBuilder<A, Missing> {
    /// Sets the key the provider uses to recognise a retried charge. It
    /// must be 1 to 64 printable ASCII characters (`!` to `~`, no spaces).
    pub fn idempotency_key(self, key: &str) -> Result<ChargeBuilder<A, String>, KeyError> {
        // --- solution ---
        if key.is_empty() {
            return Err(KeyError::Empty);
        }
        if key.len() > 64 {
            return Err(KeyError::TooLong { len: key.len() });
        }
        if !key.bytes().all(|byte| byte.is_ascii_graphic()) {
            return Err(KeyError::NotPrintableAscii);
        }
        Ok(ChargeBuilder {
            amount: self.amount,
            key: key.to_string(),
            currency: self.currency,
            description: self.description,
        })
        // --- stub ---
        // let _ = (self, key);
        // todo!("ChargeBuilder::idempotency_key")
        // --- end ---
    }
}

impl<A, K> ChargeBuilder<A, K> {
    pub fn currency(self, code: &str) -> Self {
        // --- solution ---
        ChargeBuilder {
            currency: code.to_string(),
            ..self
        }
        // --- stub ---
        // let _ = code;
        // todo!("ChargeBuilder::currency")
        // --- end ---
    }

    pub fn description(self, text: &str) -> Self {
        // --- solution ---
        ChargeBuilder {
            description: Some(text.to_string()),
            ..self
        }
        // --- stub ---
        // let _ = text;
        // todo!("ChargeBuilder::description")
        // --- end ---
    }
}

impl ChargeBuilder<u64, String> {
    pub fn build(self) -> Charge {
        // --- solution ---
        Charge {
            amount_cents: self.amount,
            currency: self.currency,
            idempotency_key: self.key,
            description: self.description,
        }
        // --- stub ---
        // let _ = self;
        // todo!("ChargeBuilder::build")
        // --- end ---
    }
}

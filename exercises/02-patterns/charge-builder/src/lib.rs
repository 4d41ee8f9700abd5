//! Your turn: a typestate builder for a card charge. `build` exists only
//! once both the amount and the idempotency key are set, so a charge
//! without them does not compile. The types and signatures are given;
//! write the bodies.
//!
//! Run `cargo test -p charge-builder` until it passes.
//!
//! ```compile_fail,E0599
//! use charge_builder::ChargeBuilder;
//! // No idempotency key: there is no `build` to call.
//! let charge = ChargeBuilder::new().amount(500).build();
//! ```

// The stub does not read its fields yet; delete this line when your code
// does.
#![allow(dead_code)]

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
        todo!("ChargeBuilder::new")
    }
}

impl Default for ChargeBuilder<Missing, Missing> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K> ChargeBuilder<Missing, K> {
    pub fn amount(self, cents: u64) -> ChargeBuilder<u64, K> {
        let _ = (self, cents);
        todo!("ChargeBuilder::amount")
    }
}

impl<A> ChargeBuilder<A, Missing> {
    /// Sets the key the provider uses to recognise a retried charge. It
    /// must be 1 to 64 printable ASCII characters (`!` to `~`, no spaces).
    pub fn idempotency_key(self, key: &str) -> Result<ChargeBuilder<A, String>, KeyError> {
        let _ = (self, key);
        todo!("ChargeBuilder::idempotency_key")
    }
}

impl<A, K> ChargeBuilder<A, K> {
    pub fn currency(self, code: &str) -> Self {
        let _ = code;
        todo!("ChargeBuilder::currency")
    }

    pub fn description(self, text: &str) -> Self {
        let _ = text;
        todo!("ChargeBuilder::description")
    }
}

impl ChargeBuilder<u64, String> {
    pub fn build(self) -> Charge {
        let _ = self;
        todo!("ChargeBuilder::build")
    }
}

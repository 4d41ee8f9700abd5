//! The hexagon's inside: the rules of placing an order, and the ports they
//! need. Nothing here knows about SQL, HTTP or any I/O crate.

// ANCHOR: ports
/// Where orders are stored. The core says what it needs; adapters decide
/// how.
pub trait OrderStore {
    fn stock(&self, sku: &str) -> u32;
    /// Takes `order.quantity` off the stock and saves the order, in one
    /// step, or refuses if the stock no longer covers it. The adapter
    /// checks again: the core's earlier `stock()` may be stale by now.
    fn save(&mut self, order: &Order) -> Result<u64, PortError>;
}

/// Who takes the money.
pub trait Payments {
    fn charge(&mut self, customer: &str, cents: u64) -> Result<String, PortError>;
}

/// A port failed: the database or the provider, not the rules.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct PortError(pub String);
// ANCHOR_END: ports

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    pub customer: String,
    pub sku: String,
    pub quantity: u32,
    pub cents: u64,
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum PlaceError {
    #[error("quantity must be 1 to 10")]
    BadQuantity,
    #[error("only {left} left")]
    OutOfStock { left: u32 },
    #[error("payment failed: {0}")]
    Payment(PortError),
    #[error("could not save: {0}")]
    Storage(PortError),
}

// ANCHOR: core
/// The use case. It owns its ports; the generics let a test pass fakes and
/// read them back afterwards.
pub struct PlaceOrder<S, P> {
    pub store: S,
    pub payments: P,
    pub unit_cents: u64,
}

impl<S: OrderStore, P: Payments> PlaceOrder<S, P> {
    /// Places an order and returns its number.
    pub fn place(&mut self, customer: &str, sku: &str, quantity: u32) -> Result<u64, PlaceError> {
        if !(1..=10).contains(&quantity) {
            return Err(PlaceError::BadQuantity);
        }
        let left = self.store.stock(sku);
        if quantity > left {
            return Err(PlaceError::OutOfStock { left });
        }
        let cents = self.unit_cents * u64::from(quantity);
        self.payments
            .charge(customer, cents)
            .map_err(PlaceError::Payment)?;
        let order = Order {
            customer: customer.to_string(),
            sku: sku.to_string(),
            quantity,
            cents,
        };
        self.store.save(&order).map_err(PlaceError::Storage)
    }
}
// ANCHOR_END: core

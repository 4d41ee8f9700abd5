//! The layered version: each layer calls the one below, and the service
//! is handed its repository, whose type belongs to the data layer.

use crate::core::Order;

// ANCHOR: layered
/// The data layer: a client for the production database.
pub struct SqlRepository {
    url: String,
}

impl SqlRepository {
    /// Connects to the database; in this listing, as in a test run on a
    /// laptop without the database, there is none to connect to.
    pub fn connect(url: &str) -> Result<SqlRepository, String> {
        Err(format!("cannot connect to {url}: connection refused"))
    }

    pub fn stock(&self, _sku: &str) -> u32 {
        unreachable!("{} was never connected", self.url)
    }

    pub fn insert(&mut self, _order: &Order) -> u64 {
        unreachable!("{} was never connected", self.url)
    }
}

/// The service layer: the rules. The repository is passed in, but its
/// type is the data layer's, so there is no service without a database.
pub struct OrderService {
    repository: SqlRepository,
}

impl OrderService {
    pub fn new(repository: SqlRepository) -> OrderService {
        OrderService { repository }
    }

    pub fn place(&mut self, customer: &str, sku: &str, quantity: u32) -> Result<u64, String> {
        if !(1..=10).contains(&quantity) {
            return Err("quantity must be 1 to 10".to_string());
        }
        if quantity > self.repository.stock(sku) {
            return Err("out of stock".to_string());
        }
        let order = Order {
            customer: customer.to_string(),
            sku: sku.to_string(),
            quantity,
            cents: 0,
        };
        Ok(self.repository.insert(&order))
    }
}
// ANCHOR_END: layered

//! The resource every API in this crate serves: orders and their
//! customers, in memory, counting how often a customer is looked up.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OrderRow {
    pub id: u64,
    pub sku: String,
    pub quantity: u32,
    pub total_cents: u64,
    pub customer_id: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CustomerRow {
    pub id: u64,
    pub name: String,
    pub email: String,
}

#[derive(Debug, Default)]
pub struct Db {
    pub orders: Vec<OrderRow>,
    pub customers: Vec<CustomerRow>,
    /// How many times a customer was fetched, to show the N+1 pattern.
    pub customer_lookups: AtomicUsize,
}

impl Db {
    /// Ten orders (ids 1 to 10) from three customers.
    pub fn sample() -> Db {
        let customers = ["Ana", "Bob", "Cem"]
            .iter()
            .enumerate()
            .map(|(i, name)| CustomerRow {
                id: i as u64 + 1,
                name: name.to_string(),
                email: format!("{}@example.com", name.to_lowercase()),
            })
            .collect();
        let orders = (1..=10)
            .map(|id| OrderRow {
                id,
                sku: format!("SKU-{}", 10 + id),
                quantity: (id % 3 + 1) as u32,
                total_cents: 1200 * (id % 3 + 1),
                customer_id: id % 3 + 1,
            })
            .collect();
        Db {
            orders,
            customers,
            customer_lookups: AtomicUsize::new(0),
        }
    }

    pub fn order(&self, id: u64) -> Option<&OrderRow> {
        self.orders.iter().find(|order| order.id == id)
    }

    pub fn customer(&self, id: u64) -> Option<&CustomerRow> {
        self.customer_lookups.fetch_add(1, Ordering::Relaxed);
        self.customers.iter().find(|customer| customer.id == id)
    }

    /// The customers with these ids, in one lookup (one query, `WHERE id =
    /// ANY($1)`, in a database).
    pub fn customers_by_id(&self, ids: &[u64]) -> HashMap<u64, CustomerRow> {
        self.customer_lookups.fetch_add(1, Ordering::Relaxed);
        let rows = self.customers.iter().filter(|c| ids.contains(&c.id));
        rows.map(|c| (c.id, c.clone())).collect()
    }
}

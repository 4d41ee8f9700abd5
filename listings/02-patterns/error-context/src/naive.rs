//! The first version of the import, and its first "fix".

use crate::Order;
use std::error::Error;
use std::fs;
use std::path::Path;

// ANCHOR: naive
/// Reads every file and parses every line; `?` hands any error to the
/// caller as it is.
pub fn import(dir: &Path, files: &[&str]) -> Result<Vec<Order>, Box<dyn Error>> {
    let mut orders = Vec::new();
    for file in files {
        let text = fs::read_to_string(dir.join(file))?;
        for line in text.lines().skip(1) {
            let fields: Vec<&str> = line.split(',').collect();
            orders.push(Order {
                id: fields[0].to_string(),
                sku: fields[1].to_string(),
                quantity: fields[2].parse()?,
            });
        }
    }
    Ok(orders)
}
// ANCHOR_END: naive

// ANCHOR: swallowing
/// The night someone "fixed" the failing import: a quantity that does not
/// parse becomes 0, and a missing field becomes an empty one.
pub fn import_swallowing(dir: &Path, files: &[&str]) -> Vec<Order> {
    let mut orders = Vec::new();
    for file in files {
        let text = fs::read_to_string(dir.join(file)).unwrap_or_default();
        for line in text.lines().skip(1) {
            let mut fields = line.split(',');
            orders.push(Order {
                id: fields.next().unwrap_or_default().to_string(),
                sku: fields.next().unwrap_or_default().to_string(),
                quantity: fields.next().unwrap_or_default().parse().unwrap_or(0),
            });
        }
    }
    orders
}
// ANCHOR_END: swallowing

//! A retry storm: a chain of services where every layer retries, and the
//! bottom one is down.

use tower::retry::budget::{Budget, TpsBudget};

/// One service in the chain, and what it saw.
pub struct Layer {
    pub name: &'static str,
    /// Calls that reached this layer, first attempts and retries alike.
    pub received: u64,
    /// Retries this layer wanted to send but its budget refused.
    pub retries_refused: u64,
    budget: Option<TpsBudget>,
}

impl Layer {
    pub fn new(name: &'static str, budget: Option<TpsBudget>) -> Layer {
        Layer {
            name,
            received: 0,
            retries_refused: 0,
            budget,
        }
    }
}

// ANCHOR: call
/// One call into `layers[0]`. Every layer but the last calls the next one
/// up to `attempts` times; the last, the database, is down and fails.
pub fn call(layers: &mut [Layer], attempts: u32) -> bool {
    let Some((this, below)) = layers.split_first_mut() else {
        return false;
    };
    this.received += 1;
    if below.is_empty() {
        return false; // the database is down
    }
    if let Some(budget) = &this.budget {
        budget.deposit(); // one deposit per request this layer serves
    }
    for attempt in 0..attempts {
        if attempt > 0
            && let Some(budget) = &this.budget
            && !budget.withdraw()
        {
            this.retries_refused += 1;
            break;
        }
        if call(below, attempts) {
            return true;
        }
    }
    false
}
// ANCHOR_END: call

/// The chain of the listing: three services that retry, then the database.
pub fn chain(budget: impl Fn() -> Option<TpsBudget>) -> Vec<Layer> {
    ["api", "orders", "inventory", "database"]
        .into_iter()
        .map(|name| {
            let budget = if name == "database" { None } else { budget() };
            Layer::new(name, budget)
        })
        .collect()
}

/// Sends `requests` user requests through the chain.
pub fn run(layers: &mut [Layer], requests: u64, attempts: u32) {
    for _ in 0..requests {
        call(layers, attempts);
    }
}

//! The lifecycle as types: `Order<Created>`, `Order<Paid>`, ... Each method
//! exists only in the states where it is allowed, and consumes the order,
//! so the old state is gone once the new one exists.

// ANCHOR: typestate
pub struct Created;
pub struct Paid {
    pub payment_id: String,
}
pub struct Shipped {
    pub payment_id: String,
    pub tracking: String,
}

pub struct Order<S> {
    pub id: u32,
    pub state: S,
}

impl Order<Created> {
    pub fn new(id: u32) -> Self {
        Order { id, state: Created }
    }

    pub fn pay(self, payment_id: &str) -> Order<Paid> {
        Order {
            id: self.id,
            state: Paid {
                payment_id: payment_id.to_string(),
            },
        }
    }
}

impl Order<Paid> {
    pub fn ship(self, tracking: &str) -> Order<Shipped> {
        Order {
            id: self.id,
            state: Shipped {
                payment_id: self.state.payment_id,
                tracking: tracking.to_string(),
            },
        }
    }
}
// ANCHOR_END: typestate

// ANCHOR: from_db
/// An order loaded from the database is in a state known only at run time,
/// so the code matches on the enum and only then has a typed order. Any
/// other state is refused with the same error `next` gives.
pub fn ship_if_paid(
    id: u32,
    stored: crate::machine::State,
    tracking: &str,
) -> Result<Order<Shipped>, crate::machine::Illegal> {
    match stored {
        crate::machine::State::Paid { payment_id } => {
            let paid = Order {
                id,
                state: Paid { payment_id },
            };
            Ok(paid.ship(tracking))
        }
        other => Err(crate::machine::Illegal {
            state: other.name(),
            event: "ship",
        }),
    }
}
// ANCHOR_END: from_db

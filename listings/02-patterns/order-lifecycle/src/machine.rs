//! The lifecycle as an enum: each state holds exactly the data that exists
//! in it, and every transition is one arm of one `match`.

use std::fmt;

// ANCHOR: states
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    Created,
    Paid {
        payment_id: String,
    },
    Shipped {
        payment_id: String,
        tracking: String,
    },
    Delivered {
        payment_id: String,
    },
    Cancelled {
        reason: String,
    },
    Refunded {
        payment_id: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Pay { payment_id: String },
    Ship { tracking: String },
    Deliver,
    Cancel { reason: String },
    Refund,
}
// ANCHOR_END: states

/// A transition the lifecycle does not allow, naming both sides.
#[derive(Debug, PartialEq, Eq)]
pub struct Illegal {
    pub state: &'static str,
    pub event: &'static str,
}

impl fmt::Display for Illegal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot {} an order that is {}", self.event, self.state)
    }
}

impl State {
    pub fn name(&self) -> &'static str {
        match self {
            State::Created => "created",
            State::Paid { .. } => "paid",
            State::Shipped { .. } => "shipped",
            State::Delivered { .. } => "delivered",
            State::Cancelled { .. } => "cancelled",
            State::Refunded { .. } => "refunded",
        }
    }
}

impl Event {
    pub fn name(&self) -> &'static str {
        match self {
            Event::Pay { .. } => "pay",
            Event::Ship { .. } => "ship",
            Event::Deliver => "deliver",
            Event::Cancel { .. } => "cancel",
            Event::Refund => "refund",
        }
    }
}

// ANCHOR: next
/// The whole lifecycle: the state after `event`, or why it is refused.
/// Takes the state by value, so the old state cannot be used afterwards.
pub fn next(state: State, event: Event) -> Result<State, Illegal> {
    use Event as E;
    use State as S;
    match (state, event) {
        (S::Created, E::Pay { payment_id }) => Ok(S::Paid { payment_id }),
        (S::Created, E::Cancel { reason }) => Ok(S::Cancelled { reason }),
        (S::Paid { payment_id }, E::Ship { tracking }) => Ok(S::Shipped {
            payment_id,
            tracking,
        }),
        (S::Paid { payment_id }, E::Cancel { .. }) => Ok(S::Refunded { payment_id }),
        (S::Shipped { payment_id, .. }, E::Deliver) => Ok(S::Delivered { payment_id }),
        (S::Delivered { payment_id }, E::Refund) => Ok(S::Refunded { payment_id }),
        (state, event) => Err(Illegal {
            state: state.name(),
            event: event.name(),
        }),
    }
}
// ANCHOR_END: next

/// One state of each kind and one event of each kind, for the table.
pub fn examples() -> (Vec<State>, Vec<Event>) {
    let pay = || "pay_1".to_string();
    let states = vec![
        State::Created,
        State::Paid { payment_id: pay() },
        State::Shipped {
            payment_id: pay(),
            tracking: "1Z999".to_string(),
        },
        State::Delivered { payment_id: pay() },
        State::Cancelled {
            reason: "changed mind".to_string(),
        },
        State::Refunded { payment_id: pay() },
    ];
    let events = vec![
        Event::Pay { payment_id: pay() },
        Event::Ship {
            tracking: "1Z999".to_string(),
        },
        Event::Deliver,
        Event::Cancel {
            reason: "changed mind".to_string(),
        },
        Event::Refund,
    ];
    (states, events)
}

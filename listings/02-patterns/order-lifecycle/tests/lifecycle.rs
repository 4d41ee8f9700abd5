use order_lifecycle::machine::{Event, Illegal, State, examples, next};
use order_lifecycle::naive;
use order_lifecycle::typestate::{Order, ship_if_paid};

/// The naive order ships without a payment and cancels after shipping:
/// nothing in it says those are wrong.
#[test]
fn the_naive_order_accepts_any_sequence() {
    let mut order = naive::Order::default();
    order.ship("1Z");
    assert_eq!(
        (order.status.as_str(), order.payment_id.is_none()),
        ("shipped", true)
    );
    order.cancel();
    assert_eq!(order.status, "cancelled");
    assert!(
        order.tracking.is_some(),
        "a cancelled order with a tracking number"
    );
}

/// Every state against every event: exactly these transitions exist.
#[test]
fn the_transition_table_is_exactly_the_lifecycle() {
    let expected = [
        ["paid", "-", "-", "cancelled", "-"],
        ["-", "shipped", "-", "refunded", "-"],
        ["-", "-", "delivered", "-", "-"],
        ["-", "-", "-", "-", "refunded"],
        ["-", "-", "-", "-", "-"],
        ["-", "-", "-", "-", "-"],
    ];
    let (states, events) = examples();
    for (state, row) in states.iter().zip(expected) {
        for (event, cell) in events.iter().zip(row) {
            let got = next(state.clone(), event.clone()).map_or("-", |after| after.name());
            assert_eq!(got, cell, "{} + {}", state.name(), event.name());
        }
    }
}

/// A transition carries the data the new state needs, and a refusal names
/// both sides.
#[test]
fn transitions_carry_their_data_and_refusals_explain() {
    let paid = State::Paid {
        payment_id: "pay_9".to_string(),
    };
    let shipped = next(
        paid.clone(),
        Event::Ship {
            tracking: "1Z".to_string(),
        },
    );
    assert_eq!(
        shipped,
        Ok(State::Shipped {
            payment_id: "pay_9".to_string(),
            tracking: "1Z".to_string()
        })
    );
    let cancelled = next(
        paid,
        Event::Cancel {
            reason: "late".to_string(),
        },
    );
    assert_eq!(
        cancelled,
        Ok(State::Refunded {
            payment_id: "pay_9".to_string()
        })
    );
    let refused = next(State::Created, Event::Deliver).expect_err("not shipped");
    assert_eq!(
        refused,
        Illegal {
            state: "created",
            event: "deliver"
        }
    );
    assert_eq!(
        refused.to_string(),
        "cannot deliver an order that is created"
    );
}

proptest::proptest! {
    /// However the events come, no order reaches `shipped` without having
    /// been `paid` just before. proptest generates the sequences (256 by
    /// default, each up to 12 events) and shrinks any failure to the
    /// shortest sequence that still fails.
    #[test]
    fn no_sequence_of_events_ships_an_unpaid_order(
        picks in proptest::collection::vec(0usize..5, 0..12),
    ) {
        let (_, events) = examples();
        let mut state = State::Created;
        for pick in picks {
            let before = state.name();
            if let Ok(after) = next(state.clone(), events[pick].clone()) {
                if after.name() == "shipped" {
                    proptest::prop_assert_eq!(before, "paid");
                }
                state = after;
            }
        }
    }
}

/// The typed order carries the payment into the shipped state, and an order
/// from storage becomes typed only after a match.
#[test]
fn the_typed_order_ships_only_from_paid() {
    let shipped = Order::new(7).pay("pay_1").ship("1Z");
    assert_eq!(
        (
            shipped.state.payment_id.as_str(),
            shipped.state.tracking.as_str()
        ),
        ("pay_1", "1Z")
    );
    let refused = ship_if_paid(8, State::Created, "1Z").map(|order| order.id);
    assert_eq!(
        refused.map_err(|e| e.to_string()),
        Err("cannot ship an order that is created".to_string())
    );
    let stored = State::Paid {
        payment_id: "pay_2".to_string(),
    };
    assert_eq!(ship_if_paid(8, stored, "1Z").map(|order| order.id), Ok(8));
}

use behavior_values::approval::{Expense, Verdict, approval_chain, decide};
use behavior_values::command::{Cart as Items, CartCommand, CartEditor};
use behavior_values::observer::{EventBus, OrderEvent};
use behavior_values::strategy::{Cart, Shipping, promotion};
use std::cell::RefCell;
use std::rc::Rc;

fn cart(subtotal_cents: u64, weight_grams: u64) -> Cart {
    Cart {
        subtotal_cents,
        weight_grams,
    }
}

/// Started kilos count as whole ones, and the free threshold is inclusive.
#[test]
fn shipping_rules_price_as_documented() {
    assert_eq!(Shipping::PerKilo(400).cost(&cart(0, 1)), 400);
    assert_eq!(Shipping::PerKilo(400).cost(&cart(0, 1000)), 400);
    assert_eq!(Shipping::PerKilo(400).cost(&cart(0, 1001)), 800);
    let rule = Shipping::FreeOver {
        threshold: 5000,
        otherwise: Box::new(Shipping::Flat(499)),
    };
    assert_eq!(rule.cost(&cart(4999, 0)), 499);
    assert_eq!(rule.cost(&cart(5000, 0)), 0);
}

/// An enum rule is data: it can be compared and printed, which a closure
/// cannot.
#[test]
fn an_enum_rule_compares_and_prints() {
    let a = Shipping::FreeOver {
        threshold: 5000,
        otherwise: Box::new(Shipping::PerKilo(400)),
    };
    assert_eq!(a.clone(), a);
    assert_eq!(
        format!("{a:?}"),
        "FreeOver { threshold: 5000, otherwise: PerKilo(400) }"
    );
}

/// A closure rule wraps an enum rule with logic the enum does not have.
#[test]
fn a_promotion_takes_its_percentage_off_the_wrapped_rule() {
    let summer = promotion(25, Shipping::PerKilo(400));
    assert_eq!(summer(&cart(0, 1200)), 600);
    assert_eq!(promotion(0, Shipping::Flat(999))(&cart(0, 0)), 999);
}

fn expense(cents: u64, merchant: &'static str, category: &'static str) -> Expense {
    Expense {
        cents,
        merchant,
        category,
    }
}

/// The first step that decides wins, so the fraud check must come first,
/// and each limit is inclusive.
#[test]
fn the_first_step_that_decides_wins() {
    let chain = approval_chain();
    let blocked = expense(4200, "casino-royale", "meals");
    assert_eq!(
        decide(&chain, &blocked),
        Some(("fraud check", Verdict::Rejected("blocked merchant")))
    );
    assert_eq!(
        decide(&chain, &expense(50_000, "hotel", "travel")),
        Some(("manager", Verdict::Approved))
    );
    assert_eq!(
        decide(&chain, &expense(50_001, "hotel", "travel")),
        Some(("director", Verdict::Approved))
    );
    assert_eq!(decide(&chain, &expense(500_001, "hotel", "travel")), None);
}

/// Undoing every command, in any sequence, returns the cart to empty, even
/// when a removal asked for more than the cart held.
#[test]
fn undoing_every_command_restores_the_empty_cart() {
    let skus = ["mug", "tea", "pot"];
    let mut state: u32 = 7;
    for _ in 0..200 {
        let mut editor = CartEditor::default();
        let mut snapshots: Vec<Items> = vec![editor.cart.clone()];
        for _ in 0..20 {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let sku = skus[(state >> 8) as usize % 3];
            let qty = (state >> 16) % 4 + 1;
            let command = if state.is_multiple_of(2) {
                CartCommand::Add { sku, qty }
            } else {
                CartCommand::Remove { sku, qty }
            };
            editor.run(command);
            snapshots.push(editor.cart.clone());
        }
        snapshots.pop();
        while let Some(expected) = snapshots.pop() {
            assert!(editor.undo());
            assert_eq!(editor.cart, expected);
        }
        assert!(!editor.undo(), "nothing left to undo");
        assert!(editor.log.is_empty());
    }
}

/// Subscribers hear every event, in the order they subscribed, and keep
/// their own state between events.
#[test]
fn subscribers_hear_every_event_in_order() {
    let heard = Rc::new(RefCell::new(Vec::new()));
    let mut bus = EventBus::default();
    for name in ["first", "second"] {
        let heard = Rc::clone(&heard);
        let mut count = 0;
        bus.subscribe(Box::new(move |event: &OrderEvent| {
            count += 1;
            heard.borrow_mut().push(format!("{name} {count} {event:?}"));
        }));
    }
    bus.publish(&OrderEvent::Placed { order: 1, cents: 5 });
    bus.publish(&OrderEvent::Shipped { order: 1 });
    assert_eq!(
        *heard.borrow(),
        [
            "first 1 Placed { order: 1, cents: 5 }",
            "second 1 Placed { order: 1, cents: 5 }",
            "first 2 Shipped { order: 1 }",
            "second 2 Shipped { order: 1 }"
        ]
    );
}

/// A subscriber that shares the bus through `Rc<RefCell<..>>` compiles, but
/// publishing from inside `publish` asks for a second mutable borrow of the
/// bus while the first is still held, and `RefCell` panics at run time.
#[test]
#[should_panic(expected = "already borrowed")]
fn a_subscriber_that_publishes_to_its_own_bus_panics() {
    let bus = Rc::new(RefCell::new(EventBus::default()));
    let inner = Rc::clone(&bus);
    bus.borrow_mut()
        .subscribe(Box::new(move |event: &OrderEvent| {
            if let OrderEvent::Placed { order, .. } = event {
                inner
                    .borrow_mut()
                    .publish(&OrderEvent::Shipped { order: *order });
            }
        }));
    bus.borrow_mut()
        .publish(&OrderEvent::Placed { order: 1, cents: 5 });
}

/// The fix: the subscriber queues its follow-up event, and the publisher
/// publishes the queue after `publish` returns.
#[test]
fn follow_up_events_go_through_a_queue() {
    let queue = Rc::new(RefCell::new(Vec::new()));
    let heard = Rc::new(RefCell::new(Vec::new()));
    let mut bus = EventBus::default();
    let to_queue = Rc::clone(&queue);
    bus.subscribe(Box::new(move |event: &OrderEvent| {
        if let OrderEvent::Placed { order, .. } = event {
            to_queue
                .borrow_mut()
                .push(OrderEvent::Shipped { order: *order });
        }
    }));
    let log = Rc::clone(&heard);
    bus.subscribe(Box::new(move |event: &OrderEvent| {
        log.borrow_mut().push(event.clone());
    }));
    bus.publish(&OrderEvent::Placed { order: 1, cents: 5 });
    let follow_ups: Vec<OrderEvent> = queue.borrow_mut().drain(..).collect();
    for event in &follow_ups {
        bus.publish(event);
    }
    assert_eq!(
        *heard.borrow(),
        [
            OrderEvent::Placed { order: 1, cents: 5 },
            OrderEvent::Shipped { order: 1 }
        ]
    );
}

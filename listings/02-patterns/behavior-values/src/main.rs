//! The chapter's runs: `strategy`, `chain`, `command` and `observer`.

// Amounts in cents are written as dollars and cents: `50_00` is $50.00.
#![allow(clippy::inconsistent_digit_grouping)]

use behavior_values::approval::{Expense, approval_chain, decide};
use behavior_values::command::{CartCommand, CartEditor};
use behavior_values::observer::{EventBus, OrderEvent};
use behavior_values::strategy::{Cart, Shipping, promotion};

fn strategy() {
    // ANCHOR: strategy_run
    let rule = Shipping::FreeOver {
        threshold: 50_00,
        otherwise: Box::new(Shipping::PerKilo(4_00)),
    };
    let carts = [
        Cart {
            subtotal_cents: 20_00,
            weight_grams: 1_200,
        },
        Cart {
            subtotal_cents: 20_00,
            weight_grams: 3_000,
        },
        Cart {
            subtotal_cents: 80_00,
            weight_grams: 9_000,
        },
    ];
    for cart in &carts {
        println!("{cart:?}: shipping {}", rule.cost(cart));
    }
    let summer = promotion(25, rule.clone());
    println!("summer promotion on the first cart: {}", summer(&carts[0]));
    println!("the rule, printed: {rule:?}");
    // ANCHOR_END: strategy_run
}

fn chain() {
    // ANCHOR: chain_run
    let chain = approval_chain();
    let expenses = [
        Expense {
            cents: 42_00,
            merchant: "noodle-bar",
            category: "meals",
        },
        Expense {
            cents: 42_00,
            merchant: "casino-royale",
            category: "meals",
        },
        Expense {
            cents: 300_00,
            merchant: "hotel",
            category: "travel",
        },
        Expense {
            cents: 12_000_00,
            merchant: "laptops-r-us",
            category: "hardware",
        },
    ];
    for expense in &expenses {
        match decide(&chain, expense) {
            Some((step, verdict)) => println!(
                "{:>10} at {:<14} -> {verdict:?} by {step}",
                expense.cents, expense.merchant
            ),
            None => println!(
                "{:>10} at {:<14} -> no step decided: escalate to the CFO",
                expense.cents, expense.merchant
            ),
        }
    }
    // ANCHOR_END: chain_run
}

fn command() {
    // ANCHOR: command_run
    let mut editor = CartEditor::default();
    editor.run(CartCommand::Add { sku: "mug", qty: 2 });
    editor.run(CartCommand::Add { sku: "tea", qty: 1 });
    editor.run(CartCommand::Remove { sku: "mug", qty: 5 });
    println!("after three edits: {:?}", editor.cart);
    editor.undo();
    println!("after one undo:    {:?}", editor.cart);
    editor.undo();
    println!("after two undos:   {:?}", editor.cart);
    println!("log: {:?}", editor.log);
    // ANCHOR_END: command_run
}

fn observer() {
    // ANCHOR: observer_run
    let mut bus = EventBus::default();
    bus.subscribe(Box::new(|event: &OrderEvent| {
        if let OrderEvent::Placed { order, .. } = event {
            println!("email:     receipt for order {order}");
        }
    }));
    let mut revenue = 0;
    bus.subscribe(Box::new(move |event: &OrderEvent| {
        if let OrderEvent::Placed { cents, .. } = event {
            revenue += cents;
            println!("analytics: revenue so far {revenue}");
        }
    }));
    bus.publish(&OrderEvent::Placed {
        order: 7,
        cents: 42_00,
    });
    bus.publish(&OrderEvent::Shipped { order: 7 });
    bus.publish(&OrderEvent::Placed {
        order: 8,
        cents: 10_00,
    });
    // ANCHOR_END: observer_run
}

fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("strategy") => strategy(),
        Some("chain") => chain(),
        Some("command") => command(),
        Some("observer") => observer(),
        _ => {
            eprintln!("usage: behavior-values strategy|chain|command|observer");
            std::process::exit(2);
        }
    }
}

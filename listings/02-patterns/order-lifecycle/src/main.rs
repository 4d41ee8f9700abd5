//! The chapter's runs: `naive`, `table` (every state against every event)
//! and `typestate`.

use order_lifecycle::machine::{examples, next};
use order_lifecycle::naive;
use order_lifecycle::typestate::Order;

fn naive_run() {
    // ANCHOR: naive_run
    let mut order = naive::Order::default();
    order.ship("1Z999");
    println!("shipped without paying: {order:?}");

    let mut order = naive::Order::default();
    order.pay("pay_1");
    order.ship("1Z999");
    order.cancel();
    println!("cancelled after shipping: {order:?}");
    // ANCHOR_END: naive_run
}

fn table() {
    // ANCHOR: table_run
    let (states, events) = examples();
    let mut header = format!("{:<10}", "");
    for event in &events {
        header += &format!("{:<11}", event.name());
    }
    println!("{}", header.trim_end());
    for state in &states {
        let mut row = format!("{:<10}", state.name());
        for event in &events {
            let cell = match next(state.clone(), event.clone()) {
                Ok(after) => after.name(),
                Err(_) => "-",
            };
            row += &format!("{cell:<11}");
        }
        println!("{}", row.trim_end());
    }
    // ANCHOR_END: table_run
}

fn typestate() {
    // ANCHOR: typestate_run
    let order = Order::new(7);
    let shipped = order.pay("pay_1").ship("1Z999");
    println!(
        "order {} shipped with {}, paid by {}",
        shipped.id, shipped.state.tracking, shipped.state.payment_id
    );
    // ANCHOR_END: typestate_run
}

fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("naive") => naive_run(),
        Some("table") => table(),
        Some("typestate") => typestate(),
        _ => {
            eprintln!("usage: order-lifecycle naive|table|typestate");
            std::process::exit(2);
        }
    }
}

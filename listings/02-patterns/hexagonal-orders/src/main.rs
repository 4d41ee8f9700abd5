//! The chapter's runs: `layered`, `hexagonal` and `strangler`.

use hexagonal_orders::adapters::{FakePayments, MemoryStore};
use hexagonal_orders::core::PlaceOrder;
use hexagonal_orders::layered::{OrderService, SqlRepository};
use hexagonal_orders::strangler::{Backend, Route, Strangler};
use std::collections::{BTreeMap, BTreeSet};

fn layered() {
    // ANCHOR: layered_run
    match SqlRepository::connect("postgres://orders-db:5432/shop") {
        Ok(repository) => {
            let mut service = OrderService::new(repository);
            println!("{:?}", service.place("ana", "mug", 2));
        }
        Err(error) => println!("could not even start: {error}"),
    }
    // ANCHOR_END: layered_run
}

fn hexagonal() {
    // ANCHOR: hexagonal_run
    let mut store = MemoryStore::default();
    store.stock.insert("mug".to_string(), 5);
    let payments = FakePayments {
        declines: Some("bob".to_string()),
        ..FakePayments::default()
    };
    let mut place = PlaceOrder {
        store,
        payments,
        unit_cents: 1200,
    };
    println!("ana 2 mugs: {:?}", place.place("ana", "mug", 2));
    println!("bob 1 mug:  {:?}", place.place("bob", "mug", 1));
    println!("cem 4 mugs: {:?}", place.place("cem", "mug", 4));
    println!("dan 0 mugs: {:?}", place.place("dan", "mug", 0));
    place.store.fail_saves = Some("disk full".to_string());
    println!("eve 1 mug:  {:?}", place.place("eve", "mug", 1));
    println!(
        "stock {:?}, charges {:?}",
        place.store.stock, place.payments.charges
    );
    // ANCHOR_END: hexagonal_run
}

fn strangler() {
    // ANCHOR: strangler_run
    let paths = ["/orders/17", "/catalog/mugs", "/account/me"];
    let mut before: BTreeSet<String> = BTreeSet::new();
    for percent in [0, 10, 50, 100] {
        let router = Strangler {
            routes: vec![Route {
                prefix: "/orders",
                percent_new: percent,
            }],
        };
        let mut to_new: BTreeMap<&str, usize> = BTreeMap::new();
        let mut now_new = BTreeSet::new();
        for n in 0..600 {
            let (path, customer) = (paths[n % 3], format!("customer-{}", n / 3));
            if router.backend(path, &customer) == Backend::New {
                *to_new.entry(path).or_default() += 1;
                now_new.insert(customer);
            }
        }
        let moved_back = before.difference(&now_new).count();
        println!(
            "{percent:>3}% of /orders: sent to new {to_new:?}, customers moved back to legacy: {moved_back}"
        );
        before = now_new;
    }
    // ANCHOR_END: strangler_run
}

fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("layered") => layered(),
        Some("hexagonal") => hexagonal(),
        Some("strangler") => strangler(),
        _ => {
            eprintln!("usage: hexagonal-orders layered|hexagonal|strangler");
            std::process::exit(2);
        }
    }
}

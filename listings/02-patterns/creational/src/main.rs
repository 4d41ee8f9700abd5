//! The chapter's runs: `singleton`, `factory` and `builder`.

use creational::builder::{ClientBuilder, PaymentsClient};
use creational::factory::notifier_from_config;
use creational::singleton::{FLAGS, Flags, price, price_global, read_from_threads};
use std::time::Duration;

fn singleton() {
    // ANCHOR: singleton_run
    let inits = read_from_threads(8);
    println!("8 threads read SETTINGS; the initialiser ran {inits} time(s)");

    println!(
        "price of a 1000-cent cart before main sets flags: {}",
        price_global(1000)
    );
    println!("first set: {:?}", FLAGS.set(Flags { new_pricing: true }));
    println!("second set: {:?}", FLAGS.set(Flags { new_pricing: false }));
    println!("price of a 1000-cent cart now: {}", price_global(1000));
    // ANCHOR_END: singleton_run
    let old = Flags { new_pricing: false };
    println!(
        "with the flags passed in: {} and {}",
        price(old, 1000),
        price(Flags { new_pricing: true }, 1000)
    );
}

fn factory() {
    // ANCHOR: factory_run
    let lines = [
        "email",
        "sms sender=SHOP",
        "webhook url=https://hooks.example/ship",
        "sms",
        "pager",
    ];
    for line in lines {
        match notifier_from_config(line) {
            Ok(notifier) => println!("{line:40} -> {}", notifier.notify("ana", "shipped")),
            Err(error) => println!("{line:40} -> error: {error}"),
        }
    }
    // ANCHOR_END: factory_run
}

fn builder() {
    // ANCHOR: builder_run
    // Meant: connect within 500 ms, wait up to 30 s for the answer.
    let positional = PaymentsClient::new(
        "https://payments.internal",
        Duration::from_secs(30),
        Duration::from_millis(500),
        3,
        16,
        "checkout/1.4",
    );
    println!(
        "positional: connect {:?}, request {:?}",
        positional.connect_timeout, positional.request_timeout
    );

    let missing = ClientBuilder::default().retries(3).build();
    println!("builder without a URL: {missing:?}");

    let typed = PaymentsClient::builder()
        .retries(3)
        .base_url("https://payments.internal")
        .request_timeout(Duration::from_secs(30))
        .build();
    println!(
        "typestate: {} connect {:?}, request {:?}, {} retries",
        typed.base_url, typed.connect_timeout, typed.request_timeout, typed.retries
    );
    // ANCHOR_END: builder_run
}

fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("singleton") => singleton(),
        Some("factory") => factory(),
        Some("builder") => builder(),
        _ => {
            eprintln!("usage: creational singleton|factory|builder");
            std::process::exit(2);
        }
    }
}

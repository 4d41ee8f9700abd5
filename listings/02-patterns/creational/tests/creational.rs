use creational::builder::{ClientBuilder, MissingBaseUrl, PaymentsClient};
use creational::factory::{FactoryError, notifier_from_config};
use creational::singleton::{FLAGS, Flags, price, price_global, read_from_threads};
use std::time::Duration;

/// However many threads race to read it first, the `LazyLock` runs its
/// initialiser once.
#[test]
fn the_lazy_settings_are_built_once() {
    assert_eq!(read_from_threads(8), 1);
    assert_eq!(read_from_threads(8), 1);
}

/// A `OnceLock` takes one value for the life of the process: the second
/// `set` hands its value back. This is the only test that may touch
/// `FLAGS`: any other would see whatever this one left behind.
#[test]
fn the_global_flags_can_be_set_once() {
    assert_eq!(price_global(1000), 1000);
    assert_eq!(FLAGS.set(Flags { new_pricing: true }), Ok(()));
    assert_eq!(
        FLAGS.set(Flags { new_pricing: false }),
        Err(Flags { new_pricing: false })
    );
    assert_eq!(price_global(1000), 900);
}

/// With the flags as a parameter, each test chooses its own.
#[test]
fn passed_in_flags_give_each_caller_its_own_price() {
    assert_eq!(price(Flags { new_pricing: false }, 1000), 1000);
    assert_eq!(price(Flags { new_pricing: true }, 1000), 900);
}

/// The factory builds each known kind from its settings and names what is
/// wrong with the others.
#[test]
fn the_factory_builds_known_kinds_and_explains_the_rest() {
    let sms = notifier_from_config("sms sender=SHOP").expect("sms with a sender");
    assert_eq!(sms.notify("ana", "hi"), "sms from SHOP to ana: hi");
    let email = notifier_from_config("email").expect("email has a default sender");
    assert_eq!(
        email.notify("ana", "hi"),
        "email from orders@shop.example to ana: hi"
    );
    let hook = notifier_from_config("webhook url=https://h.example/x").expect("a url");
    assert!(
        hook.notify("ana", "hi")
            .starts_with("POST https://h.example/x ")
    );
    assert_eq!(
        notifier_from_config("sms").err(),
        Some(FactoryError::Missing {
            kind: "sms",
            setting: "sender"
        })
    );
    assert_eq!(
        notifier_from_config("pager").err(),
        Some(FactoryError::UnknownKind("pager".to_string()))
    );
    assert_eq!(
        notifier_from_config("").err(),
        Some(FactoryError::UnknownKind(String::new()))
    );
}

/// The plain builder finds the missing URL only when it runs.
#[test]
fn the_plain_builder_checks_the_url_at_run_time() {
    assert_eq!(
        ClientBuilder::default().retries(3).build(),
        Err(MissingBaseUrl)
    );
    let client = ClientBuilder::default()
        .base_url("https://p.internal")
        .build()
        .expect("a URL was set");
    assert_eq!(
        (client.retries, client.request_timeout),
        (2, Duration::from_secs(10))
    );
}

/// The typestate builder takes its settings in any order around the URL
/// and builds the same client.
#[test]
fn the_typestate_builder_accepts_any_order() {
    let before = PaymentsClient::builder()
        .retries(5)
        .base_url("https://p.internal")
        .build();
    let after = PaymentsClient::builder()
        .base_url("https://p.internal")
        .retries(5)
        .build();
    assert_eq!(before, after);
    assert_eq!(before.retries, 5);
    assert_eq!(before.connect_timeout, Duration::from_secs(1));
}

//! One value for the whole program, made on first use.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, OnceLock};
use std::thread;

/// How many times the initialiser below has run.
pub static INITS: AtomicUsize = AtomicUsize::new(0);

#[derive(Debug)]
pub struct Settings {
    pub region: &'static str,
    pub max_cart_items: usize,
}

// ANCHOR: lazy
/// The service's settings, built the first time anyone reads them. In a
/// real service the closure would read a file or the environment.
pub static SETTINGS: LazyLock<Settings> = LazyLock::new(|| {
    INITS.fetch_add(1, Ordering::Relaxed);
    Settings {
        region: "eu-west-1",
        max_cart_items: 100,
    }
});
// ANCHOR_END: lazy

// ANCHOR: readers
/// `readers` threads read the settings at the same moment; returns how many
/// times the initialiser ran.
pub fn read_from_threads(readers: usize) -> usize {
    thread::scope(|scope| {
        for _ in 0..readers {
            scope.spawn(|| assert_eq!(SETTINGS.max_cart_items, 100));
        }
    });
    INITS.load(Ordering::Relaxed)
}
// ANCHOR_END: readers

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flags {
    pub new_pricing: bool,
}

// ANCHOR: flags
/// Feature flags, set once at start-up by `main`.
pub static FLAGS: OnceLock<Flags> = OnceLock::new();

/// The price of a cart in cents, reading the global flags.
pub fn price_global(cents: u64) -> u64 {
    let flags = FLAGS.get().copied().unwrap_or(Flags { new_pricing: false });
    if flags.new_pricing {
        cents * 9 / 10
    } else {
        cents
    }
}

/// The same price, with the flags passed in by the caller.
pub fn price(flags: Flags, cents: u64) -> u64 {
    if flags.new_pricing {
        cents * 9 / 10
    } else {
        cents
    }
}
// ANCHOR_END: flags

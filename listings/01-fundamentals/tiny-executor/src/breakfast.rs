//! The example program: a kettle and a toaster, each an async function.

use crate::clock::Clock;
use crate::log::Log;
use crate::sleep::{NaiveSleep, sleep};

// ANCHOR: breakfast
/// One wait: the compiler turns this into a state machine with a state
/// before the sleep and a state after it.
pub async fn boil_kettle(clock: Clock, log: Log) {
    log.write(clock.now_ms(), "kettle: on");
    sleep(&clock, 30).await;
    log.write(clock.now_ms(), "kettle: boiled");
}

/// Two waits, so three states.
pub async fn make_toast(clock: Clock, log: Log) {
    log.write(clock.now_ms(), "toast: in");
    sleep(&clock, 20).await;
    log.write(clock.now_ms(), "toast: flipped");
    sleep(&clock, 20).await;
    log.write(clock.now_ms(), "toast: done");
}
// ANCHOR_END: breakfast

/// The kettle again, waiting on the naive sleep, which forgets its waker.
pub async fn boil_kettle_naive(clock: Clock, log: Log) {
    log.write(clock.now_ms(), "kettle: on");
    NaiveSleep::new(&clock, 30).await;
    log.write(clock.now_ms(), "kettle: boiled");
}

//! A deadline sent as an absolute time is read on another machine's clock.

/// What orders believes is left of a 300 ms budget, sent 2 ms before it
/// arrives, when orders' clock runs `skew_ms` ahead of the gateway's.
/// Returns (absolute timestamp, relative `grpc-timeout`).
// ANCHOR: skew
pub fn budget_seen(budget_ms: i64, transit_ms: i64, skew_ms: i64) -> (i64, i64) {
    let sent_at = 1_000_000; // the gateway's clock, in ms
    let absolute_deadline = sent_at + budget_ms; // "answer by 1000.300 s"
    let orders_now = sent_at + transit_ms + skew_ms; // orders' clock on arrival
    let absolute = absolute_deadline - orders_now;
    let relative = budget_ms; // "you have 300 ms", timed from arrival
    (absolute, relative)
}
// ANCHOR_END: skew

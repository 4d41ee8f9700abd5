//! A deposit service on a simulated network that loses, delays, reorders
//! and partitions messages, and two clients for it.
//!
//! Everything runs inside [turmoil](https://docs.rs/turmoil/0.7): each host
//! is a future on one thread, time is virtual, and the network's random
//! choices (which datagram is lost, how long each takes) come from one
//! seeded generator, so a run replays exactly.
//!
//! Layout:
//! - [`protocol`]: the two messages, `Deposit` and `Receipt`, as text in one
//!   UDP datagram each.
//! - [`ledger`]: the server's state; applies every request, or each request
//!   id once.
//! - [`server`]: the ledger as a UDP service.
//! - [`client`]: a client that trusts the network (`deposit_naive`) and one
//!   with a timeout and retries (`deposit_with_retry`).
//! - [`scenarios`]: one seeded simulation per experiment the chapter runs.

pub mod client;
pub mod ledger;
pub mod protocol;
pub mod scenarios;
pub mod server;

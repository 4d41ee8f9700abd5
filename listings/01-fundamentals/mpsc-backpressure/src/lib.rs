//! Channels from `std::sync::mpsc`: what a bound buys, and how a channel
//! ends.
//!
//! Layout:
//! - [`pace`]: a fast producer and a slow consumer share one channel, driven
//!   step by step on one thread so every count is the same on every run:
//!   `channel()` lets the queue grow without limit, `sync_channel(8)` holds
//!   it at 8 by making the producer wait.
//! - [`closing`]: how a channel ends: the receiver's loop stops once every
//!   sender is dropped, after it has drained what was already queued; a
//!   send to a dropped receiver hands the message back.
//!
//! The binary `mpsc-backpressure` prints both.

pub mod closing;
pub mod pace;

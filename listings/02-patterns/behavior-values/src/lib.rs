//! Behavioral patterns in Rust, on the pieces of a shop: how shipping is
//! priced (strategy), who approves an expense (chain of responsibility),
//! what a cart edit is (command, with undo) and who hears that an order
//! was placed (observer).
//!
//! Each is "behaviour as a value", in one of three forms: an enum (a
//! closed set of variants, which can be printed, compared and stored), a
//! closure (any code, capturing what it needs), or a trait object.
//!
//! An observer cannot publish to the bus that is calling it: the bus is
//! borrowed mutably for the whole of `publish`, and the subscriber would
//! need a second mutable borrow of it.
//!
//! ```compile_fail,E0499
//! use behavior_values::observer::{EventBus, OrderEvent};
//! let mut bus = EventBus::default();
//! let bus_ref = &mut bus;
//! bus.subscribe(Box::new(move |_event: &OrderEvent| {
//!     bus_ref.publish(&OrderEvent::Shipped { order: 1 });
//! }));
//! ```

// Amounts in cents are written as dollars and cents: `50_00` is $50.00.
#![allow(clippy::inconsistent_digit_grouping)]

pub mod approval;
pub mod command;
pub mod observer;
pub mod strategy;

//! Behavioral patterns in Rust, on the pieces of a shop: how shipping is
//! priced (strategy), who approves an expense (chain of responsibility),
//! what a cart edit is (command, with undo) and who hears that an order
//! was placed (observer).
//!
//! Each is "behaviour as a value", in one of three forms: an enum (a
//! closed set of variants, which can be printed, compared and stored), a
//! closure (any code, capturing what it needs), or a trait object.
//!
//! A subscriber cannot borrow anything from the function that subscribes
//! it: `Subscriber` is a `Box<dyn FnMut>`, which must own what it captures
//! (a boxed trait object with no lifetime written is `'static`), so a
//! closure that borrows a local variable is refused.
//!
//! ```compile_fail,E0597
//! use behavior_values::observer::{EventBus, OrderEvent};
//! let mut bus = EventBus::default();
//! let mut seen = Vec::new();
//! bus.subscribe(Box::new(|event: &OrderEvent| seen.push(event.clone())));
//! bus.publish(&OrderEvent::Shipped { order: 1 });
//! ```

// Amounts in cents are written as dollars and cents: `50_00` is $50.00.
#![allow(clippy::inconsistent_digit_grouping)]

pub mod approval;
pub mod command;
pub mod observer;
pub mod strategy;

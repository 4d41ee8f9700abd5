//! An order's lifecycle three ways: [`naive`] status strings and optional
//! fields, [`machine`] an enum state machine whose transitions are one
//! `match`, and [`typestate`] a type per state, so that shipping an unpaid
//! order does not compile:
//!
//! ```compile_fail,E0599
//! use order_lifecycle::typestate::Order;
//! let order = Order::new(7);
//! let shipped = order.ship("1Z999");
//! ```
//!
//! and an order cannot be paid twice, because paying consumes it:
//!
//! ```compile_fail,E0382
//! use order_lifecycle::typestate::Order;
//! let order = Order::new(7);
//! let paid = order.pay("pay_1");
//! let paid_again = order.pay("pay_2");
//! ```

pub mod machine;
pub mod naive;
pub mod typestate;

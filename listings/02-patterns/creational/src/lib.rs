//! Singletons, factories and builders, on the pieces of a checkout service:
//! its settings, its notifiers and the client it uses to call payments.
//!
//! - [`singleton`]: settings behind `LazyLock` and feature flags behind
//!   `OnceLock`, and why a global makes tests depend on each other.
//! - [`factory`]: one function that turns a configuration string into a
//!   `Box<dyn Notifier>`.
//! - [`builder`]: a payments client configured with six positional
//!   arguments, with a builder, and with a typestate builder.
//!
//! The typestate builder has no `build` until a base URL is set:
//!
//! ```compile_fail,E0599
//! use creational::builder::PaymentsClient;
//! let client = PaymentsClient::builder().retries(3).build();
//! ```
//!
//! and a base URL cannot be set twice:
//!
//! ```compile_fail,E0599
//! use creational::builder::PaymentsClient;
//! let client = PaymentsClient::builder()
//!     .base_url("https://payments.internal")
//!     .base_url("https://staging.internal")
//!     .build();
//! ```

pub mod builder;
pub mod factory;
pub mod singleton;

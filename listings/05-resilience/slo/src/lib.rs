//! A month of checkout requests, the SLIs and SLO they are judged by, and
//! the alerts that page on them.
//!
//! Layout:
//! - [`log`]: `Month`, a seeded 30-day request log of a checkout service
//!   with deploy blips, a slow burn and an incident, generated request by
//!   request and kept as counts per minute.
//! - [`sli`]: good and valid events (`Counts`), the availability and
//!   latency SLIs, an `Slo` and its error budget.
//! - [`alert`]: the burn rate, alert rules (a static error-rate threshold,
//!   single-window and multiwindow burn-rate rules) and their evaluation,
//!   minute by minute, over the month.
//! - `main.rs`: prints the SLIs and the budget, or (`-- alerts`) the
//!   alerts side by side.
//! - `bin/slo-figures.rs`: the chapter's figure, the burn rate over three
//!   windows around the incident, as SVG.

pub mod alert;
pub mod log;
pub mod sli;

pub use alert::{Alert, Rule, burn_rate};
pub use log::{Event, Month, Request};
pub use sli::{Counts, Slo};

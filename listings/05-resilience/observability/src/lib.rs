//! Logs, metrics and traces across gateway -> orders -> inventory, three
//! axum services in one process on tokio's paused clock.

pub mod logs;
pub mod metrics;
pub mod services;
pub mod trace;

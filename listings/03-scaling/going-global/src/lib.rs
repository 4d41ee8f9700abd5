//! Going global: one service in three regions, deployed four ways.
//!
//! - [`world`]: the regions and the round trips between them.
//! - [`deploy`]: the four deployments, and what a read or a write costs a
//!   user in each region.
//! - [`cold`]: how often a serverless function starts cold.

pub mod cold;
pub mod deploy;
pub mod world;

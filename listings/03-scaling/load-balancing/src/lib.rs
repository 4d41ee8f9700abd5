//! Load balancing on one simulated fleet: the same requests, the same
//! servers (one of them slow), five ways to choose a server for each
//! request, and the latency each way gives.
//!
//! - [`policy`]: the five balancers behind one trait.
//! - [`fleet`]: the servers, the arrivals and the simulation.

pub mod fleet;
pub mod policy;

//! Scaling laws: how much faster does a service get with more workers?
//!
//! - [`laws`]: Amdahl's law, the universal scalability law (USL), and a
//!   least-squares fit of the USL to measured throughput.
//! - [`sim`]: a service with a shared lock on a virtual clock, whose
//!   throughput at 1 to 32 workers the chapter fits.
//! - `bin/measure.rs`: the same shape on real threads of this machine
//!   (timing-dependent, so its output is not recorded).

pub mod laws;
pub mod sim;

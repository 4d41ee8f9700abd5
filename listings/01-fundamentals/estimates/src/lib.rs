//! Back-of-the-envelope estimates as code, and a probe that measures the
//! latency numbers on the machine it runs on.
//!
//! Layout:
//! - [`workload`]: what we assume about a service ([`Workload`]) and the
//!   load it puts on a fleet at peak ([`Demand`]): requests per second,
//!   bytes per second out, bytes stored.
//! - [`fleet`]: what one server can do ([`Server`], from a load test and a
//!   spec sheet), how many servers each resource needs, and which resource
//!   binds first ([`Plan`]).
//! - [`services`]: the two example services (chat, stories) and the
//!   server they run on: every assumption of the worked estimate.
//! - [`units`]: digit grouping and decimal byte units for the printout.
//! - [`latency`]: the measuring code behind `--bin latency`: a pointer
//!   chase over a random cycle, a mutex, a syscall, a thread spawn, a
//!   loopback TCP round trip and a sequential read.
//! - [`ladder`]: the published latency figures the chapter cites (Dean
//!   2009, Scott 2020) and the charts of them, alone or beside this
//!   machine's measurements.
//!
//! Binaries: `estimates` prints the worked estimate for two services (its
//! output is recorded and deterministic; `-- --chat-retention-days N`
//! changes one assumption); `latency` prints what this machine measures, as
//! multiples of one L1 reference, which varies from run to run and is never
//! recorded (with `--svg PATH` it also writes them as a chart beside the
//! reference; with `--reference` it prints only the published figures,
//! which is recorded); `estimates-cycles` shows why the pointer chase
//! needs Sattolo's shuffle (recorded); `estimates-figures -- reference`
//! prints the reference ladder as an SVG chart.
//!
//! Every estimate uses checked integer arithmetic: an input that makes a
//! product overflow 64 bits is an error naming the figure, never a number
//! that silently wrapped around (release builds wrap) or a float that lost
//! its last digits (an `f64` holds integers exactly only up to 2^53).

pub mod fleet;
pub mod ladder;
pub mod latency;
pub mod services;
pub mod units;
pub mod workload;

pub use fleet::{Fleet, Plan, Resource, Server};
pub use workload::{Demand, EstimateError, Workload};

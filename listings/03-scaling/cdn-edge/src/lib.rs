//! A content delivery network on a simulated network. Readers in five
//! regions fetch the same catalogue of images, each through the edge
//! server (point of presence, PoP) of its region, in front of one origin.
//!
//! - [`net`]: the regions and their round-trip times.
//! - [`edge`]: an edge cache with a capacity and a time to live.
//! - [`run`]: the workload and the measurements the chapter prints.

pub mod edge;
pub mod net;
pub mod run;

//! Four ways to deploy the same service, and what a request costs a user.

use crate::world::{REGIONS, RTT_MS, SERVICE_MS, TO_REGION_MS};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Read,
    Write,
}

// ANCHOR: deployments
/// Where the servers and the data are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deployment {
    /// Servers and database in us-east only.
    OneRegion,
    /// Servers in every region; one primary database in us-east, with a
    /// read replica, updated asynchronously, in every region.
    ReadReplicas,
    /// Servers in every region; each user's data lives in their home
    /// region only.
    GeoPartitioned,
    /// Servers in every region; every write is replicated synchronously to
    /// a majority of the three regions through a leader in us-east (a
    /// consensus group, as in Spanner or CockroachDB). Every region holds a
    /// copy, but a read that must see the latest write asks the leader
    /// whether that copy has caught up.
    Quorum,
}
// ANCHOR_END: deployments

pub const DEPLOYMENTS: [Deployment; 4] = [
    Deployment::OneRegion,
    Deployment::ReadReplicas,
    Deployment::GeoPartitioned,
    Deployment::Quorum,
];

const PRIMARY: usize = 0;

impl Deployment {
    pub fn name(self) -> &'static str {
        match self {
            Deployment::OneRegion => "one region",
            Deployment::ReadReplicas => "read replicas",
            Deployment::GeoPartitioned => "geo-partitioned",
            Deployment::Quorum => "quorum of 3",
        }
    }

    // ANCHOR: latency
    /// The latency, in ms, of `op` for a user standing in region `at` whose
    /// data lives (if the deployment homes data) in region `home`.
    pub fn latency_ms(self, op: Op, at: usize, home: usize) -> f64 {
        let local = TO_REGION_MS + SERVICE_MS;
        match (self, op) {
            // Every request crosses to us-east.
            (Deployment::OneRegion, _) => local + RTT_MS[at][PRIMARY],
            // Reads from the replica in the user's region; writes to the
            // primary.
            (Deployment::ReadReplicas, Op::Read) => local + RTT_MS[at][at],
            (Deployment::ReadReplicas, Op::Write) => local + RTT_MS[at][PRIMARY],
            // Everything goes to where the user's data lives.
            (Deployment::GeoPartitioned, _) => local + RTT_MS[at][home],
            // The local copy answers once the leader has confirmed that it
            // holds every committed write: one round trip to the leader.
            (Deployment::Quorum, Op::Read) => local + RTT_MS[at][PRIMARY],
            // A write reaches the leader, which waits for the nearest other
            // region to acknowledge it.
            (Deployment::Quorum, Op::Write) => {
                let nearest_follower = (0..REGIONS.len())
                    .filter(|&r| r != PRIMARY)
                    .map(|r| RTT_MS[PRIMARY][r])
                    .fold(f64::INFINITY, f64::min);
                local + RTT_MS[at][PRIMARY] + nearest_follower
            }
        }
    }
    // ANCHOR_END: latency

    /// The regions that hold a copy of data whose home is `home`.
    pub fn copies_of(self, home: usize) -> Vec<usize> {
        match self {
            Deployment::OneRegion => vec![PRIMARY],
            Deployment::ReadReplicas | Deployment::Quorum => (0..REGIONS.len()).collect(),
            Deployment::GeoPartitioned => vec![home],
        }
    }

    /// Whether a user's read can miss their own write a moment before:
    /// with asynchronous replicas, the local copy may not have it yet.
    pub fn stale_reads_possible(self) -> bool {
        self == Deployment::ReadReplicas
    }
}

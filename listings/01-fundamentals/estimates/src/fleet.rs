//! Servers from demand: how many each resource needs, and which binds first.

use crate::workload::{Demand, EstimateError, mul};

// ANCHOR: server
/// What one server can do. Requests per second is *measured*: a load test
/// raises the rate until latency leaves its target, and that rate is the
/// capacity. The other two come off the spec sheet.
#[derive(Clone, Debug)]
pub struct Server {
    pub requests_per_second: u64,
    /// Network cards are sold in bits per second; everything else here is bytes.
    pub nic_bits_per_second: u64,
    pub disk_bytes: u64,
}

/// How the fleet is run.
#[derive(Clone, Debug)]
pub struct Fleet {
    pub server: Server,
    /// Plan every resource to run at most this busy at peak, in 1..=100:
    /// queues grow without bound as utilization nears 100%.
    pub max_busy_percent: u64,
    /// Extra servers so that one can fail, or be redeployed, at peak.
    pub spare_servers: u64,
}
// ANCHOR_END: server

/// The resources a server runs out of, in the order ties are reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resource {
    Requests,
    Network,
    Storage,
}

impl Resource {
    pub fn label(self) -> &'static str {
        match self {
            Resource::Requests => "requests",
            Resource::Network => "network",
            Resource::Storage => "storage",
        }
    }
}

/// The fleet a demand needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// Servers each resource alone would need, in [`Resource`] order.
    pub by_resource: [(Resource, u64); 3],
    /// The resource that needs the most servers: it runs out first.
    pub binds_first: Resource,
    /// Servers to buy: what the binding resource needs, plus the spares.
    pub servers: u64,
}

// ANCHOR: servers_for
/// Servers needed so that `demand` keeps each one at most `max_busy_percent`
/// of `per_server`, rounded up: 2.1 servers' worth of work needs 3.
pub fn servers_for(
    demand: u64,
    per_server: u64,
    max_busy_percent: u64,
    what: &'static str,
) -> Result<u64, EstimateError> {
    if !(1..=100).contains(&max_busy_percent) {
        return Err(EstimateError::Percent(max_busy_percent));
    }
    if per_server == 0 {
        return Err(EstimateError::Zero(what));
    }
    // demand / (per_server * pct / 100), kept in integers by scaling both by 100.
    let scaled_demand = mul(demand, 100, what)?;
    let usable_per_server = mul(per_server, max_busy_percent, what)?;
    Ok(scaled_demand.div_ceil(usable_per_server))
}
// ANCHOR_END: servers_for

// ANCHOR: plan
impl Plan {
    pub fn for_demand(d: &Demand, fleet: &Fleet) -> Result<Plan, EstimateError> {
        let s = &fleet.server;
        let pct = fleet.max_busy_percent;
        let by_resource = [
            (
                Resource::Requests,
                servers_for(
                    d.requests_per_second_peak,
                    s.requests_per_second,
                    pct,
                    "requests",
                )?,
            ),
            (
                Resource::Network,
                // Eight bits to the byte: a 10 Gbit/s card moves 1.25 GB/s.
                servers_for(
                    d.egress_bytes_per_second_peak,
                    s.nic_bits_per_second / 8,
                    pct,
                    "network",
                )?,
            ),
            (
                Resource::Storage,
                servers_for(d.stored_bytes, s.disk_bytes, pct, "storage")?,
            ),
        ];
        // The largest count wins; on a tie, the earlier resource is named.
        let (binds_first, needed) =
            by_resource.into_iter().fold(
                by_resource[0],
                |best, r| if r.1 > best.1 { r } else { best },
            );
        let servers = needed
            .checked_add(fleet.spare_servers)
            .ok_or(EstimateError::Overflow("servers"))?;
        Ok(Plan {
            by_resource,
            binds_first,
            servers,
        })
    }
}
// ANCHOR_END: plan

// ANCHOR: naive
/// The estimate that goes wrong: average requests over what one server
/// handles, with no peak, no headroom, no spares and no other resource.
pub fn naive_servers(d: &Demand, server: &Server) -> Result<u64, EstimateError> {
    if server.requests_per_second == 0 {
        return Err(EstimateError::Zero("requests"));
    }
    Ok(d.requests_per_second_avg
        .div_ceil(server.requests_per_second))
}
// ANCHOR_END: naive

#[cfg(test)]
mod tests {
    use super::*;

    fn fleet() -> Fleet {
        Fleet {
            server: Server {
                requests_per_second: 4_000,
                nic_bits_per_second: 10_000_000_000,
                disk_bytes: 32_000_000_000_000,
            },
            max_busy_percent: 70,
            spare_servers: 1,
        }
    }

    fn demand(rps: u64, egress: u64, stored: u64) -> Demand {
        Demand {
            requests_per_second_avg: rps / 3,
            requests_per_second_peak: rps,
            egress_bytes_per_second_peak: egress,
            stored_bytes: stored,
        }
    }

    // 2,800 usable requests/s a server: 2,800 needs 1, 2,801 needs 2, 0 needs 0.
    #[test]
    fn servers_round_up_at_the_utilization_target() {
        assert_eq!(servers_for(2_800, 4_000, 70, "requests"), Ok(1));
        assert_eq!(servers_for(2_801, 4_000, 70, "requests"), Ok(2));
        assert_eq!(servers_for(0, 4_000, 70, "requests"), Ok(0));
        assert_eq!(servers_for(4_000, 4_000, 100, "requests"), Ok(1));
    }

    // Targets of 0% or above 100%, and zero capacity, are refused.
    #[test]
    fn bad_targets_and_zero_capacity_are_errors() {
        assert_eq!(servers_for(1, 1, 0, "x"), Err(EstimateError::Percent(0)));
        assert_eq!(
            servers_for(1, 1, 101, "x"),
            Err(EstimateError::Percent(101))
        );
        assert_eq!(
            servers_for(1, 0, 70, "disk"),
            Err(EstimateError::Zero("disk"))
        );
        assert_eq!(
            servers_for(u64::MAX, 1, 70, "storage"),
            Err(EstimateError::Overflow("storage"))
        );
    }

    // The network is counted in bytes: 10 Gbit/s at 70% carries 875 MB/s a server.
    #[test]
    fn network_converts_bits_to_bytes() {
        let plan = Plan::for_demand(&demand(0, 875_000_000, 0), &fleet()).unwrap();
        assert_eq!(plan.by_resource[1], (Resource::Network, 1));
        let plan = Plan::for_demand(&demand(0, 875_000_001, 0), &fleet()).unwrap();
        assert_eq!(plan.by_resource[1], (Resource::Network, 2));
    }

    // The resource needing the most servers binds, and spares are added on top.
    #[test]
    fn the_largest_count_binds_and_spares_are_added() {
        let plan = Plan::for_demand(&demand(28_000, 0, 22_400_000_000_000 * 20), &fleet()).unwrap();
        assert_eq!(
            plan.by_resource,
            [
                (Resource::Requests, 10),
                (Resource::Network, 0),
                (Resource::Storage, 20)
            ]
        );
        assert_eq!(plan.binds_first, Resource::Storage);
        assert_eq!(plan.servers, 21);
    }

    // On a tie the earlier resource in the list is named.
    #[test]
    fn ties_name_the_first_resource() {
        let plan = Plan::for_demand(&demand(2_800, 875_000_000, 0), &fleet()).unwrap();
        assert_eq!(plan.binds_first, Resource::Requests);
        let plan = Plan::for_demand(&demand(0, 0, 0), &fleet()).unwrap();
        assert_eq!((plan.binds_first, plan.servers), (Resource::Requests, 1));
    }

    // The naive count ignores the peak, the headroom and every other resource.
    #[test]
    fn naive_uses_average_requests_only() {
        let d = demand(28_000, 875_000_000 * 50, 0);
        assert_eq!(naive_servers(&d, &fleet().server), Ok(3));
        let mut broken = fleet().server;
        broken.requests_per_second = 0;
        assert_eq!(
            naive_servers(&d, &broken),
            Err(EstimateError::Zero("requests"))
        );
    }
}

//! The two services and the server of the worked estimate, with every
//! assumption stated in one place.

use crate::fleet::{Fleet, Server};
use crate::workload::Workload;

// ANCHOR: services
/// Text chat: many small messages, each read about once, kept for a month.
pub fn chat() -> Workload {
    Workload {
        // ANCHOR: chat
        name: "chat",
        daily_active_users: 50_000_000,
        reads_per_user_per_day: 40,
        writes_per_user_per_day: 40,
        peak_to_average: 3,
        bytes_per_read: 200,
        bytes_per_write: 200,
        retention_days: 30,
        replicas: 3,
        // ANCHOR_END: chat
    }
}

/// Stories: short videos that expire after a day, each watched many times.
pub fn stories() -> Workload {
    Workload {
        name: "stories",
        daily_active_users: 100_000_000,
        reads_per_user_per_day: 50,
        writes_per_user_per_day: 1,
        peak_to_average: 3,
        bytes_per_read: 2_000_000,
        bytes_per_write: 2_000_000,
        retention_days: 1,
        replicas: 3,
    }
}
// ANCHOR_END: services

// ANCHOR: fleet
/// One kind of server for both services.
pub fn fleet() -> Fleet {
    Fleet {
        server: Server {
            // From a load test: the rate at which p99 latency left its target.
            requests_per_second: 4_000,
            nic_bits_per_second: 10_000_000_000,
            // Four 8 TB drives.
            disk_bytes: 32_000_000_000_000,
        },
        max_busy_percent: 70,
        spare_servers: 1,
    }
}
// ANCHOR_END: fleet

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fleet::{Plan, Resource, naive_servers};
    use crate::workload::Demand;

    fn plan(w: &Workload) -> Plan {
        Plan::for_demand(&Demand::of(w).unwrap(), &fleet()).unwrap()
    }

    // Chat runs out of request capacity long before network or disk.
    #[test]
    fn chat_is_bound_by_requests() {
        let p = plan(&chat());
        assert_eq!(p.binds_first, Resource::Requests);
        assert_eq!(p.by_resource.map(|(_, n)| n), [50, 1, 2]);
        assert_eq!(p.servers, 51);
    }

    // Stories runs out of network first, by a wide margin over requests.
    #[test]
    fn stories_is_bound_by_the_network() {
        let p = plan(&stories());
        assert_eq!(p.binds_first, Resource::Network);
        assert_eq!(p.by_resource.map(|(_, n)| n), [64, 397, 27]);
        assert_eq!(p.servers, 398);
    }

    // The page's editable excerpt: keep chat for five years and storage binds.
    #[test]
    fn five_years_of_chat_are_bound_by_storage() {
        let mut w = chat();
        w.retention_days = 1_825;
        let d = Demand::of(&w).unwrap();
        assert_eq!(crate::units::bytes(d.stored_bytes), "2.2 PB");
        let p = plan(&w);
        assert_eq!(p.binds_first, Resource::Storage);
        assert_eq!(p.by_resource.map(|(_, n)| n), [50, 1, 98]);
        assert_eq!(p.servers, 99);
        let naive = naive_servers(&d, &fleet().server).unwrap();
        assert_eq!(naive, 12);
        assert_eq!(crate::units::ratio(p.servers, naive), "8.3");
    }

    // Sizing by average requests alone undercounts both services.
    #[test]
    fn the_naive_count_is_too_small_for_both() {
        for w in [chat(), stories()] {
            let naive = naive_servers(&Demand::of(&w).unwrap(), &fleet().server).unwrap();
            assert!(naive < plan(&w).servers, "{}", w.name);
        }
    }
}

//! Tests for the fleet-headroom exercise.

use fleet_headroom::{Headroom, HeadroomError, PerThousandUsers, Resource, Server, headroom};

/// 4,000 requests/s, 10 Gbit/s and 32 TB, each at 70%.
fn server() -> Server {
    Server {
        requests_per_second: 2_800,
        egress_bytes_per_second: 875_000_000,
        disk_bytes: 22_400_000_000_000,
    }
}

/// Chat-like: 1,000 users make 3 requests/s at peak, 300 B/s out, 720 MB stored.
fn chat() -> PerThousandUsers {
    PerThousandUsers {
        requests_per_second: 3,
        egress_bytes_per_second: 300,
        disk_bytes: 720_000_000,
    }
}

/// Stories-like: 1,000 users pull 3.5 MB/s at peak.
fn stories() -> PerThousandUsers {
    PerThousandUsers {
        requests_per_second: 2,
        egress_bytes_per_second: 3_500_000,
        disk_bytes: 6_000_000_000,
    }
}

// Pins: with chat's demand, requests run out first: 50 servers hold 46,666 thousand users.
#[test]
fn chat_fleet_is_limited_by_requests() {
    assert_eq!(
        headroom(50, &server(), &chat()),
        Ok(Headroom {
            thousand_users: 46_666,
            binds_first: Resource::Requests
        })
    );
}

// Pins: with stories' demand, the network runs out first, long before requests.
#[test]
fn stories_fleet_is_limited_by_the_network() {
    assert_eq!(
        headroom(400, &server(), &stories()),
        Ok(Headroom {
            thousand_users: 100_000,
            binds_first: Resource::Network
        })
    );
}

// Pins: a fleet that could hold 3.9 thousand users holds 3 (round down, not up).
#[test]
fn partial_thousands_round_down() {
    let small = Server {
        requests_per_second: 13,
        egress_bytes_per_second: 1_000,
        disk_bytes: 1_000,
    };
    let demand = PerThousandUsers {
        requests_per_second: 10,
        egress_bytes_per_second: 1,
        disk_bytes: 1,
    };
    assert_eq!(headroom(3, &small, &demand).unwrap().thousand_users, 3);
}

// Pins: storage can bind too, when users keep a lot of data.
#[test]
fn storage_can_bind() {
    let hoarders = PerThousandUsers {
        requests_per_second: 1,
        egress_bytes_per_second: 1,
        disk_bytes: 1_000_000_000_000,
    };
    assert_eq!(
        headroom(10, &server(), &hoarders),
        Ok(Headroom {
            thousand_users: 224,
            binds_first: Resource::Storage
        })
    );
}

// Pins: on a tie the earlier resource (requests before network before storage) is named.
#[test]
fn ties_name_the_earlier_resource() {
    let even = Server {
        requests_per_second: 100,
        egress_bytes_per_second: 100,
        disk_bytes: 100,
    };
    let demand = PerThousandUsers {
        requests_per_second: 0,
        egress_bytes_per_second: 10,
        disk_bytes: 10,
    };
    assert_eq!(
        headroom(1, &even, &demand),
        Ok(Headroom {
            thousand_users: 10,
            binds_first: Resource::Network
        })
    );
}

// Pins: a resource nobody uses never binds, however small the server's share of it.
#[test]
fn zero_demand_never_binds() {
    let no_disk = Server {
        disk_bytes: 0,
        ..server()
    };
    let demand = PerThousandUsers {
        disk_bytes: 0,
        ..chat()
    };
    assert_eq!(
        headroom(1, &no_disk, &demand).unwrap().binds_first,
        Resource::Requests
    );
}

// Pins: users who demand nothing at all have no limit, which is an error, not u64::MAX.
#[test]
fn no_demand_at_all_is_an_error() {
    let nothing = PerThousandUsers {
        requests_per_second: 0,
        egress_bytes_per_second: 0,
        disk_bytes: 0,
    };
    assert_eq!(
        headroom(10, &server(), &nothing),
        Err(HeadroomError::NoDemand)
    );
}

// Pins: zero servers hold zero users, named by the first resource with demand.
#[test]
fn no_servers_hold_no_users() {
    assert_eq!(
        headroom(0, &server(), &chat()),
        Ok(Headroom {
            thousand_users: 0,
            binds_first: Resource::Requests
        })
    );
}

// Pins: a fleet total that overflows u64 is an error naming the resource, not a wrapped number.
#[test]
fn overflow_names_the_resource() {
    assert_eq!(
        headroom(u64::MAX / 1_000, &server(), &chat()),
        Err(HeadroomError::Overflow(Resource::Requests))
    );
    let huge_disk = Server {
        disk_bytes: u64::MAX,
        ..server()
    };
    assert_eq!(
        headroom(2, &huge_disk, &chat()),
        Err(HeadroomError::Overflow(Resource::Storage))
    );
}

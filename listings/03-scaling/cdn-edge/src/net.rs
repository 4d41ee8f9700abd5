//! The simulated network: round-trip times, in milliseconds, that a request
//! pays. Assumptions, stated once, in the same spirit as the latency
//! numbers chapter: a reader is 10 ms from the PoP of its region, and each
//! PoP is as far from the origin (in us-east) as its region is.

// ANCHOR: regions
/// A region, and its PoP's round trip to the origin.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Region {
    pub name: &'static str,
    pub to_origin_ms: f64,
}

pub const REGIONS: [Region; 5] = [
    Region {
        name: "us-east",
        to_origin_ms: 2.0,
    },
    Region {
        name: "us-west",
        to_origin_ms: 65.0,
    },
    Region {
        name: "europe",
        to_origin_ms: 80.0,
    },
    Region {
        name: "south-america",
        to_origin_ms: 120.0,
    },
    Region {
        name: "asia",
        to_origin_ms: 170.0,
    },
];

/// A reader's round trip to the PoP of its own region.
pub const TO_EDGE_MS: f64 = 10.0;
/// The origin's own time to answer a request.
pub const ORIGIN_MS: f64 = 20.0;
// ANCHOR_END: regions

impl Region {
    /// Without a CDN: straight to the origin, across the region's distance.
    pub fn direct_ms(&self) -> f64 {
        TO_EDGE_MS + self.to_origin_ms + ORIGIN_MS
    }

    /// Through the PoP: a hit is answered there; a miss also pays the
    /// PoP's trip to the origin.
    pub fn via_edge_ms(&self, hit: bool) -> f64 {
        if hit { TO_EDGE_MS } else { self.direct_ms() }
    }
}

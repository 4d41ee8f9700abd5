//! Three regions and the round trips between them, in milliseconds. The
//! figures are typical of public cloud regions on the US east coast, in
//! western Europe and in South-East Asia; like the latency numbers chapter,
//! they are assumptions to reason with, not measurements.

// ANCHOR: world
pub const REGIONS: [&str; 3] = ["us", "eu", "ap"];

/// `RTT_MS[a][b]`: a round trip between regions `a` and `b`.
pub const RTT_MS: [[f64; 3]; 3] = [[1.0, 75.0, 220.0], [75.0, 1.0, 160.0], [220.0, 160.0, 1.0]];

/// A user's round trip to the nearest data centre of their own region.
pub const TO_REGION_MS: f64 = 5.0;
/// Time the service itself takes for a request.
pub const SERVICE_MS: f64 = 5.0;
// ANCHOR_END: world

/// A region's index by name.
pub fn region(name: &str) -> Option<usize> {
    REGIONS.iter().position(|&r| r == name)
}

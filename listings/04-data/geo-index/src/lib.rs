//! Drivers near me: two spatial indexes checked against brute force.
//!
//! - `lib.rs`: a point, the haversine distance and the bounding box of a
//!   circle on the sphere, shared by everything below.
//! - `geohash`: the geohash of a point (interleaved bits of longitude and
//!   latitude, written in base 32), its cell and the cell's neighbours, and
//!   an index that keeps drivers sorted by geohash, as Redis GEO does.
//! - `quadtree`: a point-region quadtree that splits a cell into four when
//!   it holds too many drivers, so it is deep where drivers cluster.
//! - `brute`: the answer to compare with, every driver examined.
//! - `city`: seeded drivers and riders in London, some around hotspots.
//!
//! Every search returns the ids it found, sorted, and the work it did:
//! drivers examined and cells visited.

pub mod brute;
pub mod city;
pub mod geohash;
pub mod quadtree;

/// Mean radius of the Earth (IUGG), in metres. The sphere is a model: on
/// the WGS 84 ellipsoid distances differ by up to about 0.5%.
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// A position in degrees: latitude north, longitude east.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub lat: f64,
    pub lon: f64,
}

// ANCHOR: haversine
/// Great-circle distance in metres. A degree of longitude shrinks with
/// cos(latitude), which this formula accounts for and `dx² + dy²` on
/// degrees does not.
pub fn haversine_m(a: Point, b: Point) -> f64 {
    let (lat1, lat2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = lat2 - lat1;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * h.sqrt().min(1.0).asin()
}
// ANCHOR_END: haversine

/// The result of one search: the ids within the radius, sorted, and the work.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Found {
    pub ids: Vec<u32>,
    /// Drivers whose distance was computed.
    pub examined: usize,
    /// Cells (geohash ranges or quadtree nodes) looked at.
    pub cells: usize,
}

/// A margin, in degrees, added to every bounding box so that rounding never
/// leaves out a driver that `haversine_m` puts inside the radius (1e-9
/// degrees is about 0.1 mm).
const MARGIN_DEG: f64 = 1e-9;

// ANCHOR: cap
/// Half the height and half the width, in degrees, of the smallest
/// latitude-longitude box around the circle of `radius_m` about `center`.
/// The width grows with latitude: a degree of longitude at 60 degrees north
/// is half as long as at the equator. Over a pole the box takes every
/// longitude (180).
pub fn cap_half_extent_deg(center: Point, radius_m: f64) -> (f64, f64) {
    let angle = radius_m / EARTH_RADIUS_M;
    let dlat = angle.to_degrees();
    if center.lat.abs() + dlat >= 90.0 {
        return (dlat + MARGIN_DEG, 180.0);
    }
    // The widest point of a circle on a sphere (Matuschek, "Finding Points
    // Within a Distance of a Latitude/Longitude Using Bounding Coordinates").
    let dlon = (angle.sin() / center.lat.to_radians().cos())
        .asin()
        .to_degrees();
    (dlat + MARGIN_DEG, dlon + MARGIN_DEG)
}
// ANCHOR_END: cap

/// True when longitude interval `a` overlaps `b`, either directly or across
/// the antimeridian (180 degrees east is 180 degrees west).
pub fn lon_overlaps(a: (f64, f64), b: (f64, f64)) -> bool {
    [-360.0, 0.0, 360.0]
        .iter()
        .any(|shift| a.0 + shift <= b.1 && a.1 + shift >= b.0)
}

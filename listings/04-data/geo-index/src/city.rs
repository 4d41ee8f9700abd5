//! Seeded drivers and riders in London: most spread evenly over 20 km by
//! 20 km around Charing Cross, the rest crowded around five hotspots
//! (stations, an airport, a business district), as ride-hailing drivers
//! crowd where riders are.

use seeded::SplitMix64;

use crate::{EARTH_RADIUS_M, Point};

/// Charing Cross, the point road distances from London are measured from.
pub const CENTRE: Point = Point {
    lat: 51.5072,
    lon: -0.1276,
};

/// Where drivers crowd: a name, the place, and its spread in metres.
pub const HOTSPOTS: [(&str, Point, f64); 5] = [
    (
        "King's Cross",
        Point {
            lat: 51.5308,
            lon: -0.1238,
        },
        250.0,
    ),
    (
        "Oxford Circus",
        Point {
            lat: 51.5152,
            lon: -0.1419,
        },
        250.0,
    ),
    (
        "London Bridge",
        Point {
            lat: 51.5045,
            lon: -0.0865,
        },
        250.0,
    ),
    (
        "Canary Wharf",
        Point {
            lat: 51.5054,
            lon: -0.0235,
        },
        400.0,
    ),
    (
        "Heathrow",
        Point {
            lat: 51.4700,
            lon: -0.4543,
        },
        600.0,
    ),
];

/// Half the side of the square the evenly spread drivers fill, in metres.
pub const HALF_SIDE_M: f64 = 10_000.0;

/// Moves `p` by metres north and east (small distances, flat-earth steps).
pub fn offset(p: Point, north_m: f64, east_m: f64) -> Point {
    let dlat = (north_m / EARTH_RADIUS_M).to_degrees();
    let dlon = (east_m / (EARTH_RADIUS_M * p.lat.to_radians().cos())).to_degrees();
    Point {
        lat: p.lat + dlat,
        lon: p.lon + dlon,
    }
}

/// One person somewhere in London: with probability `crowded` near a
/// hotspot (normally distributed around it), otherwise anywhere in the square.
fn person(rng: &mut SplitMix64, crowded: f64) -> Point {
    if rng.unit() <= crowded {
        let (_, at, spread_m) = HOTSPOTS[rng.below(HOTSPOTS.len())];
        // Box-Muller: two uniform draws make two independent normal ones.
        let (u, v) = (rng.unit(), rng.unit());
        let r = (-2.0 * u.ln()).sqrt() * spread_m;
        let angle = std::f64::consts::TAU * v;
        offset(at, r * angle.sin(), r * angle.cos())
    } else {
        let north = (rng.unit() * 2.0 - 1.0) * HALF_SIDE_M;
        let east = (rng.unit() * 2.0 - 1.0) * HALF_SIDE_M;
        offset(CENTRE, north, east)
    }
}

/// `n` drivers from `seed`, 40% of them around the hotspots.
pub fn drivers(n: usize, seed: u64) -> Vec<Point> {
    let mut rng = SplitMix64(seed);
    (0..n).map(|_| person(&mut rng, 0.4)).collect()
}

/// `n` riders from `seed`, drawn like the drivers: riders and drivers
/// crowd in the same places.
pub fn riders(n: usize, seed: u64) -> Vec<Point> {
    drivers(n, seed)
}

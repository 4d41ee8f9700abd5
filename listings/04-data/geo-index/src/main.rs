//! `cargo run -p geo-index`: 100,000 seeded drivers in London, and the
//! drivers within 500 m of 200 riders, found by brute force, by geohash
//! (the rider's own cell, then the cell and its 8 neighbours) and by a
//! quadtree. Prints geohash's cell sizes, the cell-edge miss, how many
//! answers match brute force and the work each search did.

use geo_index::brute;
use geo_index::city::{self, CENTRE, HOTSPOTS};
use geo_index::geohash::{self, GeohashIndex};
use geo_index::quadtree::QuadTree;
use geo_index::{EARTH_RADIUS_M, Found, Point, haversine_m};

// ANCHOR: config
const DRIVERS: usize = 100_000;
const RIDERS: usize = 200;
const RADIUS_M: f64 = 500.0;
// ANCHOR_END: config

fn main() {
    let drivers = city::drivers(DRIVERS, 1);
    let index = GeohashIndex::new(&drivers);
    let tree = QuadTree::new(&drivers);
    cell_sizes();
    cell_edge();
    compare(&drivers, &index, &tree);
    density(&index, &tree);
}

/// A length for people: metres under 10 km, kilometres above.
fn human(m: f64) -> String {
    if m >= 10_000.0 {
        format!("{:.0} km", m / 1000.0)
    } else if m >= 1000.0 {
        format!("{:.1} km", m / 1000.0)
    } else if m >= 10.0 {
        format!("{m:.0} m")
    } else {
        format!("{m:.1} m")
    }
}

/// A cell's width by its height, in metres at latitude `lat`.
fn cell_m(height_deg: f64, width_deg: f64, lat: f64) -> String {
    let metres_per_deg = EARTH_RADIUS_M * std::f64::consts::PI / 180.0;
    let width = width_deg * metres_per_deg * lat.to_radians().cos();
    format!("{} x {}", human(width), human(height_deg * metres_per_deg))
}

fn cell_sizes() {
    println!("== geohash cells (width x height) by length ==");
    println!(
        "{:>5}  {:<9}  {:<19}  {:<19}  Svalbard (78 N)",
        "chars", "example", "at the equator", "London (51.5 N)"
    );
    for chars in 1..=9 {
        let c = geohash::cell(CENTRE, chars);
        let (height, width) = c.size_deg();
        println!(
            "{chars:>5}  {:<9}  {:<19}  {:<19}  {}",
            c.to_string(),
            cell_m(height, width, 0.0),
            cell_m(height, width, 51.5),
            cell_m(height, width, 78.0),
        );
    }
    println!();
}

// ANCHOR: edge
fn cell_edge() {
    // The Royal Observatory, Greenwich: the prime meridian is 0 degrees.
    let meridian = Point {
        lat: 51.4779,
        lon: 0.0,
    };
    let rider = city::offset(meridian, 0.0, -25.0);
    let driver = city::offset(meridian, 0.0, 25.0);
    let own = geohash::chars_for_radius(rider, 2.0 * RADIUS_M).unwrap();
    let nine = geohash::chars_for_radius(rider, RADIUS_M).unwrap();
    let (r, d) = (geohash::encode(rider, 9), geohash::encode(driver, 9));
    let shared = r.chars().zip(d.chars()).take_while(|(a, b)| a == b).count();
    let index = GeohashIndex::new(std::slice::from_ref(&driver));
    println!(
        "== a rider and a driver {:.0} m apart, either side of the prime meridian ==",
        haversine_m(rider, driver)
    );
    println!("rider  {r}    driver  {d}    shared prefix: {shared} characters");
    println!(
        "own cell, {own} characters, finds the driver:   {}",
        !index.same_cell(rider, RADIUS_M).ids.is_empty()
    );
    println!(
        "cell + 8 neighbours, {nine} characters, find it: {}",
        !index.nine_cells(rider, RADIUS_M).ids.is_empty()
    );
    println!();
}
// ANCHOR_END: edge

/// Work and agreement with brute force, summed over the riders.
#[derive(Default)]
struct Tally {
    same: usize,
    missed: usize,
    examined: usize,
    max_examined: usize,
    cells: usize,
}

impl Tally {
    fn add(&mut self, truth: &Found, got: &Found) {
        self.same += usize::from(got.ids == truth.ids);
        // Both lists are sorted, so a binary search finds each id.
        let missed = truth
            .ids
            .iter()
            .filter(|id| got.ids.binary_search(id).is_err());
        self.missed += missed.count();
        self.examined += got.examined;
        self.max_examined = self.max_examined.max(got.examined);
        self.cells += got.cells;
    }
}

fn compare(drivers: &[Point], index: &GeohashIndex, tree: &QuadTree) {
    let riders = city::riders(RIDERS, 2);
    let mut tallies: [Tally; 4] = Default::default();
    let mut found = 0;
    for &at in &riders {
        let truth = brute::within(drivers, at, RADIUS_M);
        found += truth.ids.len();
        tallies[0].add(&truth, &truth);
        tallies[1].add(&truth, &index.same_cell(at, RADIUS_M));
        tallies[2].add(&truth, &index.nine_cells(at, RADIUS_M));
        tallies[3].add(&truth, &tree.within(at, RADIUS_M));
    }
    let n = riders.len();
    println!("== {n} riders, drivers within {RADIUS_M} m ({found} found by brute force) ==");
    println!(
        "{:<22} {:>13} {:>15} {:>15} {:>8} {:>12}",
        "search", "same answer", "drivers missed", "examined/rider", "max", "cells/rider"
    );
    let names = [
        "brute force",
        "geohash, own cell",
        "geohash, 9 cells",
        "quadtree",
    ];
    for (name, t) in names.iter().zip(&tallies) {
        println!(
            "{name:<22} {:>6} of {n} {:>15} {:>15.0} {:>8} {:>12.1}",
            t.same,
            t.missed,
            t.examined as f64 / n as f64,
            t.max_examined,
            t.cells as f64 / n as f64,
        );
    }
    let ratio = |t: &Tally| tallies[0].examined as f64 / t.examined as f64;
    println!(
        "drivers examined, brute force / index: geohash 9 cells {:.0}x, quadtree {:.0}x",
        ratio(&tallies[2]),
        ratio(&tallies[3]),
    );
    println!();
}

fn density(index: &GeohashIndex, tree: &QuadTree) {
    let (leaves, deepest) = tree.shape();
    println!("== the fixed grid and the quadtree, where drivers crowd and where they do not ==");
    println!("quadtree: {leaves} leaves, the deepest at depth {deepest}");
    println!(
        "{:<24} {:>18}   {:>14} {:>18} {:>8}",
        "place", "its 6-char cell", "quadtree depth", "its leaf", "drivers"
    );
    let places = [
        (HOTSPOTS[0].0, HOTSPOTS[0].1),
        (HOTSPOTS[4].0, HOTSPOTS[4].1),
        ("Charing Cross", CENTRE),
        (
            "Hampton Court (outside)",
            Point {
                lat: 51.4036,
                lon: -0.3378,
            },
        ),
    ];
    for (name, at) in places {
        let leaf = tree.leaf_at(at);
        let b = leaf.bounds;
        println!(
            "{name:<24} {:>10} drivers   {:>14} {:>18} {:>8}",
            index.count(geohash::cell(at, 6)),
            leaf.depth,
            cell_m(b.north - b.south, b.east - b.west, at.lat),
            leaf.drivers,
        );
    }
}

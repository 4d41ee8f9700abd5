//! Pins the geohash encoding, neighbours and precision, the quadtree's
//! shape, and that both indexes answer exactly as brute force does.

use geo_index::city::{self, CENTRE, HOTSPOTS};
use geo_index::geohash::{self, GeohashIndex};
use geo_index::quadtree::{LEAF_CAPACITY, QuadTree};
use geo_index::{Point, brute, cap_half_extent_deg, haversine_m};
use seeded::SplitMix64;

fn pt(lat: f64, lon: f64) -> Point {
    Point { lat, lon }
}

// The published examples: Wikipedia's Jutland point and geohash.org's "ezs42".
#[test]
fn encodes_the_published_examples() {
    assert_eq!(geohash::encode(pt(57.64911, 10.40744), 11), "u4pruydqqvj");
    assert_eq!(geohash::encode(pt(42.605, -5.603), 5), "ezs42");
}

// A prefix of a geohash is the geohash of the same point at fewer characters.
#[test]
fn a_prefix_is_the_containing_cell() {
    let mut rng = SplitMix64(3);
    for _ in 0..1000 {
        let p = pt(rng.unit() * 180.0 - 90.0, rng.unit() * 360.0 - 180.0);
        let full = geohash::encode(p, 12);
        for chars in 1..12 {
            assert_eq!(geohash::encode(p, chars), full[..chars as usize]);
        }
    }
}

// London to Paris is about 343.5 km; a degree of longitude at 60 N is half
// of one at the equator.
#[test]
fn haversine_matches_known_distances() {
    let d = haversine_m(pt(51.5074, -0.1278), pt(48.8566, 2.3522));
    assert!((d - 343_500.0).abs() < 1_000.0, "{d}");
    let equator = haversine_m(pt(0.0, 0.0), pt(0.0, 1.0));
    let sixty = haversine_m(pt(60.0, 0.0), pt(60.0, 1.0));
    assert!((sixty / equator - 0.5).abs() < 1e-3, "{}", sixty / equator);
}

// A neighbour shares an edge: east starts where the cell ends, wrapping at
// the antimeridian; north starts at the cell's north edge; none past a pole.
#[test]
fn neighbours_share_an_edge_and_wrap() {
    let mut rng = SplitMix64(4);
    for _ in 0..2000 {
        let p = pt(rng.unit() * 180.0 - 90.0, rng.unit() * 360.0 - 180.0);
        let c = geohash::cell(p, 1 + rng.below(9) as u32);
        let (height, width) = c.size_deg();
        let sw = c.south_west();
        let east = c.neighbour(0, 1).unwrap();
        let expected_lon = if sw.lon + width >= 180.0 - 1e-9 {
            -180.0
        } else {
            sw.lon + width
        };
        assert!((east.south_west().lon - expected_lon).abs() < 1e-9);
        assert_eq!(east.south_west().lat, sw.lat);
        assert_eq!(east.neighbour(0, -1), Some(c));
        match c.neighbour(1, 0) {
            None => assert!(sw.lat + height >= 90.0 - 1e-9),
            Some(north) => {
                assert!((north.south_west().lat - (sw.lat + height)).abs() < 1e-9);
                assert_eq!(north.neighbour(-1, 0), Some(c));
            }
        }
    }
    // Fiji straddles the antimeridian: the cell east of 179.99 E is at 180 W.
    let fiji = geohash::cell(pt(-17.0, 179.99), 4);
    assert_eq!(fiji.neighbour(0, 1).unwrap().south_west().lon, -180.0);
    let pole = geohash::cell(pt(89.99, 10.0), 3);
    assert_eq!(pole.neighbour(1, 0), None);
    assert_eq!(pole.with_neighbours().len(), 6);
}

// 500 m in London needs 6-character cells; the same radius near the pole
// needs coarser cells, because its cells are narrower there.
#[test]
fn precision_follows_radius_and_latitude() {
    assert_eq!(geohash::chars_for_radius(CENTRE, 500.0), Some(6));
    assert_eq!(geohash::chars_for_radius(CENTRE, 50.0), Some(7));
    assert_eq!(geohash::chars_for_radius(CENTRE, 5_000.0), Some(4));
    assert_eq!(geohash::chars_for_radius(pt(78.0, 15.0), 500.0), Some(5));
    // The end-of-chapter quiz: 900 m in London, 2 km in Svalbard.
    assert_eq!(geohash::chars_for_radius(CENTRE, 900.0), Some(5));
    assert_eq!(
        geohash::chars_for_radius(pt(78.22, 15.65), 2_000.0),
        Some(4)
    );
    assert_eq!(cap_half_extent_deg(pt(89.9, 0.0), 50_000.0).1, 180.0);
    assert_eq!(geohash::chars_for_radius(pt(89.9, 0.0), 50_000.0), None);
}

// The chapter's cell-edge case: 50 m apart, no shared prefix; only the nine
// cells find the driver.
#[test]
fn own_cell_misses_a_driver_across_the_edge() {
    let meridian = pt(51.4779, 0.0);
    let rider = city::offset(meridian, 0.0, -25.0);
    let driver = city::offset(meridian, 0.0, 25.0);
    assert!((haversine_m(rider, driver) - 50.0).abs() < 0.01);
    let drivers = [driver];
    let index = GeohashIndex::new(&drivers);
    assert!(index.same_cell(rider, 500.0).ids.is_empty());
    assert_eq!(index.nine_cells(rider, 500.0).ids, vec![0]);
}

fn check_against_brute(drivers: &[Point], riders: &[Point], radii: &[f64]) {
    let index = GeohashIndex::new(drivers);
    let tree = QuadTree::new(drivers);
    let mut found = 0;
    for (i, &at) in riders.iter().enumerate() {
        let radius = radii[i % radii.len()];
        let truth = brute::within(drivers, at, radius);
        found += truth.ids.len();
        assert_eq!(
            index.nine_cells(at, radius).ids,
            truth.ids,
            "geohash, rider {i}"
        );
        assert_eq!(
            tree.within(at, radius).ids,
            truth.ids,
            "quadtree, rider {i}"
        );
    }
    assert!(
        found > riders.len(),
        "the queries found too little to test: {found}"
    );
}

// London: 20,000 drivers, 600 seeded riders, radii from 50 m to 5 km.
#[test]
fn both_indexes_agree_with_brute_force_in_london() {
    let drivers = city::drivers(20_000, 11);
    let riders = city::riders(600, 12);
    check_against_brute(&drivers, &riders, &[50.0, 200.0, 500.0, 1_500.0, 5_000.0]);
}

// The whole world up to 80 degrees, riders near the antimeridian included,
// radii up to 300 km.
#[test]
fn both_indexes_agree_with_brute_force_worldwide() {
    let mut rng = SplitMix64(13);
    let anywhere = |rng: &mut SplitMix64| pt(rng.unit() * 160.0 - 80.0, rng.unit() * 360.0 - 180.0);
    let drivers: Vec<Point> = (0..20_000).map(|_| anywhere(&mut rng)).collect();
    let mut riders: Vec<Point> = (0..200).map(|_| anywhere(&mut rng)).collect();
    // Either side of 180 degrees: 179 E to 180, and 180 W to 179 W.
    riders.extend((0..100).map(|i| {
        let lat = rng.unit() * 120.0 - 60.0;
        let side = if i % 2 == 0 { 179.0 } else { -180.0 };
        pt(lat, side + rng.unit())
    }));
    check_against_brute(&drivers, &riders, &[10_000.0, 100_000.0, 300_000.0]);
}

// Leaves split where drivers crowd: deep at King's Cross, shallow outside
// the city, and no leaf over capacity.
#[test]
fn the_quadtree_is_deep_where_drivers_crowd() {
    let drivers = city::drivers(100_000, 1);
    let tree = QuadTree::new(&drivers);
    let crowded = tree.leaf_at(HOTSPOTS[0].1);
    let outside = tree.leaf_at(pt(51.4036, -0.3378));
    assert!(
        crowded.depth >= outside.depth + 4,
        "{crowded:?} {outside:?}"
    );
    assert!(crowded.drivers <= LEAF_CAPACITY && outside.drivers <= LEAF_CAPACITY);
}

// A taxi rank: many drivers at one spot stop splitting at the maximum depth
// and are all found.
#[test]
fn drivers_at_one_spot_do_not_split_forever() {
    let mut drivers = vec![CENTRE; 200];
    drivers.push(city::offset(CENTRE, 100.0, 0.0));
    let tree = QuadTree::new(&drivers);
    assert_eq!(
        tree.within(CENTRE, 10.0).ids,
        (0..200).collect::<Vec<u32>>()
    );
    assert_eq!(tree.within(CENTRE, 150.0).ids.len(), 201);
}

// The indexes examine a small share of the drivers, and the own-cell search
// misses some of what brute force finds.
#[test]
fn the_indexes_do_less_work_and_the_own_cell_misses() {
    let drivers = city::drivers(20_000, 21);
    let index = GeohashIndex::new(&drivers);
    let tree = QuadTree::new(&drivers);
    let (mut nine, mut quad, mut misses) = (0, 0, 0);
    for at in city::riders(100, 22) {
        let truth = brute::within(&drivers, at, 500.0);
        nine += index.nine_cells(at, 500.0).examined;
        quad += tree.within(at, 500.0).examined;
        misses += usize::from(index.same_cell(at, 500.0).ids != truth.ids);
    }
    assert!(nine * 10 < 100 * 20_000, "geohash examined {nine}");
    assert!(quad * 10 < 100 * 20_000, "quadtree examined {quad}");
    assert!(misses > 10, "own-cell search missed only {misses} times");
}

// What random positions never hit: drivers and riders exactly on cell edges
// (grid lines of 1- to 6-character cells, the prime meridian, the equator,
// 180 degrees east and west, the poles themselves), and circles that take
// in a pole, where the quadtree's box spans every longitude. The geohash
// search is checked wherever it has a cell size (not over a pole).
#[test]
fn both_indexes_agree_with_brute_force_on_edges_and_poles() {
    let mut rng = SplitMix64(15);
    // A multiple of a cell's height or width for a random length of 1 to 6.
    let on_grid = |rng: &mut SplitMix64| {
        let bits = 5 * (1 + rng.below(6) as i32);
        let (h, w) = (
            180.0 / 2f64.powi(bits / 2),
            360.0 / 2f64.powi((bits + 1) / 2),
        );
        let lat = -90.0 + h * (rng.unit() * 180.0 / h).floor();
        let lon = -180.0 + w * (rng.unit() * 360.0 / w).floor();
        match rng.below(3) {
            0 => pt(lat, lon),
            1 => pt(lat, rng.unit() * 360.0 - 180.0),
            _ => pt(rng.unit() * 180.0 - 90.0, lon),
        }
    };
    let polar = |rng: &mut SplitMix64| {
        let lat = 90.0 - rng.unit() * 3.0;
        pt(
            if rng.below(2) == 0 { lat } else { -lat },
            rng.unit() * 360.0 - 180.0,
        )
    };
    let mut drivers: Vec<Point> = Vec::new();
    for i in 0..30_000 {
        drivers.push(match i % 3 {
            0 => on_grid(&mut rng),
            1 => polar(&mut rng),
            _ => pt(rng.unit() * 180.0 - 90.0, rng.unit() * 360.0 - 180.0),
        });
    }
    let exact = [
        pt(90.0, 0.0),
        pt(-90.0, 0.0),
        pt(0.0, 0.0),
        pt(0.0, 180.0),
        pt(0.0, -180.0),
        pt(45.0, 180.0),
        pt(-45.0, -180.0),
        pt(51.4779, 0.0),
    ];
    drivers.extend(exact);
    let mut riders: Vec<Point> = exact.to_vec();
    riders.extend((0..300).map(|i| {
        if i % 2 == 0 {
            on_grid(&mut rng)
        } else {
            polar(&mut rng)
        }
    }));
    check_against_brute_where_possible(&drivers, &riders, &[1_000.0, 50_000.0, 300_000.0]);
}

/// Like `check_against_brute`, but the geohash search only where a cell
/// size exists; counts the riders it checked, to be sure there were some.
fn check_against_brute_where_possible(drivers: &[Point], riders: &[Point], radii: &[f64]) {
    let index = GeohashIndex::new(drivers);
    let tree = QuadTree::new(drivers);
    let (mut found, mut geohash_checked, mut over_a_pole) = (0, 0, 0);
    for (i, &at) in riders.iter().enumerate() {
        let radius = radii[i % radii.len()];
        let truth = brute::within(drivers, at, radius);
        found += truth.ids.len();
        assert_eq!(
            tree.within(at, radius).ids,
            truth.ids,
            "quadtree, rider {i} at {at:?}"
        );
        if geohash::chars_for_radius(at, radius).is_some() {
            geohash_checked += 1;
            assert_eq!(
                index.nine_cells(at, radius).ids,
                truth.ids,
                "geohash, rider {i} at {at:?}"
            );
        } else {
            over_a_pole += 1;
        }
    }
    assert!(
        found > riders.len(),
        "the queries found too little to test: {found}"
    );
    assert!(
        geohash_checked > riders.len() / 2 && over_a_pole > 10,
        "{geohash_checked} {over_a_pole}"
    );
}

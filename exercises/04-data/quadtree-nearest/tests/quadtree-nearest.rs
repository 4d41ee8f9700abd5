//! Tests of `nearest`: the same answer as brute force, ties, edge cases, and
//! a small share of the drivers examined.

use quadtree_nearest::{Point, QuadTree, nearest};
use seeded::SplitMix64;

fn pt(x: f64, y: f64) -> Point {
    Point { x, y }
}

/// The answer to compare with: every driver, sorted by (distance, id).
fn brute(points: &[Point], at: Point, k: usize) -> Vec<u32> {
    let mut all: Vec<(f64, u32)> = points
        .iter()
        .enumerate()
        .map(|(id, p)| ((p.x - at.x).hypot(p.y - at.y), id as u32))
        .collect();
    let order = |a: &(f64, u32), b: &(f64, u32)| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1));
    // Only the k smallest need sorting: partition around the k-th first.
    if k < all.len() {
        all.select_nth_unstable_by(k, order);
        all.truncate(k);
    }
    all.sort_by(order);
    all.into_iter().map(|(_, id)| id).collect()
}

/// A 20 km city: 70% of drivers anywhere, 30% around three hotspots.
fn city(n: usize, seed: u64) -> Vec<Point> {
    let mut rng = SplitMix64(seed);
    let hotspots = [
        pt(6_000.0, 14_000.0),
        pt(12_500.0, 9_000.0),
        pt(3_000.0, 2_500.0),
    ];
    (0..n)
        .map(|_| {
            if rng.below(10) < 3 {
                let h = hotspots[rng.below(3)];
                pt(
                    h.x + (rng.unit() - 0.5) * 600.0,
                    h.y + (rng.unit() - 0.5) * 600.0,
                )
            } else {
                pt(rng.unit() * 20_000.0, rng.unit() * 20_000.0)
            }
        })
        .collect()
}

// 1,000 seeded riders, k from 1 to 40: exactly brute force's answer, in order.
#[test]
fn matches_brute_force_on_seeded_riders() {
    let points = city(20_000, 1);
    let tree = QuadTree::new(&points);
    let mut rng = SplitMix64(2);
    for i in 0..1000 {
        let at = if i % 3 == 0 {
            points[rng.below(points.len())]
        } else {
            pt(rng.unit() * 20_000.0, rng.unit() * 20_000.0)
        };
        let k = [1, 2, 5, 10, 40][i % 5];
        assert_eq!(
            nearest(&tree, at, k),
            brute(&points, at, k),
            "rider {i} at {at:?}, k = {k}"
        );
    }
}

// The nearest driver sits just across the edge of the rider's own cell,
// and a farther one inside it.
#[test]
fn the_nearest_can_be_across_a_cell_edge() {
    // Corners (0, 0) and (1000, 1000) make the root 0..1001: its quarters
    // meet at x = 500.5 and y = 500.5.
    let mut points = vec![pt(0.0, 0.0), pt(1000.0, 1000.0)];
    points.extend((0..20).map(|i| pt(5.0 + i as f64, 990.0)));
    points.push(pt(400.5, 300.0)); // in the rider's cell, 90 m away
    points.push(pt(510.5, 300.0)); // across the edge, 20 m away
    let tree = QuadTree::new(&points);
    assert_eq!(nearest(&tree, pt(490.5, 300.0), 1), vec![23]);
    assert_eq!(nearest(&tree, pt(490.5, 300.0), 2), vec![23, 22]);
}

// Two drivers at exactly the same distance in different cells: the smaller
// id wins, even when its cell is visited second.
#[test]
fn a_tie_across_cells_goes_to_the_smaller_id() {
    let mut points = vec![pt(500.5, 300.0)]; // id 0: on the edge, in the east cell
    points.extend([pt(0.0, 0.0), pt(1000.0, 1000.0)]);
    points.extend((0..20).map(|i| pt(5.0 + i as f64, 990.0)));
    points.push(pt(480.5, 300.0)); // id 23: the rider's own cell
    let tree = QuadTree::new(&points);
    assert_eq!(nearest(&tree, pt(490.5, 300.0), 1), vec![0]);
    assert_eq!(nearest(&tree, pt(490.5, 300.0), 2), vec![0, 23]);
}

// A taxi rank: ten drivers at one spot; the three smallest ids, in order.
#[test]
fn a_taxi_rank_returns_the_smallest_ids() {
    let mut points = city(2_000, 5);
    let rank = pt(7_000.0, 7_000.0);
    let first = points.len() as u32;
    points.extend(std::iter::repeat_n(rank, 10));
    let tree = QuadTree::new(&points);
    assert_eq!(nearest(&tree, rank, 3), vec![first, first + 1, first + 2]);
}

// A rider outside every cell of the tree still gets the nearest drivers.
#[test]
fn a_rider_off_the_map() {
    let points = city(5_000, 6);
    let tree = QuadTree::new(&points);
    for at in [
        pt(-3_000.0, 10_000.0),
        pt(25_000.0, 25_000.0),
        pt(10_000.0, -50.0),
    ] {
        assert_eq!(nearest(&tree, at, 7), brute(&points, at, 7), "{at:?}");
    }
}

// k = 0 asks for nothing; k beyond the fleet gets every driver, nearest first;
// an empty fleet gets nothing.
#[test]
fn k_of_zero_more_than_the_fleet_and_no_fleet() {
    let points = city(30, 7);
    let tree = QuadTree::new(&points);
    let at = pt(10_000.0, 10_000.0);
    assert_eq!(nearest(&tree, at, 0), Vec::<u32>::new());
    assert_eq!(nearest(&tree, at, 100), brute(&points, at, 100));
    assert_eq!(nearest(&QuadTree::new(&[]), at, 3), Vec::<u32>::new());
}

// The point of the tree: 500 riders asking for 10 drivers each examine at
// most 100 of 20,000 on average (the reference examines 26), where brute
// force examines them all.
#[test]
fn examines_a_small_share_of_the_drivers() {
    let points = city(20_000, 8);
    let tree = QuadTree::new(&points);
    let mut rng = SplitMix64(9);
    tree.reset_examined();
    for _ in 0..500 {
        nearest(&tree, pt(rng.unit() * 20_000.0, rng.unit() * 20_000.0), 10);
    }
    let per_rider = tree.examined() / 500;
    assert!(
        per_rider <= 100,
        "examined {per_rider} drivers a rider, of 20,000"
    );
}

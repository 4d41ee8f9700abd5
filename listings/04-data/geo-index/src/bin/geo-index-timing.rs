//! Wall-clock time of each search, for the curious: `cargo run --release -p
//! geo-index --bin geo-index-timing`. Not recorded (times vary by machine
//! and run); the recorded output counts drivers examined instead.

use std::time::Instant;

use geo_index::brute;
use geo_index::city;
use geo_index::geohash::GeohashIndex;
use geo_index::quadtree::QuadTree;

const DRIVERS: usize = 100_000;
const RIDERS: usize = 1_000;
const RADIUS_M: f64 = 500.0;

fn main() {
    let t = Instant::now();
    let drivers = city::drivers(DRIVERS, 1);
    let riders = city::riders(RIDERS, 2);
    println!("make drivers: {:?}", t.elapsed());
    let t = Instant::now();
    let index = GeohashIndex::new(&drivers);
    println!("build geohash index: {:?}", t.elapsed());
    let t = Instant::now();
    let tree = QuadTree::new(&drivers);
    println!("build quadtree: {:?}", t.elapsed());
    let mut total = [0usize; 3];
    let mut times = [0f64; 3];
    for &at in &riders {
        let t = Instant::now();
        total[0] += brute::within(&drivers, at, RADIUS_M).ids.len();
        times[0] += t.elapsed().as_secs_f64();
        let t = Instant::now();
        total[1] += index.nine_cells(at, RADIUS_M).ids.len();
        times[1] += t.elapsed().as_secs_f64();
        let t = Instant::now();
        total[2] += tree.within(at, RADIUS_M).ids.len();
        times[2] += t.elapsed().as_secs_f64();
    }
    assert!(total[0] == total[1] && total[1] == total[2], "{total:?}");
    let per = |s: f64| s / RIDERS as f64 * 1e6;
    println!(
        "per query: brute force {:.0} us, geohash 9 cells {:.0} us, quadtree {:.0} us",
        per(times[0]),
        per(times[1]),
        per(times[2])
    );
    println!(
        "brute force / geohash: {:.0}x, brute force / quadtree: {:.0}x",
        times[0] / times[1],
        times[0] / times[2]
    );
}

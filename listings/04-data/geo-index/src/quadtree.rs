//! A point-region quadtree over latitude and longitude: the world is one
//! cell, and a cell that holds more than `LEAF_CAPACITY` drivers splits
//! into four equal quarters. Where drivers crowd, cells split again and
//! again; where they are sparse, a cell stays large.

use crate::{Found, Point, cap_half_extent_deg, haversine_m, lon_overlaps};

/// Drivers a leaf holds before it splits.
pub const LEAF_CAPACITY: usize = 32;
/// Depth at which a leaf stops splitting: 2^-30 of the world is about 2 cm,
/// so only drivers at the very same spot ever reach it.
pub const MAX_DEPTH: u32 = 30;

/// A cell: south, north, west, east edges in degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    pub south: f64,
    pub north: f64,
    pub west: f64,
    pub east: f64,
}

impl Bounds {
    fn contains(&self, p: Point) -> bool {
        (self.south..self.north).contains(&p.lat) && (self.west..self.east).contains(&p.lon)
    }

    /// The four quarters, south-west first.
    fn quarters(&self) -> [Bounds; 4] {
        let mid_lat = (self.south + self.north) / 2.0;
        let mid_lon = (self.west + self.east) / 2.0;
        [
            (self.south, mid_lat, self.west, mid_lon),
            (self.south, mid_lat, mid_lon, self.east),
            (mid_lat, self.north, self.west, mid_lon),
            (mid_lat, self.north, mid_lon, self.east),
        ]
        .map(|(south, north, west, east)| Bounds {
            south,
            north,
            west,
            east,
        })
    }
}

enum Kind {
    Leaf(Vec<u32>),
    Inner([usize; 4]),
}

struct Node {
    bounds: Bounds,
    depth: u32,
    kind: Kind,
}

/// The leaf that holds a point: how deep, how large, how full.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Leaf {
    pub depth: u32,
    pub bounds: Bounds,
    pub drivers: usize,
}

pub struct QuadTree<'a> {
    drivers: &'a [Point],
    nodes: Vec<Node>,
}

impl<'a> QuadTree<'a> {
    pub fn new(drivers: &'a [Point]) -> QuadTree<'a> {
        let world = Bounds {
            south: -90.0,
            // Just over 90 and 180, so that the north pole and the
            // antimeridian fall inside the half-open world cell.
            north: 90.0 + 1e-9,
            west: -180.0,
            east: 180.0 + 1e-9,
        };
        let mut tree = QuadTree {
            drivers,
            nodes: vec![Node {
                bounds: world,
                depth: 0,
                kind: Kind::Leaf(Vec::new()),
            }],
        };
        for id in 0..drivers.len() as u32 {
            tree.insert(id);
        }
        tree
    }

    // ANCHOR: insert
    fn insert(&mut self, id: u32) {
        let p = self.drivers[id as usize];
        let mut at = 0;
        // Walk down to the leaf whose quarter holds the driver.
        while let Kind::Inner(children) = &self.nodes[at].kind {
            at = *children
                .iter()
                .find(|&&c| self.nodes[c].bounds.contains(p))
                .expect("the quarters cover their parent");
        }
        let Kind::Leaf(ids) = &mut self.nodes[at].kind else {
            unreachable!("the walk ends at a leaf")
        };
        ids.push(id);
        if ids.len() > LEAF_CAPACITY && self.nodes[at].depth < MAX_DEPTH {
            self.split(at);
        }
    }

    /// Turns a full leaf into four children and hands its drivers down.
    fn split(&mut self, at: usize) {
        let first = self.nodes.len();
        let depth = self.nodes[at].depth + 1;
        for bounds in self.nodes[at].bounds.quarters() {
            self.nodes.push(Node {
                bounds,
                depth,
                kind: Kind::Leaf(Vec::new()),
            });
        }
        let children = [first, first + 1, first + 2, first + 3];
        let Kind::Leaf(ids) = std::mem::replace(&mut self.nodes[at].kind, Kind::Inner(children))
        else {
            unreachable!("only leaves split")
        };
        for id in ids {
            // Re-inserting may split a child again when all its drivers
            // fall in one quarter.
            self.insert(id);
        }
    }
    // ANCHOR_END: insert

    // ANCHOR: search
    /// Drivers within `radius_m` of `at`: descend into every cell that
    /// overlaps the circle's bounding box, examine the drivers of the
    /// leaves reached.
    pub fn within(&self, at: Point, radius_m: f64) -> Found {
        let (half_height, half_width) = cap_half_extent_deg(at, radius_m);
        let (south, north) = (at.lat - half_height, at.lat + half_height);
        let (west, east) = (at.lon - half_width, at.lon + half_width);
        let mut found = Found::default();
        let mut stack = vec![0];
        while let Some(i) = stack.pop() {
            let node = &self.nodes[i];
            found.cells += 1;
            let b = node.bounds;
            if b.south > north || b.north < south || !lon_overlaps((west, east), (b.west, b.east)) {
                continue;
            }
            match &node.kind {
                Kind::Inner(children) => stack.extend(children),
                Kind::Leaf(ids) => {
                    for &id in ids {
                        found.examined += 1;
                        if haversine_m(at, self.drivers[id as usize]) <= radius_m {
                            found.ids.push(id);
                        }
                    }
                }
            }
        }
        found.ids.sort_unstable();
        found
    }
    // ANCHOR_END: search

    /// The leaf whose cell contains `p`.
    pub fn leaf_at(&self, p: Point) -> Leaf {
        let mut at = 0;
        loop {
            let node = &self.nodes[at];
            match &node.kind {
                Kind::Inner(children) => {
                    at = *children
                        .iter()
                        .find(|&&c| self.nodes[c].bounds.contains(p))
                        .expect("the quarters cover their parent");
                }
                Kind::Leaf(ids) => {
                    return Leaf {
                        depth: node.depth,
                        bounds: node.bounds,
                        drivers: ids.len(),
                    };
                }
            }
        }
    }

    /// Number of leaves and the depth of the deepest one.
    pub fn shape(&self) -> (usize, u32) {
        let leaves = self
            .nodes
            .iter()
            .filter(|n| matches!(n.kind, Kind::Leaf(_)));
        let count = leaves.clone().count();
        (count, leaves.map(|n| n.depth).max().unwrap_or(0))
    }
}

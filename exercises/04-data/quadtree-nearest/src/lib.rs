//! Your turn: the k nearest drivers with a quadtree. Write `nearest` below;
//! `tree` is given. Run the tests with `cargo test -p quadtree-nearest`.
//!
//! Positions are in metres on a flat city map (x east, y north), so the
//! distance is `hypot`. The tree hides the drivers' positions: the only way
//! to learn a driver's distance is `QuadTree::examine`, which counts.

pub mod tree {
    //! A point-region quadtree: a node is a square cell, a leaf holds at
    //! most `LEAF_CAPACITY` drivers, and a full leaf splits into quarters.

    use std::cell::Cell as Counter;

    /// A position in metres: x east, y north.
    #[derive(Clone, Copy, Debug, PartialEq)]
    pub struct Point {
        pub x: f64,
        pub y: f64,
    }

    /// A cell of the tree, edges in metres.
    #[derive(Clone, Copy, Debug, PartialEq)]
    pub struct Rect {
        pub min_x: f64,
        pub min_y: f64,
        pub max_x: f64,
        pub max_y: f64,
    }

    pub const LEAF_CAPACITY: usize = 8;
    const MAX_DEPTH: u32 = 24;

    /// What a node is: four children, or a leaf's driver ids.
    pub enum Node<'a> {
        Inner([usize; 4]),
        Leaf(&'a [u32]),
    }

    enum Kind {
        Inner([usize; 4]),
        Leaf(Vec<u32>),
    }

    pub struct QuadTree {
        points: Vec<Point>,
        rects: Vec<Rect>,
        kinds: Vec<Kind>,
        examined: Counter<usize>,
    }

    impl QuadTree {
        /// A tree over `points`; driver `i` is `points[i]`. The root is the
        /// smallest square around them all.
        pub fn new(points: &[Point]) -> QuadTree {
            let (mut lo_x, mut lo_y, mut hi_x, mut hi_y) = (0.0f64, 0.0f64, 1.0f64, 1.0f64);
            if let Some(first) = points.first() {
                (lo_x, lo_y, hi_x, hi_y) = (first.x, first.y, first.x, first.y);
            }
            for p in points {
                (lo_x, lo_y) = (lo_x.min(p.x), lo_y.min(p.y));
                (hi_x, hi_y) = (hi_x.max(p.x), hi_y.max(p.y));
            }
            // A metre over, so that the largest point falls inside the
            // half-open cells.
            let side = (hi_x - lo_x).max(hi_y - lo_y) + 1.0;
            let root = Rect {
                min_x: lo_x,
                min_y: lo_y,
                max_x: lo_x + side,
                max_y: lo_y + side,
            };
            let mut tree = QuadTree {
                points: points.to_vec(),
                rects: vec![root],
                kinds: vec![Kind::Leaf(Vec::new())],
                examined: Counter::new(0),
            };
            for id in 0..points.len() as u32 {
                tree.insert(id, 0, 0);
            }
            tree
        }

        fn insert(&mut self, id: u32, mut at: usize, mut depth: u32) {
            let p = self.points[id as usize];
            while let Kind::Inner(children) = &self.kinds[at] {
                let r = self.rects[at];
                let (mx, my) = ((r.min_x + r.max_x) / 2.0, (r.min_y + r.max_y) / 2.0);
                at = children[usize::from(p.x >= mx) + 2 * usize::from(p.y >= my)];
                depth += 1;
            }
            let Kind::Leaf(ids) = &mut self.kinds[at] else {
                unreachable!()
            };
            ids.push(id);
            if ids.len() > LEAF_CAPACITY && depth < MAX_DEPTH {
                let ids = std::mem::take(ids);
                let r = self.rects[at];
                let (mx, my) = ((r.min_x + r.max_x) / 2.0, (r.min_y + r.max_y) / 2.0);
                let first = self.rects.len();
                for (x0, x1, y0, y1) in [
                    (r.min_x, mx, r.min_y, my),
                    (mx, r.max_x, r.min_y, my),
                    (r.min_x, mx, my, r.max_y),
                    (mx, r.max_x, my, r.max_y),
                ] {
                    self.rects.push(Rect {
                        min_x: x0,
                        min_y: y0,
                        max_x: x1,
                        max_y: y1,
                    });
                    self.kinds.push(Kind::Leaf(Vec::new()));
                }
                self.kinds[at] = Kind::Inner([first, first + 1, first + 2, first + 3]);
                for id in ids {
                    self.insert(id, at, depth);
                }
            }
        }

        /// The root node's index.
        pub fn root(&self) -> usize {
            0
        }

        /// The cell of node `i`.
        pub fn rect(&self, i: usize) -> Rect {
            self.rects[i]
        }

        /// Node `i`: its children, or its drivers.
        pub fn node(&self, i: usize) -> Node<'_> {
            match &self.kinds[i] {
                Kind::Inner(children) => Node::Inner(*children),
                Kind::Leaf(ids) => Node::Leaf(ids),
            }
        }

        /// Distance in metres from `at` to driver `id`, counted as one
        /// driver examined.
        pub fn examine(&self, id: u32, at: Point) -> f64 {
            self.examined.set(self.examined.get() + 1);
            let p = self.points[id as usize];
            (p.x - at.x).hypot(p.y - at.y)
        }

        /// Drivers examined since the tree was built or last reset.
        pub fn examined(&self) -> usize {
            self.examined.get()
        }

        pub fn reset_examined(&self) {
            self.examined.set(0);
        }
    }
}

pub use tree::{Node, Point, QuadTree, Rect};

/// The ids of the `k` drivers nearest to `at`, nearest first; of two at the
/// same distance, the smaller id first. Fewer when the tree holds fewer.
pub fn nearest(tree: &QuadTree, at: Point, k: usize) -> Vec<u32> {
    let _ = (tree, at, k);
    todo!("the k nearest drivers, nearest first")
}

//! The chapter's figures, as SVG on stdout:
//! `cargo run -p consistent-hashing --bin consistent-hashing-figures -- ring` draws a ring of
//! three nodes with their virtual nodes and keys, and the keys that move
//! when a fourth joins; `-- spread` draws how evenly 100,000 keys spread
//! over ten nodes against the number of virtual nodes per node.

use std::process::ExitCode;

use consistent_hashing::hash::stable_hash;
use consistent_hashing::ring::{HashRing, NodeId, PlacementError};
use consistent_hashing::stats::Spread;
use figure::line::{Axis, LineChart, Series, Style};
use figure::ring::{Mark, Point, Ring};
use figure::scale::Scale;

/// A position on the ring as a fraction of the full turn.
fn turn(position: u64) -> f64 {
    position as f64 / 2f64.powi(64)
}

// ANCHOR: ring_figure
/// Three nodes with 4 points each, 90 keys, then node-3 joins.
fn ring() -> Result<String, PlacementError> {
    let mut ring = HashRing::new(4)?;
    for id in 0..3 {
        ring.add_node(NodeId(id));
    }
    let keys: Vec<u64> = (0..90)
        .map(|i| stable_hash(format!("user:{i}").as_bytes()))
        .collect();
    let before: Vec<NodeId> = keys
        .iter()
        .map(|&k| ring.node_for_hash(k))
        .collect::<Result<_, _>>()?;
    ring.add_node(NodeId(3));
    let mut points: Vec<Point> = ring
        .points()
        .map(|(position, node)| Point {
            at: turn(position),
            colour: node.0 as usize,
            mark: Mark::Node,
        })
        .collect();
    let mut moved = 0;
    for (key, old_owner) in keys.iter().zip(&before) {
        let owner = ring.node_for_hash(*key)?;
        let mark = if owner == *old_owner {
            Mark::Key
        } else {
            moved += 1;
            Mark::Highlighted
        };
        points.push(Point {
            at: turn(*key),
            colour: owner.0 as usize,
            mark,
        });
    }
    let mut legend: Vec<(String, usize, Mark)> = (0..4)
        .map(|id| (format!("{} point", NodeId(id)), id as usize, Mark::Node))
        .collect();
    legend[3].0.push_str(" (joins)");
    legend.push(("key, in its owner's colour".into(), 0, Mark::Key));
    legend.push((format!("key that moved ({moved})"), 3, Mark::Highlighted));
    Ok(Ring {
        id: "ring".into(),
        title: "A hash ring of three nodes, four points each, as node-3 joins".into(),
        description: format!(
            "Points of node-0, node-1 and node-2 sit at hashed positions around a circle, with 90 keys just inside, each coloured by the node that owns it. node-3 joins with four points of its own; the {moved} keys that now belong to it are circled. No key moves between the three old nodes."
        ),
        points,
        legend,
    }
    .render())
}
// ANCHOR_END: ring_figure

/// Keys per node over ten nodes, for rings of 1 to 1000 points per node.
fn spread() -> Result<String, PlacementError> {
    let keys: Vec<u64> = (0..100_000)
        .map(|i| stable_hash(format!("user:{i}").as_bytes()))
        .collect();
    let mut stddev = Vec::new();
    let mut busiest = Vec::new();
    for vnodes in [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] {
        let mut ring = HashRing::new(vnodes)?;
        for id in 0..10 {
            ring.add_node(NodeId(id));
        }
        let owners: Vec<NodeId> = keys
            .iter()
            .map(|&k| ring.node_for_hash(k))
            .collect::<Result<_, _>>()?;
        let spread = Spread::of(&owners, 10).expect("ten nodes");
        let x = f64::from(vnodes);
        stddev.push((x, 100.0 * spread.stddev_keys / spread.mean_keys));
        busiest.push((x, 100.0 * (spread.max_over_mean() - 1.0)));
    }
    let percent = |v: f64| format!("{v:.0}%");
    Ok(LineChart {
        id: "spread".into(),
        title: "Spread of 100,000 keys over ten nodes against virtual nodes per node".into(),
        description: "Both the standard deviation of keys per node and how far the busiest node is above the mean fall steadily as each node gets more points on the ring, from tens of percent with one point to a few percent with a thousand.".into(),
        x: Axis::new(Scale::Log10 { min: 1.0, max: 1000.0 }, "virtual nodes per node (log scale)"),
        y: Axis::new(Scale::Linear { min: 0.0, max: 140.0 }, "keys per node, % of the mean").with_format(percent),
        series: vec![
            Series {
                name: "busiest node above the mean".into(),
                points: busiest,
                style: Style::Solid,
                colour: 1,
            },
            Series {
                name: "standard deviation".into(),
                points: stddev,
                style: Style::Solid,
                colour: 0,
            },
        ],
    }
    .render())
}

fn main() -> ExitCode {
    figure::main(
        env!("CARGO_BIN_NAME"),
        &[("ring", ring as fn() -> _), ("spread", spread)],
    )
}

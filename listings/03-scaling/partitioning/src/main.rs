//! Range against hash partitioning on one million time-ordered order ids,
//! and a hot customer. Deterministic: only counting, no randomness.

use partitioning::measure::{ORDERS, customer_of, moved, nodes_for_scan, salted, skew};
use partitioning::scheme::{FixedPartitions, HashMod, Placement, Range};

const NODES: usize = 10;

fn main() {
    // ANCHOR: schemes
    let range = Range::even(NODES, ORDERS);
    let hash = HashMod { nodes: NODES };
    let fixed = FixedPartitions::new(120, NODES);
    // ANCHOR_END: schemes

    // ANCHOR: grow
    // An eleventh node. Range: split the last range in half and give the
    // upper half to the new node. Hash: % 11. Fixed: move whole partitions.
    let mut split_bounds = range.bounds.clone();
    let last = *split_bounds.last().expect("ten nodes, nine bounds");
    split_bounds.push(last + (ORDERS - last) / 2);
    let range_11 = Range {
        bounds: split_bounds,
    };
    let hash_11 = HashMod { nodes: NODES + 1 };
    let mut fixed_11 = FixedPartitions::new(120, NODES);
    fixed_11.add_node();
    // ANCHOR_END: grow

    println!(
        "{} orders, ids numbered in time order, on {NODES} nodes.",
        thousands(ORDERS)
    );
    println!();
    println!(
        "scheme                newest 10% of writes:  scan of 1,000 ids:  an 11th node joins:"
    );
    println!("                      busiest node / mean    nodes asked         keys that move");
    let rows: [(&str, &dyn Placement, &dyn Placement); 3] = [
        ("range", &range, &range_11),
        ("hash % n", &hash, &hash_11),
        ("120 hash partitions", &fixed, &fixed_11),
    ];
    for (name, before, after) in rows {
        let newest = skew(before, ORDERS * 9 / 10..ORDERS);
        let scan = nodes_for_scan(before, 500_000, 501_000);
        let moved = moved(before, after);
        println!(
            "{name:<21} {newest:>19.2}x  {scan:>17}  {:>17.1}%",
            100.0 * moved
        );
    }

    println!();
    println!("A hot customer: customer 42 places 30% of 100,000 orders; hash % {NODES}.");
    let by_customer = skew(&hash, (0..100_000).map(customer_of));
    println!("keyed by customer:             busiest node {by_customer:.2}x the mean");
    let salts = 8;
    let by_salted = skew(
        &hash,
        (0..100_000).map(|i| salted(customer_of(i), i, salts)),
    );
    println!(
        "keyed by customer and 1 of {salts}:  busiest node {by_salted:.2}x the mean; reading customer 42 asks {salts} keys"
    );
}

/// `1000000` as `1,000,000`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

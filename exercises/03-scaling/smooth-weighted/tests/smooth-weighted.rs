use smooth_weighted::{SmoothWeighted, WeightError};

fn take(balancer: &mut SmoothWeighted, n: usize) -> Vec<String> {
    (0..n).map(|_| balancer.pick().to_string()).collect()
}

/// nginx's own example: weights 5, 1 and 1 give a, a, b, a, c, a, a.
#[test]
fn five_one_one_interleaves() {
    let mut lb = SmoothWeighted::new(&[("a", 5), ("b", 1), ("c", 1)]).expect("valid");
    assert_eq!(take(&mut lb, 7), ["a", "a", "b", "a", "c", "a", "a"]);
    // And again: the scores are back where they started.
    assert_eq!(take(&mut lb, 7), ["a", "a", "b", "a", "c", "a", "a"]);
}

/// Over every cycle of `total weight` picks, each server gets exactly its
/// weight, for many mixes of weights.
#[test]
fn every_cycle_gives_each_server_its_weight() {
    let mixes: [&[(&str, u32)]; 4] = [
        &[("a", 3), ("b", 1)],
        &[("a", 2), ("b", 3), ("c", 5)],
        &[("a", 1), ("b", 1), ("c", 1), ("d", 1)],
        &[("a", 7), ("b", 4), ("c", 2), ("d", 1), ("e", 1)],
    ];
    for mix in mixes {
        let total: u32 = mix.iter().map(|&(_, w)| w).sum();
        let mut lb = SmoothWeighted::new(mix).expect("valid");
        for _ in 0..3 {
            let cycle = take(&mut lb, total as usize);
            for &(name, weight) in mix {
                let got = cycle.iter().filter(|n| *n == name).count();
                assert_eq!(got, weight as usize, "{mix:?}: {cycle:?}");
            }
        }
    }
}

/// Smooth: servers alternate as much as their weights allow, instead of
/// each taking its whole share in one burst (a, a, a, b, b).
#[test]
fn servers_alternate_instead_of_bursting() {
    let mut lb = SmoothWeighted::new(&[("a", 3), ("b", 2)]).expect("valid");
    assert_eq!(take(&mut lb, 5), ["a", "b", "a", "b", "a"]);
    let mut lb = SmoothWeighted::new(&[("a", 2), ("b", 2)]).expect("valid");
    assert_eq!(take(&mut lb, 4), ["a", "b", "a", "b"]);
    let mut lb = SmoothWeighted::new(&[("a", 1), ("b", 1), ("c", 1)]).expect("valid");
    assert_eq!(take(&mut lb, 6), ["a", "b", "c", "a", "b", "c"]);
}

/// Weights near the top of u32 do not overflow the scores.
#[test]
fn large_weights_do_not_overflow() {
    let mut lb = SmoothWeighted::new(&[("a", u32::MAX), ("b", u32::MAX), ("c", 1)]).expect("valid");
    let picks = take(&mut lb, 1_000);
    assert!(picks.iter().any(|n| n == "a") && picks.iter().any(|n| n == "b"));
}

/// Lists that cannot balance anything are refused with the reason.
#[test]
fn bad_lists_are_refused() {
    assert_eq!(SmoothWeighted::new(&[]).err(), Some(WeightError::Empty));
    assert_eq!(
        SmoothWeighted::new(&[("a", 2), ("b", 0)]).err(),
        Some(WeightError::ZeroWeight("b".to_string()))
    );
    assert_eq!(
        SmoothWeighted::new(&[("a", 2), ("a", 1)]).err(),
        Some(WeightError::Duplicate("a".to_string()))
    );
}

//! Pins the pipeline on real threads and on the simulated clock.

use worker_pool::pipeline::{expected, image_stages, run_pipeline};
use worker_pool::sim::{bottleneck, simulate};

// Pins the real pipeline: every stage sees every item, and the reorder
// buffer hands them out in id order with the right values, even with
// several workers per stage.
#[test]
fn real_pipeline_outputs_every_item_in_order() {
    for (d, r, u) in [(1, 1, 1), (2, 3, 2), (1, 4, 1)] {
        let stages = image_stages(d, r, u);
        let run = run_pipeline(&stages, 40, 2);
        assert_eq!(run.processed, vec![40, 40, 40]);
        let ids: Vec<usize> = run.outputs.iter().map(|i| i.id).collect();
        assert_eq!(ids, (0..40).collect::<Vec<_>>());
        for item in &run.outputs {
            assert_eq!(item.value, expected(&stages, item.id));
        }
    }
}

// Pins edge cases: no items, and channels of capacity 0 (hand to hand).
#[test]
fn real_pipeline_handles_no_items_and_rendezvous_channels() {
    let run = run_pipeline(&image_stages(1, 1, 1), 0, 2);
    assert!(run.outputs.is_empty());
    assert_eq!(run.processed, vec![0, 0, 0]);
    assert_eq!(
        run_pipeline(&image_stages(1, 2, 1), 10, 0).outputs.len(),
        10
    );
}

// Pins bad input: a stage without workers would never finish; refused.
#[test]
#[should_panic(expected = "every stage needs a worker")]
fn real_pipeline_refuses_a_stage_without_workers() {
    run_pipeline(&image_stages(1, 0, 1), 5, 2);
}

// Pins the simulated clock: fill time is the sum of the costs, then one item
// leaves every (slowest cost) ticks.
#[test]
fn simulated_pipeline_runs_at_its_slowest_stage() {
    let run = simulate(&image_stages(1, 1, 1), 10, 2);
    assert_eq!(run.first_out_tick, 6);
    assert_eq!(run.total_ticks, 6 + 3 * 9);
    assert_eq!(run.ticks_per_item, Some(3.0));
}

// Pins the rule of thumb against the simulation for several worker counts.
#[test]
fn model_and_simulation_agree() {
    for (d, r, u, per_item) in [
        (1, 1, 1, 3.0),
        (1, 1, 3, 3.0),
        (1, 3, 1, 2.0),
        (1, 3, 2, 1.0),
    ] {
        let stages = image_stages(d, r, u);
        assert_eq!(bottleneck(&stages).1, per_item);
        let sim = simulate(&stages, 200, 2).ticks_per_item.unwrap();
        assert!((sim - per_item).abs() < 0.05, "{d}/{r}/{u}: {sim}");
    }
}

// Pins that workers on a stage that is not the bottleneck buy nothing.
#[test]
fn adding_workers_off_the_bottleneck_changes_nothing() {
    assert_eq!(
        simulate(&image_stages(1, 1, 1), 24, 2).total_ticks,
        simulate(&image_stages(4, 1, 4), 24, 2).total_ticks
    );
}

// Pins ties: bottleneck names every stage with the worst ticks per item.
#[test]
fn bottleneck_reports_ties() {
    let (slowest, per_item) = bottleneck(&image_stages(1, 3, 2));
    assert_eq!(per_item, 1.0);
    assert_eq!(slowest.len(), 3);
    assert_eq!(bottleneck(&image_stages(1, 1, 1)).0[0].name, "resize");
}

// Pins backpressure: a bounded channel never holds more than its capacity,
// an unbounded one piles up work in front of the slow stage.
#[test]
fn bounded_channels_cap_the_queue_without_slowing_the_pipeline() {
    let bounded = simulate(&image_stages(1, 1, 1), 24, 2);
    let unbounded = simulate(&image_stages(1, 1, 1), 24, usize::MAX);
    assert_eq!(bounded.peak_waiting[0], 2);
    assert!(unbounded.peak_waiting[0] > 10);
    assert_eq!(bounded.total_ticks, unbounded.total_ticks);
}

// Pins edge cases of the model: no items take no time; one item has no rate.
#[test]
fn simulation_edge_cases() {
    let none = simulate(&image_stages(1, 1, 1), 0, 2);
    assert_eq!((none.total_ticks, none.ticks_per_item), (0, None));
    let one = simulate(&image_stages(1, 1, 1), 1, 2);
    assert_eq!((one.total_ticks, one.ticks_per_item), (6, None));
}

// Pins bad input: a zero-capacity channel is outside the model.
#[test]
#[should_panic(expected = "at least one item")]
fn simulation_refuses_zero_capacity() {
    simulate(&image_stages(1, 1, 1), 5, 0);
}

// Pins the what-if binary: the quiz's configuration, and refusal of bad input.
#[test]
fn what_if_prints_the_simulation_and_refuses_bad_input() {
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_what-if"))
            .args(args)
            .output()
            .unwrap()
    };
    let ok = run(&["1", "2", "1"]);
    assert!(ok.status.success());
    let text = String::from_utf8(ok.stdout).unwrap();
    assert!(
        text.contains("slowest stage: upload, 2.00 ticks per item"),
        "{text}"
    );
    for bad in [&["1", "0", "1"][..], &["1", "2"], &["a", "b", "c"]] {
        assert!(!run(bad).status.success(), "{bad:?} was accepted");
    }
}

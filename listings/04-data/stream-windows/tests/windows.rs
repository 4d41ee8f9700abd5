//! The properties the chapter claims, over many seeds.

use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use stream_windows::{
    Aggregator, Firing, LatePolicy, MINUTE, OUTAGE_MS, Request, SECOND, Session, Windows,
    add_to_sessions, batch_counts, batch_sessions, morning_rush, processing_time_counts, run,
};

const SEEDS: u64 = 100;

fn shapes() -> [Windows; 3] {
    [
        Windows::tumbling(MINUTE),
        Windows::tumbling(7 * SECOND),
        Windows::hopping(5 * MINUTE, MINUTE),
    ]
}

// The windows of a time are exactly those whose [start, start + size) holds it.
#[test]
fn window_starts_hold_the_time() {
    for w in [
        Windows::tumbling(10),
        Windows::hopping(10, 3),
        Windows::hopping(10, 5),
    ] {
        for t in 0..100u64 {
            let got: BTreeSet<u64> = w.starts(t).collect();
            let want: BTreeSet<u64> = (0..=t)
                .filter(|s| s % w.slide_ms == 0 && t < s + w.size_ms)
                .collect();
            assert_eq!(got, want, "t = {t}, {w:?}");
        }
    }
}

// A slide larger than the size would leave gaps no window covers.
#[test]
#[should_panic(expected = "slide <= size")]
fn a_slide_beyond_the_size_is_refused() {
    let _ = Windows::hopping(10, 11);
}

// With no bound, the job waits for the end and equals the batch count.
#[test]
fn an_infinite_bound_equals_the_batch_over_many_seeds() {
    for seed in 0..SEEDS {
        let requests = morning_rush(seed);
        for w in shapes() {
            let out = run(&requests, w, None, LatePolicy::Drop);
            assert_eq!(
                out.final_counts(),
                batch_counts(&requests, w),
                "seed {seed}"
            );
            assert_eq!(out.dropped, 0);
            assert!(out.emitted.iter().all(|e| e.firing == Firing::EndOfInput));
        }
    }
}

// Dropping late events never emits a window twice, whatever the bound.
#[test]
fn drop_emits_each_window_at_most_once() {
    for seed in 0..SEEDS {
        let requests = morning_rush(seed);
        for bound in [0, SECOND, 10 * SECOND, MINUTE] {
            for w in shapes() {
                let out = run(&requests, w, Some(bound), LatePolicy::Drop);
                let starts: BTreeSet<u64> = out.emitted.iter().map(|e| e.start_ms).collect();
                assert_eq!(
                    starts.len(),
                    out.emitted.len(),
                    "seed {seed}, bound {bound}"
                );
            }
        }
    }
}

// A window is emitted on time only once the watermark has passed its end,
// and after that no event it counts arrives: its result is final.
#[test]
fn on_time_results_are_final() {
    for seed in 0..50 {
        let requests = morning_rush(seed);
        let w = Windows::tumbling(MINUTE);
        let bound = 10 * SECOND;
        let out = run(&requests, w, Some(bound), LatePolicy::Drop);
        let mut max_seen = 0;
        let mut by_arrival: Vec<(u64, u64)> = Vec::new(); // (arrival, max seen after it)
        for r in &requests {
            max_seen = max_seen.max(r.event_ms);
            by_arrival.push((r.arrival_ms, max_seen));
        }
        for e in out.emitted.iter().filter(|e| e.firing == Firing::OnTime) {
            let end = e.start_ms + MINUTE;
            let (_, seen) = by_arrival.iter().rfind(|(at, _)| *at == e.at_ms).unwrap();
            assert!(
                seen - bound >= end,
                "seed {seed}: window emitted before the watermark"
            );
        }
    }
}

// Every event is counted, dropped or passed on: nothing vanishes, and the
// side output holds exactly what "drop" drops.
#[test]
fn side_output_holds_exactly_the_late_events() {
    for seed in 0..SEEDS {
        let requests = morning_rush(seed);
        let w = Windows::tumbling(MINUTE);
        let dropped = run(&requests, w, Some(5 * SECOND), LatePolicy::Drop);
        let side = run(&requests, w, Some(5 * SECOND), LatePolicy::SideOutput);
        assert_eq!(dropped.final_counts(), side.final_counts());
        assert_eq!(side.side_output.len() as u64, dropped.dropped);
        let counted: u64 = side.final_counts().values().sum();
        assert_eq!(
            counted + side.side_output.len() as u64,
            requests.len() as u64
        );
        // Each side-output event adds up with its window to the batch count.
        let truth = batch_counts(&requests, w);
        let mut fixed = side.final_counts();
        for r in &side.side_output {
            *fixed.entry(r.event_ms - r.event_ms % MINUTE).or_insert(0) += 1;
        }
        assert_eq!(fixed, truth, "seed {seed}");
    }
}

// Updates kept long enough end at the batch count, at the price of state.
#[test]
fn updates_converge_to_the_batch() {
    for seed in 0..SEEDS {
        let requests = morning_rush(seed);
        let w = Windows::tumbling(MINUTE);
        let keep = run(
            &requests,
            w,
            Some(5 * SECOND),
            LatePolicy::Update {
                keep_ms: 10 * MINUTE,
            },
        );
        assert_eq!(
            keep.final_counts(),
            batch_counts(&requests, w),
            "seed {seed}"
        );
        let drop = run(&requests, w, Some(5 * SECOND), LatePolicy::Drop);
        assert!(keep.peak_windows >= drop.peak_windows);
        // Kept for nothing, an update policy drops what "drop" drops.
        let none = run(
            &requests,
            w,
            Some(5 * SECOND),
            LatePolicy::Update { keep_ms: 0 },
        );
        assert_eq!(none.dropped, drop.dropped);
        assert_eq!(none.final_counts(), drop.final_counts());
    }
}

// A larger bound never drops more, over many seeds.
#[test]
fn a_larger_bound_drops_no_more() {
    for seed in 0..SEEDS {
        let requests = morning_rush(seed);
        let w = Windows::tumbling(MINUTE);
        let drops: Vec<u64> = [0, SECOND, 5 * SECOND, 30 * SECOND, 5 * MINUTE]
            .iter()
            .map(|&b| run(&requests, w, Some(b), LatePolicy::Drop).dropped)
            .collect();
        assert!(
            drops.windows(2).all(|p| p[0] >= p[1]),
            "seed {seed}: {drops:?}"
        );
    }
}

// The outage moves requests from 08:03 into 08:04 by processing time.
#[test]
fn processing_time_misplaces_the_outage() {
    for seed in 0..SEEDS {
        let requests = morning_rush(seed);
        let w = Windows::tumbling(MINUTE);
        let truth = batch_counts(&requests, w);
        let seen = processing_time_counts(&requests, w);
        let minute_3 = OUTAGE_MS.0 - OUTAGE_MS.0 % MINUTE;
        assert!(seen[&minute_3] < truth[&minute_3], "seed {seed}");
        assert!(
            seen[&(minute_3 + MINUTE)] > truth[&(minute_3 + MINUTE)],
            "seed {seed}"
        );
    }
}

// An event exactly a gap after a session joins it (Flink's rule); one
// millisecond more starts a new session.
#[test]
fn a_session_reaches_exactly_one_gap() {
    let mut s = Vec::new();
    add_to_sessions(&mut s, 100, 30);
    add_to_sessions(&mut s, 130, 30);
    assert_eq!(s.len(), 1);
    add_to_sessions(&mut s, 161, 30);
    assert_eq!(s.len(), 2);
    assert_eq!(
        s[0],
        Session {
            start_ms: 100,
            end_ms: 160,
            events: 2
        }
    );
}

// The streaming sessions equal the batch sessions over the chapter's riders.
#[test]
fn rider_sessions_equal_the_batch() {
    for seed in 0..50 {
        let requests = morning_rush(seed);
        let mut by_rider: BTreeMap<u32, (Vec<Session>, Vec<u64>)> = BTreeMap::new();
        for r in &requests {
            let (s, times) = by_rider.entry(r.rider).or_default();
            add_to_sessions(s, r.event_ms, 30 * SECOND);
            times.push(r.event_ms);
        }
        for (s, times) in by_rider.values() {
            assert_eq!(*s, batch_sessions(times, 30 * SECOND), "seed {seed}");
        }
    }
}

proptest! {
    // Sessions do not depend on the order events arrive in.
    #[test]
    fn session_merge_is_order_independent(
        times in proptest::collection::vec(0u64..2_000, 1..40),
        gap in 1u64..200,
        keys in proptest::collection::vec(any::<u64>(), 40),
    ) {
        let mut shuffled = times.clone();
        // Sort by a random key: a random permutation.
        let mut order: Vec<usize> = (0..times.len()).collect();
        order.sort_by_key(|&i| keys[i]);
        for (slot, &i) in order.iter().enumerate() {
            shuffled[slot] = times[i];
        }
        let build = |ts: &[u64]| {
            let mut s = Vec::new();
            for &t in ts {
                add_to_sessions(&mut s, t, gap);
            }
            s
        };
        let a = build(&times);
        prop_assert_eq!(&a, &build(&shuffled));
        prop_assert_eq!(&a, &batch_sessions(&times, gap));
        prop_assert_eq!(a.iter().map(|s| s.events).sum::<u64>(), times.len() as u64);
    }
}

// The stream is deterministic and in arrival order.
#[test]
fn the_stream_repeats_and_arrives_in_order() {
    let a: Vec<Request> = morning_rush(7);
    assert_eq!(a, morning_rush(7));
    assert!(a.windows(2).all(|p| p[0].arrival_ms <= p[1].arrival_ms));
    assert!(a.iter().all(|r| r.arrival_ms >= r.event_ms));
}

// An aggregator fed nothing emits nothing.
#[test]
fn an_empty_stream_emits_nothing() {
    let job = Aggregator::new(Windows::tumbling(MINUTE), Some(SECOND), LatePolicy::Drop);
    let out = job.finish(0);
    assert!(out.emitted.is_empty() && out.dropped == 0);
}

// Late means "its window was emitted", not "behind the watermark": a
// request behind the watermark whose window is open is still counted.
#[test]
fn behind_the_watermark_but_in_an_open_window_is_counted() {
    let req = |id: u32, event_ms: u64| Request {
        id,
        rider: 0,
        event_ms,
        arrival_ms: u64::from(id),
    };
    let w = Windows::tumbling(MINUTE);
    // The watermark reads 40 s when a request made at 10 s arrives; the
    // window [0, 60 s) is still open.
    let stream = [req(0, 5 * SECOND), req(1, 45 * SECOND), req(2, 10 * SECOND)];
    let out = run(&stream, w, Some(5 * SECOND), LatePolicy::Drop);
    assert_eq!(out.dropped, 0);
    assert_eq!(out.final_counts()[&0], 3);
    // Once 65 s has been seen, [0, 60 s) is emitted and a request for it is late.
    let stream = [req(0, 5 * SECOND), req(1, 65 * SECOND), req(2, 10 * SECOND)];
    let out = run(&stream, w, Some(5 * SECOND), LatePolicy::Drop);
    assert_eq!(out.dropped, 1);
    assert_eq!(out.final_counts()[&0], 1);
}

// A window is emitted by the request that makes the watermark reach its
// end, not one request later.
#[test]
fn a_window_is_emitted_when_the_watermark_reaches_its_end() {
    let req = |id: u32, event_ms: u64| Request {
        id,
        rider: 0,
        event_ms,
        arrival_ms: u64::from(id),
    };
    let w = Windows::tumbling(MINUTE);
    // 65 s seen, bound 5 s: the watermark is exactly 60 s, the end of [0, 60 s).
    let stream = [req(0, 5 * SECOND), req(1, 65 * SECOND)];
    let out = run(&stream, w, Some(5 * SECOND), LatePolicy::Drop);
    let first = out.emitted[0];
    assert_eq!((first.start_ms, first.count), (0, 1));
    assert_eq!((first.firing, first.at_ms), (Firing::OnTime, 1));
}

// In hopping windows each window is judged on its own: a request is counted
// in those still open and dropped only when all of them were emitted.
#[test]
fn a_request_late_for_one_hopping_window_counts_in_the_others() {
    let req = |id: u32, event_ms: u64| Request {
        id,
        rider: 0,
        event_ms,
        arrival_ms: u64::from(id),
    };
    let five = Windows::hopping(5 * MINUTE, MINUTE);
    let at = |m: u64, s: u64| 10 * MINUTE + m * MINUTE + s * SECOND;
    // The watermark reads 4:30 (4:35 seen, bound 5 s) when a request made at
    // 3:50 arrives: of its five windows, only the one ending at 4:00 has
    // been emitted (with the first request alone).
    let stream = [req(0, at(0, 0)), req(1, at(4, 35)), req(2, at(3, 50))];
    let out = run(&stream, five, Some(5 * SECOND), LatePolicy::Drop);
    assert_eq!(out.dropped, 0);
    let counts = out.final_counts();
    assert_eq!(counts[&(at(0, 0) - MINUTE)], 1, "emitted before it came");
    for m in 0..=3 {
        let want = 2 + u64::from(m == 0); // the first request is only in [0:00, 5:00)
        assert_eq!(counts[&at(m, 0)], want, "window from {m}:00");
    }
}

// Updates kept for no time hold no more windows than "drop": emitted windows
// are released once their keep time has passed.
#[test]
fn updates_release_windows_after_their_keep_time() {
    for seed in 0..20 {
        let requests = morning_rush(seed);
        let w = Windows::tumbling(MINUTE);
        let drop = run(&requests, w, Some(5 * SECOND), LatePolicy::Drop);
        let none = run(
            &requests,
            w,
            Some(5 * SECOND),
            LatePolicy::Update { keep_ms: 0 },
        );
        assert_eq!(none.peak_windows, drop.peak_windows, "seed {seed}");
        let minute = run(
            &requests,
            w,
            Some(5 * SECOND),
            LatePolicy::Update { keep_ms: MINUTE },
        );
        assert!(
            minute.peak_windows < 10,
            "seed {seed}: {}",
            minute.peak_windows
        );
    }
}
